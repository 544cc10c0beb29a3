"""The operation helper and the hub: a refusal is shown and nothing announced; what a
flow changed is announced once, and the card, the tabs and the follow-up count redraw
themselves from that announcement, with no flow calling the window back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt

from helpers import answer, log_in
from lto_desk.domain.contacts import ComplaintSeverity
from lto_desk.domain.errors import Refused
from lto_desk.domain.followups import Outcome
from lto_desk.services import followups
from lto_desk.ui import complaint_dialog
from lto_desk.ui.complaint_dialog import ComplaintInput
from lto_desk.ui.main_window import MainWindow
from lto_desk.ui.operations import Changes, Hub, run


class _Desk(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.hub = Hub(self)
        self.said: list[tuple[str, str]] = []

    def say(self, text: str, level: str = "info") -> None:
        self.said.append((text, level))


def test_a_refusal_is_said_with_what_was_not_done_and_nothing_is_announced(qapp):
    desk, heard = _Desk(), []
    desk.hub.changed.connect(heard.append)

    def refused():
        raise Refused("The drawer is closed.")

    assert run(desk, refused, Changes(customer_id=7), failed=" Nothing was saved.") is None
    assert desk.said == [("The drawer is closed. Nothing was saved.", "error")] and heard == []

    done = run(desk, lambda: 42, lambda result: Changes(customer_id=result, follow_ups=True))
    assert done is not None and done.result == 42
    assert heard == [Changes(customer_id=42, follow_ups=True)]


def test_the_announcement_redraws_the_card_and_the_follow_up_count_after_a_flow(owner, qtbot, window, monkeypatch):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    card = window.card.card
    today = dt.date.today()
    due = followups.due_count(owner, today)
    assert window.followups_action.text() == f"Follow-ups ({due})"

    def called_back(*args, **kwargs):
        raise AssertionError("a flow called the window back")

    for name in ("open_customer", "show_agreement"):  # the ways a flow could redraw the card itself
        monkeypatch.setattr(MainWindow, name, called_back)
    heard: list[Changes] = []
    window.hub.changed.connect(heard.append)

    # Heard by nobody, the complaint is saved but nothing on screen changes...
    answer(monkeypatch, complaint_dialog, "ComplaintDialog", ComplaintInput(
        "Radio dead", ComplaintSeverity.MINOR, today, card.agreement_id))
    window.hub.blockSignals(True)
    window.follow_flows.log_complaint()
    window.hub.blockSignals(False)
    assert "Radio dead" not in window.card.complaints.text()
    assert window.followups_action.text() == f"Follow-ups ({due})"

    # A task of today worked behind the window's back (a service call): no one announced it.
    task = followups.open_follow_ups(owner, today)[0]
    followups.work_follow_up(window.actor, task.id, Outcome.REACHED, "Thanked them by phone.")
    assert window.followups_action.text() == f"Follow-ups ({due})"

    # Heard, the card, its tabs and the toolbar's count redraw themselves.
    answer(monkeypatch, complaint_dialog, "ComplaintDialog", ComplaintInput(
        "Window sticks", ComplaintSeverity.MINOR, today, card.agreement_id))
    window.follow_flows.log_complaint()
    assert heard == [Changes(customer_id=card.customer_id, follow_ups=True)]
    assert "Radio dead" in window.card.complaints.text() and "Window sticks" in window.card.complaints.text()
    assert followups.due_count(owner, today) == due - 1
    assert window.followups_action.text() == f"Follow-ups ({due - 1})"
    log = window.follow_flows.contact_log
    assert log.complaints_model.rowCount() == 2


def test_a_payment_taken_with_the_keyboard_only(qtbot, window, tmp_path):
    """Name, PIN, F2, the customer's name, Enter, Enter: the amount is pre-filled, the
    payment posts, the card and history redraw from the announcement."""
    from PySide6.QtWidgets import QApplication

    def keys(text: str = "", key=None) -> None:
        focused = QApplication.focusWidget()
        assert focused is not None
        if text:
            qtbot.keyClicks(focused, text)
        if key is not None:
            qtbot.keyClick(focused, key)

    window.resize(1366, 768)
    qtbot.keyClicks(window.login.name_combo, "Carla")
    window.login.pin_edit.setFocus()
    keys("3333", Qt.Key_Return)
    assert window.actor is not None
    qtbot.keyClick(window, Qt.Key_F2)
    keys("garcia", Qt.Key_Return)
    assert window.card.card.name == "María García"
    assert QApplication.focusWidget() is window.payment.amount and window.payment.amount.text() == "95.00"
    rows = window.history.model.rowCount()
    keys(key=Qt.Key_Return)
    assert "$95.00 from María García" in window.payment.message.text() and window.payment.spent
    assert "receipt was not printed" in window.message.text()  # no printer here: saved, and shown
    assert window.history.model.rowCount() == rows + 1
    assert window.card.card.state.amount_due_now == 0
    window.grab().save(str(tmp_path / "payment-1366x768.png"))
