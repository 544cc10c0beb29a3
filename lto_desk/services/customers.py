"""Customers: adding and changing who they are, household members, notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.customer_rules import LANGUAGES, check_birthday, check_email, check_language
from ..domain.errors import InvalidInput, NotFound
from ..domain.phone import normalise_phone, phone_digits
from ..domain.roles import Role
from ..domain.text import clean_name, fold
from ..store.database import now as clock
from ..store.models import Customer, HouseholdMember, Note
from .base import Actor, CustomerId, UnitOfWork, optional_text, require_role, required_text, unit_of_work

__all__ = ["LANGUAGES", "check_birthday", "check_email", "check_language"]  # the rules live in domain
NOTE_TAGS = ("family", "work", "health", "hobby", "car", "payment", "complaint", "other")


@dataclass(frozen=True)
class NewCustomer:
    """What is typed to add a customer. Only the names are required."""

    first_name: str
    last_name: str
    preferred_name: str = ""
    phone: str = ""
    email: str = ""
    address1: str = ""
    address2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    birthday: dt.date | None = None
    language: str = "en"
    employer: str = ""
    mailing_consent: bool = False
    referred_by: int | None = None


def postal_address(*street: str, city: str, state: str, postal_code: str) -> str:
    """Street lines, then ``City, ST 12345``, one per line; blank parts left out."""
    state_zip = " ".join(x for x in (state.strip().upper(), postal_code.strip()) if x)
    place = ", ".join(p for p in (city.strip(), state_zip) if p)
    return "\n".join(line for line in (*(p.strip() for p in street), place) if line)


def address_of(c: Customer) -> str:
    """The customer's postal address as :func:`postal_address` writes it."""
    return postal_address(c.address1, c.address2, city=c.city, state=c.state, postal_code=c.postal_code)


def search_name_for(first: str, last: str, preferred: str) -> str:
    return fold(" ".join(p for p in (first, preferred, last) if p))


def _validate(c: NewCustomer, today: dt.date) -> dict:
    values = dict(
        first_name=clean_name(c.first_name, "first name"),
        last_name=clean_name(c.last_name, "last name"),
        preferred_name=clean_name(c.preferred_name, "preferred name") if c.preferred_name.strip() else "",
        phone="",
        phone_digits="",
        email=c.email.strip(),
        # The profile's limits (relationship.update_profile), so a new customer keeps them too.
        address1=required_text(c.address1, "the address (line 1)", minimum=0, maximum=200),
        address2=required_text(c.address2, "the address (line 2)", minimum=0, maximum=200),
        city=required_text(c.city, "the city", minimum=0, maximum=200),
        state=required_text(c.state.upper(), "the state", minimum=0, maximum=40),
        postal_code=required_text(c.postal_code, "the ZIP code", minimum=0, maximum=200),
        birthday=c.birthday,
        language=c.language,
        employer=required_text(c.employer, "the employer", minimum=0, maximum=200),
    )
    if c.phone.strip():
        values["phone"] = normalise_phone(c.phone)
        values["phone_digits"] = phone_digits(values["phone"])
    check_email(values["email"])
    check_birthday(c.birthday, today)
    check_language(c.language)
    return values


def add_customer(actor: Actor, new: NewCustomer, *, at: dt.datetime | None = None) -> CustomerId:
    """Add a customer; any clerk may."""
    require_role(actor, Role.CLERK, "add a customer")
    at = at or clock()
    values = _validate(new, at.date())
    if new.referred_by is not None and not Customer.select().where(Customer.id == new.referred_by).exists():
        raise NotFound("The customer named as the referrer is not on file.")
    with unit_of_work(actor, "add_customer", at) as work:
        customer = Customer.create(
            **values,
            customer_since=at.date(),
            mailing_consent=new.mailing_consent,
            consent_on=at.date() if new.mailing_consent else None,
            referred_by=new.referred_by,
            search_name=search_name_for(values["first_name"], values["last_name"], values["preferred_name"]),
            created_at=at,
        )
        work.inserted(customer)
    return CustomerId(customer.id)


def add_household_member(
    actor: Actor, customer_id: int, name: str, relation: str = "", birthday: dt.date | None = None,
    notes: str = "", *, at: dt.datetime | None = None,
) -> int:
    require_role(actor, Role.CLERK, "add a household member")
    at = at or clock()
    name = clean_name(name, "household member's name")
    relation = optional_text(relation, "the relation", maximum=60)
    notes = optional_text(notes, "the notes on the household member", maximum=2000, lines=True, plural=True)
    if birthday and birthday > at.date():
        raise InvalidInput("The birthday is in the future; please check the year.")
    Customer.get_by_id(customer_id)
    with unit_of_work(actor, "add_household_member", at) as work:
        member = HouseholdMember.create(
            customer=customer_id, name=name, relation=relation, birthday=birthday, notes=notes
        )
        work.inserted(member)
    return member.id


def add_note(
    actor: Actor, customer_id: int, text: str, tags: tuple[str, ...] = (), *, pinned: bool = False,
    cue: bool = False, at: dt.datetime | None = None,
) -> int:
    """A note about the customer (``cue=True``: something to ask about next visit)."""
    require_role(actor, Role.CLERK, "write a note")
    at = at or clock()
    text = required_text(text, "the note", maximum=4000)
    unknown = [t for t in tags if t not in NOTE_TAGS]
    if unknown:
        raise InvalidInput(f"Unknown tag: {', '.join(unknown)}. Tags are {', '.join(NOTE_TAGS)}.")
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("That customer is not on file.")
    with unit_of_work(actor, "add_note", at) as work:
        note = Note.create(
            customer=customer_id, text=text, tags=",".join(tags), pinned=pinned, is_cue=cue,
            author=actor.id, created_at=at, updated_at=at, search_text=fold(text),
        )
        work.inserted(note)
        touch(work, customer, at)
    return note.id


def touch(work: UnitOfWork, customer: Customer, at: dt.datetime) -> None:
    """Record a visit or contact as the customer's last touch (inside ``work``)."""
    if customer.last_touch_at is None or customer.last_touch_at < at:
        before = work.before(customer)
        customer.last_touch_at = at
        Customer.update(last_touch_at=at).where(Customer.id == customer.id).execute()
        work.updated(customer, before)
