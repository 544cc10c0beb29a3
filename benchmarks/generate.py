"""Make a realistic LTO Desk database at dealer or dealer-group scale.

    python benchmarks/generate.py --scale dealer --out /tmp/dealer.sqlite3
    python benchmarks/generate.py --scale group  --out /tmp/group.sqlite3

Scales (``--scale``):
  tiny    120 customers, 24 active agreements, 2 years (the test suite's smoke run)
  dealer  5,000 customers, 1,000 active agreements, ~500,000 payments over 10 years
  group   100,000 customers, 20,000 active agreements, ~10,000,000 payments over 10 years

The file is the program's own: made and migrated by ``open_database``, the clerks
and settings added through the services, then ten years of history written in
bulk in time order — customers, vehicles (returned cars are inspected and go out
again), agreements with their schedules, down payments and payments (each with
its allocation, receipt number, drawer session and journal row, hash-chained like
the program's), payoffs, returns and one drawer session per counter per day,
sealed at closing. ``lto-desk verify`` passes on it (the smoke test checks that
at the tiny scale).

The speed comes from doing per row only what the program stores: rows and their
journal images are built as plain dicts with the columns and defaults taken from
the models, inserted with ``executemany`` in large transactions, with the
secondary indexes dropped during the load and rebuilt at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import heapq
import json
import queue
import random
import sqlite3
import threading
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lto_desk.domain.phone import phone_digits  # noqa: E402
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms  # noqa: E402
from lto_desk.domain.vin import with_check_digit  # noqa: E402
from lto_desk.services import demo_data as D  # noqa: E402
from lto_desk.services.customers import search_name_for  # noqa: E402
from lto_desk.store import journal  # noqa: E402
from lto_desk.store import models as M  # noqa: E402


@dataclass(frozen=True)
class Scale:
    name: str
    customers: int
    active: int
    payments: int  # about how many payments in all
    years: int
    counters: int  # lots (each with its own counter and drawer)


SCALES = {
    "tiny": Scale("tiny", 120, 24, 6_000, 2, 1),
    "dealer": Scale("dealer", 5_000, 1_000, 500_000, 10, 1),
    "group": Scale("group", 100_000, 20_000, 10_000_000, 10, 4),
}

GRACE_DAYS = 3
FEE_FLAT = 10_00
OPEN_HOUR, CLOSE_HOUR = 8, 18
#: (frequency, numbers of payments, share of agreements)
TERMS = (
    (Frequency.WEEKLY, (104, 130, 156, 165), 0.70),
    (Frequency.BIWEEKLY, (52, 65, 78), 0.20),
    (Frequency.MONTHLY, (24, 30, 36), 0.10),
)
CLERKS = (
    ("Ray Whitaker", "owner", "1111"),
    ("Dana Brooks", "manager", "2222"),
    ("Luis Ortega", "manager", "2323"),
    ("Tasha Greene", "clerk", "3333"),
    ("Kendra Mills", "clerk", "3434"),
    ("Marco Ruiz", "clerk", "3535"),
    ("Beth Carver", "clerk", "3636"),
)
METHODS = ("cash",) * 6 + ("card",) * 2 + ("money_order", "check")


# ---------------------------------------------------------------------------
# Plans: what each agreement will do, decided up front (cheap), played in time order.


@dataclass
class Plan:
    """One agreement's life: its customer, terms, which installments get paid
    and when, and how it ends (``end``: "paid_off", "returned" or None)."""

    customer: int  # index into the customer list (id assigned when first seen)
    counter: int
    opened_at: dt.datetime
    terms: Terms
    paid_count: int
    end: str | None
    returned_on: dt.date | None = None
    seed: int = 0
    schedule: list = field(default_factory=list)

    def events(self, today: dt.date) -> Iterator[tuple[dt.datetime, int, str, "Plan", int]]:
        """(when, tie-breaker, kind, plan, installment) in time order."""
        rng = random.Random(self.seed)
        yield self.opened_at, 0, "open", self, 0
        last = self.opened_at
        for k in range(1, self.paid_count + 1):
            due = self.schedule[k - 1].due
            day = due + dt.timedelta(days=rng.choice((-3, -2, -1, 0, 0, 0, 0, 1, 1, 2, 3)))
            day = min(max(day, last.date()), today)
            when = dt.datetime.combine(day, dt.time(rng.randint(OPEN_HOUR + 1, CLOSE_HOUR - 1), rng.randint(0, 59)))
            if when <= last:
                when = last + dt.timedelta(minutes=1)
            last = when
            yield when, 1, "pay", self, k
        if self.end == "returned":
            assert self.returned_on is not None
            when = dt.datetime.combine(max(self.returned_on, last.date()), dt.time(rng.randint(9, 16), rng.randint(0, 59)))
            if when <= last:
                when = last + dt.timedelta(minutes=1)
            self.returned_on = when.date()
            yield when, 2, "return", self, 0
            inspected = when + dt.timedelta(days=3)
            if inspected.date() <= today:
                yield inspected, 3, "inspect", self, 0


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

    def terms(self, opened: dt.date) -> Terms:
        return Terms.by_number_of_payments(
            cash_price=self.price, down_payment=self.down, number_of_payments=self.count, frequency=self.frequency,
            first_due=opened + dt.timedelta(days=min(int(STEP_DAYS[self.frequency]), 14)),
            late_fee=LateFeePolicy(GRACE_DAYS, FEE_FLAT),
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


def _business_time(rng: random.Random, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(OPEN_HOUR + 1, CLOSE_HOUR - 2), rng.randint(0, 59)))


def _plan(rng: random.Random, customer: int, counter: int, opened: dt.date, shape: Shape, end: str | None) -> Plan:
    terms = shape.terms(opened)
    plan = Plan(customer, counter, _business_time(rng, opened), terms, 0, end, seed=rng.randrange(1 << 30))
    plan.schedule = terms.schedule()
    return plan


def plan_agreements(scale: Scale, today: dt.date, rng: random.Random) -> list[Plan]:
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
        plan = _plan(rng, c, c % scale.counters, opened, shape, None)
        due_by_today = sum(1 for i in plan.schedule if i.due <= today)
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
        plan = _plan(rng, c, c % scale.counters, opened, shape, end)
        plan.paid_count = paid
        last_due = plan.schedule[paid - 1].due
        if end == "returned":
            plan.returned_on = last_due + dt.timedelta(days=rng.randint(7, 30))
        if (plan.returned_on or last_due) + dt.timedelta(days=10) >= before:
            misses += 1
            continue
        plans.append(plan)
        payments += paid
        earliest[c] = opened
    return plans


# ---------------------------------------------------------------------------
# Rows and their journal images.

LEDGER_COLUMNS = (
    "id", "agreement_id", "kind", "entry_date", "created_at", "amount", "clerk_id", "approved_by_id", "reverses_id",
    "installment_number", "reason", "method", "tendered", "change_given", "reference", "memo", "receipt_number",
    "request_id", "drawer_session_id",
)
ALLOCATION_COLUMNS = ("entry_id", "bucket", "installment_number", "amount")


def _template(model_class, **required) -> dict:
    """The journaled columns of ``model_class`` with their defaults, as ``snapshot`` writes them."""
    row = model_class(**required)
    return journal.snapshot(row, allocations=[]) if model_class is M.LedgerEntry else journal.snapshot(row)


def _compile(image: dict, fields: tuple[str, ...]) -> str:
    """``canonical(image)`` as a format string with a slot per name in ``fields``
    (each filled with that value's JSON text), so a row's image costs one ``format``."""
    marked = dict(image, **{f: f"@@{f}@@" for f in fields})
    text = journal.canonical(marked).replace("{", "{{").replace("}", "}}")
    for f in fields:
        text = text.replace(f'"@@{f}@@"', "{" + f + "}")
    return text


def _js(value) -> str:
    """One value's JSON text, as ``canonical`` writes it."""
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


PAYMENT_FIELDS = (
    "agreement_id", "allocations", "amount", "change_given", "clerk_id", "created_at", "drawer_session_id",
    "entry_date", "method", "receipt_number", "reference", "tendered",
)


class Writer:
    """Inserts rows in bulk and writes their journal rows, keeping the hash chain."""

    def __init__(self, con: sqlite3.Connection, prev_hash: str, next_ids: dict[str, int]) -> None:
        self.con = con
        self.prev = prev_hash
        self.ids = next_ids
        self.rows: dict[str, list[tuple]] = {}
        self.columns: dict[str, tuple[str, ...]] = {}
        self.pending = 0
        # SQLite does the inserts on a thread of its own (it lets go of the GIL while it
        # writes), so building the next rows and writing the last ones overlap.
        self.batches: queue.Queue = queue.Queue(maxsize=4)
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._write, name="sqlite-writer", daemon=True)
        self.thread.start()

    def _write(self) -> None:
        while (batch := self.batches.get()) is not None:
            if self.failure is None:
                try:
                    for sql, rows in batch:
                        self.con.executemany(sql, rows)
                except BaseException as exc:  # raised again in the main thread by finish()
                    self.failure = exc

    def finish(self) -> None:
        """Write what is left and wait for the writer thread."""
        self.flush()
        self.batches.put(None)
        self.thread.join()
        if self.failure is not None:
            raise self.failure

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def insert(self, table: str, row_id: int | str | None, values: dict) -> None:
        cols = self.columns.get(table)
        if cols is None:
            cols = self.columns[table] = tuple(k for k in values if k != "allocations")
            if row_id is not None:
                self.columns[table] = cols = ("id",) + cols
        data = tuple(values[c] if c != "id" else row_id for c in cols)
        self.rows.setdefault(table, []).append(data)
        self.pending += 1

    def add(self, table: str, columns: tuple[str, ...], row: tuple) -> None:
        """One row whose columns are known (the fast path of :meth:`insert`)."""
        self.columns.setdefault(table, columns)
        self.rows.setdefault(table, []).append(row)
        self.pending += 1

    def journal(self, at: dt.datetime | str, clerk_id: int | None, action: str, changes: list[list] | str) -> None:
        """A journal row for ``changes`` (or their canonical text, already made)."""
        at_text = at if isinstance(at, str) else journal._plain(at)
        if isinstance(changes, str):
            changes_text = changes
            body = f'["{self.prev}","{at_text}",{_js(clerk_id)},"{action}",{json.dumps(changes_text, ensure_ascii=False)}]'
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        else:
            changes_text = journal.canonical(changes)
            digest = journal.row_hash(self.prev, at_text, clerk_id, action, changes_text)
        self.rows.setdefault("journal", []).append((at_text, clerk_id, action, changes_text, self.prev, digest))
        self.prev = digest
        self.pending += 1
        if self.pending >= 50_000:
            self.flush()

    def flush(self) -> None:
        """Hand the rows made so far to the writer thread, table by table in a fixed order."""
        batch = []
        for table, rows in self.rows.items():
            if not rows:
                continue
            if table == "journal":
                sql = "INSERT INTO journal (at, clerk_id, action, changes, prev_hash, hash) VALUES (?,?,?,?,?,?)"
            else:
                cols = self.columns[table]
                sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            batch.append((sql, rows))
            self.rows[table] = []
        if batch:
            self.batches.put(batch)
        self.pending = 0


