"""The payments due this week report: every installment of an active agreement due
from Monday to Sunday, and what is still owed of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...domain.money import format_money
from ..receipt import DealerHeader
from ..relationship_reports import period_text
from ..report_table import (
    Column,
    KeyFigures,
    Note,
    ReportDocument,
    ReportTable,
)

__all__ = [
    "DueLine",
    "DueThisWeek",
    "due_tables",
    "due_figures",
    "due_document",
]


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
