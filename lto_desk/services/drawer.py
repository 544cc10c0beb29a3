"""The cash drawer: a session per counter, opened with a float and closed by counting.

Expected cash in the drawer =
    float
  + cash payments and cash down payments taken in the session
  − cash goodwill refunds given in the session
  − cash handed back for voids (in the session) of cash payments
  + paid in − paid out.

An X report reads a session at any time; closing it (a count by denomination or
a total) works out the over/short, needs a note beyond the tolerance setting,
and seals it with its Z number and the counter's running grand total of
collections (payments and down payments in every method, less voids).
A sealed session takes no more money; the next one on that counter gets the
next Z number and carries the grand total on.

Every drawer write reads its time once the write lock is held, and money picks its
session inside the paying transaction, so a close seals exactly the money of its
session: each entry that names the session, however busy the other counters were.
The close's journal row is the Z report's seal (printed on it, and written in this
computer's anchors file).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from peewee import fn

# describe_over_short is said here too for the screens that word a sealed session's figures.
from ..domain.drawer import close_check, describe_over_short  # noqa: F401
from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.ledger import EntryKind
from ..domain.money import MAX_AMOUNT, Cents, format_money
from ..domain.payment import Method
from ..domain.roles import Role
from ..domain.text import clean_text
from ..store import anchors, seal
from ..store.database import now as clock
from ..store.journal import rows_touching
from ..store.models import Clerk, DrawerMovement, DrawerSession, LedgerEntry
from ..store.reads import open_session_id, setting_text
from .base import Actor, optional_text, require_role, required_text, unit_of_work
from .in_order import moment
from .saved_pages import dealer_header, write_atomically
from .settings import DealerSettings, load_settings

OPEN, SEALED = "open", "sealed"
PAID_IN, PAID_OUT, NO_SALE = "paid_in", "paid_out", "no_sale"
MOVEMENT_LABELS = {PAID_IN: "Paid in", PAID_OUT: "Paid out", NO_SALE: "No sale"}

#: Bills and coins counted at closing: key -> (label, value in cents), largest first.
DENOMINATIONS: dict[str, tuple[str, int]] = {
    "bill_100": ("$100 bills", 100_00),
    "bill_50": ("$50 bills", 50_00),
    "bill_20": ("$20 bills", 20_00),
    "bill_10": ("$10 bills", 10_00),
    "bill_5": ("$5 bills", 5_00),
    "bill_2": ("$2 bills", 2_00),
    "bill_1": ("$1 bills", 1_00),
    "coin_100": ("$1 coins", 1_00),
    "coin_50": ("Half dollars", 50),
    "coin_25": ("Quarters", 25),
    "coin_10": ("Dimes", 10),
    "coin_5": ("Nickels", 5),
    "coin_1": ("Pennies", 1),
}

#: How many of one bill or coin a drawer could believably hold.
MAX_COUNT = 100_000

_log = logging.getLogger(__name__)


def not_open_message(then: str = "take the payment") -> str:
    return (
        "The cash drawer is not open yet. Open it (Drawer → Open drawer…) with the starting cash, "
        f"then {then}."
    )


class DrawerNotOpen(Refused):
    """Money was to go through the counter's drawer, but no session is open there."""


@dataclass(frozen=True)
class SessionInfo:
    """A drawer session in short (for the status bar and the dialogs)."""

    session_id: int
    counter_name: str
    number: int
    status: str
    opened_at: dt.datetime
    opened_by: str
    float_cents: Cents


@dataclass(frozen=True)
class MovementLine:
    kind: str
    label: str
    amount: Cents
    reason: str
    at: dt.datetime
    clerk_name: str


@dataclass(frozen=True)
class DenominationLine:
    key: str
    label: str
    count: int
    cents: Cents