@dataclass
class AgreementRun:
    """What the load tracks for an agreement while its events play."""

    id: int
    customer_id: int
    vehicle_id: int
    paid: int = 0
    paid_amount: int = 0
    paid_through: str | None = None


class Loader:
    def __init__(self, writer: Writer, scale: Scale, today: dt.date, rng: random.Random, clerk_ids: dict) -> None:
        self.w = writer
        self.scale = scale
        self.today = today
        self.rng = rng
        self.owner = clerk_ids["owner"]
        self.managers = clerk_ids["managers"]
        self.clerks = clerk_ids["clerks"]
        self.customer_ids: dict[int, int] = {}
        self.customer_touch: dict[int, str | None] = {}
        self.customer_welcome: dict[int, bool] = {}
        self.vehicle_pool: list[int] = []  # inspected returns, ready to go out again
        self.vehicle_status: dict[int, str] = {}
        self.runs: dict[int, AgreementRun] = {}  # id(plan) -> run
        self.receipt = 0
        self.sessions: dict[int, tuple[int, dt.date, int, int]] = {}  # counter -> (session id, day, float, cash)
        self.session_numbers: dict[int, int] = {}
        self.grand_totals: dict[int, int] = {}
        self.session_collections: dict[int, int] = {}
        self.vehicle_serial = 0
        t = dt.datetime(2020, 1, 1)
        self.t_customer = _template(M.Customer, first_name="", last_name="", customer_since=t.date(), created_at=t)
        self.t_vehicle = _template(M.Vehicle, stock_number="", vin="", vin_tail="", year=2015, make="", model="", created_at=t)
        self.t_agreement = _template(
            M.Agreement, customer=1, vehicle=1, cash_price=0, down_payment=0, payment_amount=0, number_of_payments=1,
            frequency="weekly", first_due=t.date(), opened_on=t.date(), opened_at=t, opened_by=1,
        )
        self.t_entry = _template(M.LedgerEntry, agreement=1, kind="payment", entry_date=t.date(), created_at=t, clerk=1)
        self.payment_image = _compile(self.t_entry, PAYMENT_FIELDS)
        assert set(LEDGER_COLUMNS) == set(self.t_entry) - {"allocations"} | {"id"}, "the ledger_entry columns changed"
        writer.columns["ledger_entry"] = LEDGER_COLUMNS
        writer.columns["allocation"] = ALLOCATION_COLUMNS
        self.t_session = _template(M.DrawerSession, counter_name="", number=1, opened_at=t, opened_by=1, float_cents=0)

    # -- people and cars ------------------------------------------------------------
    def customer(self, index: int, at: dt.datetime) -> int:
        cid = self.customer_ids.get(index)
        if cid is not None:
            return cid
        rng = random.Random(index * 7919 + 17)
        spanish = rng.random() < 0.18
        if spanish:
            first = rng.choice(D.HOMBRES + D.MUJERES)
            last = f"{rng.choice(D.APELLIDOS)} {rng.choice(D.APELLIDOS)}" if rng.random() < 0.4 else rng.choice(D.APELLIDOS)
        else:
            first = rng.choice(D.MEN + D.WOMEN)
            last = rng.choice(D.SURNAMES)
        city, postal = rng.choice(D.PLACES)
        phone = f"+1{rng.choice(('205', '334', '251', '256'))}{rng.randint(200, 999)}{index % 10_000:04d}"
        birthday = dt.date(rng.randint(1950, 2003), rng.randint(1, 12), rng.randint(1, 28))
        cid = self.w.next_id("customer")
        image = dict(
            self.t_customer,
            first_name=first, last_name=last, language="es" if spanish else "en", phone=phone,
            phone_digits=phone_digits(phone), address1=f"{rng.randint(100, 9999)} {rng.choice(D.STREETS)}",
            city=city, state="AL", postal_code=postal, birthday=birthday.isoformat(),
            employer=rng.choice(D.EMPLOYERS) if rng.random() < 0.7 else "",
            customer_since=at.date().isoformat(), created_at=journal._plain(at),
            search_name=search_name_for(first, last, ""),
            contact_call=True, contact_text=rng.random() < 0.6,
        )
        self.w.insert("customer", cid, image)
        self.w.journal(at, self.managers[0], "add_customer", [["customer", str(cid), None, image]])
        self.customer_ids[index] = cid
        self.customer_touch[cid] = None
        self.customer_welcome[cid] = False
        return cid

    def vehicle(self, at: dt.datetime, price: int, manager: int) -> int:
        if self.vehicle_pool:
            return self.vehicle_pool.pop(0)
        self.vehicle_serial += 1
        rng = random.Random(self.vehicle_serial * 104_729)
        make, model, trims, wmi, vds, kind = rng.choice(D.CARS)
        year = max(2004, min(at.year - rng.randint(3, 9), 2024))
        serial = f"{self.vehicle_serial:06d}"
        vin = with_check_digit(f"{wmi}{vds}{rng.choice(D.VIN_CHARS)}0{D.YEAR_CODES[(year - 1980) % 30]}{rng.choice(D.VIN_CHARS)}{serial}")
        vid = self.w.next_id("vehicle")
        image = dict(
            self.t_vehicle, stock_number=f"S{self.vehicle_serial:06d}", vin=vin, vin_tail=vin[-6:], year=year,
            make=make, model=model, trim=rng.choice(trims), color=rng.choice(D.COLORS),
            odometer=rng.randint(60, 160) * 1000, cost=price * 55 // 100, price=price, created_at=journal._plain(at),
        )
        self.w.insert("vehicle", vid, image)
        self.w.journal(at, manager, "add_vehicle", [["vehicle", str(vid), None, image]])
        self.vehicle_status[vid] = "available"
        return vid

    # -- the drawer -----------------------------------------------------------------
    def session_for(self, counter: int, at: dt.datetime, clerk: int) -> int:
        open_row = self.sessions.get(counter)
        if open_row is not None and open_row[1] == at.date():
            return open_row[0]
        if open_row is not None:
            self.close_session(counter)
        number = self.session_numbers.get(counter, 0) + 1
        self.session_numbers[counter] = number
        sid = self.w.next_id("drawer_session")
        opened = dt.datetime.combine(at.date(), dt.time(OPEN_HOUR, 30))
        image = dict(
            self.t_session, counter_name=f"Counter {counter + 1}", number=number, opened_at=journal._plain(opened),
            opened_by_id=clerk, float_cents=150_00, status="open",
        )
        self.w.insert("drawer_session", sid, image)
        self.w.journal(opened, clerk, "open_drawer", [["drawer_session", str(sid), None, image]])
        self.sessions[counter] = (sid, at.date(), 150_00, 0)
        self.session_collections[sid] = 0
        return sid

    def take_cash(self, counter: int, sid: int, amount: int, method: str) -> None:
        self.session_collections[sid] += amount
        if method == "cash":
            s = self.sessions[counter]
            self.sessions[counter] = (s[0], s[1], s[2], s[3] + amount)

    def close_session(self, counter: int) -> None:
        sid, day, float_cents, cash = self.sessions.pop(counter)
        closed = dt.datetime.combine(day, dt.time(CLOSE_HOUR, 30))
        clerk = self.managers[counter % len(self.managers)]
        expected = float_cents + cash
        grand = self.grand_totals.get(counter, 0) + self.session_collections.pop(sid)
        self.grand_totals[counter] = grand
        after = {
            "closed_at": journal._plain(closed), "closed_by_id": clerk, "counted_cents": expected,
            "expected_cents": expected, "grand_total_cents": grand, "over_short_cents": 0, "status": "sealed",
        }
        before = {k: None for k in after}
        before["status"] = "open"
        self._session_updates.append((after["closed_at"], clerk, expected, expected, grand, 0, "sealed", sid))
        self.w.journal(closed, clerk, "close_drawer", [["drawer_session", str(sid), before, after]])

    # -- the events -----------------------------------------------------------------
    def touch(self, cid: int, at: dt.datetime, changes: list) -> None:
        text = journal._plain(at)
        was = self.customer_touch[cid]
        if was is None or was < text:
            changes.append(["customer", str(cid), {"last_touch_at": was}, {"last_touch_at": text}])
            self.customer_touch[cid] = text
            self._touched[cid] = text

    def open(self, plan: Plan, at: dt.datetime) -> None:
        manager = self.managers[plan.customer % len(self.managers)]
        cid = self.customer(plan.customer, at - dt.timedelta(minutes=20))
        terms = plan.terms
        vid = self.vehicle(at - dt.timedelta(minutes=10), terms.cash_price, manager)
        aid = self.w.next_id("agreement")
        fee = terms.late_fee
        image = dict(
            self.t_agreement, customer_id=cid, vehicle_id=vid, cash_price=terms.cash_price,
            down_payment=terms.down_payment, payment_amount=terms.payment_amount,
            number_of_payments=terms.number_of_payments, frequency=terms.frequency.value,
            first_due=terms.first_due.isoformat(), semi_day_1=terms.semi_monthly_days[0],
            semi_day_2=terms.semi_monthly_days[1], grace_days=fee.grace_days, fee_flat=fee.flat,
            fee_percent_bp=fee.percent_bp, fee_cap=fee.cap, opened_on=at.date().isoformat(),
            opened_at=journal._plain(at), opened_by_id=manager, status="active", installments_paid=0,
            principal_remaining=terms.amount_financed, paid_through=None, closed_on=None,
        )
        self.w.insert("agreement", aid, image)
        changes: list = [["agreement", str(aid), None, image]]
        for i in plan.schedule:
            self.w.insert("installment", None, {"agreement_id": aid, "number": i.number, "due_date": i.due.isoformat(), "amount": i.amount})
        changes.append(["installment", str(aid), None, {"schedule": [[i.number, i.due.isoformat(), i.amount] for i in plan.schedule]}])
        changes.append(["vehicle", str(vid), {"status": self.vehicle_status[vid]}, {"status": "on_agreement"}])
        self.vehicle_status[vid] = "on_agreement"
        self._vehicle_updates[vid] = "on_agreement"
        if self.customer_welcome[cid]:
            changes.append(["customer", str(cid), {"welcome_back": True}, {"welcome_back": False}])
            self.customer_welcome[cid] = False
            self._welcome[cid] = False
        if terms.down_payment:
            sid = self.session_for(plan.counter, at, manager)
            entry_id = self.w.next_id("ledger_entry")
            self.receipt += 1
            entry = dict(
                self.t_entry, agreement_id=aid, kind="down_payment", entry_date=at.date().isoformat(),
                created_at=journal._plain(at), amount=terms.down_payment, clerk_id=manager, method="cash",
                tendered=terms.down_payment, change_given=0, memo="Down payment", receipt_number=self.receipt,
                drawer_session_id=sid, allocations=[],
            )
            self.w.insert("ledger_entry", entry_id, entry)
            changes.append(["ledger_entry", str(entry_id), None, entry])
            self.take_cash(plan.counter, sid, terms.down_payment, "cash")
        self.touch(cid, at, changes)
        self.w.journal(at, manager, "open_agreement", changes)
        self.runs[id(plan)] = AgreementRun(aid, cid, vid)

    def pay(self, plan: Plan, at: dt.datetime, k: int) -> None:
        """A payment: its ledger row, allocation, cached agreement state and last touch,
        and its journal row, the image written straight from the compiled template
        (checked against ``canonical`` every 997th payment)."""
        run = self.runs[id(plan)]
        installment = plan.schedule[k - 1]
        clerk = self.clerks[(k + plan.customer) % len(self.clerks)]
        sid = self.session_for(plan.counter, at, clerk)
        method = METHODS[(plan.seed + k) % len(METHODS)]
        amount = installment.amount
        entry_id = self.w.next_id("ledger_entry")
        self.receipt += 1
        day = at.date()
        bucket = "past_due" if day > installment.due else "current"
        cash = method == "cash"
        tendered = -(-amount // 500) * 500 if cash else None  # cash handed over, rounded up to $5
        change = tendered - amount if cash else None
        # What the counter asks for (domain.payment.check_tender): a check or money order
        # number, the card's last four digits.
        reference = "" if cash else f"{(plan.seed + k) % 10_000:04d}" if method == "card" else f"{1000 + (plan.seed + k) % 9000}"
        at_text = journal._plain(at)
        day_text = day.isoformat()
        self.w.add("ledger_entry", LEDGER_COLUMNS, (
            entry_id, run.id, "payment", day_text, at_text, amount, clerk, None, None, None, "", method,
            tendered, change, reference, "", self.receipt, None, sid,
        ))
        self.w.add("allocation", ALLOCATION_COLUMNS, (entry_id, bucket, k, amount))
        self.take_cash(plan.counter, sid, amount, method)
        entry_text = self.payment_image.format(
            agreement_id=run.id, allocations=f'[["{bucket}",{k},{amount}]]', amount=amount,
            change_given=_js(change), clerk_id=clerk, created_at=f'"{at_text}"', drawer_session_id=sid,
            entry_date=f'"{day_text}"', method=f'"{method}"', receipt_number=self.receipt,
            reference=_js(reference), tendered=_js(tendered),
        )
        financed = plan.terms.amount_financed
        before = (run.paid, run.paid_through, financed - run.paid_amount)
        run.paid = k
        run.paid_amount += amount
        run.paid_through = installment.due.isoformat()
        final = k == plan.terms.number_of_payments
        parts = [f'["ledger_entry","{entry_id}",null,{entry_text}]']
        if final:
            parts.append(journal.canonical(["agreement", str(run.id),
                {"closed_on": None, "installments_paid": before[0], "paid_through": before[1],
                 "principal_remaining": before[2], "status": "active"},
                {"closed_on": day_text, "installments_paid": k, "paid_through": run.paid_through,
                 "principal_remaining": financed - run.paid_amount, "status": "paid_off"}]))
            parts.append(f'["vehicle","{run.vehicle_id}",{{"status":"on_agreement"}},{{"status":"titled"}}]')
            self.vehicle_status[run.vehicle_id] = "titled"
            self._vehicle_updates[run.vehicle_id] = "titled"
            self._agreement_updates.setdefault(run.id, {}).update(
                installments_paid=k, paid_through=run.paid_through, principal_remaining=0, status="paid_off",
                closed_on=day_text)
        else:
            parts.append(
                f'["agreement","{run.id}",{{"installments_paid":{before[0]},"paid_through":{_js(before[1])},'
                f'"principal_remaining":{before[2]}}},{{"installments_paid":{k},"paid_through":"{run.paid_through}",'
                f'"principal_remaining":{financed - run.paid_amount}}}]'
            )
            self._agreement_updates.setdefault(run.id, {}).update(
                installments_paid=k, paid_through=run.paid_through, principal_remaining=financed - run.paid_amount)
        cid = run.customer_id
        was = self.customer_touch[cid]
        if was is None or was < at_text:
            parts.append(f'["customer","{cid}",{{"last_touch_at":{_js(was)}}},{{"last_touch_at":"{at_text}"}}]')
            self.customer_touch[cid] = at_text
            self._touched[cid] = at_text
        changes_text = "[" + ",".join(parts) + "]"
        if self.receipt % 997 == 0:
            self.check_image(changes_text)
        self.w.journal(at_text, clerk, "take_payment", changes_text)

    def check_image(self, changes_text: str) -> None:
        """The fast text must be exactly what the program's ``canonical`` writes."""
        again = journal.canonical(json.loads(changes_text))
        if again != changes_text:
            raise AssertionError(f"payment image differs from the program's:\n{changes_text}\n{again}")

    def give_back(self, plan: Plan, at: dt.datetime) -> None:
        run = self.runs[id(plan)]
        manager = self.managers[plan.customer % len(self.managers)]
        reason = self.rng.choice(tuple(_RETURN_REASONS))
        details = {"condition": {}, "keys_returned": 2, "notes": "", "odometer": None, "reason": reason, "reason_text": ""}
        entry_id = self.w.next_id("ledger_entry")
        entry = dict(
            self.t_entry, agreement_id=run.id, kind="return", entry_date=plan.returned_on.isoformat(),
            created_at=journal._plain(at), clerk_id=manager, approved_by_id=manager,
            reason=_RETURN_REASONS[reason], memo=json.dumps(details, sort_keys=True), allocations=[],
        )
        self.w.insert("ledger_entry", entry_id, entry)
        before = {"closed_on": None, "principal_remaining": plan.terms.amount_financed - run.paid_amount, "status": "active"}
        after = {"closed_on": at.date().isoformat(), "principal_remaining": 0, "status": "returned"}
        self._agreement_updates.setdefault(run.id, {}).update(after)
        changes: list = [
            ["ledger_entry", str(entry_id), None, entry],
            ["agreement", str(run.id), before, after],
            ["vehicle", str(run.vehicle_id), {"status": "on_agreement"}, {"status": "needs_inspection"}],
        ]
        self.vehicle_status[run.vehicle_id] = "needs_inspection"
        self._vehicle_updates[run.vehicle_id] = "needs_inspection"
        cid = run.customer_id
        if not self.customer_welcome[cid]:
            changes.append(["customer", str(cid), {"welcome_back": False}, {"welcome_back": True}])
            self.customer_welcome[cid] = True
            self._welcome[cid] = True
        self.touch(cid, at, changes)
        self.w.journal(at, manager, "return_vehicle", changes)

    def inspect(self, plan: Plan, at: dt.datetime) -> None:
        run = self.runs[id(plan)]
        manager = self.managers[0]
        vid = run.vehicle_id
        self.vehicle_status[vid] = "available"
        self._vehicle_updates[vid] = "available"
        self.vehicle_pool.append(vid)
        self.w.journal(at, manager, "mark_inspected", [
            ["vehicle", str(vid), {"status": "needs_inspection"}, {"status": "available"}],
            ["vehicle_event", str(vid), None, {"event": "inspected", "note": ""}],
        ])

    # -- the load -------------------------------------------------------------------
    def play(self, plans: list[Plan], progress) -> None:
        """Every plan's events merged in time order; row updates (cached agreement
        state, vehicle status, last touch) are kept in memory and written once at the end."""
        self._agreement_updates: dict[int, dict] = {}
        self._vehicle_updates: dict[int, str] = {}
        self._touched: dict[int, str] = {}
        self._welcome: dict[int, bool] = {}
        self._session_updates: list[tuple] = []
        streams = [p.events(self.today) for p in plans]
        merged = heapq.merge(*streams, key=lambda e: (e[0], e[1]))
        for n, (at, _order, kind, plan, k) in enumerate(merged):
            if kind == "pay":
                self.pay(plan, at, k)
            elif kind == "open":
                self.open(plan, at)
            elif kind == "return":
                self.give_back(plan, at)
            else:
                self.inspect(plan, at)
            if n % 200_000 == 0 and n:
                progress(n)
        for counter in list(self.sessions):
            sid, day, _float, _cash = self.sessions[counter]
            if day < self.today:
                self.close_session(counter)
        for index in range(self.scale.customers):  # people who came in but never signed
            if index not in self.customer_ids:
                self.customer(index, _business_time(self.rng, self.today - dt.timedelta(days=self.rng.randint(1, 900))))
        self.w.finish()
        self.con_updates()

    def con_updates(self) -> None:
        con = self.w.con
        con.executemany(
            "UPDATE agreement SET installments_paid=coalesce(?, installments_paid), paid_through=coalesce(?, paid_through), "
            "principal_remaining=?, status=coalesce(?, status), closed_on=coalesce(?, closed_on) WHERE id=?",
            [
                (v.get("installments_paid"), v.get("paid_through"), v["principal_remaining"], v.get("status"),
                 v.get("closed_on"), aid)
                for aid, v in self._agreement_updates.items()
            ],
        )
        con.executemany("UPDATE vehicle SET status=? WHERE id=?", [(s, vid) for vid, s in self._vehicle_updates.items()])
        con.executemany("UPDATE customer SET last_touch_at=? WHERE id=?", [(t, cid) for cid, t in self._touched.items()])
        con.executemany("UPDATE customer SET welcome_back=? WHERE id=?", [(w, cid) for cid, w in self._welcome.items()])
        con.executemany(
            "UPDATE drawer_session SET closed_at=?, closed_by_id=?, counted_cents=?, expected_cents=?, "
            "grand_total_cents=?, over_short_cents=?, status=? WHERE id=?",
            self._session_updates,
        )
        con.execute("UPDATE counter SET value=? WHERE name='receipt'", (self.receipt,))


_RETURN_REASONS: dict[str, str] = {}


# ---------------------------------------------------------------------------
# The program's own start: schema, clerks, settings.


def _start_database(path: Path, today: dt.date) -> dict:
    from lto_desk.services import demo_data
    from lto_desk.services.agreements import RETURN_REASONS
    from lto_desk.services.clerks import create_clerk
    from lto_desk.services.settings import save_settings
    from lto_desk.store.database import close_database, open_database
    from lto_desk.store.paths import Location

    _RETURN_REASONS.update(RETURN_REASONS)
    _RETURN_REASONS.pop("other", None)
    start = dt.datetime.combine(today - dt.timedelta(days=365 * 10 + 30), dt.time(8, 0))
    open_database(Location(str(path), path.parent / f"{path.stem}-files"))
    ids: dict = {"managers": [], "clerks": []}
    owner = None
    for name, role, pin in CLERKS:
        actor = create_clerk(owner, name, role, pin, at=start)
        if role == "owner":
            owner = actor
            ids["owner"] = actor.id
            ids["managers"].append(actor.id)
        elif role == "manager":
            ids["managers"].append(actor.id)
        else:
            ids["clerks"].append(actor.id)
    save_settings(owner, demo_data.DEALER, at=start)
    close_database()
    return ids


def _secondary_indexes(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """The indexes made by the migrations (not the ones behind UNIQUE or PRIMARY KEY)."""
    return list(con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
        "AND tbl_name IN ('ledger_entry', 'allocation', 'journal', 'installment', 'customer', 'agreement', 'vehicle', "
        "'drawer_session')"
    ))


def generate(scale: Scale, out: Path, *, today: dt.date | None = None, seed: int = 2026, quiet: bool = False) -> dict:
    """Build the database at ``out`` (replacing it); returns counts and the time taken."""
    today = today or dt.date.today()
    started = time.perf_counter()

    def say(text: str) -> None:
        if not quiet:
            print(f"  {time.perf_counter() - started:6.1f} s  {text}", flush=True)

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    clerk_ids = _start_database(out, today)
    rng = random.Random(seed)
    plans = plan_agreements(scale, today, rng)
    say(f"planned {len(plans):,} agreements, {sum(p.paid_count for p in plans):,} payments")

    con = sqlite3.connect(str(out), isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-400000")
    con.execute("PRAGMA temp_store=MEMORY")
    indexes = _secondary_indexes(con)
    con.execute("BEGIN")
    for name, _sql in indexes:
        con.execute(f"DROP INDEX {name}")
    prev = con.execute("SELECT hash FROM journal ORDER BY id DESC LIMIT 1").fetchone()[0]
    next_ids = {t: 0 for t in ("customer", "vehicle", "agreement", "ledger_entry", "drawer_session")}
    for table in next_ids:
        next_ids[table] = con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    writer = Writer(con, prev, next_ids)
    loader = Loader(writer, scale, today, rng, clerk_ids)
    loader.play(plans, lambda n: say(f"{n:,} events written"))
    say("rebuilding indexes")
    for _name, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")
    counts = {
        "customers": con.execute("SELECT count(*) FROM customer").fetchone()[0],
        "active_agreements": con.execute("SELECT count(*) FROM agreement WHERE status='active'").fetchone()[0],
        "agreements": con.execute("SELECT count(*) FROM agreement").fetchone()[0],
        "payments": con.execute("SELECT count(*) FROM ledger_entry WHERE kind='payment'").fetchone()[0],
        "journal_rows": con.execute("SELECT count(*) FROM journal").fetchone()[0],
    }
    con.close()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    counts["megabytes"] = round(out.stat().st_size / 1e6, 1)
    say(f"done: {counts}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="dealer")
    parser.add_argument("--out", type=Path, help="database file to write (default: benchmarks/data/<scale>.sqlite3)")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="the last day of history (default: today)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / "data" / f"{args.scale}.sqlite3"
    print(f"Generating the {args.scale} scale into {out}")
    generate(SCALES[args.scale], out, today=args.today, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
