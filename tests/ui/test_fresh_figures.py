"""What the counter shows stays true after something changes: the lookup list's Status
and Due now after a payment, a void and a return; and a customer who paid earlier
today is told so and not offered the full amount again."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import answer, log_in
from lto_desk.domain.returns import CONDITION_PARTS
from lto_desk.services import payments
from lto_desk.services.counter import customer_card
from lto_desk.ui import dialogs, return_dialog
from lto_desk.ui.dialogs import Approval
from lto_desk.ui.return_dialog import ReturnInput

GOOD = {part: {"rating": "good", "note": ""} for part in CONDITION_PARTS} | {"mechanical": ""}


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def listed(window) -> dict[str, tuple[str, str]]:
    """The lookup list as the clerk reads it: name -> (Status, Due now)."""
    model = window.lookup.model
    return {model.row_at(r).name: (model.index(r, 2).data(), model.index(r, 3).data())
            for r in range(model.rowCount())}


def test_the_lookup_list_reads_again_after_a_payment_and_a_void(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "i")  # John Smith, then María García
    assert listed(window)["María García"] == ("Active", "$95.00")
    press(qtbot, Qt.Key_Down)
    press(qtbot, Qt.Key_Return)
    assert window.card.card.name == "María García"
    press(qtbot, Qt.Key_Return)  # the $95.00 pre-filled, posted
    assert "Receipt" in window.payment.message.text()
    assert QApplication.focusWidget() is window.lookup.edit
    assert listed(window)["María García"] == ("Active", "—")
    assert window.lookup.selected().name == "María García"  # the clerk's place in the list kept

    monkeypatch.setattr(dialogs.ApprovalDialog, "ask", classmethod(
        lambda cls, *a, **k: Approval("wrong customer", "Marcus Manager", "2222")))
    window.void(window.history.latest_receipt())
    assert listed(window)["María García"] == ("Active", "$95.00")
    assert window.lookup.selected().name == "María García"


def test_the_lookup_list_reads_again_after_a_return(qtbot, window, monkeypatch):
    log_in(qtbot, window, "Marcus Manager", "2222")
    qtbot.keyClicks(window.lookup.edit, "smith")
    press(qtbot, Qt.Key_Return)
    assert listed(window)["John Smith"][0] == "Active"
    answer(monkeypatch, return_dialog, "ReturnDialog", ReturnInput(
        "cannot_afford", "", dt.date.today(), 71_500, 2, GOOD, "moving away", "", ""))
    window.return_action.trigger()
    assert listed(window)["John Smith"] == ("Returned", "—")


def paid_this_morning(clerk, agreement_id: int, cents: int) -> int:
    at = dt.datetime.combine(dt.date.today(), dt.time(9, 40))
    return payments.take_payment(clerk, agreement_id, cents, at=at).receipt_number


def open_maria(qtbot, window) -> None:
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "garc")
    press(qtbot, Qt.Key_Return)
    assert window.card.card.name == "María García"


def test_a_customer_who_paid_this_morning_is_not_offered_the_full_amount_again(qtbot, window, counter_data, clerk):
    receipt = paid_this_morning(clerk, counter_data["García"], 9500)
    open_maria(qtbot, window)
    assert window.card.card.state.amount_due_now == 0  # the services count the morning's payment
    hint = window.payment.paid_today
    assert hint.isVisible()
    assert hint.text() == f"Paid $95.00 today at 9:40 AM, receipt {receipt:06d}. Nothing more is due now."
    assert window.payment.amount.text() == ""  # not the next $95.00: Enter posts nothing
    assert QApplication.focusWidget() is window.payment.amount
    press(qtbot, Qt.Key_Return)
    assert "amount" in window.payment.message.text().lower()
    assert len([r for r in customer_card(clerk, window.card.card.customer_id).history if r.kind == "payment"]) == 3


def test_after_part_of_it_this_morning_the_rest_is_offered(qtbot, window, counter_data, clerk):
    receipt = paid_this_morning(clerk, counter_data["García"], 5000)
    open_maria(qtbot, window)
    assert window.card.card.state.amount_due_now == 4500
    assert window.payment.paid_today.text() == f"Paid $50.00 today at 9:40 AM, receipt {receipt:06d}."
    assert window.payment.amount.text() == "45.00"


def test_no_hint_without_a_payment_today_or_after_a_void(qtbot, window, counter_data, clerk, manager):
    receipt = paid_this_morning(clerk, counter_data["García"], 9500)
    payments.void_payment(clerk, receipt, "wrong amount", approved_by=manager)
    open_maria(qtbot, window)
    assert not window.payment.paid_today.isVisible()
    assert window.payment.amount.text() == "95.00"
    qtbot.keyClick(window.lookup.edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    assert not window.payment.paid_today.isVisible()
