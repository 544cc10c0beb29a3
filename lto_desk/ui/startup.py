"""Opening the database at start, checked; when it cannot be used, one calm dialog:
what is wrong, that nothing was changed, and the next steps (a backup, another file,
try again, quit). Nothing is created or written until the person chooses.

The checks that only look at the file (there, ours, not newer, writable, not locked)
come before the window, with plain sqlite3, and so does reading the clerks' names for
the log-in page; the database layer opens right after the first paint. SQLite's quick
integrity check reads the whole file (a minute for a dealer group's), so it runs on a
worker thread once the window is up (``IntegrityWatch``); damage found there, or a
database that would not open after all, brings the same dialog, with the window
logged out and nothing written until the person has chosen."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from ..domain.errors import LtoError, StorageError
from ..services.files import (
    CannotOpen,
    FirstLook,
    Location,
    backups_of,
    check_sqlite_file,
    first_look,
    integrity_problem,
    open_database,
    resolve_location,
    sqlite_path,
)
from .startup_choices import BACKUP, OTHER_FILE, QUIT, RETRY

if TYPE_CHECKING:  # the backup modules and the dialog are read only when a problem is shown
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

    from ..services.backups import BackupInfo

__all__ = ["BACKUP", "OTHER_FILE", "QUIT", "RETRY", "IntegrityWatch", "Started", "open_at_start"]


@dataclass(frozen=True)
class Started:
    """The database that opened, and what the person should hear about how (a backup
    brought back, where the damaged file is kept), "" when nothing happened. With
    ``first_look``, the file passed its checks and the database layer is yet to open
    (``MainWindow.ensure_database``, after the first paint)."""

    location: Location
    note: str = ""
    first_look: FirstLook | None = None


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
    from ..services.files import backups_folder, close_database, now, restore_backup
    from .restore_dialog import ConfirmRestoreDialog, RestoreDialog, when

    try:
        choice = RestoreDialog.ask(parent, backups_to_offer(location), backups_folder(location))
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
    location: Location, parent: QWidget | None = None, *, problem: StorageError | None = None, later: bool = False
) -> Started | None:
    """Open the database for the window, after the checks that only look at the file
    (the integrity check comes after the window shows: ``IntegrityWatch``); when it
    cannot be used, or ``problem`` was found already, ask what to do until one opens
    or the person quits (None). ``later``: a file that opens without a write is only
    checked, and the log-in page's names read (``Started.first_look``); the window
    opens it after its first paint."""
    create = problem is None  # a first run makes the database; a file picked by hand must exist
    note = ""
    while True:
        if problem is None:
            try:
                look = _look_first(location, create) if later else None
                if look is not None:
                    return Started(location, note, look)
                open_database(location, create=create)
                return Started(location, note)
            except StorageError as exc:
                problem = exc
        from .startup_dialog import StartupProblemDialog  # loaded only when there is a problem

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


def _look_first(location: Location, create: bool) -> FirstLook | None:
    """The file checked and the clerks' names read with plain sqlite3, or None when
    opening it writes (a new database, a migration, the switch to WAL): that is done
    before the window, by the database layer."""
    path = sqlite_path(location)
    if check_sqlite_file(path, create=create, chosen=location.chosen, quick=False, dry=True) != "existing":
        return None
    return first_look(path)


def _backups(location: Location) -> list["BackupInfo"]:
    try:
        return backups_of(location)
    except (LtoError, OSError):  # a folder that cannot be read: the dialog says none were found
        return []


class _Stopped(Exception):
    """The window closed before the check began."""


class _Verdict(QObject):
    """Carries the check's end back to the window's thread (it lives there)."""

    reached = Signal(object)  # CannotOpen, or None when the file is sound


class WatchedWindow(Protocol):
    """The window whose database ``IntegrityWatch`` checks (``MainWindow`` is one)."""

    location: Location
    closing: SignalInstance
    database_refused: SignalInstance

    def after_first_paint(self, callback) -> None: ...

    def refuse_database(self) -> None: ...

    def use_database(self, location: Location, note: str = "") -> None: ...

    def close(self) -> bool: ...


class IntegrityWatch(QObject):
    """SQLite's quick integrity check of the window's database, on a worker thread and
    its own read-only connection, started once the window is painted. Sound: ``sound``.
    Damaged: the window is logged out (nothing can be written), and the start-up dialog
    asks what to do, as at start; a backup brought back or another file is used in the
    same window and checked again. Quit closes the window and sets ``refused``. A
    database the window could not open after its first paint (``database_refused``)
    is dealt with the same way."""

    sound = Signal()

    def __init__(self, window: WatchedWindow) -> None:
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
        window.database_refused.connect(self._refused)
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
        self._refused(problem)

    def _refused(self, problem: StorageError) -> None:
        """The window's database cannot be used (damage found by the check, or it would
        not open after the first paint): nothing more is written to it, and the person
        chooses the way on, as at start."""
        window = self.window
        window.refuse_database()
        started = open_at_start(window.location, window, problem=problem)
        if started is None:  # closing the window ends the program (ui.app.run returns 2)
            self.refused = True
            window.close()
            return
        window.use_database(started.location, started.note)
        self.start()
