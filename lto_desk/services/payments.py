"""Taking a payment at the counter and voiding one; what a receipt needs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TypeVar

from peewee import fn

from ..domain.errors import NotFound, Refused
from ..domain.ledger import Allocation, AllocationLine, Bucket, EntryKind, Status, preview_payment
from ..domain.money import Cents, format_money
from ..domain.payment import Method, Tender, check_tender
from ..domain.roles import Role
from ..store import reads
from ..store.journal import rows_touching, short_code, table_of
from ..store.models import (
    Agreement,
    Clerk,
    Counter,
    Customer,
    LedgerEntry,
    Vehicle,
)
from ..store.rows import by_id, by_key, insert_row
from .base import Actor, UnitOfWork, approver_for, require_role, required_text, unit_of_work
from .customers import touch
from .dealership_events import standing_changed
from .drawer import session_for_money
from .in_order import refuse_out_of_order
from .ledger import live_payments, load_ledger, refresh, state_of

Row = TypeVar("Row", Customer, Vehicle, Clerk)


@dataclass(frozen=True)
class PaymentResult:
    """Everything a receipt shows about one posted payment.

    Attributes:
      receipt_number: gapless, never reused. entry_id: its ledger entry.
      posted_at: when it was posted. clerk_name: who took it.
      customer_*: who paid (display name and printing language).
      vehicle / vin_tail: what it is for.
      amount, tender: what was paid and how (tendered, change, reference).
      fees, past_due, current, ahead: the split of the amount.
      balance_after: the payoff after this payment.
      installments_paid / number_of_payments: "payment n of N".
      next_due / next_due_amount: the next installment after this payment.
      paid_off: this payment settled the agreement.
      down_payment: taken at signing, outside the schedule.
      voided: the payment was voided later (a reprint shows it).
      journal_code: short code of the journal row that recorded it.
    """

    receipt_number: int
    entry_id: int
    agreement_id: int
    posted_at: dt.datetime
    clerk_name: str
    customer_id: int
    customer_name: str
    customer_language: str
    vehicle: str
    vin_tail: str
    amount: Cents
    tender: Tender
    memo: str
    fees: Cents
    past_due: Cents
    current: Cents
    ahead: Cents
    balance_after: Cents
    installments_paid: int
    number_of_payments: int
    next_due: dt.date | None
    next_due_amount: Cents
    paid_off: bool
    down_payment: bool
    voided: bool
    journal_code: str


@dataclass(frozen=True)
class VoidResult:
    """A voided payment: the original receipt keeps its number.

    Attributes: receipt_number and amount of the voided payment; void_entry_id;
    reason; approved_by (manager's name); voided_at; balance_after (payoff now);
    journal_code.
    """

    receipt_number: int
    amount: Cents
    void_entry_id: int
    customer_name: str
    reason: str
    approved_by: str
    clerk_name: str
    voided_at: dt.datetime
    balance_after: Cents
    journal_code: str


def _agreement(agreement_id: int) -> Agreement:
    agreement = by_id(Agreement, agreement_id)
    if agreement is None:
        raise NotFound("That agreement is not on file.")
    return agreement


def _next_receipt_number() -> int:
    """Advance the receipt counter. Only inside the paying transaction, so a
    rolled-back payment gives its number back and numbers never skip."""
    number = reads.next_receipt_number()
    if number is None:
        raise Counter.DoesNotExist("The receipt counter is missing.")
    return number


def _posted_receipt(request_id: str) -> int | None:
    """The receipt number of the payment already posted for ``request_id`` (indexed, unique)."""
    return reads.receipt_of_request(request_id)


def take_payment(
    actor: Actor,
    agreement_id: int,
    amount: Cents,
    method: Method | str = Method.CASH,
    *,
    tendered: Cents | None = None,
    reference: str = "",
    memo: str = "",
    request_id: str | None = None,
    at: dt.datetime | None = None,
) -> PaymentResult:
    """Post a payment: allocate it, give it the next receipt number, journal it.

    ``request_id`` makes a second post of the same form return the first
    result instead of posting twice (a double Enter or double click).
    """
    require_role(actor, Role.CLERK, "take payments")
    memo = required_text(memo, "the memo", minimum=0, maximum=200)
    if request_id:
        done = _posted_receipt(request_id)
        if done is not None:
            return _recorded_receipt(done)
    tender = check_tender(amount, method, tendered, reference)
    # The time, the drawer session and the agreement's latest entry are read once the write
    # lock is held: another counter's payment or drawer close cannot slip in between.
    with unit_of_work(actor, "take_payment", at) as work:
        at = work.at
        agreement = _agreement(agreement_id)
        refuse_out_of_order(agreement.id, at, "posted", "take the payment")
        session = session_for_money("take the payment")
        ledger = load_ledger(agreement)
        allocation = preview_payment(ledger.state(at.date()), amount, at.date())
        entry = insert_row(LedgerEntry(
            agreement=agreement.id, kind=EntryKind.PAYMENT.value, entry_date=at.date(), created_at=at,
            amount=amount, clerk=actor.id, method=tender.method.value, tendered=tender.tendered,
            change_given=tender.change, reference=tender.reference, memo=memo,
            receipt_number=_next_receipt_number(), request_id=request_id, drawer_session=session,
        ))
        work.inserted(entry, allocations=_store_allocation(entry, allocation))
        was = agreement.status
        after = refresh(work, agreement, at.date(), ledger.plus(entry))
        standing_changed(work, agreement, was, after)
        customer = by_id(Customer, agreement.customer_id)
        touch(work, customer, at)
    # The state just worked out is the receipt's "after": no third replay.
    return _result(entry, agreement, customer, by_id(Vehicle, agreement.vehicle_id), after, allocation, actor.name,
                   voided=False, code=work.code)


def _store_allocation(entry: LedgerEntry, allocation: Allocation) -> list[list]:
    """Store the payment's split; returns its lines as the journal images them."""
    lines = [[l.bucket.value, l.installment, l.amount] for l in allocation.lines]
    reads.insert_allocation(entry.id, lines)
    return lines


def take_down_payment(work: UnitOfWork, actor: Actor, agreement: Agreement, amount: Cents, tender: Tender, at: dt.datetime) -> LedgerEntry:
    """The down payment at signing (inside open_agreement's unit of work), through the
    counter's open drawer session (refused, so nothing is opened, when the drawer is not open)."""
    session = session_for_money("take the down payment")
    entry = LedgerEntry.create(
        agreement=agreement.id, kind=EntryKind.DOWN_PAYMENT.value, entry_date=at.date(), created_at=at,
        amount=amount, clerk=actor.id, method=tender.method.value, tendered=tender.tendered,
        change_given=tender.change, reference=tender.reference, memo="Down payment",
        receipt_number=_next_receipt_number(), drawer_session=session,
    )
    work.inserted(entry)
    return entry


def receipt_for(actor: Actor, receipt_number: int) -> PaymentResult:
    """A receipt's data as it was printed (for a reprint, marked COPY by the caller): the
    customer, vehicle and clerk as their rows were when the payment was recorded."""
    require_role(actor, Role.CLERK, "read a receipt")
    return _recorded_receipt(receipt_number)


def _recorded_receipt(receipt_number: int) -> PaymentResult:
    """:func:`receipt_for`'s reading, for a payment just recorded (its actor was checked)."""
    entry = by_key(LedgerEntry.receipt_number, receipt_number)
    if entry is None:
        raise NotFound(f"There is no receipt number {receipt_number}.")
    agreement = by_id(Agreement, entry.agreement_id)
    recorded = rows_touching("ledger_entry", str(entry.id), limit=1)
    recorded_id = recorded[0].id if recorded else None
    customer = _as_recorded(by_id(Customer, agreement.customer_id), recorded_id)
    vehicle = _as_recorded(by_id(Vehicle, agreement.vehicle_id), recorded_id)
    clerk = _as_recorded(by_id(Clerk, entry.clerk_id), recorded_id)
    # The state right after this entry, as of its day: what the receipt said then.
    after = state_of(agreement, entry.entry_date, up_to_id=entry.id)
    split = Allocation(tuple(
        AllocationLine(Bucket(bucket), number, amount) for bucket, number, amount in reads.allocation_rows(entry.id)
    ))
    voided = reads.is_reversed(entry.id, EntryKind.VOID.value)
    code = short_code(recorded[0].hash) if recorded else ""
    return _result(entry, agreement, customer, vehicle, after, split, clerk.name, voided=voided, code=code)


def _as_recorded(row: Row, journal_id: int | None) -> Row:
    """``row`` as it stood right after journal row ``journal_id``: each later change to it
    taken back, newest first, through the before-image the journal keeps of it (a name
    changed since a payment is not what its receipt printed)."""
    if journal_id is None:
        return row
    table, key = table_of(row), str(row.get_id())
    later = rows_touching(table, key, after_id=journal_id)  # a customer touched by every payment since
    if not later:
        return row
    fields = {f.column_name: f for f in row._meta.sorted_fields if not f.primary_key}
    was = type(row)(**row.__data__)
    for journal_row in reversed(later):
        for changed_table, changed_key, before, _after in reversed(json.loads(journal_row.changes)):
            if changed_table == table and changed_key == key and before:
                for column, value in before.items():
                    if column in fields:
                        was.__data__[fields[column].name] = fields[column].python_value(value)
    return was


def _result(
    entry: LedgerEntry, agreement: Agreement, customer: Customer, vehicle: Vehicle, after, split: Allocation,
    clerk_name: str, *, voided: bool, code: str,
) -> PaymentResult:
    return PaymentResult(
        receipt_number=entry.receipt_number,
        entry_id=entry.id,
        agreement_id=agreement.id,
        posted_at=entry.created_at,
        clerk_name=clerk_name,
        customer_id=customer.id,
        customer_name=customer.display_name,
        customer_language=customer.language,
        vehicle=vehicle.description,
        vin_tail=vehicle.vin_tail,
        amount=entry.amount,
        tender=Tender(Method(entry.method), entry.tendered, entry.change_given, entry.reference),
        memo=entry.memo,
        fees=split.fees,
        past_due=split.past_due,
        current=split.current,
        ahead=split.ahead,
        balance_after=after.payoff,
        installments_paid=after.installments_paid,
        number_of_payments=after.number_of_payments,
        next_due=after.next_due,
        next_due_amount=after.next_due_amount,
        paid_off=after.status is Status.PAID_OFF and entry.kind == EntryKind.PAYMENT.value,
        down_payment=entry.kind == EntryKind.DOWN_PAYMENT.value,
        voided=voided,
        journal_code=code,
    )


def void_payment(
    actor: Actor,
    receipt_number: int,
    reason: str,
    *,
    approved_by: Actor | None = None,
    at: dt.datetime | None = None,
) -> VoidResult:
    """Void a payment with a reversing entry (manager only; reason required).

    The payment stays on file under its receipt number; later payments
    re-allocate as if it had never been made.
    """
    manager = approver_for(actor, approved_by, "void a payment")
    reason = required_text(reason, "the reason for the void", minimum=3, maximum=300)
    with unit_of_work(actor, "void_payment", at) as work:
        at = work.at
        original = LedgerEntry.get_or_none(LedgerEntry.receipt_number == receipt_number)
        if original is None:
            raise NotFound(f"There is no receipt number {receipt_number}.")
        if original.kind not in (EntryKind.PAYMENT.value, EntryKind.DOWN_PAYMENT.value):
            raise Refused(f"Receipt {receipt_number} is not a payment.")
        if LedgerEntry.select().where(LedgerEntry.reverses == original.id).exists():
            raise Refused(f"Receipt {receipt_number} was already voided.")
        agreement = Agreement.get_by_id(original.agreement_id)
        refuse_out_of_order(agreement.id, at, "voided", "void the payment")
        session = session_for_money("void the payment")
        void = LedgerEntry.create(
            agreement=agreement.id, kind=EntryKind.VOID.value, entry_date=at.date(), created_at=at,
            amount=original.amount, clerk=actor.id, approved_by=manager.id, reverses=original.id,
            reason=reason, drawer_session=session,
        )
        work.inserted(void)
        was = agreement.status
        state = refresh(work, agreement, at.date())
        standing_changed(work, agreement, was, state)
        if state.refunded > state.paid_in:
            raise Refused(
                f"Receipt {receipt_number} cannot be voided: a goodwill refund of {format_money(state.refunded)} "
                "was already paid back against these payments. Nothing was voided."
            )
    customer = Customer.get_by_id(agreement.customer_id)
    return VoidResult(
        receipt_number=receipt_number,
        amount=original.amount,
        void_entry_id=void.id,
        customer_name=customer.display_name,
        reason=reason,
        approved_by=manager.name,
        clerk_name=actor.name,
        voided_at=at,
        balance_after=state.payoff,
        journal_code=work.code,
    )


def cash_received_today(actor: Actor, customer_id: int, on: dt.date) -> Cents:
    """Cash taken from one customer on one day (for the IRS Form 8300 reminder)."""
    require_role(actor, Role.CLERK, "see the cash a customer paid today")
    total = (
        LedgerEntry.select(fn.COALESCE(fn.SUM(LedgerEntry.amount), 0))
        .join(Agreement)
        .where(
            (Agreement.customer == customer_id)
            & (LedgerEntry.entry_date == on)
            & (LedgerEntry.method == Method.CASH.value)
            & (LedgerEntry.kind.in_([EntryKind.PAYMENT.value, EntryKind.DOWN_PAYMENT.value]))
            & live_payments()
        )
        .scalar()
    )
    return int(total or 0)


def form_8300_message(total: Cents) -> str:
    return (
        f"This customer has paid {format_money(total)} in cash today. Cash of $10,000 or more "
        "must be reported to the IRS on Form 8300 within 15 days. Please tell the manager."
    )
