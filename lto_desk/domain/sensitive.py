"""Spotting a full card number or a Social Security number in typed text, so it is never stored.

A card number is 13 to 19 digits that pass the Luhn check, typed in one run or in the
groups printed on cards (4-4-4-4, 4-4-4-4-3, 4-6-5 …) with spaces or dashes between.
Groups of two (dates like 2025-01-06) and runs longer than 19 digits are not cards.
A Social Security number is ddd-dd-dddd, or nine digits that follow a label such as
"SSN", "social security" or "seguro social".
"""

from __future__ import annotations

import re

_DIGIT_CHUNK = re.compile(r"\d+(?:[ -]\d+)*")
_SEPARATOR = re.compile(r"[ -]")
#: Groupings other than "fours, then what is left": American Express and Diners Club.
_WIDE_GROUPINGS = {(4, 6, 5), (4, 6, 4)}

_SSN_DASHED = re.compile(r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])")
_SSN_LABELLED = re.compile(
    r"(?:\b(?:ssn|s\.s\.n\.?|social(?:\s+security)?|seguro\s+social|itin|tax\s*id)\b|\bss\s*#)"
    r"[^\d]{0,25}?(?<!\d)(\d{3})[ -]?(\d{2})[ -]?(\d{4})(?!\d)",
    re.IGNORECASE,
)


def luhn_ok(digits: str) -> bool:
    """True when ``digits`` (digits only) pass the Luhn check every payment card number passes."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_grouping(groups: list[str]) -> bool:
    if len(groups) == 1:
        return True
    sizes = tuple(len(g) for g in groups)
    if sizes in _WIDE_GROUPINGS:
        return True
    return all(s == 4 for s in sizes[:-1]) and 1 <= sizes[-1] <= 4


def find_card_number(text: str) -> str | None:
    """The digits of the first full card number in ``text``, or None."""
    for chunk in _DIGIT_CHUNK.finditer(str(text or "")):
        groups = _SEPARATOR.split(chunk.group())
        for start in range(len(groups)):
            found = None  # the longest card number starting at this group
            count = 0
            for end in range(start, len(groups)):
                count += len(groups[end])
                if count > 19:
                    break
                if count >= 13 and _card_grouping(groups[start:end + 1]):
                    digits = "".join(groups[start:end + 1])
                    if luhn_ok(digits):
                        found = digits
            if found is not None:
                return found
    return None


def _plausible_ssn(area: str, group: str, serial: str) -> bool:
    # Never issued: area 000 or 666, group 00, serial 0000 (placeholders like 000-00-0000).
    return area not in ("000", "666") and group != "00" and serial != "0000"


def find_ssn(text: str) -> str | None:
    """The nine digits of the first Social Security (or taxpayer) number in ``text``, or None."""
    text = str(text or "")
    for pattern in (_SSN_DASHED, _SSN_LABELLED):
        for match in pattern.finditer(text):
            if _plausible_ssn(*match.groups()):
                return "".join(match.groups())
    return None


def sensitive_problem(text: str) -> str | None:
    """What to tell the person when ``text`` holds a card or Social Security number; else None."""
    card = find_card_number(text)
    if card is not None:
        return (
            "That looks like a full card number. Please keep only the last four digits "
            f"(for example …{card[-4:]})."
        )
    if find_ssn(text) is not None:
        return (
            "That looks like a Social Security number. LTO Desk never keeps one; "
            "please take it out and save again."
        )
    return None
