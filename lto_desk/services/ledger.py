"""Reading an agreement's stored ledger into the domain rules, and keeping its cache.

The agreement row caches status, paid-through, installments paid, principal
remaining, and what the outlook needs (paid toward the next installment, the
fee carry: see domain/outlook.py). They are refreshed from a replay of the entries inside
the same transaction as every entry, and `verify` recomputes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from peewee import Expression

from ..domain.ledger import AgreementState, Entry, EntryKind, Status, replay
from ..domain.outlook import cached_parts
from ..domain.terms import Frequency, Installment, LateFeePolicy
from ..store.models import Agreement, LedgerEntry
from ..store.reads import entry_rows, schedule_rows
from .base import UnitOfWork

CACHED_FIELDS = (
    "status", "paid_through", "installments_paid", "principal_remaining", "closed_on", "paid_toward_next", "fee_carry",
)


def policy_of(agreement: Agreement) -> LateFeePolicy:
    return LateFeePolicy(
        grace_days=agreement.grace_days,
        flat=agreement.fee_flat,
        percent_bp=agreement.fee_percent_bp,
        cap=agreement.fee_cap,
    )


def frequency_of(agreement: Agreement) -> Frequency:
    return Frequency(agreement.frequency)


def to_entry(row: LedgerEntry) -> Entry:
    return Entry(
        id=row.id,
        kind=EntryKind(row.kind),
        on=row.entry_date,
        amount=row.amount,
        reverses=row.reverses_id,
        installment=row.installment_number,
    )


_KINDS = {k.value: k for k in EntryKind}


def live_payments() -> Expression:
    """The query condition for ledger entries no void has taken back: only live
    payments, not voided ones, count. Add it to a ``where`` that picks the kinds
    (``domain.ledger.voided`` is the same rule over entries already read)."""
    voids = LedgerEntry.select(LedgerEntry.reverses).where(LedgerEntry.kind == EntryKind.VOID.value)
    return LedgerEntry.id.not_in(voids)


@dataclass(frozen=True)
class Ledger:
    """An agreement's schedule, fee policy and entries, loaded once per use case."""

    schedule: tuple[Installment, ...]
    policy: LateFeePolicy
    entries: tuple[Entry, ...]

    def state(self, as_of: dt.date) -> AgreementState:
        return replay(self.schedule, self.policy, self.entries, as_of)

    def plus(self, row: LedgerEntry) -> "Ledger":
        """The same ledger with a just-written entry added (no reload)."""
        return replace(self, entries=self.entries + (to_entry(row),))


def load_ledger(agreement: Agreement, *, up_to_id: int | None = None) -> Ledger:
    """The agreement's schedule, fee policy and entries (those up to ``up_to_id``).

    Two plain indexed queries, dates read with ``stored_day``: this runs on every
    payment, card and report, and building the queries and parsing each date
    through the models cost several times more than reading the rows."""
    return ledger_with(agreement, [
        Entry(i, _KINDS[k], on, amount, reverses, number)
        for i, k, on, amount, reverses, number in entry_rows(agreement.id, up_to_id)
    ])


def ledger_with(agreement: Agreement, entries: list[Entry]) -> Ledger:
    """The agreement's schedule and fee policy with entries already read (in posting order)."""
    return Ledger(
        tuple(Installment(n, due, amount) for n, due, amount in schedule_rows(agreement.id)),
        policy_of(agreement),
        tuple(entries),
    )


def state_of(agreement: Agreement, as_of: dt.date, *, up_to_id: int | None = None) -> AgreementState:
    """The agreement's state as of a date (entries posted after ``up_to_id`` left out)."""
    return load_ledger(agreement, up_to_id=up_to_id).state(as_of)


def cache_values(state: AgreementState, closed_on: dt.date | None) -> dict:
    toward_next, fee_carry = cached_parts(state)
    return {
        "status": state.status.value,
        "paid_through": state.paid_through,
        "installments_paid": state.installments_paid,
        "principal_remaining": state.principal_remaining,
        "closed_on": closed_on,
        "paid_toward_next": toward_next,
        "fee_carry": fee_carry,
    }


def refresh(work: UnitOfWork, agreement: Agreement, on: dt.date, ledger: Ledger | None = None) -> AgreementState:
    """Recompute the agreement's cache from its entries (inside ``work``) and return
    its state. What a change of status brings (a payoff, a payoff undone) is
    ``dealership_events.standing_changed``'s, called by the use case.
    ``ledger``: the entries already loaded, the new one included."""
    ledger = ledger or load_ledger(agreement)
    state = ledger.state(max(on, agreement.opened_on))
    closed_on = agreement.closed_on if agreement.status == state.status.value else None
    if state.status is not Status.ACTIVE and closed_on is None:
        closed_on = on
    values = cache_values(state, closed_on)
    before = work.before(agreement)
    for k, v in values.items():
        setattr(agreement, k, v)
    agreement.save(only=[getattr(Agreement, k) for k in CACHED_FIELDS])
    work.updated(agreement, before)
    return state