@dataclass(frozen=True)
class DrawerReport:
    """One session's figures, as of a moment (X report) or as sealed (Z report).

    Attributes:
      session_id, counter_name, number (the Z number), status (open | sealed), as_of.
      opened_at / opened_by, closed_at / closed_by (None / '' while open).
      float_cents: the starting cash.
      cash_payments: cash payments and cash down payments taken.
      cash_refunds: cash goodwill refunds given. cash_voids: cash handed back for voids of cash payments.
      paid_in / paid_out: totals of those movements; movements: each one with its reason.
      no_sales: times the drawer was opened without a sale.
      expected_cents: the cash that should be in the drawer.
      by_method: (label, net collections) for cash, check, money order, card.
      by_clerk: (clerk name, net collections), largest first.
      collections: payments and down payments in every method, less voids (in this session).
      receipts: how many receipts; first_receipt / last_receipt (None when there are none).
      receipt_runs: the session's receipts as (first, last) runs of consecutive numbers, so
        numbers another counter's drawer took in between are never named as this one's.
      counted_cents, denominations, over_short_cents, note: the closing count (None / () / '' while open).
      previous_grand_total: the grand total the last sealed session of this counter carried.
      grand_total: previous_grand_total + collections.
      sealed_row / seal: the close's journal row and the short seal of its hash
        (``anchors.seal_text``), printed on the Z report; None / '' while open.
    """

    session_id: int
    counter_name: str
    number: int
    status: str
    as_of: dt.datetime
    opened_at: dt.datetime
    opened_by: str
    closed_at: dt.datetime | None
    closed_by: str
    float_cents: Cents
    cash_payments: Cents
    cash_refunds: Cents
    cash_voids: Cents
    paid_in: Cents
    paid_out: Cents
    movements: tuple[MovementLine, ...]
    no_sales: int
    expected_cents: Cents
    by_method: tuple[tuple[str, Cents], ...]
    by_clerk: tuple[tuple[str, Cents], ...]
    collections: Cents
    receipts: int
    first_receipt: int | None
    last_receipt: int | None
    counted_cents: Cents | None
    denominations: tuple[DenominationLine, ...]
    over_short_cents: Cents | None
    note: str
    previous_grand_total: Cents
    grand_total: Cents
    receipt_runs: tuple[tuple[int, int], ...] = ()
    sealed_row: int | None = None
    seal: str = ""

    @property
    def sealed(self) -> bool:
        return self.status == SEALED


# ---------------------------------------------------------------------------
# Looking up sessions.


def _counter(counter_name: str | None) -> str:
    """The counter named, or this counter's name from settings (read alone: every payment asks)."""
    name = clean_text(counter_name, "the counter's name", maximum=40)
    if name:
        return name
    stored = setting_text("counter_name")
    return (json.loads(stored) if stored else "") or DealerSettings.counter_name


def _info(row: DrawerSession) -> SessionInfo:
    return SessionInfo(
        session_id=row.id, counter_name=row.counter_name, number=row.number, status=row.status,
        opened_at=row.opened_at, opened_by=_clerk_name(row.opened_by_id), float_cents=row.float_cents,
    )


def _clerk_name(clerk_id: int | None) -> str:
    if clerk_id is None:
        return ""
    clerk = Clerk.get_or_none(Clerk.id == clerk_id)
    return clerk.name if clerk else ""


def _open_row(counter_name: str) -> DrawerSession | None:
    return DrawerSession.get_or_none((DrawerSession.counter_name == counter_name) & (DrawerSession.status == OPEN))


def current_session(actor: Actor, counter_name: str | None = None) -> SessionInfo | None:
    """The open session of ``counter_name`` (default: this counter, from settings), or None."""
    require_role(actor, Role.CLERK, "see the cash drawer")
    row = _open_row(_counter(counter_name))
    return _info(row) if row else None


