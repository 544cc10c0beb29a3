"""Spotting a full card number or a Social Security number in typed text, so it is never stored.

The text is first made plain (:func:`plain`): compatibility forms folded (NFKC, so
full-width ``４`` is ``4``), every script's digits read as 0-9, dashes of every width
read as "-", and invisible format characters (zero-width spaces, bidi controls) and
controls other than spaces taken out.

A card number is 13 to 19 digits that pass the Luhn check and begin as the cards a
dealer takes do (Visa 4, Mastercard 51-55 and 2221-2720, Amex, Discover, Diners, JCB,
UnionPay, Maestro: 3x but 31-33, 4, 5, 6), typed in one run or in groups of four or
eight (4-4-4-4, 4-4-4-4-3, 8-8 …) or as printed (4-6-5, 4-6-4), with any of space,
dash, dot, slash or underscore between. Groups of two or three (dates, phone numbers)
and runs longer than 19 digits are not cards.

A Social Security number is three, two and four digits with the same dash, dot,
slash, underscore or space between them (123-45-6789, 123.45.6789, 123 45 6789), or
nine digits (with or without separators) next to words that say so: "SSN",
"social (security)", "soc sec", "seguro social", "ITIN", "tax id", or right after
"SS" / "S.S." ("SS# 123456789", "her SS is 123456789"; not "Camaro SS, order 123456789").
"""

from __future__ import annotations

import re
import unicodedata

#: Dashes of every width (hyphen, non-breaking hyphen, figure dash, en and em dash,
#: horizontal bar, minus, small and full-width hyphen-minus after NFKC) read as "-".
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63")


class _PlainCharacters(dict):
    """``str.translate`` table, filled as characters are met: digits of every script
    as 0-9, dashes as "-", format characters and non-space controls removed."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        category = unicodedata.category(ch)
        if category == "Nd":
            value: str | None = str(unicodedata.decimal(ch))
        elif ch in _DASHES:
            value = "-"
        elif category in ("Cf", "Cs") or (category == "Cc" and not ch.isspace()):
            value = None
        else:
            value = ch
        self[code] = value
        return value


_PLAIN = _PlainCharacters()


def plain(text: str) -> str:
    """``text`` as the checks read it (see the module's docstring)."""
    text = str(text or "")
    if text.isascii() and text.isprintable():
        return text
    return unicodedata.normalize("NFKC", text).translate(_PLAIN)


#: Between two groups of a number: spaces (any run), a dash (spaces around it allowed),
#: or one dot, slash or underscore.
_GAP = r"(?:\s*-\s*|\s+|[./_])"
_DIGIT_CHUNK = re.compile(rf"\d+(?:{_GAP}\d+)*")
_DIGITS = re.compile(r"\d+")
#: Groupings other than "fours or eights, then what is left": American Express and Diners Club.
_WIDE_GROUPINGS = {(4, 6, 5), (4, 6, 4)}

_SSN_SHAPED = re.compile(
    r"(?<!\d)(?<!\d[-./_ ])(\d{3})(\s*-\s*|[./_ ])(\d{2})\2(\d{4})(?![-./_ ]?\d)"
)
#: Words that say a number is a Social Security or taxpayer number (not inside a longer word).
_SSN_WORDS = (
    r"(?<![^\W\d_])"
    r"(?:ssn|s\.\s?s\.\s?n\.?|soc(?:ial)?(?:\s*sec(?:urity)?)?|seguro\s+social|itin|tax\s*id)"
    r"(?![^\W\d_])"
)
#: "SS" alone is also a car's trim (a Camaro SS), so it counts only right before the
#: number, or with "#", "no.", "number" or "is" between: "SS# 123456789", "her SS is 123 45 6789".
_SS = r"(?<![^\W\d_])s\.?\s?s\.?(?![^\W\d_])[\s:#=-]*(?:(?:is|es|no\.?|num(?:ber)?|n[uú]mero)(?![^\W\d_])[\s:#=-]*)?"
_NINE = r"(?<!\d)(\d{3})[-./_ ]?(\d{2})[-./_ ]?(\d{4})(?!\d)"
_SSN_AFTER_WORDS = re.compile(rf"(?:{_SSN_WORDS}[^\d]{{0,25}}?|{_SS}){_NINE}", re.IGNORECASE)
_SSN_BEFORE_WORDS = re.compile(rf"{_NINE}[^\d]{{0,15}}?{_SSN_WORDS}", re.IGNORECASE)


def luhn_ok(digits: str) -> bool:
    """True when ``digits`` (digits only) pass the Luhn check every payment card number passes."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _issued_prefix(digits: str) -> bool:
    """Begins as a card a dealer takes (see the module's docstring): not 1, 7-9, 31-33,
    nor a 2 outside Mastercard's 2221-2720 (so model years and receipt numbers in a row are not cards)."""
    first = digits[0]
    if first in "456":
        return True
    if first == "3":
        return digits[1] not in "123"
    return first == "2" and 2221 <= int(digits[:4]) <= 2720


def _card_grouping(groups: list[str]) -> bool:
    if len(groups) == 1:
        return True
    sizes = tuple(len(g) for g in groups)
    if sizes in _WIDE_GROUPINGS:
        return True
    return all(s in (4, 8) for s in sizes[:-1]) and 1 <= sizes[-1] <= 8


def find_card_number(text: str) -> str | None:
    """The digits of the first full card number in ``text``, or None."""
    for chunk in _DIGIT_CHUNK.finditer(plain(text)):
        groups = _DIGITS.findall(chunk.group())
        for start in range(len(groups)):
            found = None  # the longest card number starting at this group
            count = 0
            for end in range(start, len(groups)):
                count += len(groups[end])
                if count > 19:
                    break
                if count >= 13 and _card_grouping(groups[start:end + 1]):
                    digits = "".join(groups[start:end + 1])
                    if _issued_prefix(digits) and luhn_ok(digits):
                        found = digits
            if found is not None:
                return found
    return None


def _plausible_ssn(area: str, group: str, serial: str) -> bool:
    # Never issued: area 000 or 666, group 00, serial 0000 (placeholders like 000-00-0000).
    return area not in ("000", "666") and group != "00" and serial != "0000"


def find_ssn(text: str) -> str | None:
    """The nine digits of the first Social Security (or taxpayer) number in ``text``, or None."""
    text = plain(text)
    for match in _SSN_SHAPED.finditer(text):
        area, _gap, group, serial = match.groups()
        if _plausible_ssn(area, group, serial):
            return area + group + serial
    for pattern in (_SSN_AFTER_WORDS, _SSN_BEFORE_WORDS):
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
