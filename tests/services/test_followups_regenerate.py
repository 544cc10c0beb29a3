"""Follow-ups found by ``regenerate_follow_ups``: each event makes exactly one task,
however often it runs; tasks that no longer apply are cancelled."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.followups import FollowUpKind, Outcome
from lto_desk.services import agreements, appointments, clerks, complaints, customers, followups, payments, settings
from lto_desk.services.integrity import verify
from lto_desk.store.models import Customer, FollowUp, JournalRow

WEEK1_DUE = dt.date(2025, 1, 13)  # the fixture's first installment ($76.93), weekly after


def tasks(kind: FollowUpKind) -> list[FollowUp]:
    return list(FollowUp.select().where(FollowUp.kind == kind.value).order_by(FollowUp.id))


def regen(day: dt.date) -> int:
    """The day's first log-in (the fixture's owner) makes the day's tasks."""
    at = dt.datetime.combine(day, dt.time(8, 0))
    return followups.regenerate_follow_ups(clerks.log_in("Olivia Owner", "1111", at=at), day, at=at)


# --- a late payment -------------------------------------------------------------


def test_a_late_payment_makes_one_friendly_call_from_the_set_number_of_days(agreement):
    assert regen(WEEK1_DUE + dt.timedelta(days=4)) == 0  # 4 days late: not yet
    assert regen(WEEK1_DUE + dt.timedelta(days=5)) == 1
    [task] = tasks(FollowUpKind.LATE_PAYMENT_CALL)
    assert task.source_key == f"late:installment:{agreement}-1" and task.agreement_id == agreement
    assert task.due_on == dt.date(2025, 1, 18) and task.status == "open" and not task.for_manager  # found today
    assert task.detail == "Installment 1 ($76.93) was due Mon Jan 13."
    # Again the same day, and days later while the same installment is the oldest unpaid: nothing new.
    assert regen(WEEK1_DUE + dt.timedelta(days=5)) == 0
    assert regen(WEEK1_DUE + dt.timedelta(days=6)) == 0
    assert len(tasks(FollowUpKind.LATE_PAYMENT_CALL)) == 1
    assert verify().ok


def test_the_setting_moves_the_day_of_the_call(owner, agreement):
    settings.update_settings(owner, late_call_days=10)
    assert regen(WEEK1_DUE + dt.timedelta(days=9)) == 0
    assert regen(WEEK1_DUE + dt.timedelta(days=10)) == 1
    with pytest.raises(InvalidInput, match="1 to 60 days"):
        settings.update_settings(owner, late_call_days=0)
    assert settings.load_settings().late_call_days == 10


def test_paying_cancels_the_call_and_the_next_late_installment_gets_its_own(clerk, agreement):
    regen(dt.date(2025, 1, 18))
    [first] = tasks(FollowUpKind.LATE_PAYMENT_CALL)
    # The open late fees first, then installment 1; installment 2 (due Jan 20) stays late.
    fees = agreements.agreement_state(clerk, agreement, dt.date(2025, 1, 26)).open_fees
    payments.take_payment(clerk, agreement, fees + 7693, at=dt.datetime(2025, 1, 26, 10))
    assert regen(dt.date(2025, 1, 26)) == 1
    first, second = tasks(FollowUpKind.LATE_PAYMENT_CALL)
    assert first.status == "cancelled"
    assert second.source_key == f"late:installment:{agreement}-2" and second.status == "open"
    assert "Installment 2" in second.detail and "$10.00" not in second.detail
    state = agreements.agreement_state(clerk, agreement, dt.date(2025, 1, 27))
    payments.take_payment(clerk, agreement, state.amount_due_now, at=dt.datetime(2025, 1, 27, 10))
    assert regen(dt.date(2025, 1, 27)) == 0
    assert [t.status for t in tasks(FollowUpKind.LATE_PAYMENT_CALL)] == ["cancelled", "cancelled"]
    assert verify().ok


def test_a_worked_late_call_is_not_made_again(clerk, agreement):
    regen(dt.date(2025, 1, 18))
    [task] = tasks(FollowUpKind.LATE_PAYMENT_CALL)
    followups.work_follow_up(clerk, task.id, Outcome.REACHED, "car in the shop", at=dt.datetime(2025, 1, 18, 11))
    assert regen(dt.date(2025, 1, 19)) == 0
    assert [t.status for t in tasks(FollowUpKind.LATE_PAYMENT_CALL)] == ["done"]


# --- a promise to pay -----------------------------------------------------------


def test_a_promise_holds_back_the_late_call_and_its_day_makes_one_task(clerk, agreement):
    agreements.record_promise(clerk, agreement, dt.date(2025, 1, 21), 7693, "payday Tuesday",
                              at=dt.datetime(2025, 1, 16, 12))
    assert regen(dt.date(2025, 1, 18)) == 0  # late, but they told us when
    assert regen(dt.date(2025, 1, 21)) == 1
    [task] = tasks(FollowUpKind.PROMISE_DUE)
    assert task.due_on == dt.date(2025, 1, 21) and task.source_key.startswith("promise:promise:")
    assert task.detail == "Promised $76.93 by Tue Jan 21 (payday Tuesday)."
    assert regen(dt.date(2025, 1, 21)) == 0 and regen(dt.date(2025, 1, 22)) == 0
    assert tasks(FollowUpKind.LATE_PAYMENT_CALL) == []
    # The promise is broken: once its day is the set number of days past, the late call comes back.
    assert regen(dt.date(2025, 1, 26)) == 1
    [late] = tasks(FollowUpKind.LATE_PAYMENT_CALL)
    assert late.status == "open" and late.due_on == dt.date(2025, 1, 26)
    assert verify().ok


