"""Complaints: open → in repair → resolved; a follow-up until resolved; open ones on the card."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.contacts import ComplaintStatus
from lto_desk.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from lto_desk.domain.followups import FollowUpKind, Outcome
from lto_desk.services import complaints, followups
from lto_desk.services.integrity import verify
from lto_desk.store.models import Complaint, Customer, FollowUp, JournalRow, Note

AT = dt.datetime(2025, 2, 3, 10, 0)


def complaint_tasks() -> list[FollowUp]:
    return list(FollowUp.select().where(FollowUp.kind == FollowUpKind.OPEN_COMPLAINT.value).order_by(FollowUp.id))


def test_a_complaint_stays_open_with_a_follow_up_until_resolved(clerk, manager, agreement):
    cid = Customer.get().id
    cmp = complaints.open_complaint(clerk, cid, "Check-engine light comes on after rain", "serious", at=AT)
    [line] = complaints.open_complaints(manager, cid)
    assert line.id == cmp and line.status_label == "Open" and line.severity_label == "Serious"
    assert line.vehicle == "2014 Honda Accord" and line.agreement_id == agreement  # the active agreement's car
    [task] = complaint_tasks()
    assert task.due_on == dt.date(2025, 2, 5) and task.source_key == f"complaint:complaint:{cmp}-1"
    assert task.complaint_id == cmp and "Check-engine light" in task.detail and task.detail.startswith("Serious complaint")
    assert JournalRow.select().order_by(JournalRow.id.desc()).get().action == "open_complaint"

    # Worked: the next one comes 7 days after, one open task at a time, however often regenerated.
    followups.work_follow_up(clerk, task.id, Outcome.REACHED, "parts ordered", at=dt.datetime(2025, 2, 5, 11))
    followups.regenerate_follow_ups(manager, dt.date(2025, 2, 6), at=dt.datetime(2025, 2, 6, 8))
    assert followups.regenerate_follow_ups(manager, dt.date(2025, 2, 6), at=dt.datetime(2025, 2, 6, 8)) == 0
    followups.regenerate_follow_ups(manager, dt.date(2025, 2, 8), at=dt.datetime(2025, 2, 8, 8))
    first, second = complaint_tasks()
    assert second.due_on == dt.date(2025, 2, 12) and second.source_key == f"complaint:complaint:{cmp}-2"

    complaints.move_complaint(clerk, cmp, "in_repair", "at Joe's Garage", at=dt.datetime(2025, 2, 7, 9))
    assert complaints.open_complaints(manager, cid)[0].status is ComplaintStatus.IN_REPAIR  # still on the card
    assert Note.get().text.endswith("at Joe's Garage") and Note.get().tags == "complaint"
    assert FollowUp.get_by_id(second.id).status == "open"

    resolved_at = dt.datetime(2025, 2, 10, 16)
    complaints.move_complaint(manager, cmp, "resolved", "Replaced the gas cap seal; light stays off", at=resolved_at)
    assert complaints.open_complaints(manager, cid) == [] and complaints.open_complaints(manager) == []
    [done] = complaints.complaints_of(manager, cid)
    assert done.resolved_on == resolved_at.date() and done.resolved_by == "Marcus Manager"
    assert done.resolution == "Replaced the gas cap seal; light stays off" and done.days_open == 7
    assert FollowUp.get_by_id(second.id).status == "cancelled"
    followups.regenerate_follow_ups(manager, dt.date(2025, 2, 20), at=dt.datetime(2025, 2, 20, 8))
    assert len(complaint_tasks()) == 2  # resolved: no more
    assert verify().ok


def test_resolving_needs_a_manager_and_what_was_done(clerk, manager, agreement):
    cid = Customer.get().id
    cmp = complaints.open_complaint(clerk, cid, "Window sticks", "minor", at=AT)
    rows = JournalRow.select().count()
    with pytest.raises(NotAllowed, match="Only a manager"):
        complaints.move_complaint(clerk, cmp, "resolved", "fixed", at=AT)
    with pytest.raises(InvalidInput, match="what was done"):
        complaints.move_complaint(manager, cmp, "resolved", "  ", at=AT)
    with pytest.raises(InvalidInput):
        complaints.move_complaint(manager, cmp, "fixed", at=AT)
    assert JournalRow.select().count() == rows and Complaint.get_by_id(cmp).status == "open"
    complaints.move_complaint(manager, cmp, "resolved", "Lubricated the track", at=AT)  # open → resolved is fine
    with pytest.raises(Refused, match="already resolved"):
        complaints.move_complaint(manager, cmp, "in_repair", at=AT)
    with pytest.raises(Refused, match="already resolved"):
        complaints.move_complaint(manager, cmp, "resolved", "again", at=AT)


def test_in_repair_cannot_go_back_to_open(clerk, agreement):
    cmp = complaints.open_complaint(clerk, Customer.get().id, "Noise", "minor", at=AT)
    complaints.move_complaint(clerk, cmp, "in_repair", at=AT)
    with pytest.raises(Refused, match="cannot go to “open”"):
        complaints.move_complaint(clerk, cmp, "open", at=AT)
    assert Note.select().count() == 0  # no note typed, none kept


def test_opening_refuses_bad_input_and_saves_nothing(clerk, agreement):
    cid = Customer.get().id
    rows = JournalRow.select().count()
    with pytest.raises(InvalidInput, match="what is wrong"):
        complaints.open_complaint(clerk, cid, "  ", "minor", at=AT)
    with pytest.raises(InvalidInput, match="how serious"):
        complaints.open_complaint(clerk, cid, "Brakes", "terrible", at=AT)
    with pytest.raises(InvalidInput, match="in the future"):
        complaints.open_complaint(clerk, cid, "Brakes", "safety", reported_on=dt.date(2025, 2, 4), at=AT)
    with pytest.raises(InvalidInput, match="not this customer's"):
        complaints.open_complaint(clerk, cid, "Brakes", "safety", agreement_id=99, at=AT)
    with pytest.raises(InvalidInput, match="not an active clerk"):
        complaints.open_complaint(clerk, cid, "Brakes", "safety", assigned_to=99, at=AT)
    with pytest.raises(NotFound):
        complaints.open_complaint(clerk, 99, "Brakes", "safety", at=AT)
    assert JournalRow.select().count() == rows and Complaint.select().count() == 0 and not complaint_tasks()


def test_a_complaint_reported_earlier_and_assigned(clerk, manager, agreement):
    cid = Customer.get().id
    cmp = complaints.open_complaint(
        clerk, cid, "Brakes squeal", "safety", reported_on=dt.date(2025, 1, 30), assigned_to=manager.id, at=AT
    )
    [line] = complaints.open_complaints(manager)
    assert line.reported_on == dt.date(2025, 1, 30) and line.assigned_to == "Marcus Manager"
    assert line.severity_label == "Safety problem"
    assert complaint_tasks()[0].due_on == dt.date(2025, 2, 5)  # 2 days after it was written down
    assert verify().ok and cmp
