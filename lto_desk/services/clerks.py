"""Clerk logins: PINs as argon2id hashes, lockouts that grow, manager approval.

Lockouts: five wrong PINs lock the name for a minute; five more after it, for 15
minutes; five more, until a manager (or the owner) unlocks it — or, when nobody else
could (a dealer with no other manager), for a day each time. A good log-in, a PIN
change or an unlock starts the count again. Every change to a clerk's row (a wrong
PIN counted too) is journaled, so ``verify`` sees a lock or a PIN hash set by hand.

A person the owner added, or whose PIN was reset, has no PIN (:data:`NO_PIN`): they
choose their own at their next log-in (:func:`choose_pin`), so nobody else knows it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ..domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import Clerk
from .base import Actor, ClerkId, UnitOfWork, holds_role, require_role, required_text, session_for, unit_of_work

MAX_WRONG_PINS = 5
#: How long each lockout in a row lasts; after the last, until a manager unlocks it.
LOCKOUTS = (dt.timedelta(minutes=1), dt.timedelta(minutes=15))
#: The lockout after those when nobody else could unlock it.
LOCKED_ALONE = dt.timedelta(days=1)


class LockedOut(NotAllowed):
    """A name locked after wrong PINs: ``clerk_id``'s; ``needs_manager``: only a manager's
    unlock (:func:`unlock_clerk`) opens it."""

    def __init__(self, message: str, clerk_id: int, *, needs_manager: bool = False) -> None:
        super().__init__(message)
        self.clerk_id = clerk_id
        self.needs_manager = needs_manager

class NewPinNeeded(NotAllowed):
    """The person has no PIN yet (just added, or theirs was reset): whatever was typed,
    they choose a new one (:func:`choose_pin`). ``clerk_id``: whose."""

    def __init__(self, message: str, clerk_id: int) -> None:
        super().__init__(message)
        self.clerk_id = clerk_id


#: The stored PIN hash of a person who must choose a new PIN at their next log-in (no
#: argon2 hash is empty, so no PIN typed can ever match it).
NO_PIN = ""


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
    return session_for(ClerkId(clerk.id), clerk.name, Role(clerk.role))


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
    refuse_a_taken_name(name)
    with unit_of_work(actor, "create_clerk", at) as work:
        clerk = Clerk.create(name=name, role=role.value, pin_hash=_hasher().hash(pin), created_at=at)
        work.inserted(clerk)
    return _actor(clerk)


def refuse_a_taken_name(name: str) -> None:
    """Names are unique among everyone ever on the staff (history shows them by name)."""
    taken = Clerk.get_or_none(Clerk.name == name)
    if taken is None:
        return
    if taken.active:
        raise Refused(f"There is already someone named {name}. Add the new person with their last name "
                      "or an initial too.")
    raise Refused(f"There is already someone named {name} (no longer active). Reactivate them if they are "
                  "back, or add the new person with their last name or an initial too.")


def _someone_else_could_unlock(clerk: Clerk) -> bool:
    """Another active manager or owner whose own name is not locked for good."""
    return Clerk.select().where(
        (Clerk.id != clerk.id) & (Clerk.active == True)  # noqa: E712 - peewee expression
        & Clerk.role.in_([Role.MANAGER.value, Role.OWNER.value]) & (Clerk.lockouts <= len(LOCKOUTS))
    ).exists()


def _needs_manager(clerk: Clerk) -> bool:
    return clerk.lockouts > len(LOCKOUTS) and _someone_else_could_unlock(clerk)


def _wait_words(wait: dt.timedelta) -> str:
    seconds = int(wait.total_seconds()) + 1
    if seconds < 120:
        return f"{seconds} seconds"
    if seconds < 2 * 3600:
        return f"{seconds // 60} minutes"
    return f"{seconds // 3600} hours"


def _locked_words(name: str, lockouts: int) -> str:
    if lockouts <= len(LOCKOUTS):
        span = "a minute" if lockouts == 1 else f"{int(LOCKOUTS[lockouts - 1].total_seconds()) // 60} minutes"
        more = "" if lockouts == 1 else " more"
        return f"That PIN is not right. {name} is locked for {span} after {MAX_WRONG_PINS}{more} tries."
    return f"That PIN is not right. {name} is locked for a day: too many wrong PINs, and nobody else can unlock it."


def _refuse_if_locked(clerk: Clerk, at: dt.datetime) -> None:
    if _needs_manager(clerk):
        raise LockedOut(f"{clerk.name} is locked after too many wrong PINs: a manager can unlock it.",
                        clerk.id, needs_manager=True)
    if clerk.locked_until and clerk.locked_until > at:
        raise LockedOut(f"Too many wrong PINs for {clerk.name}. Try again in {_wait_words(clerk.locked_until - at)}.",
                        clerk.id)


def _count_wrong_pin(clerk_id: int, at: dt.datetime) -> None:
    """One more wrong PIN for the clerk, journaled; the fifth locks the name."""
    with unit_of_work(None, "wrong_pin", at) as work:
        clerk = Clerk.get_by_id(clerk_id)
        before = work.before(clerk)
        clerk.failed_pins += 1
        locked = clerk.failed_pins >= MAX_WRONG_PINS
        if locked:
            clerk.failed_pins = 0
            clerk.lockouts += 1
            n = clerk.lockouts
            clerk.locked_until = at + (LOCKOUTS[n - 1] if n <= len(LOCKOUTS) else LOCKED_ALONE)
        clerk.save()
        work.updated(clerk, before)
    if not locked:
        left = MAX_WRONG_PINS - clerk.failed_pins
        raise NotAllowed(f"That PIN is not right. {left} {'try' if left == 1 else 'tries'} left.")
    if _needs_manager(clerk):
        raise LockedOut(f"That PIN is not right. {clerk.name} is locked after too many wrong PINs: "
                        "a manager can unlock it.", clerk.id, needs_manager=True)
    raise LockedOut(_locked_words(clerk.name, clerk.lockouts), clerk.id)


def _verify_or_count(clerk: Clerk, pin: str, at: dt.datetime) -> None:
    """Nothing if ``pin`` is the clerk's; else one more wrong PIN counted (and refused)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        _hasher().verify(clerk.pin_hash, str(pin or "").strip())
    except (VerificationError, InvalidHashError):
        _count_wrong_pin(clerk.id, at)


