"""Thin Qt table models over rows the services already built."""

from __future__ import annotations

from typing import Any, Callable, Generic, Sequence, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..domain.money import format_money
from ..services.counter import HistoryRow, LookupRow

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table of frozen rows; each column is (header, getter, align right)."""

    columns: Sequence[tuple[str, Callable[[Any], str], bool]] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        _header, getter, right = self.columns[index.column()]
        if role == Qt.DisplayRole:
            return getter(row)
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if right else Qt.AlignLeft) | Qt.AlignVCenter)
        return self.extra(row, role)

    def extra(self, row: T, role: int) -> Any:
        return None


#: The lookup's Name column also gives the kind of match ("name", "phone", "receipt"),
#: which its delegate (ui.lookup) draws at the cell's right end, never cut short.
MATCH_KIND_ROLE = Qt.UserRole + 1


class LookupModel(RowsModel[LookupRow]):
    columns = (
        ("Name", lambda r: r.name, False),
        ("Vehicle", lambda r: r.vehicle, False),
        ("Status", lambda r: r.status, False),
        ("Due now", lambda r: format_money(r.amount_due_now) if r.amount_due_now else "—", True),
    )

    def extra(self, row: LookupRow, role: int) -> Any:
        if role == MATCH_KIND_ROLE:
            return row.kind.value
        if role == Qt.ToolTipRole:
            return f"{row.name} — found by {row.matched or row.found_by}"
        return None


class HistoryModel(RowsModel[HistoryRow]):
    columns = (
        ("Receipt", lambda r: f"{r.receipt_number:06d}" if r.receipt_number else "", False),
        ("Date", lambda r: f"{r.posted_at:%b %d, %Y %I:%M %p}", False),
        ("What", lambda r: r.description + ("  — VOIDED" if r.voided else ""), False),
        ("Amount", lambda r: format_money(r.amount) if r.amount else "", True),
        ("Method", lambda r: r.method, False),
        ("Clerk", lambda r: r.clerk, False),
        ("Void reason", lambda r: r.void_reason, False),
    )

    def extra(self, row: HistoryRow, role: int) -> Any:
        if role == Qt.ForegroundRole and (row.voided or row.kind == "void"):
            return QColor("#8a8a8a")
        if role == Qt.ToolTipRole and row.voided:
            return f"Voided: {row.void_reason}"
        return None
