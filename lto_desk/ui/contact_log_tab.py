"""The contact log tab: every call, text, visit and letter with the customer and how
it went, beside their appointments and complaints; and the small dialog for
logging a contact by hand.

The panel only shows and asks: its buttons emit signals, and the main window
opens the dialogs and calls the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.contacts import AppointmentStatus, ComplaintStatus, ContactChannel
from ..domain.errors import InvalidInput
from ..domain.followups import Outcome
from ..services.appointments import AppointmentLine
from ..services.complaints import ComplaintLine
from ..services.contacts import ContactLine
from ..services.files import now as clock
from .appointment_dialog import from_qdate, to_qdate
from .dialogs import FormDialog
from .models import RowsModel
from .widgets import row_table

CONTACTS_EMPTY = "No contacts logged yet. Calls worked from the follow-up list show here too."
APPOINTMENTS_EMPTY = "No appointments booked."
COMPLAINTS_EMPTY = "No complaints — good."
NO_CUSTOMER = "Find a customer to see their contact log."


def _moment(at) -> str:
    """'Nov 23, 2026 9:07 AM'."""
    return f"{at:%b} {at.day}, {at.year} {at:%I:%M %p}".replace(" 0", " ") if at else ""


def _day(day) -> str:
    return f"{day:%b} {day.day}, {day.year}" if day else ""


def outcome_text(line: ContactLine) -> str:
    """How it went, with the day to call again when one was set: 'Call back on Tue Nov 24'."""
    if line.call_back_on is None:
        return line.outcome_label
    day = f"{line.call_back_on:%a %b} {line.call_back_on.day}"
    if line.outcome == Outcome.CALL_BACK.value:
        return f"Call back on {day}"
    return f"{line.outcome_label}; call again {day}"


class ContactsModel(RowsModel[ContactLine]):
    columns = (
        ("When", lambda c: _moment(c.at), False),
        ("By", lambda c: c.clerk, False),
        ("How", lambda c: c.channel_label, False),
        ("Outcome", outcome_text, False),
        ("About", lambda c: c.follow_up_label, False),
        ("Note", lambda c: c.note, False),
    )

    def extra(self, row: ContactLine, role: int) -> Any:
        if role == Qt.ToolTipRole and row.note:
            return row.note
        return None


class AppointmentsModel(RowsModel[AppointmentLine]):
    columns = (
        ("When", lambda a: _moment(a.starts_at), False),
        ("For", lambda a: a.purpose_label, False),
        ("Status", lambda a: a.status_label, False),
        ("Note", lambda a: a.note, False),
    )

    def extra(self, row: AppointmentLine, role: int) -> Any:
        if role == Qt.ForegroundRole and row.status != AppointmentStatus.BOOKED.value:
            return QColor("#6b7280")
        if role == Qt.ToolTipRole and row.note:
            return row.note
        return None


class ComplaintsModel(RowsModel[ComplaintLine]):
    columns = (
        ("Reported", lambda c: _day(c.reported_on), False),
        ("What", lambda c: c.what, False),
        ("How serious", lambda c: c.severity_label, False),
        ("Status", lambda c: c.status_label, False),
    )

    def extra(self, row: ComplaintLine, role: int) -> Any:
        if role == Qt.ForegroundRole and row.status == ComplaintStatus.RESOLVED.value:
            return QColor("#6b7280")
        if role == Qt.ToolTipRole:
            return complaint_tip(row)
        return None


def complaint_tip(row: ComplaintLine) -> str:
    """The whole complaint in words (the table is narrow): what, the vehicle, what was done."""
    bits = [row.what]
    if row.vehicle:
        bits.append(f"Vehicle: {row.vehicle}")
    if row.resolution:
        done = f" ({_day(row.resolved_on)}{', ' + row.resolved_by if row.resolved_by else ''})" if row.resolved_on else ""
        bits.append(f"What was done{done}: {row.resolution}")
    return "\n".join(bits)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("cardSectionTitle")
    return label


def _empty(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
    return label


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


def _table(model: RowsModel, name: str, stretch: int) -> QTableView:
    table = row_table(model, name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    table.setWordWrap(False)
    return table


class ContactLogPanel(QWidget):
    """Signals for the main window: ``contact_requested``, ``appointment_requested``,
    ``complaint_requested``, ``departure_requested`` (the four buttons along the bottom);
    ``appointment_marked(appointment id, kept)``, ``appointment_cancel_requested(id)``,
    ``complaint_move_requested(complaint id)``."""

    contact_requested = Signal()
    appointment_requested = Signal()
    complaint_requested = Signal()
    departure_requested = Signal()
    appointment_marked = Signal(int, bool)
    appointment_cancel_requested = Signal(int)
    complaint_move_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactLogPanel")
        self.contacts_model = ContactsModel(self)
        self.contacts_table = _table(self.contacts_model, "contactLogTable", stretch=5)
        # The task a contact answered can be long; the note gets the room that is left.
        self.contacts_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.Interactive)
        self.contacts_table.setColumnWidth(4, 150)
        self.contacts_empty = _empty("contactLogEmpty")
        self.appointments_model = AppointmentsModel(self)
        self.appointments_table = _table(self.appointments_model, "appointmentsTable", stretch=3)
        self.appointments_empty = _empty("appointmentsEmpty")
        self.complaints_model = ComplaintsModel(self)
        self.complaints_table = _table(self.complaints_model, "complaintsTable", stretch=1)
        self.complaints_empty = _empty("complaintsEmpty")

        self.kept_button = _button("Kept", "appointmentKeptButton")
        self.missed_button = _button("Missed", "appointmentMissedButton")
        self.missed_button.setToolTip("Makes a friendly “sorry we missed you” call for tomorrow.")
        self.cancel_button = _button("Cancel appointment", "appointmentCancelButton")
        self.move_button = _button("Move…", "complaintMoveButton")
        self.move_button.setToolTip("In repair, or resolved with what was done.")
        self.contact_button = _button("Log a contact…", "logContactButton")
        self.appointment_button = _button("Book appointment…", "bookAppointmentButton")
        self.complaint_button = _button("Log complaint…", "logComplaintButton")
        self.departure_button = _button("Bought elsewhere…", "boughtElsewhereButton")

        left = QVBoxLayout()
        left.addWidget(_title("Contact log"))
        left.addWidget(self.contacts_table, 1)
        left.addWidget(self.contacts_empty, 1)
        appointment_buttons = QHBoxLayout()
        for b in (self.kept_button, self.missed_button, self.cancel_button):
            appointment_buttons.addWidget(b)
        appointment_buttons.addStretch(1)
        complaint_buttons = QHBoxLayout()
        complaint_buttons.addWidget(self.move_button)
        complaint_buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(_title("Appointments"))
        right.addWidget(self.appointments_table, 1)
        right.addWidget(self.appointments_empty)
        right.addLayout(appointment_buttons)
        right.addWidget(_title("Complaints"))
        right.addWidget(self.complaints_table, 1)
        right.addWidget(self.complaints_empty)
        right.addLayout(complaint_buttons)
        right.addStretch(0)  # takes the slack only while both lists are empty
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        actions = QHBoxLayout()
        for b in (self.contact_button, self.appointment_button, self.complaint_button, self.departure_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(actions)

        self.contact_button.clicked.connect(self.contact_requested)
        self.appointment_button.clicked.connect(self.appointment_requested)
        self.complaint_button.clicked.connect(self.complaint_requested)
        self.departure_button.clicked.connect(self.departure_requested)
        self.kept_button.clicked.connect(lambda: self._mark(True))
        self.missed_button.clicked.connect(lambda: self._mark(False))
        self.cancel_button.clicked.connect(self._cancel)
        self.move_button.clicked.connect(self._move)
        self.appointments_table.selectionModel().selectionChanged.connect(self._fit_buttons)
        self.complaints_table.selectionModel().selectionChanged.connect(self._fit_buttons)
        self.clear()

    # -- filling ----------------------------------------------------------------------------
    def clear(self) -> None:
        """No customer open: nothing listed, nothing to add to."""
        self.set_rows(())
        self.set_appointments(())
        self.set_complaints(())
        self.contacts_empty.setText(NO_CUSTOMER)
        for b in (self.contact_button, self.appointment_button, self.complaint_button, self.departure_button):
            b.setEnabled(False)

    def set_rows(self, rows) -> None:
        """The customer's contact log (``ContactLine``s, newest first)."""
        self._fill(self.contacts_model, self.contacts_table, self.contacts_empty, rows, CONTACTS_EMPTY)
        for b in (self.contact_button, self.appointment_button, self.complaint_button, self.departure_button):
            b.setEnabled(True)

    def set_appointments(self, rows) -> None:
        """The customer's appointments (``AppointmentLine``s)."""
        self._fill(self.appointments_model, self.appointments_table, self.appointments_empty, rows,
                   APPOINTMENTS_EMPTY)

    def set_complaints(self, rows) -> None:
        """The customer's complaints (``ComplaintLine``s), open ones and resolved ones."""
        self._fill(self.complaints_model, self.complaints_table, self.complaints_empty, rows, COMPLAINTS_EMPTY)

    def _fill(self, model: RowsModel, table: QTableView, empty: QLabel, rows, words: str) -> None:
        model.set_rows(tuple(rows))
        table.setVisible(bool(rows))
        empty.setText(words)
        empty.setVisible(not rows)
        if rows and table is not self.contacts_table:  # ready for Kept / Missed / Move…
            table.selectRow(0)
        self._fit_buttons()

    # -- choosing ---------------------------------------------------------------------------
    def selected_appointment(self) -> AppointmentLine | None:
        index = self.appointments_table.currentIndex()
        return self.appointments_model.row_at(index.row()) if index.isValid() else None

    def selected_complaint(self) -> ComplaintLine | None:
        index = self.complaints_table.currentIndex()
        return self.complaints_model.row_at(index.row()) if index.isValid() else None

    def select_appointment(self, appointment_id: int) -> None:
        for n in range(self.appointments_model.rowCount()):
            if self.appointments_model.row_at(n).id == appointment_id:
                self.appointments_table.selectRow(n)

    def select_complaint(self, complaint_id: int) -> None:
        for n in range(self.complaints_model.rowCount()):
            if self.complaints_model.row_at(n).id == complaint_id:
                self.complaints_table.selectRow(n)

    def _fit_buttons(self, *_args) -> None:
        appointment = self.selected_appointment()
        booked = appointment is not None and appointment.status == AppointmentStatus.BOOKED.value
        for b in (self.kept_button, self.missed_button, self.cancel_button):
            b.setEnabled(booked)
        complaint = self.selected_complaint()
        self.move_button.setEnabled(complaint is not None and complaint.status != ComplaintStatus.RESOLVED.value)

    def _mark(self, kept: bool) -> None:
        appointment = self.selected_appointment()
        if appointment is not None and appointment.status == AppointmentStatus.BOOKED.value:
            self.appointment_marked.emit(appointment.id, kept)

    def _cancel(self) -> None:
        appointment = self.selected_appointment()
        if appointment is not None and appointment.status == AppointmentStatus.BOOKED.value:
            self.appointment_cancel_requested.emit(appointment.id)

    def _move(self) -> None:
        complaint = self.selected_complaint()
        if complaint is not None and complaint.status != ComplaintStatus.RESOLVED.value:
            self.complaint_move_requested.emit(complaint.id)


