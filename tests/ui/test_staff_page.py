"""The staff page (File → Staff…) and the log-in page's new-PIN rows (issue 20, part 1),
by keyboard: the owner adds a clerk, resets a PIN and turns a login off; a manager sees
the list with only a clerk's Reset PIN open to them; a clerk does not get it. A person
with no PIN yet picks their name, is asked to choose one (typed twice) and is logged
in; a person turned off is not listed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from helpers import log_in
from lto_desk.domain.roles import Role
from lto_desk.services import clerks, staff
from lto_desk.services.integrity import verify
from lto_desk.store.models import Clerk, JournalRow
from lto_desk.ui.staff_dialog import AddPersonDialog, StaffDialog, StaffQuestion


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


def press(widget, key) -> None:
    QTest.keyClick(widget, key)


def staff_page(qtbot, window) -> StaffDialog:
    page = StaffDialog(lambda: window.actor, window)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def statuses(page: StaffDialog) -> dict[str, tuple[str, str]]:
    m = page.model
    return {m.index(r, 0).data(): (m.index(r, 1).data(), m.index(r, 2).data()) for r in range(m.rowCount())}


def select(page: StaffDialog, name: str) -> None:
    """Ctrl+Home, then down the list by the arrow keys until ``name`` is the selected person."""
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key_Home, Qt.ControlModifier)
    for _ in range(page.model.rowCount() + 1):
        if page.selected() is not None and page.selected().name == name:
            return
        press(page.table, Qt.Key_Down)
    raise AssertionError(f"{name} is not in the list: {statuses(page)}, at {page.table.currentIndex().row()}")


def answer_question(do: bool) -> list[BaseException]:
    """Tab to the question's button and press Space on it (Alt+letters do not reach
    exec()'d dialogs offscreen)."""
    def steps(d) -> None:
        assert isinstance(d, StaffQuestion), d
        wanted = d.do_button if do else d.escapeButton()
        for _ in range(4):
            if d.focusWidget() is wanted:
                break
            press(d.focusWidget(), Qt.Key_Tab)
        assert d.focusWidget() is wanted
        press(wanted, Qt.Key_Space)
    return modal(steps)


def test_the_owner_adds_a_clerk_resets_a_pin_and_turns_a_login_off_by_keyboard(qtbot, window):
    log_in(qtbot, window, "Olivia Owner", "1111")
    assert window.staff_action.isEnabled()
    page = staff_page(qtbot, window)
    assert page.focusWidget() is page.table
    assert statuses(page)["Carla Clerk"] == ("Clerk", "Active")

    def add(d) -> None:
        assert isinstance(d, AddPersonDialog), d
        assert d.focusWidget() is d.name
        QTest.keyClicks(d.name, "Nina Newhire")
        press(d.name, Qt.Key_Tab)
        assert d.focusWidget() is d.role and d.role.currentData() == Role.CLERK.value
        press(d.role, Qt.Key_Return)

    problems = modal(add)
    page.add_button.setFocus()
    press(page.add_button, Qt.Key_Space)
    assert not problems, problems
    assert statuses(page)["Nina Newhire"] == ("Clerk", "Needs a PIN")
    assert page.selected().name == "Nina Newhire"
    assert "They choose their own PIN" in page.message.text()
    added = JournalRow.select().order_by(JournalRow.id.desc()).get()
    assert (added.action, added.clerk_id) == ("add_staff", window.actor.id)

    # The same name again: the form says why and keeps what was typed; Esc gives up.
    said = []

    def again(d) -> None:
        QTest.keyClicks(d.name, "Carla Clerk")
        press(d.name, Qt.Key_Return)
        QTimer.singleShot(0, lambda: check(QApplication.activeModalWidget()))

    def check(d) -> None:
        said.append((d.name.text(), d.message.text()))
        press(d.focusWidget(), Qt.Key_Escape)

    problems = modal(again)
    press(page.add_button, Qt.Key_Space)
    assert not problems, problems
    assert said == [("Carla Clerk", "There is already someone named Carla Clerk. Add the new person with their "
                                    "last name or an initial too.")]

    # Reset Carla's PIN: asked first (Cancel changes nothing), then done.
    select(page, "Carla Clerk")
    problems = answer_question(do=False)
    press(page.reset_button, Qt.Key_Space)
    assert not problems, problems
    assert statuses(page)["Carla Clerk"] == ("Clerk", "Active")
    problems = answer_question(do=True)
    press(page.reset_button, Qt.Key_Space)
    assert not problems, problems
    assert statuses(page)["Carla Clerk"] == ("Clerk", "Needs a PIN")
    assert Clerk.get(Clerk.name == "Carla Clerk").pin_hash == clerks.NO_PIN

    # Deactivate Marcus (asked first); the button then reads Reactivate.
    select(page, "Marcus Manager")
    assert page.active_button.text() == "Deactivate…"
    problems = answer_question(do=True)
    press(page.active_button, Qt.Key_Space)
    assert not problems, problems
    assert statuses(page)["Marcus Manager"] == ("Manager", "No longer active")
    assert page.active_button.text() == "Reactivate" and page.selected().name == "Marcus Manager"
    # Her own row: no turning off her own login, nor resetting her own PIN.
    select(page, "Olivia Owner")
    assert not page.active_button.isEnabled() and "your own login" in page.active_button.toolTip()
    assert not page.reset_button.isEnabled()
    press(page.table, Qt.Key_Escape)
    assert not page.isVisible()
    # The log-in page lists active staff only.
    window.lock()
    names = [window.login.name_combo.itemText(i) for i in range(window.login.name_combo.count())]
    assert names == ["Carla Clerk", "Nina Newhire", "Olivia Owner"]
    assert verify().ok, verify().summary()


