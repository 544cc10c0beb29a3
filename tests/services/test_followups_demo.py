"""The demo dealership's relationship history: a real follow-up list today, a contact
log over the last weeks, customers who bought elsewhere, appointments, complaints,
and one customer who asked us to stop calling. Built once for the module."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from lto_desk.demo import build_demo
from lto_desk.domain.followups import FollowUpKind
from lto_desk.services import appointments, clerks, complaints, followups, mailing
from lto_desk.services.integrity import verify
from lto_desk.store.models import Complaint, ContactLog, Customer, Departure, FollowUp

TODAY = dt.date(2026, 11, 20)  # a Friday


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from lto_desk.store.database import close_database, open_database
    from lto_desk.store.paths import Location

    folder = tmp_path_factory.mktemp("demo")
    open_database(Location(str(folder / "demo.sqlite3"), folder / "files"))
    yield build_demo(TODAY)
    close_database()


def someone(demo, role: str = "clerk"):
    """A log-in of the demo's staff with ``role``."""
    return next(clerks.log_in(name, pin) for name, their_role, pin in demo.clerks if their_role == role)


def test_todays_follow_up_list_has_work_in_every_section(demo):
    clerk = someone(demo)
    board = followups.follow_up_board(clerk, TODAY)
    assert board.overdue and board.today and board.upcoming
    today_kinds = {l.kind for l in board.today}
    assert {FollowUpKind.WIN_BACK, FollowUpKind.MISSED_APPOINTMENT, FollowUpKind.OPEN_COMPLAINT} <= today_kinds
    assert any(l.for_manager for l in board.today)
    assert all(l.detail for l in board.today if l.kind is not FollowUpKind.THANK_YOU_LETTER)
    # Old tasks were worked when they came due: nothing from months ago is still waiting.
    assert min(l.due_on for l in board.overdue) >= TODAY - dt.timedelta(days=7)
    assert followups.due_count(clerk, TODAY) == board.due_count
    # Today's list is what the state calls for: regenerating again makes nothing.
    assert followups.regenerate_follow_ups(clerk, TODAY, at=dt.datetime.combine(TODAY, dt.time(17, 59))) == 0


def test_the_contact_log_has_weeks_of_outcomes(demo):
    logs = list(ContactLog.select())
    outcomes = Counter(c.outcome for c in logs)
    assert len(outcomes) >= 6 and outcomes["reached"] > outcomes["left_message"] > 0
    weeks = {(c.at.date() - TODAY).days // 7 for c in logs if c.at.date() >= TODAY - dt.timedelta(days=56)}
    assert len(weeks) >= 7
    assert {c.channel for c in logs} >= {"call", "letter", "visit", "text"}


def test_customers_who_left_say_why_and_where(demo):
    rows = list(Departure.select())
    assert len(rows) >= 5
    assert len({d.deciding_factor for d in rows}) >= 4
    assert {"CarMax Montgomery", "Hyundai of Prattville", "a private seller"} <= {d.where_bought for d in rows}
    assert any(not d.taken_delivery for d in rows)


def test_appointments_and_complaints_in_every_state(demo):
    clerk = someone(demo)
    seen = {a.status.value for a in appointments.appointments_between(clerk, TODAY - dt.timedelta(days=60),
                                                                        TODAY + dt.timedelta(days=10))}
    assert seen >= {"kept", "missed", "booked"}
    assert appointments.appointments_between(clerk, TODAY, TODAY)  # one later today
    assert {c.status_label for c in complaints.open_complaints(clerk)} == {"Open", "In repair"}
    [resolved] = [c for (cid,) in Complaint.select(Complaint.customer).where(Complaint.status == "resolved").tuples()
                  for c in complaints.complaints_of(clerk, cid)]
    assert resolved.resolution and resolved.resolved_by and resolved.resolved_on


def test_the_customer_who_said_stop_gets_no_marketing_and_no_mail(demo):
    manager = someone(demo, "manager")
    [stopped] = Customer.select().where(Customer.contact_stopped_on.is_null(False))
    assert stopped.full_name not in {r.name for r in mailing.mailing_list(manager)}
    marketing = [k.value for k in FollowUpKind if k.marketing]
    assert not FollowUp.select().where(
        (FollowUp.customer == stopped.id) & (FollowUp.status == "open") & FollowUp.kind.in_(marketing)
    ).exists()
    assert mailing.mailing_list(manager)  # others are on it


def test_verify_holds_after_the_demo(demo):
    report = verify()
    assert report.ok, report.problem
