"""The guided vehicle return, driven page by page as a clerk and manager would;
what it returns is then handed to the real return service on a real agreement."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton

from lto_desk.domain.ledger import Status
from helpers import make_vin
from lto_desk.domain.returns import CONDITION_PARTS
from lto_desk.services import agreements, clerks, payments, vehicles
from lto_desk.services.integrity import verify
from lto_desk.store.models import Agreement
from lto_desk.ui.return_dialog import ReturnDialog, ReturnInput, summary_sentence

TODAY = dt.date(2025, 2, 3)
NOW = dt.datetime(2025, 2, 3, 16, 0)
GOOD = {part: "good" for part in CONDITION_PARTS}


@pytest.fixture
def preview(agreement, clerk, manager):
    """María García's Accord (84,210 miles when it went out) after two weekly payments
    (Jan 13 and 20), with one late fee open on Feb 3."""
    vehicle_id = Agreement.get_by_id(agreement).vehicle_id
    vehicles.edit_vehicle(
        manager, vehicle_id,
        vehicles.NewVehicle(make_vin(4352), 2014, "Honda", "Accord", "S1001", odometer=84_210, price=900_000),
        at=dt.datetime(2025, 1, 6, 11),
    )
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10))
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 20, 10))
    return agreements.return_preview(manager, agreement, TODAY)


def make(qtbot, preview, *, need_manager: bool = True) -> ReturnDialog:
    dialog = ReturnDialog(preview, need_manager=need_manager, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_into(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def click(qtbot, widget) -> None:
    """Click where a person would: a radio button or check box on its indicator, a button in its middle."""
    if isinstance(widget, QAbstractButton) and widget.isCheckable() and not isinstance(widget, QPushButton):
        qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.LeftButton)


def answer_reason(qtbot, d, reason="cannot_afford", words="", day="") -> None:
    click(qtbot, d.reason_buttons[reason])
    if words:
        type_into(qtbot, d.reason_text, words)
    if day:
        type_into(qtbot, d.returned_on, day)


def answer_condition(qtbot, d, ratings=None, notes=None) -> None:
    for part, rating in (ratings or GOOD).items():
        click(qtbot, d.rating_buttons[(part, rating)])
    for part, note in (notes or {}).items():
        type_into(qtbot, d.part_notes[part], note)


def to_summary(qtbot, d) -> None:
    """Answer every page plainly and arrive at the summary."""
    answer_reason(qtbot, d)
    click(qtbot, d.next_button)
    type_into(qtbot, d.odometer, "85,102")
    click(qtbot, d.next_button)
    answer_condition(qtbot, d)
    click(qtbot, d.next_button)
    assert d.pages.currentIndex() == 3


def test_next_waits_for_a_reason_and_other_needs_their_words(qtbot, preview):
    d = make(qtbot, preview)
    assert d.step.text() == "Step 1 of 4 — Why and when"
    assert not d.next_button.isEnabled()
    assert d.message.text() == "Choose why they are returning the vehicle."
    click(qtbot, d.next_button)
    assert d.pages.currentIndex() == 0

    answer_reason(qtbot, d, "other")
    assert not d.next_button.isEnabled()
    assert "why they are returning it" in d.message.text()
    type_into(qtbot, d.reason_text, "Moving to Denver for work")
    assert d.next_button.isEnabled() and d.message.text() == ""

    click(qtbot, d.reason_buttons["needs_changed"])  # their words are optional for the other reasons
    type_into(qtbot, d.reason_text, "")
    assert d.next_button.isEnabled()


@pytest.mark.parametrize(
    "typed, says",
    [
        ("02/04/2025", "after today"),
        ("01/19/2025", "before their latest payment (Jan 20, 2025)"),
        ("02/30/2025", "not a real date"),
        ("next week", "type it like"),
        ("", "Type the day the vehicle came back"),
    ],
)
def test_the_return_date_is_today_or_a_day_since_the_latest_payment(qtbot, preview, typed, says):
    d = make(qtbot, preview)
    assert d.returned_on.text() == "02/03/2025"  # today, unless changed
    answer_reason(qtbot, d)
    type_into(qtbot, d.returned_on, typed)
    assert says in d.message.text()
    assert not d.next_button.isEnabled()
    type_into(qtbot, d.returned_on, "01/20/2025")
    assert d.next_button.isEnabled()


def test_an_odometer_below_the_one_on_file_is_refused(qtbot, preview):
    assert preview.odometer_out == 84_210
    d = make(qtbot, preview)
    answer_reason(qtbot, d)
    click(qtbot, d.next_button)
    assert d.step.text() == "Step 2 of 4 — The vehicle"
    assert not d.next_button.isEnabled() and "odometer reading" in d.message.text()
    type_into(qtbot, d.odometer, "84,209")
    assert d.message.text() == "The reading (84,209) is lower than the 84,210 miles on file; please check it."
    assert not d.next_button.isEnabled()
    type_into(qtbot, d.odometer, "85.102")
    assert "not an odometer reading" in d.message.text()
    type_into(qtbot, d.odometer, "3,000,000")
    assert "not a believable reading" in d.message.text()
    type_into(qtbot, d.odometer, "84,210")  # the same as on file is fine
    assert d.next_button.isEnabled()
    assert d.read_vehicle() == (84_210, 1)
    type_into(qtbot, d.odometer, "85102")
    assert d.read_vehicle() == (85_102, 1)


def test_an_unreadable_odometer_is_recorded_as_not_read(qtbot, preview):
    d = make(qtbot, preview)
    answer_reason(qtbot, d)
    click(qtbot, d.next_button)
    click(qtbot, d.no_reading)
    assert not d.odometer.isEnabled() and d.next_button.isEnabled()
    d.keys.setValue(0)
    assert d.read_vehicle() == (None, 0)


def test_every_part_is_rated_and_a_part_that_needs_work_needs_a_note(qtbot, preview):
    d = make(qtbot, preview)
    answer_reason(qtbot, d)
    click(qtbot, d.next_button)
    type_into(qtbot, d.odometer, "85102")
    click(qtbot, d.next_button)
    assert d.step.text() == "Step 3 of 4 — Its condition"
    assert d.message.text() == "Rate the exterior: good, fair or needs work."
    answer_condition(qtbot, d, {"exterior": "good", "interior": "fair", "tires": "good", "glass": "good"})
    assert d.message.text() == "Rate the lights: good, fair or needs work."
    assert not d.next_button.isEnabled()
    click(qtbot, d.rating_buttons[("lights", "good")])
    assert d.next_button.isEnabled()
    click(qtbot, d.rating_buttons[("tires", "needs_work")])
    assert "tires" in d.message.text() and not d.next_button.isEnabled()
    assert d.part_notes["tires"].placeholderText() == "what it needs (required)"
    type_into(qtbot, d.part_notes["tires"], "front pair worn to the bars")
    assert d.next_button.isEnabled() and d.message.text() == ""


def test_the_summary_says_in_plain_words_what_the_return_does(qtbot, preview):
    d = make(qtbot, preview)
    answer_reason(qtbot, d, "other", "Moving to Denver for work")
    click(qtbot, d.next_button)
    type_into(qtbot, d.odometer, "85,102")
    d.keys.setValue(2)
    click(qtbot, d.next_button)
    answer_condition(qtbot, d, {**GOOD, "tires": "needs_work"}, {"tires": "front pair worn"})
    qtbot.keyClicks(d.mechanical, "Check-engine light on")
    click(qtbot, d.next_button)
    assert d.step.text() == "Step 4 of 4 — Confirm the return"
    assert d.summary.text() == (
        "María García is returning the 2014 Honda Accord (stock S1001). 102 remaining installments are "
        "cancelled; $7,846.14 is no longer owed; $10.00 of late fees are waived; nothing more is owed. "
        "The $1,153.86 they paid stays as it is."
    )
    recap = d.recap.text()
    for shown in ("Moving to Denver for work", "Monday, February 3, 2025", "85,102 miles", "2 handed back",
                  "Needs work — front pair worn", "Check-engine light on"):  # fmt: skip
        assert shown in recap


def test_summary_words_for_one_installment_and_no_fees(preview):
    one = replace(preview, installments_cancelled=1, balance_cancelled=7693, fees_waived=0)
    assert summary_sentence(one) == (
        "María García is returning the 2014 Honda Accord (stock S1001). 1 remaining installment is cancelled; "
        "$76.93 is no longer owed; there are no late fees to waive; nothing more is owed. "
        "The $1,153.86 they paid stays as it is."
    )


def test_confirm_waits_for_the_managers_pin(qtbot, preview):
    d = make(qtbot, preview)
    assert [d.manager.itemText(i) for i in range(d.manager.count())] == ["Marcus Manager", "Olivia Owner"]
    to_summary(qtbot, d)
    assert d.finish_button.isVisible() and not d.next_button.isVisible()
    assert not d.finish_button.isEnabled()
    assert d.message.text() == "Marcus Manager types their PIN to approve the return."
    type_into(qtbot, d.pin, "22")
    assert not d.finish_button.isEnabled()
    type_into(qtbot, d.pin, "2222")
    assert d.finish_button.isEnabled()


def test_a_manager_at_the_counter_is_not_asked_for_a_pin(qtbot, preview):
    d = make(qtbot, preview, need_manager=False)
    to_summary(qtbot, d)
    assert not d.pin.isVisible() and not d.manager.isVisible()
    assert d.finish_button.isEnabled()
    assert d.value().manager_name == "" and d.value().manager_pin == ""


def test_going_back_keeps_the_answers_and_a_change_shows_in_the_summary(qtbot, preview):
    d = make(qtbot, preview)
    to_summary(qtbot, d)
    click(qtbot, d.back_button)
    click(qtbot, d.back_button)
    assert d.odometer.text() == "85,102"
    type_into(qtbot, d.odometer, "80,000")  # a mistake made on the way back is caught again
    assert not d.next_button.isEnabled()
    type_into(qtbot, d.odometer, "86,000")
    click(qtbot, d.next_button)
    click(qtbot, d.next_button)
    assert "86,000 miles" in d.recap.text()


def test_the_answers_are_what_the_return_service_takes(qtbot, preview, agreement, clerk):
    d = make(qtbot, preview)
    answer_reason(qtbot, d, "other", "  Moving to   Denver ", "02/01/2025")
    click(qtbot, d.next_button)
    type_into(qtbot, d.odometer, "85,102")
    d.keys.setValue(2)
    click(qtbot, d.next_button)
    answer_condition(
        qtbot, d, {**GOOD, "interior": "fair", "tires": "needs_work"},
        {"interior": "small stain, back seat", "tires": "front pair worn"},
    )
    qtbot.keyClicks(d.mechanical, "Brakes squeal a little")
    qtbot.keyClicks(d.notes, "Child seat left in the trunk; she picks it up Friday")
    click(qtbot, d.next_button)
    type_into(qtbot, d.pin, "2222")
    click(qtbot, d.finish_button)
    assert d.result() == d.DialogCode.Accepted

    got = d.value()
    assert got == ReturnInput(
        reason="other", reason_text="Moving to Denver", returned_on=dt.date(2025, 2, 1), odometer=85_102,
        keys_returned=2,
        condition={
            "exterior": {"rating": "good", "note": ""},
            "interior": {"rating": "fair", "note": "small stain, back seat"},
            "tires": {"rating": "needs_work", "note": "front pair worn"},
            "glass": {"rating": "good", "note": ""},
            "lights": {"rating": "good", "note": ""},
            "mechanical": "Brakes squeal a little",
        },
        notes="Child seat left in the trunk; she picks it up Friday",
        manager_name="Marcus Manager", manager_pin="2222",
    )

    # what the main window does with it: the manager's PIN, then the return itself
    approver = clerks.approve(got.manager_name, got.manager_pin, "take a vehicle return", at=NOW)
    state = agreements.return_vehicle(
        clerk, agreement, got.reason, reason_text=got.reason_text, odometer=got.odometer,
        keys_returned=got.keys_returned, condition=got.condition, notes=got.notes,
        returned_on=got.returned_on, approved_by=approver, at=NOW,
    )
    assert state.status is Status.RETURNED and state.payoff == 0
    details = agreements.return_details(clerk, agreement)
    assert details["returned_on"] == dt.date(2025, 2, 1) and details["odometer"] == 85_102
    assert details["condition"] == got.condition and details["keys_returned"] == 2
    assert verify().ok


def test_ask_gives_the_answers_on_confirm_and_nothing_on_cancel(qtbot, preview):
    problems: list[BaseException] = []

    def drive(confirm: bool) -> None:
        d = QApplication.activeModalWidget()
        try:
            assert isinstance(d, ReturnDialog)
            if confirm:
                to_summary(qtbot, d)
                type_into(qtbot, d.pin, "2222")
                click(qtbot, d.finish_button)
            else:
                answer_reason(qtbot, d)
                click(qtbot, d.cancel_button)
        except BaseException as exc:  # never leave the modal dialog open on a failure
            problems.append(exc)
            if d is not None:
                d.reject()

    QTimer.singleShot(0, lambda: drive(True))
    got = ReturnDialog.ask(None, preview, need_manager=True, today=TODAY)
    QTimer.singleShot(0, lambda: drive(False))
    cancelled = ReturnDialog.ask(None, preview, need_manager=True, today=TODAY)
    if problems:
        raise problems[0]
    assert got is not None and got.reason == "cannot_afford" and got.odometer == 85_102
    assert got.condition["tires"] == {"rating": "good", "note": ""}
    assert cancelled is None
