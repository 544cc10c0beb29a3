"""Appointments: booked, kept (a touch) or missed (a kind call the next day), cancelled."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.contacts import AppointmentPurpose, AppointmentStatus
from lto_desk.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from lto_desk.domain.followups import FollowUpKind
from lto_desk.services import appointments, customers, followups
from lto_desk.services.integrity import verify
from lto_desk.store.models import Appointment, Customer, FollowUp, JournalRow

NOW = dt.datetime(2025, 3, 3, 9, 0)  # a Monday
TUE_2PM = dt.datetime(2025, 3, 4, 14, 30)


@pytest.fixture
def cid(owner):
    return customers.add_customer(owner, customers.NewCustomer("Rosa", "Díaz", phone="334-555-0199"), at=NOW)


def test_a_missed_appointment_makes_a_kind_call_for_the_next_day(clerk, cid):
    appt = appointments.book_appointment(clerk, cid, "look_at_car", TUE_2PM, "the blue RAV4", at=NOW)
    task_id = appointments.mark_appointment(clerk, appt, kept=False, at=dt.datetime(2025, 3, 4, 17, 0))
    task = FollowUp.get_by_id(task_id)
    assert task.kind == FollowUpKind.MISSED_APPOINTMENT.value and task.due_on == dt.date(2025, 3, 5)
    assert task.source_key == f"missed:appointment:{appt}" and task.appointment_id == appt
    assert task.detail == "Missed: look at a car, Tue Mar 4 at 2:30 PM."
    [line] = followups.open_follow_ups(clerk, dt.date(2025, 3, 5), customer_id=cid)
    assert "sorry" in line.script.lower() and "missed you" in line.script
    assert not line.overdue and line.bucket == "today"
    row = Appointment.get_by_id(appt)
    assert row.status == "missed" and row.marked_by_id == clerk.id
    assert Customer.get_by_id(cid).last_touch_at is None  # a missed visit is no touch
    assert followups.regenerate_follow_ups(clerk, dt.date(2025, 3, 5), at=dt.datetime(2025, 3, 5, 8)) == 0
    assert FollowUp.select().where(FollowUp.kind == "missed_appointment").count() == 1
    assert verify().ok


def test_marked_missed_days_later_the_call_is_due_that_day(clerk, cid):
    appt = appointments.book_appointment(clerk, cid, "paperwork", TUE_2PM, at=NOW)
    task_id = appointments.mark_appointment(clerk, appt, kept=False, at=dt.datetime(2025, 3, 7, 10))
    assert FollowUp.get_by_id(task_id).due_on == dt.date(2025, 3, 7)


def test_a_kept_appointment_counts_as_a_touch(clerk, cid):
    appt = appointments.book_appointment(clerk, cid, AppointmentPurpose.SERVICE, TUE_2PM, "oil change", at=NOW)
    arrived = dt.datetime(2025, 3, 4, 14, 20)
    assert appointments.mark_appointment(clerk, appt, kept=True, note="came early", at=arrived) is None
    assert Customer.get_by_id(cid).last_touch_at == arrived
    [line] = appointments.appointments_of(clerk, cid)
    assert line.status is AppointmentStatus.KEPT and line.status_label == "Kept" and line.note == "oil change — came early"
    assert line.when == "Tue Mar 4 at 2:30 PM" and line.booked_by == "Carla Clerk" and line.marked_by == "Carla Clerk"
    assert FollowUp.select().count() == 0
    with pytest.raises(Refused, match="already marked kept"):
        appointments.mark_appointment(clerk, appt, kept=False, at=arrived)
    assert verify().ok


def test_booking_refuses_the_past_far_future_and_bad_input(clerk, cid):
    rows = JournalRow.select().count()
    with pytest.raises(InvalidInput, match="already passed"):
        appointments.book_appointment(clerk, cid, "paperwork", NOW - dt.timedelta(minutes=5), at=NOW)
    with pytest.raises(InvalidInput, match="more than a year"):
        appointments.book_appointment(clerk, cid, "paperwork", dt.datetime(2026, 3, 10, 9), at=NOW)
    with pytest.raises(InvalidInput, match="what the appointment is for"):
        appointments.book_appointment(clerk, cid, "lunch", TUE_2PM, at=NOW)
    with pytest.raises(InvalidInput, match="say in the note"):
        appointments.book_appointment(clerk, cid, "other", TUE_2PM, at=NOW)
    with pytest.raises(InvalidInput, match="day and time"):
        appointments.book_appointment(clerk, cid, "paperwork", TUE_2PM.date(), at=NOW)
    with pytest.raises(NotFound):
        appointments.book_appointment(clerk, 999, "paperwork", TUE_2PM, at=NOW)
    with pytest.raises(InvalidInput, match="not this customer's"):
        appointments.book_appointment(clerk, cid, "paperwork", TUE_2PM, agreement_id=42, at=NOW)
    with pytest.raises(NotAllowed):
        appointments.book_appointment(None, cid, "paperwork", TUE_2PM, at=NOW)
    assert JournalRow.select().count() == rows and Appointment.select().count() == 0


def test_marking_too_early_is_refused(clerk, cid):
    appt = appointments.book_appointment(clerk, cid, "paperwork", TUE_2PM, at=NOW)
    with pytest.raises(Refused, match="once that time has come"):
        appointments.mark_appointment(clerk, appt, kept=False, at=dt.datetime(2025, 3, 4, 14, 0))
    with pytest.raises(Refused, match="from that day"):
        appointments.mark_appointment(clerk, appt, kept=True, at=dt.datetime(2025, 3, 3, 16, 0))
    assert Appointment.get_by_id(appt).status == "booked" and FollowUp.select().count() == 0


def test_cancel_and_the_day_list(clerk, cid, owner):
    other = customers.add_customer(owner, customers.NewCustomer("Tom", "Lee"), at=NOW)
    a = appointments.book_appointment(clerk, cid, "paperwork", TUE_2PM, at=NOW)
    b = appointments.book_appointment(clerk, other, "look_at_car", dt.datetime(2025, 3, 4, 10, 0), at=NOW)
    c = appointments.book_appointment(clerk, other, "service", dt.datetime(2025, 3, 6, 9, 0), at=NOW)
    assert [l.id for l in appointments.appointments_between(owner, dt.date(2025, 3, 4), dt.date(2025, 3, 4))] == [b, a]
    assert [l.id for l in appointments.appointments_between(owner, dt.date(2025, 3, 1), dt.date(2025, 3, 31))] == [b, a, c]
    appointments.cancel_appointment(clerk, c, "car sold", at=NOW)
    assert appointments.appointments_of(owner, other)[0].status_label == "Cancelled"
    assert appointments.appointments_of(owner, other)[0].note == "Cancelled: car sold"
    with pytest.raises(Refused):
        appointments.cancel_appointment(clerk, c, at=NOW)
    with pytest.raises(InvalidInput):
        appointments.appointments_between(owner, dt.date(2025, 3, 4), dt.date(2025, 3, 1))
    assert verify().ok
