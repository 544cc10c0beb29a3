"""A complaint about a vehicle: log a new one, or move one along
(open → in repair → resolved, with what was done).

The dialogs return what was typed; they never write to the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from ..domain.contacts import ComplaintSeverity, ComplaintStatus
from ..domain.errors import InvalidInput
from ..services.files import now as clock
from .appointment_dialog import from_qdate, to_qdate
from .dialogs import FormDialog

#: The longest description of a complaint.
MOST_CHARACTERS = 2000
#: How long ago a complaint may be said to have been reported.
MOST_DAYS_BACK = 365

_SEVERITY_HINT = {
    "minor": "an annoyance; the car is fine to drive",
    "serious": "needs fixing soon",
    "safety": "not safe to drive until fixed",
}


@dataclass(frozen=True)
class ComplaintInput:
    """Attributes: what (their words); severity; reported_on; agreement_id: the agreement of
    the car it is about (None: not about one of their cars)."""

    what: str
    severity: ComplaintSeverity
    reported_on: dt.date
    agreement_id: int | None


class ComplaintDialog(FormDialog):
    def __init__(
        self, customer_name: str, vehicles: list[tuple[int, str]], parent: QWidget | None = None,
        *, today: dt.date | None = None,
    ) -> None:
        super().__init__("complaintDialog", f"Complaint — {customer_name}", parent)
        self.today = today or clock().date()
        self.what = QPlainTextEdit()
        self.what.setObjectName("complaintWhatEdit")
        self.what.setPlaceholderText("What is wrong, in their words — e.g. the AC blows warm air")
        self.what.setFixedHeight(80)
        self.severity_group = QButtonGroup(self)
        self.severity_buttons: dict[ComplaintSeverity, QRadioButton] = {}
        severity_row = QHBoxLayout()
        for severity in ComplaintSeverity:
            button = QRadioButton(severity.label)
            button.setObjectName(f"severityRadio_{severity.value}")
            button.setToolTip(_SEVERITY_HINT.get(severity.value, ""))
            self.severity_group.addButton(button)
            self.severity_buttons[severity] = button
            severity_row.addWidget(button)
        severity_row.addStretch(1)
        self.severity_hint = QLabel("")
        self.severity_hint.setObjectName("complaintHint")
        self.reported_on = QDateEdit()
        self.reported_on.setObjectName("complaintReportedEdit")
        self.reported_on.setCalendarPopup(True)
        self.reported_on.setDisplayFormat("ddd MMM d, yyyy")
        self.reported_on.setDate(to_qdate(self.today))
        self.reported_on.setMaximumWidth(200)
        self.vehicle = QComboBox()
        self.vehicle.setObjectName("complaintVehicleCombo")
        for agreement_id, label in vehicles:
            self.vehicle.addItem(label, agreement_id)
        self.vehicle.addItem("Not about one of their vehicles", None)
        self.form.addRow("What is wrong", self.what)
        self.form.addRow("How serious", severity_row)
        self.form.addRow("", self.severity_hint)
        self.form.addRow("Reported on", self.reported_on)
        self.form.addRow("Vehicle", self.vehicle)
        save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        save.setText("&Log complaint")
        save.setObjectName("complaintSaveButton")
        self.severity_group.buttonToggled.connect(self._show_hint)

    def _show_hint(self, *_args) -> None:
        severity = self.severity()
        self.severity_hint.setText(f"{severity.label}: {_SEVERITY_HINT[severity.value]}." if severity else "")

    def severity(self) -> ComplaintSeverity | None:
        return next((s for s, b in self.severity_buttons.items() if b.isChecked()), None)

    def read(self) -> ComplaintInput:
        what = self.what.toPlainText().strip()
        if not what:
            raise InvalidInput("Please type what is wrong, in the customer's words.")
        if len(what) > MOST_CHARACTERS:
            raise InvalidInput(f"That is too long (at most {MOST_CHARACTERS} characters); please shorten it.")
        severity = self.severity()
        if severity is None:
            raise InvalidInput("Please choose how serious it is.")
        reported_on = from_qdate(self.reported_on.date())
        if reported_on > self.today:
            raise InvalidInput("The day it was reported is in the future; please check the date.")
        if reported_on < self.today - dt.timedelta(days=MOST_DAYS_BACK):
            raise InvalidInput("The day it was reported is more than a year ago; please check the date.")
        return ComplaintInput(what, severity, reported_on, self.vehicle.currentData())

    @classmethod
    def ask(
        cls, parent: QWidget | None, customer_name: str, vehicles: list[tuple[int, str]],
        *, today: dt.date | None = None,
    ) -> ComplaintInput | None:
        """Show it; the complaint once it is accepted, else None. ``vehicles``: (agreement id,
        label such as "2014 Honda Accord · S1001") for each car they have or had with us, the
        one the complaint is most likely about first."""
        dialog = cls(customer_name, vehicles, parent, today=today)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()


MANAGER_RESOLVES = "A manager marks a complaint resolved; ask a manager once the work is done."


class ComplaintStatusDialog(FormDialog):
    """Move a complaint along: in repair, or resolved (then what was done is required)."""

    def __init__(
        self, what: str, status: ComplaintStatus, parent: QWidget | None = None, *, may_resolve: bool = True,
    ) -> None:
        super().__init__("complaintStatusDialog", "Move the complaint along", parent)
        self.current = status
        about = QLabel(f"“{what}” — now {status.label.lower()}.")
        about.setObjectName("complaintAbout")
        about.setWordWrap(True)
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[ComplaintStatus, QRadioButton] = {}
        row = QHBoxLayout()
        for target in (s for s in ComplaintStatus if status.can_move_to(s)):
            button = QRadioButton(target.label)
            button.setObjectName(f"statusRadio_{target.value}")
            self.status_group.addButton(button)
            self.status_buttons[target] = button
            row.addWidget(button)
            if target is ComplaintStatus.RESOLVED and not may_resolve:
                button.setEnabled(False)
                button.setToolTip(MANAGER_RESOLVES)
        row.addStretch(1)
        choices = [b for b in self.status_buttons.values() if b.isEnabled()]
        if len(choices) == 1:
            choices[0].setChecked(True)
        self.manager_hint = QLabel("" if may_resolve else MANAGER_RESOLVES)
        self.manager_hint.setObjectName("complaintHint")
        self.manager_hint.setVisible(not may_resolve and ComplaintStatus.RESOLVED in self.status_buttons)
        self.note_label = QLabel("Note")
        self.note = QPlainTextEdit()
        self.note.setObjectName("complaintNoteEdit")
        self.note.setFixedHeight(80)
        self.form.addRow(about)
        self.form.addRow("Move to", row)
        self.form.addRow("", self.manager_hint)
        self.form.addRow(self.note_label, self.note)
        save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        save.setText("&Move")
        save.setObjectName("complaintMoveButton")
        self.status_group.buttonToggled.connect(self._fit_note)
        self._fit_note()

    def target(self) -> ComplaintStatus | None:
        return next((s for s, b in self.status_buttons.items() if b.isChecked()), None)

    def _fit_note(self, *_args) -> None:
        resolved = self.target() is ComplaintStatus.RESOLVED
        self.note_label.setText("What was done" if resolved else "Note")
        self.note.setPlaceholderText(
            "Required — e.g. replaced the AC compressor; customer happy with it" if resolved
            else "optional — e.g. in the shop, parts ordered"
        )

    def read(self) -> tuple[ComplaintStatus, str]:
        if not self.status_buttons:
            raise InvalidInput("This complaint is resolved; there is nothing more to move.")
        if not any(b.isEnabled() for b in self.status_buttons.values()):
            raise InvalidInput(MANAGER_RESOLVES)
        target = self.target()
        if target is None:
            raise InvalidInput("Please choose where the complaint is now.")
        note = self.note.toPlainText().strip()
        if target is ComplaintStatus.RESOLVED and not note:
            raise InvalidInput("Please type what was done to resolve it.")
        if len(note) > MOST_CHARACTERS:
            raise InvalidInput(f"The note is too long (at most {MOST_CHARACTERS} characters); please shorten it.")
        return target, note

    @classmethod
    def ask(
        cls, parent: QWidget | None, complaint_line, *, may_resolve: bool = True,
    ) -> tuple[ComplaintStatus, str] | None:
        """Show it for a ``ComplaintLine``; (new status, note) once accepted, else None.
        ``may_resolve``: False for a clerk (a manager marks a complaint resolved)."""
        dialog = cls(complaint_line.what, ComplaintStatus(complaint_line.status), parent, may_resolve=may_resolve)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()
