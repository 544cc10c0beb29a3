"""A long report runs off the GUI thread: the window keeps answering (a timer keeps
ticking), the progress bar moves, the result arrives; Cancel stops it part way."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from lto_desk.documents.report_table import Column, ReportTable
from lto_desk.store.models import Clerk
from lto_desk.ui.report_specs import Period, ReportResult, ReportSpec
from lto_desk.ui.report_worker import ReportWorker
from lto_desk.ui.reports_window import ReportsWindow

STEPS = 20


class Slow:
    """A report over 20 "accounts", 50 ms each, reading the database on its thread."""

    def __init__(self) -> None:
        self.steps_done = 0
        self.threads: set[int] = set()

    def run(self, period: Period, progress) -> ReportResult:
        progress(0, STEPS)
        for n in range(1, STEPS + 1):
            time.sleep(0.05)
            self.threads.add(threading.get_ident())
            clerks = Clerk.select().count()  # the worker's own connection
            self.steps_done = n
            progress(n, STEPS)
        table = ReportTable("Clerks", (Column("Clerks", "count"),), ((clerks,),))
        return ReportResult((table,), save_pdf=lambda folder: folder / "none.pdf", file_stem="slow")


@pytest.fixture
def slow():
    return Slow()


@pytest.fixture
def window(qtbot, location, database, owner, slow):
    spec = ReportSpec("slow", "Slow report", "Takes a second.", "none", slow.run, background=True)  # type: ignore[arg-type]
    win = ReportsWindow(location, lambda: owner, reports=[spec], today=lambda: dt.date(2026, 4, 15))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_window_stays_responsive_and_the_result_arrives(qtbot, window, slow):
    qtbot.waitUntil(lambda: not window.busy, timeout=10_000)  # the first reading, at opening
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.progress.value()))
    timer.start(20)
    started = time.monotonic()
    window.refresh_button.click()
    assert time.monotonic() - started < 0.5  # the click returns at once
    assert window.busy and window.progress_box.isVisible() and window.cancel_button.isVisible()
    assert window.result is None and not window.pdf_button.isEnabled()
    qtbot.waitUntil(lambda: window.result is not None, timeout=10_000)
    timer.stop()
    assert len(ticks) >= 10  # the event loop kept running while the report was read
    assert any(0 < value < STEPS for value in ticks)  # and the bar moved part way
    assert threading.get_ident() not in slow.threads  # the report ran on another thread
    assert not window.progress_box.isVisible() and window.pdf_button.isEnabled()
    view = window.table_view("Clerks")
    assert view.model().index(0, 0).data() == "1"


def test_cancel_stops_the_report_part_way(qtbot, window, slow):
    qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
    window.refresh()
    qtbot.waitUntil(lambda: slow.steps_done >= 3 and window.progress.value() >= 2, timeout=10_000)
    qtbot.mouseClick(window.cancel_button, Qt.LeftButton)
    assert not window.busy and not window.progress_box.isVisible()
    assert "stopped" in window.message.text()
    qtbot.waitUntil(lambda: not window._workers, timeout=10_000)  # the thread ended
    assert slow.steps_done < STEPS
    assert window.result is None and "stopped" in window.message.text()  # no late answer shows


def test_a_new_request_replaces_the_one_being_read(qtbot, window, slow):
    qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
    window.refresh()
    first = window.worker
    window.refresh()  # F5 again: the first reading is stopped, its answer ignored
    assert window.worker is not first and first.is_cancelled
    qtbot.waitUntil(lambda: window.result is not None and not window._workers, timeout=10_000)


def test_closing_the_window_while_reading_waits_for_the_thread(qtbot, location, database, owner, slow):
    spec = ReportSpec("slow", "Slow report", "Takes a second.", "none", slow.run, background=True)  # type: ignore[arg-type]
    win = ReportsWindow(location, lambda: owner, reports=[spec])  # closing deletes it
    win.show()
    worker = win.worker
    assert worker is not None and worker.is_running()
    win.close()
    assert not worker.is_running() and worker.outcome == "cancelled" and slow.steps_done < STEPS


def test_a_failure_on_the_worker_is_shown(qtbot, database):
    from lto_desk.domain.errors import InvalidInput

    def job(progress):
        progress(0, 1)
        raise InvalidInput("Choose from 1 to 52 weeks for the chart.")

    worker = ReportWorker(job, ticket=7)
    worker.start()
    assert worker.wait(5)
    assert (worker.outcome, worker.message, worker.result) == ("failed", "Choose from 1 to 52 weeks for the chart.", None)


def test_a_failed_report_says_why_in_the_window(qtbot, location, database, owner):
    def job(period, progress):
        progress(0, 3)
        raise RuntimeError("disk I/O error")

    spec = ReportSpec("bad", "Bad report", "Fails.", "none", job, background=True)  # type: ignore[arg-type]
    win = ReportsWindow(location, lambda: owner, reports=[spec])
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.busy, timeout=5000)
    assert "could not be read (disk I/O error)" in win.message.text()
    assert win.result is None and not win.pdf_button.isEnabled()
