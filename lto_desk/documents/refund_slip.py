"""The goodwill refund slip: cash paid back to a customer after a vehicle return.

Same roll (or Letter) layout as the receipt and the void slip: who was paid
back, how much, why, who approved it, and a line for the customer to sign that
they received the cash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import i18n
from .layout import BODY, SMALL, Sheet, render
from .receipt import DealerHeader, add_dealer_header

__all__ = ["LABELS", "RefundSlipPage", "build_refund_slip", "render_refund_slip"]

#: The slip's own words (the shared ones — date, customer, vehicle, reason,
#: approved by, ref — come from :mod:`.i18n`).
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "GOODWILL REFUND",
        "doc_title": "Goodwill refund — {name}",
        "amount": "Amount paid back",
        "paid_by": "Paid out by",
        "explain": "Paid back in cash as a goodwill gesture after the vehicle was returned. "
        "The payments on file stay as they are.",
        "received_by": "Received by",
        "thanks": "Thank you — you are welcome back any time.",
    },
    "es": {
        "title": "REEMBOLSO DE CORTESÍA",
        "doc_title": "Reembolso de cortesía — {name}",
        "amount": "Cantidad devuelta",
        "paid_by": "Entregado por",
        "explain": "Devuelto en efectivo como cortesía después de la devolución del vehículo. "
        "Los pagos registrados quedan tal como están.",
        "received_by": "Recibido por",
        "thanks": "Gracias; las puertas siempre están abiertas para usted.",
    },
}


def label(key: str, language: str | None, **fields: object) -> str:
    words = LABELS[i18n.language_of(language)].get(key) or LABELS["en"][key]
    return words.format(**fields) if fields else words


@dataclass(frozen=True)
class RefundSlipPage:
    """Attributes: the dealer; customer and vehicle; amount in cents; reason; approved_by
    (manager) and clerk_first_name (who paid it out); refunded_at; journal_code;
    language ("en"/"es"); paper ("roll80"/"letter")."""

    dealer: DealerHeader
    customer_name: str
    vehicle: str
    amount: int
    reason: str
    approved_by: str
    clerk_first_name: str
    refunded_at: dt.datetime
    journal_code: str
    language: str = "en"
    paper: str = "roll80"


def build_refund_slip(page: RefundSlipPage) -> Sheet:
    lang = i18n.language_of(page.language)
    s = Sheet()
    add_dealer_header(s, page.dealer)
    s.space(2)
    s.banner(label("title", lang), size=10.5)
    s.space(6)
    s.row(i18n.text("date", lang), i18n.datetime_short(page.refunded_at, lang))
    s.row(i18n.text("customer", lang), page.customer_name, bold=True)
    if page.vehicle.strip():
        s.row(i18n.text("vehicle", lang), page.vehicle.strip())
    s.rule(dashed=True)
    s.row(label("amount", lang), i18n.money(page.amount, lang), bold=True, size=BODY + 1)
    s.space(2)
    s.field(i18n.text("reason", lang), page.reason)
    s.space(4)
    if page.approved_by.strip():
        s.row(i18n.text("approved_by", lang), page.approved_by.strip())
    if page.clerk_first_name.strip():
        s.row(label("paid_by", lang), page.clerk_first_name.strip())
    s.rule(dashed=True)
    s.text(label("explain", lang), size=SMALL + 0.5, align="left", gray=0.25)
    s.space(26)  # room to sign
    s.rule(weight=0.5, gap=1.5)
    s.text(f"{label('received_by', lang)}: {page.customer_name}", size=SMALL, align="left", gray=0.3)
    s.space(6)
    s.text(label("thanks", lang), size=BODY)
    s.space(2)
    s.rule(dashed=True, gray=0.4)
    if page.journal_code.strip():
        s.text(i18n.text("ref", lang, code=page.journal_code.strip()), size=SMALL, gray=0.3)
    return s


def render_refund_slip(page: RefundSlipPage) -> bytes:
    """The refund slip as PDF bytes (roll80 or letter, per ``page.paper``)."""
    lang = i18n.language_of(page.language)
    return render(
        build_refund_slip(page),
        paper=page.paper,
        title=label("doc_title", lang, name=page.customer_name),
        author=page.dealer.name,
    )
