"""Notes typed with the keyboard alone are kept: a follow-up's note, the note editor,
the card's talk-about cues and pinned notes (issue 18, items 4, 8 and 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import answer, log_in
from lto_desk.domain.followups import Outcome
from lto_desk.services import contacts, customers
from lto_desk.store.models import Customer
from lto_desk.ui import dialogs

PINNED = (
    "Works at the bakery on Main; prefers calls after 3 pm",
    "Daughter Ana drives the car on weekends",
    "Pays cash, always on Fridays",
    "Spanish preferred at the counter",
    "Had the brakes replaced in March at the shop on 5th",
)


def keys(qtbot, text: str) -> None:
    """Each character to whatever has the focus, as a clerk's fingers would send it."""
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def key(qtbot, k, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def test_a_follow_up_note_typed_after_alt_digit_is_recorded_with_the_outcome(owner, qtbot, window):
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

    log = contacts.contact_log(owner, task.customer_id)
    assert log[0].outcome_label == "Left a message" and log[0].note == "Just left it with her sister"
    assert panel.message.text().startswith("Recorded for María García: left a message")


def test_typing_on_the_task_list_writes_the_note_and_a_space_chooses_nothing(owner, qtbot, window):
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
    assert contacts.contact_log(owner, task.customer_id) == []

    panel.outcome_buttons[Outcome.REACHED].click()  # the mouse, then the keyboard again
    assert QApplication.focusWidget() is panel.note and not panel.message.isVisible()
    keys(qtbot, ".")
    key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    log = contacts.contact_log(owner, task.customer_id)
    assert log[0].outcome_label == "Reached" and log[0].note == "Je reached her at work."
    # The next task is shown with nothing chosen, and the keys are ready for it.
    assert panel.current.id != task.id and panel.chosen_outcome() is None
    assert QApplication.focusWidget() is panel.list


def maria_with_notes(owner, cues: tuple[str, ...]) -> None:
    maria = Customer.get(Customer.last_name == "García").id
    for text in PINNED:
        customers.add_note(owner, maria, text, (), pinned=True)
    for text in cues:
        customers.add_note(owner, maria, text, (), cue=True)


def open_maria_by_keys(qtbot, window) -> None:
    key(qtbot, Qt.Key_F2)
    keys(qtbot, "garc")
    key(qtbot, Qt.Key_Return)
    assert window.card.card.name == "María García"


def test_alt_k_chooses_a_talk_about_cue_with_the_arrows_and_enter_marks_it_asked(qtbot, window, owner, monkeypatch):
    maria_with_notes(owner, ("Ask how Ana's graduation went", "Ask about the new job at the clinic"))
    asked = answer(monkeypatch, dialogs, "CueDialog", "She starts at the clinic on Monday")
    log_in(qtbot, window)
    open_maria_by_keys(qtbot, window)
    cues = window.card.cues
    assert window.card.cue_button.text() == "As&ked about it…"
    key(qtbot, Qt.Key_K, Qt.AltModifier)  # two cues: which one? The list takes the keys
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cues)
    assert asked == [] and cues.currentRow() == 0
    key(qtbot, Qt.Key_Down)
    chosen = cues.currentItem().text()
    key(qtbot, Qt.Key_Return)
    assert len(asked) == 1 and chosen in asked[0][0]
    assert [cues.item(i).text() for i in range(cues.count())] != [] and chosen not in [
        cues.item(i).text() for i in range(cues.count())]


def test_a_cue_marked_asked_no_longer_says_ask_next_visit_on_the_notes_tab(qtbot, window, owner, monkeypatch):
    maria_with_notes(owner, ("Ask how Ana's graduation went",))
    answer(monkeypatch, dialogs, "CueDialog", "")
    log_in(qtbot, window)
    open_maria_by_keys(qtbot, window)

    def marks() -> str:
        notes = window.notes.list
        row = next(i for i in range(notes.count()) if "Ana's graduation" in notes.item(i).text())
        return notes.item(row).text().split("Ask how")[0]

    assert marks() == "Ask next visit · "
    key(qtbot, Qt.Key_K, Qt.AltModifier)  # the only cue: asked at once
    qtbot.waitUntil(lambda: window.card.card.cues == ())
    assert marks() == "Asked · "


def test_the_pinned_notes_are_reached_with_shift_tab_and_read_with_the_arrows(qtbot, window, owner):
    maria_with_notes(owner, ())
    window.resize(1366, 768 - 40 - 32)  # a 1366×768 screen less its task bar and title bar
    log_in(qtbot, window)
    open_maria_by_keys(qtbot, window)
    pinned = window.card.pinned
    assert QApplication.focusWidget() is window.payment.amount
    key(qtbot, Qt.Key_Backtab)
    assert QApplication.focusWidget() is pinned
    pinned.doItemsLayout()
    bar = pinned.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    for _ in PINNED:
        key(qtbot, Qt.Key_Down)
    assert pinned.currentRow() == len(PINNED) - 1 and bar.value() == bar.maximum()
    key(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is window.payment.amount  # and on to the payment, not trapped


def test_the_pinned_notes_show_all_eight_when_the_screen_has_room(qtbot, window, owner):
    maria_with_notes(owner, ())
    maria = Customer.get(Customer.last_name == "García").id
    for text in ("Son Luis starts college in the fall", "Likes the Saturday hours", "Referred her cousin Rosa"):
        customers.add_note(owner, maria, text, (), pinned=True)
    window.resize(1920, 1080 - 40 - 32)
    log_in(qtbot, window)
    open_maria_by_keys(qtbot, window)
    pinned = window.card.pinned
    pinned.doItemsLayout()  # the list lays its rows out late; now, so the scroll bar is known
    last = pinned.visualItemRect(pinned.item(pinned.count() - 1))
    assert pinned.count() == 8 and last.bottom() < pinned.viewport().height()
    assert pinned.verticalScrollBar().maximum() == 0


def test_in_the_note_editor_tab_moves_on_and_ctrl_enter_saves(qtbot):
    note = dialogs.NoteDialog("María García")
    qtbot.addWidget(note)
    note.open()
    note.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is note.text)  # it opens in the note
    keys(qtbot, "Ana graduates in May")
    key(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is not note.text and "\t" not in note.text.toPlainText()
    key(qtbot, Qt.Key_Backtab)
    assert QApplication.focusWidget() is note.text
    with qtbot.waitSignal(note.accepted):
        key(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert note.value().text == "Ana graduates in May"


def test_a_cue_s_answer_is_saved_with_ctrl_enter_too(qtbot):
    cue = dialogs.CueDialog("Ask how Ana's graduation went")
    qtbot.addWidget(cue)
    cue.open()
    cue.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cue.answer)
    keys(qtbot, "It went well")
    key(qtbot, Qt.Key_Tab)
    assert "\t" not in cue.answer.toPlainText()
    with qtbot.waitSignal(cue.accepted):
        key(qtbot, Qt.Key_Return, Qt.ControlModifier)