def session_for_money(then: str = "take the payment", counter_name: str | None = None) -> int:
    """The id of the open session money goes through (call inside the paying transaction);
    :class:`DrawerNotOpen` with a friendly message when the drawer is not open."""
    name = _counter(counter_name)
    session_id = open_session_id(name, OPEN)
    if session_id is None:
        last = (
            DrawerSession.select(DrawerSession.number, DrawerSession.closed_at)
            .where((DrawerSession.counter_name == name) & (DrawerSession.status == SEALED))
            .order_by(DrawerSession.number.desc())
            .first()
        )
        if last is None or last.closed_at is None:
            raise DrawerNotOpen(not_open_message(then))
        # Most often another counter closed the drawer a moment ago, while this one was posting.
        raise DrawerNotOpen(
            f"The cash drawer of {name} was closed on {moment(last.closed_at)} (Z report {last.number:05d}), "
            f"so nothing was recorded. Open the drawer again (Drawer → Open drawer…) with the starting cash, "
            f"then {then}."
        )
    return session_id


def _session(session_id: int) -> DrawerSession:
    row = DrawerSession.get_or_none(DrawerSession.id == session_id)
    if row is None:
        raise NotFound("That drawer session is not on file.")
    return row


def sessions(actor: Actor, counter_name: str | None = None, limit: int = 50) -> list[SessionInfo]:
    """The latest sessions of a counter, newest first."""
    require_role(actor, Role.CLERK, "see the cash drawer's sessions")
    rows = (
        DrawerSession.select()
        .where(DrawerSession.counter_name == _counter(counter_name))
        .order_by(DrawerSession.number.desc())
        .limit(limit)
    )
    return [_info(r) for r in rows]


# ---------------------------------------------------------------------------
# Opening, paid in / out, no sale.


def _check_amount(amount: object, what: str, *, allow_zero: bool) -> Cents:
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise InvalidInput(f"The {what} must be an amount in dollars and cents.")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InvalidInput(f"The {what} must be more than zero." if not allow_zero else f"The {what} cannot be negative.")
    if amount > MAX_AMOUNT:
        raise InvalidInput(f"The {what} is more than {format_money(MAX_AMOUNT)}; please check it.")
    return amount


def open_drawer(
    actor: Actor, float_cents: Cents, *, counter_name: str | None = None, at: dt.datetime | None = None
) -> SessionInfo:
    """Open a drawer session with ``float_cents`` of starting cash (any clerk).

    Refused when this counter already has an open session."""
    require_role(actor, Role.CLERK, "open the cash drawer")
    float_cents = _check_amount(float_cents, "starting cash", allow_zero=True)
    name = _counter(counter_name)
    with unit_of_work(actor, "open_drawer", at) as work:
        at = work.at
        existing = _open_row(name)
        if existing is not None:
            raise Refused(
                f"The drawer of {name} is already open (session {existing.number}, since "
                f"{existing.opened_at:%b %d, %I:%M %p}). Close it before opening a new one."
            )
        last = DrawerSession.select(fn.MAX(DrawerSession.number)).where(DrawerSession.counter_name == name).scalar()
        row = DrawerSession.create(
            counter_name=name, number=(last or 0) + 1, opened_at=at, opened_by=actor.id,
            float_cents=float_cents, status=OPEN,
        )
        work.inserted(row)
    return _info(row)


