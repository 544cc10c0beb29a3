"""The append-only, hash-chained journal of every change.

One row per thing a person did (take a payment, void it, add a customer...).
Its ``changes`` list holds, for each table row touched, the row's fields
before and after (only the fields that changed, for an update). The row's
HMAC-SHA-256, keyed with the books' key (``seal``), covers the previous row's hash
and a canonical JSON form of the row, so altering, removing or inserting a journal
row breaks the chain, a person without the key cannot re-chain it, and altering a
business row by hand no longer matches the journal's image of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterator

import peewee

from ..domain.errors import InvalidInput
from . import seal
from .models import JournalRow, JournalTouch, LedgerEntry, Model
from .typed_text import refuse_sensitive

GENESIS = "0" * 64

#: Fields left out of a row's image: a note's ``search_text`` is only ``fold(text)``,
#: and its text is journaled. Every column of the staff table is journaled (a wrong
#: PIN and a lockout too), the PIN hash as a digest of it (see IMAGED_AS_DIGEST).
UNJOURNALED_FIELDS = {
    "note": {"search_text"},
}

#: Columns journaled as a SHA-256 digest of their value: the PIN hash is checked against
#: the journal like every other column, but never copied anywhere.
IMAGED_AS_DIGEST = {"clerk": {"pin_hash"}}


def digest_of(value: str) -> str:
    return "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, peewee.Model):
        return value.get_id()
    return value


def canonical(obj: Any) -> str:
    """One JSON text for a value: sorted keys, no spaces, dates in ISO form."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)


def table_of(instance: Model) -> str:
    return instance._meta.table_name


def snapshot(instance: Model, allocations: list | None = None) -> dict[str, Any]:
    """The journaled fields of a row, as plain JSON values keyed by column name.

    A ledger entry's image includes its allocation lines (``allocations`` may
    be given when already loaded, as `verify` does in bulk)."""
    table = table_of(instance)
    skip = UNJOURNALED_FIELDS.get(table, set())
    digested = IMAGED_AS_DIGEST.get(table, set())
    out: dict[str, Any] = {}
    for f in instance._meta.sorted_fields:
        if f.name in skip or f.primary_key:
            continue
        value = instance.__data__.get(f.name)
        if f.name in digested:
            value = digest_of(value)
        out[f.column_name] = _plain(f.db_value(value) if isinstance(value, peewee.Model) else value)
    if isinstance(instance, LedgerEntry):
        out["allocations"] = allocations if allocations is not None else [
            [a.bucket, a.installment_number, a.amount]
            for a in instance.allocations.order_by(instance.allocations.model.id)
        ]
    return {k: _plain(v) for k, v in out.items()}


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that changed, before and after."""
    keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


@dataclass(frozen=True)
class Change:
    """One row touched: table, key, fields before (None for an insert) and after
    (None for a removal, whose ``before`` is the whole row as it was)."""

    table: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def as_list(self) -> list[Any]:
        return [self.table, self.key, self.before, self.after]


def row_hash(prev_hash: str, at: str, clerk_id: int | None, action: str, changes: str, key: bytes | None = None) -> str:
    """A row's hash: HMAC-SHA-256 of its canonical form with the books' key (plain SHA-256
    for rows written before the books had a key: see ``seal``)."""
    body = canonical([prev_hash, at, clerk_id, action, changes])
    return seal.hash_row(key, body.encode("utf-8"))


def append(action: str, changes: list[Change], clerk_id: int | None, at: dt.datetime) -> JournalRow:
    """Add one journal row. Call inside the write transaction that made the changes.

    Every write passes here, so this is where a full card number or a Social Security
    number typed into a note, memo or complaint is refused (InvalidInput) before
    anything is kept."""
    refuse_sensitive(changes)
    run = JournalRow._meta.database.execute_sql
    # Plain query texts: every write passes here, and building them through the
    # model cost more than the reading and writing.
    last = run("SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[1] if last else GENESIS
    next_id = last[0] + 1 if last else 1  # given, not left to the database: the key is chosen by it
    at_text = _plain(at)
    changes_text = canonical([c.as_list() for c in changes])
    digest = row_hash(prev, at_text, clerk_id, action, changes_text, seal.key_for_next_row(next_id, at))
    row = JournalRow(
        id=next_id, at=at, clerk_id=clerk_id, action=action, changes=changes_text, prev_hash=prev, hash=digest
    )
    run(
        "INSERT INTO journal (id, at, clerk_id, action, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (next_id, JournalRow.at.db_value(at), clerk_id, action, changes_text, prev, digest),
    )
    touched = touches(changes)
    for start in range(0, len(touched), 300):  # well under SQLite's limit of bound values
        part = touched[start:start + 300]
        run(
            "INSERT INTO journal_touch (table_name, row_key, journal_id) VALUES " + ", ".join(["(?, ?, ?)"] * len(part)),
            [value for table, key in part for value in (table, key, row.id)],
        )
    return row


def touches(changes: list[Change] | list[list]) -> list[tuple[str, str]]:
    """The rows (table, key) a journal row's changes touch, each once, in the order first touched."""
    pairs = (
        (c.table, c.key) if isinstance(c, Change) else (c[0], c[1]) for c in changes
    )
    return list(dict.fromkeys(pairs))


