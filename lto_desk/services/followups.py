"""Follow-up tasks: made by events (or found by ``regenerate_follow_ups``), listed, worked.

Each task carries the ``source_key`` of the event that made it (unique), so
running an event's code again never makes a second task: ``schedule_follow_up``
then returns None. ``regenerate_follow_ups(actor, today)`` looks at the current state
(late installments, promise days, birthdays, open complaints, missed
appointments) and makes only the tasks still missing; run twice, it makes nothing.

A payoff that a void undoes cancels its open payoff task; a second payoff of the
same agreement *reopens that same task* (same source key, new due date) rather
than making another — see ``payoff_follow_up`` and ``cancel_follow_up``.

Marketing tasks (next car, check-ins, birthdays, win-backs) are never made for a
customer who asked us to stop contacting them (``Customer.contact_stopped_on``).

Working a task (``work_follow_up``) is one unit of work: a contact-log row, the
task closed with its outcome, a call-back task when one was asked for, the
customer's last touch, and for "stop contacting" the opt-out and the
cancellation of their open marketing tasks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ..domain.contacts import AppointmentStatus, ComplaintStatus, ContactChannel
from ..domain.dates import birthday_in
from ..domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from ..domain.followups import (
    COMPLAINT_REPEAT_DAYS,
    FollowUpKind,
    FollowUpStatus,
    Outcome,
    source_key as key_for,
)
from ..domain.ledger import EntryKind, Status
from ..domain.money import format_money
from ..domain.phone import display_phone
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import (
    Agreement,
    Appointment,
    Complaint,
    Customer,
    FollowUp,
    Installment,
    LedgerEntry,
    Promise,
)
from .base import Actor, UnitOfWork, require_role, required_text, unit_of_work
from .customers import touch
from .follow_up_tasks import (
    contact_stopped,
    cancel_task,
    check_contact,
    clean_note,
    complaint_follow_up,
    day_words,
    missed_appointment_follow_up,
    parse_channel,
    parse_outcome,
    schedule_follow_up,
    write_contact,
)
from .ledger import live_payments


@dataclass(frozen=True)
class FollowUpLine:
    """One open task as a list shows it.

    Attributes:
      id: the task's row. customer_id / customer_name: who to reach (display name).
      agreement_id: the agreement it is about (None when none).
      kind: what sort of task; kind_label: its name in words.
      due_on: the day it is due; overdue: due before ``today``.
      script: suggested words in the customer's language.
      detail: what the task is about in one line ("Installment 12 ($95.00) is 8 days late"), or ''.
      for_manager: only a manager (or owner) may work it.
      language: the customer's language ("en" / "es"); phone: their main phone, for display.
      bucket: "overdue", "today" or "upcoming" (against the ``today`` it was listed for).
    """

    id: int
    customer_id: int
    customer_name: str
    agreement_id: int | None
    kind: FollowUpKind
    kind_label: str
    due_on: dt.date
    overdue: bool
    script: str
    detail: str = ""
    for_manager: bool = False
    language: str = "en"
    phone: str = ""
    bucket: str = "today"


@dataclass(frozen=True)
class FollowUpBoard:
    """The follow-up list: open tasks overdue, due today, and due in the next days (soonest first)."""

    overdue: tuple[FollowUpLine, ...]
    today: tuple[FollowUpLine, ...]
    upcoming: tuple[FollowUpLine, ...]

    @property
    def due_count(self) -> int:
        """What the toolbar shows: overdue plus today."""
        return len(self.overdue) + len(self.today)


@dataclass(frozen=True)
class WorkedFollowUp:
    """What working a task did.

    Attributes:
      follow_up_id: the task closed. customer_id: whose it was.
      contact_id: the contact-log row written. outcome: how it went.
      call_back_id: the call-back task made (None when none was asked for).
      contact_stopped: the customer asked us to stop contacting them.
      cancelled: how many of their open marketing tasks were cancelled because of that.
      code: the journal row's short code.
    """

    follow_up_id: int
    customer_id: int
    contact_id: int
    outcome: Outcome
    call_back_id: int | None
    contact_stopped: bool
    cancelled: int
    code: str


# ----------------------------------------------------------------------------- lists


def _line(task: FollowUp, customer: Customer, today: dt.date) -> FollowUpLine:
    kind = FollowUpKind(task.kind)
    bucket = "overdue" if task.due_on < today else ("today" if task.due_on == today else "upcoming")
    return FollowUpLine(
        id=task.id,
        customer_id=customer.id,
        customer_name=customer.display_name,
        agreement_id=task.agreement_id,
        kind=kind,
        kind_label=kind.label,
        due_on=task.due_on,
        overdue=task.due_on < today,
        script=kind.script(customer.language, customer.preferred_name or customer.first_name),
        detail=task.detail or "",
        for_manager=bool(task.for_manager),
        language=customer.language,
        phone=display_phone(customer.phone),
        bucket=bucket,
    )


def _open_query():
    return (
        FollowUp.select(FollowUp, Customer)
        .join(Customer)
        .where(FollowUp.status == FollowUpStatus.OPEN.value)
        .order_by(FollowUp.due_on, FollowUp.id)
    )


def open_follow_ups(actor: Actor, today: dt.date, *, customer_id: int | None = None) -> list[FollowUpLine]:
    """Open tasks, soonest due first (overdue ones first of all)."""
    require_role(actor, Role.CLERK, "see the follow-up list")
    query = _open_query()
    if customer_id is not None:
        query = query.where(FollowUp.customer == customer_id)
    return [_line(task, task.customer, today) for task in query]


def follow_up_board(actor: Actor, today: dt.date, *, upcoming_days: int = 7) -> FollowUpBoard:
    """Open tasks in three lists: overdue, due ``today``, and due in the next ``upcoming_days`` days."""
    require_role(actor, Role.CLERK, "see the follow-up list")
    if upcoming_days < 0:
        raise InvalidInput("The number of days ahead cannot be negative.")
    last = today + dt.timedelta(days=upcoming_days)
    lines = [_line(t, t.customer, today) for t in _open_query().where(FollowUp.due_on <= last)]
    return FollowUpBoard(
        overdue=tuple(l for l in lines if l.bucket == "overdue"),
        today=tuple(l for l in lines if l.bucket == "today"),
        upcoming=tuple(l for l in lines if l.bucket == "upcoming"),
    )


def due_count(actor: Actor, today: dt.date) -> int:
    """How many open tasks are due today or overdue (the toolbar's count)."""
    require_role(actor, Role.CLERK, "see how many follow-ups are due")
    return FollowUp.select().where(
        (FollowUp.status == FollowUpStatus.OPEN.value) & (FollowUp.due_on <= today)
    ).count()


def follow_up_line(actor: Actor, follow_up_id: int, today: dt.date) -> FollowUpLine:
    """One task (open or not) as a list shows it."""
    require_role(actor, Role.CLERK, "see a follow-up")
    task = FollowUp.select(FollowUp, Customer).join(Customer).where(FollowUp.id == follow_up_id).first()
    if task is None:
        raise NotFound(f"There is no follow-up number {follow_up_id}.")
    return _line(task, task.customer, today)


# ----------------------------------------------------------------------------- working a task


def _open_task(follow_up_id: int) -> FollowUp:
    task = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if task is None:
        raise NotFound(f"There is no follow-up number {follow_up_id}.")
    if task.status != FollowUpStatus.OPEN.value:
        raise Refused(
            f"This follow-up is already {FollowUpStatus(task.status).label.lower()}; nothing was changed."
        )
    return task


def _check_may_work(actor: Actor, task: FollowUp) -> None:
    require_role(actor, Role.CLERK, "work a follow-up")
    if task.for_manager and not actor.role.at_least(Role.MANAGER):
        raise NotAllowed(
            f"“{FollowUpKind(task.kind).label}” is a manager's task. Please ask a manager to make this call."
        )


def _close(work: UnitOfWork, task: FollowUp, actor: Actor, outcome: str, note: str, at: dt.datetime) -> None:
    before = work.before(task)
    task.status = FollowUpStatus.DONE.value
    task.done_at = at
    task.done_by = actor.id
    task.outcome = outcome
    task.note = note
    task.save(only=[FollowUp.status, FollowUp.done_at, FollowUp.done_by, FollowUp.outcome, FollowUp.note])
    work.updated(task, before)


def work_follow_up(
    actor: Actor, follow_up_id: int, outcome: Outcome | str, note: str = "", *,
    call_back_on: dt.date | None = None, channel: ContactChannel | str = "call", at: dt.datetime | None = None,
) -> WorkedFollowUp:
    """Record how a task went (any clerk; a manager's task needs a manager), in one unit of work.

    Writes the contact-log row and closes the task with the outcome. "Call back
    on…" needs a day (tomorrow or later) and makes a call-back task due then; with
    "no answer", "left a message" or "reached" a call-back day is optional (try
    again then), otherwise nothing stays open. Any outcome but "no answer" counts
    as a touch. "Stop contacting" records the day, takes the customer off the
    mailing list and cancels their other open marketing tasks. A task already
    done or cancelled is refused and nothing changes."""
    require_role(actor, Role.CLERK, "work a follow-up")
    outcome = parse_outcome(outcome)
    channel = parse_channel(channel)
    note = clean_note(note)
    at = at or clock()
    call_back_on = check_contact(outcome, call_back_on, at.date())
    task = _open_task(follow_up_id)
    _check_may_work(actor, task)
    with unit_of_work(actor, "work_follow_up", at) as work:
        task = _open_task(follow_up_id)  # again, inside the transaction
        customer = Customer.get_by_id(task.customer_id)
        _close(work, task, actor, outcome.value, note, at)
        log, call_back, cancelled = write_contact(
            work, customer=customer, actor=actor, channel=channel, outcome=outcome, note=note, at=at,
            follow_up_id=task.id, call_back_on=call_back_on,
        )
    return WorkedFollowUp(
        follow_up_id=task.id, customer_id=customer.id, contact_id=log.id, outcome=outcome,
        call_back_id=call_back.id if call_back is not None else None,
        contact_stopped=outcome is Outcome.STOP_CONTACTING, cancelled=cancelled, code=work.code,
    )


def complete_follow_up(
    actor: Actor, follow_up_id: int, outcome: str, note: str = "", *, at: dt.datetime | None = None,
) -> FollowUpLine:
    """Mark a task done with a typed outcome and a note (any clerk); it counts as a touch.
    (``work_follow_up`` is the full way: it also writes the contact log.)"""
    require_role(actor, Role.CLERK, "complete a follow-up")
    outcome = required_text(outcome, "the outcome of the follow-up", maximum=200)
    note = clean_note(note)
    at = at or clock()
    task = _open_task(follow_up_id)
    _check_may_work(actor, task)
    with unit_of_work(actor, "complete_follow_up", at) as work:
        task = _open_task(follow_up_id)
        _close(work, task, actor, outcome, note, at)
        customer = Customer.get_by_id(task.customer_id)
        touch(work, customer, at)
    return _line(task, customer, at.date())


# ----------------------------------------------------------------------------- regenerating


def regenerate_follow_ups(actor: Actor, today: dt.date, *, at: dt.datetime | None = None) -> int:
    """Make every task the current state calls for and that is still missing; return how many.

    Running it twice makes nothing new (each task's source key is unique). Looks at:
    late installments (a friendly call, due the day it is found, once the oldest
    unpaid one is ``late_call_days`` late; one task per agreement and installment;
    none while a promise to pay is pending or only just due), promise days
    reached and not kept, birthdays this week (today and the next 6 days),
    complaints still open (one open task at a time, the next due 7 days after the
    last was done) and appointments marked missed. It also cancels open tasks
    that no longer apply: a late call whose installment is now paid (or whose
    agreement closed), a promise that was kept, marketing tasks of a customer who
    asked us to stop contacting them. Journaled as one row when anything changed, under
    ``actor``: the clerk whose log-in made the day's list (any clerk's first log-in of
    the day does; nobody logged in makes nothing)."""
    from .settings import load_settings

    require_role(actor, Role.CLERK, "make the day's follow-ups")

    if not isinstance(today, dt.date) or isinstance(today, dt.datetime):
        raise InvalidInput("Regenerating follow-ups needs a day.")
    at = at or clock()
    late_days = load_settings().late_call_days
    with unit_of_work(actor, "regenerate_follow_ups", at) as work:
        made = 0
        made += _late_payment_tasks(work, today, late_days, at)
        made += _promise_tasks(work, today, at)
        made += _birthday_tasks(work, today, at)
        made += _complaint_tasks(work, today, at)
        made += _missed_appointment_tasks(work, at)
        _cancel_stopped_marketing(work)
    return made


def _open_tasks_of(kind: FollowUpKind) -> list[FollowUp]:
    return list(FollowUp.select().where(
        (FollowUp.kind == kind.value) & (FollowUp.status == FollowUpStatus.OPEN.value)
    ))


def _late_payment_tasks(work: UnitOfWork, today: dt.date, late_days: int, at: dt.datetime) -> int:
    from .outlooks import outlooks

    kind = FollowUpKind.LATE_PAYMENT_CALL
    cutoff = today - dt.timedelta(days=late_days)
    # The oldest unpaid installment is the one after those paid in full, less what is
    # paid toward it (both cached on the agreement): no replay, however big the lot.
    candidates = list(
        Agreement.select(Agreement.id, Agreement.customer, Agreement.installments_paid, Agreement.paid_toward_next,
                         Installment.due_date, Installment.amount)
        .join(Installment, on=(
            (Installment.agreement == Agreement.id) & (Installment.number == Agreement.installments_paid + 1)
        ))
        .where((Agreement.status == Status.ACTIVE.value) & (Installment.due_date <= cutoff))
        .order_by(Agreement.id)
        .tuples()
    )
    seen = outlooks(today, [row[0] for row in candidates])
    promised = _promises_holding_back(today, late_days)
    wanted: set[str] = set()
    made = 0
    for agreement_id, customer_id, paid, toward_next, due, amount in candidates:
        if agreement_id in promised:
            continue  # they told us when they will pay: the promise day makes its own task
        number, owed = paid + 1, amount - toward_next
        key = key_for(kind, "installment", f"{agreement_id}-{number}")
        wanted.add(key)
        # Dated, not "n days late": the words stay true while the task waits.
        detail = f"Installment {number} ({format_money(owed)}) was due {day_words(due)}"
        if seen[agreement_id].past_due > owed:
            detail += f"; {format_money(seen[agreement_id].past_due)} past due in all"
        if schedule_follow_up(
            work, customer_id=customer_id, agreement_id=agreement_id, kind=kind,
            due_on=today, source_key=key, at=at, detail=detail + ".",
        ) or _reopen(work, key, today, detail + "."):
            made += 1
    for task in _open_tasks_of(kind):
        if task.source_key not in wanted:
            cancel_task(work, task)  # paid since, the agreement closed, or a promise to pay was made
    return made


def _reopen(work: UnitOfWork, source_key: str, due_on: dt.date, detail: str) -> FollowUp | None:
    """Open again a task its event had cancelled (a late call held back by a promise
    that was then not kept), due ``due_on``."""
    task = FollowUp.get_or_none(
        (FollowUp.source_key == source_key) & (FollowUp.status == FollowUpStatus.CANCELLED.value)
    )
    if task is None or (FollowUpKind(task.kind).marketing and contact_stopped(task.customer_id)):
        return None
    before = work.before(task)
    task.status = FollowUpStatus.OPEN.value
    task.due_on = due_on
    task.detail = detail
    task.save(only=[FollowUp.status, FollowUp.due_on, FollowUp.detail])
    work.updated(task, before)
    return task


def _promises_holding_back(today: dt.date, late_days: int) -> set[int]:
    """Agreements with a promise to pay whose day is ahead or only just passed: no late call for them."""
    since = today - dt.timedelta(days=late_days)
    return {
        aid for (aid,) in Promise.select(Promise.agreement).where(Promise.promised_on > since).tuples()
    }


def _paid_between(agreement_id: int, since: dt.datetime, until: dt.date) -> int:
    """Live payments posted on the agreement from ``since`` through the day ``until``."""
    return int(
        LedgerEntry.select(fn.COALESCE(fn.SUM(LedgerEntry.amount), 0))
        .where(
            (LedgerEntry.agreement == agreement_id) & (LedgerEntry.kind == EntryKind.PAYMENT.value)
            & (LedgerEntry.created_at >= since) & (LedgerEntry.entry_date <= until) & live_payments()
        ).scalar()
    )


def _promise_kept(promise: Promise, as_of: dt.date) -> bool:
    """Paid at least the promised amount between making the promise and its day."""
    return _paid_between(promise.agreement_id, promise.created_at, min(as_of, promise.promised_on)) >= promise.amount


def _promise_tasks(work: UnitOfWork, today: dt.date, at: dt.datetime) -> int:
    kind = FollowUpKind.PROMISE_DUE
    made = 0
    rows = (
        Promise.select(Promise, Agreement)
        .join(Agreement)
        .where((Promise.promised_on <= today) & (Agreement.status == Status.ACTIVE.value))
        .order_by(Promise.id)
    )
    for promise in rows:
        key = key_for(kind, "promise", promise.id)
        if FollowUp.select().where(FollowUp.source_key == key).exists() or _promise_kept(promise, today):
            continue
        detail = f"Promised {format_money(promise.amount)} by {day_words(promise.promised_on)}"
        if promise.note:
            detail += f" ({promise.note.rstrip('.')})"
        if schedule_follow_up(
            work, customer_id=promise.agreement.customer_id, agreement_id=promise.agreement.id, kind=kind,
            due_on=promise.promised_on, source_key=key, at=at, detail=detail + ".",
        ):
            made += 1
    for task in _open_tasks_of(kind):
        promise = Promise.get_or_none(Promise.id == int(task.source_key.rsplit(":", 1)[1]))
        if promise is None or promise.agreement.status != Status.ACTIVE.value or _promise_kept(promise, today):
            cancel_task(work, task)
    return made


def _birthday_tasks(work: UnitOfWork, today: dt.date, at: dt.datetime) -> int:
    kind = FollowUpKind.BIRTHDAY
    last = today + dt.timedelta(days=6)
    made = 0
    rows = Customer.select(Customer.id, Customer.birthday).where(
        Customer.birthday.is_null(False) & Customer.contact_stopped_on.is_null(True)
    ).tuples()
    for customer_id, birthday in rows:
        for year in {today.year, last.year}:
            day = birthday_in(birthday, year)
            if today <= day <= last:
                age = year - birthday.year
                if schedule_follow_up(
                    work, customer_id=customer_id, agreement_id=None, kind=kind, due_on=day,
                    source_key=key_for(kind, "customer", f"{customer_id}-{year}"), at=at,
                    detail=f"Birthday on {day_words(day, weekday='%A')}" + (f" (turns {age})" if 16 <= age <= 110 else "") + ".",
                ):
                    made += 1
    return made


def _complaint_tasks(work: UnitOfWork, today: dt.date, at: dt.datetime) -> int:
    made = 0
    open_statuses = [s.value for s in ComplaintStatus if s.is_open]
    for complaint in Complaint.select().where(Complaint.status.in_(open_statuses)).order_by(Complaint.id):
        tasks = list(FollowUp.select().where(FollowUp.complaint == complaint.id).order_by(FollowUp.id))
        if any(t.status == FollowUpStatus.OPEN.value for t in tasks):
            continue
        if tasks:
            last = tasks[-1]
            after = last.done_at.date() if last.done_at else max(last.due_on, today)
            due_on = after + dt.timedelta(days=COMPLAINT_REPEAT_DAYS)
        else:
            due_on = FollowUpKind.OPEN_COMPLAINT.due_after(complaint.reported_on)
        if complaint_follow_up(work, complaint, due_on, len(tasks) + 1, at):
            made += 1
    return made


def _missed_appointment_tasks(work: UnitOfWork, at: dt.datetime) -> int:
    made = 0
    rows = (
        Appointment.select()
        .where(Appointment.status == AppointmentStatus.MISSED.value)
        .where(~Appointment.id.in_(
            FollowUp.select(FollowUp.appointment).where(FollowUp.appointment.is_null(False))
        ))
    )
    for appointment in rows:
        marked_on = appointment.marked_at.date() if appointment.marked_at else at.date()
        if missed_appointment_follow_up(work, appointment, at, marked_on=marked_on):
            made += 1
    return made


def _cancel_stopped_marketing(work: UnitOfWork) -> None:
    marketing = [k.value for k in FollowUpKind if k.marketing]
    stopped = (
        FollowUp.select().join(Customer)
        .where(
            (FollowUp.status == FollowUpStatus.OPEN.value) & FollowUp.kind.in_(marketing)
            & Customer.contact_stopped_on.is_null(False)
        )
    )
    for task in stopped:
        cancel_task(work, task)
