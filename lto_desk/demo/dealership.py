"""The demo dealership while it is built: the day's clock, who works the counter, the
cash drawer opened and counted, and the people and cars typed in through the services."""

from __future__ import annotations

import datetime as dt
import random

from ..services import clerks, customers, drawer, settings, vehicles
from ..services.base import Actor
from . import people
from .clock import Counter, Quiet
from .people import Car, Person
from .tables import (
    CARS,
    CUES,
    DEALER,
    DEMO_CLERKS,
    DRAWER_FLOAT,
    LAST_MINUTE,
    NO_SALES,
    OPEN_MINUTE,
    OVER_SHORTS,
    PAID_OUTS,
    VISIT_NOTES,
    open_day,
)


class Dealership:
    """Its clock, its staff, its cash drawer, and the people and cars typed in so far.
    Its random streams are what make the same seed give the same history."""

    def __init__(self, today: dt.date, seed: int) -> None:
        self.today = today
        self.seed = seed
        self.rng = random.Random(seed)
        self.drawer_rng = random.Random(seed * 104729 + 3)
        self.counter = Counter(self.rng, today, self.drawer_rng)
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
        self.deals: list = []  # every deals.Deal planned, in the order planned
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
            self.counter.plan(day, LAST_MINUTE + 10, Quiet(self.close_drawer))
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
            if drawer.x_report(closer, session, at).expected_cents >= amount:
                drawer.paid_out(closer, amount, reason, at=at)
                at = self.counter.then(quiet=True)
        expected = drawer.x_report(closer, session, at).expected_cents
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
    def new_person(self, first_seen: dt.date) -> Person:
        return people.new_person(self.rng, first_seen, self.used_names, self.used_phones)

    # -- cars -----------------------------------------------------------------
    def new_car(self, bought: dt.date, *, cheap: bool = False, catalogue=CARS) -> Car:
        return people.new_car(self.rng, bought, self.serials, cheap=cheap, catalogue=catalogue)

    def add_car(self, car: Car, at: dt.datetime) -> None:
        self.stock += 1
        car.stock = f"S{self.stock}"
        car.vehicle_id = vehicles.add_vehicle(
            self.deal_maker(),
            vehicles.NewVehicle(car.vin, car.year, car.make, car.model, car.stock, trim=car.trim,
                                color=car.color, odometer=car.odometer, cost=car.cost, price=car.price),
            at=at,
        )

    def plan_car(self, car: Car, by: dt.date) -> None:
        """Buy ``car`` at auction a little before ``by`` (the day it is sold)."""
        day = open_day(max(self.start + dt.timedelta(days=1), by - dt.timedelta(days=self.rng.randrange(3, 40))))
        if day > by:
            day = by
        self.counter.plan(day, 560 if day < by else OPEN_MINUTE, lambda at: self.add_car(car, at))

    # -- the customer typed in ------------------------------------------------
    def add_person(self, p: Person, at: dt.datetime) -> None:
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

    def first_notes(self, p: Person, on: dt.date) -> list[tuple[tuple[str, ...], str, bool]]:
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

    def visit_note(self, p: Person, at: dt.datetime, actor: Actor) -> None:
        note = p.fresh(VISIT_NOTES, at.date())
        if note:
            tags, line = note
            pinned = "complaint" not in tags and self.rng.random() < 0.1
            customers.add_note(actor, p.customer_id, line, tags, pinned=pinned, at=at)

    def cue(self, p: Person, at: dt.datetime, actor: Actor) -> bool:
        note = p.fresh(CUES, at.date())
        if note:
            tags, line = note
            customers.add_note(actor, p.customer_id, line, tags, cue=True, at=at)
        return note is not None

    # -- the first morning ----------------------------------------------------
    def set_up(self, at: dt.datetime) -> None:
        (oname, orole, opin), (mname, mrole, mpin), (cname, crole, cpin) = DEMO_CLERKS
        self.owner = clerks.create_clerk(None, oname, orole, opin, at=at)
        self.manager = clerks.create_clerk(self.owner, mname, mrole, mpin, at=self.counter.then())
        self.clerk = clerks.create_clerk(self.owner, cname, crole, cpin, at=self.counter.then())
        settings.save_settings(self.owner, DEALER, at=self.counter.then())


def _bills_and_coins(cents: int) -> dict[str, int]:
    """A drawer's worth of ``cents`` in twenties and smaller, as counted at closing."""
    counts: dict[str, int] = {}
    for key in ("bill_20", "bill_10", "bill_5", "bill_1", "coin_25", "coin_10", "coin_5", "coin_1"):
        value = drawer.DENOMINATIONS[key][1]
        counts[key], cents = divmod(cents, value)
    return {k: v for k, v in counts.items() if v}
