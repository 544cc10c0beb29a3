"""Finding text fast: the trigram full-text indexes of migration 6.

``customer_search`` holds each customer's folded name and phone digits,
``note_search`` each note's folded text. A typed word of three characters or
more is an index lookup ("any part of a name"); a shorter word can only be
checked row by row, so it narrows what the longer words found (or, alone, is
looked for the slow way, which a one- or two-letter search deserves).
"""

from __future__ import annotations

from .models import db
from .rows import on_server

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


def notes_holding(words: list[str]):
    """(note id, text, customer id, first, last, preferred name) of the notes holding every
    (folded) word, newest first."""
    where, args = _where("note_search", "text", words)
    return db.execute_sql(
        "SELECT n.id, n.text, c.id, c.first_name, c.last_name, c.preferred_name FROM note n "
        f"JOIN customer c ON c.id = n.customer_id WHERE n.id IN (SELECT rowid FROM note_search WHERE {where}) "
        "ORDER BY n.created_at DESC, n.id DESC",
        args,
    )


#: A customer whose search index row differs from their name and phones (or has none).
_CUSTOMER_OUT_OF_STEP = """
SELECT c.id FROM customer c LEFT JOIN customer_search s ON s.rowid = c.id
WHERE s.rowid IS NULL OR s.name IS NOT c.search_name OR s.phones IS NOT c.phone_digits || coalesce(
    (SELECT ' ' || group_concat(p.digits, ' ') FROM customer_phone p WHERE p.customer_id = c.id), '')
LIMIT 1
"""


def index_problem() -> str | None:
    """What is wrong with the search indexes (they hold every customer's name and phones,
    and every note's text, as they are), in words; None when they are right. On a server
    the trigram indexes are on the columns themselves, so they cannot be out of step."""
    if on_server():
        return None
    row = db.execute_sql(_CUSTOMER_OUT_OF_STEP).fetchone()
    if row is not None:
        return f"customer row {row[0]}: the search index does not match the customer (lookup would miss them)."
    indexed, customers = db.execute_sql(
        "SELECT (SELECT count(*) FROM customer_search), (SELECT count(*) FROM customer)").fetchone()
    if indexed != customers:
        return f"the search index has {indexed} customers but the file has {customers}."
    row = db.execute_sql(
        "SELECT n.id FROM note n LEFT JOIN note_search s ON s.rowid = n.id "
        "WHERE s.rowid IS NULL OR s.text IS NOT n.search_text LIMIT 1").fetchone()
    if row is not None:
        return f"note row {row[0]}: the note search index does not match the note (lookup would miss it)."
    indexed, notes = db.execute_sql("SELECT (SELECT count(*) FROM note_search), (SELECT count(*) FROM note)").fetchone()
    if indexed != notes:
        return f"the note search index has {indexed} notes but the file has {notes}."
    return None
