"""The demo dealership: built once into a temp database, it keeps the promises a
person trying LTO Desk depends on (every kind of account, a year of history,
notes and families, working logins) and is refused a second time."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from lto_desk.demo import DEMO_CLERKS, build_demo
from lto_desk.domain.errors import Refused
from lto_desk.domain.ledger import Status
from lto_desk.services import agreements, clerks
from lto_desk.services.integrity import verify
from lto_desk.store.models import (
    Agreement,
    Customer,
    HouseholdMember,
    JournalRow,
    LedgerEntry,
    Note,
    Promise,
    Vehicle,
)

TODAY = dt.date(2026, 11, 20)  # a Friday


def test_the_demo_dealership_has_every_kind_of_account_and_logs_in(database):
    seen: list[tuple[int, int]] = []
    summary = build_demo(TODAY, progress=lambda done, total: seen.append((done, total)))

    # Who is on file.
    assert summary.customers >= 60 and Customer.select().count() == summary.customers
    assert summary.agreements == Agreement.select().count()
    assert summary.clerks == DEMO_CLERKS
    for name, role, pin in DEMO_CLERKS:
        actor = clerks.log_in(name, pin, at=dt.datetime.combine(TODAY, dt.time(17, 59)))
        assert actor.role.value == role

    # Accounts in every state as of today.
    kinds: Counter[str] = Counter()
    for agreement in Agreement.select():
        state = agreements.agreement_state(actor, agreement.id, TODAY)
        assert not state.problems
        if state.status is not Status.ACTIVE:
            kinds[state.status.value] += 1
        elif state.days_late == 0:
            kinds["current"] += 1
        elif state.days_late <= 7:
            kinds["a few days late"] += 1
        elif state.days_late > 14:
            kinds["weeks late"] += 1
    assert kinds["current"] >= 20
    assert kinds["a few days late"] >= 2
    assert kinds["weeks late"] >= 2
    assert kinds[Status.PAID_OFF.value] >= 2
    assert kinds[Status.RETURNED.value] >= 2
    returned = Agreement.select().where(Agreement.status == Status.RETURNED.value)
    assert any(
        Agreement.select().where((Agreement.customer == a.customer) & (Agreement.opened_on > a.closed_on)).exists()
        for a in returned
    ), "a customer who returned a car came back for another one"

    # A year and more of payments, in every way people pay, with the odd mistake put right.
    payments = LedgerEntry.select().where(LedgerEntry.kind == "payment")
    days = [p.entry_date for p in payments]
    assert (max(days) - min(days)).days >= 52 * 7
    assert max(days) <= TODAY
    assert {p.method for p in payments} == {"cash", "check", "money_order", "card"}
    assert len({p.clerk_id for p in payments}) == 3
    entry_kinds = Counter(e.kind for e in LedgerEntry.select(LedgerEntry.kind))
    assert summary.payments == len(days) - entry_kinds["void"]  # voided posts are not counted
    assert entry_kinds["void"] >= 2 and entry_kinds["fee_waiver"] >= 1 and entry_kinds["return"] >= 2
    assert Promise.select().count() >= 1
    assert Vehicle.select().where(Vehicle.status == "available").count() >= 8

    # The people behind the accounts.
    assert Note.select().count() >= 120
    assert Note.select().where(Note.is_cue == True).count() >= 5  # noqa: E712
    assert Note.select().where(Note.pinned == True).count() >= 5  # noqa: E712
    assert HouseholdMember.select().count() >= 40
    assert Customer.select().where(Customer.language == "es").count() >= 3
    assert Customer.select().where(Customer.referred_by.is_null(False)).count() >= 1
    week = {TODAY - dt.timedelta(days=TODAY.weekday() - k) for k in range(7)}
    this_week = {(d.month, d.day) for d in week}
    assert sum((c.birthday.month, c.birthday.day) in this_week for c in Customer.select() if c.birthday) >= 2

    # Written in time order at counter hours, never after today, and all of it checks out.
    times = [row.at for row in JournalRow.select(JournalRow.at).order_by(JournalRow.id)]
    assert all(a < b for a, b in zip(times, times[1:]))
    assert all(9 <= t.hour < 18 and t.weekday() != 6 and t.date() <= TODAY for t in times)
    assert seen and seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert verify().ok

    # Once built, it is not built again over itself.
    before = JournalRow.select().count()
    with pytest.raises(Refused):
        build_demo(TODAY)
    assert JournalRow.select().count() == before
