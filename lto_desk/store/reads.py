"""The hand-written reads of the measured hot paths: an agreement's entries and schedule
(every payment, card and report), the lookup as the clerk types, the card, the
amount due of many agreements at once, the late-accounts report's names.

Each is a plain query text rather than the query builder because building the query
and reading every column through the models cost several times more than reading
the rows (README, "Speed at a dealer and at a group of lots"). Rows come back plain;
the services make the domain's values of them. SQLite dialect (``?``, ``INDEXED BY``,
``MATERIALIZED``): the PostgreSQL issue gives each text its other form here.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from .models import Agreement, Note, Vehicle, stored_day
from .rows import on_server, run

_FOREVER = (1 << 63) - 1


def _marks(n: int) -> str:
    return ", ".join("?" * n)


# -- an agreement's ledger ------------------------------------------------------------

def entry_rows(agreement_id: int, up_to_id: int | None = None) -> list[tuple]:
    """(id, kind, day, amount, reverses id, installment number) of the agreement's entries
    up to ``up_to_id``, in posting order; days as dates."""
    return [
        (i, kind, stored_day(on), amount, reverses, number)
        for i, kind, on, amount, reverses, number in run(
            "SELECT id, kind, entry_date, amount, reverses_id, installment_number FROM ledger_entry "
            "WHERE agreement_id = ? AND id <= ? ORDER BY id",
            (agreement_id, _FOREVER if up_to_id is None else up_to_id),
        )
    ]


def schedule_rows(agreement_id: int) -> list[tuple[int, dt.date, int]]:
    """(number, due day, amount) of the agreement's installments, in order."""
    return [
        (n, stored_day(due), amount) for n, due, amount in run(
            "SELECT number, due_date, amount FROM installment WHERE agreement_id = ? ORDER BY number", (agreement_id,)
        )
    ]


# -- the amount due of many agreements (services.outlooks) ----------------------------------

# Each active agreement's cached figures, and its schedule lines still owed up to the
# first one due after the day (none when it owes only fees): the bound comes from the
# (agreement, number) index, one short scan each. ``later``: the agreement has an entry
# dated after the day (a report for a past day), found once by the entry-date index.
_OUTLOOK_ROWS = """
WITH chosen AS MATERIALIZED (
    SELECT a.id, a.installments_paid AS paid, a.grace_days, a.fee_flat, a.fee_percent_bp, a.fee_cap,
        a.paid_toward_next, a.fee_carry, a.principal_remaining,
        a.id IN (SELECT agreement_id FROM ledger_entry INDEXED BY ledger_entry_entry_date WHERE entry_date > :day)
            AS later,
        (SELECT j.number FROM installment j
         WHERE j.agreement_id = a.id AND j.number > a.installments_paid AND j.due_date > :day
         ORDER BY j.number LIMIT 1) AS upto
    FROM agreement a WHERE a.status = 'active' {only})
SELECT chosen.id, chosen.grace_days, chosen.fee_flat, chosen.fee_percent_bp, chosen.fee_cap,
    chosen.paid_toward_next, chosen.fee_carry, chosen.principal_remaining, chosen.later,
    i.number, i.due_date, i.amount
FROM chosen LEFT JOIN installment i
    ON i.agreement_id = chosen.id AND i.number > chosen.paid AND i.number <= coalesce(chosen.upto, 1e18)
ORDER BY chosen.id, i.number
"""


def outlook_rows(day: dt.date, ids: list[int] | None) -> Iterator[tuple]:
    """For the active agreements among ``ids`` (all when None), ordered by agreement:
    (id, grace days, fee flat, fee percent bp, fee cap, paid toward next, fee carry,
    principal remaining, has a later entry, installment number, due date, amount), one
    row per schedule line still owed up to the first due after ``day`` (the line's
    three as None when there is none)."""
    only, args = "", {"day": day}
    if ids is not None:
        only = f"AND a.id IN ({', '.join(f':a{n}' for n in range(len(ids)))})"
        args.update((f"a{n}", aid) for n, aid in enumerate(ids))
    return iter(run(_OUTLOOK_ROWS.format(only=only), args))


# -- the lookup (services.counter) --------------------------------------------------------

_BY_RECEIPT = (
    "SELECT a.customer_id, 'r' FROM ledger_entry e JOIN agreement a ON a.id = e.agreement_id "
    "WHERE e.receipt_number = ?"
)
_BY_STOCK = (
    "SELECT * FROM (SELECT a.customer_id, 's' FROM agreement a JOIN vehicle v ON v.id = a.vehicle_id "
    "WHERE v.stock_number = ? ORDER BY a.id DESC)"
)
_BY_VIN_TAIL = (
    "SELECT * FROM (SELECT a.customer_id, 'v' FROM agreement a JOIN vehicle v ON v.id = a.vehicle_id "
    "WHERE v.vin_tail = ? ORDER BY a.id DESC)"
)


def number_matches(receipt: int | None, vehicle_key: str | None) -> list[tuple[int, str]]:
    """(customer id, "r"/"s"/"v") of a receipt number, then a stock number, then a VIN's
    last six, in one query; nothing asked, nothing found."""
    parts, args = [], []
    if receipt is not None:
        parts.append(_BY_RECEIPT)
        args.append(receipt)
    if vehicle_key is not None:
        parts += [_BY_STOCK, _BY_VIN_TAIL]
        args += [vehicle_key, vehicle_key]
    return run(" UNION ALL ".join(parts), args).fetchall() if parts else []


_SHOWN = """
SELECT c.id, c.first_name, c.last_name, c.preferred_name, a.id, a.status, v.year, v.make, v.model
FROM customer c LEFT JOIN agreement a ON a.customer_id = c.id LEFT JOIN vehicle v ON v.id = a.vehicle_id
WHERE c.id IN ({ids}) ORDER BY a.id
"""


