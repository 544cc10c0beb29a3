"""Book an appointment for a customer: what for, when, and a note.

Returns an ``AppointmentInput``; it never writes to the database. A time that
has passed, or one more than a year away, is refused in plain words and the
dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QDialogButtonBox, QLineEdit, QWidget

from ..domain.contacts import AppointmentPurpose
from ..domain.errors import InvalidInput
from .dialogs import FormDialog

#: How far ahead an appointment may be booked (the service refuses beyond it too).
MOST_DAYS_AHEAD = 365


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(to_qdate(moment.date()), QTime(moment.hour, moment.minute))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    return dt.datetime.combine(from_qdate(value.date()), dt.time(value.time().hour(), value.time().minute()))


def say_when(moment: dt.datetime) -> str:
    """'Tue Nov 24 at 9:30 AM'."""
    return f"{moment:%a %b} {moment.day} at {moment:%I:%M %p}".replace(" at 0", " at ")


def default_start(now: dt.datetime) -> dt.datetime:
    """Tomorrow at 10 in the morning: a time most people can make."""
    return dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(10, 0))


@dataclass(frozen=True)
class AppointmentInput:
    """Attributes: purpose; starts_at (to the minute); note ("" for none)."""

    purpose: AppointmentPurpose
    starts_at: dt.datetime
    note: str


class AppointmentDialog(FormDialog):
    def __init__(self, customer_name: str, *, now: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__("appointmentDialog", f"Book an appointment — {customer_name}", parent)
        self.now = now
        self.purpose = QComboBox()
        self.purpose.setObjectName("appointmentPurposeCombo")
        for purpose in AppointmentPurpose:
            self.purpose.addItem(purpose.label, purpose.value)
        self.starts = QDateTimeEdit()
        self.starts.setObjectName("appointmentStartsEdit")
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("ddd MMM d, yyyy  h:mm AP")
        # Days before today cannot be picked at all; an hour already gone today is refused on Save.
        self.starts.setMinimumDate(to_qdate(now.date()))
        self.starts.setMaximumDate(to_qdate(now.date() + dt.timedelta(days=MOST_DAYS_AHEAD)))
        self.starts.setDateTime(to_qdatetime(default_start(now)))
        self.starts.setMaximumWidth(260)
        self.note = QLineEdit()
        self.note.setObjectName("appointmentNoteEdit")
        self.note.setMaxLength(500)
        self.note.setPlaceholderText("optional — e.g. wants to see the blue Civic")
        self.form.addRow("What for", self.purpose)
        self.form.addRow("When", self.starts)
        self.form.addRow("Note", self.note)
        save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        save.setText("&Book")
        save.setObjectName("appointmentSaveButton")

    def read(self) -> AppointmentInput:
        starts_at = from_qdatetime(self.starts.dateTime())
        if starts_at <= self.now:
            raise InvalidInput(
                f"{say_when(starts_at)} has already passed; please choose a later time."
            )
        if starts_at.date() > self.now.date() + dt.timedelta(days=MOST_DAYS_AHEAD):
            raise InvalidInput("That is more than a year away; please choose a nearer day.")
        purpose = AppointmentPurpose(self.purpose.currentData())
        note = " ".join(self.note.text().split())
        if purpose is AppointmentPurpose.OTHER and not note:
            raise InvalidInput("Please say in the note what the appointment is for.")
        return AppointmentInput(purpose, starts_at, note)

    @classmethod
    def ask(cls, parent: QWidget | None, customer_name: str, *, now: dt.datetime) -> AppointmentInput | None:
        """Show it; the appointment once Book is accepted, else None."""
        dialog = cls(customer_name, now=now, parent=parent)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()
