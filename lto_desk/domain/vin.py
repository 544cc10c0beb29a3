"""Vehicle identification numbers: shape and check digit (ISO 3779 / 49 CFR 565)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InvalidInput
from .text import quoted

_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9))),
    **dict(zip("JKLMN", range(1, 6))),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10))),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class VinCheck:
    """A VIN that has the right shape.

    Attributes:
      vin: upper-cased, without spaces or dashes.
      warning: set when the check digit does not match; the person may accept it
        (older and imported vehicles exist), so it is not an error.
    """

    vin: str
    warning: str | None = None

    @property
    def tail(self) -> str:
        return self.vin[-6:]


def check_digit(vin: str) -> str:
    """The check digit (position 9) the other 16 characters call for."""
    total = sum(_VALUES[ch] * w for ch, w in zip(vin, _WEIGHTS))
    rem = total % 11
    return "X" if rem == 10 else str(rem)


def check_vin(text: str) -> VinCheck:
    """Read a typed VIN: 17 letters and digits, never I, O or Q.

    Raises InvalidInput for a wrong shape; returns a warning for a check digit
    that does not match.
    """
    vin = "".join(str(text or "").split()).replace("-", "").upper()
    if not vin:
        raise InvalidInput("Please type the VIN (17 characters, on the dashboard or door pillar).")
    bad = sorted({ch for ch in vin if ch in "IOQ"})
    if bad:
        raise InvalidInput(
            f"A VIN never has the letter{'s' if len(bad) > 1 else ''} {', '.join(bad)}; "
            "check for a 1 or a 0 (zero) instead."
        )
    others = sorted({ch for ch in vin if ch not in _VALUES})
    if others:
        raise InvalidInput(f"A VIN has only letters and digits; “{quoted(''.join(others), 12)}” is not allowed.")
    if len(vin) != 17:
        raise InvalidInput(f"A VIN has 17 characters; this one has {len(vin)}.")
    expected = check_digit(vin)
    if vin[8] != expected:
        return VinCheck(
            vin,
            f"The VIN's check digit (9th character) is {vin[8]} but should be {expected}. "
            "Please re-check the VIN; older and imported vehicles may still be right.",
        )
    return VinCheck(vin)


def with_check_digit(vin: str) -> str:
    """The same 17 characters with position 9 set to the right check digit."""
    vin = vin.upper()
    if len(vin) != 17:
        raise InvalidInput(f"A VIN has 17 characters; this one has {len(vin)}.")
    if any(ch not in _VALUES for ch in vin[:8] + vin[9:]):
        raise InvalidInput("A VIN has only letters and digits, never I, O or Q.")
    return vin[:8] + check_digit(vin) + vin[9:]
