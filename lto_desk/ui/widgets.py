"""Small widget builders shared by the panels."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def row_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table that selects whole rows, one at a time, no row numbers."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    return table


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a property the stylesheet selects on (``[level="error"]``) and draw the widget again by it."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
