"""What the New agreement dialog's boxes share: reading typed amounts and counts,
date fields, compact tables and the search fields' arrow keys."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QTableView, QWidget

from ..domain.errors import InvalidInput
from ..domain.money import Cents, format_money, parse_amount
from ..domain.text import quoted


def typed_amount(text: str, what: str, *, empty: str | None = None) -> Cents | None:
    """A typed amount in cents (zero allowed); None when empty unless ``empty`` is the message to give."""
    if not text.strip():
        if empty:
            raise InvalidInput(empty)
        return None
    try:
        return parse_amount(text, allow_zero=True)
    except InvalidInput as exc:
        raise InvalidInput(f"{what}: {exc.message}") from None


def typed_count(text: str) -> int:
    """The typed number of payments (a whole number; what it may be is the terms' rule)."""
    raw = text.strip().replace(",", "")
    if not raw:
        raise InvalidInput("Type the number of payments.")
    if not raw.isascii() or not raw.isdigit():
        raise InvalidInput(f"The number of payments is a whole number, like 104 (not “{quoted(text.strip())}”).")
    if len(raw) > 4:
        raise InvalidInput("That is too many payments; an agreement has at most a few hundred.")
    return int(raw)


def money_text(cents: Cents) -> str:
    """Cents as typed in a field: ``1045.00``."""
    return format_money(cents, symbol=False).replace(",", "")


def to_qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def to_date(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def html(s: str) -> str:
    """Text shown inside a rich-text label, its ``& < >`` kept as typed."""
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DateEdit(QDateEdit):
    """A date field that Tab leaves (a plain QDateEdit tabs through weekday, month,
    day and year first); ← → still move between the parts."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt API)
        return QWidget.focusNextPrevChild(self, next)


class ArrowKeys(QObject):
    """Up/Down in a search field move the selection in its table (focus stays in the
    field); Enter takes the top match when none is chosen and goes on to ``then``
    (rather than pressing the dialog's Start button)."""

    def __init__(self, edit: QLineEdit, table: QTableView, then: QWidget) -> None:
        super().__init__(edit)
        self.table, self.then = table, then
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.KeyPress:
            return False
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if self.table.model().rowCount():
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                self.then.setFocus(Qt.TabFocusReason)
            return True
        if event.key() in (Qt.Key_Up, Qt.Key_Down):
            count = self.table.model().rowCount()
            if count:
                current = self.table.currentIndex().row()
                step = 1 if event.key() == Qt.Key_Down else -1
                row = 0 if current < 0 else min(max(current + step, 0), count - 1)
                self.table.selectRow(row)
            return True
        return False


def rows_tall(table: QTableView, rows: int) -> None:
    """Compact rows; with ``rows``, the table is that many rows tall (plus its header).

    Tab passes the table by: its search field's ↑ ↓ choose in it (a click works too)."""
    table.setTabKeyNavigation(False)
    table.setFocusPolicy(Qt.ClickFocus)
    row = table.fontMetrics().height() + 8
    table.verticalHeader().setDefaultSectionSize(row)
    if rows:
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows * row + 2 * table.frameWidth())


def two_lines(label: QLabel) -> None:
    """A wrapping label that always keeps room for two lines (a wrapped label in a
    scroll area is otherwise given one line and drawn over what is above it)."""
    label.setWordWrap(True)
    label.setMinimumHeight(2 * label.fontMetrics().lineSpacing() + 4)
    label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
