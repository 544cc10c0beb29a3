"""The drawer's close check: the cash counted against the cash expected, and whether
the difference needs a note. Like a balance assertion: pure, it gives the result and the problem."""

from __future__ import annotations

from dataclasses import dataclass

from .money import Cents, format_money

#: The fewest characters a note explaining an over/short may have.
NOTE_MIN_LENGTH = 3


@dataclass(frozen=True)
class CloseCheck:
    """A closing count checked against the expected cash.

    Attributes:
      over_short: counted − expected, in cents (above zero over, below zero short).
      needs_note: the over/short is beyond the tolerance, so a note must say what happened.
      problem: what to tell the clerk when a note is needed and none was written; None when it may close.
    """

    over_short: Cents
    needs_note: bool
    problem: str | None

    @property
    def summary(self) -> str:
        """The over/short as the close dialog shows it while counting."""
        return describe_over_short(self.over_short) + (" — please add a note" if self.needs_note else "")


def describe_over_short(over_short: Cents) -> str:
    """``$1.00 short``, ``$7.40 over`` or ``Balanced to the cent``."""
    if over_short == 0:
        return "Balanced to the cent"
    return f"{format_money(abs(over_short))} {'over' if over_short > 0 else 'short'}"


def close_check(expected: Cents, counted: Cents, tolerance: Cents, note: str = "") -> CloseCheck:
    """The over/short of a drawer counted at ``counted`` when ``expected`` was due: beyond
    ``tolerance`` (either way) it needs a note of at least three characters."""
    over_short = counted - expected
    needs_note = abs(over_short) > tolerance
    problem = None
    if needs_note and len(" ".join(str(note or "").split())) < NOTE_MIN_LENGTH:
        problem = (
            f"The drawer is {describe_over_short(over_short)} (more than {format_money(tolerance)}). "
            "Please count again, or write a note saying what happened."
        )
    return CloseCheck(over_short, needs_note, problem)
