"""The demo dealership: two years of believable counter history, written day by day
through the same service functions the counter uses, so every row is journaled
exactly as the program writes it (and `lto-desk verify` holds on the result)."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import heapq
import random
from dataclasses import dataclass, field
from typing import Callable

from ..domain.contacts import AppointmentPurpose
from ..domain.errors import Refused
from ..domain.followups import FollowUpKind, Outcome
from ..domain.ledger import AgreementState, Status
from ..domain.payment import Method
from ..domain.roles import Role
from ..domain.terms import Frequency, Terms, add_months
from ..domain.text import fold
from ..domain.vin import with_check_digit
from ..store import models
from ..services import (
    agreements,
    appointments,
    clerks,
    complaints,
    contacts,
    customers,
    departures,
    drawer,
    followups,
    payments,
    settings,
    vehicles,
)
from ..services.base import Actor
from .tables import (
    APELLIDOS,
    CARS,
    COLORS,
    COMPLAINTS,
    CUES,
    DEALER,
    DEALS,
    DEPARTURE_STORIES,
    DRAWER_FLOAT,
    ELDERS,
    EMPLOYERS,
    FOLLOW_UP_WORK,
    HOMBRES,
    KIDS,
    KID_AGES,
    KIND_PRICE,
    LAST_MINUTE,
    MEN,
    MINIVANS,
    MUJERES,
    NO_SALES,
    OPEN_MINUTE,
    OVER_SHORTS,
    PAID_OUTS,
    PLACES,
    PREFERRED,
    RETURNS,
    STREETS,
    SURNAMES,
    VIN_CHARS,
    VISIT_NOTES,
    WAIVER_REASONS,
    WOMEN,
    YEAR_CODES,
    counter_open,
    open_day,
)

DEMO_CLERKS = (("Owner", "owner", "1111"), ("Manager", "manager", "2222"), ("Clerk", "clerk", "3333"))


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


# ---------------------------------------------------------------------------
# The day's clock: events in time order; every action gets a later time than the last.


class _Quiet:
    """An event that draws its seconds from the counter's quiet stream (the cash
    drawer's), so adding it leaves the rest of the history as it was."""

    def __init__(self, action: Callable[[dt.datetime], None]) -> None:
        self.action = action

    def __call__(self, at: dt.datetime) -> None:
        self.action(at)


