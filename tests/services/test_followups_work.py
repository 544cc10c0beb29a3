"""Working a follow-up: one unit of work writes the contact log, closes the task,
plans a call back, counts as a touch, and "stop contacting" takes the customer out
of marketing and the mailing list. Also the board and the toolbar count."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from lto_desk.domain.followups import FollowUpKind, Outcome
from lto_desk.services import contacts, customers, departures, follow_up_tasks, followups, mailing, payments, relationship
from lto_desk.services.base import unit_of_work
from lto_desk.services.integrity import verify
from lto_desk.store.models import ContactLog, Customer, FollowUp, JournalRow

OPENED = dt.date(2025, 1, 6)


def the_task() -> FollowUp:
    return FollowUp.get(FollowUp.kind == FollowUpKind.THANK_YOU_LETTER.value)


def test_working_a_task_writes_the_contact_log_in_the_same_journal_row(clerk, agreement):
    task = the_task()
    at = dt.datetime(2025, 1, 7, 11, 15)
    worked = followups.work_follow_up(clerk, task.id, Outcome.REACHED, "  Thanked her;  loves the Accord ", at=at)
    task = FollowUp.get_by_id(task.id)
    assert task.status == "done" and task.outcome == "reached" and task.note == "Thanked her; loves the Accord"
    assert task.done_by_id == clerk.id and task.done_at == at
    [line] = contacts.contact_log(clerk, task.customer_id)
    assert (line.at, line.clerk, line.channel_label, line.outcome_label) == (at, "Carla Clerk", "Phone call", "Reached")
    assert line.note == "Thanked her; loves the Accord" and line.follow_up_label == "Send the thank-you letter"
    assert worked.contact_id == line.id and worked.call_back_id is None and not worked.contact_stopped
    assert Customer.get_by_id(task.customer_id).last_touch_at == at
    row = JournalRow.select().order_by(JournalRow.id.desc()).get()
    assert row.action == "work_follow_up" and '"contact_log"' in row.changes and '"follow_up"' in row.changes
    assert worked.code and verify().ok


def test_call_back_on_needs_a_day_from_tomorrow_and_makes_a_task_then(clerk, agreement):
    task = the_task()
    at = dt.datetime(2025, 1, 7, 11, 0)
    before = JournalRow.select().count()
    with pytest.raises(InvalidInput, match="day they asked to be called back"):
        followups.work_follow_up(clerk, task.id, "call_back", at=at)
    with pytest.raises(InvalidInput, match="tomorrow or later"):
        followups.work_follow_up(clerk, task.id, "call_back", call_back_on=at.date(), at=at)
    with pytest.raises(InvalidInput, match="more than a year"):
        followups.work_follow_up(clerk, task.id, "call_back", call_back_on=dt.date(2026, 3, 1), at=at)
    with pytest.raises(InvalidInput, match="takes no call-back day"):
        followups.work_follow_up(clerk, task.id, "not_interested", call_back_on=dt.date(2025, 1, 9), at=at)
    with pytest.raises(InvalidInput, match="how it went"):
        followups.work_follow_up(clerk, task.id, "maybe", at=at)
    with pytest.raises(InvalidInput, match="how the contact was made"):
        followups.work_follow_up(clerk, task.id, "reached", channel="pigeon", at=at)
    assert JournalRow.select().count() == before and FollowUp.get_by_id(task.id).status == "open"
    assert ContactLog.select().count() == 0

    worked = followups.work_follow_up(clerk, task.id, "call_back", "at work till 5", call_back_on=dt.date(2025, 1, 9), at=at)
    call_back = FollowUp.get_by_id(worked.call_back_id)
    assert call_back.kind == "call_back" and call_back.due_on == dt.date(2025, 1, 9) and call_back.status == "open"
    assert call_back.detail == "They asked us to call back on Thu Jan 9: at work till 5"
    assert call_back.source_key == f"call_back:contact_log:{worked.contact_id}"
    assert contacts.contact_log(clerk, task.customer_id)[0].call_back_on == dt.date(2025, 1, 9)
    assert verify().ok


def test_no_answer_keeps_nothing_open_and_is_not_a_touch_unless_a_day_is_given(clerk, agreement):
    task = the_task()
    at = dt.datetime(2025, 1, 7, 9, 0)
    cid = task.customer_id
    touched = Customer.get_by_id(cid).last_touch_at
    followups.work_follow_up(clerk, task.id, Outcome.NO_ANSWER, at=at)
    assert Customer.get_by_id(cid).last_touch_at == touched  # nobody was reached
    assert followups.open_follow_ups(clerk, at.date(), customer_id=cid) == []
    assert contacts.contact_log(clerk, cid)[0].outcome_label == "No answer"


def test_left_message_with_a_day_to_try_again(clerk, agreement):
    task = the_task()
    at = dt.datetime(2025, 1, 7, 9, 0)
    worked = followups.work_follow_up(clerk, task.id, "left_message", call_back_on=dt.date(2025, 1, 8), at=at)
    [line] = followups.open_follow_ups(clerk, dt.date(2025, 1, 8), customer_id=task.customer_id)
    assert line.id == worked.call_back_id and line.kind is FollowUpKind.CALL_BACK
    assert Customer.get_by_id(task.customer_id).last_touch_at == at


def test_a_task_already_done_is_refused_and_nothing_changes(clerk, agreement):
    task = the_task()
    at = dt.datetime(2025, 1, 7, 9, 0)
    followups.work_follow_up(clerk, task.id, "reached", at=at)
    rows = JournalRow.select().count()
    with pytest.raises(Refused, match="already done"):
        followups.work_follow_up(clerk, task.id, "reached", at=at)
    with pytest.raises(NotFound, match="no follow-up number 999"):
        followups.work_follow_up(clerk, 999, "reached", at=at)
    with pytest.raises(NotAllowed, match="log in"):
        followups.work_follow_up(None, task.id, "reached", at=at)
    assert JournalRow.select().count() == rows and ContactLog.select().count() == 1


def test_a_payment_visit_counts_as_a_touch(clerk, agreement):
    cid = the_task().customer_id
    at = dt.datetime(2025, 1, 13, 16, 45)
    payments.take_payment(clerk, agreement, 7693, at=at)
    assert Customer.get_by_id(cid).last_touch_at == at
    row = JournalRow.select().where(JournalRow.action == "take_payment").get()
    assert "last_touch_at" in row.changes


# --- stop contacting ------------------------------------------------------------


def _consenting(owner, at, **kw) -> int:
    new = customers.NewCustomer(
        "Inés", "Peña", address1="12 Oak St", city="Montgomery", state="AL", postal_code="36104",
        birthday=dt.date(1975, 1, 20), mailing_consent=True, **kw,
    )
    return customers.add_customer(owner, new, at=at)


def test_stop_contacting_removes_the_customer_from_mailing_and_future_marketing(owner, clerk, agreement):
    at = dt.datetime(2025, 1, 14, 9)
    cid = _consenting(owner, at)
    assert [r.name for r in mailing.mailing_list(owner)] == ["Inés Peña"]
    followups.regenerate_follow_ups(owner, dt.date(2025, 1, 14), at=at)
    [birthday] = followups.open_follow_ups(owner, dt.date(2025, 1, 14), customer_id=cid)
    assert birthday.kind is FollowUpKind.BIRTHDAY
    with unit_of_work(clerk, "check_in", at) as work:  # another marketing task, open
        follow_up_tasks.schedule_follow_up(
            work, customer_id=cid, agreement_id=None, kind=FollowUpKind.RETURN_CHECK_IN, due_on=dt.date(2025, 2, 1),
            source_key=f"test:customer:{cid}", at=at,
        )
    with unit_of_work(clerk, "a_call", at) as work:  # a call back is service, not marketing: it stays
        follow_up_tasks.schedule_follow_up(
            work, customer_id=cid, agreement_id=None, kind=FollowUpKind.CALL_BACK, due_on=dt.date(2025, 1, 16),
            source_key=f"test:call:{cid}", at=at,
        )

    when = dt.datetime(2025, 1, 15, 10)
    worked = followups.work_follow_up(clerk, birthday.id, Outcome.STOP_CONTACTING, "please no more calls", at=when)
    assert worked.contact_stopped and worked.cancelled == 1
    c = Customer.get_by_id(cid)
    assert c.contact_stopped_on == when.date() and c.opted_out_on == when.date() and not c.mailing_consent
    assert FollowUp.get_by_id(birthday.id).status == "done" and FollowUp.get_by_id(birthday.id).outcome == "stop_contacting"
    assert [t.kind for t in followups.open_follow_ups(owner, when.date(), customer_id=cid)] == [FollowUpKind.CALL_BACK]
    assert mailing.mailing_list(owner) == []
    assert contacts.contact_status(owner, cid).stopped_on == when.date()

    # Next year's birthday, a departure check-in, anything marketing: never made again.
    followups.regenerate_follow_ups(owner, dt.date(2026, 1, 15), at=dt.datetime(2026, 1, 15, 8))
    assert [t.kind for t in followups.open_follow_ups(owner, dt.date(2026, 1, 15), customer_id=cid)] == [FollowUpKind.CALL_BACK]
    with unit_of_work(clerk, "check_in", at) as work:
        assert follow_up_tasks.schedule_follow_up(
            work, customer_id=cid, agreement_id=None, kind=FollowUpKind.PAYOFF_NEXT_CAR, due_on=dt.date(2026, 3, 1),
            source_key=f"test:payoff:{cid}", at=at,
        ) is None
    # Consent given again does not put them back while "stop contacting" stands.
    relationship.set_mailing_consent(clerk, cid, True, at=dt.datetime(2026, 1, 16, 9))
    assert mailing.mailing_list(owner) == []
    assert verify().ok


def test_stop_and_resume_contacting_from_the_card(owner, clerk, database):
    at = dt.datetime(2025, 1, 14, 9)
    cid = _consenting(owner, at)
    followups.regenerate_follow_ups(owner, dt.date(2025, 1, 14), at=at)
    assert contacts.stop_contacting(clerk, cid, "asked at the counter", at=at) == 1  # the birthday task
    with pytest.raises(Refused, match="already asked us to stop contacting them on January 14, 2025"):
        contacts.stop_contacting(clerk, cid, at=at)
    [line] = contacts.contact_log(owner, cid)
    assert line.outcome_label == "Stop contacting" and line.channel_label == "Visit" and line.follow_up_label == ""
    later = dt.datetime(2025, 6, 1, 9)
    contacts.resume_contacting(clerk, cid, "changed her mind", at=later)
    assert contacts.contact_status(owner, cid).stopped_on is None
    assert contacts.contact_log(owner, cid)[0].note == "They said we may contact them again. changed her mind"
    assert mailing.mailing_list(owner) == []  # mail needs consent again
    relationship.set_mailing_consent(clerk, cid, True, at=later)
    assert [r.name for r in mailing.mailing_list(owner)] == ["Inés Peña"]
    assert followups.regenerate_follow_ups(owner, dt.date(2026, 1, 14), at=dt.datetime(2026, 1, 14, 8)) == 1
    with pytest.raises(Refused, match="has not asked"):
        contacts.resume_contacting(clerk, cid, at=later)
    assert verify().ok


def test_log_contact_without_a_task(clerk, agreement):
    cid = the_task().customer_id
    at = dt.datetime(2025, 1, 9, 14)
    log_id = contacts.log_contact(clerk, cid, "text", "reached", "sent photos of the SUV", at=at)
    [line] = contacts.contact_log(clerk, cid)
    assert line.id == log_id and line.channel_label == "Text message" and line.follow_up_label == ""
    assert Customer.get_by_id(cid).last_touch_at == at
    contacts.log_contact(clerk, cid, "call", "call_back", call_back_on=dt.date(2025, 1, 10), at=at + dt.timedelta(hours=1))
    assert [l.outcome_label for l in contacts.contact_log(clerk, cid)] == ["Call back on…", "Reached"]
    assert any(l.kind is FollowUpKind.CALL_BACK for l in followups.open_follow_ups(clerk, at.date(), customer_id=cid))
    with pytest.raises(NotFound):
        contacts.log_contact(clerk, 999, "call", "reached", at=at)
    with pytest.raises(NotFound):
        contacts.contact_log(clerk, 999)
    assert verify().ok


# --- a manager's task -----------------------------------------------------------------


def test_a_win_back_task_is_for_a_manager(clerk, manager, agreement):
    cid = the_task().customer_id
    at = dt.datetime(2025, 1, 20, 10)
    departures.record_departure(clerk, cid, departures.DepartureInput(False, "payment", where_bought="Hyundai of Prattville"), at=at)
    [win_back] = [l for l in followups.open_follow_ups(manager, at.date(), customer_id=cid) if l.kind is FollowUpKind.WIN_BACK]
    assert win_back.for_manager and win_back.due_on == at.date()
    with pytest.raises(NotAllowed, match="manager's task"):
        followups.work_follow_up(clerk, win_back.id, "reached", at=at)
    assert FollowUp.get_by_id(win_back.id).status == "open" and ContactLog.select().count() == 0
    followups.work_follow_up(manager, win_back.id, "not_interested", "went with the lower payment", at=at)
    assert FollowUp.get_by_id(win_back.id).status == "done"
    assert verify().ok


# --- the board ------------------------------------------------------------------------


def test_the_board_splits_overdue_today_and_upcoming_and_counts_what_is_due(owner, clerk, agreement):
    at = dt.datetime(2025, 1, 6, 12)
    cid = customers.add_customer(
        owner, customers.NewCustomer("José", "Núñez", preferred_name="Pepe", language="es", phone="334-555-0100"), at=at
    )
    with unit_of_work(owner, "tasks", at) as work:
        for n, due in enumerate([dt.date(2025, 1, 9), dt.date(2025, 1, 10), dt.date(2025, 1, 17), dt.date(2025, 1, 18)]):
            follow_up_tasks.schedule_follow_up(
                work, customer_id=cid, agreement_id=None, kind=FollowUpKind.CALL_BACK, due_on=due,
                source_key=f"test:{n}", at=at, detail=f"task {n}",
            )
    board = followups.follow_up_board(owner, dt.date(2025, 1, 10))
    assert [l.detail for l in board.overdue] == ["", "task 0"]  # the thank-you letter (Jan 6), then Jan 9
    assert [l.detail for l in board.today] == ["task 1"] and [l.detail for l in board.upcoming] == ["task 2"]
    assert {l.bucket for l in board.overdue} == {"overdue"} and board.today[0].bucket == "today"
    assert board.due_count == followups.due_count(owner, dt.date(2025, 1, 10)) == 3
    pepe = board.today[0]
    assert pepe.language == "es" and pepe.phone == "(334) 555-0100" and pepe.script.startswith('"Hola Pepe,')
    assert pepe.customer_name == "Pepe Núñez" and not pepe.for_manager
    assert len(followups.follow_up_board(owner, dt.date(2025, 1, 10), upcoming_days=8).upcoming) == 2
    assert followups.follow_up_line(owner, pepe.id, dt.date(2025, 1, 11)).bucket == "overdue"


def test_every_script_is_kind_in_both_languages():
    threats = ("repossess", "repo ", "tow", "legal", "collection", "consequence", "must pay", "final notice",
               "recuperar", "grúa", "abogado", "cobranza", "consecuencia")
    for kind in FollowUpKind:
        for language in ("en", "es"):
            text = kind.script(language, "Ana").lower()
            assert "ana" in text and not any(word in text for word in threats), (kind, language)
    assert "sorry i missed you" in FollowUpKind.MISSED_APPOINTMENT.script("en", "Ana").lower()
    assert "siento no haberle visto" in FollowUpKind.MISSED_APPOINTMENT.script("es", "Ana").lower()
    assert [o.label for o in Outcome] == [
        "Reached", "Left a message", "No answer", "Call back on…", "Not interested", "Bought elsewhere",
        "Stop contacting",
    ]
    marketing = {k.value for k in FollowUpKind if k.marketing}
    assert marketing == {"payoff_next_car", "return_check_in", "birthday", "bought_elsewhere", "win_back"}
