"""A customer who bought elsewhere: what we learn, the manager's win-back task,
the later check-in, and "may we stay in touch"."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.contacts import DecidingFactor
from lto_desk.domain.errors import InvalidInput, NotFound
from lto_desk.domain.followups import FollowUpKind
from lto_desk.services import customers, departures, followups, mailing
from lto_desk.services.departures import DepartureInput
from lto_desk.services.integrity import verify
from lto_desk.store.models import Customer, Departure, FollowUp, JournalRow

AT = dt.datetime(2025, 4, 7, 15, 0)


@pytest.fixture
def cid(owner):
    new = customers.NewCustomer(
        "Darnell", "Brooks", address1="4 Pine Rd", city="Prattville", state="AL", postal_code="36067",
        mailing_consent=True,
    )
    return customers.add_customer(owner, new, at=AT - dt.timedelta(days=30))


def kinds(cid) -> list[str]:
    return [t.kind for t in FollowUp.select().where(FollowUp.customer == cid).order_by(FollowUp.id)]


def test_not_yet_delivered_makes_a_managers_win_back_task_today_and_a_check_in(clerk, manager, cid):
    d = DepartureInput(
        taken_delivery=False, deciding_factor=DecidingFactor.PAYMENT, factor_text="wanted under $90 a week",
        where_bought="Hyundai of Prattville", referrals_asked=True, referral_names="his sister Keisha",
    )
    dep = departures.record_departure(clerk, cid, d, at=AT)
    row = Departure.get_by_id(dep)
    assert (row.taken_delivery, row.deciding_factor, row.where_bought) == (False, "payment", "Hyundai of Prattville")
    assert row.referral_names == "his sister Keisha" and row.stay_in_touch and row.clerk_id == clerk.id
    win_back, check_in = FollowUp.select().where(FollowUp.customer == cid).order_by(FollowUp.id)
    assert win_back.kind == "win_back" and win_back.for_manager and win_back.due_on == AT.date()
    assert win_back.source_key == f"win_back:departure:{dep}"
    assert win_back.detail == (
        "Bought elsewhere (payment: wanted under $90 a week) at Hyundai of Prattville; not delivered yet — try today."
    )
    assert check_in.kind == "bought_elsewhere" and check_in.due_on == AT.date() + dt.timedelta(days=90)
    assert not check_in.for_manager
    assert [r.name for r in mailing.mailing_list(manager)] == ["Darnell Brooks"]  # they stay on it
    [line] = departures.departures_of(manager, cid)
    assert line.factor_label == "Payment" and line.clerk == "Carla Clerk"
    assert JournalRow.select().order_by(JournalRow.id.desc()).get().action == "record_departure"
    assert verify().ok


def test_already_delivered_gets_only_the_later_check_in(clerk, cid):
    departures.record_departure(clerk, cid, DepartureInput(True, "price", where_bought="CarMax Montgomery"), at=AT)
    assert kinds(cid) == ["bought_elsewhere"]


def test_no_staying_in_touch_means_stop_contacting(clerk, manager, cid):
    departures.record_departure(clerk, cid, DepartureInput(False, "vehicle", stay_in_touch=False), at=AT)
    assert kinds(cid) == []  # no win-back, no check-in
    c = Customer.get_by_id(cid)
    assert c.contact_stopped_on == AT.date() and not c.mailing_consent and c.opted_out_on == AT.date()
    assert mailing.mailing_list(manager) == []
    assert verify().ok


def test_bad_input_is_refused_and_nothing_is_saved(clerk, cid):
    rows = JournalRow.select().count()
    with pytest.raises(InvalidInput, match="what decided it"):
        departures.record_departure(clerk, cid, DepartureInput(True, "weather"), at=AT)
    with pytest.raises(InvalidInput, match="in a few words"):
        departures.record_departure(clerk, cid, DepartureInput(True, "other"), at=AT)
    with pytest.raises(InvalidInput, match="referrals asked"):
        departures.record_departure(clerk, cid, DepartureInput(True, "price", referral_names="Ann"), at=AT)
    with pytest.raises(InvalidInput, match="too long"):
        departures.record_departure(clerk, cid, DepartureInput(True, "price", where_bought="x" * 121), at=AT)
    with pytest.raises(NotFound):
        departures.record_departure(clerk, 999, DepartureInput(True, "price"), at=AT)
    assert JournalRow.select().count() == rows and Departure.select().count() == 0 and kinds(cid) == []


def test_the_check_in_is_worked_like_any_task(clerk, cid):
    departures.record_departure(clerk, cid, DepartureInput(True, "credit"), at=AT)
    [task] = followups.open_follow_ups(clerk, AT.date() + dt.timedelta(days=90), customer_id=cid)
    assert task.kind is FollowUpKind.BOUGHT_ELSEWHERE and "how the car is treating you" in task.script
    followups.work_follow_up(clerk, task.id, "reached", "happy with it", at=AT + dt.timedelta(days=90))
    assert followups.open_follow_ups(clerk, AT.date() + dt.timedelta(days=90), customer_id=cid) == []
