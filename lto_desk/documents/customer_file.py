"""The customer file: one printable Letter PDF with everything we know about a customer.

``render_customer_file(CustomerFile(...)) -> bytes`` lays out, in the page's
language (English or Spanish): the profile, staying in touch (contact
preferences and mailing-list consent), the household and their cars, the
agreements with their vehicles, a payment summary per agreement, the notes
(pinned first, then newest first) and the customers this one referred.

It runs over as many pages as it needs; every page carries a footer with the
dealer's name, the print date, "Confidential — customer file" and
"Page n of N". Money is in integer cents and goes through :func:`i18n.money`;
dates go through Babel. Nothing printed shames anyone: lateness is printed as
"days since the due date". The records it prints are in
:mod:`.customer_file_records` (and may be imported from here).

Layer: ReportLab (platypus) only; plain frozen dataclasses in, bytes out.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from babel.dates import format_skeleton
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from . import i18n
from .customer_file_records import (
    AgreementLine,
    ContactPreferences,
    CustomerFile,
    CustomerProfile,
    HouseholdCar,
    HouseholdMember,
    MailingConsent,
    NoteLine,
    PaymentSummary,
    Phone,
    ReferralLine,
    ordered_notes,
)
from .paging import NumberedCanvas
from .fonts import FontPair, register_fonts
from .i18n import text
from .letter_page import (
    ACCENT,
    FOOTER_SIZE,
    HEAD_FILL,
    INK,
    MUTED,
    RULE,
    SHADE,
    HRule,
    boxed,
    footer_rule,
    label_value_rows,
    letter_doc,
    para_text,
    section_heading,
    style_maker,
)

__all__ = [
    "Phone",
    "ContactPreferences",
    "MailingConsent",
    "CustomerProfile",
    "HouseholdMember",
    "HouseholdCar",
    "PaymentSummary",
    "AgreementLine",
    "NoteLine",
    "ReferralLine",
    "CustomerFile",
    "ordered_notes",
    "build_story",
    "render_customer_file",
]

# -- look ------------------------------------------------------------------------

PAGE_W, PAGE_H = letter
MARGIN_X = 0.75 * inch
MARGIN_TOP = 0.7 * inch
MARGIN_BOTTOM = 0.85 * inch
CONTENT_W = PAGE_W - 2 * MARGIN_X
PIN_FILL = SHADE

#: A note taller than this splits across pages where it falls; shorter ones move whole.
LONG_NOTE = 3 * inch

BODY = 9.5
SMALL = 8.0


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    name: ParagraphStyle
    kicker: ParagraphStyle
    dealer: ParagraphStyle
    note: ParagraphStyle
    note_meta: ParagraphStyle


def _styles(f: FontPair) -> _Styles:
    st = style_maker(f, size=BODY, spacing=1.35)
    return _Styles(
        body=st("body"),
        small=st("small", fontSize=SMALL, leading=SMALL * 1.35),
        muted=st("muted", fontSize=SMALL, leading=SMALL * 1.35, textColor=MUTED),
        label=st("label", fontSize=SMALL + 0.5, leading=(SMALL + 0.5) * 1.35, textColor=MUTED),
        cell=st("cell", fontSize=SMALL + 0.5, leading=(SMALL + 0.5) * 1.3),
        cell_right=st("cell_right", fontSize=SMALL + 0.5, leading=(SMALL + 0.5) * 1.3, alignment=TA_RIGHT),
        cell_head=st("cell_head", fontName=f.bold, fontSize=SMALL, leading=SMALL * 1.3, textColor=ACCENT),
        cell_head_right=st(
            "cell_head_right", fontName=f.bold, fontSize=SMALL, leading=SMALL * 1.3, textColor=ACCENT, alignment=TA_RIGHT
        ),
        heading=st("heading", fontName=f.bold, fontSize=12.5, leading=16, spaceBefore=14, spaceAfter=5, keepWithNext=1),
        subheading=st("subheading", fontName=f.bold, fontSize=10, leading=13, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        name=st("name", fontName=f.bold, fontSize=19, leading=23),
        kicker=st("kicker", fontSize=SMALL + 0.5, leading=11, textColor=MUTED),
        dealer=st("dealer", fontName=f.bold, fontSize=11, leading=14, alignment=TA_RIGHT),
        note=st("note", fontSize=BODY, leading=BODY * 1.4),
        note_meta=st("note_meta", fontSize=SMALL, leading=SMALL * 1.35, textColor=MUTED),
    )


# -- helpers for words -----------------------------------------------------------


def _lang_name(code: str, lang: str) -> str:
    return text("cf_lang_es" if i18n.language_of(code) == "es" else "cf_lang_en", lang)


def _phone_label(label: str, lang: str) -> str:
    key = label.strip().lower()
    key = {"cell": "mobile", "celular": "mobile", "móvil": "mobile", "casa": "home", "trabajo": "work"}.get(key, key)
    if key in ("mobile", "home", "work", "other"):
        return text(f"cf_phone_{key}", lang)
    return label.strip()


def _tag(tag: str, lang: str) -> str:
    key = tag.strip().lower()
    if f"cf_tag_{key}" in i18n.LABELS["en"]:
        return text(f"cf_tag_{key}", lang)
    return tag.strip()


def _month_year(d: dt.date, lang: str) -> str:
    """``June 2026`` / ``junio de 2026``."""
    return format_skeleton("yMMMM", d, locale=i18n.locale_of(lang)).replace("\u202f", "\u00a0")


def _date(d: dt.date | None, lang: str) -> str:
    return i18n.date_long(d, lang) if d is not None else ""


def _days_since_due(days: int, lang: str) -> str:
    return text("cf_days_since_due_one", lang) if days == 1 else text("cf_days_since_due", lang, days=days)


def _ways(contact: ContactPreferences, lang: str) -> str:
    ways = [
        text(key, lang)
        for key, on in (
            ("cf_call", contact.call),
            ("cf_text", contact.text),
            ("cf_mail", contact.mail),
            ("cf_email_pref", contact.email),
        )
        if on
    ]
    return ", ".join(ways) if ways else text("cf_no_ways", lang)


def _mailing(m: MailingConsent, lang: str) -> str:
    if m.opted_out_on is not None:
        if m.given_on is not None:
            return text(
                "cf_mailing_joined_out", lang, given=i18n.date_long(m.given_on, lang), date=i18n.date_long(m.opted_out_on, lang)
            )
        return text("cf_mailing_out", lang, date=i18n.date_long(m.opted_out_on, lang))
    if m.given_on is not None:
        return text("cf_mailing_yes", lang, date=i18n.date_long(m.given_on, lang))
    return text("cf_mailing_no", lang)


# -- sections --------------------------------------------------------------------


def _heading(title: str, s: _Styles, room: float = 0.0) -> list[Flowable]:
    """A section title over a rule, started on a new page unless the title and the
    start of the section (``room`` points of it, at least an inch) fit: no orphan headings."""
    return section_heading(title, s.heading, rule_width=CONTENT_W, room=max(1.1 * inch, 0.55 * inch + room))


def _none(s: _Styles, lang: str) -> Paragraph:
    return Paragraph(para_text(text("cf_none", lang)), s.muted)


def _facts(rows: list[tuple[str, str]], s: _Styles, label_w: float = 1.75 * inch) -> Table:
    """Label / value rows (rows with an empty value are left out)."""
    data = [[Paragraph(para_text(label), s.label), Paragraph(value, s.body)] for label, value in rows if value.strip()]
    return label_value_rows(data, CONTENT_W, label_w, colors.Color(0.9, 0.9, 0.9))


def _grid(
    head: list[str],
    rows: list[list[str]],
    widths: list[float],
    s: _Styles,
    right: tuple[int, ...] = (),
    group: tuple[list[str], int, int] | None = None,
) -> Table:
    """A table with a shaded header repeated on every page it spans.

    ``group``: an extra header row above (its cells, and the first and last
    column of one group title spanning several columns, centred over them).
    """
    fr = [w * CONTENT_W for w in widths]
    data = []
    n_head = 1
    if group is not None:
        cells, first, last = group
        centred = ParagraphStyle("group", parent=s.cell_head, alignment=1)
        data.append([Paragraph(para_text(c), centred if i == first else s.cell_head) for i, c in enumerate(cells)])
        n_head = 2
    data.append([Paragraph(para_text(h), s.cell_head_right if i in right else s.cell_head) for i, h in enumerate(head)])
    for row in rows:
        data.append([Paragraph(v, s.cell_right if i in right else s.cell) for i, v in enumerate(row)])
    h = n_head - 1
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, h), HEAD_FILL),
        ("LINEBELOW", (0, h), (-1, h), 0.6, ACCENT),
        ("LINEBELOW", (0, n_head), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if group is not None:
        _, first, last = group
        style += [
            ("SPAN", (first, 0), (last, 0)),
            ("LINEBELOW", (first, 0), (last, 0), 0.4, MUTED),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
            ("TOPPADDING", (0, 1), (-1, 1), 2),
        ]
    t = Table(data, colWidths=fr, repeatRows=n_head, hAlign="LEFT")
    t.setStyle(TableStyle(style))
    return t


def _title_block(data: CustomerFile, s: _Styles, lang: str) -> list[Flowable]:
    p, d = data.profile, data.dealer
    left = [Paragraph(para_text(text("cf_title", lang).upper()), s.kicker), Spacer(0, 2), Paragraph(para_text(p.full_name), s.name)]
    sub = []
    preferred = p.preferred_name.strip()
    if preferred and preferred != p.full_name.strip():
        sub.append(text("cf_goes_by", lang, name=preferred))
    if p.customer_since is not None:
        sub.append(text("cf_since", lang, date=i18n.date_long(p.customer_since, lang)))
    if sub:
        left += [Spacer(0, 3), Paragraph(para_text("  ·  ".join(sub)), s.body)]
    right = [
        Paragraph(para_text(d.name), s.dealer),
        Paragraph(para_text(d.address), ParagraphStyle("dr", parent=s.muted, alignment=TA_RIGHT)),
        Paragraph(para_text(d.phone), ParagraphStyle("dp", parent=s.muted, alignment=TA_RIGHT)),
    ]
    t = Table([[left, right]], colWidths=[CONTENT_W * 0.62, CONTENT_W * 0.38], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out: list[Flowable] = [t, Spacer(0, 6), HRule(CONTENT_W, weight=1.2, color=INK, space=2)]
    if p.welcome_back:
        words = Paragraph(para_text(text("cf_welcome_back", lang)), s.body)
        box = boxed(words, CONTENT_W, fill=PIN_FILL, border=ACCENT, weight=0.8, padding=(8, 6, 5, 6))
        out += [Spacer(0, 6), box]
    return out


def _profile(p: CustomerProfile, s: _Styles, lang: str) -> list[Flowable]:
    phones = "<br/>".join(
        f"{para_text(_phone_label(ph.label, lang))}: {para_text(ph.number)}" if ph.label.strip() else para_text(ph.number) for ph in p.phones
    )
    rows = [
        (text("cf_full_name", lang), para_text(p.full_name)),
        (text("cf_preferred_name", lang), para_text(p.preferred_name)),
        (text("cf_language", lang), para_text(_lang_name(p.language, lang))),
        (text("cf_birthday", lang), para_text(_date(p.birthday, lang))),
        (text("cf_customer_since", lang), para_text(_date(p.customer_since, lang))),
        (text("cf_employer", lang), para_text(p.employer)),
        (text("cf_referred_by", lang), para_text(p.referred_by)),
        (text("cf_welcome_back_label", lang), para_text(text("cf_yes", lang)) if p.welcome_back else ""),
    ]
    contact = [
        (text("cf_phones", lang), phones),
        (text("cf_email", lang), para_text(p.email)),
        (text("cf_address", lang), para_text(p.address)),
        (text("cf_ways", lang), para_text(_ways(p.contact, lang))),
        (text("cf_best_time", lang), para_text(p.contact.best_time)),
        (text("cf_mailing", lang), para_text(_mailing(p.mailing, lang))),
    ]
    return [
        *_heading(text("cf_profile", lang), s),
        _facts(rows, s),
        *_heading(text("cf_contact", lang), s),
        _facts(contact, s),
    ]


def _household(data: CustomerFile, s: _Styles, lang: str) -> list[Flowable]:
    out = _heading(text("cf_household", lang), s)
    if data.household:
        rows = [[para_text(m.name), para_text(m.relation), para_text(_date(m.birthday, lang)), para_text(m.notes)] for m in data.household]
        head = [text("cf_name", lang), text("cf_relation", lang), text("cf_birthday", lang), text("cf_notes", lang)]
        out.append(_grid(head, rows, [0.27, 0.15, 0.22, 0.36], s))
    else:
        out.append(_none(s, lang))
    out += _heading(text("cf_cars", lang), s)
    if data.cars:
        rows = [
            [
                para_text(" ".join(str(v) for v in (c.year, c.make, c.model) if v not in (None, ""))),
                para_text(c.driver),
                para_text(_month_year(c.may_replace_by, lang) if c.may_replace_by else ""),
            ]
            for c in data.cars
        ]
        head = [text("cf_car", lang), text("cf_driver", lang), text("cf_replace_by", lang)]
        out.append(_grid(head, rows, [0.42, 0.30, 0.28], s))
    else:
        out.append(_none(s, lang))
    return out


def _now_cell(a: AgreementLine, s: _Styles, lang: str) -> str:
    if a.status != "active":
        return para_text(text("cf_nothing_owed", lang))
    lines: list[str] = []
    if a.due_now > 0:
        lines.append(f"<b>{para_text(text('cf_due_now', lang, amount=i18n.money(a.due_now, lang)))}</b>")
        if a.days_since_due > 0:
            lines.append(para_text(_days_since_due(a.days_since_due, lang)))
    else:
        lines.append(para_text(text("cf_up_to_date", lang)))
    if a.payoff is not None:
        lines.append(para_text(text("cf_payoff", lang, amount=i18n.money(a.payoff, lang))))
    return "<br/>".join(lines)


def _muted(s: str) -> str:
    return f'<font color="#666666" size="{SMALL}">{s}</font>'


def _agreements(data: CustomerFile, s: _Styles, lang: str) -> list[Flowable]:
    out = _heading(text("cf_agreements", lang), s)
    if not data.agreements:
        out.append(_none(s, lang))
        return out
    rows = []
    for a in data.agreements:
        ids = [text("vin", lang, tail=a.vin_tail.strip()[-6:])] if a.vin_tail.strip() else []
        if a.stock_number.strip():
            ids.append(text("cf_stock", lang, stock=a.stock_number.strip()))
        vehicle = f"<b>{para_text(a.vehicle)}</b>" + "".join(f"<br/>{_muted(para_text(i))}" for i in ids)
        status = para_text(text(f"cf_status_{a.status}", lang))
        if a.closed_on is not None:
            status += "<br/>" + _muted(para_text(text("cf_closed_on", lang, date=i18n.date_short(a.closed_on, lang))))
        progress = (
            para_text(text("cf_progress_value", lang, paid=a.installments_paid, total=a.number_of_payments))
            if a.number_of_payments > 0
            else ""
        )
        rows.append([vehicle, para_text(i18n.date_short(a.opened_on, lang)), status, progress, _now_cell(a, s, lang)])
    head = [
        text("cf_vehicle", lang),
        text("cf_opened", lang),
        text("cf_status", lang),
        text("cf_progress", lang),
        text("cf_now", lang),
    ]
    out.append(_grid(head, rows, [0.28, 0.14, 0.20, 0.11, 0.27], s))

    sum_rows = []
    for a in data.agreements:
        m = a.payments
        sum_rows.append(
            [
                para_text(a.vehicle),
                para_text(i18n.money(m.total_paid, lang)),
                para_text(str(m.payments_count)),
                para_text(i18n.money(m.late_fees_charged, lang)),
                para_text(i18n.money(m.late_fees_paid, lang)),
                para_text(i18n.money(m.late_fees_waived, lang)),
                para_text(i18n.date_short(m.last_payment_on, lang) if m.last_payment_on else text("cf_dash", lang)),
            ]
        )
    head = [
        text("cf_vehicle", lang),
        text("cf_total_paid", lang),
        text("cf_payments_made", lang),
        text("cf_fees_charged", lang),
        text("cf_fees_paid", lang),
        text("cf_fees_waived", lang),
        text("cf_last_payment", lang),
    ]
    group = ["", "", "", text("cf_late_fees", lang), "", "", ""]
    summary = _grid(
        head, sum_rows, [0.21, 0.14, 0.12, 0.13, 0.13, 0.13, 0.14], s, right=(1, 2, 3, 4, 5), group=(group, 3, 5)
    )
    out.append(Spacer(0, 4))
    out.append(KeepTogether([Paragraph(para_text(text("cf_payment_summary", lang)), s.subheading), summary]))
    return out


def _note(n: NoteLine, s: _Styles, lang: str) -> tuple[Flowable, float]:
    """The note as a flowable, and its height (0 for a long note that may split anywhere)."""
    marks = []
    if n.pinned:
        marks.append(f"<b>{para_text(text('cf_pinned', lang).upper())}</b>")
    if n.cue:
        marks.append(f"<b>{para_text(text('cf_cue', lang))}</b>")
    meta = [i18n.datetime_short(n.written_at, lang)]
    if n.author.strip():
        meta.append(n.author.strip())
    tags = ", ".join(_tag(t, lang) for t in n.tags if t.strip())
    if tags:
        meta.append(tags)
    head = "  ·  ".join(marks + [para_text(m) for m in meta])
    cell = [Paragraph(head, s.note_meta), Spacer(0, 1.5), Paragraph(para_text(n.text), s.note)]
    # splitInRow: a note longer than what is left of the page continues on the next one
    t = Table([[cell]], colWidths=[CONTENT_W], hAlign="LEFT", splitInRow=1)
    style = [
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]
    if n.pinned:
        style += [("BACKGROUND", (0, 0), (-1, -1), PIN_FILL), ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT)]
    elif n.cue:
        style += [("LINEBEFORE", (0, 0), (0, -1), 2.5, RULE)]
    t.setStyle(TableStyle(style))
    _, height = t.wrap(CONTENT_W, PAGE_H)
    if height > LONG_NOTE:  # a long note starts where it is and runs on to the next page
        return t, 0.0
    return KeepTogether([t]), height  # a short note is never cut in two


def _notes(data: CustomerFile, s: _Styles, lang: str) -> list[Flowable]:
    notes = [_note(n, s, lang) for n in ordered_notes(data.notes)]
    out = _heading(text("cf_notes", lang), s, room=notes[0][1] if notes else 0.0)
    if not notes:
        out.append(_none(s, lang))
    out += [flowable for flowable, _ in notes]
    return out


def _referrals(data: CustomerFile, s: _Styles, lang: str) -> list[Flowable]:
    out = _heading(text("cf_referrals", lang), s)
    if not data.referrals:
        out.append(_none(s, lang))
        return out
    rows = [
        [
            para_text(r.name),
            para_text(i18n.date_long(r.referred_on, lang) if r.referred_on else ""),
            para_text(text("cf_yes" if r.started_agreement else "cf_not_yet", lang)),
        ]
        for r in data.referrals
    ]
    head = [text("cf_name", lang), text("cf_referred_on", lang), text("cf_started", lang)]
    out.append(_grid(head, rows, [0.45, 0.30, 0.25], s))
    return out


# -- pages -----------------------------------------------------------------------


def _canvas_maker(dealer: str, printed: str, confidential: str, page_words: str, font: str):  # noqa: ANN202
    """A canvas that holds its pages until the end, so each footer can say "Page n of N".

    One footer line: ``dealer · printed`` on the left, ``confidential · Page n of N``
    on the right; when a long dealer name leaves no room, two lines: the dealer
    and the page number, then the print date and the confidential mark.
    """

    class _FooterCanvas(NumberedCanvas):
        def decorate(self, number: int, total: int) -> None:
            y = MARGIN_BOTTOM - 0.36 * inch
            self.saveState()
            footer_rule(self, y=y, x0=MARGIN_X, x1=PAGE_W - MARGIN_X, font=font)
            size = FOOTER_SIZE
            page = page_words.format(page=number, pages=total)
            left, right = f"{dealer}  ·  {printed}", f"{confidential}  ·  {page}"
            gap = 18
            if stringWidth(left, font, size) + gap + stringWidth(right, font, size) <= CONTENT_W:
                self.drawString(MARGIN_X, y, left)
                self.drawRightString(PAGE_W - MARGIN_X, y, right)
            else:
                room = CONTENT_W - gap - stringWidth(page, font, size)
                name = dealer
                while name and stringWidth(name, font, size) > room:
                    name = name[:-2] + "…"  # only a name longer than the whole line is shortened
                self.drawString(MARGIN_X, y, name)
                self.drawRightString(PAGE_W - MARGIN_X, y, page)
                self.drawString(MARGIN_X, y - size * 1.4, f"{printed}  ·  {confidential}")
            self.restoreState()

    return _FooterCanvas


def build_story(data: CustomerFile) -> list[Flowable]:
    """The flowables of the customer file, top to bottom."""
    lang = i18n.language_of(data.language)
    s = _styles(register_fonts())
    return [
        *_title_block(data, s, lang),
        *_profile(data.profile, s, lang),
        *_household(data, s, lang),
        *_agreements(data, s, lang),
        *_notes(data, s, lang),
        *_referrals(data, s, lang),
    ]


def render_customer_file(data: CustomerFile) -> bytes:
    """The customer file as US Letter PDF bytes, as many pages as it needs."""
    lang = i18n.language_of(data.language)
    fonts = register_fonts()
    buffer = io.BytesIO()
    doc = letter_doc(
        buffer,
        margin_x=MARGIN_X,
        margin_top=MARGIN_TOP,
        margin_bottom=MARGIN_BOTTOM,
        title=text("cf_doc_title", lang, name=data.profile.full_name),
        author=data.dealer.name,
        subject=text("cf_confidential", lang),
    )
    printed = text("cf_printed", lang, date=i18n.date_long(data.printed_on, lang)).replace("\u00a0", " ")
    maker = _canvas_maker(data.dealer.name, printed, text("cf_confidential", lang), text("cf_page", lang), fonts.regular)
    doc.build(build_story(data), canvasmaker=maker)
    return buffer.getvalue()
