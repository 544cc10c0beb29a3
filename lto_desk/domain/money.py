"""Money as integer cents: the one parser for typed amounts and the one formatter.

Amounts are plain ``int`` cents everywhere (storage, arithmetic, between
layers); ``Decimal`` is used only while reading text. Never ``float``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeAlias

from .errors import InvalidInput
from .text import quoted

Cents: TypeAlias = int

#: The largest amount a person may type anywhere: $100,000.00.
MAX_AMOUNT: Cents = 100_000_00

_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$", re.ASCII)
_PLAIN = re.compile(r"^\d*(\.\d*)?$", re.ASCII)


def parse_amount(text: str, *, allow_zero: bool = False, ceiling: Cents = MAX_AMOUNT) -> Cents:
    """Read a typed dollar amount into cents.

    Accepts ``150``, ``150.5``, ``150.50``, ``$1,234.50`` and surrounding spaces.
    Raises InvalidInput naming the problem: empty, letters, a minus sign, more
    than two decimals, above the ceiling (and zero unless ``allow_zero``).
    """
    if text is None:
        raise InvalidInput("Please type an amount.")
    raw = str(text).strip()
    if not raw:
        raise InvalidInput("Please type an amount.")
    shown = quoted(raw)
    if "-" in raw or "\u2212" in raw or raw.startswith("("):
        raise InvalidInput(f"“{shown}” has a minus sign; amounts are always positive.")
    body = raw[1:].strip() if raw.startswith("$") else raw
    if any(ch.isspace() for ch in body):
        # "76 93" is a missed decimal point far more often than a thousands gap.
        raise InvalidInput(f"“{shown}” has a space inside the number; type it like 76.93.")
    if not body or body == ".":
        raise InvalidInput(f"“{shown}” has no digits; type an amount like 95.00.")
    if any(ch.isalpha() for ch in body):
        raise InvalidInput(f"“{shown}” has letters in it; type an amount like 95.00.")
    if "," in body:
        if not _GROUPED.match(body):
            raise InvalidInput(f"“{shown}” has commas in the wrong place; type it like 1,234.50.")
        body = body.replace(",", "")
    if body.count(".") > 1 or not _PLAIN.match(body):
        raise InvalidInput(f"“{shown}” is not an amount; type an amount like 95.00.")
    whole, _, decimals = body.partition(".")
    if len(decimals) > 2:
        raise InvalidInput(f"“{shown}” has more than two decimals; cents have two digits.")
    if len(whole.lstrip("0")) > 15:  # beyond any ceiling; a longer number cannot even be shown
        raise InvalidInput(f"“{shown}” is far more than {format_money(ceiling)}; please check the amount.")
    try:
        value = Decimal(whole or "0") + (Decimal("0." + decimals) if decimals else Decimal(0))
    except InvalidOperation:  # pragma: no cover - the regexes above admit only digits
        raise InvalidInput(f"“{shown}” is not an amount; type an amount like 95.00.") from None
    cents = int(value * 100)
    if cents > ceiling:
        raise InvalidInput(
            f"{format_money(cents)} is more than {format_money(ceiling)}; please check the amount."
        )
    if cents == 0 and not allow_zero:
        raise InvalidInput("The amount is zero; type the amount received.")
    return cents


def format_money(cents: Cents, *, symbol: bool = True) -> str:
    """Format cents as ``$1,234.50`` (``-$5.00`` for a negative amount)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{'$' if symbol else ''}{whole:,}.{part:02d}"


def percent_of(cents: Cents, basis_points: int) -> Cents:
    """``basis_points``/100 percent of an amount, rounded half up to the cent."""
    exact = Decimal(cents) * Decimal(basis_points) / Decimal(10_000)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_percent(text: str) -> int:
    """Read a typed percentage (``5``, ``5%``, ``7.25``) into basis points (``725``)."""
    raw = str(text or "").strip().rstrip("%").strip()
    shown = quoted(str(text or "").strip())
    if not raw:
        raise InvalidInput("Please type a percentage.")
    if raw.startswith("-"):
        raise InvalidInput(f"“{shown}” has a minus sign; a percentage is never negative.")
    if not _PLAIN.match(raw) or raw in ("", "."):
        raise InvalidInput(f"“{shown}” is not a percentage; type it like 5 or 7.5.")
    value = Decimal(raw)
    if value > 100:
        raise InvalidInput(f"“{shown}” is more than 100%.")
    bp = value * 100
    if bp != bp.to_integral_value():
        raise InvalidInput(f"“{shown}” has more than two decimals.")
    return int(bp)
