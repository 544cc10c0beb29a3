"""The window's backups: back up now, the daily backup, restore (owner), the backup on closing.

Backups and restores run on a worker thread (their own SQLite connections) with a busy
indicator in the status bar; the window keeps answering. A restore closes the
database first, opens it again afterwards and emits ``restored``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar

from ..domain.errors import LtoError
from ..services.files import Location, backups_folder, close_database, format_size, now, open_database

if TYPE_CHECKING:  # the backup services load with the first backup, not at every start
    from ..services import backups
    from ..services.backups import BackupInfo
    from .desk import Desk

HOUR_MS = 60 * 60 * 1000


class _Outcome(QObject):
    """Carries a job's end back to the GUI thread (queued: it lives there)."""

    succeeded = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], outcome: _Outcome) -> None:
        super().__init__()
        self.work = work
        self.outcome = outcome

    def run(self) -> None:  # the worker thread
        try:
            result = self.work()
        except LtoError as exc:
            self.outcome.failed.emit(exc.message)
        except Exception as exc:  # noqa: BLE001 — said to the person, never lost silently
            self.outcome.failed.emit(f"Something unexpected went wrong ({exc}).")
        else:
            self.outcome.succeeded.emit(result)


def not_made(lead: str, message: str) -> str:
    """"No backup was made: <why>", unless the reason says so itself (a locked database)."""
    return message if "backup was not made" in message else f"{lead}: {message}"


def saved_text(info: BackupInfo) -> str:
    return f"Backup saved at {info.path} ({format_size(info.size)}); it was checked and is sound."


def backup_on_close(location: Location) -> BackupInfo | None:
    """The backup made after the window closes: synchronous; a failure is said on stderr
    and never keeps the program from quitting."""
    from ..services import backups

    if not location.is_sqlite:
        return None
    try:
        return backups.back_up(location, kind="closing")
    except LtoError as exc:
        print(f"lto-desk: {not_made('the backup on closing was not made', exc.message)}", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 — quitting must go on whatever happened
        print(f"lto-desk: the backup on closing was not made ({exc}).", file=sys.stderr)
    return None


class BackupFlows(QObject):
    """File → Back up now, Restore from backup… (owner) and the daily backup.

    ``restored(str)`` is emitted once a backup was restored and the database opened
    again; its text says so in a line for the log-in page (everyone logs in again). The
    status bar says where the replaced database is kept."""

    restored = Signal(str)

    def __init__(self, window: Desk) -> None:
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one backup or restore at a time
        self.busy_label = QLabel()
        self.busy_label.setObjectName("backupBusyLabel")
        self.busy = QProgressBar()
        self.busy.setObjectName("backupBusy")
        self.busy.setRange(0, 0)  # moving, with no end known
        self.busy.setMaximumWidth(110)
        self.busy.setTextVisible(False)
        for widget in (self.busy_label, self.busy):
            widget.hide()
            window.statusBar().addPermanentWidget(widget)
        self.daily_timer = QTimer(self)
        self.daily_timer.setInterval(HOUR_MS)
        self.daily_timer.timeout.connect(self.daily_check)
        self._running: str | None = None  # "manual", "daily" or "restore"
        self._outcome: _Outcome | None = None

    # -- the worker ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running is not None

    def _start(self, what: str, work: Callable[[], object], busy_text: str) -> None:
        self._running = what
        self._outcome = _Outcome(self)
        self._outcome.succeeded.connect(self._succeeded)
        self._outcome.failed.connect(self._failed)
        self.busy_label.setText(busy_text)
        self.busy_label.show()
        self.busy.show()
        self.pool.start(_Job(work, self._outcome))

    def _finish(self) -> str | None:
        what, self._running = self._running, None
        if self._outcome is not None:
            self._outcome.deleteLater()
            self._outcome = None
        self.busy_label.hide()
        self.busy.hide()
        return what

    def wait(self, ms: int = 60_000) -> bool:
        """Wait for a backup or restore under way (closing the window); True when none is left."""
        return self.pool.waitForDone(ms)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        what = self._finish()
        window = self.window
        if what == "manual":
            window.say(saved_text(result), "info")
        elif what == "daily" and result is not None:
            window.statusBar().showMessage(f"Daily backup saved at {result.path}.", 15_000)
        elif what == "restore":
            self._reopen(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        what = self._finish()
        window = self.window
        if what == "manual":
            window.say(not_made("No backup was made", message), "error")
        elif what == "daily":
            window.say(f"{not_made('The daily backup was not made', message)} It will be tried again in an hour.",
                       "warning")
        elif what == "restore":
            self._reopen(None, message)

    # -- backing up -------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        """File → Back up now: a checked copy in the backups folder, made in the background."""
        from ..services import backups

        window = self.window
        if self.running:
            window.say("A backup is being made already; it will say here when it is done.", "info")
            return
        location = window.location
        self._start("manual", lambda: backups.back_up(location, kind="manual"), "Backing up…")

    def start_daily_timer(self) -> None:
        """Check at once, then every hour, whether a day has gone by without a backup; if
        so, make one in the background."""
        self.daily_timer.start()
        self.daily_check()

    def daily_check(self) -> None:
        from ..services import backups

        location = self.window.location
        if self.running or not location.is_sqlite or not backups.backup_due(location, now()):
            return
        self._start("daily", lambda: backups.back_up(location, kind="daily"), "Making the daily backup…")

    # -- restoring -----------------------------------------------------------------------------------
    def restore(self) -> None:
        """File → Restore from backup… (owner): pick, confirm, then replace the database."""
        from ..services import backups
        from .restore_dialog import ConfirmRestoreDialog, RestoreDialog

        window = self.window
        try:
            backups.check_may_restore(window.actor)
        except LtoError as exc:
            window.say(exc.message, "warning")
            return
        if self.running:
            window.say("A backup is being made; restore once it is done (it says so here).", "info")
            return
        location = window.location
        try:
            choices = backups.backups_to_offer(location)
            folder = backups_folder(location)
            choice = RestoreDialog.ask(window, choices, folder)
            if choice is None or window.actor is None:
                return
            at = now().replace(microsecond=0)
            kept_at = backups.replaced_copy_path(location, at)
        except LtoError as exc:
            window.say(exc.message, "error")
            return
        if not ConfirmRestoreDialog.ask(window, choice, location.path, kept_at) or window.actor is None:
            return
        actor, path = window.actor, choice.info.path
        close_database()  # restore_backup needs the program's connection closed
        window.setEnabled(False)  # nothing may read the database until it is open again
        self._start("restore", lambda: backups.restore_as(actor, location, path, at=at), "Restoring the backup…")

    def _reopen(self, result: backups.RestoreResult | None, problem: str = "") -> None:
        from .restore_dialog import when

        window = self.window
        try:
            close_database()
            open_database(window.location)
        except LtoError as exc:
            problem = (f"{problem} " if problem else "The backup was restored, but ") + \
                f"the database cannot be opened again: {exc.message}"
        window.setEnabled(True)
        if result is None or problem:
            window.say(problem or "The backup was not restored.", "error")
            return
        taken = result.check.last_change_at
        kept = f" The database you had is kept at {result.replaced_copy}." if result.replaced_copy else ""
        window.statusBar().showMessage(f"Restored {result.restored_from.name}.{kept}", 120_000)
        self.restored.emit("The backup is back" + (f": everything is as it was on {when(taken)}" if taken else "")
                           + ". Please log in again.")