def names_and_agreements(customer_ids: list[int]) -> Iterator[tuple]:
    """(customer id, first, last, preferred, agreement id, status, year, make, model) of each
    of the customers' agreements, oldest first (the agreement's five as None for none)."""
    return iter(run(_SHOWN.format(ids=_marks(len(customer_ids))), customer_ids))


# -- the card (services.counter) -------------------------------------------------------------

def entries_of_agreements(agreement_ids: list[int]) -> list[tuple]:
    """Every entry of these agreements, newest first: (id, agreement id, receipt number,
    day, posted at (text), kind, amount, method, reference, clerk id, reverses id, reason,
    installment number)."""
    if not agreement_ids:
        return []
    return run(
        "SELECT id, agreement_id, receipt_number, entry_date, created_at, kind, amount, method, reference, clerk_id, "
        f"reverses_id, reason, installment_number FROM ledger_entry WHERE agreement_id IN ({_marks(len(agreement_ids))}) "
        "ORDER BY id DESC", agreement_ids,
    ).fetchall()


def clerk_names() -> dict[int, str]:
    return dict(run("SELECT id, name FROM clerk").fetchall())


def agreements_of(customer_id: int) -> list[Agreement]:
    """The customer's agreements, newest first, each with its vehicle."""
    agreements = list(Agreement.raw("SELECT * FROM agreement WHERE customer_id = ? ORDER BY id DESC", customer_id))
    vehicles = {v.id: v for v in Vehicle.raw(
        "SELECT * FROM vehicle WHERE id IN (SELECT vehicle_id FROM agreement WHERE customer_id = ?)", customer_id)}
    for a in agreements:
        a.vehicle = vehicles[a.vehicle_id]
    return agreements


def notes_of(customer_id: int) -> list[Note]:
    """The customer's notes, newest first."""
    return list(Note.raw("SELECT * FROM note WHERE customer_id = ? ORDER BY created_at DESC", customer_id))


def any_open_complaint(customer_id: int, resolved: str) -> bool:
    """Whether the customer has a complaint not ``resolved`` (most have none: one indexed look)."""
    return run(
        "SELECT 1 FROM complaint WHERE customer_id = ? AND status != ? LIMIT 1", (customer_id, resolved)
    ).fetchone() is not None


# -- the late-accounts report (services.business_reports) --------------------------------------

_WHO_AND_WHAT = (
    "SELECT a.id, c.id, c.first_name, c.last_name, c.preferred_name, c.phone, c.last_touch_at, "
    "v.year, v.make, v.model FROM agreement a JOIN customer c ON c.id = a.customer_id "
    "JOIN vehicle v ON v.id = a.vehicle_id WHERE a.id IN ({ids})"
)


def who_and_what(agreement_ids: Iterable[int], batch: int = 500) -> Iterator[tuple]:
    """(agreement id, customer id, first, last, preferred, phone, last touch, year, make, model)
    of each agreement (thousands, in batches)."""
    ids = list(agreement_ids)
    for start in range(0, len(ids), batch):
        part = ids[start:start + batch]
        yield from run(_WHO_AND_WHAT.format(ids=_marks(len(part))), part)


# -- the payment path (services.payments, services.drawer) ------------------------------------

def next_receipt_number() -> int | None:
    """Advance the receipt counter and give its new value (None when the counter row is
    missing). Only inside the paying transaction, so a rolled-back payment gives its
    number back and numbers never skip. (PostgreSQL: one UPDATE ... RETURNING.)"""
    if on_server():  # the row stays locked by this transaction until it ends: no two get one number
        row = run("UPDATE counter SET value = value + 1 WHERE name = 'receipt' RETURNING value").fetchone()
        return row[0] if row else None
    run("UPDATE counter SET value = value + 1 WHERE name = 'receipt'")
    row = run("SELECT value FROM counter WHERE name = 'receipt'").fetchone()
    return row[0] if row else None


def receipt_of_request(request_id: str) -> int | None:
    """The receipt number of the payment already posted for ``request_id`` (indexed, unique)."""
    row = run("SELECT receipt_number FROM ledger_entry WHERE request_id = ?", (request_id,)).fetchone()
    return row[0] if row else None


def insert_allocation(entry_id: int, lines: list[list]) -> None:
    """Store a payment's split: ``[bucket, installment number, amount]`` lines, in order."""
    if lines:
        run(
            "INSERT INTO allocation (entry_id, bucket, installment_number, amount) VALUES "
            + ", ".join(["(?, ?, ?, ?)"] * len(lines)),
            [value for line in lines for value in (entry_id, *line)],
        )


def allocation_rows(entry_id: int) -> list[tuple[str, int | None, int]]:
    """(bucket, installment number, amount) of a payment's split, in the order stored."""
    return run(
        "SELECT bucket, installment_number, amount FROM allocation WHERE entry_id = ? ORDER BY id", (entry_id,)
    ).fetchall()


def is_reversed(entry_id: int, by_kind: str) -> bool:
    """Whether an entry of kind ``by_kind`` (a void) points back at entry ``entry_id``."""
    return run(
        "SELECT 1 FROM ledger_entry WHERE reverses_id = ? AND kind = ? LIMIT 1", (entry_id, by_kind)
    ).fetchone() is not None


def setting_text(key: str) -> str | None:
    """A setting's stored JSON text, read alone (this counter's name: every payment asks)."""
    row = run("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def open_session_id(counter_name: str, open_status: str) -> int | None:
    """The id of the counter's open drawer session, or None."""
    row = run("SELECT id FROM drawer_session WHERE counter_name = ? AND status = ?",
              (counter_name, open_status)).fetchone()
    return row[0] if row else None
