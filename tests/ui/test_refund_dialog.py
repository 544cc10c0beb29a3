"""The goodwill refund dialog: what it refuses, what it says, and that its answer
is one the refund service takes on a real returned agreement."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from lto_desk.services import agreements, clerks, payments
from lto_desk.ui.refund_dialog import RefundDialog, RefundInput

AT = dt.datetime(2025, 2, 3, 15, 0)


def make(qtbot, *, most=1_153_86, need_manager=True) -> RefundDialog:
    dialog = RefundDialog(
        customer_name="María García", vehicle="2014 Honda Accord", most=most, need_manager=need_manager
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(qtbot, d, amount="", reason="", pin="") -> None:
    for edit, text in ((d.amount, amount), (d.reason, reason), (d.pin, pin)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def save_button(d) -> QPushButton:
    return d.findChild(QPushButton, "refundSaveButton")


def test_it_explains_what_a_goodwill_refund_is_and_the_most(qtbot, manager):
    d = make(qtbot)
    texts = [label.text() for label in d.findChildren(QLabel)]
    assert (
        "This is cash paid back to María García as goodwill after returning the 2014 Honda Accord; "
        "the payments stay on file as they are." in texts
    )
    assert "Up to $1,153.86 can be paid back." in texts
    assert save_button(d).text() == "Pay back"


@pytest.mark.parametrize(
    "amount, says",
    [
        ("", "Please type an amount."),
        ("0", "The refund is zero; type the amount to pay back."),
        ("ten", "has letters in it"),
        ("-5", "minus sign"),
        ("1153.87", "$1,153.87 is more than can be paid back; the most is $1,153.86."),
        ("5,000", "the most is $1,153.86"),
    ],
)
def test_a_bad_amount_is_refused_and_the_dialog_stays_open(qtbot, manager, amount, says):
    d = make(qtbot)
    fill(qtbot, d, amount, "Kept it in great shape", "2222")
    qtbot.mouseClick(save_button(d), Qt.LeftButton)
    assert d.isVisible() and d.result() != d.DialogCode.Accepted
    assert says in d.message.text()


def test_a_reason_is_required(qtbot, manager):
    d = make(qtbot)
    fill(qtbot, d, "100", "  ", "2222")
    qtbot.mouseClick(save_button(d), Qt.LeftButton)
    assert d.isVisible() and d.message.text() == "Please type the reason for the refund."


def test_a_clerk_needs_a_manager_pin(qtbot, manager):
    d = make(qtbot)
    assert d.manager.currentText() == "Marcus Manager" and d.pin.isVisible()
    fill(qtbot, d, "100", "Kept it in great shape")
    qtbot.mouseClick(save_button(d), Qt.LeftButton)
    assert d.isVisible() and d.message.text() == "Marcus Manager types their PIN to approve the refund."
    fill(qtbot, d, "100", "Kept it in great shape", "2222")
    qtbot.mouseClick(save_button(d), Qt.LeftButton)
    assert d.result() == d.DialogCode.Accepted
    assert d.value() == RefundInput(100_00, "Kept it in great shape", "Marcus Manager", "2222")


def test_a_manager_at_the_counter_types_no_pin(qtbot, manager):
    d = make(qtbot, need_manager=False)
    assert not d.pin.isVisible() and not d.manager.isVisible()
    fill(qtbot, d, "$1,153.86", "All of it back: a family emergency")
    qtbot.mouseClick(save_button(d), Qt.LeftButton)
    assert d.value() == RefundInput(1_153_86, "All of it back: a family emergency", "", "")


def test_nothing_left_to_pay_back(qtbot, manager):
    d = make(qtbot, most=0)
    fill(qtbot, d, "10", "a little more", "2222")
    qtbot.mouseClick(save_button(d), Qt.LeftButton)
    assert d.isVisible() and d.message.text() == "Nothing is left to pay back on this agreement."


def test_what_it_returns_is_a_refund_the_service_pays(qtbot, agreement, clerk, manager):
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10))
    agreements.return_vehicle(manager, agreement, "needs_changed", at=dt.datetime(2025, 2, 3, 10))
    most = agreements.refundable(manager, agreement, AT.date())
    assert most == 1_000_00 + 76_93

    problems: list[BaseException] = []

    def drive() -> None:
        d = QApplication.activeModalWidget()
        try:
            assert isinstance(d, RefundDialog)
            fill(qtbot, d, "200", "Returned it clean, with both keys", "2222")
            qtbot.mouseClick(save_button(d), Qt.LeftButton)
        except BaseException as exc:  # never leave the modal dialog open on a failure
            problems.append(exc)
            if d is not None:
                d.reject()

    QTimer.singleShot(0, drive)
    got = RefundDialog.ask(
        None, customer_name="María García", vehicle="2014 Honda Accord", most=most, need_manager=True
    )
    if problems:
        raise problems[0]
    assert got == RefundInput(200_00, "Returned it clean, with both keys", "Marcus Manager", "2222")

    approver = clerks.approve(got.manager_name, got.manager_pin, "give a goodwill refund", at=AT)
    result = agreements.goodwill_refund(clerk, agreement, got.amount, got.reason, approved_by=approver, at=AT)
    assert result.amount == 200_00 and result.approved_by == "Marcus Manager"
    assert agreements.refundable(manager, agreement, AT.date()) == most - 200_00


def test_cancel_gives_nothing(qtbot, manager):
    def drive() -> None:
        d = QApplication.activeModalWidget()
        if d is not None:
            d.reject()

    QTimer.singleShot(0, drive)
    got = RefundDialog.ask(
        None, customer_name="María García", vehicle="2014 Honda Accord", most=100, need_manager=False
    )
    assert got is None
