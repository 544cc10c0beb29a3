"""An agreement brought over from another system, where it stands today.

The source gives the terms (price, down, payment, how often, how many) and the
position: payments made or the balance still owed on the payments, the next due
date (the due date of the first payment not paid in full), late fees owed. From
them come the schedule (its first due date stepped back from the next due date
when the source does not give it) and two opening entries of their own kinds
(``EntryKind.OPENING``: paid toward the schedule; ``EntryKind.OPENING_FEE``: fees
owed), so replaying the ledger gives the source's position to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .errors import InvalidInput
from .money import Cents, format_money
from .terms import Frequency, Installment, LateFeePolicy, Terms, add_months


@dataclass(frozen=True)
class Opening:
    """What an imported agreement starts from.

    Attributes:
      terms: the agreement's terms (first due date found when the source had none).
      schedule: its installments.
      paid: cents paid toward the schedule before these books.
      fees: late fees owed at the opening; fee_installment: the installment they sit
        on (the latest one whose late-fee day had passed), None when no fees.
      opened_on: the contract date (the source's, else one period before the first due).
    """

    terms: Terms
    schedule: tuple[Installment, ...]
    paid: Cents
    fees: Cents
    fee_installment: int | None
    opened_on: dt.date

    @property
    def balance(self) -> Cents:
        return self.terms.amount_financed - self.paid

    @property
    def next_due(self) -> dt.date | None:
        """The due date of the first installment not paid in full (None when all are)."""
        left = self.paid
        for i in self.schedule:
            if left < i.amount:
                return i.due
            left -= i.amount
        return None


class OpeningProblem(InvalidInput):
    """A position that cannot be: ``field`` names the source's column (our key)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _step_back(frequency: Frequency, next_due: dt.date, k: int, semi_days: tuple[int, int]) -> dt.date:
    """The due date ``k`` installments before ``next_due``."""
    if frequency is Frequency.WEEKLY:
        return next_due - dt.timedelta(weeks=k)
    if frequency is Frequency.BIWEEKLY:
        return next_due - dt.timedelta(weeks=2 * k)
    if frequency is Frequency.MONTHLY:
        return add_months(next_due, -k, next_due.day)
    day = next_due
    for _ in range(k):  # the semi-monthly due day before ``day``
        earlier = [d for d in semi_days if d < day.day]
        if earlier:
            day = day.replace(day=max(earlier))
        else:
            day = add_months(day.replace(day=1), -1, max(semi_days))
    return day


def _semi_days(next_due: dt.date, first_due: dt.date | None) -> tuple[int, int]:
    days = {d.day for d in (next_due, first_due) if d is not None}
    if days <= {1, 15}:
        return (1, 15)
    if days <= {15, 28, 29, 30, 31}:
        return (15, 31)
    low = min(days)
    return (low, low + 15) if low <= 15 else (low - 15, low)


def _paid_for(schedule: list[Installment], k: int) -> Cents:
    return sum(i.amount for i in schedule[:k])


def _full_payments(schedule: list[Installment], paid: Cents) -> int:
    k = 0
    for i in schedule:
        if paid < i.amount:
            break
        paid -= i.amount
        k += 1
    return k


def _period_before(frequency: Frequency, first_due: dt.date) -> dt.date:
    return {
        Frequency.WEEKLY: first_due - dt.timedelta(weeks=1),
        Frequency.BIWEEKLY: first_due - dt.timedelta(weeks=2),
        Frequency.SEMI_MONTHLY: first_due - dt.timedelta(days=15),
        Frequency.MONTHLY: add_months(first_due, -1),
    }[frequency]


def opening_position(
    *,
    cash_price: Cents,
    down_payment: Cents,
    payment_amount: Cents,
    frequency: Frequency,
    number_of_payments: int,
    next_due: dt.date,
    as_of: dt.date,
    policy: LateFeePolicy,
    payments_made: int | None = None,
    balance: Cents | None = None,
    first_due: dt.date | None = None,
    opened_on: dt.date | None = None,
    late_fees_due: Cents = 0,
) -> Opening:
    """The opening of an imported agreement; :class:`OpeningProblem` (naming the column)
    when the source's figures do not fit together."""
    if payments_made is None and balance is None:
        raise OpeningProblem("payments_made", "Give the payments made or the balance.")
    frequency = Frequency(frequency)
    semi = _semi_days(next_due, first_due) if frequency is Frequency.SEMI_MONTHLY else (1, 15)
    if payments_made is not None and not 0 <= payments_made <= number_of_payments:
        raise OpeningProblem("payments_made", f"{payments_made} payments made is not between 0 and {number_of_payments}.")
    financed = cash_price - down_payment
    if balance is not None and not 0 <= balance <= financed:
        raise OpeningProblem(
            "balance", f"A balance of {format_money(balance)} is more than the amount financed "
            f"({format_money(financed)}: price less down)." if balance > 0 else "A balance cannot be below zero.")

    def terms_from(first: dt.date) -> Terms:
        try:
            return Terms(cash_price=cash_price, down_payment=down_payment, payment_amount=payment_amount,
                         number_of_payments=number_of_payments, frequency=frequency, first_due=first,
                         semi_monthly_days=semi, late_fee=policy)
        except InvalidInput as exc:
            raise OpeningProblem("number_of_payments", exc.message) from None

    if first_due is None:
        # How many payments lie before the next due date: the count given, else what the balance paid in full.
        probe = terms_from(next_due).schedule()
        k = payments_made if payments_made is not None else _full_payments(probe, financed - balance)
        first_due = _step_back(frequency, next_due, k, semi)
    terms = terms_from(first_due)
    schedule = terms.schedule()
    paid = financed - balance if balance is not None else _paid_for(schedule, payments_made)
    if balance is not None and payments_made is not None:
        full = _full_payments(schedule, paid)
        if full != payments_made:
            raise OpeningProblem(
                "balance", f"A balance of {format_money(balance)} is {full} payments made, not {payments_made}: "
                f"{payments_made} payments leave {format_money(financed - _paid_for(schedule, payments_made))}.")
    if paid >= financed:
        raise OpeningProblem("balance", "This agreement is paid in full: only running agreements come in.")
    opening = Opening(terms, tuple(schedule), paid, 0, None, opened_on or min(_period_before(frequency, first_due), as_of))
    if opening.next_due != next_due:
        raise OpeningProblem(
            "next_due", f"The next due date {next_due:%m/%d/%Y} is not on the schedule: with the first payment due "
            f"{first_due:%m/%d/%Y}, the payment after {format_money(paid)} paid falls due {opening.next_due:%m/%d/%Y}.")
    if opening.opened_on > as_of:
        raise OpeningProblem("opened_on", f"The contract date {opening.opened_on:%m/%d/%Y} is after today.")
    if late_fees_due < 0:
        raise OpeningProblem("late_fees_due", "Late fees owed cannot be below zero.")
    if late_fees_due == 0:
        return opening
    # On the latest installment whose late-fee day has passed, else (the old system's grace
    # may have been shorter) the latest already due: its own fee is then never charged again.
    checked = ([i for i in schedule if i.due + dt.timedelta(days=policy.grace_days + 1) <= as_of]
               or [i for i in schedule if i.due <= as_of])
    if not checked:
        raise OpeningProblem(
            "late_fees_due", f"{format_money(late_fees_due)} in late fees, but no payment has been late yet "
            f"(the first falls due {schedule[0].due:%m/%d/%Y}).")
    return Opening(terms, tuple(schedule), paid, late_fees_due, checked[-1].number, opening.opened_on)
