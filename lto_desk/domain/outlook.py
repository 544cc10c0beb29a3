"""What an active agreement owes on a day, from its cached state and the
schedule lines still owed — without replaying its entries.

A replay (:func:`lto_desk.domain.ledger.replay`) walks every entry; at the
counter that is fine for the one agreement being paid, but the lookup list and
the late-accounts report show the amount due for many agreements at once. They
use this instead. It rests on three facts about a replay:

* payments fill installments in schedule order, so the installments paid in
  full are the first ``installments_paid``, the next one may be partly paid
  (``paid_toward_next``), and every later one is untouched;
* an installment still owed was owed at its fee check too (what is paid only
  grows), so each owed installment whose check day (due + grace + 1) has come
  carries exactly its fee;
* so the open late fees are those fees plus a constant, ``fee_carry``: fees
  charged on installments already paid, minus every fee paid or waived. It
  changes only when an entry is posted, and it may be negative (a partial
  payment pays the fee of an installment it leaves owed).

The agreement row keeps ``installments_paid``, ``paid_toward_next``,
``fee_carry`` and ``principal_remaining`` in the same transaction as every
entry; ``lto-desk verify`` recomputes them and checks this outlook against the
replay for every active agreement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from .ledger import AgreementState
from .money import Cents
from .terms import LateFeePolicy

#: (number, due date, amount) of one schedule line.
Line = tuple[int, dt.date, Cents]


@dataclass(frozen=True)
class Outlook:
    """The figures of :class:`AgreementState` that move with the calendar.

    Attributes match AgreementState: amount_due_now, past_due, days_late,
    next_due / next_due_amount, open_fees, payoff; oldest_due: the oldest
    unpaid due date before ``as_of`` (None when nothing is late).
    """

    as_of: dt.date
    amount_due_now: Cents
    past_due: Cents
    days_late: int
    oldest_due: dt.date | None
    next_due: dt.date | None
    next_due_amount: Cents
    open_fees: Cents
    payoff: Cents


def cached_parts(state: AgreementState) -> tuple[Cents, Cents]:
    """``(paid_toward_next, fee_carry)`` of a state, to keep on the agreement row."""
    if state.status.value != "active":
        return 0, 0
    owed = [i for i in state.installments if i.owed > 0]
    toward_next = owed[0].paid if owed else 0
    return toward_next, state.open_fees - sum(i.fee for i in owed)


def outlook(
    *,
    policy: LateFeePolicy,
    lines: Sequence[Line],
    paid_toward_next: Cents,
    fee_carry: Cents,
    principal_remaining: Cents,
    as_of: dt.date,
) -> Outlook:
    """The outlook of an active agreement on ``as_of`` (on or after its last entry).

    ``lines``: the schedule lines after the ones paid in full, in order, at least
    up to the first one due after ``as_of`` (later ones are ignored).
    """
    grace = dt.timedelta(days=policy.grace_days + 1)
    fees = fee_carry
    due_now = past_due = 0
    oldest = next_due = None
    next_amount = 0
    for i, (_number, due, amount) in enumerate(lines):
        owed = amount - paid_toward_next if i == 0 else amount
        if due > as_of:
            next_due, next_amount = due, owed
            break
        if policy.charges_fees and due + grace <= as_of:
            fees += policy.fee_for(amount)
        due_now += owed
        if due < as_of:
            past_due += owed
            if oldest is None:
                oldest = due
    return Outlook(
        as_of=as_of,
        amount_due_now=fees + due_now,
        past_due=past_due,
        days_late=(as_of - oldest).days if oldest else 0,
        oldest_due=oldest,
        next_due=next_due,
        next_due_amount=next_amount,
        open_fees=fees,
        payoff=principal_remaining + fees,
    )


def of_state(state: AgreementState) -> Outlook:
    """The same figures read off a full replay (what :func:`outlook` must equal)."""
    oldest = next((i.due for i in state.installments if i.owed > 0 and i.due < state.as_of), None)
    return Outlook(
        as_of=state.as_of,
        amount_due_now=state.amount_due_now,
        past_due=state.past_due,
        days_late=state.days_late,
        oldest_due=oldest,
        next_due=state.next_due,
        next_due_amount=state.next_due_amount,
        open_fees=state.open_fees,
        payoff=state.payoff,
    )
