"""The forms a manager fills in about a vehicle: its details (with a live VIN check),
an inspection done, and why it leaves inventory. Each collects input and returns it
(``classmethod ask``); the inventory window calls the services."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..domain.errors import InvalidInput
from ..domain.money import format_money, parse_amount
from ..domain.vin import check_digit, check_vin
from ..services.vehicles import REMOVAL_REASONS, NewVehicle, VehicleLine
from .dialogs import FormDialog
from .widgets import restyle

__all__ = ["InspectionDialog", "Removal", "RemoveDialog", "VehicleDialog", "describe_vehicle"]

VIN_LETTERS = set("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")
KEEP_VIN = "The VIN is typed correctly; keep it"

_DIALOG_STYLE = """
#vinCheckLabel { color: #4a5563; }
#vinCheckLabel[state="ok"] { color: #256b33; }
#vinCheckLabel[state="warning"] { color: #9a4d00; }
#vinCheckLabel[state="error"] { color: #a1260d; }
"""


def describe_vehicle(line: VehicleLine) -> str:
    """The vehicle as the inventory names it: "2016 Honda Civic LX"."""
    return " ".join(p for p in (str(line.year), line.make, line.model, line.trim) if p)


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
        restyle(self.vin_check, "state", state)
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
        super().__init__("inspectionDialog", f"Inspection done: {describe_vehicle(line)} (stock {line.stock_number})", parent)
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
        super().__init__("removeVehicleDialog", f"Remove {describe_vehicle(line)} (stock {line.stock_number})", parent)
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
