"""How a payment is made: method, tendered cash and change, check or card reference."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .errors import InvalidInput
from .money import Cents, format_money


class Method(str, Enum):
    CASH = "cash"
    CHECK = "check"
    MONEY_ORDER = "money_order"
    CARD = "card"

    @property
    def label(self) -> str:
        return {"cash": "Cash", "check": "Check", "money_order": "Money order", "card": "Card"}[self.value]


#: IRS Form 8300 is owed for cash of more than $10,000 from one customer in related
#: transactions; the counter reminds the manager from $10,000 itself (the reminder's
#: words: "$10,000 or more"), so a day's cash of exactly $10,000 is never let slip.
FORM_8300_THRESHOLD: Cents = 10_000_00


def needs_form_8300(cash_today: Cents) -> bool:
    """Whether the cash taken from one customer in a day calls for the Form 8300
    reminder: $10,000 or more (``FORM_8300_THRESHOLD``)."""
    return cash_today >= FORM_8300_THRESHOLD


@dataclass(frozen=True)
class Tender:
    """The method details of one payment, checked.

    Attributes:
      method: cash, check, money order or card.
      tendered: cash handed over (cash only; equals the amount when not typed).
      change: cash given back.
      reference: check or money-order number, or the card's last 4 digits.
    """

    method: Method
    tendered: Cents | None
    change: Cents | None
    reference: str

    def describe(self) -> str:
        if self.method is Method.CASH:
            return f"Cash {format_money(self.tendered or 0)}, change {format_money(self.change or 0)}"
        if self.method is Method.CARD:
            return f"Card ending {self.reference}"
        return f"{self.method.label} #{self.reference}"


def check_tender(amount: Cents, method: Method | str, tendered: Cents | None = None, reference: str = "") -> Tender:
    """Validate how ``amount`` is paid; returns the tender with change worked out."""
    try:
        method = Method(method)
    except ValueError:
        raise InvalidInput("Choose how the customer pays: cash, check, money order or card.") from None
    reference = "".join(str(reference or "").split())
    if method is Method.CASH:
        if tendered is None:
            tendered = amount
        if tendered < amount:
            raise InvalidInput(
                f"The cash handed over ({format_money(tendered)}) is less than the payment "
                f"({format_money(amount)})."
            )
        return Tender(method, tendered, tendered - amount, "")
    if tendered is not None and tendered != amount:
        raise InvalidInput("Only cash payments have an amount tendered and change.")
    if method is Method.CARD:
        if not reference:
            raise InvalidInput("Type the last 4 digits of the card.")
        if not reference.isascii() or not reference.isdigit():
            raise InvalidInput("The card's last 4 are digits only.")
        if len(reference) != 4:
            raise InvalidInput(
                "Type only the last 4 digits of the card; the full card number is never stored."
            )
        return Tender(method, None, None, reference)
    what = "check" if method is Method.CHECK else "money order"
    if not reference:
        raise InvalidInput(f"Type the {what} number.")
    if len(reference) > 20 or not reference.isascii() or not reference.replace("-", "").isalnum():
        raise InvalidInput(f"The {what} number has letters, digits and dashes only (at most 20).")
    return Tender(method, None, None, reference.upper())
