"""Migration 6 on a database of the version before it: the two new cached figures
are filled from each active agreement's entries, and every customer is in the
search index (notes in theirs, older notes given their folded text), which then
follows every change."""

from __future__ import annotations

import datetime as dt

from lto_desk.services import customers, payments, relationship
from lto_desk.services.counter import lookup
from lto_desk.services.integrity import verify
from lto_desk.store.database import close_database, open_database, schema_version
from lto_desk.store.migrations import LATEST
from lto_desk.store.models import Agreement
from test_migration_7 import back_to_version_6

AT = dt.datetime(2025, 1, 20, 10, 0)


def back_to_version_5(db) -> None:
    back_to_version_6(db)
    for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute_sql(f"DROP TRIGGER {name}")
    db.execute_sql("DROP TABLE customer_search")
    db.execute_sql("DROP TABLE note_search")
    db.execute_sql("UPDATE note SET search_text = ''")  # as notes written before migration 2
    db.execute_sql("ALTER TABLE agreement DROP COLUMN paid_toward_next")
    db.execute_sql("ALTER TABLE agreement DROP COLUMN fee_carry")
    db.execute_sql("UPDATE schema_info SET version = 5")


def test_a_version_5_database_gets_its_cached_figures_and_search_index(location, database, owner, clerk, agreement):
    # Late on installment 1: its $10 fee is charged Jan 17; $30 pays the fee and $20 of the installment.
    payments.take_payment(clerk, agreement, 30_00, at=AT)
    ana = customers.add_customer(owner, customers.NewCustomer("Ana", "Ruiz", phone="205-555-0199"), at=AT)
    note = customers.add_note(clerk, ana, "Quiere un camión más grande", ("car",), at=AT)
    back_to_version_5(database)
    close_database()

    db = open_database(location)
    assert schema_version(db) == LATEST  # 6, then 7 on top
    row = Agreement.get_by_id(agreement)
    assert (row.paid_toward_next, row.fee_carry) == (20_00, -10_00)
    assert [r.customer_id for r in lookup(owner, "rui", as_of=AT.date())] == [ana]
    assert [r.customer_id for r in lookup(owner, "0199", as_of=AT.date())] == [ana]
    assert [m.note_id for m in relationship.search_notes(owner, "camion")] == [note]
    assert verify().ok  # the search copy is derived from the text, not journaled

    relationship.add_phone(clerk, ana, "(334) 555-0123", "work", at=AT)
    assert [r.matched for r in lookup(owner, "3345550123", as_of=AT.date())] == ["other phone"]
    assert verify().ok
