"""The payment receipt: what the customer takes home after paying at the counter.

``render_receipt(ReceiptPage(...)) -> bytes`` makes a one-page PDF, on an 80 mm
roll (page as tall as the content) or on US Letter. Everything printed is in
the customer's language (English or Spanish) and formatted for their locale.
The card's full number is never known here: only its last four digits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.payment import Method, Tender
from . import i18n
from .i18n import text
from .layout import BODY, SMALL, Sheet, balanced_wrap, render

__all__ = ["DealerHeader", "ReceiptPage", "build_receipt", "render_receipt", "add_dealer_header", "receipt_no"]


@dataclass(frozen=True)
class DealerHeader:
    name: str
    address: str
    phone: str


@dataclass(frozen=True)
class ReceiptPage:
    """Everything printed on one receipt (amounts in integer cents)."""

    dealer: DealerHeader
    receipt_number: int
    posted_at: dt.datetime
    clerk_first_name: str
    customer_name: str
    language: str  # "en" or "es"
    vehicle: str  # "2014 Honda Accord"
    vin_tail: str  # last 6 of the VIN
    amount: int
    tender: Tender
    fees: int
    past_due: int
    current: int
    ahead: int
    balance_after: int
    installments_paid: int
    number_of_payments: int
    next_due: dt.date | None
    next_due_amount: int
    paid_off: bool
    down_payment: bool
    memo: str
    thank_you: str
    journal_code: str
    copy: bool = False
    voided: bool = False
    paper: str = "roll80"  # "roll80" or "letter"


def receipt_no(number: int) -> str:
    """Receipt numbers print zero-padded to six digits: ``000123``."""
    return f"{int(number):06d}"


def add_dealer_header(sheet: Sheet, dealer: DealerHeader) -> None:
    """Dealer name (made smaller if it would take more than two lines), address, phone, a rule."""
    size = 13.0
    while size > 10 and len(balanced_wrap(dealer.name, sheet.font(True), size, sheet.width)) > 2:
        size -= 0.5
    sheet.text(dealer.name, size=size, bold=True)
    sheet.space(1.5)
    sheet.text(dealer.address, size=SMALL + 0.5)
    sheet.text(dealer.phone, size=SMALL + 0.5)
    sheet.rule(weight=0.8, gap=6)


def _payment_method(sheet: Sheet, tender: Tender, lang: str) -> None:
    method = Method(tender.method)
    if method is Method.CASH:
        sheet.row(text("paid_with", lang), text("cash", lang))
        if tender.tendered is not None:
            sheet.row(text("cash_received", lang), i18n.money(tender.tendered, lang))
            sheet.row(text("change", lang), i18n.money(tender.change or 0, lang), bold=True)
    elif method is Method.CARD:
        sheet.row(text("paid_with", lang), text("card_ending", lang, last4=tender.reference[-4:]))
    elif method is Method.CHECK:
        sheet.row(text("paid_with", lang), text("check_no", lang, ref=tender.reference))
    else:
        sheet.row(text("paid_with", lang), text("money_order_no", lang, ref=tender.reference))


def build_receipt(page: ReceiptPage) -> Sheet:
    """Lay out the receipt on the 71 mm column (see layout.py)."""
    lang = i18n.language_of(page.language)
    s = Sheet()

    if page.voided:
        s.banner(text("voided_banner", lang), size=12, filled=True)
        s.space(2)
        s.text(text("voided_note", lang), size=SMALL + 0.5, bold=True)
        s.space(5)
    if page.copy:
        s.banner(text("copy_banner", lang), size=10.5)
        s.space(7)

    add_dealer_header(s, page.dealer)

    s.space(2)
    s.text(text("receipt", lang), size=11, bold=True, tracking=2.0)
    s.text(text("receipt_no", lang, number=receipt_no(page.receipt_number)), size=9.5)
    s.space(5)
    s.row(text("date", lang), i18n.datetime_short(page.posted_at, lang))
    if page.clerk_first_name.strip():
        s.row(text("served_by", lang), page.clerk_first_name.strip())
    s.rule(dashed=True)

    s.row(text("customer", lang), page.customer_name, bold=True)
    if page.vehicle.strip():
        s.row(text("vehicle", lang), page.vehicle.strip())
    if page.vin_tail.strip():
        s.row("", text("vin", lang, tail=page.vin_tail.strip()[-6:]), size=BODY - 0.5, gray=0.3)
    s.rule(dashed=True)

    s.space(1)
    s.text(text("amount_paid", lang), size=BODY, gray=0.25)
    s.space(1)
    s.text(i18n.money(page.amount, lang), size=22, bold=True)
    s.space(6)
    if page.down_payment:
        s.row(text("down_payment", lang), i18n.money(page.amount, lang))
    else:
        for key, cents in (
            ("late_fees", page.fees),
            ("past_due", page.past_due),
            ("this_payment", page.current),
            ("paid_ahead", page.ahead),
        ):
            if cents:
                s.row(text(key, lang), i18n.money(cents, lang))
    s.space(5)
    _payment_method(s, page.tender, lang)
    s.rule(dashed=True)

    s.row(text("balance_after", lang), i18n.money(page.balance_after, lang), bold=True, size=BODY + 0.5)
    if page.installments_paid > 0 and page.number_of_payments > 0:
        s.space(1)
        s.text(
            text("progress", lang, paid=page.installments_paid, total=page.number_of_payments),
            size=BODY,
            align="left",
        )
    s.space(7)

    if page.paid_off:
        box = s.box(padding=7, weight=1.2)
        box.text(text("paid_off_title", lang), size=13, bold=True)
        box.space(3)
        vehicle = page.vehicle.strip() or text("vehicle", lang).lower()
        box.text(text("paid_off_body", lang, vehicle=vehicle), size=BODY + 0.5)
        box.text(text("title_release", lang), size=BODY + 0.5, bold=True)
        box.space(3)
        box.text(text("paid_off_thanks", lang), size=BODY)
        s.space(7)
    elif page.next_due is not None:
        box = s.box(padding=6)
        label = "next_payment" if page.installments_paid > 0 else "first_payment"
        box.text(text(label, lang), size=BODY, gray=0.25)
        box.space(1)
        box.text(i18n.date_full(page.next_due, lang), size=BODY + 1.5, bold=True)
        box.text(i18n.money(page.next_due_amount, lang), size=BODY + 1.5, bold=True)
        s.space(7)

    if page.memo.strip():
        s.field(text("note", lang), page.memo.strip())
        s.space(6)

    s.text(page.thank_you.strip() or text("thank_you", lang), size=BODY + 1)
    s.space(2)
    s.rule(dashed=True, gray=0.4)
    s.text(text("keep", lang), size=SMALL, gray=0.3)
    if page.journal_code.strip():
        s.text(text("ref", lang, code=page.journal_code.strip()), size=SMALL, gray=0.3)
    return s


def render_receipt(page: ReceiptPage) -> bytes:
    """The receipt as PDF bytes (roll80 or letter, per ``page.paper``)."""
    lang = i18n.language_of(page.language)
    if page.voided:
        watermark = text("voided_banner", lang)
    elif page.copy:
        watermark = text("copy_mark", lang)
    else:
        watermark = ""
    number = receipt_no(page.receipt_number)
    return render(
        build_receipt(page),
        paper=page.paper,
        title=text("receipt_title", lang, number=number),
        author=page.dealer.name,
        watermark=watermark,
    )
