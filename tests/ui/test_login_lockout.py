"""The log-in page and growing lockouts (issue 19, finding 9): a name locked until a
manager unlocks it says "Locked: a manager can unlock", and a manager unlocks it there
by typing their name and PIN, all by keyboard; the first owner is told a 6-digit PIN
is safer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lto_desk.domain.errors import NotAllowed
from lto_desk.services import clerks
from lto_desk.services.integrity import verify


def _lock_for_a_manager(name: str) -> None:
    """Fifteen wrong PINs over the last two days: the third lockout, which waits for a manager."""
    at = dt.datetime.now() - dt.timedelta(days=2)
    for n in range(15):
        with pytest.raises(NotAllowed):
            clerks.log_in(name, "0000", at=at)
        at += dt.timedelta(minutes=20) if n % 5 == 4 else dt.timedelta(seconds=1)
    assert clerks.is_locked_for_manager(name)


def _type(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Return)


def test_a_manager_unlocks_a_locked_name_on_the_log_in_page_by_keyboard(qtbot, window):
    _lock_for_a_manager("Carla Clerk")
    page = window.login
    page.name_combo.setCurrentIndex(page.name_combo.findText("Carla Clerk"))
    _type(qtbot, page.pin_edit, "3333")  # the right PIN does not open a locked name
    assert window.actor is None
    assert page.message.text().startswith("Locked: a manager can unlock.")
    assert page.unlock_box.isVisible()
    assert [page.unlock_manager.itemText(i) for i in range(page.unlock_manager.count())] == [
        "Marcus Manager", "Olivia Owner"]  # a manager or the owner, never the locked clerk
    assert QApplication.focusWidget() is page.unlock_pin
    # Tab order in the unlock rows: the manager's name, their PIN, Unlock.
    qtbot.keyClick(page.unlock_pin, Qt.Key_Backtab)
    assert QApplication.focusWidget() is page.unlock_manager
    qtbot.keyClick(page.unlock_manager, Qt.Key_Tab)
    assert QApplication.focusWidget() is page.unlock_pin
    # A wrong manager PIN: said, the PIN cleared and focused, the box still there.
    _type(qtbot, page.unlock_pin, "0000")
    assert "That PIN is not right" in page.message.text()
    assert page.unlock_box.isVisible() and page.unlock_pin.text() == "" and QApplication.focusWidget() is page.unlock_pin
    _type(qtbot, page.unlock_pin, "2222")
    assert not page.unlock_box.isVisible()
    assert page.message.text() == "Marcus Manager unlocked Carla Clerk. Carla, type your PIN."
    assert QApplication.focusWidget() is page.pin_edit and page.name_combo.currentText() == "Carla Clerk"
    _type(qtbot, page.pin_edit, "3333")
    assert window.actor is not None and window.actor.name == "Carla Clerk"
    report = verify()
    assert report.ok, report.summary()


def test_the_unlock_rows_offer_only_someone_else_and_esc_puts_them_away(qtbot, window):
    _lock_for_a_manager("Marcus Manager")
    page = window.login
    page.name_combo.setCurrentIndex(page.name_combo.findText("Marcus Manager"))
    _type(qtbot, page.pin_edit, "2222")
    assert page.unlock_box.isVisible()
    assert [page.unlock_manager.itemText(i) for i in range(page.unlock_manager.count())] == ["Olivia Owner"]
    qtbot.keyClick(page.unlock_pin, Qt.Key_Escape)
    assert not page.unlock_box.isVisible() and QApplication.focusWidget() is page.pin_edit
    assert clerks.is_locked_for_manager("Marcus Manager")


def test_the_first_owner_is_told_six_digits_is_safer(qtbot, empty_window):
    page = empty_window.login
    assert page.owner_form.isVisible()
    assert "6 digits or more is safer" in page.owner_hint.text()
    assert page.owner_pin.placeholderText() == "6 digits"
