"""Phone numbers: typed any way, stored as E.164, searched by digits."""

from __future__ import annotations

import re

import phonenumbers

from .errors import InvalidInput
from .text import quoted

DEFAULT_REGION = "US"


def normalise_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """``(555) 123-4567`` → ``+15551234567``; a clear message when it is not a phone number."""
    raw = str(text or "").strip()
    if not raw:
        raise InvalidInput("Please type a phone number.")
    if any(ch.isalpha() for ch in raw):
        raise InvalidInput(
            f"“{quoted(raw)}” has letters in it; type only the phone number's digits "
            "(an extension can go in a note)."
        )
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput(f"“{quoted(raw)}” is not a phone number; type it like (555) 123-4567.") from None
    if not phonenumbers.is_possible_number(number):
        digits = sum(ch.isdigit() for ch in raw)
        raise InvalidInput(f"“{quoted(raw)}” has {digits} digits, which is not a full phone number.")
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput(f"“{quoted(raw)}” is not a valid phone number; please check the area code.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


#: A North American number: area code, exchange (2-9 first), line.
_NANP = re.compile(r"\+1([2-9]\d\d)([2-9]\d\d)(\d{4})")
#: Area code -> its region, learnt from the first valid number seen with it (a
#: report of thousands of accounts would otherwise parse each number in full).
_AREA_REGION: dict[str, str] = {}


def display_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """``+15551234567`` → ``(555) 123-4567`` (international format when abroad)."""
    if not e164:
        return ""
    nanp = _NANP.fullmatch(e164)
    if nanp and region == "US" and _AREA_REGION.get(nanp[1]) == "US":
        return f"({nanp[1]}) {nanp[2]}-{nanp[3]}"
    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    where = phonenumbers.region_code_for_number(number)
    if nanp and where and phonenumbers.is_valid_number(number):
        _AREA_REGION[nanp[1]] = where
    if where == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_digits(e164: str) -> str:
    """The national digits a clerk would type to find the number (``5551234567``)."""
    digits = "".join(ch for ch in e164 or "" if ch.isdigit())
    return digits[1:] if digits.startswith("1") and len(digits) == 11 else digits
