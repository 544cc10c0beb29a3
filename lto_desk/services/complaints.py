"""Complaints about a vehicle: what, when, how serious; open → in repair → resolved
(who, when, what was done). Each open complaint has a follow-up until it is resolved,
and open ones show on the customer's card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.choices import parse_choice
from ..domain.contacts import ComplaintSeverity, ComplaintStatus
from ..domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from ..domain.followups import COMPLAINT_FIRST_DAYS, FollowUpStatus
from ..domain.ledger import Status
from ..domain.roles import Role
from ..domain.text import fold
from ..store.database import now as clock
from ..store.models import Agreement, Clerk, Complaint, Customer, FollowUp, Note, Vehicle
from ..store.reads import any_open_complaint
from .base import Actor, require_role, required_text, unit_of_work
from .follow_up_tasks import cancel_task, clean_note, complaint_follow_up

#: How long ago a complaint may have been reported when it is written down.
MAX_DAYS_BACK = 365


@dataclass(frozen=True)
class ComplaintLine:
    """One complaint as the card and lists show it.

    Attributes:
      id; customer_id, customer_name; agreement_id; vehicle: "2014 Honda Accord" ('' when none).
      what; reported_on; severity / severity_label; status / status_label ("In repair").
      assigned_to: who looks after it (name, '' when nobody). days_open: days since reported
      (to the day resolved, once resolved). resolved_on, resolved_by (name), resolution: what was done.
    """

    id: int
    customer_id: int
    customer_name: str
    agreement_id: int | None
    vehicle: str
    what: str
    reported_on: dt.date
    severity: ComplaintSeverity
    severity_label: str
    status: ComplaintStatus
    status_label: str
    assigned_to: str
    days_open: int
    resolved_on: dt.date | None
    resolved_by: str
    resolution: str


def _severity(severity: ComplaintSeverity | str) -> ComplaintSeverity:
    return parse_choice(ComplaintSeverity, severity, "Please choose how serious it is")


def _status(status: ComplaintStatus | str) -> ComplaintStatus:
    return parse_choice(ComplaintStatus, status, "A complaint is")


def _complaint(complaint_id: int) -> Complaint:
    row = Complaint.get_or_none(Complaint.id == complaint_id)
    if row is None:
        raise NotFound("That complaint is not on file.")
    return row


def open_complaint(
    actor: Actor, customer_id: int, what: str, severity: ComplaintSeverity | str, *,
    reported_on: dt.date | None = None, agreement_id: int | None = None, vehicle_id: int | None = None,
    assigned_to: int | None = None, at: dt.datetime | None = None,
) -> int:
    """Write down a complaint (any clerk) and its first follow-up, due in 2 days. Returns its row.

    Without an agreement or vehicle, the customer's active agreement (when they have
    exactly one) and its vehicle are used; with an agreement, its vehicle."""
    require_role(actor, Role.CLERK, "write down a complaint")
    what = required_text(what, "what is wrong", maximum=2000)
    severity = _severity(severity)
    at = at or clock()
    reported_on = reported_on or at.date()
    if not isinstance(reported_on, dt.date) or isinstance(reported_on, dt.datetime):
        raise InvalidInput("Please choose the day the complaint was reported.")
    if reported_on > at.date():
        raise InvalidInput("The day reported is in the future; please check it.")
    if reported_on < at.date() - dt.timedelta(days=MAX_DAYS_BACK):
        raise InvalidInput("The day reported is more than a year ago; please check it.")
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("That customer is not on file.")
    if agreement_id is not None:
        agreement = Agreement.get_or_none(Agreement.id == agreement_id)
        if agreement is None or agreement.customer_id != customer_id:
            raise InvalidInput("That agreement is not this customer's.")
        vehicle_id = vehicle_id if vehicle_id is not None else agreement.vehicle_id
    elif vehicle_id is None:
        active = list(Agreement.select().where(
            (Agreement.customer == customer_id) & (Agreement.status == Status.ACTIVE.value)
        ).limit(2))
        if len(active) == 1:
            agreement_id, vehicle_id = active[0].id, active[0].vehicle_id
    if vehicle_id is not None and not Vehicle.select().where(Vehicle.id == vehicle_id).exists():
        raise NotFound("That vehicle is not on file.")
    if assigned_to is not None and not Clerk.select().where((Clerk.id == assigned_to) & Clerk.active).exists():
        raise InvalidInput("The person it is assigned to is not an active clerk.")
    with unit_of_work(actor, "open_complaint", at) as work:
        row = Complaint.create(
            customer=customer_id, agreement=agreement_id, vehicle=vehicle_id, what=what, reported_on=reported_on,
            severity=severity.value, status=ComplaintStatus.OPEN.value, assigned_to=assigned_to, created_at=at,
            created_by=actor.id,
        )
        work.inserted(row)
        complaint_follow_up(work, row, at.date() + dt.timedelta(days=COMPLAINT_FIRST_DAYS), 1, at)
    return row.id


def move_complaint(
    actor: Actor, complaint_id: int, status: ComplaintStatus | str, note: str = "", *,
    at: dt.datetime | None = None,
) -> None:
    """Move a complaint on: open → in repair → resolved (open may be resolved directly).

    Any clerk may say it is in repair (the note, e.g. where the car went, is kept as
    a note on the customer tagged "complaint"). Resolving needs a manager and says what
    was done; it records who and when and cancels the complaint's open follow-up."""
    require_role(actor, Role.CLERK, "update a complaint")
    status = _status(status)
    at = at or clock()
    row = _complaint(complaint_id)
    current = ComplaintStatus(row.status)
    if not current.can_move_to(status):
        if current is ComplaintStatus.RESOLVED:
            raise Refused("This complaint is already resolved; nothing was changed.")
        raise Refused(f"This complaint is {current.label.lower()}; it cannot go to “{status.label.lower()}”.")
    if status is ComplaintStatus.RESOLVED:
        if not actor.role.at_least(Role.MANAGER):
            raise NotAllowed("Only a manager can mark a complaint resolved. Ask a manager to do it.")
        note = required_text(note, "what was done to resolve it", maximum=2000)
    else:
        note = clean_note(note)
    with unit_of_work(actor, "move_complaint", at) as work:
        row = _complaint(complaint_id)
        if ComplaintStatus(row.status) is not current:
            raise Refused("Someone else just changed this complaint; please look at it again.")
        before = work.before(row)
        row.status = status.value
        fields = [Complaint.status]
        if status is ComplaintStatus.RESOLVED:
            row.resolved_on = at.date()
            row.resolved_by = actor.id
            row.resolution = note
            fields += [Complaint.resolved_on, Complaint.resolved_by, Complaint.resolution]
            for task in FollowUp.select().where(
                (FollowUp.complaint == row.id) & (FollowUp.status == FollowUpStatus.OPEN.value)
            ):
                cancel_task(work, task)
        row.save(only=fields)
        work.updated(row, before)
        if status is ComplaintStatus.IN_REPAIR and note:
            text = f"Complaint in repair ({row.what[:60]}): {note}"
            added = Note.create(
                customer=row.customer_id, text=text, tags="complaint", author=actor.id, created_at=at,
                updated_at=at, search_text=fold(text),
            )
            work.inserted(added)


