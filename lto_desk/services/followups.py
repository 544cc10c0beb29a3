"""Follow-up tasks: made by events inside the event's own transaction, listed, completed.

Each task carries the ``source_key`` of the event that made it (unique), so
running an event's code again never makes a second task: ``schedule_follow_up``
then returns None.

A payoff that a void undoes cancels its open payoff task; a second payoff of the
same agreement *reopens that same task* (same source key, new due date) rather
than making another — see ``payoff_follow_up`` and ``cancel_follow_up``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.followups import FollowUpKind, FollowUpStatus, source_key as key_for
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import Agreement, Customer, FollowUp
from .base import Actor, require_role, required_text, unit_of_work
from .customers import touch


@dataclass(frozen=True)
class FollowUpLine:
    """One open task as a list shows it.

    Attributes:
      id: the task's row. customer_id / customer_name: who to reach (display name).
      agreement_id: the agreement it is about (None when none).
      kind: what sort of task; kind_label: its name in words.
      due_on: the day it is due; overdue: due before ``today``.
      script: suggested words in the customer's language.
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


def _kind(kind: FollowUpKind | str) -> FollowUpKind:
    try:
        return FollowUpKind(kind)
    except ValueError:
        raise InvalidInput(f"“{kind}” is not a kind of follow-up.") from None


def schedule_follow_up(
    work, *, customer_id: int, agreement_id: int | None, kind: FollowUpKind | str, due_on: dt.date,
    source_key: str, at: dt.datetime,
) -> FollowUp | None:
    """Store a task inside ``work`` (an open unit of work). Returns None, and
    changes nothing, when a task for ``source_key`` already exists (whatever its status)."""
    kind = _kind(kind)
    source_key = str(source_key or "").strip()
    if not source_key:
        raise InvalidInput("A follow-up needs the key of the event that made it.")
    if not isinstance(due_on, dt.date) or isinstance(due_on, dt.datetime):
        raise InvalidInput("A follow-up needs a due date.")
    if FollowUp.select().where(FollowUp.source_key == source_key).exists():
        return None
    task = FollowUp.create(
        customer=customer_id, agreement=agreement_id, kind=kind.value, due_on=due_on,
        status=FollowUpStatus.OPEN.value, source_key=source_key, created_at=at,
    )
    work.inserted(task)
    return task


def thank_you_follow_up(work, agreement: Agreement, at: dt.datetime) -> FollowUp | None:
    """A new agreement: send the thank-you letter today."""
    kind = FollowUpKind.THANK_YOU_LETTER
    return schedule_follow_up(
        work, customer_id=agreement.__data__["customer"], agreement_id=agreement.id, kind=kind,
        due_on=kind.due_after(agreement.opened_on), source_key=key_for(kind, "agreement", agreement.id), at=at,
    )


def return_follow_up(work, agreement: Agreement, returned_on: dt.date, at: dt.datetime) -> FollowUp | None:
    """A vehicle return: check in 30 days later."""
    kind = FollowUpKind.RETURN_CHECK_IN
    return schedule_follow_up(
        work, customer_id=agreement.__data__["customer"], agreement_id=agreement.id, kind=kind,
        due_on=kind.due_after(returned_on), source_key=key_for(kind, "agreement", agreement.id), at=at,
    )


def payoff_follow_up(work, agreement: Agreement, paid_off_on: dt.date, at: dt.datetime) -> FollowUp | None:
    """A payoff: ask about the household's next car and for referrals in 60 days.

    One task per agreement. If a void undid an earlier payoff (its task was
    cancelled), the same task is reopened with the new due date; a task already
    done stays done (that conversation happened). Returns the task made or
    reopened, else None."""
    kind = FollowUpKind.PAYOFF_NEXT_CAR
    key = key_for(kind, "agreement", agreement.id)
    due_on = kind.due_after(paid_off_on)
    made = schedule_follow_up(
        work, customer_id=agreement.__data__["customer"], agreement_id=agreement.id, kind=kind,
        due_on=due_on, source_key=key, at=at,
    )
    if made is not None:
        return made
    task = FollowUp.get(FollowUp.source_key == key)
    if task.status != FollowUpStatus.CANCELLED.value:
        return None
    before = work.before(task)
    task.status = FollowUpStatus.OPEN.value
    task.due_on = due_on
    task.save(only=[FollowUp.status, FollowUp.due_on])
    work.updated(task, before)
    return task


