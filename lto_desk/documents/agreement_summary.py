"""The agreement summary: terms, vehicle and the whole payment schedule, printed on US Letter.

``render_agreement_summary(AgreementSummaryPage(...)) -> bytes`` lays out, in
English or Spanish: the dealer's letterhead; "DRAFT — not signed" (a preview
before the agreement exists) or the agreement number; the customer and the
vehicle; the terms (cash price, down payment, amount financed, the payments,
first and last due dates, the late-fee policy in words); a plain statement that
the customer may bring the vehicle back at any time and owe nothing more;
signature lines; and the full schedule in three columns (a weekly schedule of
150 payments fits on a second page). Every page says "Page n of N"; pages
after the first repeat who and what the summary is for; a draft is marked
DRAFT on every page. Its words, English and Spanish, are in
:mod:`.agreement_summary_words`.

Layer: ReportLab (platypus) only; plain frozen dataclasses in, bytes out.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import BalancedColumns

from ..domain.terms import Frequency, Installment, LateFeePolicy
from . import i18n
from .agreement_summary_words import WORDS, late_fee_words, payments_words, words
from .paging import NumberedCanvas
from .fonts import FontPair, register_fonts
from .letter_page import (
    ACCENT,
    FOOTER_SIZE,
    HEAD_FILL,
    INK,
    MUTED,
    RULE,
    SHADE,
    boxed,
    fit_text,
    footer_rule,
    label_value_rows,
    letter_doc,
    no_padding,
    para_text,
    section_heading,
    style_maker,
)
from .letterhead import CONTENT_W, letterhead
from .receipt import DealerHeader

__all__ = [
    "SummaryCustomer",
    "SummaryVehicle",
    "AgreementSummaryPage",
    "late_fee_words",
    "payments_words",
    "words",
    "render_agreement_summary",
]


# -- data ------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryCustomer:
    """Who the agreement is with.

    Attributes:
        full_name: first and last name, as it is signed.
        address: postal address; lines separated by ``\\n`` (empty prints nothing).
        phone: the main phone as it should print, e.g. ``"(205) 555-0142"``.
    """

    full_name: str
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SummaryVehicle:
    """The vehicle on the agreement.

    Attributes:
        year, make, model, trim, color: as in inventory (trim and color may be empty).
        vin: the full 17-character VIN.
        stock_number: the dealer's stock number.
        odometer: miles on the odometer when the summary was made.
    """

    year: int
    make: str
    model: str
    vin: str
    stock_number: str
    odometer: int = 0
    trim: str = ""
    color: str = ""

    @property
    def description(self) -> str:
        """``2014 Honda Accord EX`` (year make model trim)."""
        return " ".join(str(p).strip() for p in (self.year, self.make, self.model, self.trim) if str(p).strip())


@dataclass(frozen=True)
class AgreementSummaryPage:
    """Everything printed on an agreement summary (amounts in integer cents).

    Attributes:
        dealer: name, address and phone for the letterhead.
        language: ``"en"`` or ``"es"``.
        prepared_on: the date printed as "Prepared ...".
        customer, vehicle: who and what.
        cash_price, down_payment, payment_amount: the terms' amounts.
        frequency: how often a payment falls due.
        semi_monthly_days: the two days of the month for twice-a-month payments (31 = month end).
        late_fee: the agreement's late-fee policy.
        schedule: every installment, first to last (at least one).
        agreement_number: the agreement's number once it exists; None prints
            "DRAFT — not signed" on every page.
    """

    dealer: DealerHeader
    language: str
    prepared_on: dt.date
    customer: SummaryCustomer
    vehicle: SummaryVehicle
    cash_price: int
    down_payment: int
    payment_amount: int
    frequency: Frequency
    late_fee: LateFeePolicy
    schedule: tuple[Installment, ...]
    semi_monthly_days: tuple[int, int] = (1, 15)
    agreement_number: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "frequency", Frequency(self.frequency))
        object.__setattr__(self, "schedule", tuple(self.schedule))
        if not self.schedule:
            raise ValueError("An agreement summary needs at least one scheduled payment.")

    @property
    def is_draft(self) -> bool:
        return self.agreement_number is None

    @property
    def amount_financed(self) -> int:
        return self.cash_price - self.down_payment

    @property
    def number_of_payments(self) -> int:
        return len(self.schedule)

    @property
    def total_of_payments(self) -> int:
        return sum(i.amount for i in self.schedule)

    @property
    def last_payment(self) -> int:
        return self.schedule[-1].amount

    @property
    def first_due(self) -> dt.date:
        return self.schedule[0].due

    @property
    def last_due(self) -> dt.date:
        return self.schedule[-1].due


# -- look ------------------------------------------------------------------------

PAGE_W, PAGE_H = letter
#: The letterhead's own column (its rule is CONTENT_W wide), so the page lines up with it.
MARGIN_X = (PAGE_W - CONTENT_W) / 2
MARGIN_TOP = 0.7 * inch
MARGIN_BOTTOM = 0.85 * inch

BODY = 9.5
SMALL = 8.0
CELL = 8.0
ROW_LINE = colors.Color(0.88, 0.88, 0.88)
#: Up to this many payments the schedule is one plain column; more flow into three.
SHORT_SCHEDULE = 12


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    value_bold: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    mark: ParagraphStyle
    mark_right: ParagraphStyle
    heading: ParagraphStyle
    box_heading: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    sign: ParagraphStyle


def _styles(f: FontPair) -> _Styles:
    st = style_maker(f, size=BODY, spacing=1.35, prefix="as_")
    return _Styles(
        body=st("body"),
        muted=st("muted", fontSize=SMALL, leading=SMALL * 1.4, textColor=MUTED),
        label=st("label", fontSize=SMALL + 0.5, leading=(SMALL + 0.5) * 1.35, textColor=MUTED),
        value=st("value"),
        value_bold=st("value_bold", fontName=f.bold),
        kicker=st("kicker", fontSize=SMALL + 0.5, leading=11, textColor=MUTED),
        title=st("title", fontName=f.bold, fontSize=18, leading=22),
        mark=st("mark", fontName=f.bold, fontSize=11, leading=14, alignment=TA_CENTER),
        mark_right=st("mark_right", fontName=f.bold, fontSize=12, leading=15, alignment=TA_RIGHT),
        heading=st("heading", fontName=f.bold, fontSize=12, leading=15, spaceBefore=12, spaceAfter=4, keepWithNext=1),
        box_heading=st("box_heading", fontName=f.bold, fontSize=10.5, leading=14, spaceAfter=3),
        cell=st("cell", fontSize=CELL, leading=CELL * 1.2),
        cell_right=st("cell_right", fontSize=CELL, leading=CELL * 1.2, alignment=TA_RIGHT),
        cell_head=st("cell_head", fontName=f.bold, fontSize=SMALL, leading=SMALL * 1.25, textColor=ACCENT),
        cell_head_right=st(
            "cell_head_right", fontName=f.bold, fontSize=SMALL, leading=SMALL * 1.25, textColor=ACCENT, alignment=TA_RIGHT
        ),
        sign=st("sign", fontSize=SMALL + 0.5, leading=(SMALL + 0.5) * 1.35, textColor=MUTED),
    )


def _p(s: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(para_text(s), style)


def _heading(title: str, s: _Styles, room: float = 0.0) -> list[Flowable]:
    """A section title over a rule; moved to the next page with its section's start (no orphan titles)."""
    return section_heading(title, s.heading, rule_width=CONTENT_W, room=max(1.0 * inch, 0.5 * inch + room))


