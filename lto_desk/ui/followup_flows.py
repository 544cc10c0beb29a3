"""The relationship flows of the counter window: the follow-up list (its page
and its count), the customer's contact log, appointments, complaints, "bought
elsewhere", the relationship reports and the mailing-list export.

Each flow asks with a dialog (which never writes), then does one operation; its
announcement redraws the card, the contact log and the follow-up count.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from ..domain.errors import LtoError
from ..domain.roles import Role
from ..services import appointments, complaints, contacts, departures, followups
from ..services.counter import LookupRow
from ..services.files import now as clock
from ..services.mailing import export_mailing_list
from .appointment_dialog import AppointmentDialog
from .complaint_dialog import ComplaintDialog, ComplaintStatusDialog
from .contact_log_tab import ContactDialog, ContactLogPanel
from .departure_dialog import DepartureDialog
from .followups_panel import FollowUpPanel
from .operations import Changes, run
from .reports_window import ReportsWindow, open_reports

if TYPE_CHECKING:
    from ..services.counter import Card
    from .desk import Desk
    from .shown_customer import OnScreen


class FollowUpFlows(QObject):
    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self.window = desk
        self.panel = FollowUpPanel(lambda: desk.actor)
        self.panel.setObjectName("followUpPage")
        self.contact_log = ContactLogPanel()
        self.regenerated_on = None
        desk.hub.changed.connect(self.panel.heard)
        desk.shown.shown.connect(self.show_customer)
        self.panel.count_changed.connect(self._show_count)
        self.panel.open_customer.connect(self.open_at_counter)
        log = self.contact_log
        log.contact_requested.connect(self.log_contact)
        log.appointment_requested.connect(self.book_appointment)
        log.complaint_requested.connect(self.log_complaint)
        log.departure_requested.connect(self.bought_elsewhere)
        log.appointment_marked.connect(self.mark_appointment)
        log.appointment_cancel_requested.connect(self.cancel_appointment)
        log.complaint_move_requested.connect(self.move_complaint)

    # -- the list and its count ------------------------------------------------------
    def _show_count(self, n: int) -> None:
        action = self.window.followups_action
        action.setText(f"Follow-ups ({n})" if n else "Follow-ups")
        action.setToolTip(f"{n} follow-up{'s' if n != 1 else ''} due today or overdue (F9)")

    def logged_out(self) -> None:
        """Nobody at the counter: no count on the toolbar until someone logs in."""
        action = self.window.followups_action
        action.setText("Follow-ups")
        action.setToolTip("Follow-ups due today or overdue (F9)")

    def logged_in(self) -> None:
        """Make today's tasks once a day (idempotent), then show the count: the first
        log-in of the day makes them, in the name of whoever logged in."""
        today = clock().date()
        if self.regenerated_on != today and self.window.actor is not None:
            try:
                followups.regenerate_follow_ups(self.window.actor, today)
                self.regenerated_on = today
            except LtoError as exc:
                self.window.say(f"Today's follow-ups could not be made: {exc.message}", "warning")
        self.panel.refresh(today)

    def show_list(self) -> None:
        window = self.window
        if window.actor is None:
            return
        if window.stack.currentWidget() is self.panel:
            self.back_to_counter()
            return
        self.panel.refresh(clock().date())
        window.stack.setCurrentWidget(self.panel)
        window.followups_action.setChecked(True)

    def back_to_counter(self) -> None:
        window = self.window
        window.followups_action.setChecked(False)
        if window.actor is not None:
            window.stack.setCurrentWidget(window.counter)
            window.shown.reload()

    def open_at_counter(self, customer_id: int) -> None:
        self.back_to_counter()
        self.window.open_customer(LookupRow(customer_id, None, "", "", "", 0, ""))

    # -- the customer's contact log tab --------------------------------------------------
    def show_customer(self, shown: OnScreen) -> None:
        cid, actor = shown.card.customer_id, self.window.actor
        self.contact_log.set_rows(contacts.contact_log(actor, cid))
        self.contact_log.set_appointments(appointments.appointments_of(actor, cid))
        self.contact_log.set_complaints(complaints.complaints_of(actor, cid))

    def _ready(self) -> "Card | None":
        window = self.window
        return window.card.card if window.actor is not None else None

    def _do(self, call, done: str) -> bool:
        """One operation on the customer on screen, which may make or close tasks: the
        card, the log and the count redraw on its announcement; then ``done`` is said."""
        card = self.window.card.card
        changes = Changes(customer_id=card.customer_id if card else None, follow_ups=True)
        if run(self.window, call, changes, failed=" Nothing was saved.") is None:
            return False
        self.window.say(done)
        return True

    def log_contact(self) -> None:
        card = self._ready()
        if card is None:
            return
        got = ContactDialog.ask(self.window, card.name)
        if got is None or self.window.actor is None:
            return
        self._do(lambda: contacts.log_contact(self.window.actor, card.customer_id, got.channel, got.outcome, got.note,
                                              call_back_on=got.call_back_on),
                 f"Contact with {card.name} logged.")

    def book_appointment(self) -> None:
        card = self._ready()
        if card is None:
            return
        got = AppointmentDialog.ask(self.window, card.name, now=clock())
        if got is None or self.window.actor is None:
            return
        self._do(lambda: appointments.book_appointment(self.window.actor, card.customer_id, got.purpose, got.starts_at,
                                                       got.note, agreement_id=card.agreement_id),
                 f"Appointment booked for {card.name}: {got.starts_at:%a %b %d at %I:%M %p}.".replace(" 0", " "))

    def mark_appointment(self, appointment_id: int, kept: bool) -> None:
        if self.window.actor is None:
            return
        self._do(lambda: appointments.mark_appointment(self.window.actor, appointment_id, kept),
                 "Marked kept — thanks for seeing them." if kept
                 else "Marked missed. A \u201csorry we missed you\u201d call is on tomorrow's list.")

    def cancel_appointment(self, appointment_id: int) -> None:
        if self.window.actor is None:
            return
        self._do(lambda: appointments.cancel_appointment(self.window.actor, appointment_id), "Appointment cancelled.")

    def log_complaint(self) -> None:
        card = self._ready()
        if card is None:
            return
        vehicles = [(a.agreement_id, f"{a.vehicle} · {a.stock_number}") for a in card.agreements]
        got = ComplaintDialog.ask(self.window, card.name, vehicles, today=clock().date())
        if got is None or self.window.actor is None:
            return
        self._do(lambda: complaints.open_complaint(self.window.actor, card.customer_id, got.what, got.severity,
                                                   reported_on=got.reported_on, agreement_id=got.agreement_id),
                 "Complaint logged. It stays on the card, with a follow-up, until it is resolved.")

    def move_complaint(self, complaint_id: int) -> None:
        window = self.window
        if window.actor is None:
            return
        card = window.card.card
        listed = complaints.complaints_of(window.actor, card.customer_id) if card else []
        line = next((c for c in listed if c.id == complaint_id), None)
        if line is None:
            return
        got = ComplaintStatusDialog.ask(window, line, may_resolve=window.actor.role.at_least(Role.MANAGER))
        if got is None or window.actor is None:
            return
        status, note = got
        self._do(lambda: complaints.move_complaint(window.actor, complaint_id, status, note),
                 f"Complaint is now {status.label.lower()}.")

    def bought_elsewhere(self) -> None:
        card = self._ready()
        if card is None:
            return
        got = DepartureDialog.ask(self.window, card.name)
        if got is None or self.window.actor is None:
            return
        self._do(lambda: departures.record_departure(self.window.actor, card.customer_id, got),
                 f"Thanks — what {card.preferred_name} told us is saved." + (
                     " A manager has a call on today's list to try to win them back." if not got.taken_delivery
                     and got.stay_in_touch else ""))

    # -- reports and the mailing list -----------------------------------------------------
    def close_windows(self) -> None:
        """On a lock: reports (customer names in them) close too."""
        for w in self.window.findChildren(ReportsWindow):
            w.close()

    def open_reports(self) -> ReportsWindow | None:
        window = self.window
        if window.actor is None:
            return None
        return open_reports(window, window.location, lambda: window.actor)

    def statement(self) -> ReportsWindow | None:
        """The statement (every entry, running balance) of the agreement on the card."""
        window = self.window
        card = window.card.card
        if window.actor is None:
            return None
        if card is None or card.agreement_id is None:
            window.say("Open a customer with an agreement first; the statement is for the agreement on the card.",
                       "warning")
            return None
        return open_reports(window, window.location, lambda: window.actor, report="statement",
                            agreement_id=card.agreement_id)

    def choose_and_export_mailing_list(self) -> None:
        """Reports → Export mailing list…: where to save it is asked first."""
        self.export_mailing_list()

    def export_mailing_list(self, path: str | None = None) -> None:
        window = self.window
        if window.actor is None:
            return
        if not window.actor.role.at_least(Role.MANAGER):
            window.say("A manager exports the mailing list.", "warning")
            return
        if path is None:
            suggested = window.location.folder("reports") / f"mailing-list-{clock():%Y-%m-%d}.csv"
            path, _ = QFileDialog.getSaveFileName(window, "Export the mailing list", str(suggested), "CSV (*.csv)")
            if not path:
                return
        try:
            count = export_mailing_list(self.window.actor, Path(path))
        except LtoError as exc:
            window.say(exc.message, "error")
            return
        window.say(f"Mailing list saved: {count} customer{'s' if count != 1 else ''} who agreed to mail, at {path}. "
                   "Anyone who asked us to stop is left out.")
