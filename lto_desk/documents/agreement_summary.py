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
DRAFT on every page.

Layer: ReportLab (platypus) only; plain frozen dataclasses in, bytes out.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import BalancedColumns

from ..domain.terms import Frequency, Installment, LateFeePolicy
from . import i18n
from .paging import NumberedCanvas
from .fonts import FontPair, register_fonts
from .letterhead import CONTENT_W, INK, MUTED, RULE, HRule, letterhead, para_text
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


# -- words -----------------------------------------------------------------------

#: The words of this page (i18n.LABELS holds the words shared by every page).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "kicker": "Lease-to-own",
        "title": "Agreement summary",
        "doc_title": "Agreement summary — {name}",
        "draft": "DRAFT — not signed",
        "draft_mark": "DRAFT",
        "draft_note": "A preview of the terms to talk over together. It becomes an agreement once it is "
                      "signed and given a number.",
        "agreement_no": "Agreement No.\u00a0{number}",
        "prepared": "Prepared {date}",
        "page": "Page {page} of {pages}",
        "name": "Name",
        "address": "Address",
        "phone": "Phone",
        "year_make_model": "Vehicle",
        "color": "Color",
        "vin": "VIN",
        "stock": "Stock No.",
        "odometer": "Odometer",
        "miles": "{miles} miles",
        "terms": "Terms",
        "cash_price": "Cash price",
        "amount_financed": "Amount financed",
        "payments": "Payments",
        "last_payment": "Last payment",
        "total_of_payments": "Total of payments",
        "first_due": "First payment due",
        "last_due": "Last payment due",
        "late_fee": "Late fee",
        "pay_one": "1 payment of {amount}",
        "pay_weekly": "{count} weekly payments of {amount}",
        "pay_biweekly": "{count} payments of {amount} every two weeks",
        "pay_semi_monthly": "{count} payments of {amount} twice a month, on the {a} and the {b}",
        "pay_monthly": "{count} monthly payments of {amount}",
        "month_end": "last day of the month",
        "last_smaller": "{amount} (the last one is a little smaller to come out even)",
        "no_late_fee": "No late fee",
        "fee_percent": "{pct} of the payment",
        "fee_percent_cap": "{pct} of the payment (at most {cap})",
        "fee_when_one": "{what} when a payment is made more than 1 day after its due date",
        "fee_when": "{what} when a payment is made more than {days} days after its due date",
        "return_heading": "If your plans change",
        "return_body": "You may bring the vehicle back at any time. If you do, the agreement ends and you owe "
                       "nothing more — no penalties and no charge for bringing it back. Payments made up to "
                       "then are not refunded, although we may give some back as a goodwill gesture. "
                       "Either way, you are always welcome here.",
        "call_us": "Questions about a payment or the car? Call us at {phone} — we would much rather hear "
                   "from you early.",
        "schedule": "Payment schedule",
        "schedule_count": "{count} payments, {first} to {last}",
        "col_no": "No.",
        "col_due": "Due date",
        "col_amount": "Amount",
        "signatures": "Signatures",
        "sign_intro": "By signing, we both agree to the terms above and to the payment schedule that follows.",
        "sign_customer": "Customer",
        "sign_dealer": "For {dealer}",
        "sign_date": "Date",
        "continued": "{what} · {name}",
    },
    "es": {
        "kicker": "Arrendamiento con opción a compra",
        "title": "Resumen del contrato",
        "doc_title": "Resumen del contrato — {name}",
        "draft": "BORRADOR — sin firmar",
        "draft_mark": "BORRADOR",
        "draft_note": "Una vista previa de las condiciones para conversarlas juntos. Se convierte en contrato "
                      "cuando se firma y recibe un número.",
        "agreement_no": "Contrato N.º\u00a0{number}",
        "prepared": "Preparado el {date}",
        "page": "Página {page} de {pages}",
        "name": "Nombre",
        "address": "Dirección",
        "phone": "Teléfono",
        "year_make_model": "Vehículo",
        "color": "Color",
        "vin": "VIN",
        "stock": "N.º de inventario",
        "odometer": "Odómetro",
        "miles": "{miles} millas",
        "terms": "Condiciones",
        "cash_price": "Precio al contado",
        "amount_financed": "Cantidad financiada",
        "payments": "Pagos",
        "last_payment": "Último pago",
        "total_of_payments": "Total de los pagos",
        "first_due": "Primer pago vence",
        "last_due": "Último pago vence",
        "late_fee": "Cargo por atraso",
        "pay_one": "1 pago de {amount}",
        "pay_weekly": "{count} pagos semanales de {amount}",
        "pay_biweekly": "{count} pagos de {amount} cada dos semanas",
        "pay_semi_monthly": "{count} pagos de {amount} dos veces al mes, el {a} y el {b}",
        "pay_monthly": "{count} pagos mensuales de {amount}",
        "month_end": "último día del mes",
        "last_smaller": "{amount} (el último es un poco menor para que la cuenta salga exacta)",
        "no_late_fee": "Sin cargo por atraso",
        "fee_percent": "{pct} del pago",
        "fee_percent_cap": "{pct} del pago (como máximo {cap})",
        "fee_when_one": "{what} cuando un pago se hace más de 1 día después de su fecha",
        "fee_when": "{what} cuando un pago se hace más de {days} días después de su fecha",
        "return_heading": "Si sus planes cambian",
        "return_body": "Puede devolver el vehículo en cualquier momento. Si lo hace, el contrato termina y no "
                       "debe nada más: no hay penalidades ni cargos por devolverlo. Los pagos hechos hasta "
                       "entonces no se reembolsan, aunque podemos devolver una parte como gesto de buena "
                       "voluntad. Pase lo que pase, aquí siempre será bienvenido.",
        "call_us": "¿Preguntas sobre un pago o el auto? Llámenos al {phone}; preferimos saber de usted a tiempo.",
        "schedule": "Calendario de pagos",
        "schedule_count": "{count} pagos, del {first} al {last}",
        "col_no": "N.º",
        "col_due": "Fecha",
        "col_amount": "Cantidad",
        "signatures": "Firmas",
        "sign_intro": "Al firmar, ambas partes aceptamos las condiciones de arriba y el calendario de pagos que sigue.",
        "sign_customer": "Cliente",
        "sign_dealer": "Por {dealer}",
        "sign_date": "Fecha",
        "continued": "{what} · {name}",
    },
}


