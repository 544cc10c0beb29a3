"""Text folding for search: case and accents ignored (``José`` finds ``jose``)."""

from __future__ import annotations

import unicodedata


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


def quoted(text: str, limit: int = 40) -> str:
    """Typed text to echo in a message: at most ``limit`` characters (then "…"),
    and any character that would hide or scramble the message shown as "�"."""
    text = str(text)
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join("\ufffd" if scrambles(ch) else ch for ch in cut)


def clean_name(text: str, what: str = "name") -> str:
    """A person's name as typed, tidied; refuses empty or digit-only names."""
    from .errors import InvalidInput

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
