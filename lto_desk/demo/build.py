"""The demo dealership built into an empty database: `build_demo`, what it returns, and
the plan of every agreement's life over the two years up to today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..domain.errors import Refused
from ..domain.terms import Frequency
from ..services import clerks
from ..store import models
from .clock import Quiet
from .dealership import Dealership
from .deals import Deal
from .people import Person
from .relations import Relations
from .tables import DEALS, DEMO_CLERKS, OPEN_MINUTE, RETURNS, counter_open, open_day


@dataclass(frozen=True)
class DemoSummary:
    """What the demo holds.

    Attributes:
      customers, agreements: how many were added.
      payments: counter payments taken (down payments and voided posts not counted).
      clerks: the logins, (name, role, PIN).
    """

    customers: int
    agreements: int
    payments: int
    clerks: tuple[tuple[str, str, str], ...]


def build_demo(
    today: dt.date, *, seed: int = 2026, progress: Callable[[int, int], None] | None = None
) -> DemoSummary:
    """Fill the open, empty database with a demo dealership's last two years up to ``today``.

    Everything is written through the service functions, each with its ``at=``
    time, in time order at counter hours, so the journal reads like two years
    at the counter; all of it is one transaction (a failed build leaves nothing).
    The same ``seed`` and ``today`` give the same data. ``progress(done, total)``
    is told the days written so far. Refuses a database that already has clerks
    (it is someone's dealership, or the demo is already built).

    Its cost is the ~800 payments: each ``take_payment`` replays the agreement's
    ledger three times; with the ~400 drawer sessions opened, counted and sealed,
    a build takes some 20–30 s on a 2-core machine.
    """
    if clerks.has_clerks():
        raise Refused("This database already has clerks; the demo is only built into an empty database.")
    with models.db.atomic():
        return _build(Dealership(today, seed), progress)


def _build(demo: Dealership, progress: Callable[[int, int], None] | None) -> DemoSummary:
    demo.counter.plan(demo.start, 540, demo.set_up)
    if counter_open(demo.today):
        demo.counter.plan(demo.today, OPEN_MINUTE + 2, Quiet(demo.open_today))
    _plan_deals(demo)
    for _ in range(8):  # cars on the lot today
        demo.plan_car(demo.new_car(demo.today), demo.today)
    relations = Relations(demo)
    relations.plan()
    demo.counter.run(demo.start, progress)
    relations.finish()
    return DemoSummary(demo.customers, len([d for d in demo.deals if d.agreement_id]), demo.payments,
                       DEMO_CLERKS)


def _plan_deals(demo: Dealership) -> None:
    rng, today = demo.rng, demo.today
    plans = []
    for profile, count, (low, high) in DEALS:
        for _ in range(count):
            opened = today - dt.timedelta(days=rng.randrange(low, high + 1))
            plans.append((open_day(opened, forward=False), profile))
    plans.sort(key=lambda p: p[0])
    people: list[Person] = []
    late_weekday = (today.weekday() - rng.choice((2, 3, 4))) % 7
    if late_weekday == 6:
        late_weekday = 4
    # Two of the current accounts pay twice a month and two monthly; some every two weeks.
    currents = [i for i, (_, p) in enumerate(plans) if p == "current" and (today - plans[i][0]).days > 90]
    freq = {i: Frequency.SEMI_MONTHLY for i in currents[1:3]}
    freq.update({i: Frequency.MONTHLY for i in currents[3:5]})
    for i, (_, p) in enumerate(plans):
        if i not in freq and p in ("current", "weeks_late", "returned", "ahead", "paid_off") and rng.random() < 0.3:
            freq[i] = Frequency.BIWEEKLY
    void_kinds = ["typo", "double"]
    waivers = 2
    promises = ["today", "partial"]
    returned_back = 0
    for i, (opened, profile) in enumerate(plans):
        person = demo.new_person(opened)
        earlier = [q for q, (day, _) in zip(people, plans) if day < opened]
        if len(earlier) > 6 and rng.random() < 0.12:
            person.referred_by = rng.choice(earlier)
        people.append(person)
        deal = Deal(demo, person, profile, opened, freq.get(i, Frequency.WEEKLY))
        if profile == "late_few":
            deal.due_weekday = late_weekday
            if waivers:
                deal.waive, waivers = True, waivers - 1
        if profile == "current" and void_kinds and (today - opened).days > 100:
            deal.void_kind = void_kinds.pop()
        if profile == "returned_back":
            deal.reason = RETURNS[1] if returned_back == 0 else RETURNS[0]
            returned_back += 1
        elif profile == "returned":
            deal.reason = RETURNS[rng.choice((0, 2, 3))]
        if profile == "weeks_late" and promises:
            deal.promise = promises.pop()
        deal.plan()
    for who in rng.sample(people, 4):  # birthdays this week
        who.birthday = _this_week(demo, who.birthday.year)
    members = [m for p in people for m in p.household if m.relation != "spouse"]
    for m in rng.sample(members, min(2, len(members))):
        m.birthday = _this_week(demo, m.birthday.year)


def _this_week(demo: Dealership, year: int) -> dt.date:
    monday = demo.today - dt.timedelta(days=demo.today.weekday())
    days = [monday + dt.timedelta(days=k) for k in range(7)]
    day = demo.rng.choice([d for d in days if (d.month, d.day) != (2, 29)])
    return dt.date(year, day.month, day.day)
