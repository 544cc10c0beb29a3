"""The plans of ``generate.py``: what each agreement does over the years, and when.

Decided up front from one seeded random stream (the same seed, the same history):
active agreements first, one per customer, then closed ones (paid off or returned)
until the scale's number of payments is reached, each customer's agreements one
after another. Every event then becomes a small integer in the list of its day
(``Events``), so the load sorts ~3,650 short lists, not ten years at once.
"""

from __future__ import annotations

import array
import datetime as dt
import random
from dataclasses import dataclass

from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms, due_dates


@dataclass(frozen=True)
class Scale:
    name: str
    customers: int
    active: int
    payments: int  # about how many payments in all
    years: int
    counters: int  # lots (each with its own counter and drawer)


GRACE_DAYS = 3
FEE_FLAT = 10_00
OPEN_HOUR, CLOSE_HOUR = 8, 18
#: (frequency, numbers of payments, share of agreements)
TERMS = (
    (Frequency.WEEKLY, (104, 130, 156, 165), 0.70),
    (Frequency.BIWEEKLY, (52, 65, 78), 0.20),
    (Frequency.MONTHLY, (24, 30, 36), 0.10),
)
#: A payment's day against its due date.
OFFSETS = (-3, -2, -1, 0, 0, 0, 0, 1, 1, 2, 3)

# Event keys: ((minute of the day - 8:00) * 4 + kind) << 18 | plan index, below 2**30
# so that Python sorts them as one-digit integers.
OPEN, PAY, RETURN, INSPECT = range(4)
PLAN_BITS = 18
PLAN_MASK = (1 << PLAN_BITS) - 1
DAY_START = OPEN_HOUR * 60  # minute of the day of a key's 0


# ---------------------------------------------------------------------------
# Plans: what each agreement will do, decided up front, played in time order.


class Plan:
    """One agreement's life (its customer, terms, how many installments are paid and
    how it ends: ``end`` "paid_off", "returned" or None) and, once it is opened, the
    load's running state of it. Days are counted from the first day of history."""

    __slots__ = (
        "idx", "customer", "counter", "open_min", "terms", "count", "amount", "last_amount", "financed",
        "paid_count", "end", "return_day", "seed", "due",
        "aid", "cid", "vid", "paid", "remaining", "status", "closed_on",
    )

    def __init__(self, customer: int, counter: int, open_min: int, terms: Terms, due: array.array,
                 paid_count: int, end: str | None, seed: int) -> None:
        self.customer, self.counter, self.open_min, self.terms, self.due = customer, counter, open_min, terms, due
        self.count = terms.number_of_payments
        self.amount = terms.payment_amount
        self.last_amount = terms.last_payment_amount
        self.financed = terms.amount_financed
        self.paid_count, self.end, self.seed = paid_count, end, seed
        self.return_day = None
        self.idx = self.aid = self.cid = self.vid = 0
        self.paid = 0
        self.remaining = self.financed
        self.status = "active"
        self.closed_on = None


STEP_DAYS = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14, Frequency.MONTHLY: 30.4}


@dataclass(frozen=True)
class Shape:
    """An agreement's terms before its dates are known."""

    frequency: Frequency
    count: int
    price: int
    down: int

    def days(self, installments: int) -> int:
        """About how many days ``installments`` payments span."""
        return int(STEP_DAYS[self.frequency] * installments)

    def first_due(self, opened: dt.date) -> dt.date:
        return opened + dt.timedelta(days=min(int(STEP_DAYS[self.frequency]), 14))

    def terms(self, opened: dt.date) -> Terms:
        return Terms.by_number_of_payments(
            cash_price=self.price, down_payment=self.down, number_of_payments=self.count, frequency=self.frequency,
            first_due=self.first_due(opened), late_fee=LateFeePolicy(GRACE_DAYS, FEE_FLAT),
        )


