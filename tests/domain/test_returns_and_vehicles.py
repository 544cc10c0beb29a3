"""The rules of a vehicle return and of a vehicle's place on the lot, as tables of cases:
what a return record accepts and refuses (one message each), how it is kept and read
back, what a history shows of it; which vehicles may leave inventory and what they go
back to; what a goodwill refund may still pay back."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.ledger import Entry, EntryKind, Status, replay
from lto_desk.domain.returns import (
    CONDITION_PARTS,
    ReturnRecord,
    check_condition,
    checklist_lines,
    in_good_condition,
)
from lto_desk.domain.terms import Installment, LateFeePolicy
from lto_desk.domain.vehicles import VehicleStatus, check_removal_reason, status_when_put_back, why_not_removable

GOOD = {part: {"rating": "good"} for part in CONDITION_PARTS}


@pytest.mark.parametrize(("typed", "message"), [
    (dict(reason="bored"), "Choose the reason for the return."),
    (dict(reason="other"), "Please type the reason for the return."),
    (dict(reason="other", reason_text=" no "), "Please type the reason for the return."),
    (dict(reason="other", reason_text="x" * 301), "The reason for the return is too long (at most 300 characters)."),
    (dict(reason="mechanical", odometer=-1), "The odometer reading is not believable; please check it."),
    (dict(reason="mechanical", odometer=2_000_001), "The odometer reading is not believable; please check it."),
    (dict(reason="mechanical", keys_returned=11), "The number of keys returned is between 0 and 10."),
    (dict(reason="mechanical", keys_returned=-1), "The number of keys returned is between 0 and 10."),
    (dict(reason="mechanical", condition={}), "Rate the exterior: good, fair or needs work."),
    (dict(reason="mechanical", condition=GOOD | {"wheels": {"rating": "good"}}),
     "The checklist has no part called 'wheels'."),
    (dict(reason="mechanical", condition=GOOD | {"tires": {"rating": "needs_work"}}),
     "Say what needs doing on the tires."),
    (dict(reason="mechanical", notes="n" * 2001), "The notes are too long (at most 2000 characters)."),
])
def test_a_return_record_refuses_what_cannot_be_kept(typed, message):
    with pytest.raises(InvalidInput) as refused:
        ReturnRecord.checked(**typed)
    assert refused.value.message == message


@pytest.mark.parametrize(("typed", "label"), [
    (dict(reason="cannot_afford"), "Cannot afford it right now"),
    (dict(reason="other", reason_text="  Moving   to Texas "), "Moving to Texas"),
    (dict(reason="needs_changed", reason_text="Baby on the way"), "Baby on the way"),
])
def test_the_reason_is_their_words_else_the_lists(typed, label):
    assert ReturnRecord.checked(**typed).reason_label == label


def test_a_record_reads_back_as_it_was_kept():
    record = ReturnRecord.checked(
        "mechanical", odometer=123_456, keys_returned=2, notes="Left  the jack",
        condition=GOOD | {"tires": {"rating": "needs_work", "note": "bald"}, "mechanical": "Brakes squeal"},
    )
    again = ReturnRecord.from_memo(record.memo())
    assert again == record
    assert again.notes == "Left the jack" and not again.good_condition
    assert ReturnRecord.from_memo(None) == ReturnRecord("")


@pytest.mark.parametrize(("record", "lines"), [
    (ReturnRecord("cannot_afford"), ("Reason: Cannot afford it right now", "no keys returned", "Checklist not taken.")),
    (ReturnRecord("other", "Moved away", odometer=98_765, keys_returned=1, notes="Clean"),
     ("Reason: Moved away", "Odometer 98,765 · 1 key returned", "Checklist not taken.", "Notes: Clean")),
    (ReturnRecord("unknown-old-key", keys_returned=2), ("Reason: as the entry says", "2 keys returned",
                                                       "Checklist not taken.")),
])
def test_a_return_in_a_vehicles_history(record, lines):
    assert record.history_lines(fallback_reason="as the entry says") == lines


def test_the_checklist_in_a_line_grouped_by_rating():
    condition = check_condition(GOOD | {"interior": {"rating": "fair", "note": "seat worn"},
                                        "mechanical": "Brakes squeal"})
    assert checklist_lines(condition) == (
        "Checklist — good: exterior, tires, glass, lights; fair: interior (seat worn)",
        "Mechanical: Brakes squeal",
    )
    assert in_good_condition(condition)


@pytest.mark.parametrize(("status", "why"), [
    (VehicleStatus.AVAILABLE, None),
    (VehicleStatus.NEEDS_INSPECTION, None),
    (VehicleStatus.ON_AGREEMENT, "it is on an agreement; a customer is driving it"),
    (VehicleStatus.TITLED, "it was paid off and is titled to the customer"),
    (VehicleStatus.REMOVED, "it is already removed from inventory"),
])
def test_which_vehicles_may_leave_inventory(status, why):
    assert why_not_removable(status) == why


@pytest.mark.parametrize(("reason", "text", "kept"), [
    ("sold", "", ""),
    ("wholesaled", "  to  Manheim ", "to Manheim"),
    ("other", "Flood damage", "Flood damage"),
    ("lost", "", InvalidInput("Choose why the vehicle is leaving: sold outright, wholesaled, totalled or other.")),
    ("other", "no", InvalidInput("Please type why the vehicle is leaving.")),
    ("other", "x" * 301, InvalidInput("Why the vehicle is leaving is too long (at most 300 characters).")),
    ("sold", "x" * 301, InvalidInput("The note is too long (at most 300 characters).")),
])
def test_the_reason_a_vehicle_leaves(reason, text, kept):
    if isinstance(kept, InvalidInput):
        with pytest.raises(InvalidInput) as refused:
            check_removal_reason(reason, text)
        assert refused.value.message == kept.message
    else:
        assert check_removal_reason(reason, text) == kept


@pytest.mark.parametrize(("removed_from", "back_to"), [
    (VehicleStatus.AVAILABLE, VehicleStatus.AVAILABLE),
    (VehicleStatus.NEEDS_INSPECTION, VehicleStatus.NEEDS_INSPECTION),
    (None, VehicleStatus.AVAILABLE),
])
def test_a_vehicle_put_back_goes_back_to(removed_from, back_to):
    assert status_when_put_back(removed_from) is back_to


DAY = dt.date(2025, 1, 6)
SCHEDULE = [Installment(n, DAY + dt.timedelta(weeks=n), 100_00) for n in range(1, 5)]


def _state(*entries: tuple[EntryKind, int, int | None]):
    kept = [Entry(i, kind, DAY + dt.timedelta(days=i), amount, reverses, None)
            for i, (kind, amount, reverses) in enumerate(entries, start=1)]
    return replay(SCHEDULE, LateFeePolicy(3, 0), kept, DAY + dt.timedelta(days=30))


@pytest.mark.parametrize(("entries", "status", "refundable"), [
    ([(EntryKind.DOWN_PAYMENT, 50_00, None), (EntryKind.PAYMENT, 100_00, None)], Status.ACTIVE, 0),
    ([(EntryKind.DOWN_PAYMENT, 50_00, None), (EntryKind.PAYMENT, 100_00, None), (EntryKind.RETURN, 0, None)],
     Status.RETURNED, 150_00),
    ([(EntryKind.PAYMENT, 100_00, None), (EntryKind.VOID, 100_00, 1), (EntryKind.RETURN, 0, None)],
     Status.RETURNED, 0),
    ([(EntryKind.PAYMENT, 100_00, None), (EntryKind.RETURN, 0, None), (EntryKind.REFUND, 40_00, None)],
     Status.RETURNED, 60_00),
    ([(EntryKind.PAYMENT, 100_00, None), (EntryKind.RETURN, 0, None), (EntryKind.REFUND, 100_00, None)],
     Status.RETURNED, 0),
])
def test_what_a_goodwill_refund_may_still_pay_back(entries, status, refundable):
    state = _state(*entries)
    assert (state.status, state.refundable) == (status, refundable)
