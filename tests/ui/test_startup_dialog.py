"""Starting the window on a database that cannot be used: one calm dialog, the next
steps work, and the bad file is never written to."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from lto_desk.services import receipts
from lto_desk.services.backups import backups_to_offer
from lto_desk.services.clerks import list_clerks
from lto_desk.store.backup import list_backups, make_backup
from lto_desk.store.database import CannotOpen, close_database, quick_check, startup_check
from lto_desk.store.paths import resolve_location
from lto_desk.ui import startup
from lto_desk.ui.app import make_app, start_window
from lto_desk.ui.startup import BACKUP, OTHER_FILE, QUIT, RETRY, StartupProblemDialog

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


def test_a_damaged_file_at_start_shows_the_dialog_and_another_file_opens(qtbot, monkeypatch, damaged, good):
    make_app()
    before = digest(damaged)
    monkeypatch.setattr(startup, "choose_database_file", lambda parent, location: good)
    seen: list = []
    click_when_shown(qtbot, "file_button", seen)
    window = start_window(resolve_location(str(damaged)))
    assert window is not None
    qtbot.addWidget(window)
    [said] = seen
    assert said["problem"] == "The database lto-desk.sqlite3 is damaged: part of it cannot be read."
    assert said["unchanged"] == "It has not been changed."
    assert "Restore the latest backup" in said["next_step"] and said["file"] == f"File: {damaged}"
    assert window.location.path == good and window.location.chosen
    assert [c.name for c in list_clerks()] == ["Olivia Owner"]
    assert digest(damaged) == before


def test_a_file_picked_at_start_must_exist_and_is_never_made(qtbot, monkeypatch, damaged, tmp_path):
    make_app()
    before = digest(damaged)
    missing = tmp_path / "typo.sqlite3"
    monkeypatch.setattr(startup, "choose_database_file", lambda parent, location: missing)
    shown = steps(monkeypatch, OTHER_FILE, QUIT)
    assert start_window(resolve_location(str(damaged))) is None
    assert [problem.kind for problem, _note in shown] == ["damaged", "missing"]
    assert not missing.exists() and digest(damaged) == before


def test_open_a_backup_brings_it_back_and_keeps_the_damaged_database(qtbot, monkeypatch, location, good):
    make_app()
    make_backup(location)
    damage(good)
    [choice] = backups_to_offer(location)
    steps(monkeypatch, BACKUP)
    chosen = answer(monkeypatch, startup, "RestoreDialog", choice)
    confirmed = answer(monkeypatch, startup, "ConfirmRestoreDialog", True)
    window = start_window(location)
    assert window is not None
    qtbot.addWidget(window)
    assert chosen and confirmed
    assert [c.name for c in list_clerks()] == ["Olivia Owner"] and quick_check(good) is None
    [kept] = (location.files_dir / "backups").glob("replaced-*.sqlite3")
    assert quick_check(kept) is not None  # the damaged database is kept, not thrown away
    said = window.message.text()
    assert "was brought back" in said and str(kept) in said


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
    assert start_window(resolve_location(str(damaged))) is None
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

    monkeypatch.setattr(receipts.tempfile, "mkstemp", onto_a_full_disk)
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    assert window.payment.spent  # the payment itself is recorded
    said = window.message.text()
    assert "was recorded, but its PDF could not be saved" in said
    assert os.strerror(errno.ENOSPC) in said and "Reprint it from the history" in said
    assert not list((location.files_dir / "receipts").glob("*"))