def _unlock(clerk: Clerk) -> None:
    """The clerk's wrong PINs and lockouts cleared (the caller saves and journals it)."""
    clerk.failed_pins, clerk.lockouts, clerk.locked_until = 0, 0, None


def _save_unlocked(work: UnitOfWork, clerk: Clerk) -> None:
    before = work.before(clerk)
    _unlock(clerk)
    clerk.save()
    work.updated(clerk, before)


def _active_named(name: str) -> Clerk:
    clerk = Clerk.get_or_none(Clerk.name == name)
    if clerk is None:
        raise NotFound(f"There is no clerk named {name}.")
    if not clerk.active:
        raise NotAllowed(f"{clerk.name}'s login is turned off. Please ask the owner.")
    return clerk


def log_in(name: str, pin: str, *, at: dt.datetime | None = None) -> Actor:
    """The clerk named ``name`` if ``pin`` is theirs; wrong PINs count toward a lockout
    (:class:`LockedOut` says a name is locked, and whether a manager must unlock it)."""
    at = at or clock()
    clerk = _active_named(name)
    _refuse_if_locked(clerk, at)
    if clerk.pin_hash == NO_PIN:
        raise NewPinNeeded(f"{clerk.name} has no PIN yet: they choose one at the log-in page of the window.", clerk.id)
    _verify_or_count(clerk, pin, at)
    if clerk.failed_pins or clerk.lockouts or clerk.locked_until:
        with unit_of_work(None, "log_in", at) as work:
            _save_unlocked(work, Clerk.get_by_id(clerk.id))
    return _actor(clerk)


def approve(name: str, pin: str, what: str, *, at: dt.datetime | None = None) -> Actor:
    """A manager's PIN typed inline to approve ``what``; returns that manager."""
    manager = log_in(name, pin, at=at)
    require_role(manager, Role.MANAGER, what)
    return manager


def choose_pin(name: str, new_pin: str, *, at: dt.datetime | None = None) -> Actor:
    """The person named ``name``, who has no PIN yet (:class:`NewPinNeeded`), chooses one;
    they are then logged in. Refused for anyone who has a PIN: only they know it."""
    pin = check_pin_format(new_pin)
    pin_hash = _hasher().hash(pin)  # before the write lock: hashing takes a moment
    found = _active_named(name)
    # The journal names the person who chose it (this Actor only signs the journal row:
    # no log-in made it, so no service would act for it).
    signer = Actor(ClerkId(found.id), found.name, Role(found.role))
    with unit_of_work(signer, "choose_pin", at) as work:
        clerk = Clerk.get_by_id(found.id)  # read again under the write lock
        if not clerk.active:
            raise NotAllowed(f"{clerk.name}'s login is turned off. Please ask the owner.")
        if clerk.pin_hash != NO_PIN:
            raise Refused(f"{clerk.name} has a PIN already: type it to log in, or ask the owner to reset it.")
        before = work.before(clerk)
        clerk.pin_hash = pin_hash
        _unlock(clerk)
        clerk.save()
        work.updated(clerk, before)
    return _actor(clerk)


