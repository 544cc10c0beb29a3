"""What every service shares: the acting clerk, role checks, the unit of work."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator, NewType

from ..domain.errors import InvalidInput, NotAllowed
from ..domain.roles import Role
from ..store import journal
from ..store.database import write_transaction
from ..store.models import Model

ClerkId = NewType("ClerkId", int)
CustomerId = NewType("CustomerId", int)
AgreementId = NewType("AgreementId", int)
VehicleId = NewType("VehicleId", int)


@dataclass(frozen=True)
class Actor:
    """The logged-in clerk a service acts for (from ``auth.log_in``).

    Attributes:
      id, name: the clerk's row and name.
      role: clerk, manager or owner.
    """

    id: ClerkId
    name: str
    role: Role

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else ""


def require_role(actor: Actor, role: Role, what: str) -> None:
    """Refuse unless ``actor`` is at least ``role``."""
    if not isinstance(actor, Actor):
        raise NotAllowed("Please log in first.")
    if not actor.role.at_least(role):
        if role is Role.OWNER:
            raise NotAllowed(f"Only the owner can {what}. Please ask the owner.")
        raise NotAllowed(f"Only a {role.value} can {what}. Ask a {role.value} to approve it.")


def approver_for(actor: Actor, approved_by: Actor | None, what: str) -> Actor:
    """The manager who approves ``what``: the actor if a manager, else ``approved_by``."""
    require_role(actor, Role.CLERK, what)
    if actor.role.at_least(Role.MANAGER):
        return actor
    if approved_by is None:
        raise NotAllowed(f"A manager must approve: {what}. Ask a manager to type their PIN.")
    require_role(approved_by, Role.MANAGER, what)
    return approved_by


def required_text(text: str | None, what: str, *, minimum: int = 1, maximum: int = 2000) -> str:
    value = " ".join(str(text or "").split())
    if len(value) < minimum:
        raise InvalidInput(f"Please type {what}.")
    if len(value) > maximum:
        raise InvalidInput(f"{what[0].upper()}{what[1:]} is too long (at most {maximum} characters).")
    return value


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
def unit_of_work(actor: Actor | None, action: str, at: dt.datetime) -> Iterator[UnitOfWork]:
    """One transaction; on success its changes become one journal row in it."""
    with write_transaction():
        work = UnitOfWork(actor, action, at)
        yield work
        if work.changes:
            work.journal_row = journal.append(action, work.changes, actor.id if actor else None, at)
