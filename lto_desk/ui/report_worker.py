"""Runs a long report (one over every account) on a thread of its own, with its own
database connection, so the reports window stays responsive and can cancel it."""

from __future__ import annotations

import threading
from typing import Callable

from ..domain.errors import LtoError
from ..services.business_reports import Progress, ReportCancelled, worker_connection

__all__ = ["ReportWorker"]


class ReportWorker:
    """Runs ``job(progress)`` on a thread of its own, with its own database connection.

    The GUI thread reads how far it is (:attr:`done` of :attr:`total`) and, once
    :meth:`is_finished`, how it ended (:attr:`outcome`: "succeeded" with
    :attr:`result`, "failed" with :attr:`message`, or "cancelled"); the reports
    window polls it with a timer. :meth:`cancel` makes the next progress call stop
    the job. ``ticket`` tells the window which request it answers.

    (A plain Python thread, not a QThread with signals: with PySide6 6.12 on
    Python 3.11 every ``Signal.emit()`` from Python drops a reference to True,
    which a progress signal per account would soon exhaust.)
    """

    def __init__(self, job: Callable[[Progress], object], ticket: int = 0) -> None:
        self.job = job
        self.ticket = ticket
        self.done = 0
        self.total = 0
        self.outcome: str | None = None
        self.result: object = None
        self.message = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"report-{ticket}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def is_finished(self) -> bool:
        return self.outcome is not None and not self._thread.is_alive()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, seconds: float | None = None) -> bool:
        """Wait for the thread to end (``seconds`` at most); True when it has."""
        if self._thread.ident is None:
            return True
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise ReportCancelled()
        self.done, self.total = done, total

    def _run(self) -> None:  # the worker thread
        try:
            with worker_connection():
                result = self.job(self._progress)
        except ReportCancelled:
            self.outcome = "cancelled"
        except LtoError as exc:
            self.message = exc.message
            self.outcome = "failed"
        except Exception as exc:  # noqa: BLE001 — shown to the person, never lost silently
            self.message = f"The report could not be read ({exc}). Press Refresh to try again."
            self.outcome = "failed"
        else:
            self.result = result
            self.outcome = "cancelled" if self._stop.is_set() else "succeeded"

