"""What a customer's record may hold, as the customer forms and the import check it: an
email address, a birthday, a language for printed pages."""

from __future__ import annotations

import datetime as dt
import re

from .errors import InvalidInput
from .text import quoted, scrambles

LANGUAGES = {"en": "English", "es": "Español"}
#: Something, an @, then a domain with a dot: no spaces, one @.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def check_email(email: str) -> str:
    """An email address as typed (tidied), or '' — refused without an @ and a domain."""
    value = str(email or "").strip()
    if not value:
        return value
    if len(value) > 254:
        raise InvalidInput("The email address is too long (at most 254 characters).")
    if not _EMAIL.fullmatch(value) or any(scrambles(ch) for ch in value):
        raise InvalidInput(f"“{quoted(value)}” is not an email address (it needs an @ and a domain).")
    return value


def check_birthday(birthday: dt.date | None, today: dt.date) -> dt.date | None:
    """Refuses a birthday in the future or more than 120 years ago."""
    if birthday and birthday > today:
        raise InvalidInput("The birthday is in the future; please check the year.")
    if birthday and birthday.year < today.year - 120:
        raise InvalidInput("The birthday is more than 120 years ago; please check the year.")
    return birthday


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidInput("The language for printed pages is English or Spanish.")
    return language