def rows_touching(
    table: str, key: str, actions: tuple[str, ...] | None = None, *, after_id: int = 0, limit: int | None = None,
) -> list[JournalRow]:
    """The journal rows that touched row ``key`` of ``table`` (among ``actions`` when
    given; only those after journal row ``after_id``; the first ``limit``), oldest first,
    found through the journal_touch index."""
    query = (
        JournalRow.select()
        .join(JournalTouch, on=(JournalTouch.journal_id == JournalRow.id))
        .where((JournalTouch.table_name == table) & (JournalTouch.row_key == str(key))
               & (JournalTouch.journal_id > after_id))
        .order_by(JournalRow.id)
    )
    if actions is not None:
        query = query.where(JournalRow.action.in_(actions))
    if limit is not None:
        query = query.limit(limit)
    return list(query)


def touches_present(touched: list[tuple[str, str, int]]) -> int:
    """How many of these (table, key, journal id) are in the journal_touch index (each
    found by the index's own key)."""
    count = 0
    run = JournalRow._meta.database.execute_sql
    for start in range(0, len(touched), 3000):  # 9,000 values: under SQLite's limit
        part = touched[start:start + 3000]
        count += run(
            "SELECT count(*) FROM journal_touch t JOIN (VALUES " + ", ".join(["(?, ?, ?)"] * len(part)) + ") v "
            "ON t.table_name = v.column1 AND t.row_key = v.column2 AND t.journal_id = v.column3",
            [value for triple in part for value in triple],
        ).fetchone()[0]
    return count


def touch_count() -> int:
    return JournalRow._meta.database.execute_sql("SELECT count(*) FROM journal_touch").fetchone()[0]


def first_touch_not_in_journal() -> str:
    """The first index entry whose journal row does not touch that row, in words (only when
    the index holds more than the journal made: it reads the journal row of each entry)."""
    run = JournalRow._meta.database.execute_sql
    for table, key, journal_id in run("SELECT table_name, row_key, journal_id FROM journal_touch"):
        row = run("SELECT changes FROM journal WHERE id = ?", (journal_id,)).fetchone()
        if row is None or (table, key) not in touches(json.loads(row[0])):
            return f"{table} row {key} in journal row {journal_id}"
    return "an entry made twice"


@dataclass(frozen=True)
class ChainBreak:
    row_id: int
    problem: str


def walk(segments: list[seal.Segment] | None = None, batch: int = 5000) -> Iterator[tuple[JournalRow, ChainBreak | None]]:
    """Every journal row in order, each with the break it shows (None when it holds).

    ``segments``: the books' keys (``seal.read_segments()`` when not given). A row sealed
    with a key this computer does not hold is checked for its place in the chain only."""
    if segments is None:
        segments = seal.read_segments()
    prev = GENESIS
    last_id = 0
    while True:
        rows = list(
            JournalRow.select().where(JournalRow.id > last_id).order_by(JournalRow.id).limit(batch)
        )
        if not rows:
            return
        for row in rows:
            problem = None
            segment = seal.segment_of(segments, row.id)
            key = segment.key if segment is not None else None
            if row.prev_hash != prev:
                problem = ChainBreak(row.id, "does not follow the row before it (a row was removed, added or altered)")
            elif (segment is None or key is not None) and row_hash(
                row.prev_hash, _plain(row.at), row.clerk_id, row.action, row.changes, key
            ) != row.hash:
                problem = ChainBreak(row.id, "was altered after it was written (its seal does not match)")
            yield row, problem
            prev = row.hash
            last_id = row.id


def short_code(hash_hex: str) -> str:
    """A short code printed on receipts that ties the paper to its journal row."""
    return hash_hex[:8].upper()

