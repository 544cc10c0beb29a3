"""Issue 19, findings 1 and 2: a person holding the file rewrites history with the public
algorithm (re-chaining every later row with plain SHA-256, as anyone can), and `verify`
must say so; cutting rows off the end shows against the anchors and printed receipts."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from lto_desk.services import customers, drawer, payments, receipts
from lto_desk.services.integrity import verify
from lto_desk.store import anchors, journal
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import Clerk, JournalRow, JournalTouch, LedgerEntry

AT = dt.datetime(2025, 1, 14, 10, 0)


def rechain_from(database, first_id: int) -> None:
    """What an attacker does after editing rows: recompute every hash from ``first_id`` on
    with the published algorithm (canonical JSON, SHA-256), so each row follows the last."""
    prev = JournalRow.get_by_id(first_id - 1).hash if first_id > 1 else journal.GENESIS
    for row in JournalRow.select().where(JournalRow.id >= first_id).order_by(JournalRow.id):
        digest = journal.row_hash(prev, journal._plain(row.at), row.clerk_id, row.action, row.changes)
        database.execute_sql("UPDATE journal SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row.id))
        prev = digest


def edit_image(database, journal_id: int, table: str, key: str, field: str, value) -> None:
    row = JournalRow.get_by_id(journal_id)
    changes = json.loads(row.changes)
    for change in changes:
        if change[0] == table and change[1] == key:
            change[3][field] = value
    database.execute_sql("UPDATE journal SET changes = ? WHERE id = ?", (journal.canonical(changes), journal_id))


def test_a_note_edited_with_its_journal_image_and_rechained_is_caught(database, owner, agreement):
    customer = LedgerEntry.select().first().agreement.customer_id
    note_id = customers.add_note(owner, customer, "Likes to pay on Fridays", ("payment",), at=AT)
    payments.take_payment(owner, agreement, 50_00, at=AT + dt.timedelta(minutes=5))
    assert verify().ok
    setter = journal.rows_touching("note", str(note_id))[0].id
    database.execute_sql("UPDATE note SET text = 'Said he would never pay' WHERE id = ?", (note_id,))
    edit_image(database, setter, "note", str(note_id), "text", "Said he would never pay")
    rechain_from(database, setter)

    report = verify()
    assert not report.ok
    assert f"journal row {setter} was altered" in report.problem


def test_todays_cash_payment_turned_into_card_is_caught(database, owner, agreement):
    result = payments.take_payment(owner, agreement, 80_00, at=AT)
    entry = LedgerEntry.get(LedgerEntry.receipt_number == result.receipt_number)
    setter = journal.rows_touching("ledger_entry", str(entry.id))[0].id
    database.execute_sql("UPDATE ledger_entry SET method = 'card' WHERE id = ?", (entry.id,))
    edit_image(database, setter, "ledger_entry", str(entry.id), "method", "card")
    rechain_from(database, setter)

    report = verify()
    assert not report.ok and f"journal row {setter} was altered" in report.problem


class Cut:
    """A perfect cut: the file as it was at a moment, put back later (every table, counter
    and index as they were), as a person winding the books back, or a lost -wal, leaves it."""

    def __init__(self, database, location, tmp_path) -> None:
        self.location = location
        self.copy = tmp_path / "as-it-was.sqlite3"
        database.execute_sql("VACUUM INTO ?", (str(self.copy),))

    def put_back(self) -> None:
        close_database()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.location.path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.copy, self.location.path)
        open_database(self.location)


def test_cutting_the_last_payment_shows_against_the_z_report(database, location, owner, agreement, tmp_path):
    cut = Cut(database, location, tmp_path)
    payments.take_payment(owner, agreement, 80_00, at=AT)
    session = drawer.current_session(owner, "Counter 1")
    drawer.close_drawer(owner, session.session_id, counted_cents=1_080_00, note="", at=AT + dt.timedelta(hours=8))
    sealed = JournalRow.select().order_by(JournalRow.id.desc()).first().id
    # the close sealed the journal in this computer's anchors file (the Z report prints it)
    assert any(a.row == sealed and a.kind == "z_report" for a in anchors.read_lines(anchors.anchors_path()))
    cut.put_back()

    report = verify(location=location)
    assert not report.ok
    assert f"Z report 1 of Counter 1 (Jan 14, 2025) sealed journal row {sealed:,}" in report.problem
    assert f"but the file ends at row {sealed - 2:,}" in report.problem


def test_cutting_the_last_payment_shows_against_its_printed_receipt(database, location, owner, agreement, tmp_path):
    cut = Cut(database, location, tmp_path)
    result = payments.take_payment(owner, agreement, 80_00, at=AT)
    receipts.save_receipt(owner, location.folder("receipts"), result.receipt_number)
    assert verify(location=location).ok
    cut.put_back()

    report = verify(location=location)
    assert not report.ok
    assert f"receipt {result.receipt_number} was printed" in report.problem
    assert "not in the books" in report.problem


# -- finding 2: four ways to become the owner ------------------------------------------------------


@pytest.fixture
def staff(database, owner, clerk):
    assert verify().ok
    return owner, clerk


def test_a_clerk_copying_their_pin_hash_onto_the_owners_row_is_caught(database, staff):
    owner, clerk = staff
    mine = Clerk.get_by_id(clerk.id).pin_hash
    database.execute_sql("UPDATE clerk SET pin_hash = ? WHERE id = ?", (mine, owner.id))
    report = verify()
    assert not report.ok and f"clerk row {owner.id}: pin_hash" in report.problem


def test_locking_the_owner_out_is_caught(database, staff):
    owner, _clerk = staff
    database.execute_sql("UPDATE clerk SET locked_until = '2099-01-01 00:00:00' WHERE id = ?", (owner.id,))
    report = verify()
    assert not report.ok and f"clerk row {owner.id}: locked_until" in report.problem


def test_a_role_edited_in_table_and_journal_and_rechained_is_caught(database, staff):
    _owner, clerk = staff
    database.execute_sql("UPDATE clerk SET role = 'owner' WHERE id = ?", (clerk.id,))
    setter = journal.rows_touching("clerk", str(clerk.id))[0].id
    edit_image(database, setter, "clerk", str(clerk.id), "role", "owner")
    rechain_from(database, setter)
    report = verify()
    assert not report.ok and f"journal row {setter} was altered" in report.problem


def test_a_new_owner_appended_with_one_chained_journal_row_is_caught(database, staff):
    mine = Clerk.get_by_id(staff[1].id)
    database.execute_sql(
        "INSERT INTO clerk (name, role, pin_hash, active, failed_pins, created_at) VALUES ('Mallory', 'owner', ?, 1, 0, ?)",
        (mine.pin_hash, "2025-01-03 09:00:00"),
    )
    new_id = Clerk.get(Clerk.name == "Mallory").id
    image = journal.snapshot(Clerk.get_by_id(new_id))
    last = JournalRow.select().order_by(JournalRow.id.desc()).first()
    changes = journal.canonical([["clerk", str(new_id), None, image]])
    at = "2025-01-03 09:00:00"
    digest = journal.row_hash(last.hash, at, None, "create_clerk", changes)
    database.execute_sql(
        "INSERT INTO journal (id, at, clerk_id, action, changes, prev_hash, hash) VALUES (?, ?, NULL, 'create_clerk', ?, ?, ?)",
        (last.id + 1, at, changes, last.hash, digest),
    )
    JournalTouch.insert(table_name="clerk", row_key=str(new_id), journal_id=last.id + 1).execute()

    report = verify()
    assert not report.ok and f"journal row {last.id + 1} was altered" in report.problem


def test_the_key_is_not_in_the_file(database, owner, location):
    key = journal.seal.key_for_next_row(10**9, AT)
    data = location.path.read_bytes() + b"".join(
        p.read_bytes() for p in location.path.parent.glob(location.path.name + "-wal")
    )
    assert key not in data and key.hex().encode() not in data and journal.seal.key_text(key).encode() not in data
