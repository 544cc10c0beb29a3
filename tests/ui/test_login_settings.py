"""First run, settings, notes and keyboard shortcuts in the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from helpers import log_in
from lto_desk.domain.errors import NotAllowed
from lto_desk.services import settings as settings_service
from lto_desk.store.models import Clerk, Note
from lto_desk.ui import dialogs, settings_dialog
from lto_desk.ui.dialogs import NoteInput


def test_first_run_asks_to_create_the_owner(qtbot, empty_window):
    win = empty_window
    assert win.login.owner_form.isVisible() and not win.login.login_form.isVisible()
    qtbot.keyClicks(win.login.owner_name, "Rosa Delgado")
    qtbot.keyClicks(win.login.owner_pin, "2468")
    qtbot.keyClicks(win.login.owner_pin2, "2469")
    qtbot.keyClick(win.login.owner_pin2, Qt.Key_Return)
    assert "not the same" in win.login.message.text() and win.actor is None
    qtbot.keyClicks(win.login.owner_pin, "2468")
    qtbot.keyClicks(win.login.owner_pin2, "2468")
    qtbot.keyClick(win.login.owner_pin2, Qt.Key_Return)
    assert win.actor is not None and win.actor.role.value == "owner"
    assert Clerk.get(Clerk.name == "Rosa Delgado").pin_hash.startswith("$argon2id$")


def test_a_clerk_cannot_change_settings(qtbot, window, clerk):
    log_in(qtbot, window)
    assert not window.settings_action.isEnabled()
    with pytest.raises(NotAllowed):
        settings_service.update_settings(clerk, dealer_name="Mine now")


def test_a_manager_saves_settings_and_the_status_bar_follows(qtbot, window, monkeypatch):
    log_in(qtbot, window, "Marcus Manager", "2222")
    assert window.settings_action.isEnabled()

    def fake_ask(cls, parent, current):
        dialog = settings_dialog.SettingsDialog(current, parent)
        dialog.dealer_name.setText("Sunrise Auto Sales")
        dialog.thank_en.setText("See you next week, friend!")
        dialog.fee_kind.setCurrentIndex(dialog.fee_kind.findData("percent"))
        dialog.fee_percent.setText("5")
        dialog.fee_cap.setText("25")
        new = dialog.read()
        dialog.deleteLater()
        return settings_service.load_settings(), new

    monkeypatch.setattr(settings_dialog.SettingsDialog, "ask_changes", classmethod(fake_ask))
    window.settings_action.trigger()
    saved = settings_service.load_settings()
    assert saved.dealer_name == "Sunrise Auto Sales" and saved.thank_you_en == "See you next week, friend!"
    assert (saved.late_fee_percent_bp, saved.late_fee_cap, saved.late_fee_flat) == (500, 2500, 0)
    assert "Settings saved" in window.message.text()


def test_settings_refuse_a_bad_fee_with_a_message(qtbot, window):
    dialog = settings_dialog.SettingsDialog(settings_service.load_settings(), window)
    dialog.fee_kind.setCurrentIndex(dialog.fee_kind.findData("flat"))
    dialog.fee_flat.setText("ten")
    dialog.accept()
    assert "Late fee" in dialog.message.text() and "letters" in dialog.message.text()
    assert dialog.result() == 0
    dialog.deleteLater()


def test_f6_adds_a_talk_about_cue_shown_on_the_card(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    monkeypatch.setattr(dialogs.NoteDialog, "ask", classmethod(
        lambda cls, parent, name: NoteInput("Ask how Ana's graduation went", False, True)))
    qtbot.keyClick(window, Qt.Key_F6)
    assert Note.select().where(Note.is_cue == True).count() == 1  # noqa: E712
    items = [window.card.cues.item(i).text() for i in range(window.card.cues.count())]
    assert items == ["Ask how Ana's graduation went"]


def test_keyboard_shortcuts_are_shown_in_the_menus(qtbot, window):
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window.findChildren(type(window.lock_action))}
    assert shortcuts["findAction"] == "F2"
    assert shortcuts["payAction"] == "F5"
    assert shortcuts["noteAction"] == "F6"
    assert shortcuts["reprintAction"] == "Ctrl+P"
    assert shortcuts["lockAction"] == "Ctrl+L"
    assert shortcuts["backAction"] == "Esc"


def test_ctrl_l_locks_and_f2_returns_to_lookup(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    assert window.payment.amount.hasFocus()
    qtbot.keyClick(window.payment.amount, Qt.Key_F2)
    assert window.lookup.edit.hasFocus() and window.lookup.edit.selectedText() == "smith"
    qtbot.keyClick(window.lookup.edit, Qt.Key_L, Qt.ControlModifier)
    assert window.actor is None and window.stack.currentWidget() is window.login
