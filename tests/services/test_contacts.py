"""`verify` checks the relationship tables against the journal like every other table."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.services import appointments, complaints, contacts, departures
from lto_desk.services.integrity import ROW_TABLES, verify
from lto_desk.store.models import Appointment, Complaint, ContactLog, Customer, Departure, FollowUp, db

AT = dt.datetime(2025, 1, 20, 10)


@pytest.fixture
def filled(clerk, manager, agreement):
    cid = Customer.get().id
    contacts.log_contact(clerk, cid, "call", "reached", "all good", at=AT)
    appt = appointments.book_appointment(clerk, cid, "service", AT + dt.timedelta(days=1), at=AT)
    appointments.mark_appointment(clerk, appt, kept=False, at=AT + dt.timedelta(days=1, hours=2))
    cmp = complaints.open_complaint(clerk, cid, "AC is weak", "minor", at=AT)
    complaints.move_complaint(manager, cmp, "resolved", "Recharged the AC", at=AT + dt.timedelta(days=3))
    departures.record_departure(clerk, cid, departures.DepartureInput(False, "price", where_bought="CarMax"), at=AT)
    report = verify()
    assert report.ok, report.problem
    return cid


def test_the_new_tables_are_checked(filled):
    assert {Appointment, Complaint, ContactLog, Departure, FollowUp} <= set(ROW_TABLES)


@pytest.mark.parametrize("table, column, value", [
    ("contact_log", "outcome", "'not_interested'"),
    ("appointment", "status", "'kept'"),
    ("complaint", "resolution", "'nothing'"),
    ("departure", "deciding_factor", "'credit'"),
    ("follow_up", "detail", "'changed'"),
    ("customer", "contact_stopped_on", "'2025-01-01'"),
])
def test_a_row_changed_outside_the_program_is_named(filled, table, column, value):
    db.execute_sql(f"UPDATE {table} SET {column} = {value} WHERE id = (SELECT MIN(id) FROM {table})")
    report = verify()
    assert not report.ok and f"{table} row" in report.problem and column in report.problem


def test_a_contact_added_outside_the_program_is_named(filled, clerk):
    db.execute_sql(
        "INSERT INTO contact_log (customer_id, at, clerk_id, channel, outcome) VALUES (?, ?, ?, 'call', 'reached')",
        (filled, "2025-01-21 09:00:00", clerk.id),
    )
    report = verify()
    assert not report.ok and "contact_log row" in report.problem and "not in the journal" in report.problem
