"""The reports window: pick a report and its period, read it in sortable tables,
export a table to CSV, or save the report as a PDF and preview it.

Open it from the main window with ``open_reports(self, self.location, lambda: self.actor)``
(one window at a time; an open one is brought forward); a customer's statement
with ``open_reports(..., report="statement", agreement_id=n)``. The reports are
the specs of :mod:`lto_desk.ui.report_specs` (another report is added by passing
more specs: ``ReportsWindow(..., reports=[...])``); the period is asked for by
:class:`~lto_desk.ui.period_picker.PeriodPicker`.

A report over every account (``background=True``) runs on a worker thread
(:class:`~lto_desk.ui.report_worker.ReportWorker`, with its own database
connection): the window shows a progress bar and a Cancel button and stays
responsive; the result replaces the old one when it arrives.

Tables sort by clicking a header: numbers as numbers, dates as dates, and the
totals row stays at the bottom (:mod:`lto_desk.ui.report_tables`). The CSV file
follows the order on screen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Protocol, Sequence

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..documents.report_table import table_csv
from ..domain.errors import LtoError
from ..services.base import Actor
from ..services.files import now as clock
from ..services.receipts import write_atomically
from .period_picker import PeriodPicker
from .printing import PreviewDialog
from .widgets import PAGE_PREVIEW, fit_to_screen
from .report_chart import BarChartWidget
from .report_specs import ALL_REPORTS, Period, ReportResult, ReportSpec
from .report_tables import TableSection, table_slug
from .report_view import ReportView
from .report_worker import ReportWorker

__all__ = ["DataFolder", "ReportsWindow", "open_reports"]

LOCKED = "The counter is locked; log in to see reports."


class DataFolder(Protocol):
    """What the window needs of the data folder (the main window's ``location``):
    the ``reports`` folder, made on demand, where CSV and PDF files are saved."""

    def folder(self, kind: str) -> Path: ...


_STYLE = """
#reportsMessage { padding: 6px 10px; border-radius: 4px; background: #e8f1fb; color: #1d2733; }
#reportsMessage[level="warning"] { background: #fff4d6; color: #5b4300; }
#reportsMessage[level="error"] { background: #fde8e1; color: #7a2e12; }
#reportTitle { font-size: 15pt; font-weight: 600; color: #1d2733; }
#reportPeriodWords, #reportDescription { color: #4a5563; }
#reportFigure { background: #ffffff; border: none; border-left: 3px solid #1f4e79; padding: 4px 12px 4px 10px; }
#reportTableTitle { font-weight: 600; color: #1f4e79; }
#reportEmpty { color: #7b8794; padding: 8px 2px; }
"""


class ReportsWindow(QWidget):
    """Reports on screen: choose one and its period; sort, export to CSV, save as PDF."""

    def __init__(
        self,
        location: DataFolder,
        actor_of: Callable[[], Actor | None],
        parent: QWidget | None = None,
        *,
        reports: Sequence[ReportSpec] | None = None,
        today: Callable[[], dt.date] = lambda: clock().date(),
        agreement_id: int | None = None,
    ) -> None:
        super().__init__(parent, Qt.Window)
        self.setObjectName("reportsWindow")
        self.setWindowTitle("Reports")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setStyleSheet(_STYLE)
        self.location = location
        self.actor_of = actor_of
        self.today = today
        self.reports: tuple[ReportSpec, ...] = tuple(reports if reports is not None else ALL_REPORTS)
        if not self.reports:
            raise ValueError("The reports window needs at least one report.")
        self.result: ReportResult | None = None
        self.previews: list[PreviewDialog] = []
        self._quiet = False
        self.worker: ReportWorker | None = None  # the long report being read, if any
        self._workers: list[ReportWorker] = []  # every worker thread not yet finished
        self._ticket = 0
        self._shown_key: str | None = None
        self._report_key: str | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(40)
        self._poll.timeout.connect(self._check_workers)

        # the picker and the period
        self.report_combo = QComboBox()
        self.report_combo.setObjectName("reportCombo")
        for spec in self.reports:
            self.report_combo.addItem(spec.title, spec.key)
        self.report_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.period_stack = PeriodPicker(today, actor_of, self.refresh, self.say, agreement_id=agreement_id)
        picker = self.period_stack  # its boxes, by the names the window has always had
        self.preset_combo, self.from_edit, self.to_edit = picker.preset_combo, picker.from_edit, picker.to_edit
        self.weeks_spin, self.everything, self.agreement_combo = picker.weeks_spin, picker.everything, picker.agreement_combo
        self.week_edit, self.prev_week, self.next_week = picker.week_edit, picker.prev_week, picker.next_week
        self.week_words = picker.week_words

        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setObjectName("reportRefreshButton")
        self.refresh_button.setToolTip("Read the report again (F5)")

        top = QHBoxLayout()
        top.addWidget(QLabel("Report"))
        top.addWidget(self.report_combo)
        top.addSpacing(14)
        top.addWidget(self.period_stack)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        # what the report says
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.period_words = QLabel()
        self.period_words.setObjectName("reportPeriodWords")
        self.description = QLabel()
        self.description.setObjectName("reportDescription")
        self.description.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("reportsMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("Reading the accounts… %v of %m")
        self.cancel_button = QPushButton("C&ancel")
        self.cancel_button.setObjectName("reportCancelButton")
        self.cancel_button.setToolTip("Stop reading this report (Esc)")
        self.progress_box = QWidget()
        progress_row = QHBoxLayout(self.progress_box)
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box.hide()
        self.view = ReportView()  # the figures, tables and charts

        # what to do with it
        self.csv_button = QPushButton("&Export CSV…")
        self.csv_button.setObjectName("exportCsvButton")
        self.csv_menu = QMenu(self.csv_button)
        self.pdf_button = QPushButton("Save &PDF")
        self.pdf_button.setObjectName("savePdfButton")
        self.pdf_button.setToolTip("Save the report under reports/ and show it, ready to print (Ctrl+P)")
        close = QPushButton("&Close")
        close.setObjectName("reportsCloseButton")
        bottom = QHBoxLayout()
        bottom.addWidget(self.csv_button)
        bottom.addWidget(self.pdf_button)
        bottom.addStretch(1)
        bottom.addWidget(close)

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(10)
        heading.addWidget(self.period_words, 0, Qt.AlignBottom)
        heading.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.progress_box)
        layout.addLayout(heading)
        layout.addWidget(self.description)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self.report_combo.currentIndexChanged.connect(lambda _i: self._report_chosen())
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.cancel_report)
        self.csv_button.clicked.connect(self._csv_clicked)
        self.pdf_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.close)
        QShortcut(QKeySequence.Refresh, self).activated.connect(self.refresh)
        QShortcut(QKeySequence.Print, self).activated.connect(self.save_pdf)
        QShortcut(QKeySequence(Qt.Key_Escape), self).activated.connect(self.cancel_or_close)

        fit_to_screen(self, QSize(1100, 740))
        self._quiet = True
        self.report_combo.setCurrentIndex(self._first_allowed())
        self._quiet = False
        self._report_chosen()

    # -- the report and its period ------------------------------------------------------------
    @property
    def agreement_id(self) -> int | None:
        """The agreement a statement is for (None: none chosen yet)."""
        return self.period_stack.agreement_id

    @agreement_id.setter
    def agreement_id(self, agreement_id: int | None) -> None:
        self.period_stack.agreement_id = agreement_id

    @property
    def spec(self) -> ReportSpec:
        return self.reports[max(self.report_combo.currentIndex(), 0)]

    def _first_allowed(self) -> int:
        """The first report the person logged in may see (the first one when nobody is)."""
        actor = self.actor_of()
        if actor is not None:
            for i, spec in enumerate(self.reports):
                if actor.role.at_least(spec.min_role):
                    return i
        return 0

    def _report_chosen(self) -> None:
        if self._quiet:
            return
        spec = self.spec
        self.period_stack.set_up_for(spec)
        self.title.setText(spec.title)
        self.description.setText(spec.description)
        self.refresh()

    def set_week(self, day: dt.date) -> None:
        """Choose the week of ``day`` for a report of one week (as with the date box)."""
        self.period_stack.set_week(day)

    def chosen_agreement(self) -> int | None:
        """The agreement picked: the item shown, or a number typed that is on the list."""
        return self.period_stack.chosen_agreement()

    def set_agreement(self, agreement_id: int) -> None:
        """Choose the agreement for a statement (as a person picks it from the list)."""
        self.period_stack.set_agreement(agreement_id)

    def set_dates(self, start: dt.date, end: dt.date) -> None:
        """Choose the days of a report over days (as a person would with the date boxes)."""
        self.period_stack.set_dates(start, end)

    def period(self) -> Period:
        return self.period_stack.period()

    # -- running ------------------------------------------------------------------------------
    def show_report(self, key: str) -> None:
        """Switch to the report named ``key`` (its default period)."""
        index = self.report_combo.findData(key)
        if index < 0:
            raise KeyError(key)
        if index == self.report_combo.currentIndex():
            self._report_chosen()
        else:
            self.report_combo.setCurrentIndex(index)

    def _allowed(self) -> bool:
        actor = self.actor_of()
        if actor is None:
            self.say(LOCKED, "warning")
            return False
        if not actor.role.at_least(self.spec.min_role):
            self.say(f"Only a {self.spec.min_role.value} can see this report; ask a {self.spec.min_role.value} to log in.", "warning")
            return False
        return True

    def refresh(self) -> None:
        """Read the chosen report for the chosen period and show it (a long report:
        start reading it on a worker thread; it shows when it arrives)."""
        self._stop_worker()
        self.result = None
        if not self._allowed():
            self._show(None)
            return
        spec = self.spec
        period = self.period()
        if spec.period == "agreement" and period.agreement_id is None:
            self._show(None)
            typed = self.agreement_combo.currentText().strip()
            self.say(
                f"No agreement matches “{typed}”. Type the agreement number or part of the customer's name, "
                "then pick it from the list." if typed else
                "Choose the agreement: type its number or part of the customer's name, then pick it from the list.",
                "warning" if typed else "info",
            )
            return
        if spec.period == "agreement":
            self.agreement_id = period.agreement_id
        if spec.background:
            self._start_worker(spec, period)
            return
        try:
            result = spec.run(period)
        except LtoError as exc:
            self.say(exc.message, "error")
            self._show(None)
            return
        self.say("")
        self._show(result, spec.key)

    # -- long reports on a worker thread ------------------------------------------------------
    def _start_worker(self, spec: ReportSpec, period: Period) -> None:
        if self._shown_key != spec.key:
            self._show(None)  # another report's tables never linger under the progress bar
        self.csv_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self._ticket += 1
        run = spec.run
        worker = ReportWorker(lambda progress: run(period, progress), self._ticket)  # type: ignore[call-arg]
        self.worker = worker
        self._workers.append(worker)
        self._report_key = spec.key
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress_box.show()
        self.say("")
        worker.start()
        self._poll.start()

    @property
    def busy(self) -> bool:
        """A long report is being read."""
        return self.worker is not None

    def _stop_worker(self) -> None:
        """Stop the report being read (its answer, if it still comes, is ignored)."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker = None
        self._ticket += 1
        self.progress_box.hide()

    def cancel_or_close(self) -> None:
        """Esc: stop the report being read; with none being read, close the window."""
        if self.worker is None:
            self.close()
        else:
            self.cancel_report()

    def cancel_report(self) -> None:
        """Cancel (the button or Esc): stop reading the long report; nothing else changes."""
        if self.worker is None:
            return
        self._stop_worker()
        if self._shown_key is None:
            self._show(None)
        else:
            self.csv_button.setEnabled(self.result is not None and bool(self.result.tables))
            self.pdf_button.setEnabled(self.result is not None)
        self.say("The report was stopped. Press Refresh (F5) to read it again.")

    def _check_workers(self) -> None:
        """The timer's look at the report being read: move the bar; show the answer."""
        worker = self.worker
        if worker is not None and worker.total:
            if self.progress.maximum() != worker.total:
                self.progress.setRange(0, worker.total)
            self.progress.setValue(worker.done)
        if worker is not None and worker.is_finished():
            self.worker = None
            self.progress_box.hide()
            if worker.outcome == "succeeded":
                assert isinstance(worker.result, ReportResult)
                self._show(worker.result, self._report_key)
            elif worker.outcome == "failed":
                self.say(worker.message, "error")
                self._show(None)
        self._workers = [w for w in self._workers if not w.is_finished()]
        if not self._workers and self.worker is None:
            self._poll.stop()

    def wait_for_workers(self, seconds: float = 30.0) -> bool:
        """Stop every worker thread and wait for them (closing the window); True when all have ended."""
        ok = True
        for worker in list(self._workers):
            worker.cancel()
            ok = worker.wait(seconds) and ok
        return ok

    def say(self, text: str, level: str = "info") -> None:
        self.message.setProperty("level", level)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- showing --------------------------------------------------------------------------------
    def _show(self, result: ReportResult | None, key: str | None = None) -> None:
        self._shown_key = key if result is not None else None
        self.result = result
        self.period_words.setText(result.period_words if result else "")
        self.csv_button.setEnabled(result is not None and bool(result.tables))
        self.pdf_button.setEnabled(result is not None)
        self.view.show_result(result)
        if result is not None:
            self._fill_csv_menu()

    @property
    def sections(self) -> list[TableSection]:
        """The tables shown, summaries first."""
        return self.view.sections

    @property
    def figure_labels(self) -> list[QLabel]:
        return self.view.figure_labels

    @property
    def charts(self) -> list[BarChartWidget]:
        return self.view.charts

    @property
    def tabs(self) -> QTabWidget | None:
        return self.view.tabs

    def section(self, name: str) -> TableSection:
        """The section showing the table called ``name``."""
        return self.view.section(name)

    def table_view(self, name: str) -> QTableView:
        return self.view.table_view(name)

    # -- CSV ---------------------------------------------------------------------------------------
    def _fill_csv_menu(self) -> None:
        self.csv_menu.clear()
        tables = [s.table for s in self.sections]
        if len(tables) > 1:
            for table in tables:
                action = self.csv_menu.addAction(f"{table.name} ({len(table.rows)} rows)…")
                action.triggered.connect(lambda _checked=False, name=table.name: self.export_csv(name))
            self.csv_button.setMenu(self.csv_menu)
        else:
            self.csv_button.setMenu(None)

    def _csv_clicked(self) -> None:
        if len(self.sections) == 1:
            self.export_csv(self.sections[0].table.name)

    def ask_csv_path(self, suggested: Path) -> Path | None:
        """Where to save the CSV file (the system's Save dialog); None when cancelled."""
        path, _filter = QFileDialog.getSaveFileName(self, "Export CSV", str(suggested), "CSV files (*.csv)")
        if not path:
            return None
        path_obj = Path(path)
        return path_obj if path_obj.suffix.lower() == ".csv" else path_obj.with_name(path_obj.name + ".csv")

    def export_csv(self, name: str | None = None) -> Path | None:
        """Save one table (the only one, or the one called ``name``) as CSV, in the order shown."""
        if self.result is None or not self.sections:
            return None
        section = self.section(name) if name is not None else self.sections[-1]
        table = section.shown_table()
        stem = self.result.file_stem
        suffix = "" if len(self.sections) == 1 else f"-{table_slug(table.name)}"
        try:
            suggested = self.location.folder("reports") / f"{stem}{suffix}.csv"
        except OSError:
            suggested = Path.home() / f"{stem}{suffix}.csv"
        path = self.ask_csv_path(suggested)
        if path is None:
            return None
        try:
            write_atomically(path, table_csv(table))
        except OSError as exc:
            self.say(f"The CSV file could not be saved ({exc.strerror or exc}). Choose another folder and try again.", "error")
            return None
        rows = len(table.rows)
        self.say(f"{table.name}: {rows} row{'s' if rows != 1 else ''} saved to {path}.")
        return path

    # -- PDF ---------------------------------------------------------------------------------------
    def save_pdf(self) -> Path | None:
        """Save the report as shown under the reports folder, then show it with a Print… button."""
        if self.result is None:
            return None
        if not self._allowed():
            return None
        try:
            path = self.result.save_pdf(self.location.folder("reports"))
        except OSError as exc:
            self.say(
                f"The report could not be saved ({exc.strerror or exc}). Check the disk, then press Save PDF again.",
                "error",
            )
            return None
        except LtoError as exc:
            self.say(exc.message, "error")
            return None
        note = f"The report is saved at {path}. Press Print… to print it."
        self.say(note)
        preview = PreviewDialog(path, note, self)
        fit_to_screen(preview, PAGE_PREVIEW)
        self.previews.append(preview)
        preview.show()
        return path

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._stop_worker()
        self.wait_for_workers()
        self._workers = []
        self._poll.stop()
        for preview in self.previews:
            preview.close()
        super().closeEvent(event)




def open_reports(
    parent: QWidget,
    location: DataFolder,
    actor_of: Callable[[], Actor | None],
    report: str | None = None,
    agreement_id: int | None = None,
) -> ReportsWindow:
    """Show the reports window for ``parent`` (one at a time: an open one is
    brought forward and read again); ``report`` picks which report to show.
    ``agreement_id``: the agreement a statement is for (the counter's current one);
    with it and no ``report``, the customer statement is shown."""
    if agreement_id is not None and report is None:
        report = "statement"
    for window in parent.findChildren(ReportsWindow):
        if window.isVisible():
            if agreement_id is not None:
                window.agreement_id = agreement_id
            if report is not None:
                window.show_report(report)
            else:
                window.refresh()
            window.raise_()
            window.activateWindow()
            return window
    window = ReportsWindow(location, actor_of, parent, agreement_id=agreement_id)
    if report is not None:
        window.show_report(report)
    window.show()
    return window
