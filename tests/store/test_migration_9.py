"""Migration 9: the source ids of imported rows, added to a database already in use."""

from __future__ import annotations

import datetime as dt

from lto_desk.services.integrity import verify
from lto_desk.store.database import close_database, open_database, schema_version
from lto_desk.store.migrations import LATEST
from lto_desk.store.models import Agreement, Customer, Vehicle


def back_to_version_8(db) -> None:
    """As version 8 left a database: no source ids."""
    for table in ("customer", "vehicle", "agreement"):
        db.execute_sql(f"DROP INDEX {table}_source_id")
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN source_id")
    db.execute_sql("UPDATE schema_info SET version = 8")


def test_a_version_8_database_gets_empty_source_ids_and_still_verifies(location, database, owner, agreement):
    back_to_version_8(database)
    close_database()
    db = open_database(location)
    assert schema_version(db) == LATEST
    assert [a.source_id for a in Agreement.select()] == [None]
    assert {c.source_id for c in Customer.select()} == {None}
    assert {v.source_id for v in Vehicle.select()} == {None}
    assert verify().ok