def words(key: str, language: str | None, **fields: object) -> str:
    """This page's words for ``key`` in ``language`` (English when Spanish has none)."""
    table = WORDS[i18n.language_of(language)]
    template = table[key] if key in table else WORDS["en"][key]
    return template.format(**fields) if fields else template


def _ordinal_en(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day_words(day: int, lang: str) -> str:
    if day >= 31:
        return words("month_end", lang)
    return _ordinal_en(day) if lang == "en" else str(day)


def _percent(basis_points: int, lang: str) -> str:
    """``7.5%`` / ``7,5 %`` from basis points (no float)."""
    value = format(Decimal(basis_points).scaleb(-2).normalize(), "f")
    return f"{value}%" if lang == "en" else f"{value.replace('.', ',')}\u00a0%"


def late_fee_words(policy: LateFeePolicy, language: str | None) -> str:
    """The late-fee policy in plain words, English or Spanish."""
    lang = i18n.language_of(language)
    if not policy.charges_fees:
        return words("no_late_fee", lang)
    if policy.percent_bp:
        pct = _percent(policy.percent_bp, lang)
        what = (
            words("fee_percent_cap", lang, pct=pct, cap=i18n.money(policy.cap, lang))
            if policy.cap
            else words("fee_percent", lang, pct=pct)
        )
    else:
        what = i18n.money(policy.flat, lang)
    if policy.grace_days == 1:
        return words("fee_when_one", lang, what=what)
    return words("fee_when", lang, what=what, days=policy.grace_days)


def payments_words(
    count: int, amount: int, frequency: Frequency, language: str | None, semi_monthly_days: tuple[int, int] = (1, 15)
) -> str:
    """``104 weekly payments of $76.93`` / ``104 pagos semanales de $76.93``."""
    lang = i18n.language_of(language)
    money = i18n.money(amount, lang)
    if count == 1:
        return words("pay_one", lang, amount=money)
    frequency = Frequency(frequency)
    a, b = semi_monthly_days
    return words(
        f"pay_{frequency.value}", lang, count=count, amount=money, a=_day_words(a, lang), b=_day_words(b, lang)
    )


# -- look ------------------------------------------------------------------------

PAGE_W, PAGE_H = letter
#: The letterhead's own column (its rule is CONTENT_W wide), so the page lines up with it.
MARGIN_X = (PAGE_W - CONTENT_W) / 2
MARGIN_TOP = 0.7 * inch
MARGIN_BOTTOM = 0.85 * inch
FRAME_PAD = 6

BODY = 9.5
SMALL = 8.0
CELL = 8.0
HEAD_FILL = colors.Color(0.93, 0.93, 0.93)
BOX_FILL = colors.Color(0.955, 0.955, 0.955)
ACCENT = colors.Color(0.22, 0.22, 0.22)
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
    def st(name: str, **kw: object) -> ParagraphStyle:
        base = dict(fontName=f.regular, fontSize=BODY, leading=BODY * 1.35, textColor=INK, alignment=TA_LEFT)
        base.update(kw)
        return ParagraphStyle("as_" + name, **base)  # type: ignore[arg-type]

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
    return [CondPageBreak(max(1.0 * inch, 0.5 * inch + room)), _p(title, s.heading), HRule(CONTENT_W, weight=0.8, color=ACCENT, space=2)]


def _facts(rows: list[tuple[str, str]], s: _Styles, width: float, label_w: float, bold: tuple[int, ...] = ()) -> Table:
    """Label / value rows (rows with an empty value are left out)."""
    kept = [(label, value) for label, value in rows if value.strip()]
    data = [
        [_p(label, s.label), _p(value, s.value_bold if i in bold else s.value)] for i, (label, value) in enumerate(kept)
    ]
    t = Table(data, colWidths=[label_w, width - label_w], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, ROW_LINE),
            ]
        )
    )
    return t


