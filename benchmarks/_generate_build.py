"""The rows of ``generate.py``: the plans played in time order into rows and journal texts.

The builder runs on its own (in a process of its own at the big scales) and hands
batches of ``(sql, rows)`` to the writer, which only inserts them. It does per
payment only what the program stores, in plain Python on plain values:

* time is an integer minute since the first day of history, its text read from
  tables made once (one text per day, one per minute of the day);
* each day's events are one sorted list of small integers (``_generate_plan``);
* a payment's journal image comes from an f-string compiled from the program's
  own snapshot of a ledger row (checked against ``canonical`` every 997th);
* journal rows go to the writer without their hashes: it chains them in order
  (a payment's changes also as the inside of a JSON string, which is what the
  hash covers, from a twin of its f-string).
"""

from __future__ import annotations

import datetime as dt
import json
import marshal
import random
import time
from collections import deque
from itertools import chain, repeat
from typing import Callable

from _generate_plan import (
    CLOSE_HOUR, DAY_START, OPEN, OPEN_HOUR, PAY, PLAN_BITS, PLAN_MASK, RETURN, Calendar, Events, Plan, Scale,
    business_minute, plan_agreements,
)
from lto_desk.demo import tables as D
from lto_desk.domain.phone import phone_digits
from lto_desk.domain.vin import with_check_digit
from lto_desk.services.customers import search_name_for
from lto_desk.store import journal
from lto_desk.store import models as M

FLOAT = 150_00  # each drawer opens with $150
METHODS = ("cash",) * 6 + ("card",) * 2 + ("money_order", "check")
#: Journal rows go to the writer as (at, clerk_id, action, changes, escaped); it adds
#: prev_hash and hash. ``escaped``: the changes as the inside of a JSON string (made
#: here for payments: the same f-string with its quotes escaped), else None.
JOURNAL_SQL = "INSERT INTO journal (at, clerk_id, action, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)"
#: Rows (payments, mostly) gathered before a batch goes to the writer.
BATCH_ROWS = 20_000

# ---------------------------------------------------------------------------
# Journal images.


def template(model_class, **required) -> dict:
    """The journaled columns of ``model_class`` with their defaults, as ``snapshot`` writes them."""
    row = model_class(**required)
    return journal.snapshot(row, allocations=[]) if model_class is M.LedgerEntry else journal.snapshot(row)


def image_source(image: dict, slots: dict[str, str]) -> str:
    """``canonical(image)`` as f-string source: each column in ``slots`` written by its
    snippet (JSON text with ``{param}`` holes), every other brace doubled."""
    marked = dict(image, **{f: f"@@{f}@@" for f in slots})
    text = journal.canonical(marked).replace("{", "{{").replace("}", "}}")
    for f, snippet in slots.items():
        text = text.replace(f'"@@{f}@@"', snippet)
    return text


def twin(source: str, params: str, quoted: dict[str, str]) -> Callable[..., tuple[str, str]]:
    """A function of ``params`` writing the f-string ``source`` twice: as it is, and as the
    inside of a JSON string (each quote escaped: what ``journal.row_hash`` hashes of it).
    Values hold no quote, backslash or control character, but those named in ``quoted``,
    which have a twin param already escaped (``{name}`` -> ``{quoted[name]}``)."""
    escaped = source.replace('"', '\\"')
    for name, twin_name in quoted.items():
        escaped = escaped.replace("{" + name + "}", "{" + twin_name + "}")
    return eval(f"lambda {params}: (f{source!r}, f{escaped!r})")  # noqa: S307 (our own text)


def check_image(changes_text: str) -> None:
    """The fast text must be exactly what the program's ``canonical`` writes."""
    again = journal.canonical(json.loads(changes_text))
    if again != changes_text:
        raise AssertionError(f"journal image differs from the program's:\n{changes_text}\n{again}")


def _sql_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


