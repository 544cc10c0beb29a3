"""Clerk logins: PINs as argon2id hashes, lockout after wrong PINs, manager approval."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ..domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from ..domain.roles import Role
from ..store.database import now as clock, write_transaction
from ..store.models import Clerk
from .base import Actor, ClerkId, require_role, required_text, unit_of_work

MAX_WRONG_PINS = 5
LOCKOUT = dt.timedelta(minutes=1)

# argon2id at OWASP's recommended minimum (19 MiB, 2 passes): ~0.05 s on a counter PC,
# so log-ins and inline manager approvals stay quick. A 4–8 digit PIN is protected
# online by the lockout; no hash cost would save it offline, so more cost buys nothing.
@functools.cache
def _hasher():
    from argon2 import PasswordHasher  # loaded at the first PIN, not at every start

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@dataclass(frozen=True)
class ClerkInfo:
    id: ClerkId
    name: str
    role: Role
    active: bool


def check_pin_format(pin: str) -> str:
    pin = str(pin or "").strip()
    if not pin:
        raise InvalidInput("Please type a PIN.")
    if not pin.isascii() or not pin.isdigit():
        raise InvalidInput("A PIN has digits only.")
    if not 4 <= len(pin) <= 8:
        raise InvalidInput("A PIN has 4 to 8 digits.")
    return pin


def _actor(clerk: Clerk) -> Actor:
    return Actor(ClerkId(clerk.id), clerk.name, Role(clerk.role))


def list_clerks(include_inactive: bool = False) -> list[ClerkInfo]:
    query = Clerk.select().order_by(Clerk.name)
    if not include_inactive:
        query = query.where(Clerk.active == True)  # noqa: E712 - peewee expression
    return [ClerkInfo(ClerkId(c.id), c.name, Role(c.role), c.active) for c in query]


def has_clerks() -> bool:
    return Clerk.select().exists()


def create_clerk(actor: Actor | None, name: str, role: Role | str, pin: str, *, at: dt.datetime | None = None) -> Actor:
    """Add a clerk. The very first one (the owner) needs no actor; later ones need the owner."""
    first = not has_clerks()
    if not first:
        require_role(actor, Role.OWNER, "add clerks")
    role = Role(role)
    name = required_text(name, "the clerk's name", maximum=60)
    pin = check_pin_format(pin)
    at = at or clock()
    if first and role is not Role.OWNER:
        raise Refused("The first login must be the owner's.")
    if Clerk.select().where(Clerk.name == name).exists():
        raise Refused(f"There is already a clerk named {name}.")
    with unit_of_work(actor, "create_clerk", at) as work:
        clerk = Clerk.create(name=name, role=role.value, pin_hash=_hasher().hash(pin), created_at=at)
        work.inserted(clerk)
    return _actor(clerk)


def log_in(name: str, pin: str, *, at: dt.datetime | None = None) -> Actor:
    """The clerk named ``name`` if ``pin`` is theirs; wrong PINs count toward a lockout."""
    at = at or clock()
    clerk = Clerk.get_or_none((Clerk.name == name) & (Clerk.active == True))  # noqa: E712
    if clerk is None:
        raise NotFound(f"There is no clerk named {name}.")
    if clerk.locked_until and clerk.locked_until > at:
        wait = int((clerk.locked_until - at).total_seconds()) + 1
        raise NotAllowed(f"Too many wrong PINs for {name}. Try again in {wait} seconds.")
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        _hasher().verify(clerk.pin_hash, str(pin or "").strip())
    except (VerificationError, InvalidHashError):
        with write_transaction():
            fresh = Clerk.get_by_id(clerk.id)
            failed = fresh.failed_pins + 1
            locked = at + LOCKOUT if failed >= MAX_WRONG_PINS else None
            Clerk.update(failed_pins=0 if locked else failed, locked_until=locked).where(
                Clerk.id == clerk.id
            ).execute()
        if locked:
            raise NotAllowed(f"That PIN is not right. {name} is locked for a minute after {MAX_WRONG_PINS} tries.")
        left = MAX_WRONG_PINS - failed
        raise NotAllowed(f"That PIN is not right. {left} {'try' if left == 1 else 'tries'} left.")
    if clerk.failed_pins or clerk.locked_until:
        with write_transaction():
            Clerk.update(failed_pins=0, locked_until=None).where(Clerk.id == clerk.id).execute()
    return _actor(clerk)


def approve(name: str, pin: str, what: str, *, at: dt.datetime | None = None) -> Actor:
    """A manager's PIN typed inline to approve ``what``; returns that manager."""
    manager = log_in(name, pin, at=at)
    require_role(manager, Role.MANAGER, what)
    return manager


def change_pin(actor: Actor, clerk_id: int, new_pin: str, *, at: dt.datetime | None = None) -> None:
    """A clerk changes their own PIN; the owner may reset anyone's."""
    require_role(actor, Role.CLERK, "change a PIN")
    if actor.id != clerk_id:
        require_role(actor, Role.OWNER, "change another clerk's PIN")
    pin = check_pin_format(new_pin)
    with unit_of_work(actor, "change_pin", at or clock()) as work:
        clerk = Clerk.get_by_id(clerk_id)
        Clerk.update(pin_hash=_hasher().hash(pin), failed_pins=0, locked_until=None).where(
            Clerk.id == clerk_id
        ).execute()
        work.record("clerk_pin", str(clerk_id), None, {"changed_for": clerk.name})
