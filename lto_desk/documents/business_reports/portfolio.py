"""The portfolio report: the business at a glance (agreements by status, what is
receivable, days late) and what was collected each week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

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
    "days_text",
    "WeekCollected",
    "Portfolio",
    "portfolio_chart",
    "portfolio_tables",
    "portfolio_figures",
    "portfolio_document",
]


def days_text(value: Fraction | int) -> str:
    """``3.5 days``: days to one decimal (half up), ``1 day`` for exactly one."""
    tenths = int(Fraction(value) * 10 + Fraction(1, 2))
    words = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"
    return f"{words} day" if tenths == 10 else f"{words} days"


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