def test_a_manager_may_only_reset_a_clerks_pin_and_a_clerk_gets_no_staff_page(qtbot, window):
    log_in(qtbot, window, "Carla Clerk", "3333")
    assert not window.staff_action.isEnabled()
    window.lock()
    log_in(qtbot, window, "Marcus Manager", "2222")
    assert window.staff_action.isEnabled()
    page = staff_page(qtbot, window)
    assert "Only the owner adds people" in page.role_note.text() and page.role_note.isVisible()
    assert not page.add_button.isEnabled() and page.add_button.toolTip() == "Only the owner can do this."
    select(page, "Olivia Owner")
    assert not page.reset_button.isEnabled() and "a clerk's PIN only" in page.reset_button.toolTip()
    assert not page.role_button.isEnabled() and not page.active_button.isEnabled()
    select(page, "Carla Clerk")
    assert page.reset_button.isEnabled()
    problems = answer_question(do=True)
    press(page.reset_button, Qt.Key_Space)
    assert not problems, problems
    assert statuses(page)["Carla Clerk"] == ("Clerk", "Needs a PIN")
    reset = JournalRow.select().order_by(JournalRow.id.desc()).get()
    assert (reset.action, reset.clerk_id) == ("reset_pin", window.actor.id)
    page.close()


@pytest.fixture
def nina(owner) -> int:
    """Nina Newhire, a clerk the owner added before the window opened: she has no PIN yet."""
    return staff.add_staff(owner, "Nina Newhire", "clerk")


@pytest.fixture
def carla_left(owner, clerk, counter_data) -> None:
    """Carla Clerk, who took the dealership's payments, has left (her login turned off)."""
    staff.deactivate(owner, clerk.id)


def test_a_person_with_no_pin_chooses_one_at_the_log_in_page_and_is_logged_in(qtbot, nina, window):
    page = window.login
    page.name_combo.setCurrentIndex(page.name_combo.findText("Nina Newhire"))
    press(page.pin_edit, Qt.Key_Return)  # nothing typed: she has no PIN yet
    assert page.new_pin_form.isVisible() and not page.login_form.isVisible()
    assert page.subtitle.text().startswith("Welcome, Nina! Choose your own PIN: 4 to 8 digits")
    assert QApplication.focusWidget() is page.new_pin
    # Two PINs not the same: said, both cleared, back to the first.
    QTest.keyClicks(page.new_pin, "482913")
    press(page.new_pin, Qt.Key_Return)
    assert QApplication.focusWidget() is page.new_pin2
    QTest.keyClicks(page.new_pin2, "482914")
    press(page.new_pin2, Qt.Key_Return)
    assert page.message.text() == "The two PINs are not the same; please type them again."
    assert (page.new_pin.text(), page.new_pin2.text()) == ("", "") and QApplication.focusWidget() is page.new_pin
    assert window.actor is None
    # Too short: the rule said plainly.
    QTest.keyClicks(page.new_pin, "12")
    press(page.new_pin, Qt.Key_Return)
    QTest.keyClicks(page.new_pin2, "12")
    press(page.new_pin2, Qt.Key_Return)
    assert page.message.text() == "A PIN has 4 to 8 digits."
    # Esc goes back to the names; Enter again brings the rows back.
    press(page.new_pin, Qt.Key_Escape)
    assert page.login_form.isVisible() and not page.new_pin_form.isVisible()
    assert page.subtitle.text() == "Pick your name and type your PIN."
    press(page.pin_edit, Qt.Key_Return)
    QTest.keyClicks(page.new_pin, "482913")
    press(page.new_pin, Qt.Key_Return)
    QTest.keyClicks(page.new_pin2, "482913")
    press(page.new_pin2, Qt.Key_Return)
    assert window.actor is not None and window.actor.id == nina
    assert window.stack.currentWidget() is window.counter
    assert not page.new_pin_form.isVisible()
    window.lock()
    log_in(qtbot, window, "Nina Newhire", "482913")


def test_a_person_turned_off_is_not_listed_at_the_log_in_page(qtbot, carla_left, window):
    names = [window.login.name_combo.itemText(i) for i in range(window.login.name_combo.count())]
    assert "Carla Clerk" not in names and names == ["Marcus Manager", "Olivia Owner"]