def test_a_kept_promise_makes_no_task_and_cancels_one_made_before_the_payment(clerk, agreement):
    agreements.record_promise(clerk, agreement, dt.date(2025, 1, 20), 5000, at=dt.datetime(2025, 1, 15, 12))
    payments.take_payment(clerk, agreement, 5000, at=dt.datetime(2025, 1, 19, 12))
    assert regen(dt.date(2025, 1, 20)) == 0
    assert tasks(FollowUpKind.PROMISE_DUE) == []

    agreements.record_promise(clerk, agreement, dt.date(2025, 1, 24), 7000, at=dt.datetime(2025, 1, 20, 12))
    regen(dt.date(2025, 1, 24))
    [task] = tasks(FollowUpKind.PROMISE_DUE)
    payments.take_payment(clerk, agreement, 7000, at=dt.datetime(2025, 1, 24, 15))
    regen(dt.date(2025, 1, 24))
    assert FollowUp.get_by_id(task.id).status == "cancelled"
    assert verify().ok


# --- birthdays ------------------------------------------------------------------


def test_a_birthday_this_week_makes_one_task_a_year(owner):
    at = dt.datetime(2025, 3, 1, 9)
    cid = customers.add_customer(owner, customers.NewCustomer("Rosa", "Díaz", birthday=dt.date(1980, 3, 12)), at=at)
    assert regen(dt.date(2025, 3, 5)) == 0  # a week before: not yet
    assert regen(dt.date(2025, 3, 6)) == 1
    [task] = tasks(FollowUpKind.BIRTHDAY)
    assert task.customer_id == cid and task.due_on == dt.date(2025, 3, 12)
    assert task.source_key == f"birthday:customer:{cid}-2025" and task.detail == "Birthday on Wednesday Mar 12 (turns 45)."
    assert regen(dt.date(2025, 3, 7)) == 0 and regen(dt.date(2025, 3, 12)) == 0
    assert regen(dt.date(2026, 3, 10)) == 1  # next year: its own task
    assert [t.due_on for t in tasks(FollowUpKind.BIRTHDAY)] == [dt.date(2025, 3, 12), dt.date(2026, 3, 12)]
    assert verify().ok


def test_a_birthday_across_new_year_and_on_29_february(owner):
    at = dt.datetime(2024, 12, 1, 9)
    a = customers.add_customer(owner, customers.NewCustomer("Ana", "Año", birthday=dt.date(1990, 1, 2)), at=at)
    b = customers.add_customer(owner, customers.NewCustomer("Bo", "Leap", birthday=dt.date(1992, 2, 29)), at=at)
    assert regen(dt.date(2024, 12, 30)) == 1
    assert tasks(FollowUpKind.BIRTHDAY)[0].source_key == f"birthday:customer:{a}-2025"
    assert regen(dt.date(2025, 2, 25)) == 1
    assert tasks(FollowUpKind.BIRTHDAY)[1].customer_id == b and tasks(FollowUpKind.BIRTHDAY)[1].due_on == dt.date(2025, 2, 28)


# --- everything at once, twice ------------------------------------------------------


def test_each_event_makes_exactly_one_task_also_when_regenerated_twice(owner, clerk, agreement):
    at = dt.datetime(2025, 1, 14, 9)
    cid = Customer.get().id
    customers.add_customer(owner, customers.NewCustomer("Luz", "Mora", birthday=dt.date(1985, 1, 28)), at=at)
    agreements.record_promise(clerk, agreement, dt.date(2025, 1, 15), 2000, at=at)
    complaints.open_complaint(clerk, cid, "The heater blows cold air", "minor", at=at)
    appt = appointments.book_appointment(clerk, cid, "paperwork", dt.datetime(2025, 1, 15, 10), at=at)
    appointments.mark_appointment(clerk, appt, kept=False, at=dt.datetime(2025, 1, 15, 17))
    day = dt.date(2025, 1, 25)
    first = regen(day)
    kinds = sorted(t.kind for t in FollowUp.select())
    second = regen(day)
    assert second == 0 and sorted(t.kind for t in FollowUp.select()) == kinds
    assert first == 3  # the late call, the promise day and Luz's birthday
    for kind in FollowUpKind:
        expected = 1 if kind.value in {
            "thank_you_letter", "late_payment_call", "promise_due", "birthday", "open_complaint", "missed_appointment",
        } else 0
        assert kinds.count(kind.value) == expected, kind
    journal_rows = JournalRow.select().where(JournalRow.action == "regenerate_follow_ups").count()
    assert regen(day) == 0
    assert JournalRow.select().where(JournalRow.action == "regenerate_follow_ups").count() == journal_rows
    assert verify().ok


def test_regenerate_refuses_a_datetime(owner):
    with pytest.raises(InvalidInput):
        followups.regenerate_follow_ups(owner, dt.datetime(2025, 1, 1, 9))


def test_the_detail_names_the_oldest_installment_and_all_that_is_past_due(owner, agreement):
    assert regen(dt.date(2025, 1, 27)) == 1  # first looked at two weeks in: installments 1 and 2 are past due
    [task] = tasks(FollowUpKind.LATE_PAYMENT_CALL)
    assert task.detail == "Installment 1 ($76.93) was due Mon Jan 13; $153.86 past due in all."
    [line] = [l for l in followups.follow_up_board(owner, dt.date(2025, 1, 27)).today if l.kind is FollowUpKind.LATE_PAYMENT_CALL]
    assert line.detail == task.detail and line.agreement_id == agreement
    assert "talk" in line.script or "work out" in line.script
