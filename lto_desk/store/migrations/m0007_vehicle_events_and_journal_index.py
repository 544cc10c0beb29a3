"""Migration 7: facts in tables, not only in the journal.

* ``vehicle_event``: what a person said about a vehicle outside its agreements (an
  inspection and its note, a removal from inventory with its reason, being put
  back and the status it went back to). Until now these lived only in the
  journal's JSON, and putting a vehicle back searched the journal's text for its
  removal. Filled here from the journal, oldest first, so event ids follow the
  journal's order (``verify`` numbers the old records the same way).
* ``journal_touch``: which rows each journal row touched (table, key), kept by
  ``store.journal.append``, so a receipt's or a vehicle's journal rows are found
  by an index instead of by searching the journal's text. Filled here for every
  journal row already on file.
"""

from __future__ import annotations

DESCRIPTION = "vehicle events table; index of the rows each journal row touched"

STATEMENTS = [
    """CREATE TABLE vehicle_event (
        id {pk},
        vehicle_id INTEGER NOT NULL REFERENCES vehicle (id),
        kind TEXT NOT NULL CHECK (kind IN ('inspected', 'removed', 'restored')),
        at TIMESTAMP NOT NULL,
        clerk_id INTEGER REFERENCES clerk (id),
        reason TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        from_status TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX vehicle_event_vehicle_id ON vehicle_event (vehicle_id, id)",
    """CREATE TABLE journal_touch (
        table_name TEXT NOT NULL,
        row_key TEXT NOT NULL,
        journal_id BIGINT NOT NULL REFERENCES journal (id),
        PRIMARY KEY (table_name, row_key, journal_id)){without_rowid}""",
]

#: The journal actions that recorded a vehicle event, and the event each recorded.
_ACTIONS = {"mark_inspected": "inspected", "remove_vehicle": "removed", "restore_vehicle": "restored"}


def legacy_event(record: dict) -> dict:
    """The vehicle_event columns of an event the journal recorded before this migration
    (a copy of it lives in services/integrity, which reads old journals the same way)."""
    kind = record.get("event", "")
    return {
        "kind": kind,
        "reason": record.get("reason", "") if kind == "removed" else "",
        "note": record.get("note", "") if kind == "inspected" else record.get("reason_text", ""),
        "from_status": record.get("from_status", ""),
        "status": record.get("status", ""),
    }


def after(database) -> None:
    import json  # here: the migrations are read before the first paint, this one runs once

    run = database.execute_sql
    p = database.param
    last = 0
    number = 0
    while True:
        rows = run(
            f"SELECT id, at, clerk_id, action, changes FROM journal WHERE id > {p} ORDER BY id LIMIT 5000", (last,)
        ).fetchall()
        if not rows:
            break
        touches = []
        for journal_id, at, clerk_id, action, changes in rows:
            seen = set()
            for table, key, _before, after_image in json.loads(changes):
                if (table, key) not in seen:
                    seen.add((table, key))
                    touches.append((table, key, journal_id))
                if table == "vehicle_event" and action in _ACTIONS and after_image:
                    number += 1
                    event = legacy_event(after_image)
                    run(
                        "INSERT INTO vehicle_event (id, vehicle_id, kind, at, clerk_id, reason, note, from_status, status) "
                        f"VALUES ({', '.join([p] * 9)})",
                        (number, int(key), event["kind"], at, clerk_id, event["reason"], event["note"],
                         event["from_status"], event["status"]),
                    )
        if touches:
            database.cursor().executemany(
                f"INSERT INTO journal_touch (table_name, row_key, journal_id) VALUES ({p}, {p}, {p})", touches
            )
        last = rows[-1][0]
