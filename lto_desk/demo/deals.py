"""One agreement's life in the demo: opened, paid week by week (early, late, ahead, with a
mistake voided), and how it ends: paid off, handed back, or still running today."""

from __future__ import annotations

import bisect
import datetime as dt

from ..domain.ledger import AgreementState
from ..domain.payment import Method
from ..domain.roles import Role
from ..domain.terms import Frequency, Terms, add_months
from ..services import agreements, customers, payments, vehicles
from ..services.base import Actor
from .dealership import Dealership
from .people import Car, Person
from .tables import CARS, MINIVANS, RETURNS, WAIVER_REASONS, open_day


class Deal:
    """One agreement's life. It keeps its own tally of what is owed (from the
    receipts it gets back), so a visit needs no extra replay of the ledger;
    the payoff for a final payment is always read from the agreement's state."""

    def __init__(self, demo: Dealership, person: Person, profile: str, opened: dt.date, frequency: Frequency,
                 *, car: Car | None = None) -> None:
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
                again = Deal(demo, self.person, "current", back, Frequency.WEEKLY,
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
        state = agreements.agreement_state(self.demo.owner, self.agreement_id, day)
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
            state = agreements.agreement_state(self.demo.owner, self.agreement_id, day)
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
            amount = agreements.agreement_state(self.demo.owner, self.agreement_id, day).payoff
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
        state = agreements.agreement_state(self.demo.owner, self.agreement_id, at.date())
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
