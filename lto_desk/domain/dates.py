"""Dates typed by a person (03/15/1988, 3/15/88, 1988-03-15), and the day a
birthday or anniversary falls on in a given year."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .errors import InvalidInput
from .text import quoted

_US = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str, *, what: str = "date", today: dt.date) -> dt.date | None:
    """A typed date, or None for an empty field. Two-digit years are read as the
    most recent such year (88 → 1988, 05 → 2005 when today is 2026); ``today`` is
    the caller's, from the dealership's one clock."""
    raw = str(text or "").strip()
    if not raw:
        return None
    if m := _ISO.match(raw):
        year, month, day = (int(g) for g in m.groups())
    elif m := _US.match(raw):
        month, day, year = (int(g) for g in m.groups())
        if len(m.group(3)) == 2:
            year += 2000 if 2000 + year <= today.year else 1900
    else:
        raise InvalidInput(f"“{quoted(raw)}” is not a {what}; type it like 03/15/1988.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(f"“{quoted(raw)}” is not a real {what} (check the month and the day).") from None


def as_day(value: object, what: str) -> dt.date:
    """A day from a date or a date-time; InvalidInput naming ``what`` for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise InvalidInput(f"The {what} is not a date; please choose a day.")
    return value


def birthday_in(birthday: dt.date, year: int) -> dt.date:
    """The day a birthday (or an anniversary) falls on in ``year``: born on
    29 February, it is kept on 28 February in a year that has no 29th."""
    if birthday.month == 2 and birthday.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return birthday.replace(year=year)


def age_on(birthday: dt.date, today: dt.date) -> int:
    """Whole years from ``birthday`` to ``today``. Born on 29 February, a person
    is a year older on 1 March in a year with no 29th: the age counts whole
    years, while ``birthday_in`` says which day the birthday is kept on."""
    return today.year - birthday.year - ((today.month, today.day) < (birthday.month, birthday.day))
