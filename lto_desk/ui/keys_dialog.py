"""Help → Keys (F1): the keyboard map (``keymap.KEYS``) on screen, grouped by where
each key works; it stays open beside the counter until Esc or Close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .keymap import KEYS


class KeysDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysDialog")
        self.setWindowTitle("Keys")
        intro = QLabel("Every action has a key. A menu item with no key of its own: Alt and the menu's "
                       "underlined letter, then the item's letter.")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("keysTable")
        self.table.setHorizontalHeaderLabels(["Keys", "What it does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes on to Close
        self.table.setWordWrap(False)
        self._fill()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox()
        close = buttons.addButton("&Close", QDialogButtonBox.RejectRole)
        close.setObjectName("keysCloseButton")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._fit()
        self.table.setFocus()

    def _fill(self) -> None:
        bold = QFont()
        bold.setBold(True)
        where = None
        for key in KEYS:
            if key.where != where:  # a heading row for each place, across both columns
                where = key.where
                row = self.table.rowCount()
                self.table.insertRow(row)
                heading = QTableWidgetItem(where)
                heading.setFont(bold)
                heading.setFlags(Qt.ItemIsEnabled)
                self.table.setItem(row, 0, heading)
                self.table.setSpan(row, 0, 1, 2)
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(key.keys))
            self.table.setItem(row, 1, QTableWidgetItem(key.action))
        self.table.setCurrentCell(1, 0)

    def _fit(self) -> None:
        """640 high (it scrolls), less on a screen with less room (a title bar, a task bar)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 80 if screen is not None else 640
        self.resize(760, max(360, min(room, 640)))

    @classmethod
    def show_map(cls, parent: QWidget) -> KeysDialog:
        """The map beside ``parent`` (the one already open, brought forward)."""
        # One closed is only waiting to be deleted: a new one then.
        for dialog in parent.findChildren(KeysDialog):
            if dialog.isVisible():
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        dialog = cls(parent)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        return dialog