def _shape(rng: random.Random) -> Shape:
    r = rng.random()
    for frequency, counts, share in TERMS:
        if r < share:
            break
        r -= share
    price = rng.choice((9_500, 10_900, 11_500, 12_900, 13_500, 14_900, 15_900, 17_500)) * 100
    down = rng.choice((500, 750, 1_000, 1_500, 2_000)) * 100
    return Shape(frequency, rng.choice(counts), price, down)


class Calendar:
    """Days as integers from the first day of history, with their texts."""

    def __init__(self, first: dt.date, today: dt.date) -> None:
        self.base = first.toordinal()
        self.today = today.toordinal() - self.base
        # Schedules run on past today: a 165-week agreement opened today ends in 2029.
        days = [first + dt.timedelta(days=d) for d in range(self.today + 5 * 366)]
        self.text = [d.isoformat() for d in days]  # day -> "2026-11-23"
        self.at_prefix = [t + " " for t in self.text]  # day -> "2026-11-23 "
        self.hm = [f"{m // 60:02d}:{m % 60:02d}:00" for m in range(1440)]  # minute of day -> "15:57:00"

    def day(self, date: dt.date) -> int:
        return date.toordinal() - self.base

    def at(self, minute: int) -> str:
        """journal._plain of that minute's datetime: "2026-11-23 15:57:00"."""
        return self.at_prefix[minute // 1440] + self.hm[minute % 1440]


def business_minute(rng: random.Random, day: int) -> int:
    return day * 1440 + rng.randint(OPEN_HOUR + 1, CLOSE_HOUR - 2) * 60 + rng.randint(0, 59)


def _due_days(cal: Calendar, terms: Terms) -> array.array:
    """The schedule's due dates as days: ``due_dates`` of the terms (weekly and every two
    weeks: the first due date plus whole weeks, counted here as plain numbers)."""
    step = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}.get(terms.frequency)
    if step is None:
        return array.array("i", [cal.day(d) for d in due_dates(terms.frequency, terms.first_due, terms.number_of_payments)])
    first = cal.day(terms.first_due)
    return array.array("i", range(first, first + step * terms.number_of_payments, step))


def _plan(rng: random.Random, cal: Calendar, customer: int, counter: int, opened: dt.date, shape: Shape,
          end: str | None, paid: int = 0) -> Plan:
    terms = shape.terms(opened)
    open_min = business_minute(rng, cal.day(opened))
    due = _due_days(cal, terms)
    if open_min % 97 == 0 and [cal.text[d] for d in due] != [  # the plain numbers are the program's dates
            d.isoformat() for d in due_dates(terms.frequency, terms.first_due, terms.number_of_payments)]:
        raise AssertionError(f"due dates of {terms} differ from the program's")
    return Plan(customer, counter, open_min, terms, due, paid, end, rng.randrange(1 << 30))


