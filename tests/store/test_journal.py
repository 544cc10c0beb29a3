"""The journal: one row per change, each hash covering the previous row."""

from __future__ import annotations

import json

from lto_desk.store import journal
from lto_desk.store.models import Clerk, JournalRow


def test_every_change_appends_one_chained_row(agreement):
    rows = list(JournalRow.select().order_by(JournalRow.id))
    # create owner, open the drawer, add customer, add vehicle, open agreement
    assert [r.action for r in rows] == ["create_clerk", "open_drawer", "add_customer", "add_vehicle", "open_agreement"]
    assert rows[0].prev_hash == journal.GENESIS
    for earlier, later in zip(rows, rows[1:]):
        assert later.prev_hash == earlier.hash
    assert all(brk is None for _row, brk in journal.walk())


def test_opening_an_agreement_journals_schedule_vehicle_and_down_payment(agreement):
    row = JournalRow.select().order_by(JournalRow.id.desc()).first()
    tables = [c[0] for c in json.loads(row.changes)]
    assert tables[:3] == ["agreement", "installment", "vehicle"]
    assert "ledger_entry" in tables
    schedule = next(c for c in json.loads(row.changes) if c[0] == "installment")[3]["schedule"]
    assert len(schedule) == 104 and schedule[0] == [1, "2025-01-13", 7693]


def test_pin_hashes_never_reach_the_journal_only_a_digest_of_them(owner):
    text = " ".join(r.changes for r in JournalRow.select())
    assert "argon2" not in text
    image = json.loads(JournalRow.get_by_id(1).changes)[0][3]
    assert image["pin_hash"] == journal.digest_of(Clerk.get_by_id(owner.id).pin_hash)


def test_altering_a_journal_row_breaks_the_chain_there(agreement, database):
    target = JournalRow.select().order_by(JournalRow.id).offset(1).first()
    database.execute_sql("UPDATE journal SET action = 'forged' WHERE id = ?", (target.id,))
    breaks = [brk for _row, brk in journal.walk() if brk is not None]
    assert breaks and breaks[0].row_id == target.id
