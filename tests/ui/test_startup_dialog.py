"""Starting the window on a database that cannot be used: one calm dialog, the next
steps work, and the bad file is never written to. Damage is found by the integrity
check that runs once the window shows; the rest before the window."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from lto_desk.services import saved_pages
from lto_desk.services.backups import backups_to_offer
from lto_desk.services.clerks import list_clerks
from lto_desk.store.backup import list_backups, make_backup
from lto_desk.store.database import close_database, startup_check
from lto_desk.store.file_check import CannotOpen, quick_check
from lto_desk.store.paths import resolve_location
from lto_desk.ui import restore_dialog, startup
from lto_desk.ui.app import make_app, start_window
from lto_desk.ui.startup import BACKUP, OTHER_FILE, QUIT, RETRY
from lto_desk.ui.startup_dialog import StartupProblemDialog

from helpers import answer, log_in

PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage(path: Path) -> None:
    """Zero a page in the middle of the file, as a failing disk would."""
    data = bytearray(path.read_bytes())
    middle = len(data) // PAGE // 2
    data[middle * PAGE:(middle + 1) * PAGE] = bytes(PAGE)
    path.write_bytes(bytes(data))


@pytest.fixture
def good(location, owner):
    """The owner's database, closed (as it is before the program starts)."""
    close_database()
    return location.path


@pytest.fixture
def damaged(tmp_path, good):
    path = tmp_path / "elsewhere" / "lto-desk.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(good, path)
    damage(path)
    return path


def steps(monkeypatch, *choices) -> list:
    """Stand in for the person at the start-up dialog: the choices in turn; the problems shown."""
    shown, answers = [], list(choices)

    def ask(cls, parent, problem, location, backups, note=""):
        shown.append((problem, note))
        return answers.pop(0)

    monkeypatch.setattr(StartupProblemDialog, "ask", classmethod(ask))
    return shown


def click_when_shown(qtbot, button_name: str, seen: list) -> None:
    """When the real dialog is up: keep what it says (and a picture of it), press a button."""
    def press():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StartupProblemDialog):
            QTimer.singleShot(20, press)
            return
        seen.append({label: getattr(dialog, label).text() for label in ("problem", "unchanged", "next_step", "file")})
        dialog.grab().save(os.path.join(tempfile.gettempdir(), "startup-dialog-corrupt.png"))
        getattr(dialog, button_name).click()

    QTimer.singleShot(0, press)


def started(qtbot, location):
    """The window as the program starts it: shown, painted, and the integrity check it
    runs in the background over (with whatever the person chose at the dialog)."""
    window = start_window(location)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.integrity.pending, timeout=20_000)
    return window


def test_a_damaged_file_shows_the_window_then_the_dialog_and_another_file_opens(qtbot, monkeypatch, damaged, good):
    make_app()
    before = digest(damaged)
    monkeypatch.setattr(startup, "choose_database_file", lambda parent, location: good)
    seen: list = []
    click_when_shown(qtbot, "file_button", seen)
    window = start_window(resolve_location(str(damaged)))
    assert window is not None
    qtbot.addWidget(window)
    assert not seen  # the window comes first: the whole file is read after it shows
    window.show()
    qtbot.waitUntil(lambda: bool(seen) and not window.integrity.pending, timeout=20_000)
    [said] = seen
    assert said["problem"].startswith("The database lto-desk.sqlite3 is damaged: ")  # the name; the path below
    assert said["unchanged"] == "It has not been changed."
    assert "Restore the latest backup" in said["next_step"] and said["file"] == f"File: {damaged}"
    assert window.location.path == good and window.location.chosen
    assert str(good) in window.db_status.text()
    assert window.login.isEnabled() and window.login.name_combo.findText("Olivia Owner") >= 0
    assert [c.name for c in list_clerks()] == ["Olivia Owner"]
    assert digest(damaged) == before and not window.integrity.refused


def test_while_the_dialog_is_up_nobody_is_logged_in_and_nothing_is_written(qtbot, monkeypatch, damaged):
    make_app()
    at_dialog: list = []

    def ask(cls, parent, problem, location, backups, note=""):
        window = parent
        at_dialog.append((problem.kind, window.actor, window.login.isEnabled(), window.isVisible(),
                          [a.isEnabled() for a in window.counter_actions], digest(damaged)))
        return QUIT

    monkeypatch.setattr(StartupProblemDialog, "ask", classmethod(ask))
    window = started(qtbot, resolve_location(str(damaged)))
    [(kind, actor, login_enabled, shown, actions, then)] = at_dialog
    assert kind == "damaged" and shown
    assert actor is None and not login_enabled and not any(actions)
    assert window.integrity.refused and not window.isVisible()  # Quit closes the window
    assert digest(damaged) == then