def require_may_reset(actor: Actor | None, name: str, role: Role) -> None:
    """Whether ``actor`` may reset the PIN of ``name``, a ``role``: the owner anyone's, a
    manager a clerk's (refused as :func:`~.base.require_role` refuses, else)."""
    needed = Role.MANAGER if role is Role.CLERK else Role.OWNER
    if not holds_role(actor, needed):
        if needed is Role.OWNER:
            raise NotAllowed(f"Only the owner can reset {name}'s PIN. Please ask the owner.")
        raise NotAllowed(f"Only a manager or the owner can reset {name}'s PIN. Please ask a manager.")


def change_pin(actor: Actor, clerk_id: int, new_pin: str, *, at: dt.datetime | None = None) -> None:
    """A clerk changes their own PIN; another's is changed (and unlocked) by whoever may
    reset it (:func:`require_may_reset`)."""
    require_role(actor, Role.CLERK, "change a PIN")
    pin = check_pin_format(new_pin)
    with unit_of_work(actor, "change_pin", at or clock()) as work:
        clerk = Clerk.get_or_none(Clerk.id == clerk_id)
        if clerk is None:
            raise NotFound("That clerk is not on file any more.")
        if actor.id != clerk_id:
            require_may_reset(actor, clerk.name, Role(clerk.role))
        before = work.before(clerk)
        clerk.pin_hash = _hasher().hash(pin)
        _unlock(clerk)
        clerk.save()
        work.updated(clerk, before)


def change_own_pin(actor: Actor, current_pin: str, new_pin: str, *, at: dt.datetime | None = None) -> None:
    """The person logged in changes their own PIN, typing the one they have first: a wrong
    one counts toward the lockout exactly as at the log-in page (and changes nothing); the
    right one is replaced, the count starts again, and the journal names the person."""
    require_role(actor, Role.CLERK, "change a PIN")
    if not str(current_pin or "").strip():
        raise InvalidInput("Please type your current PIN.")
    pin = check_pin_format(new_pin)
    at = at or clock()
    clerk = Clerk.get_by_id(actor.id)
    _refuse_if_locked(clerk, at)
    if clerk.pin_hash == NO_PIN:
        raise NotAllowed(f"{clerk.name}'s PIN was reset: lock the counter, then pick your name at the log-in "
                         "page to choose a new one.")
    _verify_or_count(clerk, current_pin, at)
    if pin == str(current_pin).strip():
        raise InvalidInput("The new PIN is the same as the one you have: please choose another.")
    pin_hash = _hasher().hash(pin)  # before the write lock: hashing takes a moment
    with unit_of_work(actor, "change_own_pin", at) as work:
        clerk_now = Clerk.get_by_id(actor.id)  # read again under the write lock
        if clerk_now.pin_hash != clerk.pin_hash:
            raise Refused("Your PIN was changed meanwhile (reset, or changed at another counter). "
                          "Nothing was changed here.")
        before = work.before(clerk_now)
        clerk_now.pin_hash = pin_hash
        _unlock(clerk_now)
        clerk_now.save()
        work.updated(clerk_now, before)


def locked_at(clerk: Clerk, at: dt.datetime) -> bool:
    """Whether the row's name is locked at ``at`` (for a while, or until a manager unlocks it)."""
    return bool(clerk.locked_until and clerk.locked_until > at) or _needs_manager(clerk)


def is_locked_for_manager(name: str) -> bool:
    """Whether ``name`` is locked until a manager unlocks it (the log-in page says so)."""
    clerk = Clerk.get_or_none((Clerk.name == name) & (Clerk.active == True))  # noqa: E712
    return clerk is not None and _needs_manager(clerk)


def unlock_clerk(actor: Actor, clerk_id: int, *, at: dt.datetime | None = None) -> str:
    """A manager or the owner unlocks a name locked after wrong PINs (journaled); returns its name."""
    require_role(actor, Role.MANAGER, "unlock a login")
    with unit_of_work(actor, "unlock_clerk", at or clock()) as work:
        clerk = Clerk.get_or_none(Clerk.id == clerk_id)
        if clerk is None:
            raise NotFound("That clerk is not on file any more.")
        _save_unlocked(work, clerk)
    return clerk.name
