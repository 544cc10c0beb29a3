"""The business reports: daily collections, late accounts by age, payments due this
week, a customer statement, the portfolio and the receipt-number check.

Each report is a frozen dataclass of plain values (the services in
:mod:`lto_desk.services.business_reports` fill it from the database). From it
come the tables the window shows and exports (``*_tables``), a few key figures
(``*_figures``) and the printed report (``*_document`` → :func:`render_report`);
the PDF is built from the very tables the screen shows, so the two agree.

Layer: plain data in, ReportLab out (through :mod:`.report_table`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from ..domain.money import format_money
from .receipt import DealerHeader
from .relationship_reports import period_text
from .report_table import (
    Bar,
    BarChart,
    Column,
    KeyFigures,
    Note,
    ReportDocument,
    ReportTable,
    SideBySide,
    day_text,
)

__all__ = [
    "AGE_BUCKETS",
    "MoneyGroup",
    "MoneyLine",
    "Collections",
    "collections_tables",
    "collections_figures",
    "collections_document",
    "LateAccount",
    "AgeBucket",
    "Aging",
    "aging_tables",
    "aging_figures",
    "aging_document",
    "DueLine",
    "DueThisWeek",
    "due_tables",
    "due_figures",
    "due_document",
    "StatementLine",
    "Statement",
    "statement_tables",
    "statement_figures",
    "statement_document",
    "WeekCollected",
    "Portfolio",
    "portfolio_chart",
    "portfolio_tables",
    "portfolio_figures",
    "portfolio_document",
    "VoidedReceipt",
    "ReceiptCheck",
    "receipt_check_tables",
    "receipt_check_figures",
    "receipt_check_document",
    "days_text",
]

#: The age buckets of the late-accounts report: (words, fewest days late, most days late or None).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1–7 days", 1, 7),
    ("8–14 days", 8, 14),
    ("15–30 days", 15, 30),
    ("31–60 days", 31, 60),
    ("Over 60 days", 61, None),
)


def days_text(value: Fraction | int) -> str:
    """``3.5 days``: days to one decimal (half up), ``1 day`` for exactly one."""
    tenths = int(Fraction(value) * 10 + Fraction(1, 2))
    words = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"
    return f"{words} day" if tenths == 10 else f"{words} days"


# -- daily collections ----------------------------------------------------------------


@dataclass(frozen=True)
class MoneyLine:
    """One money entry of the period.

    Attributes:
        entry_id: its ledger entry; receipt_number: the receipt (None for a void or refund).
        at: when it was posted; on: the business day.
        kind: "Payment", "Down payment", "Void" or "Refund".
        customer, agreement_id: whose money.
        method: how it was paid ("Cash"); a void takes the method of the payment it voids.
        clerk: who took it (a void: who voided it); approved_by: the manager (voids, refunds).
        amount: cents, always positive; ``signed`` is what it adds to the period.
        reason: for a void or refund; voids_receipt: the receipt a void cancels.
    """

    entry_id: int
    receipt_number: int | None
    at: dt.datetime
    on: dt.date
    kind: str
    customer: str
    agreement_id: int
    method: str
    clerk: str
    amount: int
    approved_by: str = ""
    reason: str = ""
    voids_receipt: int | None = None

    @property
    def signed(self) -> int:
        return -self.amount if self.kind in ("Void", "Refund") else self.amount


@dataclass(frozen=True)
class MoneyGroup:
    """Money received in one group (a method or a clerk): payments and down payments,
    the voids of them posted in the period, and what that leaves."""

    name: str
    received_count: int
    received: int
    voided_count: int
    voided: int

    @property
    def net(self) -> int:
        return self.received - self.voided


@dataclass(frozen=True)
class Collections:
    """Money taken from ``start`` to ``end`` (both days counted).

    Attributes:
        by_method, by_clerk: one group each, most collected first.
        lines: every payment, down payment and void of the period, in posting order.
        refunds: goodwill refunds paid out in the period (shown apart, not netted).
    """

    start: dt.date
    end: dt.date
    by_method: tuple[MoneyGroup, ...]
    by_clerk: tuple[MoneyGroup, ...]
    lines: tuple[MoneyLine, ...]
    refunds: tuple[MoneyLine, ...]

    @property
    def received(self) -> int:
        return sum(g.received for g in self.by_method)

    @property
    def received_count(self) -> int:
        return sum(g.received_count for g in self.by_method)

    @property
    def voided(self) -> int:
        return sum(g.voided for g in self.by_method)

    @property
    def voided_count(self) -> int:
        return sum(g.voided_count for g in self.by_method)

    @property
    def net(self) -> int:
        return self.received - self.voided

    @property
    def refunded(self) -> int:
        return sum(r.amount for r in self.refunds)


_NO_MONEY = "No payments were taken in this period."


def _group_table(name: str, first: str, groups: tuple[MoneyGroup, ...], c: Collections) -> ReportTable:
    return ReportTable(
        name=name,
        title=name,
        columns=(
            Column(first, width=1.5),
            Column("Payments", "count", 0.8),
            Column("Received", "money", 1.0),
            Column("Voids", "count", 0.6),
            Column("Voided", "money", 0.9),
            Column("Collected", "money", 1.0),
        ),
        rows=tuple((g.name, g.received_count, g.received, g.voided_count, g.voided, g.net) for g in groups),
        totals=("", c.received_count, c.received, c.voided_count, c.voided, c.net),
        empty_text=_NO_MONEY,
        summary=True,
    )


def collections_tables(c: Collections) -> tuple[ReportTable, ...]:
    """By method and by clerk (summaries), each entry, and refunds paid out."""
    each = ReportTable(
        name="Each entry",
        title="Each payment and void",
        columns=(
            Column("Posted", "datetime", 1.95),
            Column("Receipt", "count", 0.65),
            Column("What", width=1.1),
            Column("Customer", width=1.4),
            Column("Method", width=0.8),
            Column("Clerk", width=1.0),
            Column("Amount", "money", 0.9),
        ),
        rows=tuple(
            (
                l.at,
                l.receipt_number if l.receipt_number is not None else l.voids_receipt,
                f"Void of receipt {l.voids_receipt}" if l.kind == "Void" else l.kind,
                l.customer,
                l.method,
                l.clerk,
                l.signed,
            )
            for l in c.lines
        ),
        totals=("", None, "", "", "", "", c.net),
        empty_text=_NO_MONEY,
    )
    refunds = ReportTable(
        name="Refunds",
        title="Goodwill refunds paid out",
        columns=(
            Column("Posted", "datetime", 1.6),
            Column("Customer", width=1.4),
            Column("Reason", width=2.0),
            Column("Approved by", width=1.0),
            Column("Clerk", width=1.0),
            Column("Amount", "money", 0.9),
        ),
        rows=tuple((r.at, r.customer, r.reason, r.approved_by, r.clerk, r.amount) for r in c.refunds),
        totals=("", "", "", "", "", c.refunded),
        empty_text="No goodwill refunds were paid out in this period.",
    )
    return (
        _group_table("By method", "Method", c.by_method, c),
        _group_table("By clerk", "Clerk", c.by_clerk, c),
        each,
        refunds,
    )


def collections_figures(c: Collections) -> KeyFigures:
    return KeyFigures(
        (
            ("Collected", format_money(c.net)),
            ("Payments", f"{c.received_count}"),
            ("Voided", f"{format_money(c.voided)} ({c.voided_count})" if c.voided_count else "None"),
            ("Refunds paid out", format_money(c.refunded) if c.refunds else "None"),
        )
    )


def collections_document(c: Collections, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    by_method, by_clerk, each, refunds = collections_tables(c)
    blocks: tuple = (
        collections_figures(c),
        by_method,
        by_clerk,
        Note(
            "Collected is what was received (payments and down payments) less the voids posted in "
            "the period; a void counts on the day it was posted, under the method and clerk of the "
            "payment it cancels. Goodwill refunds are listed apart."
        ),
        each,
        refunds,
    )
    return ReportDocument(dealer, "Daily collections", period_text(c.start, c.end), printed_at, blocks)


# -- late accounts by age ------------------------------------------------------------------


@dataclass(frozen=True)
class LateAccount:
    """One active agreement with an installment past its due date.

    Attributes:
        bucket: the words of its age bucket ("8–14 days").
        past_due: owed on installments due before today (fees not included).
        fees: late fees open; payoff: what settles the agreement today.
        last_touch: the last time the customer was in touch (None if never).
    """

    agreement_id: int
    customer_id: int
    customer: str
    phone: str
    vehicle: str
    bucket: str
    days_late: int
    oldest_due: dt.date | None
    past_due: int
    fees: int
    payoff: int
    last_touch: dt.datetime | None


@dataclass(frozen=True)
class AgeBucket:
    words: str
    accounts: int
    past_due: int
    fees: int
    payoff: int


@dataclass(frozen=True)
class Aging:
    """Late accounts as of ``as_of``: the buckets (all five, even when empty) and each
    account, most days late first."""

    as_of: dt.date
    buckets: tuple[AgeBucket, ...]
    accounts: tuple[LateAccount, ...]
    active: int

    @property
    def past_due(self) -> int:
        return sum(b.past_due for b in self.buckets)

    @property
    def fees(self) -> int:
        return sum(b.fees for b in self.buckets)

    @property
    def payoff(self) -> int:
        return sum(b.payoff for b in self.buckets)


_NONE_LATE = "No account is late. Every active agreement is paid up to its last due date."


def aging_tables(a: Aging) -> tuple[ReportTable, ...]:
    n = len(a.accounts)
    buckets = ReportTable(
        name="By age",
        title="By days late",
        columns=(
            Column("Days late", width=1.1),
            Column("Accounts", "count", 0.8),
            Column("Past due", "money", 1.0),
            Column("Late fees", "money", 0.9),
            Column("Payoff", "money", 1.1),
        ),
        rows=tuple((b.words, b.accounts, b.past_due, b.fees, b.payoff) for b in a.buckets),
        totals=("", n, a.past_due, a.fees, a.payoff),
        summary=True,
    )
    accounts = ReportTable(
        name="Late accounts",
        title="Each late account",
        columns=(
            Column("Age", width=0.75),
            Column("Customer", width=1.3),
            Column("Phone", width=1.0),
            Column("Vehicle", width=1.35),
            Column("Days late", "count", 0.55),
            Column("Past due", "money", 0.8),
            Column("Late fees", "money", 0.7),
            Column("Payoff", "money", 0.9),
            Column("Last touch", "date", 0.85),
        ),
        rows=tuple(
            (
                x.bucket, x.customer, x.phone, x.vehicle, x.days_late, x.past_due, x.fees, x.payoff,
                x.last_touch.date() if x.last_touch else None,
            )
            for x in a.accounts
        ),
        totals=("", "", "", "", None, a.past_due, a.fees, a.payoff, None),
        empty_text=_NONE_LATE,
    )
    return buckets, accounts


def aging_figures(a: Aging) -> KeyFigures:
    return KeyFigures(
        (
            ("Late accounts", f"{len(a.accounts)} of {a.active} active"),
            ("Past due", format_money(a.past_due)),
            ("Late fees open", format_money(a.fees)),
            ("Over 30 days late", f"{sum(1 for x in a.accounts if x.days_late > 30)}"),
        )
    )


def aging_document(a: Aging, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    buckets, accounts = aging_tables(a)
    chart = BarChart(
        "Past due by days late",
        tuple(Bar(b.words, b.past_due, format_money(b.past_due)) for b in a.buckets),
        empty_text=_NONE_LATE,
    )
    blocks: tuple = (
        aging_figures(a),
        SideBySide(buckets, chart),
        accounts,
        Note(
            "Days late count from the oldest installment still unpaid. Past due leaves out late fees; "
            "the payoff is what settles the agreement today. A call is a reminder, never a threat."
        ),
    )
    return ReportDocument(dealer, "Late accounts by age", f"As of {day_text(a.as_of)}", printed_at, blocks, landscape=True)


# -- payments due this week -------------------------------------------------------------------


@dataclass(frozen=True)
class DueLine:
    """One installment due in the week. ``owed``: what is still unpaid of it today
    (0 when the customer has already paid it)."""

    agreement_id: int
    customer: str
    phone: str
    due: dt.date
    number: int
    amount: int
    owed: int
    vehicle: str


@dataclass(frozen=True)
class DueThisWeek:
    """Installments of active agreements due from Monday ``start`` to Sunday ``end``."""

    start: dt.date
    end: dt.date
    lines: tuple[DueLine, ...]

    @property
    def amount(self) -> int:
        return sum(l.amount for l in self.lines)

    @property
    def owed(self) -> int:
        return sum(l.owed for l in self.lines)

    @property
    def paid_ahead(self) -> int:
        return sum(1 for l in self.lines if l.owed == 0)


def due_tables(d: DueThisWeek) -> tuple[ReportTable, ...]:
    table = ReportTable(
        name="Due this week",
        title="Payments due",
        columns=(
            Column("Due", "date", 0.85),
            Column("Customer", width=1.4),
            Column("Phone", width=1.0),
            Column("Vehicle", width=1.4),
            Column("Payment", "count", 0.6),
            Column("Amount", "money", 0.85),
            Column("Still owed", "money", 0.85),
        ),
        rows=tuple((l.due, l.customer, l.phone, l.vehicle, l.number, l.amount, l.owed) for l in d.lines),
        totals=("", "", "", "", None, d.amount, d.owed),
        empty_text="No payment falls due this week.",
    )
    return (table,)


def due_figures(d: DueThisWeek) -> KeyFigures:
    return KeyFigures(
        (
            ("Payments due", f"{len(d.lines)}"),
            ("Amount due", format_money(d.amount)),
            ("Still to collect", format_money(d.owed)),
            ("Already paid", f"{d.paid_ahead}"),
        )
    )


def due_document(d: DueThisWeek, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    (table,) = due_tables(d)
    return ReportDocument(
        dealer,
        "Payments due this week",
        f"Monday to Sunday, {period_text(d.start, d.end)}",
        printed_at,
        (
            due_figures(d),
            table,
            Note("Still owed is what is unpaid of the installment today; a customer who paid ahead shows $0.00."),
        ),
    )


# -- customer statement ----------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    """One line of the statement: ``charge`` adds to what is owed, ``credit`` takes from it;
    ``balance`` is what is owed after it."""

    on: dt.date
    what: str
    receipt_number: int | None
    method: str
    clerk: str
    charge: int | None
    credit: int | None
    balance: int


@dataclass(frozen=True)
class Statement:
    """Every entry of one agreement, with a running balance; ``payoff`` is the balance today."""

    agreement_id: int
    customer: str
    phone: str
    address: str
    vehicle: str
    status: str
    opened_on: dt.date
    as_of: dt.date
    lines: tuple[StatementLine, ...]
    payoff: int
    paid: int
    installments_paid: int
    number_of_payments: int
    next_due: dt.date | None
    next_due_amount: int
    amount_due_now: int

    @property
    def charges(self) -> int:
        return sum(l.charge or 0 for l in self.lines)

    @property
    def credits(self) -> int:
        return sum(l.credit or 0 for l in self.lines)


def statement_tables(s: Statement) -> tuple[ReportTable, ...]:
    table = ReportTable(
        name="Statement",
        title="Every entry",
        columns=(
            Column("Date", "date", 0.85),
            Column("Entry", width=3.2),
            Column("Receipt", "count", 0.6),
            Column("Method", width=0.7),
            Column("Clerk", width=0.75),
            Column("Charges", "money", 0.85),
            Column("Credits", "money", 0.85),
            Column("Balance", "money", 0.9),
        ),
        rows=tuple((l.on, l.what, l.receipt_number, l.method, l.clerk, l.charge, l.credit, l.balance) for l in s.lines),
        totals=("", "", None, "", "", s.charges, s.credits, s.payoff),
        empty_text="This agreement has no entries yet.",
    )
    return (table,)


def statement_figures(s: Statement) -> KeyFigures:
    if s.status == "Active":
        return KeyFigures(
            (
                ("Payoff today", format_money(s.payoff)),
                ("Due now", format_money(s.amount_due_now)),
                (f"Next payment, {day_text(s.next_due)}" if s.next_due else "Next payment",
                 format_money(s.next_due_amount) if s.next_due else "—"),
                ("Payments made", f"{s.installments_paid} of {s.number_of_payments}"),
            )
        )
    return KeyFigures(
        (
            ("Status", s.status),
            ("Paid in all", format_money(s.paid)),
            ("Payments made", f"{s.installments_paid} of {s.number_of_payments}"),
        )
    )


def statement_heading(s: Statement) -> str:
    return f"Agreement {s.agreement_id} · {s.customer} · {s.vehicle}"


def statement_document(s: Statement, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    (table,) = statement_tables(s)
    who = " · ".join(
        x for x in (s.customer, s.address.replace("\n", ", "), s.phone, f"agreement opened {day_text(s.opened_on)}")
        if x.strip()
    )
    return ReportDocument(
        dealer,
        "Customer statement",
        f"Agreement {s.agreement_id} · {s.vehicle} · as of {day_text(s.as_of)}",
        printed_at,
        (
            Note(who),
            statement_figures(s),
            table,
            Note(
                "The balance is what settles the agreement: the installments still unpaid and any late "
                "fee still open. A voided payment is added back on the day it was voided. "
                "Questions? Call or stop by the counter; we are glad to go through it with you."
            ),
        ),
    )


# -- portfolio ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCollected:
    """Money collected in one week (Monday ``week_start`` to Sunday): received less voids."""

    week_start: dt.date
    payments: int
    collected: int


@dataclass(frozen=True)
class Portfolio:
    """The business at a glance on ``as_of``.

    Attributes:
        active, paid_off, returned: agreements by status.
        receivable: the sum of the payoffs of the active agreements.
        past_due: of it, owed on installments past their due date.
        late: active agreements with something past due.
        average_days_late: over every active agreement (0 for one paid up), exact.
        this_week, this_month: collected from Monday / the 1st up to ``as_of``.
        weeks: collected each week, oldest first, the week of ``as_of`` last.
    """

    as_of: dt.date
    active: int
    paid_off: int
    returned: int
    receivable: int
    past_due: int
    late: int
    average_days_late: Fraction
    this_week: int
    this_month: int
    weeks: tuple[WeekCollected, ...]

    @property
    def total(self) -> int:
        return self.active + self.paid_off + self.returned

    @property
    def collected(self) -> int:
        return sum(w.collected for w in self.weeks)


def _week_label(monday: dt.date) -> str:
    return f"{monday:%b} {monday.day}"


def portfolio_chart(p: Portfolio) -> BarChart:
    """Collected each week, as bars (the same chart on screen and on paper)."""

    def short(cents: int) -> str:
        dollars = cents // 100
        return f"${dollars / 1000:.1f}k" if dollars >= 10_000 else f"${dollars:,}"

    return BarChart(
        "Collected each week",
        tuple(Bar(_week_label(w.week_start), max(w.collected, 0), short(w.collected)) for w in p.weeks),
        horizontal=False,
        height=170,
        empty_text="Nothing was collected in these weeks.",
    )


def portfolio_tables(p: Portfolio) -> tuple[ReportTable, ...]:
    status = ReportTable(
        name="Agreements",
        title="Agreements",
        columns=(Column("Status", width=1.4), Column("Agreements", "count", 0.9), Column("Receivable", "money", 1.1)),
        rows=(("Active", p.active, p.receivable), ("Paid off", p.paid_off, None), ("Returned", p.returned, None)),
        totals=("", p.total, p.receivable),
        summary=True,
    )
    weeks = ReportTable(
        name="By week",
        title="Collected by week",
        columns=(
            Column("Week of (Monday)", "date", 1.3),
            Column("Payments", "count", 0.8),
            Column("Collected", "money", 1.1),
        ),
        rows=tuple((w.week_start, w.payments, w.collected) for w in p.weeks),
        totals=("", sum(w.payments for w in p.weeks), p.collected),
        empty_text="No weeks to show.",
    )
    return status, weeks


def portfolio_figures(p: Portfolio) -> KeyFigures:
    return KeyFigures(
        (
            ("Active agreements", f"{p.active}"),
            ("Receivable", format_money(p.receivable)),
            ("Average days late", days_text(p.average_days_late)),
            ("Collected this week", format_money(p.this_week)),
            ("Collected this month", format_money(p.this_month)),
        )
    )


def portfolio_document(p: Portfolio, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    status, weeks = portfolio_tables(p)
    n = len(p.weeks)
    period = f"As of {day_text(p.as_of)}"
    return ReportDocument(
        dealer,
        "Portfolio",
        period,
        printed_at,
        (
            portfolio_figures(p),
            portfolio_chart(p),
            SideBySide(
                status,
                Note(
                    f"{p.late} of the {p.active} active agreements have something past due "
                    f"({format_money(p.past_due)} in all). Receivable is what would settle every active "
                    f"agreement today. Paid off: {p.paid_off}; returned: {p.returned}. The chart and the "
                    f"table cover the last {n} week{'s' if n != 1 else ''} (weeks start on Monday); "
                    "collected is what was received less voids."
                ),
            ),
            weeks,
        ),
        landscape=True,
    )


# -- receipt-number check ---------------------------------------------------------------------


@dataclass(frozen=True)
class VoidedReceipt:
    receipt_number: int
    paid_on: dt.date
    customer: str
    amount: int
    voided_on: dt.date
    reason: str
    approved_by: str
    voided_by: str


@dataclass(frozen=True)
class ReceiptCheck:
    """Every receipt number on file.

    Attributes:
        first, last: the lowest and highest number (None when there are none).
        count: receipts on file; counter: where the receipt counter stands.
        gaps: (first missing, last missing) runs of numbers never used.
        voided: each voided receipt, in number order.
    """

    first: int | None
    last: int | None
    count: int
    counter: int
    gaps: tuple[tuple[int, int], ...]
    voided: tuple[VoidedReceipt, ...]

    @property
    def missing(self) -> int:
        return sum(b - a + 1 for a, b in self.gaps)

    @property
    def sound(self) -> bool:
        return not self.gaps and self.counter == (self.last or 0) and self.first in (None, 1)


def receipt_check_tables(r: ReceiptCheck) -> tuple[ReportTable, ...]:
    gaps = ReportTable(
        name="Gaps",
        title="Numbers missing",
        columns=(Column("From", "count", 0.8), Column("To", "count", 0.8), Column("How many", "count", 0.8)),
        rows=tuple((a, b, b - a + 1) for a, b in r.gaps),
        totals=(None, None, r.missing),
        empty_text=(
            f"No gaps: every number from {r.first} to {r.last} is used once." if r.count
            else "No receipt has been printed yet."
        ),
        summary=True,
    )
    voided = ReportTable(
        name="Voided receipts",
        title="Voided receipts",
        columns=(
            Column("Receipt", "count", 0.6),
            Column("Paid on", "date", 0.85),
            Column("Customer", width=1.3),
            Column("Amount", "money", 0.85),
            Column("Voided on", "date", 0.85),
            Column("Reason", width=2.8),
            Column("Approved by", width=0.95),
            Column("Voided by", width=0.9),
        ),
        rows=tuple(
            (v.receipt_number, v.paid_on, v.customer, v.amount, v.voided_on, v.reason, v.approved_by, v.voided_by)
            for v in r.voided
        ),
        totals=(None, None, "", sum(v.amount for v in r.voided), None, "", "", ""),
        empty_text="No receipt has been voided.",
    )
    return gaps, voided


def receipt_check_figures(r: ReceiptCheck) -> KeyFigures:
    return KeyFigures(
        (
            ("Receipts", f"{r.first:,}–{r.last:,}" if r.count else "None yet"),
            ("On file", f"{r.count:,}"),
            ("Missing numbers", f"{r.missing}" if r.gaps else "None"),
            ("Voided", f"{len(r.voided)}"),
        )
    )


def receipt_check_words(r: ReceiptCheck) -> str:
    if not r.count:
        return "No receipt has been printed yet."
    if r.sound:
        return f"All is in order: receipts 1 to {r.last} are each on file once, and the counter stands at {r.counter}."
    parts = []
    if r.gaps:
        parts.append(f"{r.missing} number{'s are' if r.missing != 1 else ' is'} missing (listed above)")
    if r.first not in (None, 1):
        parts.append(f"the first receipt is {r.first}, not 1")
    if r.counter != (r.last or 0):
        parts.append(f"the receipt counter stands at {r.counter} but the last receipt is {r.last}")
    return (
        "Please tell the owner: " + "; ".join(parts) + ". Receipts are never deleted, so a missing number "
        "means the database was changed outside LTO Desk; run lto-desk verify."
    )


def receipt_check_document(r: ReceiptCheck, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    gaps, voided = receipt_check_tables(r)
    return ReportDocument(
        dealer,
        "Receipt-number check",
        "Every receipt on file",
        printed_at,
        (receipt_check_figures(r), SideBySide(gaps, Note(receipt_check_words(r))), voided),
    )
