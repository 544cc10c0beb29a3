"""After a form, a wrong manager PIN keeps the form and asks again (issue 18, item 5):
the vehicle return, the void and the goodwill refund, driven by the keyboard in the
real window; only a PIN that approves lets the form close and the thing be recorded.
The void dialog says which receipt, how much and whose it takes back (item 10)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from helpers import log_in
from lto_desk.domain.returns import CONDITION_PARTS
from lto_desk.services import agreements
from lto_desk.store.models import Agreement, LedgerEntry
from lto_desk.ui.dialogs import ApprovalDialog
from lto_desk.ui.refund_dialog import RefundDialog
from lto_desk.ui.return_dialog import ReturnDialog

WRONG = "That PIN is not right. 4 tries left."


def through(action, cls, steps) -> None:
    """Trigger ``action`` and run ``steps(dialog)`` once the modal ``cls`` it opens is up;
    a failure inside is raised here (the dialog closed first, so the test never hangs)."""
    problems: list[BaseException] = []

    def drive() -> None:
        d = QApplication.activeModalWidget()
        try:
            assert isinstance(d, cls), d
            steps(d)
        except BaseException as exc:
            problems.append(exc)
            if isinstance(d, QDialog) and d.isVisible():
                d.reject()

    QTimer.singleShot(0, drive)
    action.trigger()
    if problems:
        raise problems[0]


def key(d, k, times: int = 1) -> None:
    """A key press where the dialog's focus is (the keyboard alone)."""
    from PySide6.QtTest import QTest

    for _ in range(times):
        QTest.keyClick(d.focusWidget(), k)


def type_here(d, text: str) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClicks(d.focusWidget(), text)


def tab_to(d, name: str) -> None:
    for _ in range(30):
        if d.focusWidget().objectName() == name:
            return
        key(d, Qt.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; stuck on {d.focusWidget().objectName()}")


def beside_the_pin(d: QDialog) -> str:
    """What the dialog says next to the manager's PIN ("" when nothing is shown)."""
    label = d.findChild(QLabel, f"{d.objectName().removesuffix('Dialog')}PinProblem")
    return label.text() if label is not None and label.isVisible() else ""


def open_customer(qtbot, window, name: str) -> None:
    qtbot.keyClicks(window.lookup.edit, name)
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)


def fill_the_return(d: ReturnDialog) -> None:
    """Every step by keys: why (Space on the first reason, their words), the odometer
    and two keys, each part rated good and a note, to the summary."""
    assert d.focusWidget() is d.reason_buttons["cannot_afford"]
    key(d, Qt.Key_Space)
    tab_to(d, "returnReasonEdit")
    type_here(d, "Lost the night shift")
    key(d, Qt.Key_Return)
    assert d.pages.currentIndex() == 1 and d.focusWidget() is d.odometer
    type_here(d, "85,102")
    tab_to(d, "returnKeysSpin")
    key(d, Qt.Key_Up)
    key(d, Qt.Key_Return)
    assert d.pages.currentIndex() == 2
    for part in CONDITION_PARTS:
        tab_to(d, f"{part}_good")
        key(d, Qt.Key_Space)
    tab_to(d, "returnNotesEdit")
    type_here(d, "Child seat in the trunk")
    tab_to(d, "returnNextButton")
    key(d, Qt.Key_Return)
    assert d.pages.currentIndex() == 3 and d.focusWidget() is d.pin


def test_a_wrong_pin_keeps_the_whole_return_and_the_right_one_records_it(owner, qtbot, window):
    log_in(qtbot, window)  # a clerk: Marcus Manager approves with his PIN
    open_customer(qtbot, window, "smith")
    agreement_id = window.card.card.agreement_id

    def steps(d: ReturnDialog) -> None:
        fill_the_return(d)
        type_here(d, "9999")
        key(d, Qt.Key_Return)
        # still open on the summary, every answer there, the PIN empty with the cursor in it
        assert d.isVisible() and d.pages.currentIndex() == 3
        assert beside_the_pin(d) == WRONG
        assert d.pin.text() == "" and d.focusWidget() is d.pin
        assert d.reason_key() == "cannot_afford" and d.reason_text.text() == "Lost the night shift"
        assert d.odometer.text() == "85,102" and d.keys.value() == 2
        assert all(d.rating_of(part) == "good" for part in CONDITION_PARTS)
        assert d.notes.toPlainText() == "Child seat in the trunk"
        assert "85,102 miles" in d.recap.text()
        assert Agreement.get_by_id(agreement_id).status == "active"
        type_here(d, "2222")
        key(d, Qt.Key_Return)
        assert not d.isVisible() and d.result() == QDialog.Accepted

    through(window.return_action, ReturnDialog, steps)
    assert Agreement.get_by_id(agreement_id).status == "returned"
    details = agreements.return_details(owner, agreement_id)
    assert details["odometer"] == 85_102 and details["keys_returned"] == 2
    assert "Nothing more is owed" in window.message.text()


