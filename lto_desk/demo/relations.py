"""The demo's relationship history: follow-ups worked, walk-ins who bought elsewhere,
appointments kept and missed, complaints, and a customer who asked us to stop calling."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from ..domain.contacts import AppointmentPurpose
from ..domain.followups import FollowUpKind, Outcome
from ..domain.ledger import Status
from ..services import appointments, complaints, contacts, customers, departures, followups
from ..store import models
from .dealership import Dealership
from .people import Person
from .tables import COMPLAINTS, DEPARTURE_STORIES, FOLLOW_UP_WORK, counter_open, open_day


class Relations:
    """Follow-up tasks worked every Monday over the years and every morning for the
    last eight weeks (so the contact log and the weekly outcomes have a history),
    with the last two days' work left partly undone (so some tasks are overdue
    today). Walk-ins look at a car, keep or miss their appointment, and tell us
    they bought elsewhere; three complaints (resolved, in repair, open); a few
    appointments around today; one customer asks us to stop calling. At the end
    ``regenerate_follow_ups(owner, today)`` makes today's list from the real state.

    It draws from its own random stream, so the counter history stays as it was."""

    WINDOW_DAYS = 56

    def __init__(self, demo: Dealership) -> None:
        self.demo = demo
        self.today = demo.today
        self.rng = random.Random(demo.seed * 7919 + 1)
        self.window = open_day(demo.today - dt.timedelta(days=self.WINDOW_DAYS))
        self.people: dict[int, Person] = {}
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
        followups.regenerate_follow_ups(self.demo.owner, self.today, at=self.at())

    # -- who ---------------------------------------------------------------------
    def person(self, customer_id: int) -> Person | None:
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
        followups.regenerate_follow_ups(self.demo.owner, day, at=at)
        leave = {
            self.day_before_today(1): 0.6, self.day_before_today(2): 0.5, self.day_before_today(3): 0.25,
        }.get(day, 0.05)
        self.work_due(self.at(), leave=leave)

    def work_due(self, at: dt.datetime, *, leave: float) -> None:
        day = at.date()
        for line in followups.open_follow_ups(self.demo.owner, day):
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
        for line in followups.open_follow_ups(self.demo.owner, self.today, customer_id=cid):
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
        for line in appointments.appointments_of(self.demo.owner, cid):
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
