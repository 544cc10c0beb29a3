"""The guided vehicle return: why and when, the vehicle, its condition, then a
summary in plain words that a manager confirms.

Like the other dialogs it collects answers and returns them (``ReturnDialog.ask``);
it never writes to the database. The checklist rules are the domain's
(:func:`~lto_desk.domain.returns.check_condition`), so the dialog and
``return_vehicle`` never disagree about what is complete.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import parse_date
from ..domain.errors import InvalidInput
from ..domain.money import format_money
from ..domain.returns import CONDITION_PARTS, CONDITION_RATINGS, RETURN_REASONS, check_condition
from ..domain.text import quoted
from ..services.agreements import ReturnPreview
from ..services.base import required_text
from .approval import ApprovalFields

#: The highest reading the service believes (see ``return_vehicle``).
MAX_ODOMETER = 2_000_000
MAX_NOTES = 2000

STEPS = ("Why and when", "The vehicle", "Its condition", "Confirm the return")

_READING = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)$", re.ASCII)


@dataclass(frozen=True)
class ReturnInput:
    """What the person answered, ready for ``services.agreements.return_vehicle``.

    Attributes:
      reason: a key of RETURN_REASONS; reason_text: their words (required for "other").
      returned_on: the day the vehicle came back.
      odometer: the reading at the return, or None when it could not be read.
      keys_returned: 0 to 10.
      condition: the checklist as ``check_condition`` returns it.
      notes: anything else worth keeping.
      manager_name / manager_pin: the approving manager ("" when the clerk is a manager).
    """

    reason: str
    reason_text: str
    returned_on: dt.date
    odometer: int | None
    keys_returned: int
    condition: dict = field(hash=False)
    notes: str
    manager_name: str
    manager_pin: str


def parse_reading(text: str) -> int | None:
    """An odometer reading typed as ``85102`` or ``85,102``; None when left empty."""
    raw = str(text or "").strip()
    if not raw:
        return None
    if not _READING.match(raw):
        raise InvalidInput(f"“{quoted(raw)}” is not an odometer reading; type the miles like 85,102.")
    digits = raw.replace(",", "")
    if len(digits) > 7:  # the service refuses over 2,000,000; int() would refuse thousands of digits
        raise InvalidInput("The odometer reading is not believable; please check it.")
    return int(digits)


def _table(rows: list[tuple[str, str]]) -> str:
    """Label / value rows as rich text (the values are what people typed, so escaped)."""
    cells = "".join(
        f"<tr><td style='padding:1px 10px 1px 0; color:#4a5563;' valign='top'>{html.escape(label)}</td>"
        f"<td style='padding:1px 8px 1px 0;' valign='top'>{html.escape(value)}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0' cellpadding='0'>{cells}</table>"


def long_date(day: dt.date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_sentence(preview: ReturnPreview) -> str:
    """What the return does, in the words the manager confirms."""
    installments = (
        f"{plural(preview.installments_cancelled, 'remaining installment is', 'remaining installments are')} cancelled"
        if preview.installments_cancelled
        else "no installments are left to cancel"
    )
    fees = (
        f"{format_money(preview.fees_waived)} of late fees are waived"
        if preview.fees_waived
        else "there are no late fees to waive"
    )
    paid = (
        f"The {format_money(preview.paid_so_far)} they paid stays as it is."
        if preview.paid_so_far
        else "Nothing was paid, so nothing changes there."
    )
    return (
        f"{preview.customer_name} is returning the {preview.vehicle} (stock {preview.stock_number}). "
        f"{installments[0].upper()}{installments[1:]}; {format_money(preview.balance_cancelled)} is no longer owed; "
        f"{fees}; nothing more is owed. {paid}"
    )


class ReturnDialog(QDialog):
    """Four pages with Back and Next; Confirm return only once every answer is there."""

    def __init__(
        self, preview: ReturnPreview, *, need_manager: bool, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(f"Vehicle return — {preview.customer_name}")
        self.setMinimumWidth(680)
        self.preview = preview
        self.need_manager = need_manager
        self.today = today
        self.setStyleSheet(
            "#returnMessage { color: #9a4d00; }"
            "#returnIntro, #returnHint { color: #4a5563; }"
            "#returnSummary { font-size: 11.5pt; color: #1d2733; }"
            "#returnRecap { background: #f4f7fb; border: 1px solid #d6dbe1; border-radius: 4px; padding: 8px; }"
            "#returnWelcome { color: #256b33; }"
        )

        self.step = QLabel()
        self.step.setObjectName("panelTitle")
        self.pages = QStackedWidget()
        self.pages.setObjectName("returnPages")
        self.pages.addWidget(self._reason_page())
        self.pages.addWidget(self._vehicle_page())
        self.pages.addWidget(self._condition_page())
        self.pages.addWidget(self._summary_page())

        self.message = QLabel("")
        self.message.setObjectName("returnMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.sizeHint().height() * 2)
        self.message.setAlignment(Qt.AlignLeft | Qt.AlignTop)

        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setObjectName("returnCancelButton")
        self.back_button = QPushButton("< &Back")
        self.back_button.setObjectName("returnBackButton")
        self.next_button = QPushButton("&Next >")
        self.next_button.setObjectName("returnNextButton")
        self.finish_button = QPushButton("C&onfirm return")
        self.finish_button.setObjectName("returnFinishButton")
        for button in (self.cancel_button, self.back_button):
            button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.abandon)
        self.back_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.finish_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.furthest = 0  # the furthest step reached: past the first, there is work to lose
        self.go(0)

    # -- page 1: why and when -------------------------------------------------

    def _reason_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            f"{self.preview.customer_name} is bringing back the {self.preview.vehicle}. "
            "A return is not a repossession: nothing more is owed, and they are welcome back for their next car."
        )
        intro.setObjectName("returnIntro")
        intro.setWordWrap(True)
        self.reasons = QButtonGroup(self)
        reasons_box = QVBoxLayout()
        self.reason_buttons: dict[str, QRadioButton] = {}
        for key, label in RETURN_REASONS.items():
            button = QRadioButton(label)
            button.setObjectName(f"reason_{key}")
            self.reasons.addButton(button)
            self.reason_buttons[key] = button
            reasons_box.addWidget(button)
        self.reasons.buttonToggled.connect(self._reason_changed)
        self.reason_text = QLineEdit()
        self.reason_text.setObjectName("returnReasonEdit")
        self.reason_text.setMaxLength(300)
        self.reason_text.setPlaceholderText("in their words (optional)")
        self.reason_text.textChanged.connect(self.refresh)
        self.returned_on = QLineEdit(f"{self.today:%m/%d/%Y}")
        self.returned_on.setObjectName("returnDateEdit")
        self.returned_on.setPlaceholderText("MM/DD/YYYY")
        self.returned_on.setMaximumWidth(160)
        self.returned_on.textChanged.connect(self.refresh)
        earliest = self.earliest_date()
        date_hint = QLabel(
            f"The day it came back: today, or a day since {earliest:%b} {earliest.day}, {earliest.year} "
            + ("(their latest payment)." if self.preview.last_payment_on and earliest == self.preview.last_payment_on
               else "(the start of the agreement).")
        )
        date_hint.setObjectName("returnHint")
        date_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Why", reasons_box)
        form.addRow("In their words", self.reason_text)
        form.addRow("Came back on", self.returned_on)
        form.addRow("", date_hint)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _reason_changed(self, *_args) -> None:
        other = self.reason_key() == "other"
        self.reason_text.setPlaceholderText(
            "what happened, in a few words (required)" if other else "in their words (optional)"
        )
        self.refresh()

    def reason_key(self) -> str:
        return next((key for key, button in self.reason_buttons.items() if button.isChecked()), "")

    def earliest_date(self) -> dt.date:
        last = self.preview.last_payment_on
        return max(self.preview.opened_on, last) if last else self.preview.opened_on

    def read_reason(self) -> tuple[str, str, dt.date]:
        key = self.reason_key()
        if not key:
            raise InvalidInput("Choose why they are returning the vehicle.")
        text = " ".join(self.reason_text.text().split())
        if key == "other":
            text = required_text(text, "in a few words why they are returning it", minimum=3, maximum=300)
        day = parse_date(self.returned_on.text(), what="date", today=self.today)
        if day is None:
            raise InvalidInput("Type the day the vehicle came back, like 03/15/2025.")
        if day > self.today:
            raise InvalidInput("The return date is after today; type the day it actually came back.")
        earliest = self.earliest_date()
        if day < earliest:
            what = (
                "their latest payment" if self.preview.last_payment_on and earliest == self.preview.last_payment_on
                else "the start of the agreement"
            )
            raise InvalidInput(
                f"The return date is before {what} ({earliest:%b} {earliest.day}, {earliest.year}); please check it."
            )
        return key, text, day

    # -- page 2: the vehicle --------------------------------------------------

    def _vehicle_page(self) -> QWidget:
        page = QWidget()
        vin = f", VIN …{self.preview.vin_tail}" if self.preview.vin_tail else ""
        intro = QLabel(f"The {self.preview.vehicle} (stock {self.preview.stock_number}{vin}).")
        intro.setObjectName("returnIntro")
        intro.setWordWrap(True)
        self.odometer = QLineEdit()
        self.odometer.setObjectName("returnOdometerEdit")
        self.odometer.setPlaceholderText("miles, e.g. 85,102")
        self.odometer.setMaximumWidth(200)
        self.odometer.textChanged.connect(self.refresh)
        self.no_reading = QCheckBox("The odometer cannot be read")
        self.no_reading.setObjectName("returnNoReadingCheck")
        self.no_reading.toggled.connect(self._no_reading_toggled)
        odometer_hint = QLabel(
            f"On file: {self.preview.odometer_out:,} miles. The reading now cannot be lower."
        )
        odometer_hint.setObjectName("returnHint")
        self.keys = QSpinBox()
        self.keys.setObjectName("returnKeysSpin")
        self.keys.setRange(0, 10)
        self.keys.setValue(1)
        self.keys.setMaximumWidth(80)
        self.keys.valueChanged.connect(self.refresh)
        form = QFormLayout()
        form.addRow("Odometer", self.odometer)
        form.addRow("", odometer_hint)
        form.addRow("", self.no_reading)
        form.addRow("Keys handed back", self.keys)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _no_reading_toggled(self, checked: bool) -> None:
        self.odometer.setEnabled(not checked)
        self.refresh()

    def read_vehicle(self) -> tuple[int | None, int]:
        if self.no_reading.isChecked():
            return None, self.keys.value()
        reading = parse_reading(self.odometer.text())
        if reading is None:
            raise InvalidInput("Type the odometer reading (or tick that it cannot be read).")
        if reading > MAX_ODOMETER:
            raise InvalidInput(f"{reading:,} miles is not a believable reading; please check it.")
        if reading < self.preview.odometer_out:
            raise InvalidInput(
                f"The reading ({reading:,}) is lower than the {self.preview.odometer_out:,} miles on file; "
                "please check it."
            )
        return reading, self.keys.value()

    # -- page 3: condition ----------------------------------------------------

    def _condition_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel("Walk around the vehicle with them and rate each part. A part that needs work needs a note.")
        intro.setObjectName("returnIntro")
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        for column, label in enumerate(CONDITION_RATINGS.values(), start=1):
            header = QLabel(label)
            header.setObjectName("returnHint")
            grid.addWidget(header, 0, column, Qt.AlignCenter)
        note_header = QLabel("Note")
        note_header.setObjectName("returnHint")
        grid.addWidget(note_header, 0, len(CONDITION_RATINGS) + 1)
        self.ratings: dict[str, QButtonGroup] = {}
        self.rating_buttons: dict[tuple[str, str], QRadioButton] = {}
        self.part_notes: dict[str, QLineEdit] = {}
        for row, (part, label) in enumerate(CONDITION_PARTS.items(), start=1):
            grid.addWidget(QLabel(label), row, 0)
            group = QButtonGroup(self)
            for column, rating in enumerate(CONDITION_RATINGS, start=1):
                button = QRadioButton()
                button.setObjectName(f"{part}_{rating}")
                button.setAccessibleName(f"{label}: {CONDITION_RATINGS[rating]}")
                button.setToolTip(f"{label}: {CONDITION_RATINGS[rating].lower()}")
                group.addButton(button)
                self.rating_buttons[(part, rating)] = button
                grid.addWidget(button, row, column, Qt.AlignCenter)
            group.buttonToggled.connect(self.refresh)
            self.ratings[part] = group
            note = QLineEdit()
            note.setObjectName(f"{part}_note")
            note.setMaxLength(300)
            note.setPlaceholderText("optional")
            note.textChanged.connect(self.refresh)
            self.part_notes[part] = note
            grid.addWidget(note, row, len(CONDITION_RATINGS) + 1)
        grid.setColumnStretch(len(CONDITION_RATINGS) + 1, 1)
        self.mechanical = QPlainTextEdit()
        self.mechanical.setObjectName("returnMechanicalEdit")
        self.mechanical.setPlaceholderText("engine, brakes, warning lights, noises… (optional)")
        self.mechanical.setFixedHeight(64)
        self.mechanical.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.mechanical.textChanged.connect(self.refresh)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("returnNotesEdit")
        self.notes.setPlaceholderText("anything else worth keeping (optional)")
        self.notes.setFixedHeight(52)
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self.refresh)
        form = QFormLayout()
        form.addRow("Mechanical", self.mechanical)
        form.addRow("Other notes", self.notes)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def rating_of(self, part: str) -> str:
        return next(
            (rating for rating in CONDITION_RATINGS if self.rating_buttons[(part, rating)].isChecked()), ""
        )

    def read_condition(self) -> tuple[dict, str]:
        for part, note in self.part_notes.items():
            note.setPlaceholderText("what it needs (required)" if self.rating_of(part) == "needs_work" else "optional")
        checklist = {
            part: {"rating": self.rating_of(part), "note": note.text()} for part, note in self.part_notes.items()
        }
        checklist["mechanical"] = self.mechanical.toPlainText()
        condition = check_condition(checklist)
        notes = " ".join(self.notes.toPlainText().split())
        if len(notes) > MAX_NOTES:
            raise InvalidInput(f"The other notes are too long (at most {MAX_NOTES} characters).")
        return condition, notes

    # -- page 4: summary ------------------------------------------------------

    def _summary_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel(summary_sentence(self.preview))
        self.summary.setObjectName("returnSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        welcome = QLabel("There is no penalty, and they are welcome back for their next car.")
        welcome.setObjectName("returnWelcome")
        welcome.setWordWrap(True)
        self.recap = QLabel("")
        self.recap.setObjectName("returnRecap")
        self.recap.setWordWrap(True)
        self.recap.setTextFormat(Qt.RichText)
        self.approval = ApprovalFields(
            "return", what="take a vehicle return", thing="return", need_manager=self.need_manager, parent=page
        )
        self.manager, self.pin = self.approval.manager, self.approval.pin
        self.manager.currentIndexChanged.connect(self.refresh)
        self.pin.textChanged.connect(self.refresh)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(welcome)
        layout.addSpacing(4)
        layout.addWidget(self.recap)
        if self.need_manager:
            form = QFormLayout()
            self.approval.add_rows(form)
            layout.addSpacing(4)
            layout.addLayout(form)
        layout.addStretch(1)
        return page

    def read_manager(self) -> tuple[str, str]:
        return self.approval.read()

    def _fill_recap(self) -> None:
        """The answers side by side: the return on the left, the checklist on the right, notes below."""
        facts: list[tuple[str, str]] = []
        parts: list[tuple[str, str]] = []
        notes_rows: list[tuple[str, str]] = []
        try:
            key, text, day = self.read_reason()
            facts.append(("Why", RETURN_REASONS[key] + (f" — “{text}”" if text else "")))
            facts.append(("Came back", long_date(day)))
        except InvalidInput:
            pass
        try:
            reading, keys = self.read_vehicle()
            facts.append(("Odometer", f"{reading:,} miles" if reading is not None else "could not be read"))
            facts.append(("Keys", "none handed back" if keys == 0 else f"{keys} handed back"))
        except InvalidInput:
            pass
        try:
            condition, notes = self.read_condition()
            for part, label in CONDITION_PARTS.items():
                item = condition[part]
                rating = CONDITION_RATINGS[item["rating"]]
                parts.append((label, f"{rating} — {item['note']}" if item["note"] else rating))
            notes_rows.append(("Mechanical", condition["mechanical"] or "nothing noted"))
            if notes:
                notes_rows.append(("Other notes", notes))
        except InvalidInput:
            pass
        self.recap.setText(
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td valign='top' width='52%'>{_table(facts)}</td>"
            f"<td valign='top' width='48%'>{_table(parts)}</td></tr>"
            f"<tr><td colspan='2' style='padding-top:6px;'>{_table(notes_rows)}</td></tr></table>"
        )

    # -- moving between pages -------------------------------------------------

    def page_problem(self, index: int) -> str:
        """What still stops page ``index`` (words for the message line), or ""."""
        readers = (self.read_reason, self.read_vehicle, self.read_condition, self.read_manager)
        try:
            readers[index]()
        except InvalidInput as exc:
            return exc.message
        return ""

    def first_incomplete(self) -> int | None:
        return next((i for i in range(self.pages.count()) if self.page_problem(i)), None)

    def go(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.furthest = max(self.furthest, index)
        self.pages.setCurrentIndex(index)
        self.step.setText(f"Step {index + 1} of {len(STEPS)} — {STEPS[index]}")
        last = index == self.pages.count() - 1
        if last:
            self._fill_recap()
            self.adjustSize()  # the recap may be taller than the earlier pages
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        self.next_button.setDefault(not last)
        self.finish_button.setDefault(last)
        focus = {0: self.reasons.checkedButton() or self.reason_buttons["cannot_afford"], 1: self.odometer,
                 2: self.rating_buttons[(next(iter(CONDITION_PARTS)), "good")], 3: self.pin}[index]
        if focus.isEnabled() and focus.isVisibleTo(self):
            focus.setFocus()
        self.refresh()

    def previous_page(self) -> None:
        self.go(self.pages.currentIndex() - 1)

    def next_page(self) -> None:
        if not self.page_problem(self.pages.currentIndex()):
            self.go(self.pages.currentIndex() + 1)

    def refresh(self, *_args) -> None:
        index = self.pages.currentIndex()
        problem = self.page_problem(index)
        self.message.setText(problem)
        self.next_button.setEnabled(not problem)
        self.finish_button.setEnabled(index == self.pages.count() - 1 and self.first_incomplete() is None)

    # -- the answer -----------------------------------------------------------

    def value(self) -> ReturnInput | None:
        """Every answer, or None while something is missing (shown in the message line)."""
        incomplete = self.first_incomplete()
        if incomplete is not None:
            self.message.setText(self.page_problem(incomplete))
            return None
        reason, reason_text, returned_on = self.read_reason()
        odometer, keys = self.read_vehicle()
        condition, notes = self.read_condition()
        manager_name, manager_pin = self.read_manager()
        return ReturnInput(
            reason=reason, reason_text=reason_text, returned_on=returned_on, odometer=odometer,
            keys_returned=keys, condition=condition, notes=notes, manager_name=manager_name,
            manager_pin=manager_pin,
        )

    def accept(self) -> None:
        """Close with the answers only once they are complete and the manager's PIN
        approves; a wrong PIN keeps every answer and asks for the PIN again."""
        if (self.pages.currentIndex() == self.pages.count() - 1 and self.value() is not None
                and self.approval.approved()):
            super().accept()

    # -- leaving without a return ---------------------------------------------

    def abandon(self) -> None:
        """Cancel or Esc: once a step is behind them, ask before the answers are thrown
        away. ``reject`` itself stays silent: a lock, or a closing window, closes the
        dialog without a question nobody would be there to answer."""
        if self.furthest == 0 or self._discard_asked():
            self.reject()

    def _discard_asked(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Question, "Leave the return?",
                          "Leave without recording the return? The answers typed so far are lost.", parent=self)
        box.setObjectName("returnLeaveQuestion")
        leave = box.addButton("&Leave without recording", QMessageBox.DestructiveRole)
        stay = box.addButton("&Keep answering", QMessageBox.RejectRole)
        box.setDefaultButton(stay)  # Enter or Esc on the question keeps the answers
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is leave

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and not event.modifiers():
            self.abandon()
            return
        super().keyPressEvent(event)

    @classmethod
    def ask(
        cls, parent: QWidget | None, preview: ReturnPreview, *, need_manager: bool, today: dt.date
    ) -> ReturnInput | None:
        """Show it; the answers once the return is confirmed, else None."""
        dialog = cls(preview, need_manager=need_manager, today=today, parent=parent)
        try:
            return dialog.value() if dialog.exec() == QDialog.Accepted else None
        finally:
            dialog.deleteLater()  # Qt frees it, not a later garbage collection
