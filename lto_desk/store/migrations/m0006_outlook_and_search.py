"""Migration 6: what makes a big lot as quick as the demo.

* ``agreement.paid_toward_next`` and ``agreement.fee_carry``: two more cached
  figures (see :mod:`lto_desk.domain.outlook`), so the amount due of many
  agreements is read without replaying their entries. Kept in the same
  transaction as every entry; ``verify`` recomputes them. Filled here for the
  active agreements already on file.
* ``customer_search``: a full-text index (SQLite FTS5, trigram) over each
  customer's folded name and every phone's digits, so "any part of a name" and
  "any 4 digits of a phone" are index lookups, not a scan of every customer.
  Triggers keep it in step with ``customer`` and ``customer_phone``.
* ``note_search``: the same over each note's folded text, so a word typed in
  the lookup finds the customer whose note holds it without reading every
  note. Notes written before search_text existed get it here.
* On a PostgreSQL server the same lookups go through trigram GIN indexes (pg_trgm)
  on the folded columns themselves (``customer.search_name``, ``customer.phone_digits``,
  ``customer_phone.digits``, ``note.search_text``), which ``LIKE '%word%'`` uses: no
  second copy of the text to keep in step.
"""

from __future__ import annotations

import datetime as dt

DESCRIPTION = "cached outlook figures on agreements; customer search index"

STATEMENTS = [
    "ALTER TABLE agreement ADD COLUMN paid_toward_next BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE agreement ADD COLUMN fee_carry BIGINT NOT NULL DEFAULT 0",
]

#: Every phone of customer ``{who}``: the main one, then the others, space-separated.
_PHONES = (
    "(SELECT c.phone_digits || coalesce((SELECT ' ' || group_concat(p.digits, ' ') FROM customer_phone p "
    "WHERE p.customer_id = c.id), '') FROM customer c WHERE c.id = {who})"
)

SQLITE_STATEMENTS = [
    "CREATE VIRTUAL TABLE customer_search USING fts5(name, phones, tokenize = 'trigram')",
    "INSERT INTO customer_search (rowid, name, phones) SELECT id, search_name, "
    + _PHONES.format(who="customer.id") + " FROM customer",
    """CREATE TRIGGER customer_search_added AFTER INSERT ON customer BEGIN
        INSERT INTO customer_search (rowid, name, phones) VALUES (new.id, new.search_name, new.phone_digits);
    END""",
    f"""CREATE TRIGGER customer_search_changed AFTER UPDATE OF search_name, phone_digits ON customer BEGIN
        UPDATE customer_search SET name = new.search_name, phones = {_PHONES.format(who="new.id")}
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER customer_search_removed AFTER DELETE ON customer BEGIN
        DELETE FROM customer_search WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER customer_search_phone_added AFTER INSERT ON customer_phone BEGIN
        UPDATE customer_search SET phones = {_PHONES.format(who="new.customer_id")} WHERE rowid = new.customer_id;
    END""",
    f"""CREATE TRIGGER customer_search_phone_changed AFTER UPDATE ON customer_phone BEGIN
        UPDATE customer_search SET phones = {_PHONES.format(who="old.customer_id")} WHERE rowid = old.customer_id;
        UPDATE customer_search SET phones = {_PHONES.format(who="new.customer_id")} WHERE rowid = new.customer_id;
    END""",
    f"""CREATE TRIGGER customer_search_phone_removed AFTER DELETE ON customer_phone BEGIN
        UPDATE customer_search SET phones = {_PHONES.format(who="old.customer_id")} WHERE rowid = old.customer_id;
    END""",
    "CREATE VIRTUAL TABLE note_search USING fts5(text, tokenize = 'trigram')",
    "INSERT INTO note_search (rowid, text) SELECT id, search_text FROM note",
    """CREATE TRIGGER note_search_added AFTER INSERT ON note BEGIN
        INSERT INTO note_search (rowid, text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER note_search_changed AFTER UPDATE OF search_text ON note BEGIN
        UPDATE note_search SET text = new.search_text WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER note_search_removed AFTER DELETE ON note BEGIN
        DELETE FROM note_search WHERE rowid = old.id;
    END""",
]

POSTGRES_STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX customer_search_name_trgm ON customer USING gin (search_name gin_trgm_ops)",
    "CREATE INDEX customer_phone_digits_trgm ON customer USING gin (phone_digits gin_trgm_ops)",
    "CREATE INDEX customer_phone_number_digits_trgm ON customer_phone USING gin (digits gin_trgm_ops)",
    "CREATE INDEX note_search_text_trgm ON note USING gin (search_text gin_trgm_ops)",
]


def after(database) -> None:
    """Fill the two new figures of every active agreement from a replay of its
    entries; give notes written before migration 2 their folded search text."""
    from ...domain.ledger import Entry, EntryKind, replay
    from ...domain.outlook import cached_parts
    from ...domain.terms import Installment, LateFeePolicy
    from ...domain.text import fold

    run = database.execute_sql
    for note_id, text in run("SELECT id, text FROM note WHERE search_text = ''").fetchall():
        run("UPDATE note SET search_text = ? WHERE id = ?", (fold(text), note_id))
    today = dt.date.today()
    for aid, grace, flat, bp, cap, opened in run(
        "SELECT id, grace_days, fee_flat, fee_percent_bp, fee_cap, opened_on FROM agreement WHERE status = 'active'"
    ).fetchall():
        schedule = [Installment(n, _day(d), a) for n, d, a in run(
            "SELECT number, due_date, amount FROM installment WHERE agreement_id = ? ORDER BY number", (aid,))]
        entries = [
            Entry(i, EntryKind(k), _day(on), amount, reverses, number)
            for i, k, on, amount, reverses, number in run(
                "SELECT id, kind, entry_date, amount, reverses_id, installment_number FROM ledger_entry "
                "WHERE agreement_id = ? ORDER BY id", (aid,))
        ]
        as_of = max([today, _day(opened)] + [e.on for e in entries])
        state = replay(schedule, LateFeePolicy(grace, flat, bp, cap), entries, as_of)
        toward_next, carry = cached_parts(state)
        if toward_next or carry:
            run("UPDATE agreement SET paid_toward_next = ?, fee_carry = ? WHERE id = ?", (toward_next, carry, aid))


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