def _add_movement(actor: Actor, kind: str, amount: Cents, reason: str, counter_name: str | None,
                  at: dt.datetime | None) -> MovementLine:
    require_role(actor, Role.CLERK, "use the cash drawer")
    what = {PAID_IN: "paid-in amount", PAID_OUT: "paid-out amount"}.get(kind)
    if what:
        amount = _check_amount(amount, what, allow_zero=False)
    reason = required_text(reason, f"the reason for the {MOVEMENT_LABELS[kind].lower()}", minimum=3, maximum=200)
    name = _counter(counter_name)
    with unit_of_work(actor, kind, at) as work:
        at = work.at
        row = _open_row(name)
        if row is None:
            raise DrawerNotOpen(not_open_message(f"record the {MOVEMENT_LABELS[kind].lower()}"))
        if kind == PAID_OUT:
            cash = _figures(row.id).expected_cents
            if amount > cash:
                raise Refused(
                    f"There is only {format_money(cash)} of cash in the drawer, so a paid-out of "
                    f"{format_money(amount)} cannot come out of it. Nothing was recorded."
                )
        movement = DrawerMovement.create(
            session=row.id, kind=kind, amount=amount if what else 0, reason=reason, at=at, clerk=actor.id,
        )
        work.inserted(movement)
    return MovementLine(kind, MOVEMENT_LABELS[kind], movement.amount, reason, at, actor.name)


def paid_in(actor: Actor, amount: Cents, reason: str, *, counter_name: str | None = None,
            at: dt.datetime | None = None) -> MovementLine:
    """Cash put into the drawer without a sale (e.g. more change from the bank); reason required."""
    return _add_movement(actor, PAID_IN, amount, reason, counter_name, at)


def paid_out(actor: Actor, amount: Cents, reason: str, *, counter_name: str | None = None,
             at: dt.datetime | None = None) -> MovementLine:
    """Cash taken out for an expense (postage, a car wash); refused above the cash in the drawer."""
    return _add_movement(actor, PAID_OUT, amount, reason, counter_name, at)


def no_sale(actor: Actor, reason: str, *, counter_name: str | None = None,
            at: dt.datetime | None = None) -> MovementLine:
    """The drawer opened without a sale (change for a customer, a check of the float); counted on the reports."""
    return _add_movement(actor, NO_SALE, 0, reason, counter_name, at)


# ---------------------------------------------------------------------------
# The report.


def _method_label(method: str) -> str:
    try:
        return Method(method).label
    except ValueError:
        return method or "Other"


def x_report(actor: Actor, session_id: int, as_of: dt.datetime | None = None) -> DrawerReport:
    """A session's figures: all of its money (what its Z seals), or, for an open session
    and an ``as_of`` given, what was recorded by that moment. A sealed session: as sealed."""
    require_role(actor, Role.CLERK, "read the cash drawer's report")
    return _figures(session_id, as_of)