def _facts(rows: list[tuple[str, str]], s: _Styles, width: float, label_w: float, bold: tuple[int, ...] = ()) -> Table:
    """Label / value rows (rows with an empty value are left out)."""
    kept = [(label, value) for label, value in rows if value.strip()]
    data = [
        [_p(label, s.label), _p(value, s.value_bold if i in bold else s.value)] for i, (label, value) in enumerate(kept)
    ]
    return label_value_rows(data, width, label_w, ROW_LINE)


# -- sections --------------------------------------------------------------------


def _title_block(page: AgreementSummaryPage, s: _Styles, lang: str) -> list[Flowable]:
    left = [
        _p(words("kicker", lang).upper(), s.kicker),
        Spacer(0, 2),
        _p(words("title", lang), s.title),
        Spacer(0, 2),
        _p(words("prepared", lang, date=i18n.date_long(page.prepared_on, lang)), s.muted),
    ]
    if page.is_draft:
        mark = Table([[_p(words("draft", lang), s.mark)]], colWidths=[2.3 * inch], hAlign="RIGHT")
        mark.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.4, INK),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        right: Flowable | list[Flowable] = mark
    else:
        right = _p(words("agreement_no", lang, number=f"{page.agreement_number:06d}"), s.mark_right)
    t = Table([[left, right]], colWidths=[CONTENT_W * 0.6, CONTENT_W * 0.4], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out: list[Flowable] = [Spacer(0, 12), t]
    if page.is_draft:
        out += [Spacer(0, 6), _p(words("draft_note", lang), s.muted)]
    return out + [Spacer(0, 4)]


def _who_and_what(page: AgreementSummaryPage, s: _Styles, lang: str) -> list[Flowable]:
    c, v = page.customer, page.vehicle
    gap = 0.3 * inch
    half = (CONTENT_W - gap) / 2
    customer = _facts(
        [
            (words("name", lang), c.full_name),
            (words("address", lang), c.address),
            (words("phone", lang), c.phone),
        ],
        s,
        half,
        0.8 * inch,
        bold=(0,),
    )
    vehicle = _facts(
        [
            (words("year_make_model", lang), v.description),
            (words("color", lang), v.color),
            (words("vin", lang), v.vin),
            (words("stock", lang), v.stock_number),
            (words("odometer", lang), words("miles", lang, miles=_thousands(v.odometer))),
        ],
        s,
        half,
        1.15 * inch,
        bold=(0,),
    )

    def column(title: str, table: Table) -> list[Flowable]:
        return [*section_heading(title, s.heading, rule_width=half), table]

    t = Table(
        [[column(i18n.text("customer", lang), customer), "", column(i18n.text("vehicle", lang), vehicle)]],
        colWidths=[half, gap, half],
        hAlign="LEFT",
    )
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *no_padding()]))
    return [t]


