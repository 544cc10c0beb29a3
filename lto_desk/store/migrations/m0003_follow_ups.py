"""Migration 3: follow-up tasks made by events (a new agreement, a payoff, a vehicle return).

``source_key`` names the event that made a task ("thank_you:agreement:12"); it is
UNIQUE so the same event can never make two tasks, however often its code runs.
"""

DESCRIPTION = "follow-up tasks"

STATEMENTS = [
    """CREATE TABLE follow_up (
        id {pk},
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        agreement_id INTEGER REFERENCES agreement (id),
        kind TEXT NOT NULL,
        due_on DATE NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        source_key TEXT NOT NULL UNIQUE,
        created_at TIMESTAMP NOT NULL,
        done_at TIMESTAMP,
        done_by_id INTEGER REFERENCES clerk (id),
        outcome TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX follow_up_status_due_on ON follow_up (status, due_on)",
    "CREATE INDEX follow_up_customer_id ON follow_up (customer_id)",
    "CREATE INDEX follow_up_agreement_id ON follow_up (agreement_id)",
]
