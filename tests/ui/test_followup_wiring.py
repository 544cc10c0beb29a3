"""Follow-ups, the contact log, complaints, appointments and the mailing list,
driven through the real counter window."""

from __future__ import annotations

import csv
import datetime as dt
import io

from PySide6.QtCore import Qt

from helpers import answer, log_in
from lto_desk.domain.contacts import AppointmentPurpose, ComplaintSeverity, ComplaintStatus
from lto_desk.domain.followups import FollowUpKind, Outcome
from lto_desk.services import appointments, contacts, followups
from lto_desk.services.relationship import ProfileChanges, set_mailing_consent, update_profile
from lto_desk.store.models import Customer
from lto_desk.ui import appointment_dialog, complaint_dialog
from lto_desk.ui.appointment_dialog import AppointmentInput
from lto_desk.ui.complaint_dialog import ComplaintInput



def open_smith(qtbot, window) -> None:
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    assert window.card.card.name == "John Smith"


def test_the_toolbar_counts_todays_follow_ups_and_working_one_lands_in_the_contact_log(owner, qtbot, window):
    log_in(qtbot, window)
    today = dt.date.today()
    due = followups.due_count(owner, today)
    assert due >= 2  # the two thank-you letters of the agreements opened 15 days ago
    assert window.followups_action.text() == f"Follow-ups ({due})"

    qtbot.keyClick(window, Qt.Key_F9)
    panel = window.follow_flows.panel
    assert window.stack.currentWidget() is panel
    task = panel.current
    assert task is not None and task.kind is FollowUpKind.THANK_YOU_LETTER
    panel.outcome_buttons[Outcome.REACHED].click()
    panel.note.setPlainText("Mailed it; she loved the card.")
    panel.record_button.click()
    assert window.followups_action.text() == f"Follow-ups ({due - 1})"
    log = contacts.contact_log(owner, task.customer_id)
    assert log and log[0].outcome_label == "Reached" and "loved the card" in log[0].note

    # Esc goes back to the counter; the customer's Contact log tab shows it too.
    qtbot.keyClick(window, Qt.Key_Escape)
    assert window.stack.currentWidget() is window.counter
    qtbot.keyClicks(window.lookup.edit, task.customer_name.split()[-1][:4])
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    tab = window.follow_flows.contact_log
    assert window.card.card.customer_id == task.customer_id
    shown = [tab.contacts_model.row_at(i) for i in range(tab.contacts_model.rowCount())]
    assert any("loved the card" in line.note for line in shown)


def test_the_count_leaves_the_toolbar_when_the_counter_locks(owner, qtbot, window):
    log_in(qtbot, window)
    due = followups.due_count(owner, dt.date.today())
    assert window.followups_action.text() == f"Follow-ups ({due})"
    window.lock()
    assert window.followups_action.text() == "Follow-ups" and not window.followups_action.isEnabled()
    log_in(qtbot, window)
    assert window.followups_action.text() == f"Follow-ups ({due})"


def test_a_complaint_stays_on_the_card_until_a_manager_resolves_it(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    open_smith(qtbot, window)
    answer(monkeypatch, complaint_dialog, "ComplaintDialog", ComplaintInput(
        "Brakes squeal when cold", ComplaintSeverity.SERIOUS, dt.date.today(), window.card.card.agreement_id))
    window.follow_flows.log_complaint()
    assert "Brakes squeal when cold" in window.card.complaints.text()
    assert window.card.complaints.isVisible()
    complaint = window.card.card.complaints[0]

    answer(monkeypatch, complaint_dialog, "ComplaintStatusDialog", (ComplaintStatus.IN_REPAIR, "Pads ordered"))
    window.follow_flows.move_complaint(complaint.id)
    assert "in repair" in window.card.complaints.text().lower()

    # A clerk cannot resolve it; a manager can, and then it leaves the card.
    answer(monkeypatch, complaint_dialog, "ComplaintStatusDialog", (ComplaintStatus.RESOLVED, "New pads fitted"))
    window.follow_flows.move_complaint(complaint.id)
    assert "manager" in window.message.text().lower()
    assert window.card.complaints.isVisible()
    window.lock()
    log_in(qtbot, window, "Marcus Manager", "2222")
    open_smith(qtbot, window)  # another clerk finds the counter empty
    window.follow_flows.move_complaint(complaint.id)
    assert not window.card.card.complaints and not window.card.complaints.isVisible()


def test_a_missed_appointment_puts_a_sorry_we_missed_you_call_on_tomorrows_list(owner, qtbot, window, monkeypatch):
    log_in(qtbot, window)
    open_smith(qtbot, window)
    # Booked for earlier today through the service (the dialog refuses a time already past).
    at = dt.datetime.combine(dt.date.today(), dt.time(0, 5))
    appointment = appointments.book_appointment(
        window.actor, window.card.card.customer_id, AppointmentPurpose.PAPERWORK,
        at + dt.timedelta(minutes=1), "sign the title papers", at=at,
    )
    window.follow_flows.mark_appointment(appointment, False)
    assert "tomorrow" in window.message.text()
    upcoming = followups.follow_up_board(owner, dt.date.today()).upcoming
    missed = [t for t in upcoming if t.kind is FollowUpKind.MISSED_APPOINTMENT]
    assert [t.due_on for t in missed] == [dt.date.today() + dt.timedelta(days=1)]

    answer(monkeypatch, appointment_dialog, "AppointmentDialog", AppointmentInput(
        AppointmentPurpose.LOOK_AT_CAR, dt.datetime.combine(dt.date.today() + dt.timedelta(days=2), dt.time(10)),
        "bring the kids"))
    window.follow_flows.book_appointment()
    assert "Appointment booked" in window.message.text()
    assert len(appointments.appointments_of(owner, window.card.card.customer_id)) == 2


def test_the_mailing_list_export_leaves_out_whoever_asked_to_stop(qtbot, window, tmp_path):
    log_in(qtbot, window, "Marcus Manager", "2222")
    maria = Customer.get(Customer.last_name == "García")
    smith = Customer.get(Customer.last_name == "Smith")
    for c, street in ((maria, "12 Oak St"), (smith, "9 Pine Ave")):
        update_profile(window.actor, c.id, ProfileChanges(address1=street, city="Selma"))
        set_mailing_consent(window.actor, c.id, True)
    contacts.stop_contacting(window.actor, smith.id, "asked us not to mail")
    target = tmp_path / "mailing.csv"
    window.follow_flows.export_mailing_list(str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    names = " ".join(" ".join(r.values()) for r in rows)
    assert "García" in names and "12 Oak St" in names and "Smith" not in names
    assert "1 customer" in window.message.text()
