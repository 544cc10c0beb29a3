"""Text folding for search: case and accents ignored (``José`` finds ``jose``)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


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
    if any(ch in value for ch in "<>{}[]|\\@#$%^*=;"):
        raise InvalidInput(f"The {what} has a character a name would not have.")
    return value
