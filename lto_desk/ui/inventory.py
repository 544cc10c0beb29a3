"""The inventory window: every vehicle with its status, its details and history;
managers add and correct vehicles, mark inspections done, take vehicles out and put them back.

Open it from the main window with ``open_inventory(self, lambda: self.actor)``.
The forms (:mod:`lto_desk.ui.vehicle_dialogs`) collect input and return it; the
window calls the services with whoever is logged in at that moment.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidInput, LtoError
from ..domain.money import format_money
from ..domain.roles import Role
from ..services import vehicles
from ..services.base import Actor
from ..services.vehicles import REMOVAL_REASONS, VehicleEvent, VehicleLine, VehicleStatus
from .models import RowsModel
from .vehicle_dialogs import InspectionDialog, RemoveDialog, VehicleDialog, describe_vehicle
from .widgets import fit_to_screen, restyle, row_table

#: The filter's choices: what the person reads, the status it keeps (None: all).
FILTERS: tuple[tuple[str, VehicleStatus | None], ...] = (
    ("All", None),
    ("Available", VehicleStatus.AVAILABLE),
    ("On agreement", VehicleStatus.ON_AGREEMENT),
    ("Needs inspection", VehicleStatus.NEEDS_INSPECTION),
    ("Titled", VehicleStatus.TITLED),
    ("Removed", VehicleStatus.REMOVED),
)

#: How the count line names each status ("3 available · 1 waiting for inspection").
_COUNT_WORDS = {
    VehicleStatus.AVAILABLE: "available",
    VehicleStatus.ON_AGREEMENT: "on agreement",
    VehicleStatus.NEEDS_INSPECTION: "waiting for inspection",
    VehicleStatus.TITLED: "titled to customers",
    VehicleStatus.REMOVED: "removed",
}

MANAGER_ONLY = "A manager must do this; ask a manager to log in."
LOCKED = "The counter is locked; log in to make changes."

_STATUS_COLOURS = {
    VehicleStatus.AVAILABLE: "#256b33",
    VehicleStatus.NEEDS_INSPECTION: "#9a4d00",
    VehicleStatus.REMOVED: "#8a8a8a",
    VehicleStatus.TITLED: "#4a5563",
}

# Local to this window (the shared stylesheet belongs to the main window).
_STYLE = """
#inventoryMessage { padding: 6px 10px; border-radius: 4px; background: #e8f1fb; color: #1d2733; }
#inventoryMessage[level="warning"] { background: #fff4d6; color: #5b4300; }
#inventoryMessage[level="error"] { background: #fde8e1; color: #7a2e12; }
#inventoryCounts, #inventoryRoleNote { color: #4a5563; }
#vehicleDetails { background: #ffffff; border: 1px solid #d6dbe1; border-radius: 6px; }
#vehicleTitle { font-size: 14pt; font-weight: 600; color: #1d2733; }
#vehicleFacts { color: #33404f; }
#vehicleHistoryTitle { font-weight: 600; color: #1f4e79; }
#vehicleHistory { border: none; background: #ffffff; }
"""


def _day(d) -> str:
    return f"{d:%b} {d.day}, {d.year}"


class InventoryModel(RowsModel[VehicleLine]):
    columns = (
        ("Stock", lambda v: v.stock_number, False),
        ("Vehicle", describe_vehicle, False),
        ("Colour", lambda v: v.color, False),
        ("Odometer", lambda v: f"{v.odometer:,}", True),
        ("Price", lambda v: format_money(v.price), True),
        ("Status", lambda v: v.status.label, False),
    )

    def extra(self, row: VehicleLine, role: int) -> Any:
        if role == Qt.ForegroundRole and row.status in _STATUS_COLOURS:
            return QColor(_STATUS_COLOURS[row.status])
        if role == Qt.ToolTipRole:
            return f"{describe_vehicle(row)} — VIN {row.vin}"
        return None


# -- the window ---------------------------------------------------------------------------


def _history_html(events: list[VehicleEvent]) -> str:
    parts = []
    for e in events:
        lines = [html.escape(line) for line in e.details]
        if e.by:
            lines.append(f"<i>by {html.escape(e.by)}</i>")
        more = f"<br><span style='color:#4a5563'>{'<br>'.join(lines)}</span>" if lines else ""
        parts.append(
            f"<p style='margin-bottom:8px'><b>{_day(e.on)}</b> — {html.escape(e.title)}{more}</p>"
        )
    return "".join(parts) or "<p style='color:#7b8794'>Nothing yet.</p>"


class InventoryWindow(QWidget):
    """The dealership's vehicles: find, filter by status, see one's history; a
    manager adds, edits, marks inspections done, removes and puts back."""

    def __init__(self, actor_of: Callable[[], Actor | None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setObjectName("inventoryWindow")
        self.setWindowTitle("Inventory")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setStyleSheet(_STYLE)
        self.actor_of = actor_of

        self.search = QLineEdit()
        self.search.setObjectName("inventorySearchEdit")
        self.search.setPlaceholderText("Find by stock, VIN, year, make, model, trim or colour  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("inventoryStatusCombo")
        for label, _status in FILTERS:
            self.status_combo.addItem(label)
        self.status_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.counts = QLabel()
        self.counts.setObjectName("inventoryCounts")
        self.message = QLabel()
        self.message.setObjectName("inventoryMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = InventoryModel(self)
        self.table = row_table(self.model, "inventoryTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)

        self.details = QFrame()
        self.details.setObjectName("vehicleDetails")
        self.title = QLabel()
        self.title.setObjectName("vehicleTitle")
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("vehicleFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextSelectableByMouse)
        history_title = QLabel("History")
        history_title.setObjectName("vehicleHistoryTitle")
        self.history = QTextBrowser()
        self.history.setObjectName("vehicleHistory")
        self.history.setOpenLinks(False)
        side = QVBoxLayout(self.details)
        side.addWidget(self.title)
        side.addWidget(self.facts)
        side.addWidget(history_title)
        side.addWidget(self.history, 1)

        self.add_button = QPushButton("&Add vehicle…")
        self.add_button.setObjectName("addVehicleButton")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editVehicleButton")
        self.inspected_button = QPushButton("&Inspection done…")
        self.inspected_button.setObjectName("inspectionDoneButton")
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setObjectName("removeVehicleButton")
        self._name_remove("Remove…")
        self.write_buttons = (self.add_button, self.edit_button, self.inspected_button, self.remove_button)
        self.role_note = QLabel()
        self.role_note.setObjectName("inventoryRoleNote")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel("Show"))
        top.addWidget(self.status_combo)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.counts)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([680, 420])
        buttons = QHBoxLayout()
        for button in self.write_buttons:
            buttons.addWidget(button)
        buttons.addWidget(self.role_note)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.search.textChanged.connect(lambda _text: self.refresh())
        self.search.returnPressed.connect(self._to_table)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_selected())
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.add_button.clicked.connect(self.add_vehicle)
        self.edit_button.clicked.connect(self.edit_selected)
        self.inspected_button.clicked.connect(self.inspection_done)
        self.remove_button.clicked.connect(self.remove_or_put_back)
        find = QShortcut(QKeySequence.Find, self)
        find.activated.connect(self.focus_search)
        QShortcut(QKeySequence(Qt.Key_Escape), self).activated.connect(self.close)

        fit_to_screen(self, QSize(1180, 680))
        self.refresh()
        self.search.setFocus()

    # -- who may write ------------------------------------------------------------------
    def _manager(self) -> Actor | None:
        actor = self.actor_of()
        return actor if actor is not None and actor.role.at_least(Role.MANAGER) else None

    def _update_buttons(self) -> None:
        actor = self.actor_of()
        line = self.selected()
        if actor is None or not actor.role.at_least(Role.MANAGER):
            tip = LOCKED if actor is None else MANAGER_ONLY
            self.role_note.setText("Only a manager can change inventory." if actor else LOCKED)
            for button in self.write_buttons:
                button.setEnabled(False)
                button.setToolTip(tip)
            self._name_remove("Put back" if line and line.status is VehicleStatus.REMOVED else "Remove…")
            return
        self.role_note.setText("")
        self.add_button.setEnabled(True)
        self.add_button.setToolTip("Add a vehicle to inventory")
        self.edit_button.setEnabled(line is not None)
        self.edit_button.setToolTip("Correct the selected vehicle's details (Enter)")
        waiting = line is not None and line.status is VehicleStatus.NEEDS_INSPECTION
        self.inspected_button.setEnabled(waiting)
        self.inspected_button.setToolTip(
            "The returned vehicle was inspected; make it available" if waiting
            else "Only for a returned vehicle waiting for inspection"
        )
        if line is not None and line.status is VehicleStatus.REMOVED:
            self._name_remove("Put back")
            self.remove_button.setEnabled(True)
            self.remove_button.setToolTip("Put the vehicle back in inventory")
        else:
            self._name_remove("Remove…")
            can = line is not None and line.status in (VehicleStatus.AVAILABLE, VehicleStatus.NEEDS_INSPECTION)
            self.remove_button.setEnabled(can)
            self.remove_button.setToolTip(
                "Take the vehicle out of inventory (sold outright, wholesaled, totalled…)" if can
                else "Only an available or returned vehicle can be removed"
            )

    def _name_remove(self, text: str) -> None:
        """Remove… or Put back, on Alt+R either way (setText takes a button's key away)."""
        self.remove_button.setText(text)
        self.remove_button.setShortcut(QKeySequence("Alt+R"))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.WindowActivate:
            # Someone else may have logged in, or the counter changed the inventory.
            self.refresh()
        return super().event(event)

    # -- what is shown --------------------------------------------------------------------
    def say(self, text: str, level: str = "info") -> None:
        restyle(self.message, "level", level)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _to_table(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            self.table.setFocus()

    def status_filter(self) -> VehicleStatus | None:
        return FILTERS[max(0, self.status_combo.currentIndex())][1]

    def selected(self) -> VehicleLine | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def refresh(self, select_id: int | None = None) -> None:
        """Read the inventory again, keeping the selected vehicle (or ``select_id``) selected
        (nothing is read while nobody is logged in: the buttons say the counter is locked)."""
        actor = self.actor_of()
        if actor is None:
            self._update_buttons()
            return
        if select_id is None and self.selected() is not None:
            select_id = self.selected().id
        counts = vehicles.status_counts(actor)
        total = sum(counts.values())
        for i, (label, status) in enumerate(FILTERS):
            self.status_combo.setItemText(i, f"{label} ({counts[status] if status else total})")
        self.counts.setText(
            f"{total} vehicle{'s' if total != 1 else ''}: "
            + " · ".join(f"{counts[s]} {words}" for s, words in _COUNT_WORDS.items())
        )
        rows = vehicles.list_vehicles(actor, self.status_filter(), self.search.text())
        self.model.set_rows(rows)
        row = next((i for i, v in enumerate(rows) if v.id == select_id), 0 if rows else None)
        if row is not None:
            self.table.selectRow(row)
        self._show_selected()

    def select_vehicle(self, vehicle_id: int) -> bool:
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).id == vehicle_id:
                self.table.selectRow(i)
                return True
        return False

    def _show_selected(self) -> None:
        line = self.selected()
        self._update_buttons()
        if line is None:
            self.title.setText("No vehicle selected")
            if self.search.text().strip() or self.status_filter() is not None:
                self.facts.setText("Nothing matches; try fewer words or show all.")
            else:
                self.facts.setText("No vehicles yet. A manager adds them with Add vehicle….")
            self.history.setHtml("")
            return
        self.title.setText(describe_vehicle(line))
        money = f"Price {format_money(line.price)}"
        if self._manager() is not None:  # what we paid is for managers' eyes
            money += f" · cost {format_money(line.cost)}"
        facts = [
            f"Stock {line.stock_number} · VIN {line.vin}",
            " · ".join(p for p in (line.color, f"{line.odometer:,} miles") if p),
            money,
            f"<b>{html.escape(line.status.label)}</b>",
        ]
        self.facts.setText("<br>".join(facts))
        actor = self.actor_of()
        events = vehicles.vehicle_history(actor, line.id) if actor is not None else []
        self.history.setHtml(_history_html(events))

    # -- what a manager does --------------------------------------------------------------
    def _manager_or_say(self) -> Actor | None:
        actor = self.actor_of()
        if actor is None:
            return None
        if not actor.role.at_least(Role.MANAGER):
            self.say(MANAGER_ONLY, "warning")
            return None
        return actor

    def add_vehicle(self) -> None:
        if self._manager_or_say() is None:
            return
        typed, problem = None, ""
        while True:
            new = VehicleDialog.ask(self, None, typed=typed, problem=problem)
            actor = self._manager_or_say()  # the counter may have locked while the form was open
            if new is None or actor is None:
                return
            try:
                vehicle_id = vehicles.add_vehicle(actor, new)
            except LtoError as exc:
                typed, problem = new, exc.message
                self.say(exc.message + " Nothing was saved.", "error")
                continue
            break
        self.status_combo.setCurrentIndex(0)
        self.search.clear()
        self.refresh(select_id=vehicle_id)
        line = vehicles.vehicle_line(actor, vehicle_id)
        self.say(f"Added the {describe_vehicle(line)} (stock {line.stock_number}); it is available.")

    def edit_selected(self) -> None:
        line = self.selected()
        if line is None or self._manager_or_say() is None:
            return
        locked = vehicles.ever_on_agreement(self.actor_of(), line.id)
        typed, problem = None, ""
        while True:
            new = VehicleDialog.ask(self, line, typed=typed, problem=problem, vin_locked=locked)
            actor = self._manager_or_say()
            if new is None or actor is None:
                return
            try:
                vehicles.edit_vehicle(actor, line.id, new)
            except LtoError as exc:
                typed, problem = new, exc.message
                self.say(exc.message + " Nothing was changed.", "error")
                continue
            break
        after = vehicles.vehicle_line(actor, line.id)
        self.refresh(select_id=line.id)
        if after == line:
            self.say("Nothing was different, so nothing changed.")
        else:
            self.say(f"Saved the changes to the {describe_vehicle(after)} (stock {after.stock_number}).")

    def inspection_done(self) -> None:
        line = self.selected()
        if line is None or self._manager_or_say() is None:
            return
        typed, problem = "", ""
        while True:
            note = InspectionDialog.ask(self, line, typed=typed, problem=problem)
            actor = self._manager_or_say()
            if note is None or actor is None:
                return
            try:
                vehicles.mark_inspected(actor, line.id, note)
            except LtoError as exc:
                self.say(exc.message, "error")
                if isinstance(exc, InvalidInput):
                    typed, problem = note, exc.message
                    continue
                self.refresh()
                return
            break
        self.refresh(select_id=line.id)
        self.say(f"Inspection done: the {describe_vehicle(line)} (stock {line.stock_number}) is available again.")

    def remove_or_put_back(self) -> None:
        line = self.selected()
        if line is None or self._manager_or_say() is None:
            return
        if line.status is VehicleStatus.REMOVED:
            self.put_back(line)
        else:
            self.remove(line)

    def remove(self, line: VehicleLine) -> None:
        typed, problem = None, ""
        while True:
            removal = RemoveDialog.ask(self, line, typed=typed, problem=problem)
            actor = self._manager_or_say()
            if removal is None or actor is None:
                return
            try:
                vehicles.remove_vehicle(actor, line.id, removal.reason, reason_text=removal.reason_text)
            except LtoError as exc:
                self.say(exc.message, "error")
                if isinstance(exc, InvalidInput):
                    typed, problem = removal, exc.message
                    continue
                self.refresh()
                return
            break
        self.refresh(select_id=line.id)
        self.select_vehicle(line.id)
        self.say(
            f"The {describe_vehicle(line)} (stock {line.stock_number}) is out of inventory: "
            f"{REMOVAL_REASONS[removal.reason].lower()}. It stays on file; Put back brings it back."
        )

    def put_back(self, line: VehicleLine) -> None:
        actor = self._manager_or_say()
        if actor is None:
            return
        try:
            status = vehicles.restore_vehicle(actor, line.id)
        except LtoError as exc:
            self.say(exc.message, "error")
            self.refresh()
            return
        self.refresh(select_id=line.id)
        self.say(
            f"The {describe_vehicle(line)} (stock {line.stock_number}) is back in inventory"
            + (": it still needs its inspection." if status is VehicleStatus.NEEDS_INSPECTION else " and available.")
        )


def open_inventory(parent: QWidget, actor_of: Callable[[], Actor | None]) -> InventoryWindow:
    """Show the inventory window for ``parent`` (one at a time: an open one is brought forward)."""
    for window in parent.findChildren(InventoryWindow):
        if window.isVisible():
            window.refresh()
            window.raise_()
            window.activateWindow()
            return window
    window = InventoryWindow(actor_of, parent)
    window.show()
    return window
