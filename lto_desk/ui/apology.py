"""When something unexpected goes wrong in the window: the traceback to the log, a short
apology on screen, and the window kept as it was (what was typed stays)."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..log import log_file

_log = logging.getLogger(__name__)


class ErrorHook(QObject):
    """While installed, ``sys.excepthook`` and ``threading.excepthook``: an error no code
    caught (in a slot, a timer, a worker thread) is logged with its traceback, and the
    window apologises once, on its own thread, however many follow while it is shown.
    Nothing else is touched, so the window goes on with what was on it."""

    _caught = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QWidget | None = None
        self._previous = None
        self._previous_in_threads = None
        # Queued, also from the window's own thread: the apology waits until the slot
        # that failed has returned. (Qt's enum namespace loads here, not with the module:
        # it costs ~25 ms, which the first paint does not wait for.)
        from PySide6.QtCore import Qt

        self._caught.connect(self._apologise, Qt.QueuedConnection)

    def install(self) -> ErrorHook:
        if sys.excepthook != self._unexpected:
            self._previous, sys.excepthook = sys.excepthook, self._unexpected
        if threading.excepthook != self._unexpected_in_thread:
            self._previous_in_threads, threading.excepthook = threading.excepthook, self._unexpected_in_thread
        return self

    def uninstall(self) -> None:
        """Put back the hooks found at ``install``."""
        if sys.excepthook == self._unexpected:
            sys.excepthook = self._previous or sys.__excepthook__
        if threading.excepthook == self._unexpected_in_thread:
            threading.excepthook = self._previous_in_threads or threading.__excepthook__

    def _unexpected(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal stays what it was
            (self._previous or sys.__excepthook__)(kind, error, tb)
            return
        _log.error("Unexpected error", exc_info=(kind, error, tb))
        if log_file() is None:  # no log to hold it: the terminal, as without the hook
            sys.__excepthook__(kind, error, tb)
        self._tell()

    def _unexpected_in_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a worker"
        _log.error("Unexpected error in the %s thread", name,
                   exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        if log_file() is None:
            threading.__excepthook__(args)
        self._tell()

    def _tell(self) -> None:
        try:
            self._caught.emit()
        except RuntimeError:  # the window is gone (closing): the log has it
            pass

    def _apologise(self) -> None:
        if self.dialog is not None:  # one apology at a time
            return
        # Loaded when needed: the first use of QMessageBox costs the first paint ~20 ms.
        from .apology_dialog import ApologyDialog

        self.dialog = ApologyDialog.tell(self.window, log_file())
        self.dialog.finished.connect(self._told)

    def _told(self) -> None:
        self.dialog = None
