"""The drawer's close check as a table of cases: over/short, when a note is needed, one message."""

from __future__ import annotations

import pytest

from lto_desk.domain.drawer import CloseCheck, close_check, describe_over_short

NEEDS_NOTE = "Please count again, or write a note saying what happened."


@pytest.mark.parametrize(
    "expected, counted, tolerance, note, over_short, needs_note, problem",
    [
        (582_60, 582_60, 5_00, "", 0, False, None),  # balanced
        (582_60, 581_60, 5_00, "", -1_00, False, None),  # short, within the tolerance
        (582_60, 587_60, 5_00, "", 5_00, False, None),  # exactly the tolerance: no note
        (582_60, 577_60, 5_00, "", -5_00, False, None),
        (582_60, 587_61, 5_00, "", 5_01, True,
         f"The drawer is $5.01 over (more than $5.00). {NEEDS_NOTE}"),
        (210_00, 216_00, 5_00, "", 6_00, True, f"The drawer is $6.00 over (more than $5.00). {NEEDS_NOTE}"),
        (210_00, 202_00, 5_00, "  ", -8_00, True, f"The drawer is $8.00 short (more than $5.00). {NEEDS_NOTE}"),
        (210_00, 202_00, 5_00, "  ab ", -8_00, True,  # two characters once the spaces are gathered
         f"The drawer is $8.00 short (more than $5.00). {NEEDS_NOTE}"),
        (210_00, 202_00, 5_00, "a b", -8_00, True, None),  # three characters: enough
        (210_00, 216_00, 5_00, "A customer left $6 for a coffee fund", 6_00, True, None),
        (210_00, 210_01, 0, "", 1, True, f"The drawer is $0.01 over (more than $0.00). {NEEDS_NOTE}"),
        (0, 0, 0, "", 0, False, None),
    ],
)
def test_close_check(expected, counted, tolerance, note, over_short, needs_note, problem):
    assert close_check(expected, counted, tolerance, note) == CloseCheck(over_short, needs_note, problem)


@pytest.mark.parametrize(
    "over_short, words, summary_with_tolerance_5",
    [
        (0, "Balanced to the cent", "Balanced to the cent"),
        (-1_00, "$1.00 short", "$1.00 short"),
        (7_40, "$7.40 over", "$7.40 over — please add a note"),
        (-1_234_56, "$1,234.56 short", "$1,234.56 short — please add a note"),
    ],
)
def test_over_short_in_words(over_short, words, summary_with_tolerance_5):
    assert describe_over_short(over_short) == words
    assert close_check(100_00, 100_00 + over_short, 5_00).summary == summary_with_tolerance_5
