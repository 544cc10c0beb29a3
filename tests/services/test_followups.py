"""Follow-up tasks made by events: one task per event, however often its code runs.

Choice for a payoff that is voided and paid off again: the one payoff task of the
agreement (source key ``payoff:agreement:<id>``) is *reopened* with the new due date —
the void cancelled it, the second payoff sets it open again. It is never duplicated.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from lto_desk.domain.followups import FollowUpKind, FollowUpStatus
from lto_desk.services import agreements, customers, follow_up_tasks, followups, payments, vehicles
from lto_desk.services.base import unit_of_work
from lto_desk.services.integrity import verify
from lto_desk.store.models import Customer, FollowUp, JournalRow

from helpers import make_vin

OPENED = dt.date(2025, 1, 6)
MON = dt.datetime(2025, 1, 13, 10, 0)


def tasks(kind: FollowUpKind | None = None) -> list[FollowUp]:
    query = FollowUp.select().order_by(FollowUp.id)
    if kind is not None:
        query = query.where(FollowUp.kind == kind.value)
    return list(query)


def pay_off(clerk, agreement_id, at):
    state = agreements.agreement_state(clerk, agreement_id, at.date())
    return payments.take_payment(clerk, agreement_id, state.payoff, at=at)


# --- a new agreement ----------------------------------------------------------


def test_a_new_agreement_makes_one_thank_you_task_due_the_same_day(owner, agreement):
    [task] = tasks()
    assert task.kind == FollowUpKind.THANK_YOU_LETTER.value
    assert task.due_on == OPENED and task.status == "open"
    assert task.agreement_id == agreement and task.source_key == f"thank_you:agreement:{agreement}"
    [line] = followups.open_follow_ups(owner, OPENED)
    assert line.customer_name == "María García" and line.kind_label == "Send the thank-you letter"
    assert not line.overdue and "thank" in line.script.lower()
    assert followups.open_follow_ups(owner, OPENED + dt.timedelta(days=1))[0].overdue
    assert verify().ok


def test_the_thank_you_task_is_in_the_same_journal_row_as_the_agreement(agreement):
    row = JournalRow.select().where(JournalRow.action == "open_agreement").get()
    assert '"follow_up"' in row.changes and "thank_you_letter" in row.changes


def test_scheduling_the_same_event_again_makes_nothing(owner, agreement):
    at = dt.datetime(2025, 1, 6, 11, 0)
    with unit_of_work(owner, "regenerate", at) as work:
        again = follow_up_tasks.schedule_follow_up(
            work, customer_id=tasks()[0].customer_id, agreement_id=agreement,
            kind=FollowUpKind.THANK_YOU_LETTER, due_on=OPENED, source_key=f"thank_you:agreement:{agreement}", at=at,
        )
        twice = follow_up_tasks.thank_you_follow_up(work, agreements.Agreement.get_by_id(agreement), at)
    assert again is None and twice is None
    assert len(tasks()) == 1
    assert not JournalRow.select().where(JournalRow.action == "regenerate").exists()  # nothing changed
    assert verify().ok


def test_schedule_refuses_bad_input(owner, agreement):
    at = dt.datetime(2025, 1, 6, 11, 0)
    cid = tasks()[0].customer_id
    with pytest.raises(InvalidInput, match="not a kind of follow-up"):
        with unit_of_work(owner, "x", at) as work:
            follow_up_tasks.schedule_follow_up(
                work, customer_id=cid, agreement_id=None, kind="birthday_card", due_on=OPENED, source_key="k", at=at,
            )
    with pytest.raises(InvalidInput, match="key of the event"):
        with unit_of_work(owner, "x", at) as work:
            follow_up_tasks.schedule_follow_up(
                work, customer_id=cid, agreement_id=None, kind="thank_you_letter", due_on=OPENED, source_key=" ",
                at=at,
            )
    assert len(tasks()) == 1


# --- a payoff -----------------------------------------------------------------


def test_the_payoff_makes_one_next_car_task_due_in_60_days(clerk, agreement):
    pay_off(clerk, agreement, MON)
    [task] = tasks(FollowUpKind.PAYOFF_NEXT_CAR)
    assert task.due_on == MON.date() + dt.timedelta(days=60) == dt.date(2025, 3, 14)
    assert task.status == "open" and task.source_key == f"payoff:agreement:{agreement}"
    row = JournalRow.select().where(JournalRow.action == "take_payment").order_by(JournalRow.id.desc()).get()
    assert "payoff_next_car" in row.changes  # stored in the paying transaction
    assert verify().ok


def test_ordinary_payments_make_no_payoff_task(clerk, agreement):
    payments.take_payment(clerk, agreement, 7693, at=MON)
    payments.take_payment(clerk, agreement, 7693, at=MON + dt.timedelta(days=7))
    assert tasks(FollowUpKind.PAYOFF_NEXT_CAR) == []


def test_a_void_cancels_the_payoff_task_and_a_second_payoff_reopens_the_same_one(clerk, manager, agreement):
    first = pay_off(clerk, agreement, MON)
    payments.void_payment(manager, first.receipt_number, "check returned by the bank", at=MON)
    [task] = tasks(FollowUpKind.PAYOFF_NEXT_CAR)
    assert task.status == FollowUpStatus.CANCELLED.value
    assert followups.open_follow_ups(manager, MON.date(), customer_id=task.customer_id)[-1].kind is not FollowUpKind.PAYOFF_NEXT_CAR
    void_row = JournalRow.select().where(JournalRow.action == "void_payment").get()
    assert '"cancelled"' in void_row.changes  # journaled with the void

    later = dt.datetime(2025, 1, 20, 10, 0)
    second = pay_off(clerk, agreement, later)
    [task] = tasks(FollowUpKind.PAYOFF_NEXT_CAR)  # still one task: reopened, not duplicated
    assert task.status == "open" and task.due_on == later.date() + dt.timedelta(days=60)

    # And once more round the loop.
    payments.void_payment(manager, second.receipt_number, "card charge reversed", at=later)
    pay_off(clerk, agreement, later)
    assert len(tasks(FollowUpKind.PAYOFF_NEXT_CAR)) == 1
    assert tasks(FollowUpKind.PAYOFF_NEXT_CAR)[0].status == "open"
    assert verify().ok


def test_a_payoff_task_already_done_stays_done_after_a_void_and_second_payoff(clerk, manager, agreement):
    first = pay_off(clerk, agreement, MON)
    [task] = tasks(FollowUpKind.PAYOFF_NEXT_CAR)
    followups.complete_follow_up(clerk, task.id, "reached", "loves the car", at=MON + dt.timedelta(hours=1))
    payments.void_payment(manager, first.receipt_number, "check returned by the bank", at=MON + dt.timedelta(hours=2))
    pay_off(clerk, agreement, MON + dt.timedelta(hours=3))
    [task] = tasks(FollowUpKind.PAYOFF_NEXT_CAR)
    assert task.status == "done" and task.outcome == "reached"
    assert verify().ok


# --- a vehicle return ---------------------------------------------------------


def test_a_return_makes_one_check_in_task_30_days_later(clerk, manager, agreement):
    at = dt.datetime(2025, 2, 3, 10)
    agreements.return_vehicle(clerk, agreement, "cannot_afford", approved_by=manager, at=at)
    [task] = tasks(FollowUpKind.RETURN_CHECK_IN)
    assert task.due_on == dt.date(2025, 3, 5) and task.status == "open"
    with pytest.raises(Refused):  # the return cannot run twice; and there is still one task
        agreements.return_vehicle(manager, agreement, "other", reason_text="again", at=at)
    assert len(tasks(FollowUpKind.RETURN_CHECK_IN)) == 1
    with unit_of_work(manager, "regenerate", at) as work:
        assert follow_up_tasks.return_follow_up(work, agreements.Agreement.get_by_id(agreement), at.date(), at) is None
    assert len(tasks(FollowUpKind.RETURN_CHECK_IN)) == 1
    [line] = [l for l in followups.open_follow_ups(manager, dt.date(2025, 3, 6)) if l.kind is FollowUpKind.RETURN_CHECK_IN]
    assert line.overdue and "welcome back" in line.script and "owe" in line.script
    assert verify().ok


def test_welcome_back_agreement_gets_its_own_thank_you_task(owner, clerk, manager, agreement):
    at = dt.datetime(2025, 2, 3, 10)
    agreements.return_vehicle(clerk, agreement, "needs_changed", approved_by=manager, at=at)
    cid = tasks()[0].customer_id
    from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms

    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(4353), 2016, "Toyota", "Corolla", "S1002", price=800_000), at=at
    )
    terms = Terms.by_number_of_payments(
        cash_price=800_000, down_payment=100_000, number_of_payments=52,
        frequency=Frequency.WEEKLY, first_due=dt.date(2025, 2, 10), late_fee=LateFeePolicy(3, 1000),
    )
    second = agreements.open_agreement(owner, cid, vid, terms, at=at + dt.timedelta(hours=1)).agreement_id
    thanks = tasks(FollowUpKind.THANK_YOU_LETTER)
    assert [t.agreement_id for t in thanks] == [agreement, second]
    assert thanks[1].due_on == at.date()
    assert [l.kind for l in followups.open_follow_ups(owner, at.date(), customer_id=cid)] == [
        FollowUpKind.THANK_YOU_LETTER, FollowUpKind.THANK_YOU_LETTER, FollowUpKind.RETURN_CHECK_IN,
    ]
    assert verify().ok


# --- working a task -----------------------------------------------------------


def test_completing_records_the_outcome_and_counts_as_a_touch(clerk, agreement):
    [task] = tasks()
    at = dt.datetime(2025, 1, 8, 15, 30)
    line = followups.complete_follow_up(clerk, task.id, "  letter   mailed ", "signed by Marcus", at=at)
    assert line.id == task.id
    task = FollowUp.get_by_id(task.id)
    assert task.status == "done" and task.outcome == "letter mailed" and task.note == "signed by Marcus"
    assert task.done_at == at and task.done_by_id == clerk.id
    assert Customer.get_by_id(task.customer_id).last_touch_at == at
    row = JournalRow.select().order_by(JournalRow.id.desc()).get()
    assert row.action == "complete_follow_up" and row.clerk_id == clerk.id and "last_touch_at" in row.changes
    assert followups.open_follow_ups(clerk, at.date()) == []
    assert verify().ok


def test_completing_refuses_bad_input_and_changes_nothing(clerk, agreement):
    [task] = tasks()
    before = JournalRow.select().count()
    at = dt.datetime(2025, 1, 8, 15, 30)
    with pytest.raises(InvalidInput, match="Please type the outcome"):
        followups.complete_follow_up(clerk, task.id, "   ", at=at)
    with pytest.raises(NotFound, match="no follow-up number 999"):
        followups.complete_follow_up(clerk, 999, "reached", at=at)
    with pytest.raises(NotAllowed, match="log in"):
        followups.complete_follow_up(None, task.id, "reached", at=at)
    assert JournalRow.select().count() == before and FollowUp.get_by_id(task.id).status == "open"
    followups.complete_follow_up(clerk, task.id, "reached", at=at)
    with pytest.raises(Refused, match="already done"):
        followups.complete_follow_up(clerk, task.id, "reached again", at=at)


def test_scripts_speak_the_customers_language(owner, agreement):
    at = dt.datetime(2025, 1, 6, 12)
    cid = customers.add_customer(
        owner, customers.NewCustomer("José", "Núñez", preferred_name="Pepe", language="es"), at=at
    )
    with unit_of_work(owner, "schedule", at) as work:
        follow_up_tasks.schedule_follow_up(
            work, customer_id=cid, agreement_id=None, kind=FollowUpKind.RETURN_CHECK_IN,
            due_on=OPENED, source_key=f"test:customer:{cid}", at=at,
        )
    [line] = followups.open_follow_ups(owner, OPENED, customer_id=cid)
    assert line.customer_name == "Pepe Núñez"
    assert line.script.startswith('"Hola Pepe,') and "No nos debe nada" in line.script
    [english] = followups.open_follow_ups(owner, OPENED, customer_id=tasks()[0].customer_id)
    assert "María" in english.script and "Firme" not in english.script
    for kind in FollowUpKind:
        for language in ("en", "es", "fr"):
            assert kind.script(language, "Ana") and "{" not in kind.script(language)
    assert verify().ok


def test_many_events_keep_verify_ok(owner, clerk, manager, agreement):
    at = dt.datetime(2025, 1, 6, 12)
    for n in range(3):
        cid = customers.add_customer(owner, customers.NewCustomer(f"Cliente{n}", "Prueba"), at=at)
        vid = vehicles.add_vehicle(
            owner, vehicles.NewVehicle(make_vin(5000 + n), 2015, "Ford", "Focus", f"S2{n:03d}", price=500_000), at=at
        )
        from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms

        terms = Terms.by_number_of_payments(
            cash_price=500_000, down_payment=50_000, number_of_payments=20,
            frequency=Frequency.WEEKLY, first_due=dt.date(2025, 1, 13), late_fee=LateFeePolicy(3, 1000),
        )
        aid = agreements.open_agreement(owner, cid, vid, terms, at=at).agreement_id
        if n == 0:
            r = pay_off(clerk, aid, MON)
            payments.void_payment(manager, r.receipt_number, "bounced", at=MON)
            pay_off(clerk, aid, MON)
        elif n == 1:
            agreements.return_vehicle(manager, aid, "mechanical", at=MON)
    assert len(tasks(FollowUpKind.THANK_YOU_LETTER)) == 4
    assert len(tasks(FollowUpKind.PAYOFF_NEXT_CAR)) == 1
    assert len(tasks(FollowUpKind.RETURN_CHECK_IN)) == 1
    for line in followups.open_follow_ups(owner, MON.date()):
        followups.complete_follow_up(clerk, line.id, "reached", at=MON + dt.timedelta(hours=1))
    assert followups.open_follow_ups(owner, MON.date()) == []
    report = verify()
    assert report.ok, report.problem