class _Counter:
    def __init__(self, rng: random.Random, today: dt.date, quiet: random.Random | None = None) -> None:
        self.rng = rng
        self.quiet = quiet or random.Random(0)
        self.today = today
        self.queue: list = []
        self.seq = 0
        self.last: dt.datetime | None = None

    def plan(self, day: dt.date, minute: int, action: Callable[[dt.datetime], None]) -> bool:
        """Do ``action`` on ``day`` near ``minute`` after 00:00; never after today."""
        if day > self.today:
            return False
        heapq.heappush(self.queue, (day, minute, self.seq, action))
        self.seq += 1
        return True

    def run(self, first_day: dt.date, progress: Callable[[int, int], None] | None) -> None:
        total = (self.today - first_day).days + 1
        reported = -1
        while self.queue:
            day, minute, _, action = heapq.heappop(self.queue)
            done = (day - first_day).days
            if progress and done != reported:
                progress(done, total)
                reported = done
            action(self._time(day, minute, quiet=isinstance(action, _Quiet)))
        if progress:
            progress(total, total)

    def _time(self, day: dt.date, minute: int, *, quiet: bool = False) -> dt.datetime:
        rng = self.quiet if quiet else self.rng
        minute = min(max(minute, OPEN_MINUTE), LAST_MINUTE)
        at = dt.datetime.combine(day, dt.time(minute // 60, minute % 60, rng.randrange(60)))
        if self.last is not None and at <= self.last:
            at = self.last + dt.timedelta(seconds=rng.randrange(50, 200))
        return self._keep(at)

    def then(self, *, quiet: bool = False) -> dt.datetime:
        """A moment after the last action, in the same visit."""
        assert self.last is not None
        rng = self.quiet if quiet else self.rng
        return self._keep(self.last + dt.timedelta(seconds=rng.randrange(25, 110)))

    def _keep(self, at: dt.datetime) -> dt.datetime:
        closing = dt.datetime.combine(at.date(), dt.time(17, 59, 50))
        if at >= closing and self.last is not None:
            at = self.last + dt.timedelta(seconds=1)  # a busy evening: squeeze in
        if at.hour >= 18 or at.hour < 9:
            raise AssertionError(f"demo time {at} is outside counter hours")
        self.last = at
        return at


# ---------------------------------------------------------------------------
# A person and a car, as planned before they are typed in.


@dataclass
class _Member:
    name: str
    first: str
    relation: str
    birthday: dt.date


@dataclass
class _Person:
    first: str
    last: str
    gender: str
    culture: str  # "en" or "es": names; language is what they print in
    language: str
    preferred: str
    phone: str
    email: str
    address1: str
    address2: str
    city: str
    postal_code: str
    birthday: dt.date
    employer: str
    consent: bool
    habit: int  # the minute of the day they tend to come in
    method: Method
    card_last4: str
    next_check: int
    household: list[_Member] = field(default_factory=list)
    rng: random.Random = field(default_factory=random.Random, repr=False)
    used: set[str] = field(default_factory=set)
    referred_by: "_Person | None" = None
    customer_id: int | None = None
    car: str = ""

    @property
    def pn(self) -> str:
        return self.preferred or self.first.split()[0]

    def words(self, on: dt.date) -> dict[str, str]:
        he, his, him = ("he", "his", "him") if self.gender == "m" else ("she", "her", "her")
        out = {"pn": self.pn, "he": he, "his": his, "him": him, "employer": self.employer, "car": self.car}
        if (on - self.birthday).days // 365 >= 42:
            out["grandparent"] = ""  # a note that needs it fits only someone old enough
        for m in self.household:
            if m.relation == "spouse":
                out.setdefault("spouse", m.first)
            elif m.relation in ("son", "daughter"):
                age = (on - m.birthday).days // 365
                for key, (young, old) in KID_AGES.items():
                    if young <= age <= old:
                        out.setdefault(key, m.first)
            else:
                out.setdefault("elder", f"{his} {m.relation} {m.first}")
        return out

    def say(self, text: str, on: dt.date) -> str | None:
        """``text`` about this person on day ``on``, or None when it names someone they
        do not have (or not of an age that fits)."""
        try:
            line = text.format(**self.words(on))
        except KeyError:
            return None
        return line[0].upper() + line[1:]

    def fresh(self, notes, on: dt.date) -> tuple[tuple[str, ...], str] | None:
        """A note from ``notes`` not yet used for this person that fits the month."""
        choices = [(tags, text) for tags, text, months in notes
                   if text not in self.used and (months is None or on.month in months)]
        self.rng.shuffle(choices)
        for tags, text in choices:
            line = self.say(text, on)
            if line:
                self.used.add(text)
                return tags, line
        return None


@dataclass
class _Car:
    make: str
    model: str
    trim: str
    year: int
    color: str
    odometer: int
    cost: int
    price: int
    vin: str
    stock: str = ""
    vehicle_id: int | None = None


# ---------------------------------------------------------------------------
# The builder.


class _Demo:
    def __init__(self, today: dt.date, seed: int) -> None:
        self.today = today
        self.seed = seed
        self.rng = random.Random(seed)
        self.drawer_rng = random.Random(seed * 104729 + 3)
        self.counter = _Counter(self.rng, today, self.drawer_rng)
        self.drawer_session: int | None = None
        self.drawer_day: dt.date | None = None
        self.start = open_day(today - dt.timedelta(days=740))
        self.used_names: set[str] = set()
        self.used_phones: set[str] = set()
        self.stock = 1000
        self.serials: set[str] = set()
        self.owner = self.manager = self.clerk = None  # type: ignore[assignment]
        self.policy = DEALER.late_fee_policy
        self.payments = 0
        self.customers = 0
        self.deals: list[_Deal] = []
        self.waived = 0

    # -- actors ---------------------------------------------------------------
    def at_counter(self, day: dt.date) -> Actor:
        """Who takes the payment: the clerk mostly, the manager often, the owner on Saturdays."""
        r = self.rng.random()
        if day.weekday() == 5:
            return self.owner if r < 0.45 else self.clerk
        return self.clerk if r < 0.68 else (self.manager if r < 0.95 else self.owner)

    def deal_maker(self) -> Actor:
        return self.manager if self.rng.random() < 0.75 else self.owner

    # -- the cash drawer -------------------------------------------------------
    def till(self, at: dt.datetime) -> dt.datetime:
        """Money is about to go through the drawer at ``at``: open it first if it is not
        open today (its closing is planned for the end of the day). Returns the time
        for the money (a moment later when the drawer was just opened)."""
        if self.drawer_session is not None and self.drawer_day == at.date():
            return at
        rng, day = self.drawer_rng, at.date()
        opener = self.owner if day.weekday() == 5 and rng.random() < 0.5 else self.clerk
        self.drawer_session = drawer.open_drawer(opener, DRAWER_FLOAT, at=at).session_id
        self.drawer_day = day
        if rng.random() < 0.04:
            drawer.no_sale(opener, rng.choice(NO_SALES), at=self.counter.then(quiet=True))
        if day < self.today:  # today's drawer stays open for the counter to use
            self.counter.plan(day, LAST_MINUTE + 10, _Quiet(self.close_drawer))
        return self.counter.then(quiet=True)

    def open_today(self, at: dt.datetime) -> None:
        if self.drawer_session is None or self.drawer_day != at.date():
            self.till(at)

    def close_drawer(self, at: dt.datetime) -> None:
        """Count the drawer at closing: right to the cent most days, a little off now and
        then (with a note when beyond the tolerance), by bills and coins about half the time."""
        rng, day = self.drawer_rng, at.date()
        closer = self.owner if day.weekday() == 5 else (self.manager if rng.random() < 0.8 else self.clerk)
        session = self.drawer_session
        assert session is not None
        if rng.random() < 0.06:
            amount, reason = rng.choice(PAID_OUTS)
            if drawer.x_report(session, at).expected_cents >= amount:
                drawer.paid_out(closer, amount, reason, at=at)
                at = self.counter.then(quiet=True)
        expected = drawer.x_report(session, at).expected_cents
        over_short, note = (0, "")
        if rng.random() < 0.1:
            over_short, note = rng.choice(OVER_SHORTS)
            if expected + over_short < 0:
                over_short, note = (0, "")
        counted = expected + over_short
        if rng.random() < 0.5:
            drawer.close_drawer(closer, session, denominations=_bills_and_coins(counted), note=note, at=at)
        else:
            drawer.close_drawer(closer, session, counted_cents=counted, note=note, at=at)
        self.drawer_session = self.drawer_day = None

    # -- people ---------------------------------------------------------------
    def new_person(self, first_seen: dt.date) -> _Person:
        rng = self.rng
        culture = "es" if rng.random() < 0.4 else "en"
        gender = rng.choice("mf")
        while True:
            pool = (HOMBRES if gender == "m" else MUJERES) if culture == "es" else (MEN if gender == "m" else WOMEN)
            first = rng.choice(pool)
            last = rng.choice(APELLIDOS if culture == "es" else SURNAMES)
            if f"{first} {last}" not in self.used_names:
                self.used_names.add(f"{first} {last}")
                break
        preferred = PREFERRED.get(first, "") if rng.random() < 0.65 else ""
        age = rng.randrange(21, 68)
        birthday = self.some_day(first_seen.year - age)
        city, zip_code = rng.choice(PLACES[:10] * 2 + PLACES[10:])
        area = rng.choices(("334", "205", "251"), (7, 2, 2))[0]
        while True:
            phone = f"({area}) 555-01{rng.randrange(100):02d}"
            if phone not in self.used_phones and phone != DEALER.phone:
                self.used_phones.add(phone)
                break
        email = ""
        if rng.random() < 0.45:
            handle = fold(f"{(preferred or first).split()[0]}.{last}").replace(" ", "")
            email = f"{handle}{rng.choice(['', str(rng.randrange(10, 99))])}@example.com"
        method = rng.choices(list(Method), (70, 7, 15, 8))[0]
        person = _Person(
            first=first, last=last, gender=gender, culture=culture,
            language="es" if culture == "es" and rng.random() < 0.5 else "en",
            preferred=preferred, phone=phone, email=email,
            address1=f"{rng.randrange(100, 5000)} {rng.choice(STREETS)}",
            address2=f"Apt {rng.randrange(1, 40)}{rng.choice('ABCD')}" if rng.random() < 0.25 else "",
            city=city, postal_code=zip_code, birthday=birthday,
            employer=rng.choice(EMPLOYERS), consent=rng.random() < 0.85,
            habit=rng.choice((570, 600, 660, 735, 765, 990, 1020, 1040)),
            method=method, card_last4=f"{rng.randrange(10000):04d}", next_check=rng.randrange(1001, 4800),
            rng=rng,
        )
        self.add_household(person, first_seen, age)
        return person

    def some_day(self, year: int) -> dt.date:
        start = dt.date(year, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange(365 if year % 4 else 366))

    def add_household(self, p: _Person, first_seen: dt.date, age: int) -> None:
        rng = self.rng
        if rng.random() < 0.25:
            return
        if rng.random() < 0.6:
            pool = (HOMBRES if p.gender == "f" else MUJERES) if p.culture == "es" else (MEN if p.gender == "f" else WOMEN)
            first = rng.choice(pool)
            p.household.append(_Member(f"{first} {p.last}", first, "spouse",
                                        self.some_day(first_seen.year - age - rng.randrange(-4, 5))))
        if age >= 24:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                kid, sex = rng.choice(KIDS[p.culture])
                if any(m.first == kid for m in p.household):
                    continue
                oldest = min(age - 19, 20)
                born = self.some_day(first_seen.year - rng.randrange(2, max(3, oldest)))
                p.household.append(_Member(f"{kid} {p.last}", kid, "son" if sex == "m" else "daughter", born))
        if age < 60 and rng.random() < 0.2:
            elder, relation = rng.choice([e for e in ELDERS[p.culture] if age < 40 or e[1] != "grandmother"])
            older = rng.randrange(42, 50) if relation == "grandmother" else rng.randrange(20, 30)
            p.household.append(_Member(elder, elder.split()[0], relation,
                                        self.some_day(first_seen.year - age - older)))

    # -- cars -----------------------------------------------------------------
    def new_car(self, bought: dt.date, *, cheap: bool = False, catalogue=CARS) -> _Car:
        rng = self.rng
        make, model, trims, wmi, vds, kind = rng.choice(catalogue)
        age = rng.randrange(7, 12) if cheap else rng.randrange(4, 11)
        year = bought.year - age
        odometer = min(195_000, age * rng.randrange(10_500, 15_500) + rng.randrange(-4000, 4000))
        price = KIND_PRICE[kind] - (age - 4) * 950 - max(0, odometer - 60_000) // 40
        price = max(6_000, min(16_000, price + rng.randrange(-600, 600)))
        price = (price // 500) * 500 - 5 if price % 1000 else price - 5
        price = max(5_995, min(15_995, price)) if not cheap else max(5_995, min(7_495, price))
        while True:
            serial = f"{rng.randrange(1_000_000):06d}"
            body = f"{wmi}{vds}{rng.choice(VIN_CHARS)}0{YEAR_CODES[(year - 1980) % 30]}{rng.choice(VIN_CHARS)}{serial}"
            vin = with_check_digit(body)
            if vin not in self.serials:
                self.serials.add(vin)
                break
        cost = int(price * rng.uniform(0.52, 0.66)) // 50 * 50
        return _Car(make, model, rng.choice(trims), year, rng.choice(COLORS), odometer, cost * 100, price * 100, vin)

    def add_car(self, car: _Car, at: dt.datetime) -> None:
        self.stock += 1
        car.stock = f"S{self.stock}"
        car.vehicle_id = vehicles.add_vehicle(
            self.deal_maker(),
            vehicles.NewVehicle(car.vin, car.year, car.make, car.model, car.stock, trim=car.trim,
                                color=car.color, odometer=car.odometer, cost=car.cost, price=car.price),
            at=at,
        )

    def plan_car(self, car: _Car, by: dt.date) -> None:
        """Buy ``car`` at auction a little before ``by`` (the day it is sold)."""
        day = open_day(max(self.start + dt.timedelta(days=1), by - dt.timedelta(days=self.rng.randrange(3, 40))))
        if day > by:
            day = by
        self.counter.plan(day, 560 if day < by else OPEN_MINUTE, lambda at: self.add_car(car, at))

    # -- the customer typed in ------------------------------------------------
    def add_person(self, p: _Person, at: dt.datetime) -> None:
        actor = self.clerk if self.rng.random() < 0.6 else self.manager
        p.customer_id = customers.add_customer(
            actor,
            customers.NewCustomer(
                p.first, p.last, preferred_name=p.preferred, phone=p.phone, email=p.email,
                address1=p.address1, address2=p.address2, city=p.city, state="AL",
                postal_code=p.postal_code, birthday=p.birthday, language=p.language, employer=p.employer,
                mailing_consent=p.consent, referred_by=p.referred_by.customer_id if p.referred_by else None,
            ),
            at=at,
        )
        self.customers += 1
        for m in p.household:
            customers.add_household_member(actor, p.customer_id, m.name, m.relation, m.birthday,
                                           at=self.counter.then())
        for tags, text, pinned in self.first_notes(p, at.date()):
            customers.add_note(actor, p.customer_id, text, tags, pinned=pinned, at=self.counter.then())
        if p.referred_by is not None:
            r = p.referred_by
            him = r.words(at.date())["him"]
            recent = (self.today - at.date()).days <= 30
            text = (f"Thank {him} for sending us {p.pn} {p.last}" if recent
                    else f"Sent us {p.pn} {p.last}; we thanked {him} at the counter.")
            customers.add_note(actor, r.customer_id, text, ("other",), cue=recent, at=self.counter.then())

    def first_notes(self, p: _Person, on: dt.date) -> list[tuple[tuple[str, ...], str, bool]]:
        w = p.words(on)
        notes: list[tuple[tuple[str, ...], str, bool]] = []
        if p.preferred:
            notes.append((("other",), f"Goes by {p.preferred} — please call {w['him']} {p.preferred}.", True))
        if p.language == "es":
            notes.append((("other",), "Prefers Spanish; receipts and letters print in Spanish.", True))
        notes.append((("work",), f"Works at {p.employer}.", False))
        kids = [m.first for m in p.household if m.relation in ("son", "daughter")]
        spouse = next((m.first for m in p.household if m.relation == "spouse"), "")
        if kids:
            count = ("One child", "Two kids", "Three kids", "Four kids")[len(kids) - 1]
            names = kids[0] if len(kids) == 1 else ", ".join(kids[:-1]) + f" and {kids[-1]}"
            family = f"Married to {spouse}; {count.lower()}, {names}." if spouse else f"{count}: {names}."
            notes.append((("family",), family, False))
        elif spouse:
            notes.append((("family",), f"Married to {spouse}.", False))
        if p.referred_by is not None:
            r = p.referred_by
            notes.append((("other",), f"Referred by {r.pn} {r.last}.", False))
        extra = self.rng.random()
        if extra < 0.12:
            notes.append((("health",), f"Hard of hearing on the left side — face {w['him']} when talking.", True))
        elif extra < 0.3:
            notes.append((("other",), "Best time to call is after 3 pm; works the early shift.", True))
        return notes

    def visit_note(self, p: _Person, at: dt.datetime, actor: Actor) -> None:
        note = p.fresh(VISIT_NOTES, at.date())
        if note:
            tags, line = note
            pinned = "complaint" not in tags and self.rng.random() < 0.1
            customers.add_note(actor, p.customer_id, line, tags, pinned=pinned, at=at)

    def cue(self, p: _Person, at: dt.datetime, actor: Actor) -> bool:
        note = p.fresh(CUES, at.date())
        if note:
            tags, line = note
            customers.add_note(actor, p.customer_id, line, tags, cue=True, at=at)
        return note is not None

    # -- the whole build ------------------------------------------------------
    def build(self, progress: Callable[[int, int], None] | None) -> DemoSummary:
        self.counter.plan(self.start, 540, self.set_up)
        if counter_open(self.today):
            self.counter.plan(self.today, OPEN_MINUTE + 2, _Quiet(self.open_today))
        self.plan_deals()
        for _ in range(8):  # cars on the lot today
            self.plan_car(self.new_car(self.today), self.today)
        relations = _Relations(self)
        relations.plan()
        self.counter.run(self.start, progress)
        relations.finish()
        return DemoSummary(self.customers, len([d for d in self.deals if d.agreement_id]), self.payments,
                           DEMO_CLERKS)

    def set_up(self, at: dt.datetime) -> None:
        (oname, orole, opin), (mname, mrole, mpin), (cname, crole, cpin) = DEMO_CLERKS
        self.owner = clerks.create_clerk(None, oname, orole, opin, at=at)
        self.manager = clerks.create_clerk(self.owner, mname, mrole, mpin, at=self.counter.then())
        self.clerk = clerks.create_clerk(self.owner, cname, crole, cpin, at=self.counter.then())
        settings.save_settings(self.owner, DEALER, at=self.counter.then())

    def plan_deals(self) -> None:
        rng, today = self.rng, self.today
        plans = []
        for profile, count, (low, high) in DEALS:
            for _ in range(count):
                opened = today - dt.timedelta(days=rng.randrange(low, high + 1))
                plans.append((open_day(opened, forward=False), profile))
        plans.sort(key=lambda p: p[0])
        people: list[_Person] = []
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
            person = self.new_person(opened)
            earlier = [q for q, (day, _) in zip(people, plans) if day < opened]
            if len(earlier) > 6 and rng.random() < 0.12:
                person.referred_by = rng.choice(earlier)
            people.append(person)
            deal = _Deal(self, person, profile, opened, freq.get(i, Frequency.WEEKLY))
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
            who.birthday = self.this_week(who.birthday.year)
        members = [m for p in people for m in p.household if m.relation != "spouse"]
        for m in rng.sample(members, min(2, len(members))):
            m.birthday = self.this_week(m.birthday.year)

    def this_week(self, year: int) -> dt.date:
        monday = self.today - dt.timedelta(days=self.today.weekday())
        days = [monday + dt.timedelta(days=k) for k in range(7)]
        day = self.rng.choice([d for d in days if (d.month, d.day) != (2, 29)])
        return dt.date(year, day.month, day.day)


# ---------------------------------------------------------------------------
# One agreement's life: open, weekly visits, and how it ends.


class _Deal:
    """One agreement's life. It keeps its own tally of what is owed (from the
    receipts it gets back), so a visit needs no extra replay of the ledger;
    the payoff for a final payment is always read from the agreement's state."""

    def __init__(self, demo: _Demo, person: _Person, profile: str, opened: dt.date, frequency: Frequency,
                 *, car: _Car | None = None) -> None:
        self.demo, self.person, self.profile, self.opened, self.frequency = demo, person, profile, opened, frequency
        self.rng = demo.rng
        self.car = car
        self.due_weekday: int | None = None
        self.waive = False
        self.void_kind = ""
        self.promise = ""
        self.reason = RETURNS[0]
        self.extra = self.rng.choice(("double", "round", "lump"))
        self.agreement_id: int | None = None
        self.dues: list[dt.date] = []
        self.cum: list[int] = []  # what is owed through each installment
        self.fees: list[int] = []  # the late fee each installment gets if unpaid after the grace days
        self.paid = 0  # principal paid
        self.fees_open = 0
        self.fee_checked = 0  # installments whose late-fee day has been looked at
        self.visits = 0
        self.stop_after: dt.date | None = None  # no regular visits after this day
        self.payoff_on: dt.date | None = None
        self.return_on: dt.date | None = None
        self.void_at = 0
        self.cued = False

    # -- planning -------------------------------------------------------------
    def plan(self) -> None:
        demo, rng, today = self.demo, self.rng, self.demo.today
        demo.deals.append(self)
        age = (today - self.opened).days
        if self.car is None:
            self.car = demo.new_car(self.opened, cheap=self.profile == "paid_off")
        demo.plan_car(self.car, self.opened)
        if self.profile == "weeks_late":
            period = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}.get(self.frequency, 31)
            self.stop_after = today - dt.timedelta(days=period + rng.randrange(18, 46))
        elif self.profile == "payoff_lump":
            self.payoff_on = self.opened + dt.timedelta(days=rng.randrange(120, min(220, age - 13)))
        elif self.profile in ("returned", "returned_back"):
            weeks = rng.randrange(8, max(9, min(25, age // 7 - 3)))
            self.return_on = open_day(self.opened + dt.timedelta(weeks=weeks))
            lapse = 0 if self.reason[0] == "needs_changed" else rng.randrange(8, 22)
            self.stop_after = self.return_on - dt.timedelta(days=lapse + 1)
            demo.counter.plan(self.return_on, self.person.habit, self.hand_back)
            if self.profile == "returned_back":
                back = open_day(self.return_on + dt.timedelta(days=rng.randrange(90, 241)), forward=False)
                back = min(back, open_day(today - dt.timedelta(days=21), forward=False))
                minivan = self.reason[0] == "needs_changed"
                again = _Deal(demo, self.person, "current", back, Frequency.WEEKLY,
                              car=demo.new_car(back, catalogue=MINIVANS if minivan else CARS))
                again.plan()
        if self.void_kind:
            self.void_at = rng.randrange(5, 12)
        demo.counter.plan(self.opened, self.person.habit, self.open)

    def make_terms(self) -> Terms:
        rng, price = self.rng, self.car.price
        if self.profile == "paid_off":
            down = (price * rng.randrange(28, 36) // 100) // 10_000 * 10_000
            weekly = rng.choice((125_00, 130_00, 135_00))
        else:
            down = min(rng.choice((500_00, 750_00, 800_00, 1000_00, 1000_00, 1200_00, 1500_00, 2000_00)),
                       price // 5 // 100 * 100)
            weeks = rng.randrange(78, 131)
            weekly = -(-(price - down) // weeks // 500) * 500 - rng.choice((0, 0, 100))
        payment, first_due = {
            Frequency.WEEKLY: (weekly, self.first_weekday(5)),
            Frequency.BIWEEKLY: (-(-weekly * 2 // 500) * 500, self.first_weekday(10)),
            Frequency.SEMI_MONTHLY: (-(-weekly * 52 // 24 // 500) * 500, self.first_semi()),
            Frequency.MONTHLY: (-(-weekly * 52 // 12 // 1000) * 1000,
                                add_months(self.opened, 1, min(self.opened.day, 28))),
        }[self.frequency]
        return Terms.by_payment_amount(
            cash_price=price, down_payment=down, payment_amount=payment, frequency=self.frequency,
            first_due=first_due, late_fee=self.demo.policy,
        )

    def first_weekday(self, at_least: int) -> dt.date:
        if self.due_weekday is None:
            self.due_weekday = self.rng.choices((4, 0, 2, 3, 5), (12, 2, 2, 2, 2))[0]
        day = self.opened + dt.timedelta(days=at_least)
        return day + dt.timedelta(days=(self.due_weekday - day.weekday()) % 7)

    def first_semi(self) -> dt.date:
        day = self.opened + dt.timedelta(days=7)
        if day.day == 1:
            return day
        return day.replace(day=15) if day.day <= 15 else add_months(day.replace(day=1), 1, 1)

    # -- the tally ------------------------------------------------------------
    def tally_to(self, day: dt.date) -> None:
        """Charge the late fees whose day has come by ``day`` (as the ledger does, before
        that day's payments)."""
        grace = dt.timedelta(days=self.demo.policy.grace_days + 1)
        while self.fee_checked < len(self.dues) and self.dues[self.fee_checked] + grace <= day:
            if self.paid < self.cum[self.fee_checked]:
                self.fees_open += self.fees[self.fee_checked]
            self.fee_checked += 1

    def due_on(self, day: dt.date) -> int:
        """Open fees plus what is owed on installments due by ``day``."""
        through = bisect.bisect_right(self.dues, day) - 1
        owed = self.cum[through] - self.paid if through >= 0 else 0
        return self.fees_open + max(0, owed)

    @property
    def payoff(self) -> int:
        return self.cum[-1] - self.paid + self.fees_open

    def resync(self, day: dt.date) -> AgreementState:
        state = agreements.agreement_state(self.agreement_id, day)
        self.paid = self.cum[-1] - state.principal_remaining
        self.fees_open = state.open_fees
        return state

    # -- events ---------------------------------------------------------------
    def open(self, at: dt.datetime) -> None:
        demo, p = self.demo, self.person
        if p.customer_id is None:
            demo.add_person(p, at)
            at = demo.counter.then()
        p.car = self.car.model
        terms = self.make_terms()
        policy = self.demo.policy
        total = 0
        for line in terms.schedule():
            total += line.amount
            self.dues.append(line.due)
            self.cum.append(total)
            self.fees.append(policy.fee_for(line.amount))
        self.regular = terms.payment_amount
        method = p.method if p.method is not Method.CHECK else Method.CASH
        if terms.down_payment:
            at = demo.till(at)
        opened = agreements.open_agreement(
            demo.deal_maker(), p.customer_id, self.car.vehicle_id, terms,
            down_method=method, down_reference=self.reference(method), at=at,
        )
        self.agreement_id = opened.agreement_id
        if self.profile == "current" and self.rng.random() < 0.2:
            where = self.rng.choice(("Facebook", "the family group chat"))
            customers.add_note(demo.clerk, p.customer_id,
                               f"Loves the {self.car.color.lower()} {self.car.model}; took a picture with it for {where}.",
                               ("car",), at=demo.counter.then())
        self.plan_visit(at.date())

    def reference(self, method: Method) -> str:
        p = self.person
        if method is Method.CARD:
            return p.card_last4
        if method is Method.MONEY_ORDER:
            return f"{self.rng.randrange(10**10, 10**11)}"
        if method is Method.CHECK:
            p.next_check += 1
            return str(p.next_check)
        return ""

    def offset(self) -> int:
        """Days after the due date this visit comes (negative: early)."""
        rng = self.rng
        if self.profile == "late_few":
            return rng.choices((1, 2, 3, 4, 5, 6), (1, 3, 3, 5, 4, 3))[0]
        if self.profile == "ahead":
            return -rng.randrange(0, 3)
        r = rng.random()
        if r < 0.02:
            return 7 if self.frequency is Frequency.WEEKLY else 5  # missed one; catches up
        if r < 0.05:
            return rng.randrange(4, 6)  # a late fee now and then
        return rng.choices((0, -1, 1, -2, 2), (50, 20, 15, 6, 6))[0]

    def plan_visit(self, after: dt.date) -> None:
        k = bisect.bisect_right(self.cum, self.paid)
        if k >= len(self.cum):
            return
        if self.profile == "ahead":  # comes every payday whatever is paid already
            k = min(bisect.bisect_right(self.dues, after + dt.timedelta(days=2)), len(self.dues) - 1)
        due = self.dues[k]
        offset = self.offset()
        spacing = 2 if self.frequency is Frequency.WEEKLY else 5
        day = max(due + dt.timedelta(days=offset), after + dt.timedelta(days=spacing))
        day = open_day(day, forward=offset > 0 or day <= after + dt.timedelta(days=spacing))
        if day <= after:
            day = open_day(after + dt.timedelta(days=1))
        today = self.demo.today
        if self.profile == "late_few" and today - dt.timedelta(days=7) < due < today:
            return  # this week's payment is still to come: a few days late today
        if self.stop_after and day > self.stop_after:
            if self.promise:
                self.plan_promise()
            return
        minute = self.person.habit + self.rng.randrange(-25, 26)
        if day.weekday() == 5:
            minute = min(minute, 13 * 60)
        self.demo.counter.plan(day, minute, self.visit)

    def visit(self, at: dt.datetime) -> None:
        demo, rng, p = self.demo, self.rng, self.person
        day = at.date()
        self.tally_to(day)
        self.visits += 1
        actor = demo.at_counter(day)
        amount = self.due_on(day) or (self.cum[bisect.bisect_right(self.cum, self.paid)] - self.paid)
        memo = ""
        if self.waive and self.fees_open and self.visits >= 4:
            state = agreements.agreement_state(self.agreement_id, day)
            line = max((i for i in state.installments if i.fee_open > 0), key=lambda i: i.number)
            reason = p.say(WAIVER_REASONS[demo.waived % len(WAIVER_REASONS)], day)
            waived = agreements.waive_fee(actor, self.agreement_id, line.number, reason,
                                          approved_by=demo.manager if actor.role is Role.CLERK else None, at=at)
            demo.waived += 1
            self.fees_open -= waived
            amount = self.due_on(day) or self.regular
            self.waive = False
            at = demo.counter.then()
        if self.profile == "ahead":
            amount = max(amount, self.regular)
            if self.extra == "double" and rng.random() < 0.3:
                amount += self.regular
                memo = "Two payments"
            elif self.extra == "round":
                amount = -(-amount // 2000) * 2000 + (2000 if amount % 2000 == 0 else 0)
            elif self.extra == "lump" and self.visits == 6:
                amount += 500_00
                memo = "Tax refund — paying ahead"
        last = self.payoff - amount < self.regular * 5 // 4
        if last or (self.payoff_on and day >= self.payoff_on):
            # The final payment: the payoff as the agreement states it today.
            amount = agreements.agreement_state(self.agreement_id, day).payoff
            memo = "Paid off early with a tax refund" if not last else ""
        amount = min(amount, self.payoff)
        if self.void_kind and self.visits == self.void_at:
            self.mistake(actor, amount, at)
        else:
            result = self.pay(actor, amount, at, memo)
            if result.paid_off:
                self.paid_off()
                return
        self.after_visit(actor, day)
        self.plan_visit(day)

    def pay(self, actor: Actor, amount: int, at: dt.datetime, memo: str = "", method: Method | None = None,
            reference: str | None = None):
        method = method or self.method()
        tendered = self.cash_tendered(amount) if method is Method.CASH else None
        at = self.demo.till(at)
        r = payments.take_payment(actor, self.agreement_id, amount, method, tendered=tendered,
                                  reference=self.reference(method) if reference is None else reference,
                                  memo=memo, at=at)
        self.demo.payments += 1
        self.fees_open -= r.fees
        self.paid += r.past_due + r.current + r.ahead
        return r

    def method(self) -> Method:
        if self.rng.random() < 0.85:
            return self.person.method
        return self.rng.choices(list(Method), (70, 7, 15, 8))[0]

    def cash_tendered(self, amount: int) -> int:
        """What the customer hands over: exact, or the next bill or two up."""
        if self.rng.random() < 0.3:
            return amount
        for bill in (500, 1000, 2000, 5000, 10000):
            up = -(-amount // bill) * bill
            if up > amount and self.rng.random() < 0.55:
                return up
        return -(-amount // 2000) * 2000 if amount % 2000 else amount + 2000

    def mistake(self, actor: Actor, amount: int, at: dt.datetime) -> None:
        """A mistaken post, voided with the manager's approval, then the right one."""
        demo = self.demo
        clerk = demo.clerk
        if self.void_kind == "typo" and amount * 10 < self.payoff:
            order = self.reference(Method.MONEY_ORDER)
            wrong = self.pay(clerk, amount * 10, at, method=Method.MONEY_ORDER, reference=order)
            reason = (f"Typed ${amount * 10 / 100:,.2f} instead of ${amount / 100:,.2f} for the money order; "
                      "the customer paid the right amount.")
            payments.void_payment(clerk, wrong.receipt_number, reason, approved_by=demo.manager,
                                  at=demo.counter.then())
            self.resync(at.date())
            self.pay(clerk, amount, demo.counter.then(), method=Method.MONEY_ORDER, reference=order)
        else:
            self.pay(clerk, amount, at, method=Method.CASH)
            twice = self.pay(clerk, amount, demo.counter.then(), method=Method.CASH)
            payments.void_payment(clerk, twice.receipt_number,
                                  "Posted twice (Enter pressed twice); the customer paid once.",
                                  approved_by=demo.manager, at=demo.counter.then())
            self.resync(at.date())
        demo.payments -= 1  # the voided one does not count

    def after_visit(self, actor: Actor, day: dt.date) -> None:
        demo, rng, p = self.demo, self.rng, self.person
        if (demo.today - day).days <= 20 and not self.cued and rng.random() < 0.3:
            self.cued = demo.cue(p, demo.counter.then(), actor)
        elif rng.random() < 0.07:
            demo.visit_note(p, demo.counter.then(), actor)

    def paid_off(self) -> None:
        demo, p = self.demo, self.person
        customers.add_note(
            demo.manager, p.customer_id,
            p.say(f"Paid off the {self.car.model}! Gave {{him}} the title and our congratulations card. "
                  "Ask about friends or family who need a car.", demo.counter.last.date()),
            ("car",), pinned=True, at=demo.counter.then(),
        )

    def hand_back(self, at: dt.datetime) -> None:
        demo, rng, p = self.demo, self.rng, self.person
        reason, reason_text, story = self.reason
        miles = self.car.odometer + (at.date() - self.opened).days * rng.randrange(28, 46)
        actor = demo.clerk if rng.random() < 0.5 else demo.manager
        agreements.return_vehicle(
            actor, self.agreement_id, reason, reason_text=reason_text, odometer=miles,
            keys_returned=rng.choice((1, 2, 2)),
            condition={
                "exterior": rng.choice((
                    {"rating": "good"}, {"rating": "fair", "note": "minor scratches"},
                    {"rating": "needs_work", "note": "small dent on the rear bumper"},
                )),
                "interior": rng.choice(({"rating": "good"}, {"rating": "fair", "note": "needs detailing"})),
                "tires": rng.choice((
                    {"rating": "good"}, {"rating": "fair"}, {"rating": "needs_work", "note": "front two worn"},
                )),
                "glass": {"rating": "good"},
                "lights": rng.choice(({"rating": "good"}, {"rating": "good"}, {"rating": "fair", "note": "one bulb out"})),
                "mechanical": rng.choice(("", "", "check engine light on")),
            },
            notes=p.say(story, at.date()), approved_by=demo.manager, at=at,
        )
        customers.add_note(
            actor, p.customer_id,
            p.say(f"{{pn}} brought the {self.car.model} back with the keys. Told {{him}} nothing more is owed "
                  "and we would love to see {him} again when the time is right.", at.date()),
            ("car", "other"), at=demo.counter.then(),
        )
        # The lot checks a returned car over within the week; the latest return
        # (a few months back) still waits for a part, so the inventory shows one waiting.
        inspect_on = open_day(at.date() + dt.timedelta(days=rng.randrange(2, 7)))
        if inspect_on <= demo.today - dt.timedelta(days=120):
            demo.counter.plan(inspect_on, 8 * 60 + 30, lambda when: vehicles.mark_inspected(
                demo.manager, self.car.vehicle_id, rng.choice((
                    "Checked over; detailed and back on the lot.", "New wiper blades and an oil change; ready.",
                    "Tires rotated, interior shampooed; ready for the next family.",
                )), at=when,
            ))

    def plan_promise(self) -> None:
        demo, rng, today = self.demo, self.rng, self.demo.today
        kind, self.promise = self.promise, ""
        if kind == "today":
            day = open_day(today - dt.timedelta(days=rng.randrange(2, 5)), forward=False)
            demo.counter.plan(day, 600, lambda at: self.promised(at, today))
        else:
            owed_since = self.dues[bisect.bisect_right(self.cum, self.paid)]
            day = open_day(max(self.stop_after, owed_since) + dt.timedelta(days=rng.randrange(5, 10)))
            if day <= today - dt.timedelta(days=7):
                demo.counter.plan(day, self.person.habit, self.partial)

    def promised(self, at: dt.datetime, on: dt.date) -> None:
        demo, p = self.demo, self.person
        state = agreements.agreement_state(self.agreement_id, at.date())
        amount = min(state.amount_due_now, 2 * state.regular_payment, state.payoff)
        agreements.record_promise(demo.clerk, self.agreement_id, on, amount,
                                  f"Called: gets paid {on:%A} and will bring two payments then.", at=at)
        customers.add_note(
            demo.clerk, p.customer_id,
            p.say("Ask how things are going at {employer}; let {him} know we're glad to work with {him}.", on),
            ("payment",), cue=True, at=demo.counter.then(),
        )

    def partial(self, at: dt.datetime) -> None:
        demo, p = self.demo, self.person
        state = self.resync(at.date())
        due = min(state.amount_due_now, state.payoff)
        amount = min(state.regular_payment // 2, due // 2) // 500 * 500
        if amount <= 0:
            return
        self.pay(demo.clerk, amount, at, "Paid what could be paid this week")
        agreements.record_promise(demo.clerk, self.agreement_id, at.date() + dt.timedelta(days=7), due - amount,
                                  "Hours cut at work; will bring the rest next payday.", at=demo.counter.then())
        customers.add_note(
            demo.clerk, p.customer_id,
            p.say("Hours were cut at {employer}; {he} came in to pay what {he} could. Thanked {him} for coming by.",
                  at.date()),
            ("payment", "work"), at=demo.counter.then(),
        )


# ---------------------------------------------------------------------------
# The relationship: follow-ups worked, walk-ins who bought elsewhere, appointments,
# complaints, and a customer who asked us to stop calling.


class _Relations:
    """Follow-up tasks worked every Monday over the years and every morning for the
    last eight weeks (so the contact log and the weekly outcomes have a history),
    with the last two days' work left partly undone (so some tasks are overdue
    today). Walk-ins look at a car, keep or miss their appointment, and tell us
    they bought elsewhere; three complaints (resolved, in repair, open); a few
    appointments around today; one customer asks us to stop calling. At the end
    ``regenerate_follow_ups(today)`` makes today's list from the real state.

    It draws from its own random stream, so the counter history stays as it was."""

    WINDOW_DAYS = 56

    def __init__(self, demo: _Demo) -> None:
        self.demo = demo
        self.today = demo.today
        self.rng = random.Random(demo.seed * 7919 + 1)
        self.window = open_day(demo.today - dt.timedelta(days=self.WINDOW_DAYS))
        self.people: dict[int, _Person] = {}
        self.leaving: dict[int, tuple] = {}  # customer id -> what they will tell us when we call
        self.later_stories = [DEPARTURE_STORIES[4], DEPARTURE_STORIES[5]]  # for check-in calls
        self.complaint_ids: list[int] = []
        self.picked: set[int] = set()  # customers already given a complaint or an appointment here
        self.today_walk_in: int | None = None

    @contextlib.contextmanager
    def own_rng(self):
        """Let the demo's helpers (new_person, add_person) draw from this stream."""
        saved = self.demo.rng
        self.demo.rng = self.rng
        try:
            yield
        finally:
            self.demo.rng = saved

    def at(self) -> dt.datetime:
        return self.demo.counter.then()

    def day_before_today(self, back: int) -> dt.date:
        day = self.today
        for _ in range(back):
            day = open_day(day - dt.timedelta(days=1), forward=False)
        return day

    # -- planning ----------------------------------------------------------------
    def plan(self) -> None:
        plan, today = self.demo.counter.plan, self.today
        monday = self.demo.start + dt.timedelta(days=7 - self.demo.start.weekday())
        while monday < self.window:
            plan(open_day(monday), 545, lambda at: self.work_due(at, leave=0.0))
            monday += dt.timedelta(days=7)
        day = self.window
        while day < today:
            if counter_open(day):
                plan(day, 545, self.morning)
            day += dt.timedelta(days=1)
        for k, back in enumerate((50, 38, 25, 14)):  # walk-ins who will buy elsewhere
            plan(open_day(today - dt.timedelta(days=back), forward=False), 660,
                 lambda at, k=k: self.walk_in(at, DEPARTURE_STORIES[k], kept=k != 1))
        last_visit = self.day_before_today(2)
        plan(open_day(last_visit - dt.timedelta(days=3), forward=False), 700, self.walk_in_today)
        plan(today, 675, self.not_delivered_yet)
        plan(open_day(today - dt.timedelta(days=40), forward=False), 840, self.complaint_resolved)
        plan(open_day(today - dt.timedelta(days=12), forward=False), 930, self.complaint_in_repair)
        plan(self.day_before_today(2), 930, self.complaint_open)
        plan(open_day(today - dt.timedelta(days=30), forward=False), 630, self.stop_calls)
        plan(self.day_before_today(3), 610, self.appointment_to_miss)
        plan(self.day_before_today(1), 600, self.appointment_today)
        plan(today, 580, self.appointment_soon)

    def finish(self) -> None:
        followups.regenerate_follow_ups(self.today, at=self.at())

    # -- who ---------------------------------------------------------------------
    def person(self, customer_id: int) -> _Person | None:
        found = self.people.get(customer_id)
        if found is None:
            self.people.update({d.person.customer_id: d.person for d in self.demo.deals if d.person.customer_id})
            found = self.people.get(customer_id)
        return found

    def say(self, customer_id: int, text: str, on: dt.date) -> str:
        p = self.person(customer_id)
        line = p.say(text, on) if p is not None and text else None
        return line if line is not None else text.format(pn="them", he="they", his="their", him="them")

    def current_customers(self) -> list[int]:
        """Customers on an active agreement now, not yet picked for something else."""
        taken = self.picked | set(self.leaving)
        rows = (
            models.Agreement.select(models.Agreement.customer)
            .where(models.Agreement.status == Status.ACTIVE.value)
            .order_by(models.Agreement.id)
            .tuples()
        )
        return [cid for (cid,) in rows if cid not in taken and self.person(cid) is not None]

    # -- the follow-up list --------------------------------------------------------
    def morning(self, at: dt.datetime) -> None:
        """Open the day: regenerate, then work the list (the last two days, only partly)."""
        day = at.date()
        followups.regenerate_follow_ups(day, at=at)
        leave = {
            self.day_before_today(1): 0.6, self.day_before_today(2): 0.5, self.day_before_today(3): 0.25,
        }.get(day, 0.05)
        self.work_due(self.at(), leave=leave)

    def work_due(self, at: dt.datetime, *, leave: float) -> None:
        day = at.date()
        for line in followups.open_follow_ups(day):
            if line.due_on > day:
                break
            if self.rng.random() < leave:
                continue
            self.work(line, self.at())

    def work(self, line: followups.FollowUpLine, at: dt.datetime) -> None:
        demo, rng = self.demo, self.rng
        cid = line.customer_id
        story = None
        if cid in self.leaving and line.kind is not FollowUpKind.THANK_YOU_LETTER:
            story = self.leaving.pop(cid)
        elif line.kind in (FollowUpKind.RETURN_CHECK_IN, FollowUpKind.PAYOFF_NEXT_CAR) and self.later_stories \
                and rng.random() < 0.4:
            story = self.later_stories.pop(0)
        if story is not None:
            self.bought_elsewhere(line, story, at)
            return
        actor = demo.manager if line.for_manager else (demo.clerk if rng.random() < 0.7 else demo.manager)
        choices = FOLLOW_UP_WORK[line.kind.value]
        outcome, _weight, note, channel = rng.choices(choices, weights=[c[1] for c in choices])[0]
        call_back_on = None
        if outcome == Outcome.CALL_BACK.value:
            call_back_on = open_day(at.date() + dt.timedelta(days=rng.randrange(2, 5)))
        followups.work_follow_up(actor, line.id, outcome, self.say(cid, note, at.date()), channel=channel,
                                 call_back_on=call_back_on, at=at)

    def bought_elsewhere(self, line: followups.FollowUpLine, story: tuple, at: dt.datetime) -> None:
        d = departures.DepartureInput(*story)
        where = f" at {d.where_bought}" if d.where_bought else ""
        followups.work_follow_up(self.demo.clerk, line.id, Outcome.BOUGHT_ELSEWHERE,
                                 f"Bought elsewhere{where}; thanked them for telling us.", at=at)
        departures.record_departure(self.demo.clerk, line.customer_id, d, at=self.at())

    # -- walk-ins who buy elsewhere -------------------------------------------------
    def walk_in(self, at: dt.datetime, story: tuple, *, kept: bool, call_back: dt.date | None = None) -> int:
        """Someone looks at a car and books a time to come back for a drive."""
        demo = self.demo
        with self.own_rng():
            person = demo.new_person(at.date())
            demo.add_person(person, at)
        cid = person.customer_id
        self.people[cid] = person
        model = self.rng.choice(("Equinox", "Camry", "Altima", "Escape", "Sienna", "Malibu"))
        customers.add_note(demo.clerk, cid, person.say(f"Walked in and looked at the {model}; booked a time "
                                                       "to come back for a test drive.", at.date()),
                           ("car",), at=self.at())
        day = open_day(at.date() + dt.timedelta(days=self.rng.randrange(2, 4)))
        starts = dt.datetime.combine(day, dt.time(11, 0) if day.weekday() == 5 else dt.time(15, 0))
        appt = appointments.book_appointment(demo.clerk, cid, AppointmentPurpose.LOOK_AT_CAR, starts,
                                             f"Test drive: the {model}", at=self.at())
        if call_back is None:
            self.leaving[cid] = story
        demo.counter.plan(day, starts.hour * 60 + 50,
                          lambda when: self.appointment_day(when, cid, appt, model, kept, call_back))
        return cid

    def appointment_day(self, at: dt.datetime, cid: int, appt: int, model: str, kept: bool,
                        call_back: dt.date | None) -> None:
        demo = self.demo
        if not kept:
            appointments.mark_appointment(demo.clerk, appt, kept=False, at=at)
            return
        appointments.mark_appointment(demo.clerk, appt, kept=True, note="Test-drove it", at=at)
        back = call_back or open_day(at.date() + dt.timedelta(days=3))
        contacts.log_contact(demo.clerk, cid, "visit", Outcome.CALL_BACK,
                             f"Liked the {model}; wants to talk it over at home. Call back then.",
                             call_back_on=back, at=self.at())

    def walk_in_today(self, at: dt.datetime) -> None:
        self.today_walk_in = self.walk_in(at, DEPARTURE_STORIES[6], kept=True, call_back=self.today)

    def not_delivered_yet(self, at: dt.datetime) -> None:
        """Today's call back: they found a car elsewhere but have not signed — a manager's task today."""
        cid = self.today_walk_in
        if cid is None:
            return
        for line in followups.open_follow_ups(self.today, customer_id=cid):
            if line.kind is FollowUpKind.CALL_BACK:
                self.bought_elsewhere(line, DEPARTURE_STORIES[6], at)
                return

    # -- complaints and appointments -----------------------------------------------
    def pick_customer(self) -> int | None:
        choices = self.current_customers()
        if not choices:
            return None
        cid = self.rng.choice(choices)
        self.picked.add(cid)
        return cid

    def complaint_resolved(self, at: dt.datetime) -> None:
        demo = self.demo
        cid = self.pick_customer()
        if cid is None:
            return
        severity, what, repair, done = COMPLAINTS[0]
        cmp = complaints.open_complaint(demo.clerk, cid, what, severity, at=at)
        self.complaint_ids.append(cmp)
        repair_day = open_day(at.date() + dt.timedelta(days=1))
        fix_day = open_day(repair_day + dt.timedelta(days=1))
        demo.counter.plan(repair_day, 570, lambda when: (
            complaints.move_complaint(demo.manager, cmp, "in_repair", repair, at=when),
            appointments.book_appointment(demo.manager, cid, AppointmentPurpose.SERVICE,
                                          dt.datetime.combine(fix_day, dt.time(9, 30)), "Brakes: pads and rotors",
                                          at=self.at()),
        ))
        demo.counter.plan(fix_day, 9 * 60 + 35, lambda when: self.kept_service(when, cid, cmp, done))

    def kept_service(self, at: dt.datetime, cid: int, cmp: int, done: str) -> None:
        for line in appointments.appointments_of(cid):
            if line.status.value == "booked" and line.starts_at <= at:
                appointments.mark_appointment(self.demo.clerk, line.id, kept=True, note="Dropped the car off",
                                              at=at)
        self.demo.counter.plan(open_day(at.date() + dt.timedelta(days=1)), 960, lambda when: (
            complaints.move_complaint(self.demo.manager, cmp, "resolved", done, at=when)
        ))

    def complaint_in_repair(self, at: dt.datetime) -> None:
        demo = self.demo
        cid = self.pick_customer()
        if cid is None:
            return
        severity, what, repair, _ = COMPLAINTS[1]
        cmp = complaints.open_complaint(demo.clerk, cid, what, severity, at=at)
        self.complaint_ids.append(cmp)
        repair_day = open_day(at.date() + dt.timedelta(days=2))
        coil_day = open_day(self.today + dt.timedelta(days=3))
        demo.counter.plan(repair_day, 600, lambda when: (
            complaints.move_complaint(demo.manager, cmp, "in_repair", repair, at=when),
            appointments.book_appointment(demo.manager, cid, AppointmentPurpose.SERVICE,
                                          dt.datetime.combine(coil_day, dt.time(9, 30)),
                                          "Put in the ignition coil when it arrives", at=self.at()),
        ))

    def complaint_open(self, at: dt.datetime) -> None:
        cid = self.pick_customer()
        if cid is None:
            return
        severity, what, _, _ = COMPLAINTS[2]
        self.complaint_ids.append(complaints.open_complaint(self.demo.clerk, cid, what, severity, at=at))

    def stop_calls(self, at: dt.datetime) -> None:
        """A customer who paid off asks us, kindly, to stop calling and mailing."""
        paid_off = [
            cid for (cid,) in models.Agreement.select(models.Agreement.customer)
            .where(models.Agreement.status == Status.PAID_OFF.value).order_by(models.Agreement.id).tuples()
        ]
        if not paid_off:
            return
        cid = paid_off[0]
        contacts.log_contact(self.demo.clerk, cid, "call", Outcome.STOP_CONTACTING,
                             "Asked us kindly to stop calling and mailing; happy with the car. We will respect that.",
                             at=at)

    def appointment_to_miss(self, at: dt.datetime) -> None:
        cid = self.pick_customer()
        if cid is None:
            return
        day = self.day_before_today(1)
        starts = dt.datetime.combine(day, dt.time(16, 0))
        appt = appointments.book_appointment(self.demo.clerk, cid, AppointmentPurpose.PAPERWORK, starts,
                                             "Sign the insurance update", at=at)
        self.demo.counter.plan(day, 17 * 60 + 15, lambda when: appointments.mark_appointment(
            self.demo.clerk, appt, kept=False, at=when))

    def appointment_today(self, at: dt.datetime) -> None:
        cid = self.pick_customer()
        if cid is None:
            return
        appointments.book_appointment(self.demo.clerk, cid, AppointmentPurpose.PAPERWORK,
                                      dt.datetime.combine(self.today, dt.time(16, 30)),
                                      "Bring proof of insurance for the new policy", at=at)

    def appointment_soon(self, at: dt.datetime) -> None:
        cid = self.pick_customer()
        if cid is None:
            return
        day = open_day(self.today + dt.timedelta(days=2))
        appointments.book_appointment(self.demo.clerk, cid, AppointmentPurpose.LOOK_AT_CAR,
                                      dt.datetime.combine(day, dt.time(11, 0)),
                                      "Wants to see the minivans; the family is growing", at=at)


def _bills_and_coins(cents: int) -> dict[str, int]:
    """A drawer's worth of ``cents`` in twenties and smaller, as counted at closing."""
    counts: dict[str, int] = {}
    for key in ("bill_20", "bill_10", "bill_5", "bill_1", "coin_25", "coin_10", "coin_5", "coin_1"):
        value = drawer.DENOMINATIONS[key][1]
        counts[key], cents = divmod(cents, value)
    return {k: v for k, v in counts.items() if v}


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
        return _Demo(today, seed).build(progress)