def _figures(session_id: int, as_of: dt.datetime | None = None) -> DrawerReport:
    """:func:`x_report`'s figures, for the drawer's own writes (the close, a paid out)."""
    row = _session(session_id)
    if row.status == SEALED:
        as_of = None
    by_then = as_of is not None  # a look back at an open session; else every entry naming it
    as_of = as_of or (row.closed_at if row.status == SEALED else clock())
    money_in = (EntryKind.PAYMENT.value, EntryKind.DOWN_PAYMENT.value)
    in_entries, in_moves = LedgerEntry.drawer_session == row.id, DrawerMovement.session == row.id
    if by_then:
        in_entries, in_moves = in_entries & (LedgerEntry.created_at <= as_of), in_moves & (DrawerMovement.at <= as_of)
    entries = list(
        LedgerEntry.select(
            LedgerEntry.id, LedgerEntry.kind, LedgerEntry.amount, LedgerEntry.method, LedgerEntry.clerk,
            LedgerEntry.reverses, LedgerEntry.receipt_number,
        )
        .where(in_entries)
        .order_by(LedgerEntry.id)
    )
    voided_ids = [e.reverses_id for e in entries if e.kind == EntryKind.VOID.value]
    originals = {
        o.id: o for o in LedgerEntry.select(LedgerEntry.id, LedgerEntry.method, LedgerEntry.clerk, LedgerEntry.amount)
        .where(LedgerEntry.id.in_(voided_ids or [0]))
    }
    by_method: dict[str, int] = {m.value: 0 for m in Method}
    by_clerk: dict[int, int] = defaultdict(int)
    cash_payments = cash_refunds = cash_voids = 0
    receipts = [e.receipt_number for e in entries if e.receipt_number is not None]
    for e in entries:
        if e.kind in money_in:
            by_method[e.method] = by_method.get(e.method, 0) + e.amount
            by_clerk[e.clerk_id] += e.amount
            if e.method == Method.CASH.value:
                cash_payments += e.amount
        elif e.kind == EntryKind.VOID.value:
            original = originals[e.reverses_id]
            by_method[original.method] = by_method.get(original.method, 0) - original.amount
            by_clerk[original.clerk_id] -= original.amount
            if original.method == Method.CASH.value:
                cash_voids += original.amount
        elif e.kind == EntryKind.REFUND.value and e.method == Method.CASH.value:
            cash_refunds += e.amount
    moves = list(
        DrawerMovement.select()
        .where(in_moves)
        .order_by(DrawerMovement.at, DrawerMovement.id)
    )
    wanted = set(by_clerk) | {m.clerk_id for m in moves}
    wanted |= {row.opened_by_id, row.closed_by_id}
    names = {
        c.id: c.name
        for c in Clerk.select(Clerk.id, Clerk.name).where(Clerk.id.in_([i for i in wanted if i is not None]))
    }
    movements = [
        MovementLine(m.kind, MOVEMENT_LABELS[m.kind], m.amount, m.reason, m.at, names.get(m.clerk_id, ""))
        for m in moves
    ]
    total_in = sum(m.amount for m in movements if m.kind == PAID_IN)
    total_out = sum(m.amount for m in movements if m.kind == PAID_OUT)
    expected = row.float_cents + cash_payments - cash_refunds - cash_voids + total_in - total_out
    collections = sum(by_method.values())
    clerk_lines = sorted(((names.get(k, "?"), v) for k, v in by_clerk.items()), key=lambda kv: (-kv[1], kv[0]))
    previous = _previous_grand_total(row)
    counts = json.loads(row.denominations) if row.denominations else {}
    return DrawerReport(
        session_id=row.id, counter_name=row.counter_name, number=row.number, status=row.status, as_of=as_of,
        opened_at=row.opened_at, opened_by=names.get(row.opened_by_id, ""),
        closed_at=row.closed_at, closed_by=names.get(row.closed_by_id, ""),
        float_cents=row.float_cents, cash_payments=cash_payments, cash_refunds=cash_refunds,
        cash_voids=cash_voids, paid_in=total_in, paid_out=total_out, movements=tuple(movements),
        no_sales=sum(1 for m in movements if m.kind == NO_SALE),
        expected_cents=row.expected_cents if row.status == SEALED else expected,
        by_method=tuple((_method_label(k), v) for k, v in by_method.items()),
        by_clerk=tuple(clerk_lines), collections=collections, receipts=len(receipts),
        first_receipt=min(receipts) if receipts else None, last_receipt=max(receipts) if receipts else None,
        counted_cents=row.counted_cents,
        denominations=tuple(
            DenominationLine(k, label, counts[k], counts[k] * value)
            for k, (label, value) in DENOMINATIONS.items() if counts.get(k)
        ),
        over_short_cents=row.over_short_cents, note=row.note, previous_grand_total=previous,
        grand_total=row.grand_total_cents if row.status == SEALED else previous + collections,
        receipt_runs=_runs(receipts),
        **(_seal_of(row.id) if row.status == SEALED else {}),
    )


def _seal_of(session_id: int) -> dict:
    """The sealed session's close as the Z report prints it: its journal row and seal."""
    closing = rows_touching("drawer_session", str(session_id), ("close_drawer",), limit=1)
    if not closing:
        return {}
    return {"sealed_row": closing[0].id, "seal": anchors.seal_text(closing[0].hash)}


