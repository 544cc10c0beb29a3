"""File → Change my PIN… (Alt+F, P), by keyboard: anyone logged in types the PIN they use
now and the new one twice; Enter saves and the new PIN is the one that logs in. A wrong
current PIN is said with the tries left (and counts toward the lockout, as at the log-in
page); two new PINs that differ, the same PIN again, or one that is not 4–8 digits are
said too, with nothing changed; Esc changes nothing. Settings → Staff… (Alt+T) opens
the same staff page File → Staff… does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from helpers import log_in
from lto_desk.domain.errors import NotAllowed
from lto_desk.services import clerks
from lto_desk.services.integrity import verify
from lto_desk.store.models import Clerk, JournalRow
from lto_desk.ui.change_pin_dialog import ChangePinDialog
from lto_desk.ui.settings_dialog import SettingsDialog
from lto_desk.ui.staff_dialog import StaffDialog


def modal(steps) -> list[BaseException]:
    """Run ``steps(dialog)`` on the modal dialog once it shows; never leave it open on a failure."""
    problems: list[BaseException] = []

    def go() -> None:
        d = QApplication.activeModalWidget()
        try:
            steps(d)
        except BaseException as exc:
            problems.append(exc)
            if d is not None:
                d.reject()

    QTimer.singleShot(0, go)
    return problems


def type_pins(d: ChangePinDialog, current: str, new: str, again: str) -> None:
    """The three fields in Tab order from the first, then Enter."""
    assert d.focusWidget() is d.current
    QTest.keyClicks(d.current, current)
    QTest.keyClick(d.current, Qt.Key_Tab)
    assert d.focusWidget() is d.new_pin
    QTest.keyClicks(d.new_pin, new)
    QTest.keyClick(d.new_pin, Qt.Key_Tab)
    assert d.focusWidget() is d.new_pin2
    QTest.keyClicks(d.new_pin2, again)
    QTest.keyClick(d.new_pin2, Qt.Key_Return)


def in_the_dialog(window, steps) -> None:
    """File → Change my PIN…, and ``steps(dialog)`` done in it; it must be closed after."""
    problems = modal(steps)
    window.change_pin_action.trigger()
    assert not problems, problems
    assert not isinstance(QApplication.activeModalWidget(), ChangePinDialog)


def test_a_clerk_changes_their_pin_from_the_file_menu_by_keyboard(qtbot, window):
    log_in(qtbot, window, "Carla Clerk", "3333")
    assert window.change_pin_action.isEnabled()
    seen = []

    def steps(d) -> None:
        assert isinstance(d, ChangePinDialog), d
        seen.append([e.echoMode() for e in (d.current, d.new_pin, d.new_pin2)])
        type_pins(d, "3333", "482917", "482917")

    in_the_dialog(window, steps)
    assert seen == [[QLineEdit.Password] * 3]  # masked
    assert "Your PIN is changed" in window.message.text()
    row = JournalRow.select().order_by(JournalRow.id.desc()).get()
    assert (row.action, row.clerk_id) == ("change_own_pin", window.actor.id)
    with pytest.raises(NotAllowed):
        clerks.log_in("Carla Clerk", "3333")
    assert clerks.log_in("Carla Clerk", "482917").name == "Carla Clerk"
    assert verify().ok


def test_a_wrong_current_pin_says_the_tries_left_and_changes_nothing(qtbot, window):
    log_in(qtbot, window, "Carla Clerk", "3333")
    before = Clerk.get(Clerk.name == "Carla Clerk").pin_hash
    said = []

    def steps(d) -> None:
        type_pins(d, "9999", "482917", "482917")
        said.append((d.isVisible(), d.message.text(), d.current.text(), d.focusWidget() is d.current))
        said.append(Clerk.get(Clerk.name == "Carla Clerk").failed_pins)
        QTest.keyClick(d.focusWidget(), Qt.Key_Escape)

    in_the_dialog(window, steps)
    assert said == [(True, "That PIN is not right. 4 tries left. Your PIN was not changed.", "", True),
                    1]  # counted as a wrong PIN at the log-in page is
    assert Clerk.get(Clerk.name == "Carla Clerk").pin_hash == before
    assert "PIN is changed" not in window.message.text()


@pytest.mark.parametrize("new, again, said", [
    ("482917", "482918", "The two new PINs are not the same; please type them again."),
    ("12", "12", "A PIN has 4 to 8 digits."),
    ("3333", "3333", "The new PIN is the same as the one you have: please choose another."),
])
def test_what_is_wrong_with_the_new_pin_is_said_and_nothing_changes(qtbot, window, new, again, said):
    log_in(qtbot, window, "Carla Clerk", "3333")
    before = Clerk.get(Clerk.name == "Carla Clerk").pin_hash
    seen = []

    def steps(d) -> None:
        type_pins(d, "3333", new, again)
        seen.append((d.isVisible(), d.message.text(), d.new_pin.text() + d.new_pin2.text(),
                     d.focusWidget() is d.new_pin, d.current.text()))
        QTest.keyClick(d.focusWidget(), Qt.Key_Escape)

    in_the_dialog(window, steps)
    assert seen == [(True, said, "", True, "3333")]  # the new ones to type again; the right one kept
    clerk = Clerk.get(Clerk.name == "Carla Clerk")
    assert (clerk.pin_hash, clerk.failed_pins) == (before, 0)


def test_esc_changes_nothing_and_the_fields_have_their_alt_letters(qtbot, window):
    log_in(qtbot, window, "Marcus Manager", "2222")
    before = Clerk.get(Clerk.name == "Marcus Manager").pin_hash
    keys = []

    def steps(d) -> None:
        # Alt+letters do not reach an exec()'d dialog offscreen: each label's letter and field.
        for field in (d.current, d.new_pin, d.new_pin2):
            label = d.form.labelForField(field)
            keys.append((label.text(), label.buddy() is field))
        keys.append(d.buttons.button(QDialogButtonBox.Save).text())
        QTest.keyClicks(d.current, "2222")
        QTest.keyClick(d.current, Qt.Key_Tab)
        QTest.keyClicks(d.new_pin, "5555")
        QTest.keyClick(d.new_pin, Qt.Key_Escape)

    in_the_dialog(window, steps)
    assert keys == [("&Current PIN", True), ("&New PIN", True), ("New PIN &again", True), "&Change PIN"]
    assert Clerk.get(Clerk.name == "Marcus Manager").pin_hash == before


@pytest.mark.parametrize("name, pin", [("Olivia Owner", "1111"), ("Marcus Manager", "2222")])
def test_settings_staff_opens_the_staff_page(qtbot, window, name, pin):
    log_in(qtbot, window, name, pin)
    seen = []

    def in_settings(d) -> None:
        assert isinstance(d, SettingsDialog), d
        assert "&" in d.staff_button.text() and not d.staff_button.autoDefault()
        QTimer.singleShot(0, in_staff)
        d.staff_button.setFocus()
        QTest.keyClick(d.staff_button, Qt.Key_Space)  # the staff page runs here until Esc
        seen.append(("back in settings", QApplication.activeModalWidget() is d))
        QTest.keyClick(d.focusWidget(), Qt.Key_Escape)

    def in_staff() -> None:
        page = QApplication.activeModalWidget()
        seen.append(("staff", type(page).__name__, page.model.rowCount() if isinstance(page, StaffDialog) else 0))
        QTest.keyClick(page.focusWidget() or page, Qt.Key_Escape)

    before = JournalRow.select().count()
    problems = modal(in_settings)
    window.settings_action.trigger()
    assert not problems, problems
    assert seen == [("staff", "StaffDialog", 3), ("back in settings", True)]
    assert JournalRow.select().count() == before  # Esc on Settings saved nothing