def plan_agreements(scale: Scale, cal: Calendar, today: dt.date, rng: random.Random) -> list[Plan]:
    """Active agreements first (one per customer among the first ``active``), then closed
    ones for any customer until the payment count reaches the scale's target; each
    customer's agreements follow one another in time, none before the history starts."""
    start = today - dt.timedelta(days=365 * scale.years)
    plans: list[Plan] = []
    earliest: dict[int, dt.date] = {}  # customer -> start of their earliest agreement so far
    payments = 0

    for c in range(scale.active):
        shape = _shape(rng)
        # Opened so that it still runs today.
        opened = today - dt.timedelta(days=rng.randint(10, max(11, min(700, shape.days(shape.count) - 30))))
        plan = _plan(rng, cal, c, c % scale.counters, opened, shape, None)
        due_by_today = sum(1 for d in plan.due if d <= cal.today)
        r = rng.random()
        if r < 0.18:  # behind: stopped paying 1 to 8 installments ago
            plan.paid_count = max(0, due_by_today - rng.randint(1, 8))
        elif r < 0.22:  # paid ahead
            plan.paid_count = min(shape.count - 1, due_by_today + rng.randint(1, 2))
        else:
            plan.paid_count = min(shape.count - 1, due_by_today)
        plans.append(plan)
        payments += plan.paid_count
        earliest[c] = opened

    customer = scale.active
    misses = 0
    while payments < scale.payments and misses < 20 * scale.customers:
        c = customer % scale.customers
        customer += 1
        before = earliest.get(c, today - dt.timedelta(days=rng.randint(0, 60)))
        shape = _shape(rng)
        if rng.random() < 0.65:
            end, paid = "paid_off", shape.count
        else:
            end, paid = "returned", max(1, min(shape.count - 1, int(shape.count * rng.uniform(0.15, 0.75))))
        gap = rng.randint(40, 300)  # from the end of this agreement to the next one
        opened = before - dt.timedelta(days=shape.days(paid) + 14 + 40 + gap)
        if opened < start:
            misses += 1
            continue
        last_due = due_dates(shape.frequency, shape.first_due(opened), paid)[-1]
        returned_on = last_due + dt.timedelta(days=rng.randint(7, 30)) if end == "returned" else None
        if (returned_on or last_due) + dt.timedelta(days=10) >= before:
            misses += 1
            continue
        plan = _plan(rng, cal, c, c % scale.counters, opened, shape, end, paid)
        if returned_on is not None:
            plan.return_day = cal.day(returned_on)
        plans.append(plan)
        payments += paid
        earliest[c] = opened
    if len(plans) > PLAN_MASK:
        raise ValueError(f"{len(plans):,} agreements are more than the event keys can tell apart")
    for i, plan in enumerate(plans):
        plan.idx = i
    return plans


class Events:
    """Each day's events as keys (see OPEN...PLAN_MASK), and the counters that take money
    that day (their drawers open at 8:30). A plan's events are put in their days on
    the day it opens (none comes before), so the load starts without waiting for all."""

    def __init__(self, plans: list[Plan], cal: Calendar) -> None:
        self.cal = cal
        days = cal.today + 1
        self.buckets: list[list[int] | None] = [[] for _ in range(days)]
        self.tills = [0] * days
        self.opening: list[list[Plan] | None] = [[] for _ in range(days)]
        for plan in plans:
            self.opening[plan.open_min // 1440].append(plan)

    def of_day(self, day: int) -> tuple[list[int], int]:
        """The day's event keys in time order, and its counters taking money (bits)."""
        self.add(self.opening[day])
        self.opening[day] = None
        keys = self.buckets[day]
        self.buckets[day] = None  # done with: let it go
        keys.sort()
        return keys, self.tills[day]

    def add(self, plans: list[Plan]) -> None:
        buckets = self.buckets
        tills = self.tills
        today = self.cal.today
        offsets = OFFSETS
        for plan in plans:
            idx = plan.idx
            rand = random.Random(plan.seed).getrandbits
            bit = 1 << plan.counter
            last = plan.open_min
            day = last // 1440
            buckets[day].append(((last - day * 1440 - DAY_START) * 4 + OPEN) << PLAN_BITS | idx)
            tills[day] |= bit
            last_day = day
            due = plan.due
            for k in range(plan.paid_count):
                x = rand(32)
                day = due[k] + offsets[x % 11]
                if day < last_day:
                    day = last_day
                elif day > today:
                    day = today
                minute = day * 1440 + (OPEN_HOUR + 1 + (x >> 4) % 9) * 60 + (x >> 8) % 60
                if minute <= last:
                    minute = last + 1
                last = minute
                last_day = day = minute // 1440
                buckets[day].append(((minute - day * 1440 - DAY_START) * 4 + PAY) << PLAN_BITS | idx)
                tills[day] |= bit
            if plan.end == "returned":
                x = rand(32)
                day = max(plan.return_day, last_day)
                minute = day * 1440 + (9 + x % 8) * 60 + (x >> 3) % 60
                if minute <= last:
                    minute = last + 1
                day = minute // 1440
                buckets[day].append(((minute - day * 1440 - DAY_START) * 4 + RETURN) << PLAN_BITS | idx)
                if day + 3 <= today:
                    buckets[day + 3].append(((minute - day * 1440 - DAY_START) * 4 + INSPECT) << PLAN_BITS | idx)
