"""The payment history tab: receipts, voids visible; reprint (COPY) and void."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from ..services.counter import HistoryRow
from .models import HistoryModel
from .widgets import row_table

if TYPE_CHECKING:
    from .shown_customer import OnScreen


class HistoryPanel(QWidget):
    reprint_requested = Signal(int)  # receipt number
    void_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.table = row_table(self.model, "historyTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.reprint = QPushButton("Reprint receipt (Ctrl+P)")
        self.reprint.setObjectName("reprintButton")
        self.void = QPushButton("Void payment… (Alt+R, V)")
        self.void.setObjectName("voidButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint)
        buttons.addWidget(self.void)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reprint.clicked.connect(self._reprint)
        self.void.clicked.connect(self._void)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_customer(self, shown: OnScreen) -> None:
        self.set_rows(shown.card.history)

    def set_rows(self, rows: tuple[HistoryRow, ...]) -> None:
        self.model.set_rows(rows)
        first = next((i for i, r in enumerate(rows) if r.receipt_number), None)
        if first is not None:
            self.table.selectRow(first)
        self._update_buttons()

    def selected(self) -> HistoryRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_receipt(self, receipt_number: int) -> bool:
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).receipt_number == receipt_number:
                self.table.selectRow(i)
                return True
        return False

    def latest_receipt(self) -> int | None:
        row = self.selected()
        if row is not None and row.receipt_number:
            return row.receipt_number
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).receipt_number:
                return self.model.row_at(i).receipt_number
        return None

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        self.reprint.setEnabled(row is not None and bool(row.receipt_number))
        self.void.setEnabled(row is not None and bool(row.receipt_number) and not row.voided)

    def _reprint(self) -> None:
        number = self.latest_receipt()
        if number:
            self.reprint_requested.emit(number)

    def _void(self) -> None:
        row = self.selected()
        if row is not None and row.receipt_number and not row.voided:
            self.void_requested.emit(row.receipt_number)
