"""Appointments: book a visit for a customer (look at a car, paperwork, service),
then mark it kept or missed. A missed one makes a kind "sorry we missed you" call
for the next day; a kept one counts as a touch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.choices import parse_choice
from ..domain.contacts import AppointmentPurpose, AppointmentStatus
from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.phone import display_phone
from ..domain.roles import Role
from ..domain.text import clean_text
from ..store.database import now as clock
from ..store.models import Agreement, Appointment, Clerk, Customer
from .base import Actor, require_role, unit_of_work
from .customers import touch
from .follow_up_tasks import clean_note, day_words, missed_appointment_follow_up, time_words

#: How far ahead an appointment may be booked.
MAX_DAYS_AHEAD = 365


@dataclass(frozen=True)
class AppointmentLine:
    """One appointment as a list shows it.

    Attributes:
      id; customer_id, customer_name, phone (display); agreement_id (None when none).
      purpose / purpose_label ("Look at a car"); starts_at; status / status_label ("Booked", "Missed"...).
      note; booked_by (name); marked_at / marked_by: when and by whom it was marked kept, missed or cancelled.
      when: "Tue Mar 4 at 2:30 PM".
    """

    id: int
    customer_id: int
    customer_name: str
    phone: str
    agreement_id: int | None
    purpose: AppointmentPurpose
    purpose_label: str
    starts_at: dt.datetime
    status: AppointmentStatus
    status_label: str
    note: str
    booked_by: str
    marked_at: dt.datetime | None
    marked_by: str

    @property
    def when(self) -> str:
        return f"{day_words(self.starts_at.date())} at {time_words(self.starts_at)}"


def _purpose(purpose: AppointmentPurpose | str) -> AppointmentPurpose:
    return parse_choice(AppointmentPurpose, purpose, "Please choose what the appointment is for")


def _appointment(appointment_id: int) -> Appointment:
    row = Appointment.get_or_none(Appointment.id == appointment_id)
    if row is None:
        raise NotFound("That appointment is not on file.")
    return row


def _still_booked(row: Appointment) -> None:
    if row.status != AppointmentStatus.BOOKED.value:
        raise Refused(
            f"This appointment is already marked {AppointmentStatus(row.status).label.lower()}; nothing was changed."
        )


def book_appointment(
    actor: Actor, customer_id: int, purpose: AppointmentPurpose | str, starts_at: dt.datetime, note: str = "", *,
    agreement_id: int | None = None, at: dt.datetime | None = None,
) -> int:
    """Book a visit (any clerk): not in the past, not more than a year ahead. Returns its row."""
    require_role(actor, Role.CLERK, "book an appointment")
    purpose = _purpose(purpose)
    note = clean_note(note)
    at = at or clock()
    if not isinstance(starts_at, dt.datetime):
        raise InvalidInput("Please choose the day and time of the appointment.")
    starts_at = starts_at.replace(second=0, microsecond=0, tzinfo=None)
    if starts_at < at.replace(second=0, microsecond=0):
        raise InvalidInput("That time has already passed; please choose a later day or time.")
    if starts_at.date() > at.date() + dt.timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidInput("That day is more than a year away; please choose a nearer day.")
    if purpose is AppointmentPurpose.OTHER and not note:
        raise InvalidInput("Please say in the note what the appointment is for.")
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("That customer is not on file.")
    if agreement_id is not None:
        agreement = Agreement.get_or_none(Agreement.id == agreement_id)
        if agreement is None or agreement.customer_id != customer_id:
            raise InvalidInput("That agreement is not this customer's.")
    with unit_of_work(actor, "book_appointment", at) as work:
        row = Appointment.create(
            customer=customer_id, agreement=agreement_id, purpose=purpose.value, starts_at=starts_at,
            status=AppointmentStatus.BOOKED.value, note=note, booked_by=actor.id, created_at=at,
        )
        work.inserted(row)
    return row.id


def mark_appointment(
    actor: Actor, appointment_id: int, kept: bool, note: str = "", *, at: dt.datetime | None = None,
) -> int | None:
    """Mark a booked appointment kept or missed (any clerk).

    Kept counts as a touch (from its day on; not before). Missed (only once its time
    has come) makes a "sorry we missed you" follow-up for the next day; returns that
    task's row (None when kept). A note is added to the appointment's note."""
    require_role(actor, Role.CLERK, "mark an appointment")
    note = clean_note(note)
    at = at or clock()
    row = _appointment(appointment_id)
    _still_booked(row)
    if kept and at.date() < row.starts_at.date():
        raise Refused(f"This appointment is on {day_words(row.starts_at.date())}; it can be marked kept from that day.")
    if not kept and at < row.starts_at:
        raise Refused(f"This appointment is at {time_words(row.starts_at)} on {day_words(row.starts_at.date())}; "
                      "it can be marked missed once that time has come.")
    with unit_of_work(actor, "mark_appointment", at) as work:
        row = _appointment(appointment_id)
        _still_booked(row)
        before = work.before(row)
        row.status = (AppointmentStatus.KEPT if kept else AppointmentStatus.MISSED).value
        row.marked_at = at
        row.marked_by = actor.id
        row.note = _joined(row.note, note)
        row.save(only=[Appointment.status, Appointment.marked_at, Appointment.marked_by, Appointment.note])
        work.updated(row, before)
        task = None
        if kept:
            touch(work, Customer.get_by_id(row.customer_id), at)
        else:
            task = missed_appointment_follow_up(work, row, at)
    return task.id if task is not None else None


def cancel_appointment(
    actor: Actor, appointment_id: int, note: str = "", *, at: dt.datetime | None = None,
) -> None:
    """Cancel a booked appointment (any clerk); the note says why."""
    require_role(actor, Role.CLERK, "cancel an appointment")
    note = clean_note(note)
    at = at or clock()
    _still_booked(_appointment(appointment_id))
    with unit_of_work(actor, "cancel_appointment", at) as work:
        row = _appointment(appointment_id)
        _still_booked(row)
        before = work.before(row)
        row.status = AppointmentStatus.CANCELLED.value
        row.marked_at = at
        row.marked_by = actor.id
        row.note = _joined(row.note, f"Cancelled: {note}" if note else "")
        row.save(only=[Appointment.status, Appointment.marked_at, Appointment.marked_by, Appointment.note])
        work.updated(row, before)


def _joined(old: str, new: str) -> str:
    """The note so far and what is added to it, refused (not cut, which could keep half a
    number) when together they are longer than a note may be."""
    text = f"{old} — {new}" if old and new else (old or new)
    return clean_text(text, "the appointment's note with what was added", maximum=4000)


def _lines(query) -> list[AppointmentLine]:
    clerks = {c.id: c.name for c in Clerk.select(Clerk.id, Clerk.name)}
    lines = []
    for row in query:
        c = row.customer
        purpose, status = AppointmentPurpose(row.purpose), AppointmentStatus(row.status)
        lines.append(AppointmentLine(
            id=row.id, customer_id=c.id, customer_name=c.display_name, phone=display_phone(c.phone),
            agreement_id=row.agreement_id, purpose=purpose, purpose_label=purpose.label,
            starts_at=row.starts_at, status=status, status_label=status.label, note=row.note,
            booked_by=clerks.get(row.booked_by_id, ""), marked_at=row.marked_at,
            marked_by=clerks.get(row.marked_by_id, ""),
        ))
    return lines


def appointments_between(actor: Actor, start: dt.date, end: dt.date) -> list[AppointmentLine]:
    """Appointments from the day ``start`` through the day ``end``, earliest first."""
    require_role(actor, Role.CLERK, "see the appointments")
    if end < start:
        raise InvalidInput("The last day is before the first day.")
    first = dt.datetime.combine(start, dt.time.min)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
    return _lines(
        Appointment.select(Appointment, Customer).join(Customer)
        .where((Appointment.starts_at >= first) & (Appointment.starts_at < after))
        .order_by(Appointment.starts_at, Appointment.id)
    )


def appointments_of(actor: Actor, customer_id: int) -> list[AppointmentLine]:
    """The customer's appointments, latest first."""
    require_role(actor, Role.CLERK, "see a customer's appointments")
    return _lines(
        Appointment.select(Appointment, Customer).join(Customer)
        .where(Appointment.customer == customer_id)
        .order_by(Appointment.starts_at.desc(), Appointment.id.desc())
    )