def _boxed(content: list[Flowable], *, fill: colors.Color = BOX_FILL, weight: float = 1.0) -> Table:
    box = Table([[content]], colWidths=[CONTENT_W])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), weight, INK),
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return box


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
        return [_p(title, s.heading), HRule(half, weight=0.8, color=ACCENT, space=2), table]

    t = Table(
        [[column(i18n.text("customer", lang), customer), "", column(i18n.text("vehicle", lang), vehicle)]],
        colWidths=[half, gap, half],
        hAlign="LEFT",
    )
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_no_padding()]))
    return [t]


def _no_padding() -> list[tuple]:
    return [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


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
    out: list[Flowable] = [Spacer(0, 12), KeepTogether([_boxed(content)])]
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
                *_no_padding(),
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
            size = 7.5
            self.setFont(fonts.regular, size)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            if number > 1:
                y = PAGE_H - MARGIN_TOP + 14
                self.drawString(MARGIN_X, y, _fit(f"{dealer}  ·  {title}", fonts.regular, size, CONTENT_W * 0.45))
                self.setFont(fonts.bold, size)
                self.drawRightString(PAGE_W - MARGIN_X, y, _fit(running, fonts.bold, size, CONTENT_W * 0.53))
                self.line(MARGIN_X, y - 5, PAGE_W - MARGIN_X, y - 5)
                self.setFont(fonts.regular, size)
            y = MARGIN_BOTTOM - 0.38 * inch
            self.line(MARGIN_X, y + 11, PAGE_W - MARGIN_X, y + 11)
            left = f"{dealer}  ·  {title}  ·  {page.customer.full_name}"
            right = page_words.format(page=number, pages=total)
            self.drawString(MARGIN_X, y, _fit(left, fonts.regular, size, CONTENT_W - stringWidth(right, fonts.regular, size) - 18))
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


def _fit(s: str, font: str, size: float, width: float) -> str:
    """``s`` cut with an ellipsis to fit ``width`` (only a very long name is ever cut)."""
    if stringWidth(s, font, size) <= width:
        return s
    while s and stringWidth(s + "…", font, size) > width:
        s = s[:-1]
    return s.rstrip() + "…"


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
    doc = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=MARGIN_X - FRAME_PAD,
        rightMargin=MARGIN_X - FRAME_PAD,
        topMargin=MARGIN_TOP - FRAME_PAD,
        bottomMargin=MARGIN_BOTTOM - FRAME_PAD,
        title=title,
        author=page.dealer.name,
        subject=words("draft", lang) if page.is_draft else words("agreement_no", lang, number=f"{page.agreement_number:06d}"),
        creator="LTO Desk",
        invariant=1,
        pageCompression=1,
    )
    doc.build(build_story(page), canvasmaker=_canvas_maker(page, fonts, lang))
    return buffer.getvalue()
