"""Opening the database at start, checked; when it cannot be used, one calm dialog:
what is wrong, that nothing was changed, and the next steps (a backup, another file,
try again, quit). Nothing is created or written until the person chooses.

The checks that only look at the file (there, ours, not newer, writable, not locked)
come before the window. SQLite's quick integrity check reads the whole file (a minute
for a dealer group's), so it runs on a worker thread once the window is up
(``IntegrityWatch``); damage found there brings the same dialog, with the window
logged out and nothing written until the person has chosen."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.errors import LtoError, StorageError
from ..store.database import CannotOpen, close_database, integrity_problem, now, open_database
from ..store.paths import Location, resolve_location

if TYPE_CHECKING:  # the backup modules are read only when a problem is shown
    from ..store.backup import BackupInfo
    from .main_window import MainWindow

#: What the person chose in the dialog.
BACKUP, OTHER_FILE, RETRY, QUIT = "backup", "file", "retry", "quit"

#: The step offered first for each kind of trouble (see CannotOpen.kind).
_FIRST_STEP = {
    "damaged": BACKUP, "empty": BACKUP, "unreadable": BACKUP,
    "foreign": OTHER_FILE, "missing": OTHER_FILE, "not-a-file": OTHER_FILE, "newer": OTHER_FILE,
    "locked": RETRY, "missing-folder": RETRY, "read-only": RETRY, "disk-full": RETRY,
}


@dataclass(frozen=True)
class Started:
    """The database that opened, and what the person should hear about how (a backup
    brought back, where the damaged file is kept), "" when nothing happened."""

    location: Location
    note: str = ""


def _label(text: str, name: str, *, size: float | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    if size or bold:
        font = QFont(label.font())
        if size:
            font.setPointSizeF(size)
        font.setBold(bold)
        label.setFont(font)
    return label


def backups_line(location: Location, backups: list["BackupInfo"]) -> str:
    from ..store.backup import BACKUPS_FOLDER
    from .restore_dialog import when

    folder = location.files_dir / BACKUPS_FOLDER
    if not backups:
        return (f"No backups of this database were found in {folder}. A backup kept elsewhere "
                "(a USB stick) can be picked with “Open a backup…”.")
    count = f"{len(backups)} backup{'s' if len(backups) != 1 else ''}"
    return f"{count} of this database in {folder}; the latest is from {when(backups[0].taken_at)}."


class StartupProblemDialog(QDialog):
    """Why the database cannot be opened, in three short paragraphs, and the way on."""

    def __init__(self, problem: StorageError, location: Location, backups: list["BackupInfo"],
                 note: str = "", parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt  # Qt's enums and QStyle's load only when a problem is shown
        from PySide6.QtWidgets import QStyle

        super().__init__(parent)
        self.setObjectName("startupProblemDialog")
        self.setWindowTitle("LTO Desk cannot open the database")
        self.setMinimumWidth(660)
        self.choice = QUIT
        detailed = isinstance(problem, CannotOpen)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(48, 48))
        icon.setObjectName("startupIcon")
        path = problem.path if detailed else None
        headline = problem.problem if detailed else problem.message
        if path is not None:  # the name in the sentence, the whole path on its own line
            headline = headline.replace(str(path), path.name)
        self.problem = _label(headline, "startupProblem", size=13, bold=True)
        self.file = _label(f"File: {path}" if path is not None else "", "startupFile")
        self.file.setVisible(path is not None)
        self.file.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.file.setStyleSheet("color: #4a5563;")
        self.unchanged = _label(problem.unchanged if detailed else "", "startupUnchanged", bold=True)
        self.unchanged.setStyleSheet("color: #256b33;")  # the reassuring part
        self.unchanged.setVisible(bool(self.unchanged.text()))
        self.next_step = _label(f"What to do: {problem.next_step}" if detailed else "", "startupNextStep")
        self.next_step.setVisible(bool(detailed and problem.next_step))
        self.backups = _label(backups_line(location, backups), "startupBackups")
        self.note = _label(note, "formMessage")
        self.note.setVisible(bool(note))

        self.backup_button = self._button("Open a backup…", "openBackupButton", BACKUP)
        self.file_button = self._button("Choose another file…", "chooseFileButton", OTHER_FILE)
        self.retry_button = self._button("Try again", "tryAgainButton", RETRY)
        self.quit_button = self._button("Quit", "quitButton", QUIT)
        # A backup cannot be brought back into a folder that is not there (a USB stick not plugged in).
        self.backup_button.setEnabled(location.path is not None and location.path.parent.is_dir())
        first = _FIRST_STEP.get(problem.kind if detailed else "", RETRY)
        if first == BACKUP and not (backups and self.backup_button.isEnabled()):
            first = OTHER_FILE
        self.first = {BACKUP: self.backup_button, OTHER_FILE: self.file_button, RETRY: self.retry_button}[first]
        self.first.setDefault(True)
        self.backups.setVisible(self.backup_button.isEnabled())

        text = QVBoxLayout()
        text.setSpacing(10)
        for widget in (self.problem, self.file, self.unchanged, self.next_step, self.note, self.backups):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignTop)
        top.addLayout(text, 1)
        top.setSpacing(16)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.file_button, self.retry_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.first.setFocus()  # Enter takes the step offered first

    def _button(self, text: str, name: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, problem: StorageError, location: Location,
            backups: list["BackupInfo"], note: str = "") -> str:
        """BACKUP, OTHER_FILE, RETRY or QUIT (closing the dialog is QUIT)."""
        dialog = cls(problem, location, backups, note, parent)
        return dialog.choice if dialog.exec() == QDialog.Accepted else QUIT


def choose_database_file(parent: QWidget | None, location: Location) -> Path | None:
    """An existing file picked by the person (the file dialog cannot make a new one)."""
    from PySide6.QtWidgets import QFileDialog

    start = location.path.parent if location.path is not None and location.path.parent.is_dir() else Path.home()
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Choose the LTO Desk database", str(start), "LTO Desk databases (*.sqlite3 *.db);;All files (*)"
    )
    return Path(name) if name else None


def restore_at_start(parent: QWidget | None, location: Location) -> str:
    """Pick a backup, confirm, bring it back; what happened in a sentence ("" when the
    person changed their mind). The database as it was is kept in the backups folder."""
    from ..services.backups import backups_to_offer, replaced_copy_path
    from ..store.backup import BACKUPS_FOLDER, restore_backup
    from .restore_dialog import ConfirmRestoreDialog, RestoreDialog, when

    try:
        choice = RestoreDialog.ask(parent, backups_to_offer(location), location.files_dir / BACKUPS_FOLDER)
        if choice is None:
            return ""
        at = now().replace(microsecond=0)
        if not ConfirmRestoreDialog.ask(parent, choice, location.path, replaced_copy_path(location, at)):
            return ""
        close_database()
        result = restore_backup(location, choice.info.path, at=at)
    except LtoError as exc:
        return f"The backup was not brought back. {exc.message}"
    kept = f" The database as it was is kept at {result.replaced_copy}." if result.replaced_copy else ""
    return f"The backup of {when(choice.info.taken_at)} was brought back.{kept}"


def open_at_start(
    location: Location, parent: QWidget | None = None, *, problem: StorageError | None = None
) -> Started | None:
    """Open the database for the window, after the checks that only look at the file
    (the integrity check comes after the window shows: ``IntegrityWatch``); when it
    cannot be used, or ``problem`` was found already, ask what to do until one opens
    or the person quits (None)."""
    create = problem is None  # a first run makes the database; a file picked by hand must exist
    note = ""
    while True:
        if problem is None:
            try:
                open_database(location, create=create)
                return Started(location, note)
            except StorageError as exc:
                problem = exc
        step = StartupProblemDialog.ask(parent, problem, location, _backups(location), note)
        problem, note = None, ""
        if step == QUIT:
            return None
        if step == OTHER_FILE:
            path = choose_database_file(parent, location)
            if path is not None:
                location, create = resolve_location(str(path)), False
        elif step == BACKUP:
            note = restore_at_start(parent, location)


def _backups(location: Location) -> list["BackupInfo"]:
    from ..store.backup import list_backups

    try:
        return list_backups(location)
    except (LtoError, OSError):  # a folder that cannot be read: the dialog says none were found
        return []


class _Stopped(Exception):
    """The window closed before the check began."""


class _Verdict(QObject):
    """Carries the check's end back to the window's thread (it lives there)."""

    reached = Signal(object)  # CannotOpen, or None when the file is sound


class IntegrityWatch(QObject):
    """SQLite's quick integrity check of the window's database, on a worker thread and
    its own read-only connection, started once the window is painted. Sound: ``sound``.
    Damaged: the window is logged out (nothing can be written), and the start-up dialog
    asks what to do, as at start; a backup brought back or another file is used in the
    same window and checked again. Quit closes the window and sets ``refused``."""

    sound = Signal()

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.refused = False
        self._pending = True  # from now until the verdict is dealt with
        self._closed = False
        self._thread: threading.Thread | None = None
        self._connection: sqlite3.Connection | None = None
        self._stopped = False
        self._lock = threading.Lock()
        self._verdict = _Verdict(self)
        self._verdict.reached.connect(self._reached)  # queued: emitted on the worker thread
        window.after_first_paint(self.start)
        window.closing.connect(self._window_closing)

    @property
    def pending(self) -> bool:
        """A check is under way, or the damage it found is being dealt with."""
        return self._pending

    def start(self) -> None:
        """Check the window's database (again) in the background."""
        path = self.window.location.path
        if path is None or self.refused or self._closed:
            self._pending = False
            return
        self.stop()
        self._stopped, self._pending = False, True
        self._thread = threading.Thread(target=self._check, args=(path,), name="integrity-check", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Interrupt a check under way (the window closes) and wait for its thread."""
        self._stopped = True
        while self._thread is not None and self._thread.is_alive():
            with self._lock:  # again until it ends: an interrupt before the query starts is lost
                if self._connection is not None:
                    with contextlib.suppress(sqlite3.ProgrammingError):  # closed as the check ended
                        self._connection.interrupt()
            self._thread.join(0.05)
        self._thread = None
        self._pending = False

    def _window_closing(self) -> None:
        self._closed = True
        self.stop()

    def _connected(self, connection: sqlite3.Connection) -> None:
        with self._lock:
            if self._stopped:
                raise _Stopped
            self._connection = connection

    def _check(self, path: Path) -> None:  # the worker thread
        try:
            problem = integrity_problem(path, on_connect=self._connected)
        except _Stopped:
            return
        except Exception as exc:  # noqa: BLE001 — said to the person as a problem, never lost
            problem = CannotOpen("unreadable", f"The database {path} could not be checked ({exc}).",
                                 "Try again, or restore the latest backup.", path)
        with self._lock:
            self._connection = None
            if self._stopped:  # interrupted: no verdict
                return
        self._verdict.reached.emit(problem)

    def _reached(self, problem: CannotOpen | None) -> None:
        if self._stopped:
            return
        self._thread, self._pending = None, False
        if problem is None:
            self.sound.emit()
            return
        window = self.window
        window.refuse_database()
        started = open_at_start(window.location, window, problem=problem)
        if started is None:  # closing the window ends the program (ui.app.run returns 2)
            self.refused = True
            window.close()
            return
        window.use_database(started.location, started.note)
        self.start()