def _latest_money(session_id: int) -> dt.datetime | None:
    """When the session's latest money (an entry or a movement) was recorded."""
    entry = (LedgerEntry.select(LedgerEntry.created_at).where(LedgerEntry.drawer_session == session_id)
             .order_by(LedgerEntry.created_at.desc()).first())
    move = (DrawerMovement.select(DrawerMovement.at).where(DrawerMovement.session == session_id)
            .order_by(DrawerMovement.at.desc()).first())
    stamps = [t for t in (entry and entry.created_at, move and move.at) if t is not None]
    return max(stamps) if stamps else None


def _runs(numbers: list[int]) -> tuple[tuple[int, int], ...]:
    """Numbers as (first, last) runs of consecutive ones: [3, 4, 5, 9] -> ((3, 5), (9, 9))."""
    runs: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return tuple(runs)


def _previous_grand_total(row: DrawerSession) -> Cents:
    before = (
        DrawerSession.select(DrawerSession.grand_total_cents)
        .where(
            (DrawerSession.counter_name == row.counter_name)
            & (DrawerSession.number < row.number)
            & (DrawerSession.status == SEALED)
        )
        .order_by(DrawerSession.number.desc())
        .first()
    )
    return before.grand_total_cents if before and before.grand_total_cents is not None else 0


# ---------------------------------------------------------------------------
# Closing.


def count_denominations(denominations: dict[str, int]) -> Cents:
    """The total of a count by denomination, exactly in cents; refuses unknown or negative counts."""
    total = 0
    for key, count in denominations.items():
        if key not in DENOMINATIONS:
            raise InvalidInput(f"There is no bill or coin called {key!r} in the count.")
        label = DENOMINATIONS[key][0]
        if not isinstance(count, int) or isinstance(count, bool):
            raise InvalidInput(f"The count of {label.lower()} must be a whole number.")
        if count < 0:
            raise InvalidInput(f"The count of {label.lower()} cannot be negative.")
        if count > MAX_COUNT:
            raise InvalidInput(f"The count of {label.lower()} is too large; please count again.")
        total += count * DENOMINATIONS[key][1]
    return total


