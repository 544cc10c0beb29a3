"""Migration 7 on a database of the version before it: vehicle events that lived only
in the journal's text (an inspection's note, a removal's reason, being put back) get
their own rows, every journal row gets its entries in the index of rows it touched,
and `verify` passes; afterwards the history and putting a vehicle back read the table."""

from __future__ import annotations

import datetime as dt

from helpers import make_vin

from lto_desk.services import vehicles
from lto_desk.services.integrity import verify
from lto_desk.services.payments import receipt_for
from lto_desk.services.vehicles import EventKind, NewVehicle, VehicleStatus
from lto_desk.store import journal
from lto_desk.store.database import close_database, open_database, schema_version, write_transaction
from lto_desk.store.migrations import LATEST
from test_migration_9 import back_to_version_8
from lto_desk.store.models import JournalTouch, Vehicle, VehicleEvent

AT = dt.datetime(2025, 1, 6, 10, 30)


def back_to_version_7(db) -> None:
    """As version 7 left a database: no key, so every journal row chained with plain SHA-256."""
    back_to_version_8(db)
    prev = journal.GENESIS
    for row_id, at, clerk_id, action, changes in db.execute_sql(
        "SELECT id, at, clerk_id, action, changes FROM journal ORDER BY id"
    ).fetchall():
        digest = journal.row_hash(prev, at, clerk_id, action, changes)
        db.execute_sql("UPDATE journal SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row_id))
        prev = digest
    db.execute_sql("DROP TABLE chain_key")
    db.execute_sql("DROP TABLE anchor")
    db.execute_sql("ALTER TABLE clerk DROP COLUMN lockouts")
    db.execute_sql("UPDATE schema_info SET version = 7")


def back_to_version_6(db) -> None:
    back_to_version_7(db)
    db.execute_sql("DROP TABLE vehicle_event")
    db.execute_sql("DROP TABLE journal_touch")
    db.execute_sql("UPDATE schema_info SET version = 6")


def old_append(action: str, changes: list[journal.Change], clerk_id: int, at: dt.datetime) -> None:
    """journal.append as it was before migration 7: the hash-chained row, no index entries."""
    run = database_of().execute_sql
    prev = run("SELECT hash FROM journal ORDER BY id DESC LIMIT 1").fetchone()[0]
    text = journal.canonical([c.as_list() for c in changes])
    at_text = at.isoformat(sep=" ")
    run("INSERT INTO journal (at, clerk_id, action, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
        (at_text, clerk_id, action, text, prev, journal.row_hash(prev, at_text, clerk_id, action, text)))


def database_of():
    return Vehicle._meta.database


def as_version_6_wrote_it(manager, vehicle_id: int, action: str, status: str, record: dict, at: dt.datetime) -> None:
    """A vehicle event as LTO Desk wrote it before migration 7: the status change, and the
    event in the journal only, keyed by the vehicle (services/vehicles.py at 8b562d6)."""
    with write_transaction():
        was = Vehicle.select(Vehicle.status).where(Vehicle.id == vehicle_id).scalar()  # no model row: its columns are newer
        Vehicle.update(status=status).where(Vehicle.id == vehicle_id).execute()
        old_append(action, [
            journal.Change("vehicle", str(vehicle_id), {"status": was}, {"status": status}),
            journal.Change("vehicle_event", str(vehicle_id), None, record),
        ], manager.id, at)


def test_a_version_6_database_gets_its_vehicle_events_and_journal_index(location, database, owner, manager, agreement):
    civic = vehicles.add_vehicle(manager, NewVehicle(make_vin(7001), 2016, "Honda", "Civic", "s2001"), at=AT)
    truck = vehicles.add_vehicle(manager, NewVehicle(make_vin(7002), 2012, "Ford", "F-150", "s2002"), at=AT)
    back_to_version_6(database)
    day = dt.timedelta(days=1)
    as_version_6_wrote_it(manager, civic, "remove_vehicle", "removed", {
        "event": "removed", "reason": "other", "reason_text": "Flood damage, to auction", "from_status": "available",
    }, AT + day)
    as_version_6_wrote_it(manager, civic, "restore_vehicle", "available",
                          {"event": "restored", "status": "available"}, AT + 2 * day)
    Vehicle.update(status="needs_inspection").where(Vehicle.id == truck).execute()  # as a return leaves it
    with write_transaction():
        old_append("return_vehicle", [journal.Change("vehicle", str(truck), {"status": "available"},
                                                         {"status": "needs_inspection"})], manager.id, AT + day)
    as_version_6_wrote_it(manager, truck, "remove_vehicle", "removed", {
        "event": "removed", "reason": "wholesaled", "reason_text": "", "from_status": "needs_inspection",
    }, AT + 2 * day)
    close_database()

    db = open_database(location)
    assert schema_version(db) == LATEST
    assert [(e.vehicle_id, e.kind, e.reason, e.note, e.from_status, e.status) for e in VehicleEvent.select()] == [
        (civic, "removed", "other", "Flood damage, to auction", "available", ""),
        (civic, "restored", "", "", "", "available"),
        (truck, "removed", "wholesaled", "", "needs_inspection", ""),
    ]
    journal_rows = [row.id for row in journal.rows_touching("vehicle", str(civic))]
    assert len(journal_rows) == 3  # added, removed, put back: found through the index
    assert JournalTouch.select().count() > 0
    assert verify().ok

    history = [(e.kind, e.title, e.details) for e in vehicles.vehicle_history(owner, civic)]
    assert (EventKind.REMOVED, "Removed from inventory: Other", ("Flood damage, to auction",)) in history
    assert (EventKind.RESTORED, "Put back in inventory", ()) in history
    # The truck left while waiting for inspection: put back, it still needs it (read from the table now).
    assert vehicles.restore_vehicle(manager, truck, at=AT + 3 * day) is VehicleStatus.NEEDS_INSPECTION
    vehicles.mark_inspected(manager, truck, "Brakes done", at=AT + 4 * day)
    assert [e.kind for e in VehicleEvent.select().where(VehicleEvent.vehicle == truck)] == [
        "removed", "restored", "inspected",
    ]
    assert verify().ok


def test_verify_names_a_journal_index_entry_changed_by_hand(database, clerk, agreement):
    from lto_desk.services import payments

    paid = payments.take_payment(clerk, agreement, 50_00, at=AT)
    assert verify().ok
    database.execute_sql(
        "UPDATE journal_touch SET row_key = '999' WHERE table_name = 'ledger_entry' AND row_key = ?",
        (str(paid.entry_id),),
    )
    report = verify()
    assert not report.ok and "journal index" in report.problem
    assert receipt_for(clerk, paid.receipt_number).journal_code == ""  # the reprint no longer finds its journal row


def test_a_receipt_finds_its_journal_row_through_the_index(database, clerk, agreement):
    from lto_desk.services import payments

    paid = payments.take_payment(clerk, agreement, 50_00, at=AT)
    assert receipt_for(clerk, paid.receipt_number).journal_code == paid.journal_code != ""


def test_verify_names_a_journal_index_entry_added_by_hand(database, clerk, agreement):
    database.execute_sql("INSERT INTO journal_touch (table_name, row_key, journal_id) VALUES ('customer', '77', 1)")
    report = verify()
    assert not report.ok
    assert "1 entry that no journal row made" in report.problem and "customer row 77 in journal row 1" in report.problem