def _lines(query) -> list[ComplaintLine]:
    clerks = {c.id: c.name for c in Clerk.select(Clerk.id, Clerk.name)}
    today = clock().date()
    lines = []
    for row in query:
        customer = row.customer
        vehicle_id = row.vehicle_id
        vehicle = Vehicle.get_by_id(vehicle_id).description if vehicle_id else ""
        severity, status = ComplaintSeverity(row.severity), ComplaintStatus(row.status)
        lines.append(ComplaintLine(
            id=row.id, customer_id=customer.id, customer_name=customer.display_name,
            agreement_id=row.agreement_id, vehicle=vehicle, what=row.what, reported_on=row.reported_on,
            severity=severity, severity_label=severity.label, status=status, status_label=status.label,
            assigned_to=clerks.get(row.assigned_to_id, ""),
            days_open=max(0, ((row.resolved_on or today) - row.reported_on).days),
            resolved_on=row.resolved_on, resolved_by=clerks.get(row.resolved_by_id, ""),
            resolution=row.resolution,
        ))
    return lines




def open_complaints(actor: Actor, customer_id: int | None = None) -> list[ComplaintLine]:
    """Complaints not yet resolved (open or in repair), oldest first; one customer's, or everyone's.
    (One customer's: most have none, and a plain indexed look says so at every card
    for a fraction of what building the full query costs.)"""
    require_role(actor, Role.CLERK, "see complaints")
    if customer_id is not None and not any_open_complaint(customer_id, ComplaintStatus.RESOLVED.value):
        return []
    query = (
        Complaint.select(Complaint, Customer).join(Customer)
        .where(Complaint.status != ComplaintStatus.RESOLVED.value)
        .order_by(Complaint.reported_on, Complaint.id)
    )
    if customer_id is not None:
        query = query.where(Complaint.customer == customer_id)
    return _lines(query)


def complaints_of(actor: Actor, customer_id: int) -> list[ComplaintLine]:
    """All of the customer's complaints, newest first."""
    require_role(actor, Role.CLERK, "see a customer's complaints")
    return _lines(
        Complaint.select(Complaint, Customer).join(Customer)
        .where(Complaint.customer == customer_id)
        .order_by(Complaint.reported_on.desc(), Complaint.id.desc())
    )
