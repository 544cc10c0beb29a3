"""Agreement terms and the payment schedule they make.

The amount financed is the cash price less the down payment. The schedule
splits it into installments of the payment amount; the last installment
absorbs the rounding so the installments sum exactly to the amount financed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .errors import InvalidInput
from .money import MAX_AMOUNT, Cents, format_money, percent_of

#: A 3-year weekly agreement is ~165 installments; 10 years monthly is 120.
MAX_INSTALLMENTS = 520

#: How far in the past a first due date may be (a deal written up late).
FIRST_DUE_GRACE = dt.timedelta(days=7)

#: The most days after a due date before a late fee applies.
MAX_GRACE_DAYS = 60


class Frequency(str, Enum):
    """How often an installment falls due."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMI_MONTHLY = "semi_monthly"
    MONTHLY = "monthly"

    @property
    def label(self) -> str:
        return {
            "weekly": "Weekly",
            "biweekly": "Every two weeks",
            "semi_monthly": "Twice a month",
            "monthly": "Monthly",
        }[self.value]


@dataclass(frozen=True)
class LateFeePolicy:
    """How a late fee is charged on an installment paid late.

    Attributes:
      grace_days: days after the due date before a fee applies.
      flat: a flat fee in cents (used when ``percent_bp`` is 0).
      percent_bp: percent of the installment in basis points (500 = 5%).
      cap: the most a percent fee may be, in cents (0 = no cap).
    """

    grace_days: int = 0
    flat: Cents = 0
    percent_bp: int = 0
    cap: Cents = 0

    def __post_init__(self) -> None:
        if self.grace_days < 0 or self.grace_days > MAX_GRACE_DAYS:
            raise InvalidInput(f"Grace days must be between 0 and {MAX_GRACE_DAYS}.")
        if self.flat < 0 or self.cap < 0 or self.percent_bp < 0:
            raise InvalidInput("Late fee amounts cannot be negative.")
        if self.percent_bp > 10_000:
            raise InvalidInput("A late fee cannot be more than 100% of the installment.")
        if self.flat > MAX_AMOUNT or self.cap > MAX_AMOUNT:
            raise InvalidInput("The late fee is larger than any amount the program accepts.")

    @property
    def charges_fees(self) -> bool:
        return self.flat > 0 or self.percent_bp > 0

    def fee_for(self, installment_amount: Cents) -> Cents:
        """The fee for one late installment of this amount."""
        if self.percent_bp:
            fee = percent_of(installment_amount, self.percent_bp)
            return min(fee, self.cap) if self.cap else fee
        return self.flat

    def describe(self) -> str:
        if not self.charges_fees:
            return "No late fee"
        if self.percent_bp:
            pct = f"{self.percent_bp / 100:g}%"
            cap = f" (at most {format_money(self.cap)})" if self.cap else ""
            what = f"{pct} of the installment{cap}"
        else:
            what = format_money(self.flat)
        days = "day" if self.grace_days == 1 else "days"
        return f"{what} when paid more than {self.grace_days} {days} after the due date"


NO_LATE_FEE = LateFeePolicy()


@dataclass(frozen=True)
class Installment:
    """One scheduled payment.

    Attributes:
      number: 1-based position in the schedule.
      due: the date it falls due.
      amount: cents due.
    """

    number: int
    due: dt.date
    amount: Cents