@dataclass(frozen=True)
class ContactInput:
    """Attributes: channel, outcome, note ("" for none); call_back_on: the day to call
    again (needed for "Call back on…", else None)."""

    channel: ContactChannel
    outcome: Outcome
    note: str
    call_back_on: dt.date | None = None


#: "Bought elsewhere" has its own questions ("Bought elsewhere…" on the tab).
CONTACT_OUTCOMES = tuple(o for o in Outcome if o is not Outcome.BOUGHT_ELSEWHERE)


class ContactDialog(FormDialog):
    """A contact made outside the follow-up list: how, how it went, a note, and the
    day to call back when they asked for one."""

    def __init__(self, customer_name: str, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__("contactDialog", f"Log a contact — {customer_name}", parent)
        self.today = today or clock().date()
        self.channel = QComboBox()
        self.channel.setObjectName("contactChannelCombo")
        for channel in ContactChannel:
            self.channel.addItem(channel.label, channel.value)
        self.outcome = QComboBox()
        self.outcome.setObjectName("contactOutcomeCombo")
        for outcome in CONTACT_OUTCOMES:
            self.outcome.addItem(outcome.label, outcome.value)
        self.outcome.setCurrentIndex(-1)
        self.outcome.setPlaceholderText("choose one")
        self.call_back_label = QLabel("Call back on")
        self.call_back_on = QDateEdit()
        self.call_back_on.setObjectName("contactCallBackEdit")
        self.call_back_on.setCalendarPopup(True)
        self.call_back_on.setDisplayFormat("ddd MMM d, yyyy")
        self.call_back_on.setMinimumDate(to_qdate(self.today + dt.timedelta(days=1)))
        self.call_back_on.setDate(to_qdate(self.today + dt.timedelta(days=1)))
        self.call_back_on.setMaximumWidth(200)
        self.note = QPlainTextEdit()
        self.note.setObjectName("contactNoteEdit")
        self.note.setPlaceholderText("What did they say? (optional)")
        self.note.setFixedHeight(80)
        self.form.addRow("How", self.channel)
        self.form.addRow("How it went", self.outcome)
        self.form.addRow(self.call_back_label, self.call_back_on)
        self.form.addRow("Note", self.note)
        save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        save.setObjectName("contactSaveButton")
        self.outcome.currentIndexChanged.connect(self._fit_date)
        self._fit_date()

    def chosen(self) -> Outcome | None:
        return Outcome(self.outcome.currentData()) if self.outcome.currentIndex() >= 0 else None

    def _fit_date(self, *_args) -> None:
        needs = self.chosen() is Outcome.CALL_BACK
        self.call_back_label.setVisible(needs)
        self.call_back_on.setVisible(needs)

    def read(self) -> ContactInput:
        outcome = self.chosen()
        if outcome is None:
            raise InvalidInput("Please choose how it went.")
        note = self.note.toPlainText().strip()
        if len(note) > 2000:
            raise InvalidInput("The note is too long (at most 2000 characters); please shorten it.")
        call_back_on = from_qdate(self.call_back_on.date()) if outcome is Outcome.CALL_BACK else None
        return ContactInput(ContactChannel(self.channel.currentData()), outcome, note, call_back_on)

    @classmethod
    def ask(cls, parent: QWidget | None, customer_name: str, *, today: dt.date | None = None) -> ContactInput | None:
        """Show it; the contact once Save is accepted, else None."""
        dialog = cls(customer_name, parent, today=today)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()
