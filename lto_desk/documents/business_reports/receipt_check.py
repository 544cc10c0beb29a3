"""The receipt-number check: every receipt number on file, the gaps, the voided
receipts, and what to tell the owner when something is off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..receipt import DealerHeader, receipt_no
from ..report_table import (
    Column,
    KeyFigures,
    Note,
    ReportDocument,
    ReportTable,
    SideBySide,
)

__all__ = [
    "VoidedReceipt",
    "ReceiptCheck",
    "receipt_check_tables",
    "receipt_check_figures",
    "receipt_check_words",
    "receipt_check_document",
]


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
        columns=(Column("From", "receipt", 0.8), Column("To", "receipt", 0.8), Column("How many", "count", 0.8)),
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
            Column("Receipt", "receipt", 0.6),
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
            ("Receipts", f"{receipt_no(r.first)}–{receipt_no(r.last)}" if r.count else "None yet"),
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
