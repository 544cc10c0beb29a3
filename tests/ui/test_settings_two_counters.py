"""Settings open at this counter while another counter saves its own: Save keeps the other
counter's change, and a setting both changed is asked about, by keyboard, with both values."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import log_in
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from lto_desk.services import settings as settings_service
from lto_desk.ui.settings_dialog import ClashQuestion, SettingsDialog

SHOTS = Path(os.environ["LTO_DESK_SHOTS"]) if os.environ.get("LTO_DESK_SHOTS") else None


def retype(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(field, text)


def open_settings_and(qtbot, window, inside) -> list:
    """Trigger Settings… in the window; ``inside(dialog, seen)`` runs while it is open."""
    seen: list = []

    def drive():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if isinstance(dialog, SettingsDialog):
            inside(dialog, seen)
        if dialog is not None and dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, drive)
    window.settings_action.trigger()
    return seen


def answer_question_by(qtbot, key, seen: list) -> None:
    """When the question shows: note what it says, then press ``key`` (Alt+M, Alt+O or Esc)."""

    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, ClashQuestion):
            seen.append(("no question", type(box).__name__))
            return
        seen.append((box.text(), box.informativeText()))
        if SHOTS:
            box.grab().save(str(SHOTS / "settings-clash-question.png"))
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is box)
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.NoModifier if key == Qt.Key_Escape else Qt.AltModifier)
        try:
            qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)  # Alt+letter clicks after a short flash
        finally:
            if box.isVisible():
                box.reject()

    QTimer.singleShot(0, press)


@pytest.mark.parametrize(("key", "name_kept"), [(Qt.Key_O, "Sunrise Autos"), (Qt.Key_M, "Sunrise Auto Sales")],
                         ids=["keep-the-other-counters", "keep-mine"])
def test_save_keeps_the_other_counters_change_and_asks_about_the_same_field(qtbot, window, owner, key, name_kept):
    log_in(qtbot, window, "Marcus Manager", "2222")

    def inside(dialog, seen):
        # Another counter saves while this form is open: a new phone and dealer name.
        settings_service.update_settings(owner, phone="(205) 555-0100", dealer_name="Sunrise Autos")
        retype(qtbot, dialog.dealer_name, "Sunrise Auto Sales")
        retype(qtbot, dialog.address, "1420 W. Main St")
        answer_question_by(qtbot, key, seen)
        qtbot.keyClick(dialog.address, Qt.Key_Return)  # Save
        seen.append(("closed", not dialog.isVisible()))

    seen = open_settings_and(qtbot, window, inside)
    assert seen == [
        "SettingsDialog",
        ("Another counter changed “Dealership name” while Settings was open here.",
         ("The other counter saved: Sunrise Autos\nYou set: Sunrise Auto Sales\n\n"
          "Which should be kept? Esc goes back to Settings without saving.")),
        ("closed", True),
    ]
    stored = settings_service.load_settings()
    assert stored.phone == "(205) 555-0100"  # the other counter's change, not undone by the older form
    assert stored.address == "1420 W. Main St" and stored.dealer_name == name_kept
    assert window.settings == stored
    assert "Settings saved" in window.message.text()


def test_esc_on_the_question_goes_back_to_the_form_with_nothing_saved(qtbot, window, owner):
    log_in(qtbot, window, "Marcus Manager", "2222")

    def inside(dialog, seen):
        settings_service.update_settings(owner, late_fee_grace_days=5)
        dialog.grace.setFocus()
        dialog.grace.selectAll()
        qtbot.keyClicks(dialog.grace, "7")
        answer_question_by(qtbot, Qt.Key_Escape, seen)
        qtbot.keyClick(dialog.grace, Qt.Key_Return)
        seen.append((dialog.isVisible(), dialog.message.text()))

    seen = open_settings_and(qtbot, window, inside)
    assert seen[1] == ("Another counter changed “Late fee after” while Settings was open here.",
                       ("The other counter saved: 5 days\nYou set: 7 days\n\n"
                        "Which should be kept? Esc goes back to Settings without saving."))
    assert seen[2] == (True, "Nothing was saved. Press Save when you are ready.")
    assert settings_service.load_settings().late_fee_grace_days == 5


def test_the_form_opens_on_the_settings_stored_now(qtbot, window, owner):
    """Another counter changed the name after this window read the settings: the form shows theirs."""
    log_in(qtbot, window, "Marcus Manager", "2222")
    settings_service.update_settings(owner, dealer_name="Sunrise Autos")
    assert window.settings.dealer_name != "Sunrise Autos"

    def inside(dialog, seen):
        seen.append(dialog.dealer_name.text())
        if SHOTS:
            dialog.grab().save(str(SHOTS / "settings-dialog.png"))

    assert open_settings_and(qtbot, window, inside) == ["SettingsDialog", "Sunrise Autos"]


def test_a_counter_saving_between_save_and_the_write_is_not_overwritten(qtbot, window, manager, owner):
    """What Save returns, saved with the settings it was put on top of as its base: a
    setting another counter saves in between is kept, or the save stops and names it."""
    seen = []

    def fill_and_save():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if isinstance(dialog, SettingsDialog):
            retype(qtbot, dialog.dealer_name, "Sunrise Auto Sales")
            qtbot.keyClick(dialog.dealer_name, Qt.Key_Return)
        if dialog is not None and dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, fill_and_save)
    base, new = SettingsDialog.ask_changes(window, settings_service.load_settings())
    assert seen == ["SettingsDialog"] and new.dealer_name == "Sunrise Auto Sales"
    settings_service.update_settings(owner, phone="(205) 555-0100")  # another counter, in between
    saved = settings_service.save_settings(manager, new, base=base)
    assert (saved.dealer_name, saved.phone) == ("Sunrise Auto Sales", "(205) 555-0100")
    settings_service.update_settings(owner, dealer_name="Sunrise Autos")
    with pytest.raises(settings_service.SettingsChanged, match="Dealership name is now “Sunrise Autos”"):
        settings_service.save_settings(manager, replace(new, dealer_name="Sunrise Motors"), base=saved)
    assert settings_service.load_settings().dealer_name == "Sunrise Autos"


def test_the_window_saves_only_the_persons_changes(qtbot, window, manager, owner, monkeypatch):
    """File → Settings… writes what the person changed on top of what is stored: another
    counter's save between the person's Save and the write stays."""
    from helpers import log_in

    log_in(qtbot, window, "Marcus Manager", "2222")

    def changed_meanwhile(cls, parent, current):
        base = settings_service.load_settings()
        new = replace(base, dealer_name="Sunrise Auto Sales")
        settings_service.update_settings(owner, phone="(205) 555-0100")  # another counter, in between
        return base, new

    monkeypatch.setattr(SettingsDialog, "ask_changes", classmethod(changed_meanwhile))
    window.settings_action.trigger()
    saved = settings_service.load_settings()
    assert (saved.dealer_name, saved.phone) == ("Sunrise Auto Sales", "(205) 555-0100")
    assert "Settings saved" in window.message.text()
