"""The staff list: the owner adds people, changes their roles, resets PINs and turns
logins off and on again; a manager may reset a clerk's PIN. Every change is journaled
with who made it.

Nobody's PIN is ever set by someone else: a person added, or whose PIN was reset,
chooses their own at their next log-in (``clerks.choose_pin``). The dealership always
keeps an active owner: the last one can be neither turned off nor demoted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.errors import NotFound, Refused
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import Clerk
from .base import Actor, ClerkId, UnitOfWork, require_role, required_text, unit_of_work
from .clerks import NO_PIN, locked_at, refuse_a_taken_name, require_may_reset


@dataclass(frozen=True)
class StaffRow:
    """One person on the staff list.

    Attributes:
      id, name, role: who they are and what they may do.
      active: False once their login is turned off (they left); their history keeps the name.
      needs_new_pin: they choose a PIN at their next log-in (just added, or reset).
      locked: their name is locked after wrong PINs.
      created_at: when they were added.
    """

    id: ClerkId
    name: str
    role: Role
    active: bool
    needs_new_pin: bool
    locked: bool
    created_at: dt.datetime

    @property
    def status(self) -> str:
        """What the staff page says of them."""
        if not self.active:
            return "no longer active"
        if self.needs_new_pin:
            return "needs a PIN"
        if self.locked:
            return "locked"
        return "active"


def list_staff(actor: Actor, include_inactive: bool = True, *, at: dt.datetime | None = None) -> list[StaffRow]:
    """Everyone on the staff, by name (the owner and managers may look)."""
    require_role(actor, Role.MANAGER, "see the staff list")
    at = at or clock()
    query = Clerk.select().order_by(Clerk.name)
    if not include_inactive:
        query = query.where(Clerk.active == True)  # noqa: E712 - peewee expression
    return [
        StaffRow(ClerkId(c.id), c.name, Role(c.role), c.active, c.pin_hash == NO_PIN, locked_at(c, at), c.created_at)
        for c in query
    ]


def add_staff(actor: Actor, name: str, role: Role | str, *, at: dt.datetime | None = None) -> ClerkId:
    """The owner adds a person with no PIN: they choose their own at their first log-in."""
    require_role(actor, Role.OWNER, "add staff")
    role = Role(role)
    name = required_text(name, "the person's name", maximum=60)
    with unit_of_work(actor, "add_staff", at) as work:
        refuse_a_taken_name(name)
        clerk = Clerk.create(name=name, role=role.value, pin_hash=NO_PIN, created_at=work.at)
        work.inserted(clerk)
    return ClerkId(clerk.id)


def _person(clerk_id: int) -> Clerk:
    clerk = Clerk.get_or_none(Clerk.id == clerk_id)
    if clerk is None:
        raise NotFound("That person is not on the staff list any more.")
    return clerk


def _is_last_owner(clerk: Clerk) -> bool:
    """The only active owner."""
    return Role(clerk.role) is Role.OWNER and clerk.active and not Clerk.select().where(
        (Clerk.id != clerk.id) & (Clerk.active == True) & (Clerk.role == Role.OWNER.value)  # noqa: E712
    ).exists()


def _save(work: UnitOfWork, clerk: Clerk, **values) -> None:
    before = work.before(clerk)
    for field, value in values.items():
        setattr(clerk, field, value)
    clerk.save()
    work.updated(clerk, before)


def change_role(actor: Actor, clerk_id: int, role: Role | str, *, at: dt.datetime | None = None) -> None:
    """The owner makes someone a clerk, a manager or an owner (they log in again to use it)."""
    require_role(actor, Role.OWNER, "change someone's role")
    role = Role(role)
    with unit_of_work(actor, "change_role", at) as work:
        clerk = _person(clerk_id)
        if Role(clerk.role) is role:
            raise Refused(f"{clerk.name} is a {role.value} already.")
        if _is_last_owner(clerk):
            raise Refused(f"{clerk.name} is the only owner: make someone else an owner first, "
                          "then change this role.")
        _save(work, clerk, role=role.value)


def reset_pin(actor: Actor, clerk_id: int, *, at: dt.datetime | None = None) -> str:
    """The owner resets anyone's PIN, a manager a clerk's: the person chooses a new one at
    their next log-in (the old one no longer works), and their name is unlocked. Returns the name."""
    require_role(actor, Role.CLERK, "reset a PIN")
    with unit_of_work(actor, "reset_pin", at) as work:
        clerk = _person(clerk_id)
        require_may_reset(actor, clerk.name, Role(clerk.role))
        if clerk.id == actor.id:
            raise Refused("You cannot reset your own PIN while you are logged in with it: "
                          "another owner can reset it for you.")
        _save(work, clerk, pin_hash=NO_PIN, failed_pins=0, lockouts=0, locked_until=None)
    return clerk.name


def deactivate(actor: Actor, clerk_id: int, *, at: dt.datetime | None = None) -> str:
    """The owner turns off someone's login (they left): they can no longer log in, and
    everything they did keeps their name. Returns the name."""
    require_role(actor, Role.OWNER, "turn off someone's login")
    with unit_of_work(actor, "deactivate_staff", at) as work:
        clerk = _person(clerk_id)
        if not clerk.active:
            raise Refused(f"{clerk.name}'s login is turned off already.")
        if _is_last_owner(clerk):
            raise Refused(f"{clerk.name} is the only owner: the dealership always keeps one. "
                          "Make someone else an owner first.")
        if clerk.id == actor.id:
            raise Refused("You cannot turn off your own login while you are using it: another owner can.")
        _save(work, clerk, active=False)
    return clerk.name


def reactivate(actor: Actor, clerk_id: int, *, at: dt.datetime | None = None) -> str:
    """The owner turns someone's login back on (they log in with the PIN they had). Returns the name."""
    require_role(actor, Role.OWNER, "turn someone's login back on")
    with unit_of_work(actor, "reactivate_staff", at) as work:
        clerk = _person(clerk_id)
        if clerk.active:
            raise Refused(f"{clerk.name} is active already.")
        _save(work, clerk, active=True)
    return clerk.name
