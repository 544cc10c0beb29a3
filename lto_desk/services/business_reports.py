"""The business reports read from the database: daily collections, late accounts by
age, payments due in a week, a customer statement, the portfolio and the
receipt-number check; and saving each as a PDF under ``reports/``.

Reading only: nothing here writes to the database. Every report takes the actor
it is read for, as the reports window offers them: a clerk may read the payments
due this week, the late accounts and a customer's statement; collections by clerk,
the portfolio and the receipt-number check are refused to anyone below a manager.
The results are the plain dataclasses of :mod:`lto_desk.documents.business_reports`.

The reports over every account take a ``progress(done, total)`` callback: due
this week and the portfolio replay each agreement's ledger and tell it once per
account; the late-accounts report reads each agreement's cached state
(services/outlooks.py) in one go and tells it at the start and the end. A callback that raises (:class:`ReportCancelled`) stops the report.
They may run on a worker thread: each call only reads, through whatever
connection the calling thread holds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Callable, ContextManager, Iterable

from peewee import fn

from ..documents.business_reports import (
    AGE_BUCKETS,
    AgeBucket,
    Aging,
    Collections,
    DueLine,
    DueThisWeek,
    LateAccount,
    MoneyGroup,
    MoneyLine,
    Portfolio,
    ReceiptCheck,
    Statement,
    StatementLine,
    VoidedReceipt,
    WeekCollected,
    aging_document,
    collections_document,
    due_document,
    portfolio_document,
    receipt_check_document,
    statement_document,
)
from ..domain.dates import as_day
from ..domain.errors import InvalidInput, NotFound
from ..domain.ledger import EntryKind, Status
from ..domain.money import format_money
from ..domain.payment import Method
from ..domain.phone import display_phone
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import (
    Agreement, Clerk, Counter, Customer, Installment, LedgerEntry, Vehicle, db, display_name, vehicle_description,
)
from ..store.reads import who_and_what
from .base import Actor, require_role
from .customers import address_of
from .ledger import Ledger, load_ledger
from .outlooks import outlooks
from .relationship_reports import save_report_pdf, week_start
from .saved_pages import dealer_header
from .settings import load_settings

__all__ = [
    "MAX_PORTFOLIO_WEEKS",
    "Progress",
    "ReportCancelled",
    "daily_collections",
    "aging",
    "due_this_week",
    "statement",
    "portfolio",
    "receipt_check",
    "agreement_choices",
    "worker_connection",
    "save_collections",
    "save_aging",
    "save_due_this_week",
    "save_statement",
    "save_portfolio",
    "save_receipt_check",
]

#: The longest chart of weekly collections the portfolio draws (a year of weeks).
MAX_PORTFOLIO_WEEKS = 52

Progress = Callable[[int, int], None]


class ReportCancelled(Exception):
    """Raised by a progress callback to stop a long report (the person pressed Cancel)."""


def _no_progress(_done: int, _total: int) -> None:
    return None


def worker_connection() -> ContextManager[object]:
    """A database connection of the calling thread's own for the length of a ``with``
    block, closed at its end: a report read on a worker thread opens one (the GUI
    thread's connection stays the GUI's)."""
    return db.connection_context()


_day = as_day  # a day from a date or date-time, or a clear refusal


def _period(start: object, end: object) -> tuple[dt.date, dt.date]:
    start, end = _day(start, "first day"), _day(end, "last day")
    if start > end:
        raise InvalidInput(
            f"The period starts on {start:%b} {start.day}, {start.year}, after it ends "
            f"({end:%b} {end.day}, {end.year}); please swap the days."
        )
    return start, end


def _method_label(value: str) -> str:
    try:
        return Method(value).label
    except ValueError:
        return value.replace("_", " ").capitalize() or "Not said"


def _clerk_names() -> dict[int, str]:
    return dict(Clerk.select(Clerk.id, Clerk.name).tuples())


def _phone(customer: Customer) -> str:
    return display_phone(customer.phone) if customer.phone else ""


_RECEIVED = (EntryKind.PAYMENT.value, EntryKind.DOWN_PAYMENT.value)


# -- daily collections ----------------------------------------------------------------


def _money_in(start: dt.date, end: dt.date) -> tuple[list[MoneyLine], list[MoneyLine]]:
    """Payments, down payments and voids of them (posting order); refunds."""
    names = _clerk_names()
    original = LedgerEntry.alias()
    query = (
        LedgerEntry.select(LedgerEntry, Agreement.id, Customer)
        .join(Agreement)
        .join(Customer)
        .where(
            (LedgerEntry.entry_date >= start)
            & (LedgerEntry.entry_date <= end)
            & (LedgerEntry.kind.in_(list(_RECEIVED) + [EntryKind.VOID.value, EntryKind.REFUND.value]))
        )
        .order_by(LedgerEntry.created_at, LedgerEntry.id)
    )
    rows = list(query)
    reversed_ids = [r.reverses_id for r in rows if r.kind == EntryKind.VOID.value]
    originals = {
        o.id: o
        for o in original.select(original.id, original.kind, original.method, original.clerk, original.receipt_number)
        .where(original.id.in_(reversed_ids))
    } if reversed_ids else {}
    lines: list[MoneyLine] = []
    refunds: list[MoneyLine] = []
    for e in rows:
        customer = e.agreement.customer.display_name
        base = dict(
            entry_id=e.id, at=e.created_at, on=e.entry_date, customer=customer, agreement_id=e.agreement.id,
            amount=e.amount, approved_by=names.get(e.approved_by_id, "") if e.approved_by_id else "",
            reason=e.reason,
        )
        if e.kind == EntryKind.VOID.value:
            o = originals.get(e.reverses_id)
            if o is None or o.kind not in _RECEIVED:
                continue
            lines.append(MoneyLine(
                receipt_number=None, kind="Void", method=_method_label(o.method),
                clerk=names.get(o.clerk_id, "?"), voids_receipt=o.receipt_number, **base,
            ))
        elif e.kind == EntryKind.REFUND.value:
            refunds.append(MoneyLine(
                receipt_number=None, kind="Refund", method=_method_label(e.method),
                clerk=names.get(e.clerk_id, "?"), **base,
            ))
        else:
            lines.append(MoneyLine(
                receipt_number=e.receipt_number,
                kind="Down payment" if e.kind == EntryKind.DOWN_PAYMENT.value else "Payment",
                method=_method_label(e.method), clerk=names.get(e.clerk_id, "?"), **base,
            ))
    return lines, refunds


def _groups(lines: Iterable[MoneyLine], key: Callable[[MoneyLine], str]) -> tuple[MoneyGroup, ...]:
    sums: dict[str, list[int]] = {}
    for l in lines:
        g = sums.setdefault(key(l), [0, 0, 0, 0])
        if l.kind == "Void":
            g[2] += 1
            g[3] += l.amount
        else:
            g[0] += 1
            g[1] += l.amount
    groups = [MoneyGroup(name, *values) for name, values in sums.items()]
    groups.sort(key=lambda g: (-g.net, g.name))
    return tuple(groups)


def daily_collections(actor: Actor, start: dt.date, end: dt.date | None = None) -> Collections:
    """Money taken from ``start`` to ``end`` (one day when ``end`` is None): payments and
    down payments less the voids of them posted in the period (a void counts under the
    method and the clerk of the payment it cancels), by method and by clerk; goodwill
    refunds apart. For a manager or the owner (it names each clerk's takings)."""
    require_role(actor, Role.MANAGER, "see the daily collections")
    start, end = _period(start, start if end is None else end)
    lines, refunds = _money_in(start, end)
    return Collections(
        start=start,
        end=end,
        by_method=_groups(lines, lambda l: l.method),
        by_clerk=_groups(lines, lambda l: l.clerk),
        lines=tuple(lines),
        refunds=tuple(refunds),
    )


def _collected_by_day(start: dt.date, end: dt.date) -> dict[dt.date, tuple[int, int]]:
    """Per day: (payments received, cents collected net of voids posted that day)."""
    out: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    lines, _refunds = _money_in(start, end)
    for l in lines:
        day = out[l.on]
        if l.kind == "Void":
            day[1] -= l.amount
        else:
            day[0] += 1
            day[1] += l.amount
    return {d: (v[0], v[1]) for d, v in out.items()}


# -- accounts ---------------------------------------------------------------------------


def _active_agreements(ids: Iterable[int] | None = None) -> list[Agreement]:
    query = (
        Agreement.select(Agreement, Customer, Vehicle)
        .join(Customer)
        .switch(Agreement)
        .join(Vehicle)
        .where(Agreement.status == Status.ACTIVE.value)
        .order_by(Agreement.id)
    )
    if ids is not None:
        query = query.where(Agreement.id.in_(list(ids)))
    return list(query)


def _bucket_of(days: int) -> str:
    for words, low, high in AGE_BUCKETS:
        if days >= low and (high is None or days <= high):
            return words
    raise ValueError(days)


# Who and what each late agreement is, as plain rows (a group has thousands late).
def aging(actor: Actor, as_of: dt.date | None = None, progress: Progress | None = None) -> Aging:
    """Active agreements with an installment past its due date on ``as_of``, in the
    buckets 1–7, 8–14, 15–30, 31–60 and over 60 days late; most days late first."""
    require_role(actor, Role.CLERK, "see the late accounts")
    as_of = _day(as_of or clock().date(), "day")
    say = progress or _no_progress
    # Read from each agreement's cached state (two queries for all of them), not replayed.
    seen = outlooks(as_of)
    total = len(seen)
    say(0, total)
    late = {aid: o for aid, o in seen.items() if o.days_late > 0}
    accounts: list[LateAccount] = []
    instant = dt.datetime.fromisoformat
    for aid, cid, first, last, preferred, phone, touched, year, make, model in who_and_what(late):
        o = late[aid]
        accounts.append(LateAccount(
            agreement_id=aid, customer_id=cid, customer=display_name(first, last, preferred),
            phone=display_phone(phone) if phone else "", vehicle=vehicle_description(year, make, model),
            bucket=_bucket_of(o.days_late), days_late=o.days_late, oldest_due=o.oldest_due, past_due=o.past_due,
            fees=o.open_fees, payoff=o.payoff, last_touch=instant(str(touched)) if touched else None,
        ))
    say(total, total)
    accounts.sort(key=lambda x: (-x.days_late, -x.past_due, x.agreement_id))
    buckets = []
    for words, _low, _high in AGE_BUCKETS:
        inside = [x for x in accounts if x.bucket == words]
        buckets.append(AgeBucket(
            words, len(inside), sum(x.past_due for x in inside), sum(x.fees for x in inside),
            sum(x.payoff for x in inside),
        ))
    return Aging(as_of=as_of, buckets=tuple(buckets), accounts=tuple(accounts), active=total)


def due_this_week(
    actor: Actor, day: dt.date, today: dt.date | None = None, progress: Progress | None = None
) -> DueThisWeek:
    """Installments of active agreements due in the week (Monday to Sunday) of ``day``,
    with what is still owed of each as of ``today``; by due day, then customer."""
    require_role(actor, Role.CLERK, "see the payments due")
    day = _day(day, "day")
    today = _day(today or clock().date(), "day")
    say = progress or _no_progress
    monday = week_start(day)
    sunday = monday + dt.timedelta(days=6)
    due = defaultdict(list)
    for agreement_id, number in (
        Installment.select(Installment.agreement, Installment.number)
        .join(Agreement)
        .where((Installment.due_date >= monday) & (Installment.due_date <= sunday) & (Agreement.status == Status.ACTIVE.value))
        .tuples()
    ):
        due[agreement_id].append(number)
    agreements = _active_agreements(due)
    total = len(agreements)
    say(0, total)
    lines: list[DueLine] = []
    for n, a in enumerate(agreements, start=1):
        state = load_ledger(a).state(max(today, a.opened_on))
        for i in state.installments:
            if i.number in due[a.id] and not i.cancelled:
                lines.append(DueLine(
                    agreement_id=a.id, customer=a.customer.display_name, phone=_phone(a.customer), due=i.due,
                    number=i.number, amount=i.amount, owed=i.owed, vehicle=a.vehicle.description,
                ))
        say(n, total)
    lines.sort(key=lambda l: (l.due, l.customer.casefold(), l.agreement_id, l.number))
    return DueThisWeek(monday, sunday, tuple(lines))


# -- statement --------------------------------------------------------------------------------


def _address(c: Customer) -> str:
    return ", ".join(address_of(c).splitlines())


def statement(actor: Actor, agreement_id: int, as_of: dt.date | None = None) -> Statement:
    """Every entry of one agreement with the running balance (what settles it):
    the price on the agreement, the down payment, each payment, void, late fee,
    fee waiver, the return and any goodwill refund, in the order they happened."""
    require_role(actor, Role.CLERK, "print a customer's statement")
    if isinstance(agreement_id, bool) or not isinstance(agreement_id, int):
        raise InvalidInput("Choose an agreement by its number or the customer's name.")
    agreement = (
        Agreement.select(Agreement, Customer, Vehicle).join(Customer).switch(Agreement).join(Vehicle)
        .where(Agreement.id == agreement_id).first()
    )
    if agreement is None:
        raise NotFound(f"There is no agreement number {agreement_id}.")
    names = _clerk_names()
    entries = list(LedgerEntry.select().where(LedgerEntry.agreement == agreement.id).order_by(LedgerEntry.id))
    last_day = max([e.entry_date for e in entries], default=agreement.opened_on)
    as_of = max(_day(as_of or clock().date(), "day"), last_day, agreement.opened_on)
    ledger = load_ledger(agreement)
    state = ledger.state(as_of)
    by_id = {e.id: e for e in entries}

    # (day, order within the day, tie, line without balance): fees are charged at the
    # start of their day, before that day's entries; the price opens the agreement.
    events: list[tuple[dt.date, int, int, dict]] = []
    schedule_total = sum(i.amount for i in ledger.schedule)
    price = schedule_total + agreement.down_payment
    events.append((agreement.opened_on, -1, 0, dict(
        what=f"Agreement opened: {agreement.number_of_payments} payments of "
             f"{format_money(agreement.payment_amount)}"
             + (f" after {format_money(agreement.down_payment)} down" if agreement.down_payment else ""),
        charge=price,
    )))
    # Brought over from another system: its down payment was received there (no entry of its own here).
    down_before = agreement.down_payment if agreement.source_id and not any(
        e.kind == EntryKind.DOWN_PAYMENT.value for e in entries) else 0
    if down_before:
        events.append((agreement.opened_on, -1, 1, dict(
            what="Down payment, received before these books", credit=down_before)))
    brought_over = {e.installment_number for e in entries if e.kind == EntryKind.OPENING_FEE.value}
    for i in state.installments:
        if i.fee > 0 and i.fee_on is not None:
            events.append((i.fee_on, 0, i.number, dict(
                what="Late fees owed when brought over from the previous system" if i.number in brought_over
                else f"Late fee: payment {i.number} due {i.due:%b} {i.due.day}, {i.due.year}", charge=i.fee,
            )))
    for e in entries:
        kind = EntryKind(e.kind)
        clerk = names.get(e.clerk_id, "")
        line: dict = dict(clerk=clerk)
        if kind is EntryKind.PAYMENT:
            line.update(what="Payment", receipt=e.receipt_number, method=_method_label(e.method), credit=e.amount)
        elif kind is EntryKind.DOWN_PAYMENT:
            line.update(what="Down payment", receipt=e.receipt_number, method=_method_label(e.method), credit=e.amount)
        elif kind is EntryKind.VOID:
            o = by_id.get(e.reverses_id)
            number = o.receipt_number if o is not None else None
            line.update(what=f"Void of receipt {number}: {e.reason}" if e.reason else f"Void of receipt {number}",
                        receipt=number, charge=e.amount)
        elif kind is EntryKind.FEE_WAIVER:
            before = Ledger(ledger.schedule, ledger.policy, tuple(x for x in ledger.entries if x.id < e.id))
            after = Ledger(ledger.schedule, ledger.policy, tuple(x for x in ledger.entries if x.id <= e.id))
            waived = before.state(e.entry_date).payoff - after.state(e.entry_date).payoff
            line.update(what=f"Late fee waived on payment {e.installment_number}" + (f": {e.reason}" if e.reason else ""),
                        credit=waived)
        elif kind is EntryKind.RETURN:
            line.update(what="Vehicle returned: nothing more is owed", credit=None, settle=True)
        elif kind is EntryKind.REFUND:
            line.update(what=f"Goodwill refund paid to the customer: {format_money(e.amount)}"
                             + (f" ({e.reason})" if e.reason else ""), method=_method_label(e.method))
        elif kind is EntryKind.OPENING:
            line.update(what="Paid toward the payments before these books (brought over from the previous system)",
                        credit=e.amount)
        elif kind is EntryKind.PAST_PAYMENT:
            line.update(what="Payment, received before these books", method=_method_label(e.method),
                        credit=e.amount)
        elif kind is EntryKind.OPENING_FEE:
            continue  # charged above, as a fee on its installment
        events.append((e.entry_date, 1, e.id, line))
    events.sort(key=lambda ev: (ev[0], ev[1], ev[2]))
    balance = 0
    lines: list[StatementLine] = []
    for on, _order, _tie, line in events:
        if line.get("settle"):
            line["credit"] = balance if balance else None
        balance += (line.get("charge") or 0) - (line.get("credit") or 0)
        lines.append(StatementLine(
            on=on, what=line["what"], receipt_number=line.get("receipt"), method=line.get("method", ""),
            clerk=line.get("clerk", ""), charge=line.get("charge"), credit=line.get("credit"), balance=balance,
        ))
    c = agreement.customer
    return Statement(
        agreement_id=agreement.id, customer=c.display_name, phone=_phone(c), address=_address(c),
        vehicle=agreement.vehicle.description, status=state.status.label, opened_on=agreement.opened_on, as_of=as_of,
        lines=tuple(lines), payoff=state.payoff,
        paid=state.paid_in + down_before,
        installments_paid=state.installments_paid, number_of_payments=state.number_of_payments,
        next_due=state.next_due, next_due_amount=state.next_due_amount, amount_due_now=state.amount_due_now,
    )


def agreement_choices(actor: Actor) -> list[tuple[int, str]]:
    """(agreement id, words) of every agreement, newest first, to pick one for a statement:
    ``12 · María García · 2014 Honda Accord · Active``."""
    require_role(actor, Role.CLERK, "print a customer's statement")
    labels = {s.value: s.label for s in Status}
    query = (
        Agreement.select(Agreement.id, Agreement.status, Customer, Vehicle)
        .join(Customer).switch(Agreement).join(Vehicle)
        .order_by(Agreement.id.desc())
    )
    return [
        (a.id, f"{a.id} · {a.customer.display_name} · {a.vehicle.description} · {labels.get(a.status, a.status)}")
        for a in query
    ]


# -- portfolio ------------------------------------------------------------------------------------


def portfolio(
    actor: Actor, weeks: int = 13, as_of: dt.date | None = None, progress: Progress | None = None
) -> Portfolio:
    """Agreements by status, the receivable (payoffs of the active ones), how late
    they run on average, and money collected this week, this month and in each of
    the last ``weeks`` weeks (Monday to Sunday, the week of ``as_of`` last). For a
    manager or the owner."""
    require_role(actor, Role.MANAGER, "see the portfolio")
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise InvalidInput("The number of weeks is a whole number, such as 13.")
    if not 1 <= weeks <= MAX_PORTFOLIO_WEEKS:
        raise InvalidInput(f"Choose from 1 to {MAX_PORTFOLIO_WEEKS} weeks for the chart.")
    as_of = _day(as_of or clock().date(), "day")
    say = progress or _no_progress
    counts = {s.value: 0 for s in Status}
    for status, n in Agreement.select(Agreement.status, fn.COUNT(Agreement.id)).group_by(Agreement.status).tuples():
        counts[status] = n
    agreements = _active_agreements()
    total = len(agreements)
    say(0, total)
    receivable = past_due = late = days = 0
    for n, a in enumerate(agreements, start=1):
        state = load_ledger(a).state(max(as_of, a.opened_on))
        receivable += state.payoff
        past_due += state.past_due
        late += state.days_late > 0
        days += state.days_late
        say(n, total)
    first = week_start(as_of) - dt.timedelta(weeks=weeks - 1)
    month_start = as_of.replace(day=1)
    by_day = _collected_by_day(min(first, month_start), as_of)
    rows = []
    for k in range(weeks):
        monday = first + dt.timedelta(weeks=k)
        inside = [v for d, v in by_day.items() if monday <= d <= monday + dt.timedelta(days=6)]
        rows.append(WeekCollected(monday, sum(v[0] for v in inside), sum(v[1] for v in inside)))
    return Portfolio(
        as_of=as_of,
        active=counts[Status.ACTIVE.value],
        paid_off=counts[Status.PAID_OFF.value],
        returned=counts[Status.RETURNED.value],
        receivable=receivable,
        past_due=past_due,
        late=late,
        average_days_late=Fraction(days, total) if total else Fraction(0),
        this_week=sum(v[1] for d, v in by_day.items() if week_start(as_of) <= d <= as_of),
        this_month=sum(v[1] for d, v in by_day.items() if month_start <= d <= as_of),
        weeks=tuple(rows),
    )


# -- receipt-number check -----------------------------------------------------------------------


def receipt_check(actor: Actor) -> ReceiptCheck:
    """Every receipt number on file: first and last, how many, any numbers missing,
    and each voided receipt with the reason and who approved it. For a manager or the owner."""
    require_role(actor, Role.MANAGER, "see the receipt-number check")
    numbers = [
        n for (n,) in LedgerEntry.select(LedgerEntry.receipt_number)
        .where(LedgerEntry.receipt_number.is_null(False))
        .order_by(LedgerEntry.receipt_number)
        .tuples()
    ]
    gaps: list[tuple[int, int]] = []
    if numbers and numbers[0] > 1:
        gaps.append((1, numbers[0] - 1))
    for a, b in zip(numbers, numbers[1:]):
        if b > a + 1:
            gaps.append((a + 1, b - 1))
    counter = Counter.get_or_none(Counter.name == "receipt")
    names = _clerk_names()
    original = LedgerEntry.alias()
    voids = (
        LedgerEntry.select(LedgerEntry, original, Agreement.id, Customer)
        .join(original, on=(LedgerEntry.reverses == original.id), attr="original")
        .switch(LedgerEntry)
        .join(Agreement)
        .join(Customer)
        .where(LedgerEntry.kind == EntryKind.VOID.value)
        .order_by(original.receipt_number)
    )
    voided = tuple(
        VoidedReceipt(
            receipt_number=v.original.receipt_number,
            paid_on=v.original.entry_date,
            customer=v.agreement.customer.display_name,
            amount=v.original.amount,
            voided_on=v.entry_date,
            reason=v.reason,
            approved_by=names.get(v.approved_by_id, "") if v.approved_by_id else "",
            voided_by=names.get(v.clerk_id, ""),
        )
        for v in voids
    )
    return ReceiptCheck(
        first=numbers[0] if numbers else None,
        last=numbers[-1] if numbers else None,
        count=len(numbers),
        counter=counter.value if counter else 0,
        gaps=tuple(gaps),
        voided=voided,
    )


# -- saving --------------------------------------------------------------------------------------


def _dealer():
    return dealer_header(load_settings())


def save_collections(folder: Path, report: Collections, *, at: dt.datetime | None = None) -> Path:
    return save_report_pdf(
        folder, collections_document(report, _dealer(), at or clock()),
        f"collections-{report.start:%Y%m%d}-{report.end:%Y%m%d}",
    )


def save_aging(folder: Path, report: Aging, *, at: dt.datetime | None = None) -> Path:
    return save_report_pdf(folder, aging_document(report, _dealer(), at or clock()), f"late-accounts-{report.as_of:%Y%m%d}")


def save_due_this_week(folder: Path, report: DueThisWeek, *, at: dt.datetime | None = None) -> Path:
    return save_report_pdf(folder, due_document(report, _dealer(), at or clock()), f"due-week-of-{report.start:%Y%m%d}")


def save_statement(folder: Path, report: Statement, *, at: dt.datetime | None = None) -> Path:
    return save_report_pdf(
        folder, statement_document(report, _dealer(), at or clock()),
        f"statement-agreement-{report.agreement_id}-{report.as_of:%Y%m%d}",
    )


def save_portfolio(folder: Path, report: Portfolio, *, at: dt.datetime | None = None) -> Path:
    return save_report_pdf(folder, portfolio_document(report, _dealer(), at or clock()), f"portfolio-{report.as_of:%Y%m%d}")


def save_receipt_check(folder: Path, report: ReceiptCheck, *, at: dt.datetime | None = None) -> Path:
    return save_report_pdf(folder, receipt_check_document(report, _dealer(), at or clock()), "receipt-check")
