"""What every service shares: the acting clerk, role checks, the unit of work."""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Iterator, NewType

from ..domain.errors import NotAllowed
from ..domain.roles import Role
from ..domain.text import LINE_MAX, clean_text
from ..store import journal
from ..store.database import now as clock, write_transaction
from ..store.models import Clerk, Model, db

ClerkId = NewType("ClerkId", int)
CustomerId = NewType("CustomerId", int)
AgreementId = NewType("AgreementId", int)
VehicleId = NewType("VehicleId", int)


@dataclass(frozen=True)
class Actor:
    """The logged-in clerk a service acts for (from ``clerks.log_in``).

    Attributes:
      id, name: the clerk's row and name.
      role: clerk, manager or owner, as it was at the log-in (for the window's menus;
        every check reads the staff table again: :func:`require_role`).
      session: the log-in's token: an Actor made by hand has none and is refused.
    """

    id: ClerkId
    name: str
    role: Role
    session: str = field(default="", compare=False, repr=False)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else ""


#: The log-ins of this process: session token -> (clerk id, name, role) as logged in.
_SESSIONS: dict[str, tuple[int, str, Role]] = {}

_LOG_IN_FIRST = "Please log in first."


def session_for(clerk_id: int, name: str, role: Role) -> Actor:
    """A new log-in's Actor. Only ``clerks`` calls this, once a PIN has been checked
    (or the first owner made): an Actor made any other way is refused by every service."""
    token = secrets.token_hex(16)
    _SESSIONS[token] = (clerk_id, name, role)
    return Actor(ClerkId(clerk_id), name, role, token)


def end_session(actor: Actor | None) -> None:
    """The person logged out (or the counter locked): their Actor is refused from now on,
    so nothing kept from before (a window, a worker) acts for them."""
    if actor is not None:
        _SESSIONS.pop(actor.session, None)


def _staff_row(clerk_id: int) -> Clerk | None:
    """The clerk's row, read through this thread's connection (a worker thread that
    has none, such as a restore's, opens one for the read and closes it)."""
    if db.obj is None:
        return None
    if db.is_closed():
        with db.connection_context():
            return Clerk.get_or_none(Clerk.id == clerk_id)
    return Clerk.get_or_none(Clerk.id == clerk_id)


def role_of(actor: Actor | None) -> Role:
    """The role ``actor`` holds now, from the staff table; refused for an Actor no log-in
    of this program made (or made and then changed), a person no longer on file or whose
    login is turned off, and a role changed since the log-in."""
    if not isinstance(actor, Actor) or _SESSIONS.get(actor.session) != (actor.id, actor.name, actor.role):
        raise NotAllowed(_LOG_IN_FIRST)
    row = _staff_row(actor.id)
    if row is None or row.name != actor.name:
        raise NotAllowed(f"{actor.name} is not on the staff list of this database. Please log in again.")
    if not row.active:
        raise NotAllowed(f"{actor.name}'s login is turned off. Please ask the owner.")
    if Role(row.role) is not actor.role:
        raise NotAllowed(f"{actor.name} is now a {Role(row.role).value}. Please log in again.")
    return actor.role


def holds_role(actor: Actor | None, role: Role) -> bool:
    """Whether ``actor`` is at least ``role`` now (refused as :func:`role_of` refuses)."""
    return role_of(actor).at_least(role)


def require_role(actor: Actor | None, role: Role, what: str) -> None:
    """Refuse unless ``actor`` is at least ``role`` (read from the staff table)."""
    if not holds_role(actor, role):
        if role is Role.OWNER:
            raise NotAllowed(f"Only the owner can {what}. Please ask the owner.")
        raise NotAllowed(f"Only a {role.value} can {what}. Ask a {role.value} to approve it.")


def approver_for(actor: Actor, approved_by: Actor | None, what: str) -> Actor:
    """The manager who approves ``what``: the actor if a manager, else ``approved_by``."""
    if holds_role(actor, Role.MANAGER):
        return actor
    if approved_by is None:
        raise NotAllowed(f"A manager must approve: {what}. Ask a manager to type their PIN.")
    require_role(approved_by, Role.MANAGER, what)
    return approved_by


def required_text(text: str | None, what: str, *, minimum: int = 1, maximum: int = 2000) -> str:
    """Typed text that must be there, on one line, through the one sanitiser (``clean_text``)."""
    return clean_text(text, what, minimum=minimum, maximum=maximum)


def optional_text(
    text: str | None, what: str, *, maximum: int = LINE_MAX, lines: bool = False, plural: bool = False
) -> str:
    """Typed text that may be empty ('' then), through the one sanitiser (``clean_text``);
    ``lines``: a note whose line breaks are kept."""
    return clean_text(text, what, maximum=maximum, lines=lines, plural=plural)


@dataclass
class UnitOfWork:
    """Collects the rows a service touches, for its one journal row."""

    actor: Actor | None
    action: str
    at: dt.datetime
    changes: list[journal.Change] = field(default_factory=list)
    journal_row: object | None = None

    def inserted(self, instance: Model, *, allocations: list | None = None) -> None:
        """Journal a row just inserted (a ledger entry's ``allocations`` may be given
        when just written, as ``[bucket, installment, amount]`` in the order inserted)."""
        self.changes.append(journal.Change(
            journal.table_of(instance), str(instance.get_id()), None, journal.snapshot(instance, allocations)
        ))

    def before(self, instance: Model) -> dict:
        """Take a row's image before changing it; pass it to ``updated`` after saving."""
        return journal.snapshot(instance)

    def updated(self, instance: Model, before: dict) -> None:
        old, new = journal.diff(before, journal.snapshot(instance))
        if new:
            self.changes.append(journal.Change(journal.table_of(instance), str(instance.get_id()), old, new))

    def deleted(self, instance: Model) -> None:
        """Journal a row about to be removed (call before deleting it): its whole image, then None."""
        self.changes.append(
            journal.Change(journal.table_of(instance), str(instance.get_id()), journal.snapshot(instance), None)
        )

    def record(self, table: str, key: str, before: dict | None, after: dict) -> None:
        """A change to rows journaled as a group (e.g. an agreement's schedule)."""
        self.changes.append(journal.Change(table, key, before, after))

    @property
    def code(self) -> str:
        return journal.short_code(self.journal_row.hash) if self.journal_row is not None else ""


@contextlib.contextmanager
def unit_of_work(actor: Actor | None, action: str, at: dt.datetime | None = None) -> Iterator[UnitOfWork]:
    """One transaction; on success its changes become one journal row in it.

    ``at``: the time of what is done; when not given, it is read once the write lock is
    held (``work.at``), so a counter that waited for another counter's write never stamps
    its own before it, and a drawer close sees every payment stamped before its time."""
    with write_transaction():
        work = UnitOfWork(actor, action, at or clock())
        yield work
        if work.changes:
            work.journal_row = journal.append(action, work.changes, actor.id if actor else None, work.at)