def _thousands(n: int) -> str:
    """``84,512`` (US Spanish groups thousands with a comma too, as Babel's es_US does)."""
    return f"{int(n):,}"


def _terms(page: AgreementSummaryPage, s: _Styles, lang: str) -> list[Flowable]:
    money = lambda cents: i18n.money(cents, lang)  # noqa: E731
    payments = payments_words(
        page.number_of_payments, page.payment_amount, page.frequency, lang, page.semi_monthly_days
    )
    last = ""
    if page.number_of_payments > 1 and page.last_payment != page.payment_amount:
        last = words("last_smaller", lang, amount=money(page.last_payment))
    rows = [
        (words("cash_price", lang), money(page.cash_price)),
        (i18n.text("down_payment", lang), money(page.down_payment)),
        (words("amount_financed", lang), money(page.amount_financed)),
        (words("payments", lang), payments),
        (words("last_payment", lang), last),
        (words("total_of_payments", lang), money(page.total_of_payments)),
        (words("first_due", lang), i18n.date_long(page.first_due, lang)),
        (words("last_due", lang), i18n.date_long(page.last_due, lang)),
        (words("late_fee", lang), late_fee_words(page.late_fee, lang)),
    ]
    table = _facts(rows, s, CONTENT_W, 1.6 * inch, bold=(3,))
    return [*_heading(words("terms", lang), s, 2.5 * inch), table]


def _return_statement(page: AgreementSummaryPage, s: _Styles, lang: str) -> list[Flowable]:
    content: list[Flowable] = [_p(words("return_heading", lang), s.box_heading), _p(words("return_body", lang), s.body)]
    out: list[Flowable] = [Spacer(0, 12), KeepTogether([boxed(content, CONTENT_W, fill=SHADE)])]
    if page.dealer.phone.strip():
        out += [Spacer(0, 6), _p(words("call_us", lang, phone=page.dealer.phone.strip()), s.muted)]
    return out


def _schedule(page: AgreementSummaryPage, s: _Styles, lang: str) -> list[Flowable]:
    """The schedule as one table flowed into three balanced columns; each column
    (on every page) starts with its own header row."""
    head = [_p(words("col_no", lang), s.cell_head_right), _p(words("col_due", lang), s.cell_head),
            _p(words("col_amount", lang), s.cell_head_right)]  # fmt: skip
    rows = [head] + [
        [_p(str(i.number), s.cell_right), _p(i18n.date_short(i.due, lang), s.cell), _p(i18n.money(i.amount, lang), s.cell_right)]
        for i in page.schedule
    ]
    gap = 0.22 * inch
    short = page.number_of_payments <= SHORT_SCHEDULE
    col_w = (CONTENT_W - 2 * gap) / 3
    widths = [0.5 * inch, 1.4 * inch, 1.1 * inch] if short else [col_w * 0.2, col_w * 0.45, col_w * 0.35]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, ROW_LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
            ]
        )
    )
    intro = _p(
        words(
            "schedule_count",
            lang,
            count=page.number_of_payments,
            first=i18n.date_long(page.first_due, lang),
            last=i18n.date_long(page.last_due, lang),
        ),
        s.muted,
    )
    out = [*_heading(words("schedule", lang), s, 1.2 * inch), intro, Spacer(0, 4)]
    if short:
        out.append(table)
    else:
        out.append(BalancedColumns([table], nCols=3, innerPadding=gap, leftPadding=0, rightPadding=0,
                                   topPadding=0, bottomPadding=0, needed=60))  # fmt: skip
    return out


