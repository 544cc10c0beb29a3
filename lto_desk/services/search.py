"""Finding text fast: the trigram full-text indexes of migration 6.

``customer_search`` holds each customer's folded name and phone digits,
``note_search`` each note's folded text. A typed word of three characters or
more is an index lookup ("any part of a name"); a shorter word can only be
checked row by row, so it narrows what the longer words found (or, alone, is
looked for the slow way, which a one- or two-letter search deserves).
"""

from __future__ import annotations

from ..store.models import db

#: Index matches read before ranking (reading each match's name is what costs).
CANDIDATES = 300


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(table: str, column: str, words: list[str]) -> tuple[str, list[str]]:
    """The condition (and its arguments) that every word is in ``column`` (characters
    that cannot be in a name or note, such as a pasted NUL, are left out)."""
    words = [w for w in ("".join(ch for ch in word if ch.isprintable()) for word in words) if w]
    longer = [w for w in words if len(w) >= 3]
    parts, args = [], []
    if longer:
        parts.append(f"{table} MATCH ?")
        args.append(" AND ".join(f"{column} : {_phrase(w)}" for w in longer))
    for w in words:
        if len(w) < 3:
            parts.append(f"{column} LIKE ? ESCAPE '\\'")
            args.append(_like(w))
    return " AND ".join(parts) or "0", args


def customers_named(words: list[str], limit: int) -> list[int]:
    """Ids of customers whose name holds every (folded) word, best first.

    First the names that start with what was typed, in name order, read in that
    order from the name index (so typing a first name is exact however many share
    it). Then, from the first CANDIDATES index matches (oldest customers first), the
    names with a word starting with the first typed word, then the rest; by name
    within each. A search that common ("brow" in a group of 100,000) shows its best
    matches among those; typing more narrows it.
    """
    typed = " ".join(words)
    starting = [cid for (cid,) in db.execute_sql(
        "SELECT id FROM customer WHERE search_name >= ? AND search_name < ? ORDER BY search_name LIMIT ?",
        (typed, typed + "\U0010ffff", limit),
    )]
    if len(starting) >= limit:
        return starting
    where, args = _where("customer_search", "name", words)
    ranked = db.execute_sql(
        f"SELECT rowid FROM (SELECT rowid, name FROM customer_search WHERE {where} LIMIT ?) "
        "ORDER BY instr(' ' || name, ?) = 0, name LIMIT ?",
        [*args, CANDIDATES, " " + words[0], limit + len(starting)],
    )
    seen = set(starting)
    return (starting + [cid for (cid,) in ranked if cid not in seen])[:limit]


def customers_with_phone(digits: str, limit: int) -> list[tuple[int, str, str]]:
    """(customer id, phone digits: the main phone first, folded name) of customers with a
    phone holding ``digits``."""
    where, args = _where("customer_search", "phones", [digits])
    return db.execute_sql(
        f"SELECT rowid, phones, name FROM customer_search WHERE {where} LIMIT ?", [*args, limit]).fetchall()


def note_ids_sql(words: list[str]) -> tuple[str, list[str]]:
    """A subquery (and its arguments) of the ids of notes holding every (folded) word."""
    where, args = _where("note_search", "text", words)
    return f"SELECT rowid FROM note_search WHERE {where}", args
