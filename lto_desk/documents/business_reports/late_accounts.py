"""The late accounts by age report: active agreements with an installment past due,
in five age buckets and account by account.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...domain.money import format_money
from ..receipt import DealerHeader
from ..report_table import (
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
    "LateAccount",
    "AgeBucket",
    "Aging",
    "aging_tables",
    "aging_figures",
    "aging_document",
]


#: The age buckets of the late-accounts report: (words, fewest days late, most days late or None).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1–7 days", 1, 7),
    ("8–14 days", 8, 14),
    ("15–30 days", 15, 30),
    ("31–60 days", 31, 60),
    ("Over 60 days", 61, None),
)


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
