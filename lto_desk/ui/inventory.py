"""The inventory window: every vehicle with its status, its details and history;
managers add and correct vehicles, mark inspections done, take vehicles out and put them back.

Open it from the main window with ``open_inventory(self, lambda: self.actor)``.
The dialogs here collect input and return it (``classmethod ask``); the window
calls the services with whoever is logged in at that moment.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidInput, LtoError
from ..domain.money import format_money, parse_amount
from ..domain.roles import Role
from ..domain.vin import check_digit, check_vin
from ..services import vehicles
from ..services.base import Actor
from ..services.vehicles import REMOVAL_REASONS, NewVehicle, VehicleEvent, VehicleLine, VehicleStatus
from .dialogs import FormDialog
from .models import RowsModel
from .widgets import row_table

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
VIN_LETTERS = set("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")
KEEP_VIN = "The VIN is typed correctly; keep it"

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

_DIALOG_STYLE = """
#vinCheckLabel { color: #4a5563; }
#vinCheckLabel[state="ok"] { color: #256b33; }
#vinCheckLabel[state="warning"] { color: #9a4d00; }
#vinCheckLabel[state="error"] { color: #a1260d; }
"""


def _day(d) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def _describe(line: VehicleLine) -> str:
    return " ".join(p for p in (str(line.year), line.make, line.model, line.trim) if p)


class InventoryModel(RowsModel[VehicleLine]):
    columns = (
        ("Stock", lambda v: v.stock_number, False),
        ("Vehicle", _describe, False),
        ("Colour", lambda v: v.color, False),
        ("Odometer", lambda v: f"{v.odometer:,}", True),
        ("Price", lambda v: format_money(v.price), True),
        ("Status", lambda v: v.status.label, False),
    )

    def extra(self, row: VehicleLine, role: int) -> Any:
        if role == Qt.ForegroundRole and row.status in _STATUS_COLOURS:
            return QColor(_STATUS_COLOURS[row.status])
        if role == Qt.ToolTipRole:
            return f"{_describe(row)} — VIN {row.vin}"
        return None


def _restyle(widget: QWidget, name: str, value: str) -> None:
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


# -- dialogs ------------------------------------------------------------------------------


def _edit(name: str, placeholder: str = "", maximum: int = 40) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(maximum)
    return edit


class VehicleDialog(FormDialog):
    """A vehicle's details; the VIN is checked as it is typed. A VIN whose check
    digit does not match is kept only when the person ticks that it is typed right."""

    def __init__(
        self, current: VehicleLine | None, parent: QWidget | None = None, *,
        typed: NewVehicle | None = None, vin_locked: bool = False,
    ) -> None:
        title = f"Edit {current.year} {current.make} {current.model} (stock {current.stock_number})" if current else "Add a vehicle"
        super().__init__("vehicleDialog", title, parent)
        self.setStyleSheet(_DIALOG_STYLE)
        self.current = current
        self.vin = _edit("vinEdit", "17 characters, from the dashboard or door pillar", 30)
        self.vin_check = QLabel()
        self.vin_check.setObjectName("vinCheckLabel")
        self.vin_check.setWordWrap(True)
        # Room for three lines from the start, so the form does not jump or clip as the VIN is typed.
        self.vin_check.setMinimumHeight(self.vin_check.fontMetrics().lineSpacing() * 3 + 4)
        self.vin_check.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.vin_accept = QCheckBox(KEEP_VIN)
        self.vin_accept.setObjectName("vinAcceptCheck")
        keep_room = self.vin_accept.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)
        self.vin_accept.setSizePolicy(keep_room)
        self.setMinimumWidth(600)
        self.year = _edit("yearEdit", "e.g. 2016", 4)
        self.make = _edit("makeEdit", "e.g. Honda")
        self.model = _edit("modelEdit", "e.g. Civic")
        self.trim = _edit("trimEdit", "e.g. LX (optional)")
        self.color = _edit("colorEdit", "e.g. Silver (optional)")
        self.odometer = _edit("odometerEdit", "miles, e.g. 98,500", 12)
        self.stock = _edit("stockEdit", "e.g. S1042", 20)
        self.cost = _edit("costEdit", "what we paid (optional)", 14)
        self.price = _edit("priceEdit", "e.g. 8,995", 14)
        form = self.form
        form.addRow("VIN", self.vin)
        form.addRow("", self.vin_check)
        form.addRow("", self.vin_accept)
        form.addRow("Year", self.year)
        form.addRow("Make", self.make)
        form.addRow("Model", self.model)
        form.addRow("Trim", self.trim)
        form.addRow("Colour", self.color)
        form.addRow("Odometer", self.odometer)
        form.addRow("Stock number", self.stock)
        form.addRow("Cost ($)", self.cost)
        form.addRow("Price ($)", self.price)
        self._fill(typed, current)
        if vin_locked:
            self.vin.setReadOnly(True)
            self.vin.setToolTip(
                "This vehicle has been on an agreement; the paperwork names this VIN, so it stays as it is."
            )
        self._check_vin(reset=False)
        self.vin.textChanged.connect(lambda _text: self._vin_typed())

    def _vin_typed(self) -> None:
        self.say("")  # what was said about the last Save no longer fits a changed VIN
        self._check_vin()

    def say(self, text: str) -> None:
        super().say(text)
        self._fit()

    def _fit(self) -> None:
        """Grow to show wrapped lines that appeared after the form was shown (Qt does
        not grow a window for a word-wrapped label on its own)."""
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        if need > self.height():
            self.resize(self.width(), need)

    def _fill(self, typed: NewVehicle | None, current: VehicleLine | None) -> None:
        if typed is not None:
            values = typed
        elif current is not None:
            values = NewVehicle(
                current.vin, current.year, current.make, current.model, current.stock_number, current.trim,
                current.color, current.odometer, current.cost, current.price,
            )
        else:
            return
        self.vin.setText(values.vin)
        self.year.setText(str(values.year))
        self.make.setText(values.make)
        self.model.setText(values.model)
        self.trim.setText(values.trim)
        self.color.setText(values.color)
        self.odometer.setText(f"{values.odometer:,}")
        self.stock.setText(values.stock_number)
        self.cost.setText(format_money(values.cost, symbol=False) if values.cost else "")
        self.price.setText(format_money(values.price, symbol=False) if values.price else "")
        # A VIN on file was accepted when it was added; what was ticked stays ticked.
        self.vin_accept.setChecked(typed.accept_vin_warning if typed is not None else True)

    def _check_vin(self, *, reset: bool = True) -> None:
        """Say what the VIN typed so far looks like: right, a check-digit warning, or wrong."""
        if reset:
            self.vin_accept.setChecked(False)
        text = self.vin.text()
        clean = "".join(text.split()).replace("-", "").upper()
        warning = False
        if not clean:
            state, words = "", "17 letters and digits, never I, O or Q."
        elif len(clean) < 17 and set(clean) <= VIN_LETTERS:
            state, words = "", f"{len(clean)} of 17 characters so far."
        else:
            try:
                result = check_vin(text)
            except InvalidInput as exc:
                state, words = "error", exc.message
            else:
                if result.warning:
                    warning = True
                    state, words = "warning", (
                        f"The check digit (9th character) is {result.vin[8]} but should be "
                        f"{check_digit(result.vin)}. Please re-check the VIN; older and imported "
                        "vehicles may still be right — if so, tick the box below."
                    )
                else:
                    state, words = "ok", "✓ The VIN reads right: 17 characters and the check digit matches."
        self.vin_check.setText(words)
        _restyle(self.vin_check, "state", state)
        self.vin_accept.setVisible(warning)
        self._fit()

    def read(self) -> NewVehicle:
        vin = check_vin(self.vin.text())
        keeps_vin_on_file = self.current is not None and vin.vin == self.current.vin
        if vin.warning and not self.vin_accept.isChecked() and not keeps_vin_on_file:
            raise InvalidInput(f"{vin.warning} If it is typed right, tick “{KEEP_VIN}”.")
        year = self.year.text().strip()
        if not re.fullmatch(r"\d{4}", year, re.ASCII):
            raise InvalidInput("Type the model year as four digits, e.g. 2016.")
        for edit, what in ((self.make, "the make"), (self.model, "the model"), (self.stock, "the stock number")):
            if not edit.text().strip():
                raise InvalidInput(f"Please type {what}.")
        miles = re.sub(r"[\s,]|mi(les)?$", "", self.odometer.text().strip().lower())
        if not (miles.isascii() and miles.isdigit()):
            raise InvalidInput("Type the odometer reading in miles, e.g. 98,500.")
        if len(miles) > 7:
            raise InvalidInput("The odometer reading is not believable; please check it.")
        try:
            cost = parse_amount(self.cost.text(), allow_zero=True) if self.cost.text().strip() else 0
        except InvalidInput as exc:
            raise InvalidInput(f"Cost: {exc.message}") from None
        try:
            price = parse_amount(self.price.text())
        except InvalidInput as exc:
            raise InvalidInput(f"Price: {exc.message}") from None
        return NewVehicle(
            vin=vin.vin, year=int(year), make=self.make.text().strip(), model=self.model.text().strip(),
            stock_number=self.stock.text().strip(), trim=self.trim.text().strip(), color=self.color.text().strip(),
            odometer=int(miles), cost=cost, price=price,
            accept_vin_warning=bool(vin.warning) and self.vin_accept.isChecked(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, current: VehicleLine | None, *, typed: NewVehicle | None = None,
        problem: str = "", vin_locked: bool = False,
    ) -> NewVehicle | None:
        """The vehicle as typed, or None when cancelled. ``typed`` and ``problem``
        bring back what was typed and why it was not saved."""
        dialog = cls(current, parent, typed=typed, vin_locked=vin_locked)
        dialog.say(problem)
        return dialog.run()


class InspectionDialog(FormDialog):
    """Inspection done on a returned vehicle: an optional note on what was found or fixed."""

    def __init__(self, line: VehicleLine, parent: QWidget | None = None, *, typed: str = "") -> None:
        super().__init__("inspectionDialog", f"Inspection done: {_describe(line)} (stock {line.stock_number})", parent)
        intro = QLabel("Once saved, the vehicle is available for a new agreement.")
        intro.setWordWrap(True)
        self.note = QPlainTextEdit(typed)
        self.note.setObjectName("inspectionNoteEdit")
        self.note.setPlaceholderText("What was checked or fixed (optional), e.g. new front tires, brakes done")
        self.note.setFixedHeight(90)
        self.form.addRow(intro)
        self.form.addRow("Note", self.note)

    def read(self) -> str:
        note = " ".join(self.note.toPlainText().split())
        if len(note) > 1000:
            raise InvalidInput("The note is too long (at most 1000 characters).")
        return note

    @classmethod
    def ask(cls, parent: QWidget | None, line: VehicleLine, *, typed: str = "", problem: str = "") -> str | None:
        """The note ("" for none), or None when cancelled."""
        dialog = cls(line, parent, typed=typed)
        dialog.say(problem)
        return dialog.run()


@dataclass(frozen=True)
class Removal:
    """Why a vehicle leaves inventory: a key of REMOVAL_REASONS and words (required for "other")."""

    reason: str
    reason_text: str


class RemoveDialog(FormDialog):
    def __init__(self, line: VehicleLine, parent: QWidget | None = None, *, typed: Removal | None = None) -> None:
        super().__init__("removeVehicleDialog", f"Remove {_describe(line)} (stock {line.stock_number})", parent)
        intro = QLabel("The vehicle stays on file with its history and can be put back later.")
        intro.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("removeReasonCombo")
        self.reason.addItem("Choose…", "")
        for key, label in REMOVAL_REASONS.items():
            self.reason.addItem(label, key)
        self.words = _edit("removeReasonEdit", "details (required for Other), e.g. sold to a neighbour for cash", 300)
        if typed is not None:
            self.reason.setCurrentIndex(max(0, self.reason.findData(typed.reason)))
            self.words.setText(typed.reason_text)
        self.form.addRow(intro)
        self.form.addRow("Why it is leaving", self.reason)
        self.form.addRow("Details", self.words)

    def read(self) -> Removal:
        reason = self.reason.currentData()
        if not reason:
            raise InvalidInput("Choose why the vehicle is leaving: sold outright, wholesaled, totalled or other.")
        text = " ".join(self.words.text().split())
        if reason == "other" and len(text) < 3:
            raise InvalidInput("Please type why the vehicle is leaving.")
        return Removal(reason, text)

    @classmethod
    def ask(cls, parent: QWidget | None, line: VehicleLine, *, typed: Removal | None = None,
            problem: str = "") -> Removal | None:
        dialog = cls(line, parent, typed=typed)
        dialog.say(problem)
        return dialog.run()


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

        self.add_button = QPushButton("Add vehicle…")
        self.add_button.setObjectName("addVehicleButton")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("editVehicleButton")
        self.inspected_button = QPushButton("Inspection done…")
        self.inspected_button.setObjectName("inspectionDoneButton")
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setObjectName("removeVehicleButton")
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

        self.resize(1180, 700)
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
            self.remove_button.setText("Put back" if line and line.status is VehicleStatus.REMOVED else "Remove…")
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
            self.remove_button.setText("Put back")
            self.remove_button.setEnabled(True)
            self.remove_button.setToolTip("Put the vehicle back in inventory")
        else:
            self.remove_button.setText("Remove…")
            can = line is not None and line.status in (VehicleStatus.AVAILABLE, VehicleStatus.NEEDS_INSPECTION)
            self.remove_button.setEnabled(can)
            self.remove_button.setToolTip(
                "Take the vehicle out of inventory (sold outright, wholesaled, totalled…)" if can
                else "Only an available or returned vehicle can be removed"
            )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.WindowActivate:
            # Someone else may have logged in, or the counter changed the inventory.
            self.refresh()
        return super().event(event)

    # -- what is shown --------------------------------------------------------------------
    def say(self, text: str, level: str = "info") -> None:
        _restyle(self.message, "level", level)
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
        """Read the inventory again, keeping the selected vehicle (or ``select_id``) selected."""
        if select_id is None and self.selected() is not None:
            select_id = self.selected().id
        counts = vehicles.status_counts()
        total = sum(counts.values())
        for i, (label, status) in enumerate(FILTERS):
            self.status_combo.setItemText(i, f"{label} ({counts[status] if status else total})")
        self.counts.setText(
            f"{total} vehicle{'s' if total != 1 else ''}: "
            + " · ".join(f"{counts[s]} {words}" for s, words in _COUNT_WORDS.items())
        )
        rows = vehicles.list_vehicles(self.status_filter(), self.search.text())
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
        self.title.setText(_describe(line))
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
        self.history.setHtml(_history_html(vehicles.vehicle_history(line.id)))

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
        line = vehicles.vehicle_line(vehicle_id)
        self.say(f"Added the {_describe(line)} (stock {line.stock_number}); it is available.")

    def edit_selected(self) -> None:
        line = self.selected()
        if line is None or self._manager_or_say() is None:
            return
        locked = vehicles.ever_on_agreement(line.id)
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
        after = vehicles.vehicle_line(line.id)
        self.refresh(select_id=line.id)
        if after == line:
            self.say("Nothing was different, so nothing changed.")
        else:
            self.say(f"Saved the changes to the {_describe(after)} (stock {after.stock_number}).")

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
        self.say(f"Inspection done: the {_describe(line)} (stock {line.stock_number}) is available again.")

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
            f"The {_describe(line)} (stock {line.stock_number}) is out of inventory: "
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
            f"The {_describe(line)} (stock {line.stock_number}) is back in inventory"
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
