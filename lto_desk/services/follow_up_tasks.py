"""Follow-up tasks made and cancelled inside a use case's unit of work: the events'
tasks (thank-you, payoff, return, complaint, missed appointment), each written once
per source key, a contact written to the log, and the checks a task's answers pass.

The lists, working a task and ``regenerate_follow_ups`` are in :mod:`.followups`.
"""

from __future__ import annotations

import datetime as dt

from ..domain.choices import parse_choice
from ..domain.contacts import (
    AppointmentPurpose,
    ComplaintSeverity,
    ComplaintStatus,
    ContactChannel,
)
from ..domain.errors import InvalidInput
from ..domain.followups import (
    FollowUpKind,
    FollowUpStatus,
    Outcome,
    source_key as key_for,
)
from ..domain.text import quoted
from ..store.models import (
    Agreement,
    Appointment,
    Complaint,
    ContactLog,
    Customer,
    FollowUp,
)
from .base import Actor, UnitOfWork, optional_text
from .customers import touch

#: How far ahead a "call back on…" date may be.
CALL_BACK_MAX_DAYS = 365
NOTE_MAX = 2000


def _kind(kind: FollowUpKind | str) -> FollowUpKind:
    try:
        return FollowUpKind(kind)
    except ValueError:
        raise InvalidInput(f"“{quoted(str(kind))}” is not a kind of follow-up.") from None


def parse_outcome(outcome: Outcome | str) -> Outcome:
    return parse_choice(Outcome, outcome, "Please choose how it went")


def parse_channel(channel: ContactChannel | str) -> ContactChannel:
    return parse_choice(ContactChannel, channel, "Please choose how the contact was made")


def clean_note(note: str | None, what: str = "The note") -> str:
    return optional_text(note, what, maximum=NOTE_MAX)


def check_call_back_on(call_back_on: dt.date | None, today: dt.date) -> dt.date | None:
    """A call-back day: tomorrow at the earliest, within a year."""
    if call_back_on is None:
        return None
    if not isinstance(call_back_on, dt.date) or isinstance(call_back_on, dt.datetime):
        raise InvalidInput("Please choose the day to call back.")
    if call_back_on <= today:
        raise InvalidInput("The call-back day must be tomorrow or later.")
    if call_back_on > today + dt.timedelta(days=CALL_BACK_MAX_DAYS):
        raise InvalidInput("The call-back day is more than a year away; please choose a nearer day.")
    return call_back_on


def day_words(day: dt.date, *, weekday: str = "%a") -> str:
    """"Tue Mar 4" (no leading zero, on every platform)."""
    return f"{day.strftime(weekday)} {day:%b} {day.day}"


def time_words(at: dt.datetime) -> str:
    """"2:30 PM"."""
    return f"{at.hour % 12 or 12}:{at:%M} {'AM' if at.hour < 12 else 'PM'}"


def contact_stopped(customer_id: int) -> bool:
    row = Customer.select(Customer.contact_stopped_on).where(Customer.id == customer_id).first()
    return row is not None and row.contact_stopped_on is not None


def schedule_follow_up(
    work: UnitOfWork, *, customer_id: int, agreement_id: int | None, kind: FollowUpKind | str, due_on: dt.date,
    source_key: str, at: dt.datetime, detail: str = "", appointment_id: int | None = None,
    complaint_id: int | None = None,
) -> FollowUp | None:
    """Store a task inside ``work`` (an open unit of work). Returns None, and
    changes nothing, when a task for ``source_key`` already exists (whatever its
    status), or when the task is marketing and the customer asked us to stop contacting them."""
    kind = _kind(kind)
    source_key = str(source_key or "").strip()
    if not source_key:
        raise InvalidInput("A follow-up needs the key of the event that made it.")
    if not isinstance(due_on, dt.date) or isinstance(due_on, dt.datetime):
        raise InvalidInput("A follow-up needs a due date.")
    if FollowUp.select().where(FollowUp.source_key == source_key).exists():
        return None
    if kind.marketing and contact_stopped(customer_id):
        return None
    task = FollowUp.create(
        customer=customer_id, agreement=agreement_id, kind=kind.value, due_on=due_on,
        status=FollowUpStatus.OPEN.value, source_key=source_key, created_at=at, detail=" ".join(detail.split()),
        for_manager=kind.for_manager, appointment=appointment_id, complaint=complaint_id,
    )
    work.inserted(task)
    return task


