"""A customer who bought elsewhere: had they taken delivery, what decided it, where
they went, whether we asked for referrals, and whether we may stay in touch.

Not delivered yet: a manager gets a "win them back today" task. May we stay in
touch: a kind check-in in 90 days (they stay on the mailing list as before). If
not: they are marked "stop contacting" (no marketing, off the mailing list).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.contacts import DecidingFactor
from ..domain.errors import InvalidInput, NotFound
from ..domain.followups import FollowUpKind, source_key as key_for
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import Clerk, Customer, Departure
from .base import Actor, optional_text, require_role, unit_of_work
from .follow_up_tasks import clean_note, schedule_follow_up, stop_contacting_in


@dataclass(frozen=True)
class DepartureInput:
    """What a clerk learns from a customer who bought elsewhere.

    Attributes:
      taken_delivery: they already drove the other car home.
      deciding_factor: price, payment, vehicle, other_offer, credit or other (then factor_text says what).
      factor_text: more words about it (needed for "other").
      where_bought: the dealer or seller ("CarMax Montgomery", "a private seller").
      referrals_asked: we asked whether they know anyone who needs a car; referral_names: who they named.
      stay_in_touch: they are happy to hear from us now and then (False: stop contacting).
      note: anything else.
    """

    taken_delivery: bool
    deciding_factor: DecidingFactor | str
    factor_text: str = ""
    where_bought: str = ""
    referrals_asked: bool = False
    referral_names: str = ""
    stay_in_touch: bool = True
    note: str = ""


@dataclass(frozen=True)
class DepartureLine:
    """A recorded departure: id, customer, when and by whom, and what was learned."""

    id: int
    customer_id: int
    customer_name: str
    recorded_at: dt.datetime
    clerk: str
    taken_delivery: bool
    deciding_factor: DecidingFactor
    factor_label: str
    factor_text: str
    where_bought: str
    referrals_asked: bool
    referral_names: str
    stay_in_touch: bool
    note: str


def _factor(value: DecidingFactor | str) -> DecidingFactor:
    try:
        return DecidingFactor(value)
    except ValueError:
        choices = ", ".join(f.label.lower() for f in DecidingFactor)
        raise InvalidInput(f"Please choose what decided it: {choices}.") from None


def _short(text: str, what: str, maximum: int = 200) -> str:
    return optional_text(text, what, maximum=maximum)


def record_departure(actor: Actor, customer_id: int, d: DepartureInput, *, at: dt.datetime | None = None) -> int:
    """Record that the customer bought elsewhere (any clerk), in one unit of work. Returns its row.

    Not yet delivered (and we may stay in touch): a manager's "win them back" task due today.
    May stay in touch: a check-in in 90 days. May not: "stop contacting" (their open
    marketing tasks are cancelled and they leave the mailing list)."""
    require_role(actor, Role.CLERK, "record that a customer bought elsewhere")
    if not isinstance(d, DepartureInput):
        raise InvalidInput("Please fill in what the customer told us.")
    factor = _factor(d.deciding_factor)
    factor_text = _short(d.factor_text, "What decided it")
    if factor is DecidingFactor.OTHER and not factor_text:
        raise InvalidInput("Please say in a few words what decided it.")
    where = _short(d.where_bought, "Where they bought", 120)
    names = _short(d.referral_names, "The referral names", 500)
    if names and not d.referrals_asked:
        raise InvalidInput("Referral names are typed but “referrals asked” is No; tick it or clear the names.")
    note = clean_note(d.note)
    at = at or clock()
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("That customer is not on file.")
    with unit_of_work(actor, "record_departure", at) as work:
        row = Departure.create(
            customer=customer_id, recorded_at=at, clerk=actor.id, taken_delivery=bool(d.taken_delivery),
            deciding_factor=factor.value, factor_text=factor_text, where_bought=where,
            referrals_asked=bool(d.referrals_asked), referral_names=names, stay_in_touch=bool(d.stay_in_touch),
            note=note,
        )
        work.inserted(row)
        why = factor_text[:1].lower() + factor_text[1:] if factor_text[1:2].islower() else factor_text
        summary = f"Bought elsewhere ({factor.label.lower()}" + (f": {why}" if why else "") + ")"
        if where:
            summary += f" at {where}"
        if not d.stay_in_touch:
            stop_contacting_in(work, Customer.get_by_id(customer_id), at.date())
        else:
            if not d.taken_delivery:
                kind = FollowUpKind.WIN_BACK
                schedule_follow_up(
                    work, customer_id=customer_id, agreement_id=None, kind=kind, due_on=at.date(),
                    source_key=key_for(kind, "departure", row.id), at=at,
                    detail=f"{summary}; not delivered yet — try today.",
                )
            kind = FollowUpKind.BOUGHT_ELSEWHERE
            schedule_follow_up(
                work, customer_id=customer_id, agreement_id=None, kind=kind, due_on=kind.due_after(at.date()),
                source_key=key_for(kind, "departure", row.id), at=at,
                detail=f"{summary} on {at:%b} {at.day}, {at.year}.",
            )
    return row.id


def departures_of(actor: Actor, customer_id: int) -> list[DepartureLine]:
    """The customer's recorded departures, newest first."""
    require_role(actor, Role.CLERK, "see why a customer left")
    clerks = {c.id: c.name for c in Clerk.select(Clerk.id, Clerk.name)}
    rows = (
        Departure.select(Departure, Customer).join(Customer)
        .where(Departure.customer == customer_id)
        .order_by(Departure.recorded_at.desc(), Departure.id.desc())
    )
    return [
        DepartureLine(
            id=r.id, customer_id=r.customer.id, customer_name=r.customer.display_name, recorded_at=r.recorded_at,
            clerk=clerks.get(r.clerk_id, ""), taken_delivery=r.taken_delivery,
            deciding_factor=DecidingFactor(r.deciding_factor), factor_label=DecidingFactor(r.deciding_factor).label,
            factor_text=r.factor_text, where_bought=r.where_bought, referrals_asked=r.referrals_asked,
            referral_names=r.referral_names, stay_in_touch=r.stay_in_touch, note=r.note,
        )
        for r in rows
    ]
