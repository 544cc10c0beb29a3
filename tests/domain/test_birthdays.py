"""Birthdays and anniversaries in a given year, and ages: 29 February as a table of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.dates import age_on, birthday_in

LEAP_DAY = dt.date(2004, 2, 29)


@pytest.mark.parametrize(
    "birthday, year, kept_on",
    [
        (LEAP_DAY, 2025, dt.date(2025, 2, 28)),  # no 29th: kept the day before
        (LEAP_DAY, 2028, dt.date(2028, 2, 29)),  # a leap year: on the day
        (LEAP_DAY, 2100, dt.date(2100, 2, 28)),  # 2100 is not a leap year
        (LEAP_DAY, 2000, dt.date(2000, 2, 29)),  # 2000 is
        (dt.date(1988, 3, 15), 2026, dt.date(2026, 3, 15)),
        (dt.date(1988, 2, 28), 2026, dt.date(2026, 2, 28)),
        (dt.date(1988, 3, 1), 2025, dt.date(2025, 3, 1)),
        (dt.date(1988, 12, 31), 2026, dt.date(2026, 12, 31)),
    ],
)
def test_the_day_a_birthday_is_kept(birthday, year, kept_on):
    assert birthday_in(birthday, year) == kept_on


@pytest.mark.parametrize(
    "birthday, today, age",
    [
        (LEAP_DAY, dt.date(2025, 2, 28), 20),  # the birthday is kept today, the year turns tomorrow
        (LEAP_DAY, dt.date(2025, 3, 1), 21),
        (LEAP_DAY, dt.date(2028, 2, 28), 23),
        (LEAP_DAY, dt.date(2028, 2, 29), 24),
        (dt.date(1988, 3, 15), dt.date(2026, 3, 14), 37),
        (dt.date(1988, 3, 15), dt.date(2026, 3, 15), 38),
        (dt.date(1988, 3, 15), dt.date(1988, 3, 15), 0),
        (dt.date(1988, 12, 31), dt.date(2027, 1, 1), 38),
    ],
)
def test_age_in_whole_years(birthday, today, age):
    assert age_on(birthday, today) == age