@dataclass(frozen=True)
class Terms:
    """What the customer and the dealer agreed.

    Attributes:
      cash_price: the vehicle's price in cents.
      down_payment: cents paid at signing (taken as a payment with a receipt).
      payment_amount: the regular installment in cents.
      number_of_payments: how many installments.
      frequency: how often one falls due.
      first_due: the first installment's due date.
      semi_monthly_days: the two days of the month for SEMI_MONTHLY (31 = month end).
      late_fee: the late-fee policy for this agreement.
    """

    cash_price: Cents
    down_payment: Cents
    payment_amount: Cents
    number_of_payments: int
    frequency: Frequency
    first_due: dt.date
    semi_monthly_days: tuple[int, int] = (1, 15)
    late_fee: LateFeePolicy = NO_LATE_FEE

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "frequency", Frequency(self.frequency))
        except ValueError:
            raise InvalidInput("Choose how often payments fall due.") from None
        object.__setattr__(self, "semi_monthly_days", tuple(self.semi_monthly_days))
        for problem in validate_terms(self):
            raise InvalidInput(problem)

    @property
    def amount_financed(self) -> Cents:
        return self.cash_price - self.down_payment

    @property
    def last_payment_amount(self) -> Cents:
        return self.amount_financed - self.payment_amount * (self.number_of_payments - 1)

    @classmethod
    def by_payment_amount(
        cls, *, cash_price: Cents, down_payment: Cents, payment_amount: Cents, **rest
    ) -> "Terms":
        """Terms where the number of payments follows from the payment amount."""
        financed = cash_price - down_payment
        if payment_amount <= 0:
            raise InvalidInput(payment_amount_problem(payment_amount))
        count = max(1, -(-financed // payment_amount))
        return cls(
            cash_price=cash_price,
            down_payment=down_payment,
            payment_amount=payment_amount,
            number_of_payments=count,
            **rest,
        )

    @classmethod
    def by_number_of_payments(
        cls, *, cash_price: Cents, down_payment: Cents, number_of_payments: int, **rest
    ) -> "Terms":
        """Terms where the payment amount follows from the number of payments.

        The payment is rounded up to the cent, so the last one is a little smaller.
        """
        financed = cash_price - down_payment
        if number_of_payments <= 0:
            raise InvalidInput(number_of_payments_problem(number_of_payments))
        payment = -(-financed // number_of_payments) if financed > 0 else 0
        return cls(
            cash_price=cash_price,
            down_payment=down_payment,
            payment_amount=payment,
            number_of_payments=number_of_payments,
            **rest,
        )

    def schedule(self) -> list[Installment]:
        """The installments, the last one absorbing rounding."""
        dates = due_dates(self.frequency, self.first_due, self.number_of_payments, self.semi_monthly_days)
        amounts = [self.payment_amount] * (self.number_of_payments - 1) + [self.last_payment_amount]
        return [Installment(n, d, a) for n, (d, a) in enumerate(zip(dates, amounts), start=1)]


def validate_terms(terms: Terms) -> list[str]:
    """Every problem with these terms, in words for the person typing them."""
    problems = [
        problem
        for problem in (
            cash_price_problem(terms.cash_price),
            down_payment_problem(terms.down_payment, terms.cash_price),
            number_of_payments_problem(terms.number_of_payments),
            payment_amount_problem(terms.payment_amount),
        )
        if problem
    ]
    if problems:
        return problems
    last = terms.last_payment_amount
    if last <= 0:
        problems.append(
            f"{terms.number_of_payments} payments of {format_money(terms.payment_amount)} are more than "
            f"the amount financed ({format_money(terms.amount_financed)}); use fewer payments."
        )
    elif last > terms.payment_amount:
        problems.append(
            f"{terms.number_of_payments} payments of {format_money(terms.payment_amount)} do not cover "
            f"the amount financed ({format_money(terms.amount_financed)}); use more payments."
        )
    if terms.frequency is Frequency.SEMI_MONTHLY:
        problems.extend(_semi_monthly_problems(terms.semi_monthly_days, terms.first_due))
    return problems


# -- the term rules, one function each: the New agreement dialog says them as they
# are typed, and opening an agreement refuses with the same words.


def cash_price_problem(cash_price: Cents) -> str | None:
    """What is wrong with the cash price, or None."""
    if cash_price <= 0:
        return "The cash price must be more than zero."
    if cash_price > MAX_AMOUNT:
        return f"The cash price is more than {format_money(MAX_AMOUNT)}."
    return None


def down_payment_problem(down_payment: Cents, cash_price: Cents) -> str | None:
    """What is wrong with the down payment, or None: it leaves something to finance."""
    if down_payment < 0:
        return "The down payment cannot be negative."
    if down_payment >= cash_price > 0:
        return (
            f"The down payment ({format_money(down_payment)}) must be less than the price "
            f"({format_money(cash_price)})."
        )
    return None


def number_of_payments_problem(number_of_payments: int) -> str | None:
    """What is wrong with the number of payments, or None."""
    if number_of_payments <= 0:
        return "The number of payments must be at least one."
    if number_of_payments > MAX_INSTALLMENTS:
        return f"The number of payments cannot be more than {MAX_INSTALLMENTS}."
    return None


def payment_amount_problem(payment_amount: Cents) -> str | None:
    """What is wrong with the regular payment, or None."""
    if payment_amount <= 0:
        return "The payment amount must be more than zero."
    return None


def first_due_problem(first_due: dt.date, opened_on: dt.date) -> str | None:
    """What is wrong with the first due date of an agreement opened on ``opened_on``, or
    None: it may be up to a week in the past (a deal written up late)."""
    if first_due < opened_on - FIRST_DUE_GRACE:
        return f"The first due date ({first_due:%b %d, %Y}) is more than a week in the past; choose a later date."
    return None


def default_first_due(frequency: Frequency, today: dt.date, semi_monthly_days: tuple[int, int] = (1, 15)) -> dt.date:
    """One period from today: a week, two weeks, a month; for twice a month, the
    first of the set days at least a week away."""
    frequency = Frequency(frequency)
    if frequency is Frequency.WEEKLY:
        return today + dt.timedelta(weeks=1)
    if frequency is Frequency.BIWEEKLY:
        return today + dt.timedelta(weeks=2)
    if frequency is Frequency.MONTHLY:
        return add_months(today, 1)
    earliest = today + dt.timedelta(weeks=1)
    for months in range(3):
        month = add_months(earliest.replace(day=1), months, 1)
        for day in sorted(semi_monthly_days):
            candidate = add_months(month, 0, day)  # clamps 31 to the month's last day
            if candidate >= earliest:
                return candidate
    return add_months(today, 1)  # pragma: no cover - two days a month always give one within 3 months


def _semi_monthly_problems(days: tuple[int, int], first_due: dt.date) -> list[str]:
    a, b = days
    if not (1 <= a <= 31 and 1 <= b <= 31) or a >= b:
        return ["Twice a month needs two different days of the month, the earlier first (e.g. 1 and 15)."]
    if b - a < 7:
        return ["The two days of the month should be at least a week apart."]
    allowed = {_clamp(first_due.year, first_due.month, a), _clamp(first_due.year, first_due.month, b)}
    if first_due not in allowed:
        return [
            f"The first due date must fall on one of the set days ({_ordinal(a)} or "
            f"{'last day' if b == 31 else _ordinal(b)} of the month)."
        ]
    return []


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _clamp(year: int, month: int, day: int) -> dt.date:
    """That day of the month, or the month's last day when it is shorter."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def add_months(start: dt.date, months: int, anchor_day: int | None = None) -> dt.date:
    """``start`` moved by whole months, keeping ``anchor_day`` (clamped at month end).

    Jan 31 + 1 month is Feb 28 (or 29); + 2 months is Mar 31, because the
    anchor is the original day, not the clamped one.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    return _clamp(year, month + 1, anchor_day or start.day)


def due_dates(
    frequency: Frequency, first_due: dt.date, count: int, semi_monthly_days: tuple[int, int] = (1, 15)
) -> list[dt.date]:
    """The ``count`` due dates of a schedule starting at ``first_due``."""
    frequency = Frequency(frequency)
    if frequency is Frequency.WEEKLY:
        return [first_due + dt.timedelta(weeks=k) for k in range(count)]
    if frequency is Frequency.BIWEEKLY:
        return [first_due + dt.timedelta(weeks=2 * k) for k in range(count)]
    if frequency is Frequency.MONTHLY:
        return [add_months(first_due, k, first_due.day) for k in range(count)]
    a, b = semi_monthly_days
    dates: list[dt.date] = []
    k = 0
    while len(dates) < count:
        month_start = add_months(first_due.replace(day=1), k, 1)
        for day in (a, b):
            d = _clamp(month_start.year, month_start.month, day)
            if d >= first_due and len(dates) < count:
                dates.append(d)
        k += 1
    return dates