def cancel_follow_up(work, source_key: str) -> FollowUp | None:
    """Cancel the open task made by ``source_key`` (its event was undone), inside ``work``."""
    task = FollowUp.get_or_none(
        (FollowUp.source_key == source_key) & (FollowUp.status == FollowUpStatus.OPEN.value)
    )
    if task is None:
        return None
    before = work.before(task)
    task.status = FollowUpStatus.CANCELLED.value
    task.save(only=[FollowUp.status])
    work.updated(task, before)
    return task


def cancel_payoff_follow_up(work, agreement: Agreement) -> FollowUp | None:
    return cancel_follow_up(work, key_for(FollowUpKind.PAYOFF_NEXT_CAR, "agreement", agreement.id))


def open_follow_ups(today: dt.date, *, customer_id: int | None = None) -> list[FollowUpLine]:
    """Open tasks, soonest due first (overdue ones first of all)."""
    query = (
        FollowUp.select(FollowUp, Customer)
        .join(Customer)
        .where(FollowUp.status == FollowUpStatus.OPEN.value)
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    if customer_id is not None:
        query = query.where(FollowUp.customer == customer_id)
    lines = []
    for task in query:
        customer = task.customer
        kind = FollowUpKind(task.kind)
        lines.append(FollowUpLine(
            id=task.id,
            customer_id=customer.id,
            customer_name=customer.display_name,
            agreement_id=task.__data__.get("agreement"),
            kind=kind,
            kind_label=kind.label,
            due_on=task.due_on,
            overdue=task.due_on < today,
            script=kind.script(customer.language, customer.preferred_name or customer.first_name),
        ))
    return lines


def complete_follow_up(
    actor: Actor, follow_up_id: int, outcome: str, note: str = "", *, at: dt.datetime | None = None,
) -> FollowUpLine:
    """Mark a task done with its outcome and a note (any clerk); it counts as a touch."""
    require_role(actor, Role.CLERK, "complete a follow-up")
    outcome = required_text(outcome, "the outcome of the follow-up", maximum=200)
    note = " ".join(str(note or "").split())
    if len(note) > 2000:
        raise InvalidInput("The note is too long (at most 2000 characters).")
    at = at or clock()
    with unit_of_work(actor, "complete_follow_up", at) as work:
        task = FollowUp.get_or_none(FollowUp.id == follow_up_id)
        if task is None:
            raise NotFound(f"There is no follow-up number {follow_up_id}.")
        if task.status != FollowUpStatus.OPEN.value:
            raise Refused(
                f"This follow-up is already {FollowUpStatus(task.status).label.lower()}; nothing was changed."
            )
        before = work.before(task)
        task.status = FollowUpStatus.DONE.value
        task.done_at = at
        task.done_by = actor.id
        task.outcome = outcome
        task.note = note
        task.save(only=[FollowUp.status, FollowUp.done_at, FollowUp.done_by, FollowUp.outcome, FollowUp.note])
        work.updated(task, before)
        customer = Customer.get_by_id(task.__data__["customer"])
        touch(work, customer, at)
    kind = FollowUpKind(task.kind)
    return FollowUpLine(
        id=task.id, customer_id=customer.id, customer_name=customer.display_name,
        agreement_id=task.__data__.get("agreement"), kind=kind, kind_label=kind.label, due_on=task.due_on,
        overdue=False, script=kind.script(customer.language, customer.preferred_name or customer.first_name),
    )