def test_a_dialog_open_when_the_damage_is_found_is_closed_unanswered(qtbot, monkeypatch, damaged):
    """A form left open on a damaged file must not save into it (or into the file chosen instead)."""
    make_app()
    at_dialog: list = []

    def ask(cls, parent, problem, location, backups, note=""):
        at_dialog.append(QApplication.activeModalWidget())
        return QUIT

    monkeypatch.setattr(StartupProblemDialog, "ask", classmethod(ask))
    window = start_window(resolve_location(str(damaged)))
    assert window is not None
    qtbot.addWidget(window)
    form = QDialog(window)
    gave_up: list = []
    guard = QTimer(form)  # a failing test ends instead of waiting for a person
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: (gave_up.append(True), form.accept()))
    guard.start(20_000)
    window.show()  # painted inside the form's loop: the check runs while the form is open
    assert form.exec() == QDialog.Rejected
    guard.stop()
    assert not gave_up and at_dialog == [None] and window.integrity.refused


def test_an_intact_file_brings_no_dialog(qtbot, monkeypatch, location, good):
    make_app()
    shown = steps(monkeypatch)
    sound: list = []
    window = start_window(location)
    assert window is not None
    window.integrity.sound.connect(lambda: sound.append(True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(sound), timeout=20_000)
    assert not shown and not window.integrity.pending and not window.integrity.refused
    assert window.isVisible() and window.login.isEnabled()
    log_in(qtbot, window, "Olivia Owner", "1111")


def test_closing_the_window_stops_a_check_under_way(qtbot, monkeypatch, location, good):
    """A dealer group's file takes a minute to read: closing the window must not wait for it."""
    make_app()
    shown = steps(monkeypatch)
    began = threading.Event()

    def endless_check(path, *, on_connect):
        import sqlite3

        con = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            on_connect(con)
            began.set()
            con.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n")
        except sqlite3.OperationalError as exc:  # interrupted, as the real check is
            return CannotOpen("unreadable", f"interrupted ({exc})", "", path)
        finally:
            con.close()
        return None

    monkeypatch.setattr(startup, "integrity_problem", endless_check)
    window = start_window(location)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(began.is_set, timeout=20_000)
    assert window.integrity.pending
    window.close()
    assert not window.integrity.pending
    assert not [t for t in threading.enumerate() if t.name == "integrity-check"]
    QApplication.processEvents()
    assert not shown  # an interrupted check is no verdict


def test_try_again_checks_the_file_again(qtbot, monkeypatch, damaged):
    make_app()
    before = digest(damaged)
    shown = steps(monkeypatch, RETRY, QUIT)
    window = started(qtbot, resolve_location(str(damaged)))
    assert [problem.kind for problem, _note in shown] == ["damaged", "damaged"]
    assert window.integrity.refused and digest(damaged) == before


def test_a_file_picked_at_start_must_exist_and_is_never_made(qtbot, monkeypatch, damaged, tmp_path):
    make_app()
    before = digest(damaged)
    missing = tmp_path / "typo.sqlite3"
    monkeypatch.setattr(startup, "choose_database_file", lambda parent, location: missing)
    shown = steps(monkeypatch, OTHER_FILE, QUIT)
    window = started(qtbot, resolve_location(str(damaged)))
    assert [problem.kind for problem, _note in shown] == ["damaged", "missing"]
    assert window.integrity.refused
    assert not missing.exists() and digest(damaged) == before


def test_open_a_backup_brings_it_back_and_keeps_the_damaged_database(qtbot, monkeypatch, location, good):
    make_app()
    make_backup(location)
    damage(good)
    [choice] = backups_to_offer(location)
    steps(monkeypatch, BACKUP)
    chosen = answer(monkeypatch, restore_dialog, "RestoreDialog", choice)
    confirmed = answer(monkeypatch, restore_dialog, "ConfirmRestoreDialog", True)
    window = started(qtbot, location)
    assert chosen and confirmed
    assert [c.name for c in list_clerks()] == ["Olivia Owner"] and quick_check(good) is None
    [kept] = (location.files_dir / "backups").glob("replaced-*.sqlite3")
    assert quick_check(kept) is not None  # the damaged database is kept, not thrown away
    said = window.login.message.text()  # on the log-in page, where the person is
    assert "was brought back" in said and str(kept) in said
    log_in(qtbot, window, "Olivia Owner", "1111")


def test_a_backup_chosen_for_a_file_refused_before_the_window_is_said_on_the_counter(
        qtbot, monkeypatch, location, good):
    make_app()
    make_backup(location)
    good.write_bytes(b"")  # empty: refused by the checks before the window
    [choice] = backups_to_offer(location)
    steps(monkeypatch, BACKUP)
    answer(monkeypatch, restore_dialog, "RestoreDialog", choice)
    answer(monkeypatch, restore_dialog, "ConfirmRestoreDialog", True)
    window = started(qtbot, location)
    assert [c.name for c in list_clerks()] == ["Olivia Owner"]
    assert "was brought back" in window.message.text()


def test_try_again_opens_the_file_once_the_usb_stick_is_back(qtbot, monkeypatch, tmp_path, good):
    make_app()
    stick = tmp_path / "usb-stick"
    path = stick / "lto-desk.sqlite3"

    def plug_in_and_retry(cls, parent, problem, location, backups, note=""):
        assert problem.kind == "missing-folder"
        stick.mkdir()
        shutil.copyfile(good, path)
        return RETRY

    monkeypatch.setattr(StartupProblemDialog, "ask", classmethod(plug_in_and_retry))
    window = start_window(resolve_location(str(path)))
    assert window is not None
    qtbot.addWidget(window)
    assert window.location.path == path and [c.name for c in list_clerks()] == ["Olivia Owner"]


def test_quit_writes_nothing(qtbot, monkeypatch, damaged):
    make_app()
    before = digest(damaged)
    steps(monkeypatch, QUIT)
    window = started(qtbot, resolve_location(str(damaged)))
    assert window.integrity.refused and not window.isVisible()
    assert digest(damaged) == before


def test_quit_before_the_window_writes_nothing(qtbot, monkeypatch, tmp_path):
    make_app()
    empty = tmp_path / "lto-desk.sqlite3"
    empty.write_bytes(b"")
    steps(monkeypatch, QUIT)
    assert start_window(resolve_location(str(empty))) is None
    assert empty.read_bytes() == b""


def _rollback_journal(path: Path) -> None:
    """A file in SQLite's old journal mode (copied from elsewhere): opening it switches it to WAL."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA journal_mode = delete")


def _one_version_behind(path: Path) -> None:
    """A file the program will migrate as it opens."""
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute("UPDATE schema_info SET version = version - 1")


@pytest.mark.parametrize("about_to_be_written", [_rollback_journal, _one_version_behind])
def test_a_file_that_opening_would_write_is_checked_before_the_window(qtbot, monkeypatch, damaged,
                                                                       about_to_be_written):
    """Damage is normally found after the window shows; a file that opening would change
    (switched to WAL, migrated) is checked first, so nothing is written to a damaged one."""
    make_app()
    about_to_be_written(damaged)
    before = digest(damaged)
    shown = steps(monkeypatch, QUIT)
    assert start_window(resolve_location(str(damaged))) is None
    assert [problem.kind for problem, _note in shown] == ["damaged"]
    assert digest(damaged) == before


def _problem(location) -> CannotOpen:
    with pytest.raises(CannotOpen) as refused:
        startup_check(location)
    return refused.value


def test_the_dialog_offers_a_backup_first_for_a_damaged_file_that_has_one(qtbot, location, damaged):
    make_app()
    backup_location = resolve_location(str(damaged))
    folder = backup_location.files_dir / "backups"
    folder.mkdir(parents=True)
    shutil.copyfile(location.path, folder / "lto-desk-20261122-181502.sqlite3")
    dialog = StartupProblemDialog(_problem(backup_location), backup_location, list_backups(backup_location))
    qtbot.addWidget(dialog)
    assert dialog.backup_button.isDefault() and dialog.backup_button.isEnabled()
    assert "1 backup of this database" in dialog.backups.text() and "Nov 22, 2026, 6:15 PM" in dialog.backups.text()
    without = StartupProblemDialog(_problem(backup_location), backup_location, [])
    qtbot.addWidget(without)
    assert without.file_button.isDefault() and "No backups" in without.backups.text()


def test_the_dialog_for_a_missing_folder_offers_try_again_and_no_backup(qtbot, tmp_path):
    make_app()
    location = resolve_location(str(tmp_path / "usb-stick" / "lto-desk.sqlite3"))
    dialog = StartupProblemDialog(_problem(location), location, [])
    qtbot.addWidget(dialog)
    assert dialog.retry_button.isDefault() and not dialog.backup_button.isEnabled()
    assert dialog.unchanged.text() == "Nothing was created." and "plug it in" in dialog.next_step.text()


def test_the_dialog_closed_with_escape_means_quit(qtbot, damaged):
    make_app()
    location = resolve_location(str(damaged))
    dialog = StartupProblemDialog(_problem(location), location, [])
    qtbot.addWidget(dialog)
    QTimer.singleShot(0, dialog.reject)
    assert dialog.exec() == 0 and dialog.choice == QUIT


# -- a full disk after start: the payment stands, the PDF is said plainly -------------------

def test_a_receipt_pdf_that_cannot_be_written_is_said_plainly(qtbot, window, monkeypatch, location):
    real_mkstemp = tempfile.mkstemp

    def onto_a_full_disk(**kwargs):
        fd, name = real_mkstemp(**kwargs)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), name  # every write: ENOSPC

    monkeypatch.setattr(saved_pages.tempfile, "mkstemp", onto_a_full_disk)
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    assert window.payment.spent  # the payment itself is recorded
    said = window.message.text()
    assert "was recorded, but its PDF could not be saved" in said
    assert os.strerror(errno.ENOSPC) in said and "Reprint it from the history" in said
    assert not list((location.files_dir / "receipts").glob("*"))
