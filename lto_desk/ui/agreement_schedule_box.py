"""The New agreement dialog's "4. Schedule and totals" box: what the terms come to
(amount financed, payments, last payment, total, first and last due, late fee) and
every installment, worked out again as the terms are typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.money import format_money
from ..domain.terms import Frequency, Installment, Terms
from .agreement_fields import rows_tall
from .models import RowsModel
from .widgets import row_table


class ScheduleRows(RowsModel[Installment]):
    columns = (
        ("No.", lambda i: str(i.number), True),
        ("Due date", lambda i: f"{i.due:%a %b %d, %Y}", False),
        ("Amount", lambda i: format_money(i.amount), True),
    )


class ScheduleBox(QGroupBox):
    """The schedule the terms make, with their totals (a dash for each while the terms do not work)."""

    #: The fields the dialog also shows under these names.
    fields = ("schedule_model", "schedule_table", "totals")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("4. Schedule and totals", parent)
        self.schedule_model = ScheduleRows(self)
        self.schedule_table = row_table(self.schedule_model, "scheduleTable")
        self.schedule_table.setSelectionMode(QTableView.NoSelection)
        self.schedule_table.setFocusPolicy(Qt.NoFocus)
        rows_tall(self.schedule_table, 0)
        header = self.schedule_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        totals = QFormLayout()
        totals.setLabelAlignment(Qt.AlignLeft)
        self.totals: dict[str, QLabel] = {}
        for key, caption in (
            ("cash_price", "Cash price"),
            ("down", "Down payment"),
            ("financed", "Amount financed"),
            ("payments", "Payments"),
            ("last_payment", "Last payment"),
            ("total", "Total of payments"),
            ("first_due", "First due"),
            ("last_due", "Last due"),
            ("late_fee", "Late fee"),
        ):
            label = QLabel("—")
            label.setObjectName("total" + "".join(p.title() for p in key.split("_")))
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.setWordWrap(True)
            totals.addRow(caption, label)
            self.totals[key] = label
        self.totals["payments"].setStyleSheet("font-weight: 600;")
        self.totals["financed"].setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addLayout(totals)
        layout.addWidget(self.schedule_table, 1)

    def show_terms(self, terms: Terms | None) -> None:
        """The totals and the installments of ``terms``; dashes and no rows for None."""
        self._show_totals(terms)
        self.schedule_model.set_rows(terms.schedule() if terms else [])

    def _show_totals(self, terms: Terms | None) -> None:
        if terms is None:
            for label in self.totals.values():
                label.setText("—")
            return
        last = terms.last_payment_amount
        every = {
            Frequency.WEEKLY: "weekly",
            Frequency.BIWEEKLY: "every two weeks",
            Frequency.SEMI_MONTHLY: "twice a month",
            Frequency.MONTHLY: "monthly",
        }[terms.frequency]
        schedule = terms.schedule()
        values = {
            "cash_price": format_money(terms.cash_price),
            "down": format_money(terms.down_payment),
            "financed": format_money(terms.amount_financed),
            "payments": f"{terms.number_of_payments} × {format_money(terms.payment_amount)} {every}",
            "last_payment": format_money(last) + ("" if last == terms.payment_amount else "  (a little smaller, to come out even)"),
            "total": format_money(sum(i.amount for i in schedule)),
            "first_due": f"{schedule[0].due:%a %b %d, %Y}",
            "last_due": f"{schedule[-1].due:%a %b %d, %Y}",
            "late_fee": terms.late_fee.describe(),
        }
        for key, value in values.items():
            self.totals[key].setText(value)
