"""Migration 4 on a database made by the version before it: old rows keep their
data and get the new columns' defaults; the new tables are there."""

from __future__ import annotations

import datetime as dt

from lto_desk.store import migrations
from lto_desk.store.database import close_database, open_database, schema_version


def test_a_version_3_database_is_brought_to_version_4(location, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        m.setattr(migrations, "LATEST", 3)
        db = open_database(location)
        assert schema_version(db) == 3
        assert "contact_log" not in db.get_tables()
        db.execute_sql(
            "INSERT INTO customer (first_name, last_name, customer_since, created_at) "
            "VALUES ('Ana', 'Ruiz', '2024-05-01', '2024-05-01 09:00:00')"
        )
        db.execute_sql(
            "INSERT INTO follow_up (customer_id, kind, due_on, source_key, created_at) "
            "VALUES (1, 'return_check_in', '2024-06-01', 'return:agreement:7', '2024-05-01 09:00:00')"
        )
        close_database()

    db = open_database(location)
    assert schema_version(db) == migrations.LATEST >= 4
    assert {"contact_log", "appointment", "complaint", "departure"} <= set(db.get_tables())
    from lto_desk.services.clerks import create_clerk
    from lto_desk.services.followups import open_follow_ups
    from lto_desk.store.models import Customer, FollowUp

    assert Customer.get().contact_stopped_on is None
    task = FollowUp.get()
    assert (task.detail, task.for_manager, task.appointment_id, task.complaint_id) == ("", False, None, None)
    owner = create_clerk(None, "Olivia Owner", "owner", "1111", at=dt.datetime(2024, 6, 2, 9, 0))  # the first log-in
    [line] = open_follow_ups(owner, dt.date(2024, 6, 2))
    assert line.overdue and line.detail == "" and line.customer_name == "Ana Ruiz"
