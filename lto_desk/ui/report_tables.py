"""A report's tables on screen: the read-only Qt model over a ReportTable, the proxy
that sorts it (numbers as numbers, dates as dates, totals last), and the section
that shows one table with its title."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ..documents.report_table import ReportTable, cell_text, sort_key
from .widgets import row_table

__all__ = ["ReportSortProxy", "ReportTableModel", "TableSection", "table_slug"]

Index = QModelIndex | QPersistentModelIndex


def table_slug(words: str) -> str:
    """A table's name as it goes into an object name or a file name ("late-accounts")."""
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or "table"


class ReportTableModel(QAbstractTableModel):
    """A read-only Qt model over one :class:`ReportTable`; its totals row is the last row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: ReportTable | None = None
        self._rows: list[tuple[object, ...]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self._rows = [] if table is None else list(table.rows)
        if table is not None and table.rows and table.totals is not None:
            totals = list(table.totals)
            if totals and totals[0] in (None, ""):
                totals[0] = "Total"
            self._rows.append(tuple(totals))
        self.endResetModel()

    def is_totals(self, row: int) -> bool:
        return (
            self.table is not None and self.table.totals is not None and bool(self.table.rows)
            and row == len(self._rows) - 1
        )

    def row_values(self, row: int) -> tuple[object, ...]:
        return self._rows[row]

    def key(self, row: int, column: int) -> tuple:
        assert self.table is not None
        return sort_key(self.table.columns[column], self._rows[row][column])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if self.table is None or orientation != Qt.Horizontal or not 0 <= section < len(self.table.columns):
            return None
        column = self.table.columns[section]
        if role == Qt.DisplayRole:
            return column.title
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if column.right else Qt.AlignLeft) | Qt.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if self.table is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.table.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.DisplayRole:
            return cell_text(column, value)
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if column.right else Qt.AlignLeft) | Qt.AlignVCenter)
        if role == Qt.FontRole and self.is_totals(index.row()):
            return self._bold
        if role == Qt.ToolTipRole:
            text = cell_text(column, value)
            return text if len(text) > 30 else None
        return None


class ReportSortProxy(QSortFilterProxyModel):
    """Sorts by what the values are (numbers as numbers, dates as dates), and keeps
    the totals row at the bottom whichever way a column is sorted."""

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 (Qt API)
        model = self.sourceModel()
        assert isinstance(model, ReportTableModel)
        ascending = self.sortOrder() == Qt.AscendingOrder
        if model.is_totals(left.row()):
            return not ascending
        if model.is_totals(right.row()):
            return ascending
        return model.key(left.row(), left.column()) < model.key(right.row(), right.column())


class TableSection(QWidget):
    """A table's title, the sortable table and (with no rows) the words saying so."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("reportTableTitle")
        self.model = ReportTableModel(self)
        self.proxy = ReportSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view: QTableView = row_table(self.proxy, name)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setHighlightSections(False)
        self.empty = QLabel()
        self.empty.setObjectName("reportEmpty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)

    def show_table(self, table: ReportTable, *, with_title: bool = True, keep_sort: bool = False) -> None:
        """Show ``table``; ``keep_sort``: sorted as before (the same table read again),
        else in the report's own order until a header is clicked."""
        header = self.view.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if not keep_sort or not 0 <= section < len(table.columns):
            section, order = -1, Qt.AscendingOrder
        self.table = table
        self.title.setText(table.title or table.name)
        self.title.setVisible(with_title)
        self.view.setSortingEnabled(False)
        self.proxy.sort(-1)
        self.model.set_table(table)
        header.setSortIndicator(section, order)
        self.view.setSortingEnabled(True)  # sorts by the indicator (none when -1)
        self.empty.setText(table.empty_text)
        self.empty.setVisible(not table.rows)
        self.view.setVisible(bool(table.rows))
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        text_columns = [(c.width, i) for i, c in enumerate(table.columns) if not c.right]
        if text_columns:
            header.setSectionResizeMode(max(text_columns)[1], QHeaderView.Stretch)
        else:
            header.setStretchLastSection(True)

    def shown_table(self) -> ReportTable:
        """The table in the order it is shown (sorted as on screen), totals last."""
        rows = []
        for r in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            if not self.model.is_totals(source):
                rows.append(self.model.row_values(source))
        return replace(self.table, rows=tuple(rows))