def thank_you_follow_up(work: UnitOfWork, agreement: Agreement, at: dt.datetime) -> FollowUp | None:
    """A new agreement: send the thank-you letter today."""
    kind = FollowUpKind.THANK_YOU_LETTER
    return schedule_follow_up(
        work, customer_id=agreement.customer_id, agreement_id=agreement.id, kind=kind,
        due_on=kind.due_after(agreement.opened_on), source_key=key_for(kind, "agreement", agreement.id), at=at,
    )


def return_follow_up(work: UnitOfWork, agreement: Agreement, returned_on: dt.date, at: dt.datetime) -> FollowUp | None:
    """A vehicle return: check in 30 days later."""
    kind = FollowUpKind.RETURN_CHECK_IN
    return schedule_follow_up(
        work, customer_id=agreement.customer_id, agreement_id=agreement.id, kind=kind,
        due_on=kind.due_after(returned_on), source_key=key_for(kind, "agreement", agreement.id), at=at,
    )


def payoff_follow_up(work: UnitOfWork, agreement: Agreement, paid_off_on: dt.date, at: dt.datetime) -> FollowUp | None:
    """A payoff: ask about the household's next car and for referrals in 60 days.

    One task per agreement. If a void undid an earlier payoff (its task was
    cancelled), the same task is reopened with the new due date; a task already
    done stays done (that conversation happened). Returns the task made or
    reopened, else None."""
    kind = FollowUpKind.PAYOFF_NEXT_CAR
    key = key_for(kind, "agreement", agreement.id)
    due_on = kind.due_after(paid_off_on)
    made = schedule_follow_up(
        work, customer_id=agreement.customer_id, agreement_id=agreement.id, kind=kind,
        due_on=due_on, source_key=key, at=at,
    )
    if made is not None:
        return made
    task = FollowUp.get_or_none(FollowUp.source_key == key)
    if task is None or task.status != FollowUpStatus.CANCELLED.value or contact_stopped(task.customer_id):
        return None
    before = work.before(task)
    task.status = FollowUpStatus.OPEN.value
    task.due_on = due_on
    task.save(only=[FollowUp.status, FollowUp.due_on])
    work.updated(task, before)
    return task


def cancel_task(work: UnitOfWork, task: FollowUp) -> FollowUp:
    before = work.before(task)
    task.status = FollowUpStatus.CANCELLED.value
    task.save(only=[FollowUp.status])
    work.updated(task, before)
    return task


def cancel_follow_up(work: UnitOfWork, source_key: str) -> FollowUp | None:
    """Cancel the open task made by ``source_key`` (its event was undone), inside ``work``."""
    task = FollowUp.get_or_none(
        (FollowUp.source_key == source_key) & (FollowUp.status == FollowUpStatus.OPEN.value)
    )
    if task is None:
        return None
    return cancel_task(work, task)


def cancel_payoff_follow_up(work: UnitOfWork, agreement: Agreement) -> FollowUp | None:
    return cancel_follow_up(work, key_for(FollowUpKind.PAYOFF_NEXT_CAR, "agreement", agreement.id))


def cancel_marketing_follow_ups(work: UnitOfWork, customer_id: int, *, keep: int | None = None) -> int:
    """Cancel the customer's open marketing tasks (inside ``work``), except task ``keep``. Returns how many."""
    marketing = [k.value for k in FollowUpKind if k.marketing]
    query = FollowUp.select().where(
        (FollowUp.customer == customer_id) & (FollowUp.status == FollowUpStatus.OPEN.value)
        & FollowUp.kind.in_(marketing)
    )
    count = 0
    for task in query:
        if task.id != keep:
            cancel_task(work, task)
            count += 1
    return count


def stop_contacting_in(work: UnitOfWork, customer: Customer, on: dt.date, *, keep: int | None = None) -> int:
    """The customer asked us to stop contacting them (inside ``work``): record the day,
    take them off the mailing list (opt-out day), cancel their open marketing tasks.
    Returns how many tasks were cancelled."""
    before = work.before(customer)
    if customer.contact_stopped_on is None:
        customer.contact_stopped_on = on
    if customer.mailing_consent or customer.opted_out_on is None:
        customer.opted_out_on = on
    customer.mailing_consent = False
    customer.save(only=[Customer.contact_stopped_on, Customer.opted_out_on, Customer.mailing_consent])
    work.updated(customer, before)
    return cancel_marketing_follow_ups(work, customer.id, keep=keep)


