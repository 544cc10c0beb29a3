"""Typed text: folding for search (case and accents ignored, ``José`` finds ``jose``),
the one sanitiser every free-text field goes through (:func:`clean_text`), names,
and typed text echoed in a message."""

from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

#: How long typed free text may be, said once. A one-line field (an address line, a
#: reason, a memo, a make) holds at most LINE_MAX characters, a note (a box of several
#: lines) at most NOTE_MAX; a field may ask for less (a trim, 40) but never for more.
LINE_MAX = 200
NOTE_MAX = 4000


def fold(text: str) -> str:
    """Lower case, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


#: Characters that hide or scramble text on a screen or a page: controls (NUL…),
#: line and paragraph separators, and the bidi embeddings, overrides and isolates
#: that turn the rest of a line around.
_SCRAMBLING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def scrambles(ch: str) -> bool:
    return ch in _SCRAMBLING or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


#: Taken out of typed text before it is kept: controls (NUL, ESC, DEL, C1 …) other than
#: the whitespace below, the bidi embeddings, overrides and isolates, and lone surrogates
#: (which cannot be saved). Zero-width joiners and left-to-right marks stay: they are text.
_REMOVED = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: Line breaks of every kind (CR LF, CR, vertical tab, form feed, the file, group, record
#: and unit separators, NEL, U+2028/2029): one "\n" in a note, a space in a line.
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
_BLANK_LINES = re.compile("\n{3,}")


def clean_text(
    text: object, what: str = "the text", *, minimum: int = 0, maximum: int = LINE_MAX, lines: bool = False,
    plural: bool = False,
) -> str:
    """Typed free text as it is kept: the characters that would hide or scramble it (see
    ``_REMOVED``) taken out, spaces tidied, and its length checked.

    One line (``lines=False``): every run of spaces, tabs and line breaks is one space.
    A note of several lines (``lines=True``): line breaks and tabs are kept, each line's
    trailing spaces dropped, and at most one empty line in a row.
    Refuses (InvalidInput) fewer than ``minimum`` characters ("Please type the note.")
    or more than ``maximum`` ("The note is too long (at most 4000 characters).";
    ``plural``: "The notes are too long…")."""
    value = _REMOVED.sub("", str(text or ""))
    if lines:
        value = _LINE_BREAK.sub("\n", value)
        value = "\n".join(line.rstrip() for line in value.split("\n")).strip()
        value = _BLANK_LINES.sub("\n\n", value)
    else:
        value = " ".join(value.split())
    if len(value) < minimum:
        raise InvalidInput(f"Please type {what}.")
    limit = min(maximum, NOTE_MAX)
    if len(value) > limit:
        verb = "are" if plural else "is"
        raise InvalidInput(f"{what[:1].upper()}{what[1:]} {verb} too long (at most {limit} characters).")
    return value


def quoted(text: str, limit: int = 40) -> str:
    """Typed text to echo in a message: at most ``limit`` characters (then "…"),
    and any character that would hide or scramble the message shown as "�"."""
    text = str(text)
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join("\ufffd" if scrambles(ch) else ch for ch in cut)


def clean_name(text: str, what: str = "name") -> str:
    """A person's name as typed, tidied; refuses empty or digit-only names."""
    value = " ".join(str(text or "").split())
    if not value:
        raise InvalidInput(f"Please type the {what}.")
    if len(value) > 80:
        raise InvalidInput(f"The {what} is too long (at most 80 characters).")
    if not any(ch.isalpha() for ch in value):
        raise InvalidInput(f"The {what} needs letters.")
    if any(ch in value for ch in "<>{}[]|\\@#$%^*=;") or any(scrambles(ch) for ch in value):
        raise InvalidInput(f"The {what} has a character a name would not have.")
    return value


#: What a spreadsheet takes as the start of a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Typed text as a CSV cell a spreadsheet shows as text, never runs: one that starts
    like a formula (``=HYPERLINK(…)``, ``+``, ``-``, ``@``, a tab or a carriage return)
    gets a leading apostrophe, as OWASP advises. Figures the program writes (a negative
    amount) are not typed text and do not pass here."""
    text = str(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def spreadsheet_text(cell: str) -> str:
    """A cell read back as it was before :func:`spreadsheet_safe` kept it text: the
    apostrophe in front of text that starts like a formula is dropped (``'=1+2`` →
    ``=1+2``; ``'+1 555 0142`` → ``+1 555 0142``), as a spreadsheet shows it."""
    text = str(cell)
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text
