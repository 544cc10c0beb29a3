"""The daily collections report: money taken in a period, by method, by clerk and
entry by entry, with the voids netted and goodwill refunds listed apart.
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
    "MoneyLine",
    "MoneyGroup",
    "Collections",
    "collections_tables",
    "collections_figures",
    "collections_document",
]


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
            Column("Receipt", "receipt", 0.65),
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
