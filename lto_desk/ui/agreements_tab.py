"""The agreements tab: every agreement the customer has had — active, paid off,
returned — with the one on the card marked; show another on the card, make its
letter again, print its summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from ..services.counter import AgreementLine
from .models import RowsModel
from .widgets import row_table

if TYPE_CHECKING:
    from .shown_customer import OnScreen


def _date(d) -> str:
    return f"{d:%b %d, %Y}" if d else ""


class AgreementsModel(RowsModel[AgreementLine]):
    columns = (
        ("Opened", lambda a: _date(a.opened_on), False),
        ("Vehicle", lambda a: a.vehicle, False),
        ("Stock", lambda a: a.stock_number, False),
        ("Status", lambda a: a.status, False),
        ("Closed", lambda a: _date(a.closed_on), False),
        ("Paid", lambda a: a.progress, True),
        ("Note", lambda a: a.note, False),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.shown: int | None = None

    def extra(self, row: AgreementLine, role: int):
        if role == Qt.FontRole and row.agreement_id == self.shown:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole and row.agreement_id == self.shown:
            return "This agreement is on the card."
        return None


class AgreementsPanel(QWidget):
    show_requested = Signal(int)  # agreement id
    letter_requested = Signal(int)
    summary_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AgreementsModel(self)
        self.table = row_table(self.model, "agreementsTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.summary_line = QLabel("")
        self.summary_line.setObjectName("agreementsSummary")
        self.show_button = QPushButton("Show on card")
        self.show_button.setObjectName("showAgreementButton")
        self.letter_button = QPushButton("Make letter again")
        self.letter_button.setObjectName("letterButton")
        self.letter_button.setToolTip("The thank-you, congratulations or return letter, as fits the agreement.")
        self.summary_button = QPushButton("Print agreement summary")
        self.summary_button.setObjectName("agreementSummaryButton")
        buttons = QHBoxLayout()
        for b in (self.show_button, self.letter_button, self.summary_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_line)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.doubleClicked.connect(lambda *_: self._emit(self.show_requested))
        self.show_button.clicked.connect(lambda: self._emit(self.show_requested))
        self.letter_button.clicked.connect(lambda: self._emit(self.letter_requested))
        self.summary_button.clicked.connect(lambda: self._emit(self.summary_requested))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_customer(self, shown: OnScreen) -> None:
        self.set_agreements(shown.card.agreements, shown.card.agreement_id)

    def set_agreements(self, rows: tuple[AgreementLine, ...], shown: int | None) -> None:
        self.model.shown = shown
        self.model.set_rows(rows)
        counts = {}
        for a in rows:
            counts[a.status] = counts.get(a.status, 0) + 1
        if not rows:
            self.summary_line.setText("No agreements yet.")
        else:
            parts = ", ".join(f"{n} {status.lower()}" for status, n in counts.items())
            self.summary_line.setText(f"{len(rows)} agreement{'s' if len(rows) != 1 else ''}: {parts}.")
        index = next((i for i, a in enumerate(rows) if a.agreement_id == shown), 0 if rows else None)
        if index is not None:
            self.table.selectRow(index)
        self._update_buttons()

    def selected(self) -> AgreementLine | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _emit(self, signal) -> None:
        row = self.selected()
        if row is not None:
            signal.emit(row.agreement_id)

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        for b in (self.letter_button, self.summary_button):
            b.setEnabled(row is not None)
        self.show_button.setEnabled(row is not None and row.agreement_id != self.model.shown)
