"""A lock hands the counter over: the next clerk finds it empty, the same clerk finds
it as they left it, and the lock page says who locked it or that the quiet did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from helpers import log_in


def keys(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def open_maria_and_type_an_amount(qtbot, window) -> None:
    keys(qtbot, "garc")
    press(qtbot, Qt.Key_Return)
    assert window.card.card.name == "María García"
    assert QApplication.focusWidget() is window.payment.amount
    keys(qtbot, "50")
    press(qtbot, Qt.Key_Tab)  # to Method
    press(qtbot, Qt.Key_Tab)  # to Tendered
    keys(qtbot, "60")


def pick_name_and_type_pin(qtbot, window, name: str, pin: str) -> None:
    """At the lock page with the keyboard: back to the name list, the name's first
    letter, then the PIN and Enter."""
    assert QApplication.focusWidget() is window.login.pin_edit
    press(qtbot, Qt.Key_Backtab)
    assert QApplication.focusWidget() is window.login.name_combo
    # The list's type-ahead (letters typed within its interval add up to one search,
    # and no clerk picks a name that fast after the last one).
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    keys(qtbot, name[0])
    assert window.login.name_combo.currentText() == name
    press(qtbot, Qt.Key_Tab)
    keys(qtbot, pin)
    press(qtbot, Qt.Key_Return)
    assert window.actor is not None and window.actor.name == name


def lock_with_ctrl_l(qtbot, window) -> None:
    window.activateWindow()
    press(qtbot, Qt.Key_L, Qt.ControlModifier)
    assert window.actor is None and window.stack.currentWidget() is window.login


def test_after_ctrl_l_the_next_clerk_finds_the_counter_empty_and_the_lookup_focused(qtbot, window):
    log_in(qtbot, window)
    open_maria_and_type_an_amount(qtbot, window)
    lock_with_ctrl_l(qtbot, window)
    pick_name_and_type_pin(qtbot, window, "Marcus Manager", "2222")

    assert QApplication.focusWidget() is window.lookup.edit
    assert window.lookup.edit.text() == "" and window.lookup.model.rowCount() == 0
    assert window.card.card is None and window.shown.on_screen is None
    assert window.card.empty.isVisible() and not window.card.name.isVisible()
    assert window.payment.card is None and not window.payment.isEnabled()
    assert window.payment.amount.text() == "" and window.payment.tendered.text() == ""
    assert window.history.model.rowCount() == 0
    assert not window.message.isVisible()

    # Typing goes to the lookup, and the form takes no Enter for the last customer.
    keys(qtbot, "smith")
    assert window.lookup.model.row_at(0).name == "John Smith"


def test_after_the_idle_lock_the_next_clerk_finds_the_counter_empty(qtbot, window):
    log_in(qtbot, window)
    open_maria_and_type_an_amount(qtbot, window)
    window.idle_timer.timeout.emit()  # the idle time ran out
    pick_name_and_type_pin(qtbot, window, "Marcus Manager", "2222")
    assert QApplication.focusWidget() is window.lookup.edit and window.lookup.edit.text() == ""
    assert window.card.card is None and window.payment.amount.text() == ""


def test_the_same_clerk_unlocking_finds_what_they_left(qtbot, window):
    log_in(qtbot, window)
    open_maria_and_type_an_amount(qtbot, window)
    lock_with_ctrl_l(qtbot, window)
    # While locked, nothing of María is left in the counter's widgets.
    assert window.card.card is None and window.lookup.edit.text() == ""
    assert window.payment.amount.text() == "" and window.lookup.model.rowCount() == 0

    keys(qtbot, "3333")  # Carla's name is already chosen: her PIN and Enter
    press(qtbot, Qt.Key_Return)
    assert window.actor.name == "Carla Clerk"
    assert window.card.card.name == "María García"
    assert window.lookup.edit.text() == "garc" and window.lookup.selected().name == "María García"
    assert window.payment.amount.text() == "50" and window.payment.tendered.text() == "60"
    assert QApplication.focusWidget() is window.payment.tendered


def test_the_same_clerk_after_another_one_finds_the_counter_empty(qtbot, window):
    log_in(qtbot, window)
    open_maria_and_type_an_amount(qtbot, window)
    lock_with_ctrl_l(qtbot, window)
    pick_name_and_type_pin(qtbot, window, "Marcus Manager", "2222")
    lock_with_ctrl_l(qtbot, window)
    pick_name_and_type_pin(qtbot, window, "Carla Clerk", "3333")
    assert window.card.card is None and window.lookup.edit.text() == ""
    assert QApplication.focusWidget() is window.lookup.edit


def test_ctrl_l_says_who_locked_the_counter(qtbot, window):
    log_in(qtbot, window)
    lock_with_ctrl_l(qtbot, window)
    said = window.login.subtitle.text()
    assert "Locked by Carla Clerk" in said and "quiet" not in said


def test_the_lock_menu_says_who_locked_the_counter(qtbot, window):
    log_in(qtbot, window)
    window.lock_action.trigger()
    said = window.login.subtitle.text()
    assert "Locked by Carla Clerk" in said and "quiet" not in said


def test_only_the_idle_lock_says_it_was_quiet(qtbot, window):
    log_in(qtbot, window)
    window.idle_timer.timeout.emit()
    said = window.login.subtitle.text()
    assert "quiet spell" in said and "Carla Clerk" in said and "Locked by" not in said


def test_a_payment_posted_before_the_lock_is_not_posted_again_after_it(qtbot, window):
    from lto_desk.store.models import LedgerEntry

    log_in(qtbot, window)
    keys(qtbot, "garc")
    press(qtbot, Qt.Key_Return)
    press(qtbot, Qt.Key_Return)  # posted
    posted = LedgerEntry.select().where(LedgerEntry.kind == "payment").count()
    said = window.payment.message.text()
    lock_with_ctrl_l(qtbot, window)
    keys(qtbot, "3333")
    press(qtbot, Qt.Key_Return)
    assert window.card.card.name == "María García"
    assert window.payment.spent and window.payment.message.text() == said
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    assert LedgerEntry.select().where(LedgerEntry.kind == "payment").count() == posted