def close_drawer(
    actor: Actor,
    session_id: int,
    *,
    counted_cents: Cents | None = None,
    denominations: dict[str, int] | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> DrawerReport:
    """Close a session by the cash counted in it (a total or bills and coins by denomination):
    works out the over/short, asks for a note beyond the tolerance, and seals it with the
    counter's grand total. Returns the Z report's figures."""
    require_role(actor, Role.CLERK, "close the cash drawer")
    if (counted_cents is None) == (denominations is None):
        raise InvalidInput("Count the cash in the drawer: by bills and coins, or type the total.")
    if denominations is not None:
        counts = {k: v for k, v in dict(denominations).items() if v != 0}
        counted = count_denominations(counts)
    else:
        counts = {}
        if not isinstance(counted_cents, int) or isinstance(counted_cents, bool):
            raise InvalidInput("The cash counted must be an amount in dollars and cents.")
        if counted_cents < 0:
            raise InvalidInput("The cash counted cannot be negative.")
        if counted_cents > MAX_AMOUNT:
            raise InvalidInput(f"The cash counted is more than {format_money(MAX_AMOUNT)}; please count again.")
        counted = counted_cents
    note = optional_text(note, "the note", maximum=500)
    tolerance = load_settings().drawer_tolerance_cents
    # The time is read and the session counted once the write lock is held: no payment
    # can land in the session between the count and the seal.
    with unit_of_work(actor, "close_drawer", at) as work:
        at = work.at
        row = _session(session_id)
        if row.status != OPEN:
            raise Refused(
                f"Drawer session {row.number} of {row.counter_name} is not open: it was closed and sealed "
                f"{row.closed_at:%b %d, %Y at %I:%M %p}. Nothing was changed."
            )
        latest = max(row.opened_at, _latest_money(row.id) or row.opened_at)
        if at.replace(microsecond=0) < latest.replace(microsecond=0):  # to the second, as in_order compares
            raise InvalidInput(
                f"The drawer was not closed: this computer's date and time, {moment(at)}, is before "
                f"{'the latest money recorded in it' if latest > row.opened_at else 'it was opened'} "
                f"({moment(latest)}). Please check this computer's date and time, then close the drawer again."
            )
        report = _figures(row.id)
        check = close_check(report.expected_cents, counted, tolerance, note)
        if check.problem:
            raise InvalidInput(check.problem)
        over_short = check.over_short
        before = work.before(row)
        row.status = SEALED
        row.closed_at = at
        row.closed_by = actor.id
        row.counted_cents = counted
        row.denominations = json.dumps(counts, sort_keys=True) if denominations is not None else ""
        row.expected_cents = report.expected_cents
        row.over_short_cents = over_short
        row.note = note
        row.grand_total_cents = report.previous_grand_total + report.collections
        row.save()
        work.updated(row, before)
    sealed_row, digest = work.journal_row.id, work.journal_row.hash
    _record_z_anchor(row, sealed_row, digest)
    # The figures just worked out, as sealed (no second reading of the session).
    return replace(
        report, status=SEALED, as_of=at, closed_at=at, closed_by=actor.name, counted_cents=counted,
        denominations=tuple(
            DenominationLine(k, label, counts[k], counts[k] * value)
            for k, (label, value) in DENOMINATIONS.items() if counts.get(k)
        ),
        over_short_cents=over_short, note=note, grand_total=row.grand_total_cents,
        sealed_row=sealed_row, seal=anchors.seal_text(digest),
    )


def _record_z_anchor(row: DrawerSession, journal_id: int, digest: str) -> None:
    """Write the close's journal row in this computer's anchors file, once it is committed.
    The drawer is sealed either way: a file that cannot be written is logged, and the
    printed Z report carries the same seal."""
    books = seal.books_id()
    if books is None:
        return
    what = f"Z report {row.number} of {row.counter_name}"
    try:
        anchors.record(anchors.make(books, journal_id, digest, "z_report", what, row.closed_at))
    except OSError as exc:
        _log.warning("The seal of %s could not be written to %s: %s", what, anchors.anchors_path(), exc)


# ---------------------------------------------------------------------------
# PDFs.


def _pdf(session_id: int) -> tuple[bytes, DrawerReport]:
    from ..documents.drawer_report import DrawerReportPage, render_drawer_report

    settings = load_settings()
    report = _figures(session_id)
    page = DrawerReportPage(dealer=dealer_header(settings), report=report, paper=settings.receipt_format)
    return render_drawer_report(page), report


def save_x_report(actor: Actor, folder: Path, session_id: int, *, at: dt.datetime | None = None) -> Path:
    """The X report of a session as it stands now, saved under ``folder`` (printed by the caller)."""
    from ..documents.drawer_report import DrawerReportPage, render_drawer_report

    report = x_report(actor, session_id, at)
    settings = load_settings()
    page = DrawerReportPage(dealer=dealer_header(settings), report=report, paper=settings.receipt_format)
    name = f"x-report-{_slug(report.counter_name)}-{report.number:05d}-{report.as_of:%Y%m%d-%H%M%S}.pdf"
    return write_atomically(Path(folder) / name, render_drawer_report(page))


def save_z_report(actor: Actor, folder: Path, session_id: int) -> Path:
    """The Z report of a sealed session, saved under ``folder``; refused while it is open."""
    require_role(actor, Role.CLERK, "print a Z report")
    if _session(session_id).status != SEALED:
        raise Refused("The Z report is printed when the drawer is closed; this session is still open.")
    pdf, report = _pdf(session_id)
    return write_atomically(Path(folder) / f"z-report-{_slug(report.counter_name)}-{report.number:05d}.pdf", pdf)


def _slug(name: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in name).strip("-")
    return "-".join(p for p in out.split("-") if p) or "counter"
