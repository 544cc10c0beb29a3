"""The contact log: every call, text, visit, letter or email and how it went, and
"stop contacting" (a customer's wish never to hear from us again, unless they say so).

Working a follow-up writes its contact row itself (``followups.work_follow_up``);
``log_contact`` records a contact that no task asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.contacts import ContactChannel, Outcome
from ..domain.errors import NotFound, Refused
from ..domain.followups import FollowUpKind, outcome_label
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import Clerk, ContactLog, Customer, FollowUp
from .base import Actor, require_role, unit_of_work
from .follow_up_tasks import (
    check_contact,
    clean_note,
    parse_channel,
    parse_outcome,
    stop_contacting_in,
    write_contact,
)


@dataclass(frozen=True)
class ContactLine:
    """One contact as the customer's contact log shows it (newest first).

    Attributes:
      at: when; clerk: who made it (name); channel_label: "Phone call", "Visit"...;
      outcome_label: "Reached", "Left a message"...; note: what was said.
      follow_up_label: the task it answered ("Friendly call: a payment is late"), or ''.
      id, channel, outcome: the stored row and values. call_back_on: the day they asked us to call back, if any.
    """

    at: dt.datetime
    clerk: str
    channel_label: str
    outcome_label: str
    note: str
    follow_up_label: str
    id: int = 0
    channel: str = ""
    outcome: str = ""
    call_back_on: dt.date | None = None


@dataclass(frozen=True)
class ContactStatus:
    """Whether we may reach out: stopped_on is the day they asked us to stop (None: we may)."""

    stopped_on: dt.date | None
    mailing_consent: bool
    opted_out_on: dt.date | None


def _customer(customer_id: int) -> Customer:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("That customer is not on file.")
    return customer


def log_contact(
    actor: Actor, customer_id: int, channel: ContactChannel | str, outcome: Outcome | str, note: str = "", *,
    call_back_on: dt.date | None = None, at: dt.datetime | None = None,
) -> int:
    """Record a contact no task asked for (any clerk); returns its row.

    It counts as a touch unless nobody answered; "call back on…" needs the day and
    makes a call-back task; "stop contacting" records the opt-out as in ``stop_contacting``."""
    require_role(actor, Role.CLERK, "record a contact")
    channel = parse_channel(channel)
    outcome = parse_outcome(outcome)
    note = clean_note(note)
    at = at or clock()
    call_back_on = check_contact(outcome, call_back_on, at.date())
    _customer(customer_id)
    with unit_of_work(actor, "log_contact", at) as work:
        customer = _customer(customer_id)
        log, _call_back, _cancelled = write_contact(
            work, customer=customer, actor=actor, channel=channel, outcome=outcome, note=note, at=at,
            call_back_on=call_back_on,
        )
    return log.id


def contact_log(actor: Actor, customer_id: int) -> list[ContactLine]:
    """Everything logged for the customer, newest first."""
    require_role(actor, Role.CLERK, "see a customer's contact log")
    _customer(customer_id)
    clerks = {c.id: c.name for c in Clerk.select(Clerk.id, Clerk.name)}
    rows = list(
        ContactLog.select()
        .where(ContactLog.customer == customer_id)
        .order_by(ContactLog.at.desc(), ContactLog.id.desc())
    )
    task_ids = {r.follow_up_id for r in rows if r.follow_up_id}
    kinds = dict(FollowUp.select(FollowUp.id, FollowUp.kind).where(FollowUp.id.in_(task_ids)).tuples()) if task_ids else {}
    lines = []
    for row in rows:
        kind = kinds.get(row.follow_up_id, "")
        lines.append(ContactLine(
            at=row.at,
            clerk=clerks.get(row.clerk_id, ""),
            channel_label=ContactChannel(row.channel).label,
            outcome_label=outcome_label(row.outcome),
            note=row.note,
            follow_up_label=FollowUpKind(kind).label if kind else "",
            id=row.id,
            channel=row.channel,
            outcome=row.outcome,
            call_back_on=row.call_back_on,
        ))
    return lines


def contact_status(actor: Actor, customer_id: int) -> ContactStatus:
    require_role(actor, Role.CLERK, "see whether a customer may be contacted")
    c = _customer(customer_id)
    return ContactStatus(c.contact_stopped_on, bool(c.mailing_consent), c.opted_out_on)


def stop_contacting(
    actor: Actor, customer_id: int, note: str = "", *, channel: ContactChannel | str = "visit",
    at: dt.datetime | None = None,
) -> int:
    """The customer asked us to stop contacting them (any clerk): records the day (and the
    opt-out day), takes them off the mailing list, cancels their open marketing tasks,
    and writes it in the contact log. Returns how many tasks were cancelled.
    Refused when they already asked (nothing changes)."""
    require_role(actor, Role.CLERK, "record that a customer asked us to stop contacting them")
    channel = parse_channel(channel)
    note = clean_note(note)
    at = at or clock()
    customer = _customer(customer_id)
    if customer.contact_stopped_on is not None:
        raise Refused(
            f"{customer.display_name} already asked us to stop contacting them on "
            f"{customer.contact_stopped_on:%B} {customer.contact_stopped_on.day}, {customer.contact_stopped_on.year}; "
            "nothing was changed."
        )
    with unit_of_work(actor, "stop_contacting", at) as work:
        customer = _customer(customer_id)
        _log, _call_back, cancelled = write_contact(
            work, customer=customer, actor=actor, channel=channel, outcome=Outcome.STOP_CONTACTING, note=note, at=at,
        )
    return cancelled


def resume_contacting(
    actor: Actor, customer_id: int, note: str = "", *, channel: ContactChannel | str = "visit",
    at: dt.datetime | None = None,
) -> None:
    """The customer says we may contact them again (any clerk); written in the contact log.
    The mailing list needs their consent again on its own (``relationship.set_mailing_consent``)."""
    require_role(actor, Role.CLERK, "record that a customer may be contacted again")
    channel = parse_channel(channel)
    note = clean_note(("They said we may contact them again. " + clean_note(note)).strip())
    at = at or clock()
    customer = _customer(customer_id)
    if customer.contact_stopped_on is None:
        raise Refused(f"{customer.display_name} has not asked us to stop contacting them; nothing was changed.")
    with unit_of_work(actor, "resume_contacting", at) as work:
        customer = _customer(customer_id)
        before = work.before(customer)
        customer.contact_stopped_on = None
        customer.save(only=[Customer.contact_stopped_on])
        work.updated(customer, before)
        write_contact(work, customer=customer, actor=actor, channel=channel, outcome=Outcome.REACHED, note=note, at=at)


__all__ = [
    "ContactLine", "ContactStatus", "contact_log", "contact_status", "log_contact", "resume_contacting",
    "stop_contacting", "stop_contacting_in",
]
