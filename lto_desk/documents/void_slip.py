"""The void slip: printed when a manager-approved void reverses a payment.

A short slip on the same roll (or Letter) layout as the receipt: which receipt
was voided, the amount, the reason, who approved it, when, and the balance now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import i18n
from .i18n import text
from .layout import BODY, SMALL, Sheet, render
from .receipt import DealerHeader, add_dealer_header, receipt_no

__all__ = ["VoidSlipPage", "build_void_slip", "render_void_slip"]


@dataclass(frozen=True)
class VoidSlipPage:
    dealer: DealerHeader
    receipt_number: int
    customer_name: str
    amount: int
    reason: str
    approved_by: str
    clerk_first_name: str
    voided_at: dt.datetime
    balance_after: int
    journal_code: str
    language: str = "en"
    paper: str = "roll80"


def build_void_slip(page: VoidSlipPage) -> Sheet:
    lang = i18n.language_of(page.language)
    s = Sheet()
    add_dealer_header(s, page.dealer)
    s.space(2)
    s.banner(text("void_of", lang, number=receipt_no(page.receipt_number)), size=10.5)
    s.space(6)
    s.row(text("date", lang), i18n.datetime_short(page.voided_at, lang))
    s.row(text("customer", lang), page.customer_name, bold=True)
    s.row(text("amount", lang), i18n.money(page.amount, lang), bold=True)
    s.rule(dashed=True)
    s.field(text("reason", lang), page.reason)
    s.space(4)
    if page.approved_by.strip():
        s.row(text("approved_by", lang), page.approved_by.strip())
    if page.clerk_first_name.strip():
        s.row(text("voided_by", lang), page.clerk_first_name.strip())
    s.rule(dashed=True)
    s.row(text("balance_now", lang), i18n.money(page.balance_after, lang), bold=True, size=BODY + 0.5)
    s.space(3)
    s.text(text("void_explain", lang), size=SMALL + 0.5, align="left", gray=0.25)
    s.space(2)
    s.rule(dashed=True, gray=0.4)
    if page.journal_code.strip():
        s.text(text("ref", lang, code=page.journal_code.strip()), size=SMALL, gray=0.3)
    return s


def render_void_slip(page: VoidSlipPage) -> bytes:
    """The void slip as PDF bytes (roll80 or letter, per ``page.paper``)."""
    lang = i18n.language_of(page.language)
    return render(
        build_void_slip(page),
        paper=page.paper,
        title=text("void_slip_title", lang, number=receipt_no(page.receipt_number)),
        author=page.dealer.name,
    )