def test_leaving_a_return_after_its_first_step_asks_first(qtbot, window):
    log_in(qtbot, window)
    open_customer(qtbot, window, "smith")
    agreement_id = window.card.card.agreement_id
    answers: list[str] = []

    def answer_the_question(button: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        if button == "keep":
            key(box, Qt.Key_Escape)  # Esc on the question keeps the answers
        else:
            next(b for b in box.buttons() if b.text() == "&Leave without recording").click()

    def steps(d: ReturnDialog) -> None:
        key(d, Qt.Key_Space)
        key(d, Qt.Key_Return)
        type_here(d, "85,102")
        QTimer.singleShot(0, lambda: answer_the_question("keep"))
        key(d, Qt.Key_Escape)
        assert d.isVisible() and d.odometer.text() == "85,102"
        QTimer.singleShot(0, lambda: answer_the_question("leave"))
        d.cancel_button.click()
        assert not d.isVisible()

    through(window.return_action, ReturnDialog, steps)
    assert answers == ["Leave without recording the return? The answers typed so far are lost."] * 2
    assert Agreement.get_by_id(agreement_id).status == "active"


def test_a_wrong_pin_keeps_the_void_reason_and_the_dialog_says_which_payment(qtbot, window):
    log_in(qtbot, window)
    open_customer(qtbot, window, "smith")
    receipt = window.history.latest_receipt()
    paid = next(r for r in window.history.model._rows if r.receipt_number == receipt)
    said: list[str] = []

    def steps(d: ApprovalDialog) -> None:
        said.append(d.findChild(QLabel, "approvalHeadline").text())
        assert d.focusWidget() is d.reason
        type_here(d, "rang it up twice")
        tab_to(d, "approvalPinEdit")
        type_here(d, "9999")
        key(d, Qt.Key_Return)
        assert d.isVisible() and d.reason.text() == "rang it up twice"
        assert beside_the_pin(d) == WRONG and d.pin.text() == "" and d.focusWidget() is d.pin
        assert not LedgerEntry.select().where(LedgerEntry.kind == "void").exists()
        type_here(d, "2222")
        key(d, Qt.Key_Return)
        assert not d.isVisible()

    through(window.void_action, ApprovalDialog, steps)
    day = paid.posted_at.date()
    assert said == [f"Void receipt {receipt:06d} — $110.00 from John Smith, {day:%b} {day.day}"]
    assert LedgerEntry.select().where(LedgerEntry.kind == "void").count() == 1
    assert f"Receipt {receipt:06d} voided ($110.00)" in window.message.text()


def test_a_wrong_pin_keeps_the_refund_and_a_lockout_is_said_beside_the_pin(qtbot, window, manager, counter_data):
    agreements.return_vehicle(manager, counter_data["Smith"], "needs_changed")
    log_in(qtbot, window)
    open_customer(qtbot, window, "smith")

    def steps(d: RefundDialog) -> None:
        assert d.focusWidget() is d.amount
        type_here(d, "50")
        tab_to(d, "refundReasonEdit")
        type_here(d, "car trouble in the first week")
        tab_to(d, "refundPinEdit")
        for left in range(4, 0, -1):
            type_here(d, "9999")
            key(d, Qt.Key_Return)
            assert d.isVisible() and beside_the_pin(d) == (
                f"That PIN is not right. {left} {'try' if left == 1 else 'tries'} left.")
        type_here(d, "9999")
        key(d, Qt.Key_Return)
        assert beside_the_pin(d) == "That PIN is not right. Marcus Manager is locked for a minute after 5 tries."
        type_here(d, "2222")  # the right PIN, but locked out: still refused, still kept
        key(d, Qt.Key_Return)
        assert beside_the_pin(d).startswith("Too many wrong PINs for Marcus Manager.")
        assert d.isVisible() and d.amount.text() == "50" and d.reason.text() == "car trouble in the first week"
        assert d.pin.text() == "" and d.focusWidget() is d.pin
        assert not LedgerEntry.select().where(LedgerEntry.kind == "refund").exists()
        d.manager.setCurrentIndex(d.manager.findText("Olivia Owner"))  # another manager approves
        type_here(d, "1111")
        key(d, Qt.Key_Return)
        assert not d.isVisible()

    through(window.refund_action, RefundDialog, steps)
    assert LedgerEntry.select().where(LedgerEntry.kind == "refund").count() == 1
    assert "Goodwill refund of $50.00 to John Smith recorded" in window.message.text()


def test_a_manager_at_the_counter_types_no_pin_and_the_reason_is_still_required(qtbot, window):
    log_in(qtbot, window, "Marcus Manager", "2222")
    open_customer(qtbot, window, "smith")

    def steps(d: ApprovalDialog) -> None:
        assert not d.pin.isVisible()
        key(d, Qt.Key_Return)
        assert d.isVisible() and d.message.text() == "Please type the reason for the void."
        type_here(d, "wrong customer")
        key(d, Qt.Key_Return)
        assert not d.isVisible()

    through(window.void_action, ApprovalDialog, steps)
    assert LedgerEntry.select().where(LedgerEntry.kind == "void").count() == 1
