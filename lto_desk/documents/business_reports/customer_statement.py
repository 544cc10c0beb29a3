"""The customer statement: every entry of one agreement with a running balance,
and what settles it today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...domain.money import format_money
from ..receipt import DealerHeader
from ..report_table import (
    Column,
    KeyFigures,
    Note,
    ReportDocument,
    ReportTable,
    day_text,
)

__all__ = [
    "StatementLine",
    "Statement",
    "statement_tables",
    "statement_figures",
    "statement_heading",
    "statement_document",
]


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
            Column("Receipt", "receipt", 0.6),
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
