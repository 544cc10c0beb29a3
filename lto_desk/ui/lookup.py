"""Lookup as you type: name, phone digits, stock number, VIN tail, receipt number."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..services.counter import LookupRow, MatchKind, lookup
from .models import MATCH_KIND_ROLE, LookupModel
from .open_match_dialog import OpenMatchDialog
from .widgets import row_table

if TYPE_CHECKING:
    from ..services.base import Actor
    from .operations import Changes


class NameAndMatchKind(QStyledItemDelegate):
    """The Name column: the name, cut short with "…" when the column is narrow, and at
    the cell's right end, smaller and never cut, what the row was found by ("name",
    "phone", "receipt", "VIN", ...): four digits can be one person's phone ending and
    another's receipt, and the row must say which it is."""

    GAP = 6

    @staticmethod
    def kind_font(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        return font

    def texts(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
        """(the name as it fits, the kind of match) in the cell ``option`` describes
        (``option`` as ``initStyleOption`` fills it)."""
        kind = index.data(MATCH_KIND_ROLE) or ""
        room = (self._text_rect(option).width() - 2 * self.GAP
                - QFontMetrics(self.kind_font(option)).horizontalAdvance(kind))
        return option.fontMetrics.elidedText(index.data() or "", Qt.ElideRight, max(room, 0)), kind

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, kind = self.texts(opt, index)
        opt.text = name
        widget = opt.widget
        if widget is None:
            return
        widget.style().drawControl(QStyle.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.State_Selected)
        painter.save()
        painter.setFont(self.kind_font(opt))
        painter.setPen(opt.palette.highlightedText().color() if selected else opt.palette.placeholderText().color())
        painter.drawText(self._text_rect(opt).adjusted(0, 0, -self.GAP, 0), Qt.AlignRight | Qt.AlignVCenter, kind)
        painter.restore()

    @staticmethod
    def _text_rect(option: QStyleOptionViewItem):
        widget = option.widget
        if widget is None:
            return option.rect
        return widget.style().subElementRect(QStyle.SE_ItemViewItemText, option, widget)


#: The part of the list's width the vehicle column takes.
VEHICLE_SHARE = 0.26


class LookupPanel(QWidget):
    """Type, see matches at once; Up/Down to choose, Enter to open. ``actor_of``
    returns who is logged in (None when locked: nothing is looked up then)."""

    opened = Signal(object)  # LookupRow

    def __init__(self, actor_of: Callable[[], Actor | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor_of = actor_of
        self.edit = QLineEdit()
        self.edit.setObjectName("lookupEdit")
        self.edit.setPlaceholderText("Name, phone, stock no., VIN (last 6) or receipt no.")
        self.edit.setClearButtonEnabled(True)
        self.model = LookupModel(self)
        self.table = row_table(self.model, "lookupResults")
        self.table.setShowGrid(False)
        self.table.setFocusPolicy(Qt.ClickFocus)
        # The name takes what the vehicle leaves it (a quarter of the list: a long model
        # name must not push the name, nor what it was found by, out of sight); status
        # and amount fit their contents; never a sideways scroll.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        self.table.installEventFilter(self)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.ElideRight)
        self.names = NameAndMatchKind(self.table)
        self.table.setItemDelegateForColumn(0, self.names)
        self.hint = QLabel("Type to find a customer. ↑ ↓ to choose, Enter to open.")
        self.hint.setObjectName("lookupHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Find a customer  (F2)")
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        layout.addWidget(self.edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self.open_selected)
        self.edit.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(self._show_match)

    def search(self, text: str | None = None) -> None:
        actor = self.actor_of()
        rows = lookup(actor, self.edit.text() if text is None else text) if actor is not None else []
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            self.hint.setText(f"{len(rows)} found. ↑ ↓ to choose, Enter to open.")
            if rows[0].asks_before_opening:
                self._show_match()  # what the top row was found by, and that Enter will ask
        else:
            self.hint.setText("No one found. Try part of the name or 4 digits of the phone." if self.edit.text().strip() else
                              "Type to find a customer. ↑ ↓ to choose, Enter to open.")

    def _show_match(self, *_args) -> None:
        row = self.selected()
        if row is not None and row.kind is MatchKind.NOTE:
            self.hint.setText(f"{row.name}: {row.matched}")
        elif row is not None and row.asks_before_opening:
            self.hint.setText(f"{row.name}: found by {row.found_by}. Enter asks before opening.")

    def selected(self) -> LookupRow | None:
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        return self.model.row_at(row)

    def open_selected(self) -> None:
        """Open the chosen row's customer; one found by a receipt, stock number, VIN or
        note only once the clerk says so (4 digits may be someone else's receipt)."""
        row = self.selected()
        if row is None:
            return
        if row.asks_before_opening and not OpenMatchDialog.ask(self, row):
            self.edit.setFocus()  # back to the lookup, what was typed kept
            return
        self.opened.emit(row)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Resize:
            self.table.setColumnWidth(1, round(event.size().width() * VEHICLE_SHARE))
        if watched is self.edit and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Up, Qt.Key_Down):
            count = self.model.rowCount()
            if count:
                current = self.table.currentIndex().row() if self.table.currentIndex().isValid() else 0
                step = -1 if event.key() == Qt.Key_Up else 1
                self.table.selectRow(max(0, min(count - 1, current + step)))
            return True
        return super().eventFilter(watched, event)

    # -- kept true after a change (the hub's announcements) ---------------------------------
    def heard(self, changes: Changes) -> None:
        """A payment, void, payoff, return or refund for someone in the list: the search
        runs again, so Status and Due now are as they are now; the chosen row stays chosen."""
        if changes.customer_id is None or all(row.customer_id != changes.customer_id for row in self._listed()):
            return
        chosen, at = self.selected(), max(self.table.currentIndex().row(), 0)
        self.search()
        if chosen is not None:
            self.choose(chosen.customer_id, at)

    def choose(self, customer_id: int, near: int = 0) -> None:
        """Put the selection on ``customer_id``'s row (row ``near`` when it is still
        theirs: a customer found two ways has two rows), when the list has one."""
        rows = self._listed()
        if near < len(rows) and rows[near].customer_id == customer_id:
            self.table.selectRow(near)
            return
        for n, row in enumerate(rows):
            if row.customer_id == customer_id:
                self.table.selectRow(n)
                return

    def _listed(self) -> list[LookupRow]:
        return [self.model.row_at(n) for n in range(self.model.rowCount())]
