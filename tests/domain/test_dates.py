"""Typed dates: the formats a clerk uses, and clear refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.dates import parse_date
from lto_desk.domain.errors import InvalidInput

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("03/15/1988", dt.date(1988, 3, 15)),
        ("3/5/1988", dt.date(1988, 3, 5)),
        ("3/15/88", dt.date(1988, 3, 15)),
        ("3/15/05", dt.date(2005, 3, 15)),  # 2005 is before today, so not 1905
        ("3/15/27", dt.date(1927, 3, 15)),  # 2027 is after today
        ("1988-03-15", dt.date(1988, 3, 15)),
        (" 12-31-1999 ", dt.date(1999, 12, 31)),
        ("", None),
        ("   ", None),
    ],
)
def test_typed_dates(typed, expected):
    assert parse_date(typed, today=TODAY) == expected


@pytest.mark.parametrize("typed, words", [("13/01/1990", "real"), ("2/30/1990", "real"), ("March 5", "type it like"), ("1990", "type it like")])
def test_bad_dates_are_refused_with_a_message(typed, words):
    with pytest.raises(InvalidInput) as err:
        parse_date(typed, what="birthday", today=TODAY)
    assert words in err.value.message and "birthday" in err.value.message
