"""Inventory on a real SQLite file: adding and correcting vehicles (VIN checked),
inspection after a return, taking a vehicle out and putting it back, and the
history a manager reads for each vehicle."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import make_vin

from lto_desk.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.domain.vin import check_vin
from lto_desk.services import agreements, customers, payments
from lto_desk.services.integrity import verify
from lto_desk.services.vehicles import (
    EventKind,
    NewVehicle,
    VehicleStatus,
    add_vehicle,
    edit_vehicle,
    ever_on_agreement,
    list_vehicles,
    mark_inspected,
    remove_vehicle,
    restore_vehicle,
    status_counts,
    vehicle_history,
    vehicle_line,
)
from lto_desk.store.models import JournalRow, Vehicle

AT = dt.datetime(2025, 1, 6, 9, 30)
RETURNED_AT = dt.datetime(2025, 1, 27, 16, 0)
CHECKLIST = {
    "exterior": {"rating": "good"},
    "interior": {"rating": "fair", "note": "seat worn"},
    "tires": {"rating": "needs_work", "note": "front tires bald"},
    "glass": {"rating": "good"},
    "lights": {"rating": "good"},
    "mechanical": "Brakes squeal",
}


def _wrong_check_digit(serial: int) -> str:
    vin = make_vin(serial)
    wrong = "0" if vin[8] != "0" else "1"
    return vin[:8] + wrong + vin[9:]


def _civic(**changes) -> NewVehicle:
    fields = dict(
        vin=make_vin(7001), year=2016, make="Honda", model="Civic", stock_number="s2001", trim="LX",
        color="Blue", odometer=98_500, cost=420_000, price=799_500,
    )
    fields.update(changes)
    return NewVehicle(**fields)


def _journal_rows() -> int:
    return JournalRow.select().count()


# -- adding ---------------------------------------------------------------------------------


def test_a_manager_adds_a_vehicle_available_with_its_details(manager):
    vid = add_vehicle(manager, _civic(vin=" " + make_vin(7001).lower()[:5] + "-" + make_vin(7001).lower()[5:]), at=AT)
    line = vehicle_line(manager, vid)
    assert (line.vin, line.stock_number, line.year, line.make, line.model, line.trim) == (
        make_vin(7001), "S2001", 2016, "Honda", "Civic", "LX"
    )
    assert (line.color, line.odometer, line.cost, line.price) == ("Blue", 98_500, 420_000, 799_500)
    assert line.status is VehicleStatus.AVAILABLE
    assert verify().ok


def test_a_clerk_cannot_add_a_vehicle(clerk):
    with pytest.raises(NotAllowed, match="Only a manager can add a vehicle to inventory"):
        add_vehicle(clerk, _civic(), at=AT)
    assert Vehicle.select().count() == 0


def test_a_check_digit_warning_is_refused_until_accepted(manager):
    vin = _wrong_check_digit(7002)
    assert check_vin(vin).warning
    before = _journal_rows()
    with pytest.raises(InvalidInput, match="check digit"):
        add_vehicle(manager, _civic(vin=vin), at=AT)
    assert Vehicle.select().count() == 0 and _journal_rows() == before
    vid = add_vehicle(manager, _civic(vin=vin, accept_vin_warning=True), at=AT)
    assert vehicle_line(manager, vid).vin == vin


@pytest.mark.parametrize(
    ("vin", "message"),
    [
        ("", "Please type the VIN"),
        ("1HGCM82600A00435", "A VIN has 17 characters; this one has 16"),
        ("1HGCM82600A0043521", "this one has 18"),
        ("1HGCM82I00A004352", "never has the letter I"),
        ("1HGCMO2600A0Q4352", "never has the letters O, Q"),
        ("1HGCM82600A00435#", "only letters and digits"),
    ],
)
def test_a_misshapen_vin_is_refused_with_what_is_wrong(manager, vin, message):
    with pytest.raises(InvalidInput, match=message):
        add_vehicle(manager, _civic(vin=vin, accept_vin_warning=True), at=AT)
    assert Vehicle.select().count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": 1949}, "not a model year between 1950 and 2026"),
        ({"year": 2027}, "not a model year"),
        ({"odometer": -1}, "odometer reading is not believable"),
        ({"price": 10_000_001}, "between \\$0 and \\$100,000"),
        ({"stock_number": "  "}, "Please type the stock number"),
        ({"make": ""}, "Please type the make"),
        ({"model": " "}, "Please type the model"),
        ({"color": "x" * 41}, "The colour is too long \\(at most 40 characters\\)"),
    ],
)
def test_other_bad_details_are_refused(manager, changes, message):
    with pytest.raises(InvalidInput, match=message):
        add_vehicle(manager, _civic(**changes), at=AT)
    assert Vehicle.select().count() == 0


def test_a_vin_or_stock_number_already_used_is_refused(manager):
    add_vehicle(manager, _civic(), at=AT)
    with pytest.raises(Refused, match="already in inventory: the 2016 Honda Civic \\(stock S2001\\)"):
        add_vehicle(manager, _civic(stock_number="S2002"), at=AT)
    with pytest.raises(Refused, match="Stock number S2001 is already used by the 2016 Honda Civic"):
        add_vehicle(manager, _civic(vin=make_vin(7003), stock_number="s2001"), at=AT)
    assert Vehicle.select().count() == 1


# -- editing ----------------------------------------------------------------------------


def test_editing_corrects_the_details_and_journals_before_and_after(manager):
    vid = add_vehicle(manager, _civic(), at=AT)
    edit_vehicle(manager, vid, _civic(color="Silver", price=749_500, odometer=99_000, stock_number="s2001a"),
                 at=AT + dt.timedelta(hours=1))
    line = vehicle_line(manager, vid)
    assert (line.color, line.price, line.odometer, line.stock_number) == ("Silver", 749_500, 99_000, "S2001A")
    row = JournalRow.select().order_by(JournalRow.id.desc()).first()
    assert row.action == "edit_vehicle"
    assert '"color":"Blue"' in row.changes and '"color":"Silver"' in row.changes
    edited = [e for e in vehicle_history(manager, vid) if e.kind is EventKind.EDITED]
    assert len(edited) == 1 and edited[0].by == "Marcus Manager"
    assert "Colour: Blue → Silver" in edited[0].details
    assert "Price: $7,995.00 → $7,495.00" in edited[0].details
    assert "Stock number: S2001 → S2001A" in edited[0].details
    assert verify().ok


def test_editing_checks_like_adding_and_against_other_vehicles_only(manager):
    vid = add_vehicle(manager, _civic(), at=AT)
    add_vehicle(manager, _civic(vin=make_vin(7004), stock_number="S2004"), at=AT)
    edit_vehicle(manager, vid, _civic(trim="EX"), at=AT)  # its own VIN and stock are not "taken"
    with pytest.raises(Refused, match="Stock number S2004 is already used"):
        edit_vehicle(manager, vid, _civic(stock_number="S2004"), at=AT)
    with pytest.raises(Refused, match=f"VIN {make_vin(7004)} is already in inventory"):
        edit_vehicle(manager, vid, _civic(vin=make_vin(7004)), at=AT)
    with pytest.raises(InvalidInput, match="17 characters"):
        edit_vehicle(manager, vid, _civic(vin="1HG"), at=AT)
    with pytest.raises(InvalidInput, match="check digit"):
        edit_vehicle(manager, vid, _civic(vin=_wrong_check_digit(7005)), at=AT)
    assert vehicle_line(manager, vid).trim == "EX" and vehicle_line(manager, vid).vin == make_vin(7001)
    edit_vehicle(manager, vid, _civic(vin=_wrong_check_digit(7005), accept_vin_warning=True), at=AT)
    assert vehicle_line(manager, vid).vin == _wrong_check_digit(7005)
    # the warning was accepted once; later edits keeping that VIN do not ask again
    edit_vehicle(manager, vid, _civic(vin=_wrong_check_digit(7005), color="Red"), at=AT)
    assert vehicle_line(manager, vid).color == "Red"


def test_a_clerk_cannot_edit_and_an_unknown_vehicle_is_named(manager, clerk):
    vid = add_vehicle(manager, _civic(), at=AT)
    with pytest.raises(NotAllowed, match="Only a manager can edit a vehicle"):
        edit_vehicle(clerk, vid, _civic(color="Red"), at=AT)
    assert vehicle_line(manager, vid).color == "Blue"
    with pytest.raises(NotFound, match="not in inventory"):
        edit_vehicle(manager, 999, _civic(), at=AT)


def test_the_vin_of_a_vehicle_that_was_on_an_agreement_stays(manager, agreement):
    vid = _vehicle_of(agreement)
    assert ever_on_agreement(manager, vid)
    line = vehicle_line(manager, vid)
    same = NewVehicle(line.vin, line.year, line.make, line.model, line.stock_number, color="Green", price=line.price)
    with pytest.raises(Refused, match="has been on an agreement and the paperwork names VIN"):
        edit_vehicle(manager, vid, NewVehicle(make_vin(8888), line.year, line.make, line.model, line.stock_number),
                     at=RETURNED_AT)
    assert vehicle_line(manager, vid).vin == line.vin
    edit_vehicle(manager, vid, same, at=RETURNED_AT)
    assert vehicle_line(manager, vid).color == "Green"
    assert vehicle_line(manager, vid).status is VehicleStatus.ON_AGREEMENT


def _vehicle_of(agreement_id: int) -> int:
    from lto_desk.store.models import Agreement

    return Agreement.get_by_id(agreement_id).__data__["vehicle"]


# -- inspection, removal, putting back ---------------------------------------------------


def test_a_returned_vehicle_is_available_only_after_inspection(manager, clerk, agreement):
    vid = _vehicle_of(agreement)
    with pytest.raises(Refused, match="is on agreement; only a returned vehicle waiting for inspection"):
        mark_inspected(manager, vid, at=RETURNED_AT)
    agreements.return_vehicle(manager, agreement, "needs_changed", odometer=120_000, keys_returned=2,
                              condition=CHECKLIST, at=RETURNED_AT)
    assert vehicle_line(manager, vid).status is VehicleStatus.NEEDS_INSPECTION
    with pytest.raises(NotAllowed, match="Only a manager can mark an inspection done"):
        mark_inspected(clerk, vid, at=RETURNED_AT)
    with pytest.raises(InvalidInput, match="too long"):
        mark_inspected(manager, vid, "x" * 1001, at=RETURNED_AT)
    assert vehicle_line(manager, vid).status is VehicleStatus.NEEDS_INSPECTION
    mark_inspected(manager, vid, "New front tires; brakes done", at=RETURNED_AT + dt.timedelta(days=2))
    assert vehicle_line(manager, vid).status is VehicleStatus.AVAILABLE
    with pytest.raises(Refused, match="is available; only a returned vehicle"):
        mark_inspected(manager, vid, at=RETURNED_AT + dt.timedelta(days=2))
    assert verify().ok


@pytest.mark.parametrize("reason", ["sold", "wholesaled", "totalled"])
def test_removing_an_available_vehicle_and_putting_it_back(manager, reason):
    vid = add_vehicle(manager, _civic(), at=AT)
    remove_vehicle(manager, vid, reason, at=AT + dt.timedelta(days=1))
    assert vehicle_line(manager, vid).status is VehicleStatus.REMOVED
    assert [v.id for v in list_vehicles(manager, VehicleStatus.AVAILABLE)] == []
    with pytest.raises(Refused, match="cannot be removed: it is already removed"):
        remove_vehicle(manager, vid, reason, at=AT + dt.timedelta(days=1))
    assert restore_vehicle(manager, vid, at=AT + dt.timedelta(days=2)) is VehicleStatus.AVAILABLE
    assert vehicle_line(manager, vid).status is VehicleStatus.AVAILABLE
    with pytest.raises(Refused, match="is available, not removed; there is nothing to put back"):
        restore_vehicle(manager, vid, at=AT + dt.timedelta(days=2))
    assert verify().ok


def test_removal_needs_a_reason_and_other_needs_words(manager):
    vid = add_vehicle(manager, _civic(), at=AT)
    before = _journal_rows()
    with pytest.raises(InvalidInput, match="Choose why the vehicle is leaving"):
        remove_vehicle(manager, vid, "", at=AT)
    with pytest.raises(InvalidInput, match="Please type why the vehicle is leaving"):
        remove_vehicle(manager, vid, "other", reason_text=" ", at=AT)
    assert vehicle_line(manager, vid).status is VehicleStatus.AVAILABLE and _journal_rows() == before
    remove_vehicle(manager, vid, "other", reason_text="Donated to the high school auto shop", at=AT)
    removed = [e for e in vehicle_history(manager, vid) if e.kind is EventKind.REMOVED]
    assert removed[0].title == "Removed from inventory: Other"
    assert removed[0].details == ("Donated to the high school auto shop",)


def test_a_vehicle_on_agreement_cannot_be_removed_and_a_clerk_cannot_remove(manager, clerk, agreement):
    vid = _vehicle_of(agreement)
    with pytest.raises(Refused, match="cannot be removed: it is on an agreement"):
        remove_vehicle(manager, vid, "sold", at=RETURNED_AT)
    spare = add_vehicle(manager, _civic(), at=AT)
    with pytest.raises(NotAllowed, match="Only a manager can remove a vehicle"):
        remove_vehicle(clerk, spare, "sold", at=AT)
    remove_vehicle(manager, spare, "wholesaled", at=AT)
    with pytest.raises(NotAllowed, match="Only a manager can put a vehicle back"):
        restore_vehicle(clerk, spare, at=AT)
    assert vehicle_line(manager, vid).status is VehicleStatus.ON_AGREEMENT
    assert vehicle_line(manager, spare).status is VehicleStatus.REMOVED


def test_a_vehicle_removed_before_inspection_still_needs_it_when_put_back(manager, agreement):
    vid = _vehicle_of(agreement)
    agreements.return_vehicle(manager, agreement, "mechanical", at=RETURNED_AT)
    remove_vehicle(manager, vid, "wholesaled", reason_text="Going to auction", at=RETURNED_AT)
    assert restore_vehicle(manager, vid, at=RETURNED_AT) is VehicleStatus.NEEDS_INSPECTION
    assert vehicle_line(manager, vid).status is VehicleStatus.NEEDS_INSPECTION
    assert vehicle_history(manager, vid)[-1].title == "Put back in inventory — still needs inspection"


def test_status_counts_name_every_status(manager, agreement):
    add_vehicle(manager, _civic(), at=AT)
    removed = add_vehicle(manager, _civic(vin=make_vin(7010), stock_number="S2010"), at=AT)
    remove_vehicle(manager, removed, "totalled", at=AT)
    counts = status_counts(manager)
    assert counts == {
        VehicleStatus.AVAILABLE: 1, VehicleStatus.ON_AGREEMENT: 1, VehicleStatus.NEEDS_INSPECTION: 0,
        VehicleStatus.TITLED: 0, VehicleStatus.REMOVED: 1,
    }


# -- history ----------------------------------------------------------------------------


def test_history_tells_the_vehicles_life_in_date_order(owner, manager, clerk, agreement):
    """Accord S1001: on agreement with María (opened 1/6), returned 1/27, inspected 1/29,
    removed and put back, then on agreement with John who pays it off."""
    vid = _vehicle_of(agreement)
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 11, 0))
    agreements.return_vehicle(
        clerk, agreement, "needs_changed", odometer=121_400, keys_returned=2, condition=CHECKLIST,
        notes="Moving to Texas; thanked us", approved_by=manager, at=RETURNED_AT,
    )
    mark_inspected(manager, vid, "Tires replaced", at=dt.datetime(2025, 1, 29, 10, 0))
    remove_vehicle(manager, vid, "sold", reason_text="Cash sale to a neighbour", at=dt.datetime(2025, 1, 30, 9, 0))
    restore_vehicle(manager, vid, at=dt.datetime(2025, 1, 30, 15, 0))
    john = customers.add_customer(owner, customers.NewCustomer("John", "Smith"), at=dt.datetime(2025, 2, 3, 9, 0))
    terms = Terms.by_number_of_payments(
        cash_price=300_000, down_payment=100_000, number_of_payments=4, frequency=Frequency.WEEKLY,
        first_due=dt.date(2025, 2, 10), late_fee=LateFeePolicy(3, 1000),
    )
    second = agreements.open_agreement(manager, john, vid, terms, at=dt.datetime(2025, 2, 3, 10, 0)).agreement_id
    payoff = agreements.agreement_state(owner, second, dt.date(2025, 2, 10)).payoff
    payments.take_payment(clerk, second, payoff, at=dt.datetime(2025, 2, 10, 12, 0))
    assert vehicle_line(owner, vid).status is VehicleStatus.TITLED

    history = vehicle_history(owner, vid)
    assert [(e.on, e.kind) for e in history] == [
        (dt.date(2025, 1, 6), EventKind.ADDED),
        (dt.date(2025, 1, 6), EventKind.AGREEMENT),
        (dt.date(2025, 1, 27), EventKind.RETURNED),
        (dt.date(2025, 1, 29), EventKind.INSPECTED),
        (dt.date(2025, 1, 30), EventKind.REMOVED),
        (dt.date(2025, 1, 30), EventKind.RESTORED),
        (dt.date(2025, 2, 3), EventKind.AGREEMENT),
        (dt.date(2025, 2, 10), EventKind.PAID_OFF),
    ]
    added, first, returned, inspected, removed, restored, again, paid = history
    assert added.by == "Olivia Owner" and "Stock S1001" in added.details[0]
    assert first.title == "On agreement with María García" and first.customer_name == "María García"
    assert first.agreement_id == agreement and first.by == "Olivia Owner"
    assert first.details == ("Opened Jan 6, 2025 · Returned Jan 27, 2025", "1 of 104 installments paid")
    assert returned.title == "Returned by María García"
    assert returned.by == "Carla Clerk, approved by Marcus Manager"
    assert returned.details[:2] == ("Reason: Needs changed", "Odometer 121,400 · 2 keys returned")
    assert returned.details[2] == (
        "Checklist — good: exterior, glass, lights; fair: interior (seat worn); "
        "needs work: tires (front tires bald)"
    )
    assert returned.details[3:] == ("Mechanical: Brakes squeal", "Notes: Moving to Texas; thanked us")
    assert inspected.title == "Inspection done — available again" and inspected.details == ("Note: Tires replaced",)
    assert inspected.by == "Marcus Manager"
    assert removed.title == "Removed from inventory: Sold outright"
    assert removed.details == ("Cash sale to a neighbour",)
    assert restored.title == "Put back in inventory"
    assert again.title == "On agreement with John Smith"
    assert again.details[0] == "Opened Feb 3, 2025 · Paid off Feb 10, 2025"
    assert paid.title == "Paid off — titled to John Smith"
    assert verify().ok


def test_a_return_without_a_checklist_says_so(manager, agreement):
    agreements.return_vehicle(manager, agreement, "cannot_afford", at=RETURNED_AT)
    returned = [e for e in vehicle_history(manager, _vehicle_of(agreement)) if e.kind is EventKind.RETURNED][0]
    assert returned.details == ("Reason: Cannot afford it right now", "no keys returned", "Checklist not taken.")


def test_history_of_one_vehicle_leaves_out_the_others(manager):
    first = add_vehicle(manager, _civic(), at=AT)
    # ids 1 and 11 share a prefix; the journal search must not mix them up
    for n in range(10):
        add_vehicle(manager, _civic(vin=make_vin(7100 + n), stock_number=f"S3{n:03d}"), at=AT)
    eleventh = Vehicle.select().order_by(Vehicle.id.desc()).first().id
    assert eleventh == 11
    remove_vehicle(manager, eleventh, "totalled", at=AT + dt.timedelta(days=1))
    edit_vehicle(manager, eleventh, _civic(vin=make_vin(7109), stock_number="S3009", color="Red"), at=AT)
    assert [e.kind for e in vehicle_history(manager, first)] == [EventKind.ADDED]
    assert restore_vehicle(manager, eleventh, at=AT + dt.timedelta(days=2)) is VehicleStatus.AVAILABLE
    with pytest.raises(NotFound):
        vehicle_history(manager, 999)