def _signatures(page: AgreementSummaryPage, s: _Styles, lang: str) -> list[Flowable]:
    """Two signature lines side by side (customer, dealer), each with its date line."""
    gap, small_gap = 0.4 * inch, 0.14 * inch
    date_w = 0.9 * inch
    sign_w = (CONTENT_W - gap) / 2 - small_gap - date_w
    customer = f"{words('sign_customer', lang)} — {page.customer.full_name.strip()}"
    dealer = words("sign_dealer", lang, dealer=page.dealer.name.strip())
    date = words("sign_date", lang)
    rows = [
        ["", "", "", "", "", "", ""],
        [_p(customer, s.sign), "", _p(date, s.sign), "", _p(dealer, s.sign), "", _p(date, s.sign)],
    ]
    t = Table(
        rows, colWidths=[sign_w, small_gap, date_w, gap, sign_w, small_gap, date_w], rowHeights=[34, None], hAlign="LEFT"
    )
    t.setStyle(
        TableStyle(
            [
                *(("LINEBELOW", (col, 0), (col, 0), 0.8, INK) for col in (0, 2, 4, 6)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *no_padding(),
                ("TOPPADDING", (0, 1), (-1, 1), 2.5),
            ]
        )
    )
    return [KeepTogether([Spacer(0, 12), _p(words("sign_intro", lang), s.body), Spacer(0, 2), t])]


# -- pages -----------------------------------------------------------------------


def _canvas_maker(page: AgreementSummaryPage, fonts: FontPair, lang: str):  # noqa: ANN202
    """A canvas that holds its pages until the end, so each can say "Page n of N";
    pages after the first carry a running head, and a draft is marked on every page."""
    what = words("draft", lang) if page.is_draft else words("agreement_no", lang, number=f"{page.agreement_number:06d}")
    running = words("continued", lang, what=what, name=page.customer.full_name).replace("\u00a0", " ")
    title = words("title", lang)
    page_words = WORDS[lang]["page"]
    draft_mark = words("draft_mark", lang) if page.is_draft else ""
    dealer = page.dealer.name.strip()

    class _PagedCanvas(NumberedCanvas):
        def decorate(self, number: int, total: int) -> None:
            self.saveState()
            if draft_mark:
                self._watermark()
            size = FOOTER_SIZE
            self.setFont(fonts.regular, size)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            if number > 1:
                y = PAGE_H - MARGIN_TOP + 14
                self.drawString(MARGIN_X, y, fit_text(f"{dealer}  ·  {title}", fonts.regular, size, CONTENT_W * 0.45))
                self.setFont(fonts.bold, size)
                self.drawRightString(PAGE_W - MARGIN_X, y, fit_text(running, fonts.bold, size, CONTENT_W * 0.53))
                self.line(MARGIN_X, y - 5, PAGE_W - MARGIN_X, y - 5)
            y = MARGIN_BOTTOM - 0.38 * inch
            footer_rule(self, y=y, x0=MARGIN_X, x1=PAGE_W - MARGIN_X, font=fonts.regular)
            left = f"{dealer}  ·  {title}  ·  {page.customer.full_name}"
            right = page_words.format(page=number, pages=total)
            self.drawString(MARGIN_X, y, fit_text(left, fonts.regular, size, CONTENT_W - stringWidth(right, fonts.regular, size) - 18))
            self.drawRightString(PAGE_W - MARGIN_X, y, right)
            self.restoreState()

        def _watermark(self) -> None:
            """Light diagonal DRAFT across the page, so an unsigned preview is never taken for the agreement."""
            self.saveState()
            self.setFillColor(colors.Color(0, 0, 0, alpha=0.06))
            self.setFont(fonts.bold, 110 if len(draft_mark) <= 6 else 84)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(52)
            self.drawCentredString(0, -36, draft_mark)
            self.restoreState()

    return _PagedCanvas


def build_story(page: AgreementSummaryPage) -> list[Flowable]:
    """The flowables of the summary, top to bottom."""
    lang = i18n.language_of(page.language)
    fonts = register_fonts()
    s = _styles(fonts)
    return [
        *letterhead(page.dealer, fonts),
        *_title_block(page, s, lang),
        *_who_and_what(page, s, lang),
        *_terms(page, s, lang),
        *_return_statement(page, s, lang),
        *_signatures(page, s, lang),
        *_schedule(page, s, lang),
    ]


def render_agreement_summary(page: AgreementSummaryPage) -> bytes:
    """The agreement summary as US Letter PDF bytes, as many pages as the schedule needs."""
    lang = i18n.language_of(page.language)
    fonts = register_fonts()
    buffer = io.BytesIO()
    title = words("doc_title", lang, name=page.customer.full_name.strip())
    doc = letter_doc(
        buffer,
        margin_x=MARGIN_X,
        margin_top=MARGIN_TOP,
        margin_bottom=MARGIN_BOTTOM,
        title=title,
        author=page.dealer.name,
        subject=words("draft", lang) if page.is_draft else words("agreement_no", lang, number=f"{page.agreement_number:06d}"),
    )
    doc.build(build_story(page), canvasmaker=_canvas_maker(page, fonts, lang))
    return buffer.getvalue()
