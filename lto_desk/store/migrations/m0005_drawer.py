"""Migration 5: the cash drawer.

A drawer session per counter: opened with a float, closed by counting (by
denomination or a total), sealed with its over/short and a running grand total.
Only one session per counter may be open at a time (a partial unique index, so
two counters racing to open cannot both win). Paid-ins, paid-outs and no-sales
are drawer movements. Every money entry posted at the counter names the session
it went through (``ledger_entry.drawer_session_id``; NULL on older entries).
"""

DESCRIPTION = "cash drawer sessions and movements"

STATEMENTS = [
    """CREATE TABLE drawer_session (
        id {pk},
        counter_name TEXT NOT NULL,
        number INTEGER NOT NULL,
        opened_at TIMESTAMP NOT NULL,
        opened_by_id INTEGER NOT NULL REFERENCES clerk (id),
        float_cents BIGINT NOT NULL CHECK (float_cents >= 0),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'sealed')),
        closed_at TIMESTAMP,
        closed_by_id INTEGER REFERENCES clerk (id),
        counted_cents BIGINT CHECK (counted_cents >= 0),
        denominations TEXT NOT NULL DEFAULT '',
        expected_cents BIGINT,
        over_short_cents BIGINT,
        note TEXT NOT NULL DEFAULT '',
        grand_total_cents BIGINT)""",
    "CREATE UNIQUE INDEX drawer_session_counter_name_number ON drawer_session (counter_name, number)",
    "CREATE UNIQUE INDEX drawer_session_one_open ON drawer_session (counter_name) WHERE status = 'open'",
    """CREATE TABLE drawer_movement (
        id {pk},
        session_id INTEGER NOT NULL REFERENCES drawer_session (id),
        kind TEXT NOT NULL CHECK (kind IN ('paid_in', 'paid_out', 'no_sale')),
        amount BIGINT NOT NULL DEFAULT 0 CHECK (amount >= 0),
        reason TEXT NOT NULL,
        at TIMESTAMP NOT NULL,
        clerk_id INTEGER NOT NULL REFERENCES clerk (id))""",
    "CREATE INDEX drawer_movement_session_id ON drawer_movement (session_id)",
    "ALTER TABLE ledger_entry ADD COLUMN drawer_session_id INTEGER REFERENCES drawer_session (id)",
    "CREATE INDEX ledger_entry_drawer_session_id ON ledger_entry (drawer_session_id)",
]
