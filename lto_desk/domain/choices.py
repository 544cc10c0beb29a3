"""Reading a choice (an enum with labels) from what a screen or caller passed."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from .errors import InvalidInput

E = TypeVar("E", bound=Enum)


def parse_choice(kind: type[E], value: E | str, ask: str) -> E:
    """``kind(value)``, or InvalidInput saying ``ask`` and listing the choices by label."""
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(c.label.lower() for c in kind)  # type: ignore[attr-defined]
        raise InvalidInput(f"{ask}: {choices}.") from None