#: The columns of a payment's ledger row that differ from one payment to the next
#: (the others are the same in every payment: written into the statement once).
PAYMENT_VARYING = (
    "id", "agreement_id", "entry_date", "created_at", "amount", "clerk_id", "method", "tendered", "change_given",
    "reference", "receipt_number", "drawer_session_id",
)


# ---------------------------------------------------------------------------
# The builder.


class Builder:
    """Plays the plans' events in time order into rows and journal rows.

    ``send(batch)`` gets lists of ``(sql, rows)``; ``say(text)`` progress lines."""

    def __init__(self, scale: Scale, today: dt.date, clerk_ids: dict, next_ids: dict[str, int],
                 send: Callable[[list], None], say: Callable[[str], None]) -> None:
        self.scale = scale
        self.send, self.say = send, say
        self.managers = clerk_ids["managers"]
        self.clerks = clerk_ids["clerks"]
        self.ids = dict(next_ids)
        # Customers who never signed came in up to 900 days ago.
        self.cal = Calendar(today - dt.timedelta(days=max(365 * scale.years, 900) + 1), today)
        self.rows: dict[str, list] = {}  # statement -> rows (tuples)
        self.flat: dict[str, list] = {}  # statement -> the values of its rows one after another
        self.pending = 0
        self.sending = 0.0  # seconds spent handing batches over (waiting for the writer, mostly)
        self.sending_cpu = 0.0  # of which on the CPU (marshalling, copying into the pipe)
        self.receipt = 0
        self.journal_rows = 0
        self.payments = 0
        self.customer_ids: dict[int, int] = {}
        self.touch_text: dict[int, str | None] = {}  # customer id -> last_touch_at
        self.welcome: dict[int, bool] = {}
        self.vehicle_pool: deque[int] = deque()  # inspected returns, ready to go out again
        self.vehicle_status: dict[int, str] = {}
        self.vehicle_serial = 0
        self.session_numbers = [0] * scale.counters
        self.session_ids = [0] * scale.counters  # the open session of each counter today
        self.session_cash = [0] * scale.counters
        self.session_taken = [0] * scale.counters
        self.grand_totals = [0] * scale.counters
        self.session_images: list[dict] = [{}] * scale.counters
        self.return_reasons: dict[str, str] = {}
        self._templates()

    def _templates(self) -> None:
        t = dt.datetime(2020, 1, 1)
        self.t_customer = template(M.Customer, first_name="", last_name="", customer_since=t.date(), created_at=t)
        self.t_vehicle = template(M.Vehicle, stock_number="", vin="", vin_tail="", year=2015, make="", model="",
                                  created_at=t)
        self.t_agreement = template(
            M.Agreement, customer=1, vehicle=1, cash_price=0, down_payment=0, payment_amount=0, number_of_payments=1,
            frequency="weekly", first_due=t.date(), opened_on=t.date(), opened_at=t, opened_by=1,
        )
        self.t_entry = template(M.LedgerEntry, agreement=1, kind="payment", entry_date=t.date(), created_at=t, clerk=1)
        self.t_session = template(M.DrawerSession, counter_name="", number=1, opened_at=t, opened_by=1, float_cents=0)
        columns = [c for c in self.t_entry if c != "allocations"]
        varying = set(PAYMENT_VARYING)
        assert varying <= set(columns) | {"id"}, "the ledger_entry columns changed"
        values = ["?" if c in varying else _sql_literal(self.t_entry[c]) for c in ("id", *columns)]
        self.sql_payment = f"INSERT INTO ledger_entry ({', '.join(('id', *columns))}) VALUES ({', '.join(values)})"
        self.payment_columns = tuple(c for c in ("id", *columns) if c in varying)
        assert self.payment_columns == PAYMENT_VARYING, self.payment_columns
        self.sql_allocation = "INSERT INTO allocation (entry_id, bucket, installment_number, amount) VALUES (?, ?, ?, ?)"
        self.sql_journal = JOURNAL_SQL
        self.sql_installments = "INSERT INTO installment (agreement_id, number, due_date, amount) VALUES (?, ?, ?, ?)"
        # The journal's index of the rows each journal row touched (store.journal.append's),
        # made here beside each journal row: the writer inserts journal rows in order, so
        # their ids follow the last one on file.
        self.sql_touch = "INSERT INTO journal_touch (table_name, row_key, journal_id) VALUES (?, ?, ?)"
        self.width = {
            self.sql_payment: len(PAYMENT_VARYING), self.sql_allocation: 4, self.sql_journal: 5, self.sql_installments: 4,
            self.sql_touch: 3,
        }
        self.flat = {sql: [] for sql in self.width}
        self.sql_of: dict[str, str] = {}
        self.columns_of: dict[str, tuple[str, ...]] = {}
        # A payment's journal text, written straight from its values: the ledger row's
        # image, the agreement's cached state before and after, the customer's last touch.
        entry = image_source(dict(self.t_entry, kind="payment"), {
            "agreement_id": "{aid}", "allocations": '[["{bucket}",{k},{amount}]]', "amount": "{amount}",
            "change_given": "{change}", "clerk_id": "{clerk}", "created_at": '"{at}"', "drawer_session_id": "{sid}",
            "entry_date": '"{day}"', "method": '"{method}"', "receipt_number": "{receipt}", "reference": '"{ref}"',
            "tendered": "{tendered}",
        })
        head = '[["ledger_entry","{entry_id}",null,' + entry + "],"
        touch = ',["customer","{cid}",{{"last_touch_at":"{was}"}},{{"last_touch_at":"{at}"}}]]'
        params = ("entry_id, aid, bucket, k, amount, change, clerk, at, sid, day, method, receipt, ref, tendered, "
                  "k1, was_through, was_through_escaped, before, through, after, vid, cid, was")
        quoted = {"was_through": "was_through_escaped"}  # a date in quotes, or null
        self.payment_text = twin(head + (
            '["agreement","{aid}",{{"installments_paid":{k1},"paid_through":{was_through},"principal_remaining":{before}}},'
            '{{"installments_paid":{k},"paid_through":"{through}","principal_remaining":{after}}}]'
        ) + touch, params, quoted)
        self.payoff_text = twin(head + (
            '["agreement","{aid}",{{"closed_on":null,"installments_paid":{k1},"paid_through":{was_through},'
            '"principal_remaining":{before},"status":"active"}},{{"closed_on":"{day}","installments_paid":{k},'
            '"paid_through":"{through}","principal_remaining":{after},"status":"paid_off"}}],'
            '["vehicle","{vid}",{{"status":"on_agreement"}},{{"status":"titled"}}]'
        ) + touch, params, quoted)
        # A day as a JSON value, as it is and inside a JSON string.
        self.date_json = ([f'"{t}"' for t in self.cal.text], [f'\\"{t}\\"' for t in self.cal.text])

    # -- rows and journal rows ------------------------------------------------------
    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def insert(self, table: str, row_id: int, image: dict) -> None:
        """A row from its journal image (a ledger entry's allocations left out)."""
        cols = self.columns_of.get(table)
        if cols is None:
            cols = self.columns_of[table] = ("id",) + tuple(k for k in image if k != "allocations")
            self.sql_of[table] = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        self.rows.setdefault(self.sql_of[table], []).append((row_id,) + tuple(image[c] for c in cols[1:]))
        self.pending += 1

    def journal(self, at: str, clerk_id: int | None, action: str, changes: list | str,
                touched: list[tuple[str, str]] | None = None) -> None:
        """A journal row for ``changes`` (or their canonical text, already made, with the
        rows it ``touched``); the writer chains it (see JOURNAL_SQL)."""
        text = changes if isinstance(changes, str) else journal.canonical(changes)
        self.flat[self.sql_journal] += (at, clerk_id, action, text, None)
        journal_id = self.next_id("journal")
        for table, key in journal.touches(changes if touched is None else touched):
            self.flat[self.sql_touch] += (table, key, journal_id)
        self.journal_rows += 1
        self.pending += 1

    def flush(self) -> None:
        """Hand the rows made so far to the writer: ``(sql, rows, 0)`` for rows as tuples,
        ``(sql, values, width)`` for rows of ``width`` values laid end to end (inserted
        many rows to a statement; journal rows get their hashes on the way)."""
        batch = [(sql, rows, 0) for sql, rows in self.rows.items() if rows]
        batch += [(sql, values, self.width[sql]) for sql, values in self.flat.items() if values]
        self.rows = {}
        self.flat = {sql: [] for sql in self.width}
        self.pending = 0
        if batch:
            began, cpu = time.perf_counter(), time.process_time()
            self.send(batch)
            self.sending += time.perf_counter() - began
            self.sending_cpu += time.process_time() - cpu

    # -- people and cars ------------------------------------------------------------
    def customer(self, index: int, minute: int) -> int:
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
        cid = self.next_id("customer")
        at = self.cal.at(minute)
        image = dict(
            self.t_customer,
            first_name=first, last_name=last, language="es" if spanish else "en", phone=phone,
            phone_digits=phone_digits(phone), address1=f"{rng.randint(100, 9999)} {rng.choice(D.STREETS)}",
            city=city, state="AL", postal_code=postal, birthday=birthday.isoformat(),
            employer=rng.choice(D.EMPLOYERS) if rng.random() < 0.7 else "",
            customer_since=at[:10], created_at=at,
            search_name=search_name_for(first, last, ""),
            contact_call=True, contact_text=rng.random() < 0.6,
        )
        self.insert("customer", cid, image)
        self.journal(at, self.managers[0], "add_customer", [["customer", str(cid), None, image]])
        self.customer_ids[index] = cid
        self.touch_text[cid] = image["last_touch_at"]
        self.welcome[cid] = image["welcome_back"]
        return cid

    def vehicle(self, minute: int, price: int, manager: int) -> int:
        if self.vehicle_pool:
            return self.vehicle_pool.popleft()
        self.vehicle_serial += 1
        rng = random.Random(self.vehicle_serial * 104_729)
        make, model, trims, wmi, vds, _kind = rng.choice(D.CARS)
        at = self.cal.at(minute)
        year = max(2004, min(int(at[:4]) - rng.randint(3, 9), 2024))
        serial = f"{self.vehicle_serial:06d}"
        vin = with_check_digit(f"{wmi}{vds}{rng.choice(D.VIN_CHARS)}0{D.YEAR_CODES[(year - 1980) % 30]}{rng.choice(D.VIN_CHARS)}{serial}")
        vid = self.next_id("vehicle")
        image = dict(
            self.t_vehicle, stock_number=f"S{self.vehicle_serial:06d}", vin=vin, vin_tail=vin[-6:], year=year,
            make=make, model=model, trim=rng.choice(trims), color=rng.choice(D.COLORS),
            odometer=rng.randint(60, 160) * 1000, cost=price * 55 // 100, price=price, created_at=at,
        )
        self.insert("vehicle", vid, image)
        self.journal(at, manager, "add_vehicle", [["vehicle", str(vid), None, image]])
        self.vehicle_status[vid] = image["status"]
        return vid

    # -- the drawer -----------------------------------------------------------------
    def open_session(self, counter: int, day: int) -> None:
        clerk = self.clerks[(day + counter) % len(self.clerks)]
        number = self.session_numbers[counter] = self.session_numbers[counter] + 1
        sid = self.next_id("drawer_session")
        opened = self.cal.at(day * 1440 + OPEN_HOUR * 60 + 30)
        image = dict(
            self.t_session, counter_name=f"Counter {counter + 1}", number=number, opened_at=opened,
            opened_by_id=clerk, float_cents=FLOAT, status="open",
        )
        self.journal(opened, clerk, "open_drawer", [["drawer_session", str(sid), None, image]])
        self.session_images[counter] = image  # the row goes in sealed, at closing (one open drawer a counter)
        self.session_ids[counter] = sid
        self.session_cash[counter] = 0
        self.session_taken[counter] = 0

    def close_session(self, counter: int, day: int) -> None:
        sid = self.session_ids[counter]
        closed = self.cal.at(day * 1440 + CLOSE_HOUR * 60 + 30)
        clerk = self.managers[counter % len(self.managers)]
        expected = FLOAT + self.session_cash[counter]
        grand = self.grand_totals[counter] = self.grand_totals[counter] + self.session_taken[counter]
        after = {
            "closed_at": closed, "closed_by_id": clerk, "counted_cents": expected,
            "expected_cents": expected, "grand_total_cents": grand, "over_short_cents": 0, "status": "sealed",
        }
        before = {k: None for k in after}
        before["status"] = "open"
        self.journal(closed, clerk, "close_drawer", [["drawer_session", str(sid), before, after]])
        self.insert("drawer_session", sid, dict(self.session_images[counter], **after))
        self.session_ids[counter] = 0

    # -- the events other than payments -----------------------------------------------
    def touch(self, cid: int, at: str, changes: list) -> None:
        was = self.touch_text[cid]
        if was is None or was < at:
            changes.append(["customer", str(cid), {"last_touch_at": was}, {"last_touch_at": at}])
            self.touch_text[cid] = at

    def open(self, plan: Plan, minute: int) -> None:
        manager = self.managers[plan.customer % len(self.managers)]
        cid = self.customer(plan.customer, minute - 20)
        terms = plan.terms
        vid = self.vehicle(minute - 10, terms.cash_price, manager)
        aid = self.next_id("agreement")
        at = self.cal.at(minute)
        day = at[:10]
        fee = terms.late_fee
        image = dict(
            self.t_agreement, customer_id=cid, vehicle_id=vid, cash_price=terms.cash_price,
            down_payment=terms.down_payment, payment_amount=terms.payment_amount,
            number_of_payments=terms.number_of_payments, frequency=terms.frequency.value,
            first_due=terms.first_due.isoformat(), semi_day_1=terms.semi_monthly_days[0],
            semi_day_2=terms.semi_monthly_days[1], grace_days=fee.grace_days, fee_flat=fee.flat,
            fee_percent_bp=fee.percent_bp, fee_cap=fee.cap, opened_on=day,
            opened_at=at, opened_by_id=manager, status="active", installments_paid=0,
            principal_remaining=terms.amount_financed, paid_through=None, closed_on=None,
        )
        self.insert("agreement", aid, image)
        text = self.cal.text
        numbers = range(1, plan.count + 1)
        dates = [text[d] for d in plan.due]
        amounts = [plan.amount] * (plan.count - 1) + [plan.last_amount]
        schedule = "[" + ",".join([f'[{n},"{d}",{a}]' for n, d, a in zip(numbers, dates, amounts)]) + "]"
        self.flat[self.sql_installments] += chain.from_iterable(zip(repeat(aid), numbers, dates, amounts))
        self.pending += 1
        parts = [
            journal.canonical(["agreement", str(aid), None, image]),
            f'["installment","{aid}",null,{{"schedule":{schedule}}}]',
        ]
        changes: list = [["vehicle", str(vid), {"status": self.vehicle_status[vid]}, {"status": "on_agreement"}]]
        self.vehicle_status[vid] = "on_agreement"
        if self.welcome[cid]:
            changes.append(["customer", str(cid), {"welcome_back": True}, {"welcome_back": False}])
            self.welcome[cid] = False
        if terms.down_payment:
            counter = plan.counter
            sid = self.session_ids[counter]
            entry_id = self.next_id("ledger_entry")
            self.receipt += 1
            entry = dict(
                self.t_entry, agreement_id=aid, kind="down_payment", entry_date=day,
                created_at=at, amount=terms.down_payment, clerk_id=manager, method="cash",
                tendered=terms.down_payment, change_given=0, memo="Down payment", receipt_number=self.receipt,
                drawer_session_id=sid, allocations=[],
            )
            self.insert("ledger_entry", entry_id, entry)
            changes.append(["ledger_entry", str(entry_id), None, entry])
            self.session_taken[counter] += terms.down_payment
            self.session_cash[counter] += terms.down_payment
        self.touch(cid, at, changes)
        changes_text = "[" + ",".join(parts + [journal.canonical(c) for c in changes]) + "]"
        if aid % 499 == 1:
            check_image(changes_text)
        touched = [("agreement", str(aid)), ("installment", str(aid))] + [(c[0], c[1]) for c in changes]
        self.journal(at, manager, "open_agreement", changes_text, touched)
        plan.aid, plan.cid, plan.vid = aid, cid, vid

    def give_back(self, plan: Plan, minute: int) -> None:
        manager = self.managers[plan.customer % len(self.managers)]
        at = self.cal.at(minute)
        reason = random.Random(plan.seed + 1).choice(tuple(self.return_reasons))
        details = {"condition": {}, "keys_returned": 2, "notes": "", "odometer": None, "reason": reason, "reason_text": ""}
        entry_id = self.next_id("ledger_entry")
        entry = dict(
            self.t_entry, agreement_id=plan.aid, kind="return", entry_date=at[:10],
            created_at=at, clerk_id=manager, approved_by_id=manager,
            reason=self.return_reasons[reason], memo=json.dumps(details, sort_keys=True), allocations=[],
        )
        self.insert("ledger_entry", entry_id, entry)
        before = {"closed_on": None, "principal_remaining": plan.remaining, "status": "active"}
        after = {"closed_on": at[:10], "principal_remaining": 0, "status": "returned"}
        plan.remaining, plan.status, plan.closed_on = 0, "returned", at[:10]
        vid, cid = plan.vid, plan.cid
        changes: list = [
            ["ledger_entry", str(entry_id), None, entry],
            ["agreement", str(plan.aid), before, after],
            ["vehicle", str(vid), {"status": "on_agreement"}, {"status": "needs_inspection"}],
        ]
        self.vehicle_status[vid] = "needs_inspection"
        if not self.welcome[cid]:
            changes.append(["customer", str(cid), {"welcome_back": False}, {"welcome_back": True}])
            self.welcome[cid] = True
        self.touch(cid, at, changes)
        self.journal(at, manager, "return_vehicle", changes)

    def inspect(self, plan: Plan, minute: int) -> None:
        vid = plan.vid
        self.vehicle_status[vid] = "available"
        self.vehicle_pool.append(vid)
        at, manager = self.cal.at(minute), self.managers[0]
        event_id = self.next_id("vehicle_event")
        event = {"at": at, "clerk_id": manager, "from_status": "", "kind": "inspected", "note": "", "reason": "",
                 "status": "", "vehicle_id": vid}
        self.insert("vehicle_event", event_id, event)
        self.journal(at, manager, "mark_inspected", [
            ["vehicle", str(vid), {"status": "needs_inspection"}, {"status": "available"}],
            ["vehicle_event", str(event_id), None, event],
        ])

    # -- the load -------------------------------------------------------------------
    def run(self, plans: list[Plan], events: Events) -> dict:
        """Every day's events in time order, the drawers opened before and sealed after (but today's);
        returns what the writer does at the end (row updates, counts)."""
        cal = self.cal
        counters = range(self.scale.counters)
        started = said = time.perf_counter()
        for day in range(cal.today + 1):
            keys, till = events.of_day(day)
            if not keys:
                continue
            for counter in counters:
                if till >> counter & 1:
                    self.open_session(counter, day)
            self.play_day(plans, keys, day)
            for counter in counters:
                if till >> counter & 1:
                    if day < cal.today:
                        self.close_session(counter, day)
                    else:  # today's drawer is still open, as at the counter now
                        self.insert("drawer_session", self.session_ids[counter], self.session_images[counter])
            if self.pending >= BATCH_ROWS:
                self.flush()
                if time.perf_counter() - said >= 15:
                    said = time.perf_counter()
                    rate = self.payments / (said - started)
                    self.say(f"{cal.text[day]}: {self.payments:,} payments built ({rate:,.0f}/s); "
                             f"the builder handing over {self.sending / (said - started):.0%} of the time")
        for index in range(self.scale.customers):  # people who came in but never signed
            if index not in self.customer_ids:
                rng = random.Random(index * 31 + 5)
                self.customer(index, business_minute(rng, cal.today - rng.randint(1, 900)))
        self.flush()
        return self.finish(plans)

    def play_day(self, plans: list[Plan], keys: list[int], day: int) -> None:
        """One day's events; payments written inline (they are 95% of the rows)."""
        cal = self.cal
        day_text = cal.text[day]
        at_prefix = cal.at_prefix[day]
        hm = cal.hm
        clerks = self.clerks
        n_clerks = len(clerks)
        methods = METHODS
        session_ids = self.session_ids
        session_cash = self.session_cash
        session_taken = self.session_taken
        touch_text = self.touch_text
        text_of = cal.text
        date_json, date_json_escaped = self.date_json
        ledger_values = self.flat[self.sql_payment]
        allocation_values = self.flat[self.sql_allocation]
        journal_values = self.flat[self.sql_journal]
        touch_values = self.flat[self.sql_touch]
        journal_id = self.ids["journal"]
        entry_id = self.ids["ledger_entry"]
        receipt = self.receipt
        payments = 0
        for key in keys:
            plan = plans[key & PLAN_MASK]
            kind = key >> PLAN_BITS
            minute_of_day = DAY_START + (kind >> 2)
            kind &= 3
            if kind != PAY:
                self.ids["ledger_entry"], self.receipt, self.ids["journal"] = entry_id, receipt, journal_id
                minute = day * 1440 + minute_of_day
                if kind == OPEN:
                    self.open(plan, minute)
                elif kind == RETURN:
                    self.give_back(plan, minute)
                else:
                    self.inspect(plan, minute)
                entry_id, receipt, journal_id = self.ids["ledger_entry"], self.receipt, self.ids["journal"]
                continue
            k = plan.paid + 1
            plan.paid = k
            final = k == plan.count
            amount = plan.last_amount if final else plan.amount
            due = plan.due[k - 1]
            aid = plan.aid
            cid = plan.cid
            clerk = clerks[(k + plan.customer) % n_clerks]
            m = (plan.seed + k) % 10
            method = methods[m]
            counter = plan.counter
            sid = session_ids[counter]
            session_taken[counter] += amount
            entry_id += 1
            receipt += 1
            at = at_prefix + hm[minute_of_day]
            bucket = "past_due" if day > due else "current"
            if m < 6:  # cash handed over, rounded up to $5
                tendered = -(-amount // 500) * 500
                change = tendered - amount
                ref = ""
                session_cash[counter] += amount
                ledger_values += (entry_id, aid, day_text, at, amount, clerk, method, tendered, change, ref, receipt, sid)
            else:  # what the counter asks for: a card's last four digits, a check or money order number
                tendered = change = "null"
                ref = f"{(plan.seed + k) % 10_000:04d}" if m < 8 else f"{1000 + (plan.seed + k) % 9000}"
                ledger_values += (entry_id, aid, day_text, at, amount, clerk, method, None, None, ref, receipt, sid)
            allocation_values += (entry_id, bucket, k, amount)
            before = plan.remaining
            after = plan.remaining = before - amount
            was = touch_text[cid]
            if was is None or was >= at:
                raise AssertionError(f"customer {cid} paid at {at}, not after their last visit ({was})")
            touch_text[cid] = at
            if final:
                plan.remaining, plan.status, plan.closed_on = 0, "paid_off", day_text
                self.vehicle_status[plan.vid] = "titled"
                texts = self.payoff_text
            else:
                texts = self.payment_text
            if k > 1:
                was_due = plan.due[k - 2]
                changes, escaped = texts(entry_id, aid, bucket, k, amount, change, clerk, at, sid, day_text, method,
                                         receipt, ref, tendered, k - 1, date_json[was_due], date_json_escaped[was_due],
                                         before, text_of[due], after, plan.vid, cid, was)
            else:
                changes, escaped = texts(entry_id, aid, bucket, k, amount, change, clerk, at, sid, day_text, method,
                                         receipt, ref, tendered, 0, "null", "null", before, text_of[due], after,
                                         plan.vid, cid, was)
            if receipt % 997 == 0:
                check_image(changes)
            journal_values += (at, clerk, "take_payment", changes, escaped)
            journal_id += 1
            touch_values += ("ledger_entry", str(entry_id), journal_id, "agreement", str(aid), journal_id)
            if final:
                touch_values += ("vehicle", str(plan.vid), journal_id)
            touch_values += ("customer", str(cid), journal_id)
            payments += 1
        self.ids["ledger_entry"], self.receipt, self.ids["journal"] = entry_id, receipt, journal_id
        self.payments += payments
        self.journal_rows += payments
        self.pending += 3 * payments

    def finish(self, plans: list[Plan]) -> dict:
        """What the writer does last: the cached state of every agreement, vehicle and
        customer as the events left it, the drawers sealed, the receipt counter."""
        text = self.cal.text
        agreements = [
            (p.paid, text[p.due[p.paid - 1]] if p.paid else None, p.remaining, p.status, p.closed_on, p.aid)
            for p in plans if p.aid and (p.paid or p.status != "active")
        ]
        return {
            "updates": [
                ("UPDATE agreement SET installments_paid=?, paid_through=?, principal_remaining=?, status=?, "
                 "closed_on=? WHERE id=?", agreements),
                ("UPDATE vehicle SET status=? WHERE id=?", [(s, v) for v, s in self.vehicle_status.items()]),
                ("UPDATE customer SET last_touch_at=? WHERE id=?", [(t, c) for c, t in self.touch_text.items() if t]),
                ("UPDATE customer SET welcome_back=? WHERE id=?", [(w, c) for c, w in self.welcome.items() if w]),
                ("UPDATE counter SET value=? WHERE name='receipt'", [(self.receipt,)]),
            ],
            "payments": self.payments,
            "journal_rows": self.journal_rows,
        }


def build(scale: Scale, today: dt.date, seed: int, clerk_ids: dict, next_ids: dict[str, int],
          return_reasons: dict[str, str], send: Callable[[list], None], say: Callable[[str], None]) -> dict:
    """Plan, then play the plans into rows handed to ``send``; returns the final updates and counts."""
    builder = Builder(scale, today, clerk_ids, next_ids, send, say)
    builder.return_reasons.update(return_reasons)
    started = time.process_time()
    rng = random.Random(seed)
    plans = plan_agreements(scale, builder.cal, today, rng)
    events = Events(plans, builder.cal)
    planned = time.process_time()
    say(f"planned {len(plans):,} agreements, {sum(p.paid_count for p in plans):,} payments")
    result = builder.run(plans, events)
    result["cpu"] = {"all": time.process_time() - started, "planning": planned - started,
                     "handing over": builder.sending_cpu}
    return result


def build_in_child(connection, *args) -> None:
    """``build`` in a process of its own, its batches and progress sent over ``connection``
    (marshalled: plain lists, tuples, texts and numbers go faster that way than pickled)."""
    def send(message: tuple) -> None:
        connection.send_bytes(marshal.dumps(message))

    try:
        send(("done", build(*args, send=lambda batch: send(("rows", batch)), say=lambda text: send(("say", text)))))
    except BaseException as exc:  # told to the writer, which stops and raises it
        import traceback
        send(("error", "".join(traceback.format_exception(exc))))
    finally:
        connection.close()
