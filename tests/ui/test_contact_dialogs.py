"""The issue 6 dialogs and the contact log tab: what they refuse, what they say,
and that what they return is taken by the real services."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from lto_desk.domain.contacts import (
    AppointmentPurpose,
    AppointmentStatus,
    ComplaintSeverity,
    ComplaintStatus,
    ContactChannel,
    DecidingFactor,
)
from lto_desk.domain.followups import FollowUpKind, Outcome
from lto_desk.services import appointments, complaints, contacts, departures, followups
from lto_desk.services.departures import DepartureInput
from lto_desk.store.models import Agreement
from lto_desk.ui.appointment_dialog import AppointmentDialog, AppointmentInput
from lto_desk.ui.complaint_dialog import MANAGER_RESOLVES, ComplaintDialog, ComplaintInput, ComplaintStatusDialog
from lto_desk.ui.contact_log_tab import (
    APPOINTMENTS_EMPTY,
    COMPLAINTS_EMPTY,
    CONTACTS_EMPTY,
    NO_CUSTOMER,
    ContactDialog,
    ContactInput,
    ContactLogPanel,
)
from lto_desk.ui.departure_dialog import DepartureDialog

NOW = dt.datetime(2026, 3, 4, 14, 30)  # a Wednesday afternoon


@pytest.fixture
def maria(agreement):
    return Agreement.get_by_id(agreement).__data__["customer"]


def show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot, dialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
    qtbot.mouseClick(button, Qt.LeftButton)


def accepted(dialog) -> bool:
    return dialog.result() == dialog.DialogCode.Accepted


def refused(dialog, says: str) -> bool:
    return dialog.isVisible() and not accepted(dialog) and dialog.message.text() == says


def drive_modal(qtbot, steps):
    """Run ``steps(dialog)`` on the modal dialog once it shows; never leave it open on a failure."""
    problems: list[BaseException] = []

    def go() -> None:
        d = QApplication.activeModalWidget()
        try:
            steps(d)
        except BaseException as exc:
            problems.append(exc)
            if d is not None:
                d.reject()

    QTimer.singleShot(0, go)
    return problems


# -- appointments --------------------------------------------------------------------------
def test_an_appointment_starts_tomorrow_at_ten(qtbot):
    d = show(qtbot, AppointmentDialog("María García", now=NOW))
    assert d.windowTitle() == "Book an appointment — María García"
    assert d.starts.dateTime().toPython() == dt.datetime(2026, 3, 5, 10, 0)
    assert d.starts.minimumDate() == QDate(2026, 3, 4)  # no day before today can be picked
    save(qtbot, d)
    assert accepted(d)
    assert d.value() == AppointmentInput(AppointmentPurpose.LOOK_AT_CAR, dt.datetime(2026, 3, 5, 10, 0), "")


def test_a_time_already_gone_today_is_refused(qtbot):
    d = show(qtbot, AppointmentDialog("María García", now=NOW))
    d.starts.setDateTime(QDateTime(QDate(2026, 3, 4), QTime(9, 15)))
    save(qtbot, d)
    assert refused(d, "Wed Mar 4 at 9:15 AM has already passed; please choose a later time.")
    d.starts.setDateTime(QDateTime(QDate(2026, 3, 4), QTime(16, 0)))
    save(qtbot, d)
    assert accepted(d) and d.value().starts_at == dt.datetime(2026, 3, 4, 16, 0)


def test_other_needs_a_note(qtbot):
    d = show(qtbot, AppointmentDialog("María García", now=NOW))
    d.purpose.setCurrentIndex(d.purpose.findData(AppointmentPurpose.OTHER.value))
    save(qtbot, d)
    assert refused(d, "Please say in the note what the appointment is for.")
    qtbot.keyClicks(d.note, "  Bring the   spare key ")
    save(qtbot, d)
    assert accepted(d) and d.value().note == "Bring the spare key"


def test_a_booked_appointment_is_kept_or_missed_from_the_tab(qtbot, maria, clerk):
    now = dt.datetime.now().replace(second=0, microsecond=0)

    def steps(d):
        assert isinstance(d, AppointmentDialog)
        d.purpose.setCurrentIndex(d.purpose.findData(AppointmentPurpose.PAPERWORK.value))
        qtbot.keyClicks(d.note, "Title papers")
        save(qtbot, d)

    problems = drive_modal(qtbot, steps)
    got = AppointmentDialog.ask(None, "María García", now=now)
    if problems:
        raise problems[0]
    tomorrow_ten = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(10, 0))
    assert got == AppointmentInput(AppointmentPurpose.PAPERWORK, tomorrow_ten, "Title papers")
    booked = appointments.book_appointment(clerk, maria, got.purpose, got.starts_at, got.note)

    tab = show(qtbot, ContactLogPanel())
    tab.set_rows(contacts.contact_log(clerk, maria))
    tab.set_appointments(appointments.appointments_of(clerk, maria))
    assert cells(tab.appointments_table)[0][1:] == ["Paperwork", "Booked", "Title papers"]
    assert tab.kept_button.isEnabled() and tab.missed_button.isEnabled()
    with qtbot.waitSignal(tab.appointment_marked) as marked:
        qtbot.mouseClick(tab.missed_button, Qt.LeftButton)
    assert marked.args == [booked, False]
    with qtbot.waitSignal(tab.appointment_marked) as marked:
        qtbot.mouseClick(tab.kept_button, Qt.LeftButton)
    assert marked.args == [booked, True]
    with qtbot.waitSignal(tab.appointment_cancel_requested) as cancelled:
        qtbot.mouseClick(tab.cancel_button, Qt.LeftButton)
    assert cancelled.args == [booked]

    # Once it is marked, there is nothing more to mark.
    appointments.mark_appointment(clerk, booked, False, at=tomorrow_ten + dt.timedelta(hours=1))
    tab.set_appointments(appointments.appointments_of(clerk, maria))
    assert cells(tab.appointments_table)[0][2] == AppointmentStatus.MISSED.label
    assert not tab.kept_button.isEnabled() and not tab.missed_button.isEnabled()


# -- complaints ----------------------------------------------------------------------------
VEHICLES = [(7, "2014 Honda Accord · S1001")]


def test_a_complaint_needs_what_and_how_serious(qtbot):
    d = show(qtbot, ComplaintDialog("María García", VEHICLES, today=NOW.date()))
    save(qtbot, d)
    assert refused(d, "Please type what is wrong, in the customer's words.")
    qtbot.keyClicks(d.what, "The AC blows warm air")
    save(qtbot, d)
    assert refused(d, "Please choose how serious it is.")
    d.severity_buttons[ComplaintSeverity.SERIOUS].setChecked(True)
    assert d.severity_hint.text() == "Serious: needs fixing soon."
    save(qtbot, d)
    assert accepted(d)
    assert d.value() == ComplaintInput("The AC blows warm air", ComplaintSeverity.SERIOUS, NOW.date(), 7)


@pytest.mark.parametrize(
    "day, says",
    [
        (dt.date(2026, 3, 5), "The day it was reported is in the future; please check the date."),
        (dt.date(2025, 3, 3), "The day it was reported is more than a year ago; please check the date."),
    ],
)
def test_a_complaint_day_out_of_reach_is_refused(qtbot, day, says):
    d = show(qtbot, ComplaintDialog("María García", VEHICLES, today=NOW.date()))
    qtbot.keyClicks(d.what, "Rattle at the back")
    d.severity_buttons[ComplaintSeverity.MINOR].setChecked(True)
    d.reported_on.setDate(QDate(day.year, day.month, day.day))
    save(qtbot, d)
    assert refused(d, says)


def test_a_complaint_may_be_about_no_particular_vehicle(qtbot):
    d = show(qtbot, ComplaintDialog("María García", VEHICLES, today=NOW.date()))
    qtbot.keyClicks(d.what, "Nobody called back about the title")
    d.severity_buttons[ComplaintSeverity.MINOR].setChecked(True)
    d.vehicle.setCurrentIndex(d.vehicle.count() - 1)
    assert d.vehicle.currentText() == "Not about one of their vehicles"
    save(qtbot, d)
    assert d.value().agreement_id is None


def test_a_complaint_is_logged_moved_and_resolved_by_a_manager(qtbot, agreement, maria, clerk, manager):
    def steps(d):
        qtbot.keyClicks(d.what, "Check-engine light came on")
        d.severity_buttons[ComplaintSeverity.SAFETY].setChecked(True)
        save(qtbot, d)

    problems = drive_modal(qtbot, steps)
    got = ComplaintDialog.ask(None, "María García", [(agreement, "2014 Honda Accord · S1001")])
    if problems:
        raise problems[0]
    complaint_id = complaints.open_complaint(
        clerk, maria, got.what, got.severity, reported_on=got.reported_on, agreement_id=got.agreement_id,
    )
    [line] = complaints.complaints_of(manager, maria)
    assert (line.id, line.severity_label, line.status_label) == (complaint_id, "Safety problem", "Open")
    assert (line.agreement_id, line.vehicle) == (agreement, "2014 Honda Accord")

    tab = show(qtbot, ContactLogPanel())
    tab.set_rows([])
    tab.set_complaints(complaints.complaints_of(manager, maria))
    assert cells(tab.complaints_table)[0][1:4] == ["Check-engine light came on", "Safety problem", "Open"]
    with qtbot.waitSignal(tab.complaint_move_requested) as move:
        qtbot.mouseClick(tab.move_button, Qt.LeftButton)
    assert move.args == [complaint_id]

    # A clerk moves it to the shop (the only choice a clerk has), and says where.
    d = show(qtbot, ComplaintStatusDialog(line.what, ComplaintStatus(line.status), may_resolve=False))
    assert not d.status_buttons[ComplaintStatus.RESOLVED].isEnabled()
    assert d.status_buttons[ComplaintStatus.IN_REPAIR].isChecked()
    assert d.manager_hint.text() == MANAGER_RESOLVES
    qtbot.keyClicks(d.note, "At Joe's garage")
    save(qtbot, d)
    status, note = d.value()
    complaints.move_complaint(clerk, complaint_id, status, note)

    # A manager resolves it: what was done is required.
    [line] = complaints.complaints_of(manager, maria)
    d = show(qtbot, ComplaintStatusDialog(line.what, ComplaintStatus(line.status)))
    assert list(d.status_buttons) == [ComplaintStatus.RESOLVED] and d.note_label.text() == "What was done"
    save(qtbot, d)
    assert refused(d, "Please type what was done to resolve it.")
    qtbot.keyClicks(d.note, "Replaced the oxygen sensor")
    save(qtbot, d)
    assert d.value() == (ComplaintStatus.RESOLVED, "Replaced the oxygen sensor")
    complaints.move_complaint(manager, complaint_id, *d.value())
    tab.set_complaints(complaints.complaints_of(manager, maria))
    assert cells(tab.complaints_table)[0][3:] == ["Resolved"]
    tip = tab.complaints_model.index(0, 1).data(Qt.ToolTipRole)
    assert tip.startswith("Check-engine light came on\n") and tip.endswith(
        f"Marcus Manager): Replaced the oxygen sensor"
    )
    assert not tab.move_button.isEnabled()


def test_a_resolved_complaint_cannot_move(qtbot):
    d = show(qtbot, ComplaintStatusDialog("Rattle", ComplaintStatus.RESOLVED))
    save(qtbot, d)
    assert refused(d, "This complaint is resolved; there is nothing more to move.")


# -- bought elsewhere ----------------------------------------------------------------------
def answer_all(d: DepartureDialog, *, delivered=True, factor=DecidingFactor.PRICE, referrals=False, stay=True):
    (d.delivered_yes if delivered else d.delivered_no).setChecked(True)
    if factor is not None:
        d.factor_buttons[factor].setChecked(True)
    (d.referrals_yes if referrals else d.referrals_no).setChecked(True)
    (d.touch_yes if stay else d.touch_no).setChecked(True)


def test_each_departure_question_needs_an_answer(qtbot):
    d = show(qtbot, DepartureDialog("María García"))
    save(qtbot, d)
    assert refused(d, "Please say whether they have taken delivery yet.")
    d.delivered_no.setChecked(True)
    assert d.win_back_hint.isVisible()
    save(qtbot, d)
    assert refused(d, "Please choose what decided it for them (Other if none fits).")
    d.factor_buttons[DecidingFactor.OTHER].setChecked(True)
    save(qtbot, d)
    assert refused(d, "Please type what decided it, in their words.")
    qtbot.keyClicks(d.factor_text, "Their cousin sold them one")
    save(qtbot, d)
    assert refused(d, "Please say whether you asked them for referrals.")
    d.referrals_yes.setChecked(True)
    save(qtbot, d)
    assert refused(d, "Please say whether we may stay in touch with them.")
    d.touch_yes.setChecked(True)
    save(qtbot, d)
    assert accepted(d)


def test_referral_names_only_when_asked(qtbot):
    d = show(qtbot, DepartureDialog("María García"))
    assert not d.referral_names.isEnabled()
    answer_all(d, referrals=True)
    assert d.referral_names.isEnabled()
    qtbot.keyClicks(d.referral_names, "Ana and Luis")
    d.referrals_no.setChecked(True)
    save(qtbot, d)
    assert d.value().referral_names == "" and d.value().referrals_asked is False


def test_saying_stop_shows_what_follows(qtbot):
    d = show(qtbot, DepartureDialog("María García"))
    answer_all(d, delivered=False, stay=False)
    assert d.stop_hint.isVisible() and not d.win_back_hint.isVisible()


def test_a_departure_not_yet_delivered_gives_a_manager_a_win_back_today(qtbot, maria, clerk):
    def steps(d):
        answer_all(d, delivered=False, factor=DecidingFactor.PAYMENT, referrals=True)
        qtbot.keyClicks(d.where, "Smith Motors")
        qtbot.keyClicks(d.referral_names, "Ana")
        qtbot.keyClicks(d.note, "Wants a lower weekly payment")
        save(qtbot, d)

    problems = drive_modal(qtbot, steps)
    got = DepartureDialog.ask(None, "María García")
    if problems:
        raise problems[0]
    assert got == DepartureInput(
        taken_delivery=False, deciding_factor=DecidingFactor.PAYMENT, factor_text="", where_bought="Smith Motors",
        referrals_asked=True, referral_names="Ana", stay_in_touch=True, note="Wants a lower weekly payment",
    )
    departures.record_departure(clerk, maria, got)
    today = dt.date.today()
    [win_back] = [t for t in followups.follow_up_board(clerk, today).today if t.kind is FollowUpKind.WIN_BACK]
    assert win_back.customer_id == maria and win_back.for_manager


def test_cancel_gives_nothing(qtbot):
    problems = drive_modal(qtbot, lambda d: d.reject())
    assert DepartureDialog.ask(None, "María García") is None
    assert not problems


# -- a contact by hand, and the tab --------------------------------------------------------
def test_a_contact_needs_how_it_went(qtbot, maria, clerk):
    today = dt.date.today()
    d = show(qtbot, ContactDialog("María García", today=today))
    assert not d.call_back_on.isVisible()
    save(qtbot, d)
    assert refused(d, "Please choose how it went.")
    assert d.outcome.findData(Outcome.BOUGHT_ELSEWHERE.value) == -1  # that one has its own questions
    d.channel.setCurrentIndex(d.channel.findData(ContactChannel.VISIT.value))
    d.outcome.setCurrentIndex(d.outcome.findData(Outcome.CALL_BACK.value))
    assert d.call_back_on.isVisible()
    assert d.call_back_on.date().toPython() == today + dt.timedelta(days=1)
    qtbot.keyClicks(d.note, "Call after payday")
    save(qtbot, d)
    got = d.value()
    assert got == ContactInput(ContactChannel.VISIT, Outcome.CALL_BACK, "Call after payday", today + dt.timedelta(days=1))
    contacts.log_contact(clerk, maria, got.channel, got.outcome, got.note, call_back_on=got.call_back_on)
    tab = show(qtbot, ContactLogPanel())
    tab.set_rows(contacts.contact_log(clerk, maria))
    tomorrow = today + dt.timedelta(days=1)
    assert cells(tab.contacts_table)[0][1:] == [
        "Carla Clerk", "Visit", f"Call back on {tomorrow:%a %b} {tomorrow.day}", "", "Call after payday",
    ]


def test_the_tab_before_and_after_a_customer(owner, qtbot, maria):
    tab = show(qtbot, ContactLogPanel())
    assert tab.contacts_empty.text() == NO_CUSTOMER and not tab.contacts_table.isVisible()
    for b in (tab.contact_button, tab.appointment_button, tab.complaint_button, tab.departure_button):
        assert not b.isEnabled()
    assert not tab.kept_button.isEnabled() and not tab.move_button.isEnabled()
    tab.set_rows(contacts.contact_log(owner, maria))
    tab.set_appointments(appointments.appointments_of(owner, maria))
    tab.set_complaints(complaints.complaints_of(owner, maria))
    assert tab.contacts_empty.text() == CONTACTS_EMPTY
    assert tab.appointments_empty.text() == APPOINTMENTS_EMPTY and tab.complaints_empty.text() == COMPLAINTS_EMPTY
    for b, signal in (
        (tab.contact_button, tab.contact_requested), (tab.appointment_button, tab.appointment_requested),
        (tab.complaint_button, tab.complaint_requested), (tab.departure_button, tab.departure_requested),
    ):
        assert b.isEnabled()
        with qtbot.waitSignal(signal):
            qtbot.mouseClick(b, Qt.LeftButton)


def cells(table) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
