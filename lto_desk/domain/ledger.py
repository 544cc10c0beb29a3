"""An agreement's ledger replayed into its state as of a date.

The stored entries (payments, voids, waivers, a return, refunds) are never
changed. Everything else — what each payment paid, which late fees apply,
what is due now, paid-through, payoff — is derived here by replaying them in
order, so the same entries and the same "as of" date always give the same
answer, and a void simply takes its payment out of the replay (later payments
re-allocate by themselves).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Iterable, Sequence

from .errors import Refused
from .money import Cents, format_money
from .terms import Installment, LateFeePolicy


class EntryKind(str, Enum):
    """What a ledger entry records."""

    PAYMENT = "payment"  # money received, allocated to fees and installments
    DOWN_PAYMENT = "down_payment"  # money received at signing, outside the schedule
    VOID = "void"  # reverses one payment; the payment stays on file
    FEE_WAIVER = "fee_waiver"  # waives what is open of one installment's late fee
    RETURN = "return"  # vehicle handed back: nothing more is owed
    REFUND = "refund"  # goodwill cash paid back to the customer after a return
    # Brought over from another system at the import (services/importing.py): what had
    # been paid toward the schedule before these books (applied to the installments in
    # order, no money taken here), and the late fees owed then (on one installment).
    # Late fees whose day fell on or before the opening are the old system's: not charged again.
    OPENING = "opening"
    OPENING_FEE = "opening_fee"
    # A payment of the history brought over instead of an opening: allocated as a payment
    # is, on its own date, but received by the old system (no receipt, no drawer).
    PAST_PAYMENT = "past_payment"

    @property
    def receives_money(self) -> bool:
        return self in (EntryKind.PAYMENT, EntryKind.DOWN_PAYMENT)


class Status(str, Enum):
    ACTIVE = "active"
    PAID_OFF = "paid_off"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {"active": "Active", "paid_off": "Paid off", "returned": "Returned"}[self.value]


@dataclass(frozen=True)
class Entry:
    """One stored ledger entry, as the rules need it.

    Attributes:
      id: the entry's id; ids grow in posting order.
      kind: what it records.
      on: the business date it belongs to.
      amount: cents (payments, down payment, refund); 0 for the others.
      reverses: for a VOID, the id of the payment it voids.
      installment: for a FEE_WAIVER, the installment whose fee is waived; for an
        OPENING_FEE, the installment the fees owed at the opening sit on.
    """

    id: int
    kind: EntryKind
    on: dt.date
    amount: Cents = 0
    reverses: int | None = None
    installment: int | None = None


class Bucket(str, Enum):
    """Where part of a payment went, in the order they are served."""

    FEE = "fee"
    PAST_DUE = "past_due"
    CURRENT = "current"
    AHEAD = "ahead"


@dataclass(frozen=True)
class AllocationLine:
    bucket: Bucket
    installment: int
    amount: Cents


@dataclass(frozen=True)
class Allocation:
    """How one payment was split. The lines always sum to the payment."""

    lines: tuple[AllocationLine, ...]

    def total(self, bucket: Bucket | None = None) -> Cents:
        return sum(l.amount for l in self.lines if bucket is None or l.bucket is bucket)

    @property
    def fees(self) -> Cents:
        return self.total(Bucket.FEE)

    @property
    def past_due(self) -> Cents:
        return self.total(Bucket.PAST_DUE)

    @property
    def current(self) -> Cents:
        return self.total(Bucket.CURRENT)

    @property
    def ahead(self) -> Cents:
        return self.total(Bucket.AHEAD)


@dataclass
class _Line:
    """Mutable working state of one installment during a replay."""

    number: int
    due: dt.date
    amount: Cents
    paid: Cents = 0
    cancelled: bool = False
    fee: Cents = 0
    fee_on: dt.date | None = None
    fee_paid: Cents = 0
    fee_waived: Cents = 0

    @property
    def owed(self) -> Cents:
        return 0 if self.cancelled else self.amount - self.paid

    @property
    def fee_open(self) -> Cents:
        return self.fee - self.fee_paid - self.fee_waived


@dataclass(frozen=True)
class InstallmentState:
    """One installment as of the state's date.

    Attributes:
      number, due, amount: from the schedule.
      paid: cents paid toward it.
      cancelled: True when the vehicle was returned before it was paid.
      fee: late fee charged on it (0 if none); fee_on: the date charged.
      fee_paid, fee_waived: how the fee was settled so far.
    """

    number: int
    due: dt.date
    amount: Cents
    paid: Cents
    cancelled: bool
    fee: Cents
    fee_on: dt.date | None
    fee_paid: Cents
    fee_waived: Cents

    @property
    def owed(self) -> Cents:
        return 0 if self.cancelled else self.amount - self.paid

    @property
    def fee_open(self) -> Cents:
        return self.fee - self.fee_paid - self.fee_waived


@dataclass(frozen=True)
class AgreementState:
    """Everything the counter shows about an agreement, as of one date.

    Attributes:
      as_of: the date this state describes.
      status: active, paid off or returned.
      number_of_payments: N; installments_paid: n of the "payment n of N".
      paid_through: due date of the last installment paid in full (None if none).
      amount_due_now: open fees plus what is owed on installments due by as_of.
      past_due: owed on installments due before as_of (fees not included).
      days_late: days since the oldest unpaid due date before as_of (0 if none).
      next_due / next_due_amount: the first unpaid installment due after as_of.
      open_fees: late fees charged and neither paid nor waived.
      credit_ahead: paid toward installments not yet due.
      principal_remaining: owed on the schedule (fees not included).
      payoff: what settles the agreement today (principal_remaining + open_fees).
      total_paid: live (not voided) payments, down payment excluded.
      down_payment: live down payment received.
      fees_charged / fees_paid / fees_waived: late-fee totals.
      refunded: goodwill refunds paid out.
      paid_before: paid before these books (the import's opening, or its past payments).
      allocations: entry id -> how that payment was split in this replay.
      installments: per-installment detail.
      problems: inconsistencies met in the stored entries (empty when sound).
    """

    as_of: dt.date
    status: Status
    number_of_payments: int
    installments_paid: int
    paid_through: dt.date | None
    amount_due_now: Cents
    past_due: Cents
    days_late: int
    next_due: dt.date | None
    next_due_amount: Cents
    open_fees: Cents
    credit_ahead: Cents
    principal_remaining: Cents
    payoff: Cents
    total_paid: Cents
    down_payment: Cents
    fees_charged: Cents
    fees_paid: Cents
    fees_waived: Cents
    refunded: Cents
    regular_payment: Cents
    allocations: dict[int, Allocation] = field(compare=True, repr=False)
    installments: tuple[InstallmentState, ...] = field(repr=False)
    problems: tuple[str, ...] = ()
    paid_before: Cents = 0

    @property
    def paid_in(self) -> Cents:
        """What the customer has paid on it: live payments, the down payment, and what
        was paid before these books (an imported agreement's opening)."""
        return self.total_paid + self.down_payment + self.paid_before

    @property
    def refundable(self) -> Cents:
        """What a goodwill refund could still pay back: only after a return, at most
        what was paid in less the refunds already made."""
        if self.status is not Status.RETURNED:
            return 0
        return max(0, self.paid_in - self.refunded)

    @property
    def suggested_payment(self) -> Cents:
        """What to pre-fill at the counter: what is due now, else the regular payment.

        Never more than the payoff.
        """
        if self.status is not Status.ACTIVE:
            return 0
        amount = self.amount_due_now or self.next_due_amount or self.regular_payment
        return min(amount, self.payoff)


def allocate(
    amount: Cents,
    lines: Sequence[_Line] | Sequence[InstallmentState],
    on: dt.date,
    *,
    payoff: Cents | None = None,
    fee_lines: Sequence[_Line] | None = None,
    start: int = 0,
) -> Allocation:
    """Split a payment received on ``on``: open late fees (oldest first), then
    past-due installments (oldest first, partials allowed), then the current
    installment, then credit ahead on the installments after it.

    ``lines`` are in schedule order. Refuses a payment of zero or less, or above
    the payoff amount (the message names the payoff). A replay passes what it
    already tracks (``payoff``, the fee lines in the order charged, the first
    line still owed) so each payment costs only the lines it touches.
    """
    if amount <= 0:
        raise Refused("A payment must be more than zero.")
    if payoff is None:
        payoff = sum(l.owed + l.fee_open for l in lines)
    if amount > payoff:
        raise Refused(
            f"{format_money(amount)} is more than the payoff of {format_money(payoff)}. "
            f"The most this agreement can take is {format_money(payoff)}."
        )
    if fee_lines is None:
        fee_lines = sorted((l for l in lines if l.fee_open > 0), key=lambda l: (l.fee_on, l.number))
    out: list[AllocationLine] = []
    left = amount
    for l in fee_lines:
        take = min(left, l.fee_open)
        if take > 0:
            out.append(AllocationLine(Bucket.FEE, l.number, take))
            left -= take
    current_seen = False
    for i in range(start, len(lines)):
        if left == 0:
            break
        l = lines[i]
        if l.owed <= 0:
            continue
        if l.due < on:
            bucket = Bucket.PAST_DUE
        elif not current_seen:
            bucket, current_seen = Bucket.CURRENT, True
        else:
            bucket = Bucket.AHEAD
        take = min(left, l.owed)
        out.append(AllocationLine(bucket, l.number, take))
        left -= take
    assert left == 0, "allocation must place the whole payment"
    return Allocation(tuple(out))


def voided(entries: Iterable[Entry]) -> set[int]:
    """The ids of the entries a void among ``entries`` takes back: only the others
    (live payments, not voided) count. ``services.ledger.live_payments`` is the same rule in a query."""
    return {e.reverses for e in entries if e.kind is EntryKind.VOID and e.reverses is not None}


def replay(
    schedule: Sequence[Installment],
    policy: LateFeePolicy,
    entries: Iterable[Entry],
    as_of: dt.date,
) -> AgreementState:
    """The agreement's state as of ``as_of`` from its schedule and entries."""
    lines = [_Line(i.number, i.due, i.amount) for i in schedule]
    known = [e for e in entries if e.on <= as_of]
    taken_back = voided(known)
    problems: list[str] = []
    ids = {e.id for e in known}
    for e in known:
        if e.kind is EntryKind.VOID and e.reverses not in ids:
            problems.append(f"entry {e.id} voids entry {e.reverses}, which is not on this agreement")

    # Fee checks happen at the start of day due + grace + 1, before that day's payments;
    # those on or before an opening were the old system's to make (its fees owed came over).
    opened = min((e.on for e in entries if e.kind is EntryKind.OPENING), default=None)
    events: list[tuple[dt.date, int, int, object]] = []
    if policy.charges_fees:
        for l in lines:
            check_on = l.due + dt.timedelta(days=policy.grace_days + 1)
            if check_on <= as_of and (opened is None or check_on > opened):
                events.append((check_on, 0, l.number, l))
    for e in known:
        if e.kind is not EntryKind.VOID and e.id not in taken_back:
            events.append((e.on, 1, e.id, e))
    events.sort(key=lambda ev: (ev[0], ev[1], ev[2]))

    returned = False
    allocations: dict[int, Allocation] = {}
    total_paid = down = refunded = paid_before = 0
    payoff = sum(l.amount for l in lines)  # owed + open fees, kept as the replay goes
    charged: list[_Line] = []  # lines with a fee, in the order the fees were charged
    first_owed = 0  # every line before this one is paid in full (or cancelled)
    for on, order, _key, item in events:
        if order == 0:
            l = item  # type: ignore[assignment]
            if not returned and l.owed > 0 and l.fee == 0:
                l.fee, l.fee_on = policy.fee_for(l.amount), on
                payoff += l.fee
                charged.append(l)
            continue
        e: Entry = item  # type: ignore[assignment]
        if e.kind in (EntryKind.PAYMENT, EntryKind.PAST_PAYMENT):
            if returned:
                problems.append(f"entry {e.id} is a payment after the vehicle was returned")
                continue
            while first_owed < len(lines) and lines[first_owed].owed <= 0:
                first_owed += 1
            try:
                alloc = allocate(
                    e.amount, lines, e.on, payoff=payoff,
                    fee_lines=[l for l in charged if l.fee_open > 0], start=first_owed,
                )
            except Refused as exc:
                problems.append(f"entry {e.id}: {exc.message}")
                continue
            _apply(alloc, lines)
            allocations[e.id] = alloc
            if e.kind is EntryKind.PAYMENT:
                total_paid += e.amount
            else:
                paid_before += e.amount
            payoff -= e.amount
        elif e.kind is EntryKind.DOWN_PAYMENT:
            down += e.amount
        elif e.kind is EntryKind.FEE_WAIVER:
            l = lines[e.installment - 1] if e.installment and 0 < e.installment <= len(lines) else None
            if l is None:
                problems.append(f"entry {e.id} waives a fee on installment {e.installment}, which does not exist")
            else:
                payoff -= l.fee_open
                l.fee_waived += l.fee_open
        elif e.kind is EntryKind.RETURN:
            returned = True
            payoff = 0
            for l in lines:
                l.fee_waived += l.fee_open
                if l.owed > 0:
                    l.cancelled = True
        elif e.kind is EntryKind.REFUND:
            refunded += e.amount
        elif e.kind is EntryKind.OPENING:
            left = e.amount
            for l in lines:
                take = min(left, l.owed)
                l.paid += take
                left -= take
            if left:
                problems.append(f"entry {e.id} brings over {format_money(e.amount)} paid, more than the schedule")
            paid_before += e.amount - left
            payoff -= e.amount - left
        elif e.kind is EntryKind.OPENING_FEE:
            l = lines[e.installment - 1] if e.installment and 0 < e.installment <= len(lines) else None
            if l is None:
                problems.append(f"entry {e.id} brings over late fees on installment {e.installment}, which does not exist")
                continue
            if l not in charged:
                charged.append(l)
            l.fee += e.amount
            l.fee_on = l.fee_on or e.on
            payoff += e.amount

    state = _summarise(lines, as_of, returned, allocations, total_paid, down, refunded, problems)
    return replace(state, paid_before=paid_before) if paid_before else state


def _apply(alloc: Allocation, lines: Sequence[_Line]) -> None:
    for part in alloc.lines:
        l = lines[part.installment - 1]
        if part.bucket is Bucket.FEE:
            l.fee_paid += part.amount
        else:
            l.paid += part.amount


def _summarise(
    lines: Sequence[_Line],
    as_of: dt.date,
    returned: bool,
    allocations: dict[int, Allocation],
    total_paid: Cents,
    down: Cents,
    refunded: Cents,
    problems: list[str],
) -> AgreementState:
    paid_count = 0
    paid_through = None
    for l in lines:
        if l.cancelled or l.paid < l.amount:
            break
        paid_count += 1
        paid_through = l.due
    open_fees = sum(l.fee_open for l in lines)
    principal = sum(l.owed for l in lines)
    past_due = sum(l.owed for l in lines if l.due < as_of)
    due_now = open_fees + sum(l.owed for l in lines if l.due <= as_of)
    oldest = next((l for l in lines if l.owed > 0 and l.due < as_of), None)
    upcoming = next((l for l in lines if l.owed > 0 and l.due > as_of), None)
    if returned:
        status = Status.RETURNED
    elif principal == 0 and open_fees == 0:
        status = Status.PAID_OFF
    else:
        status = Status.ACTIVE
    return AgreementState(
        as_of=as_of,
        status=status,
        number_of_payments=len(lines),
        installments_paid=paid_count,
        paid_through=paid_through,
        amount_due_now=due_now,
        past_due=past_due,
        days_late=(as_of - oldest.due).days if oldest else 0,
        next_due=upcoming.due if upcoming else None,
        next_due_amount=upcoming.owed if upcoming else 0,
        open_fees=open_fees,
        credit_ahead=sum(l.paid for l in lines if l.due > as_of),
        principal_remaining=principal,
        payoff=principal + open_fees,
        total_paid=total_paid,
        down_payment=down,
        fees_charged=sum(l.fee for l in lines),
        fees_paid=sum(l.fee_paid for l in lines),
        fees_waived=sum(l.fee_waived for l in lines),
        refunded=refunded,
        regular_payment=lines[0].amount if lines else 0,
        allocations=allocations,
        installments=tuple(
            InstallmentState(
                l.number, l.due, l.amount, l.paid, l.cancelled, l.fee, l.fee_on, l.fee_paid, l.fee_waived
            )
            for l in lines
        ),
        problems=tuple(problems),
    )


def preview_payment(state: AgreementState, amount: Cents, on: dt.date) -> Allocation:
    """How a payment of ``amount`` received on ``on`` would be split (refusals included)."""
    if state.status is Status.RETURNED:
        raise Refused("This vehicle was returned; nothing more is owed on this agreement.")
    if state.status is Status.PAID_OFF:
        raise Refused("This agreement is paid off; nothing more is owed.")
    return allocate(amount, state.installments, on)