def write_contact(
    work: UnitOfWork, *, customer: Customer, actor: Actor, channel: ContactChannel, outcome: Outcome, note: str,
    at: dt.datetime, follow_up_id: int | None = None, call_back_on: dt.date | None = None,
) -> tuple[ContactLog, FollowUp | None, int]:
    """One contact inside ``work``: the contact-log row, a call-back task when a day
    was given, the customer's last touch (unless nobody answered), and "stop contacting".
    Returns the log row, the call-back task (or None) and how many tasks were cancelled."""
    log = ContactLog.create(
        customer=customer.id, at=at, clerk=actor.id, channel=channel.value, outcome=outcome.value, note=note,
        follow_up=follow_up_id, call_back_on=call_back_on,
    )
    work.inserted(log)
    call_back = None
    if call_back_on is not None:
        kind = FollowUpKind.CALL_BACK
        call_back = schedule_follow_up(
            work, customer_id=customer.id, agreement_id=None, kind=kind, due_on=call_back_on,
            source_key=key_for(kind, "contact_log", log.id), at=at,
            detail=f"They asked us to call back on {day_words(call_back_on)}" + (f": {note}" if note else "."),
        )
    if outcome is not Outcome.NO_ANSWER:
        touch(work, customer, at)
    cancelled = 0
    if outcome is Outcome.STOP_CONTACTING:
        cancelled = stop_contacting_in(work, customer, at.date(), keep=follow_up_id)
    return log, call_back, cancelled


def check_contact(outcome: Outcome, call_back_on: dt.date | None, today: dt.date) -> dt.date | None:
    """The call-back day checked against the outcome: "call back on…" needs one; "not
    interested", "bought elsewhere" and "stop contacting" take none."""
    call_back_on = check_call_back_on(call_back_on, today)
    if outcome is Outcome.CALL_BACK and call_back_on is None:
        raise InvalidInput("Please choose the day they asked to be called back.")
    if call_back_on is not None and outcome in (
        Outcome.NOT_INTERESTED, Outcome.BOUGHT_ELSEWHERE, Outcome.STOP_CONTACTING
    ):
        raise InvalidInput(f"“{outcome.label}” takes no call-back day; clear the day or choose another outcome.")
    return call_back_on


def complaint_detail(complaint: Complaint) -> str:
    status = ComplaintStatus(complaint.status)
    what = complaint.what if len(complaint.what) <= 80 else complaint.what[:79] + "…"
    return (
        f"{ComplaintSeverity(complaint.severity).label} complaint ({status.label.lower()}), reported "
        f"{day_words(complaint.reported_on)}: {what}"
    )


def complaint_follow_up(work: UnitOfWork, complaint: Complaint, due_on: dt.date, number: int, at: dt.datetime) -> FollowUp | None:
    """Follow-up number ``number`` of a complaint (``complaint:complaint:<id>-<n>``), inside ``work``."""
    kind = FollowUpKind.OPEN_COMPLAINT
    return schedule_follow_up(
        work, customer_id=complaint.customer_id, agreement_id=complaint.agreement_id,
        kind=kind, due_on=due_on, source_key=key_for(kind, "complaint", f"{complaint.id}-{number}"), at=at,
        detail=complaint_detail(complaint), complaint_id=complaint.id,
    )


def appointment_detail(appointment: Appointment, missed: bool = True) -> str:
    purpose = AppointmentPurpose(appointment.purpose).label
    when = f"{day_words(appointment.starts_at.date())} at {time_words(appointment.starts_at)}"
    return f"{'Missed' if missed else 'Booked'}: {purpose.lower()}, {when}."


def missed_appointment_follow_up(
    work: UnitOfWork, appointment: Appointment, at: dt.datetime, *, marked_on: dt.date | None = None,
) -> FollowUp | None:
    """A missed appointment: a kind call the day after it (or the day it was marked
    missed, when that was later), inside ``work``."""
    kind = FollowUpKind.MISSED_APPOINTMENT
    due_on = max(kind.due_after(appointment.starts_at.date()), marked_on or at.date())
    return schedule_follow_up(
        work, customer_id=appointment.customer_id, agreement_id=appointment.agreement_id,
        kind=kind, due_on=due_on, source_key=key_for(kind, "appointment", appointment.id), at=at,
        detail=appointment_detail(appointment), appointment_id=appointment.id,
    )
