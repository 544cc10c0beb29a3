"""Notes typed with the keyboard alone are kept: a follow-up's note, the note editor,
the card's talk-about cues and pinned notes (issue 18, items 4, 8 and 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import log_in
from lto_desk.domain.followups import Outcome
from lto_desk.services import contacts


def keys(qtbot, text: str) -> None:
    """Each character to whatever has the focus, as a clerk's fingers would send it."""
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def key(qtbot, k, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def test_a_follow_up_note_typed_after_alt_digit_is_recorded_with_the_outcome(qtbot, window):
    log_in(qtbot, window)
    key(qtbot, Qt.Key_F9)
    panel = window.follow_flows.panel
    task = panel.current
    assert task is not None and task.customer_name == "María García"
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)  # nothing chosen yet
    assert panel.message.text().startswith("Choose what happened first")

    key(qtbot, Qt.Key_2, Qt.AltModifier)
    assert panel.chosen_outcome() is Outcome.LEFT_MESSAGE
    assert not panel.message.isVisible()  # the reminder goes once an outcome is chosen
    assert QApplication.focusWidget() is panel.note
    keys(qtbot, "Just left it with her sister")  # "J" would pick John Smith's task by type-ahead
    assert panel.current.id == task.id and panel.chosen_outcome() is Outcome.LEFT_MESSAGE
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)

    log = contacts.contact_log(task.customer_id)
    assert log[0].outcome_label == "Left a message" and log[0].note == "Just left it with her sister"
    assert panel.message.text().startswith("Recorded for María García: left a message")


def test_typing_on_the_task_list_writes_the_note_and_a_space_chooses_nothing(qtbot, window):
    log_in(qtbot, window)
    key(qtbot, Qt.Key_F9)
    panel = window.follow_flows.panel
    task = panel.current
    assert QApplication.focusWidget() is panel.list
    keys(qtbot, "Je reached her at work")  # letters and spaces, no outcome chosen yet
    assert panel.current.id == task.id and panel.chosen_outcome() is None
    assert panel.note.toPlainText() == "Je reached her at work"
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert panel.message.text().startswith("Choose what happened first")
    assert contacts.contact_log(task.customer_id) == []

    panel.outcome_buttons[Outcome.REACHED].click()  # the mouse, then the keyboard again
    assert QApplication.focusWidget() is panel.note and not panel.message.isVisible()
    keys(qtbot, ".")
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    log = contacts.contact_log(task.customer_id)
    assert log[0].outcome_label == "Reached" and log[0].note == "Je reached her at work."
    # The next task is shown with nothing chosen, and the keys are ready for it.
    assert panel.current.id != task.id and panel.chosen_outcome() is None
    assert QApplication.focusWidget() is panel.list
