"""The reports window: pick a report and its period, read it in sortable tables,
export a table to CSV, or save the report as a PDF and preview it.

Open it from the main window with ``open_reports(self, self.location, lambda: self.actor)``
(one window at a time; an open one is brought forward); a customer's statement
with ``open_reports(..., report="statement", agreement_id=n)``. Each report is a
:class:`ReportSpec`: its name, what kind of period it takes (from/to days, a
week, a number of weeks, an agreement, or none) and a ``run`` function that
returns a :class:`ReportResult` — the
:class:`~lto_desk.documents.report_table.ReportTable` blocks to show, a few key
figures, charts and how to save the PDF. Another report is added by passing more
specs (``ReportsWindow(..., reports=[...])``); the business reports are
:data:`BUSINESS_REPORTS`, the three relationship reports
:data:`RELATIONSHIP_REPORTS`, and the window offers :data:`ALL_REPORTS`.

A report over every account (``background=True``) runs on a worker thread
(:class:`ReportWorker`, with its own database connection): the window shows a
progress bar and a Cancel button and stays responsive; the result replaces the
old one when it arrives.

Tables sort by clicking a header: numbers as numbers, dates as dates, and the
totals row stays at the bottom. The CSV file follows the order on screen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Literal, Sequence

import threading

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..documents import business_reports as biz_docs
from ..documents import relationship_reports as rel_docs
from ..documents.report_table import BarChart, KeyFigures, ReportTable, cell_text, day_text, sort_key, table_csv
from ..domain.errors import LtoError
from ..domain.roles import Role
from ..services import business_reports as biz
from ..services import relationship_reports as rel
from ..services.base import Actor
from ..services.business_reports import Progress, ReportCancelled
from ..services.receipts import write_atomically
from ..store.models import db
from ..store.paths import Location
from .printing import PreviewDialog
from .report_chart import BarChartWidget
from .widgets import row_table

__all__ = [
    "Period",
    "ReportResult",
    "ReportSpec",
    "ReportTableModel",
    "ReportSortProxy",
    "ReportsWindow",
    "ReportWorker",
    "ALL_REPORTS",
    "BUSINESS_REPORTS",
    "RELATIONSHIP_REPORTS",
    "date_presets",
    "open_reports",
]

Index = QModelIndex | QPersistentModelIndex
PeriodKind = Literal["dates", "week", "weeks", "agreement", "none"]
LOCKED = "The counter is locked; log in to see reports."


# -- what a report is -------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The period chosen in the window.

    Attributes:
        start, end: the first and last day (both counted) for a report over days,
            or the Monday and Sunday for a report of one week.
        weeks: how many weeks back, for a report by week.
        agreement_id: the agreement chosen, for a report of one agreement (None: none chosen).
        today: the day the window takes as today.
    """

    today: dt.date
    start: dt.date | None = None
    end: dt.date | None = None
    weeks: int | None = None
    agreement_id: int | None = None
    actor: Actor | None = None


@dataclass(frozen=True)
class ReportResult:
    """What a report shows.

    Attributes:
        tables: the tables; ``summary`` ones sit side by side above the others.
        figures: a few key figures across the top (None for none).
        save_pdf: saves the printed report under the folder given; returns the file.
        file_stem: the start of the CSV file names ("why-customers-left-20260101-20260331").
        period_words: the period in words, shown above the tables.
        charts: bar charts shown beside the summary tables (the PDF prints the same ones).
    """

    tables: tuple[ReportTable, ...]
    save_pdf: Callable[[Path], Path]
    file_stem: str
    figures: KeyFigures | None = None
    period_words: str = ""
    charts: tuple[BarChart, ...] = ()


@dataclass(frozen=True)
class ReportSpec:
    """A report the window offers.

    Attributes:
        key: a stable name ("why_left") to open it by.
        title: its name in the picker.
        description: one sentence on what it shows.
        period: "dates" (from/to), "week" (Monday to Sunday of a chosen day), "weeks"
            (the last N weeks), "agreement" (one agreement, picked by number or name) or "none".
        run: makes the report for a period (may raise LtoError with a message to show);
            with ``background``, ``run(period, progress)`` where ``progress(done, total)``
            is called per account (it raises ReportCancelled when the person cancels).
        default_preset: for "dates", the preset chosen at first (see :func:`date_presets`).
        default_weeks: for "weeks", the number chosen at first.
        min_role: who may see it.
        background: runs on a worker thread with a progress bar (reports over every account).
        max_weeks: for "weeks", the most that may be chosen.
        none_words: for "none", what the report covers, shown where a period would be.
    """

    key: str
    title: str
    description: str
    period: PeriodKind
    run: Callable[[Period], ReportResult]
    default_preset: str = "last_12_months"
    default_weeks: int = 8
    min_role: Role = Role.CLERK
    background: bool = False
    max_weeks: int = rel.MAX_WEEKS
    none_words: str = "Everything on file"


def date_presets(today: dt.date) -> list[tuple[str, str, dt.date, dt.date]]:
    """(key, words, first day, last day) of the quick choices for a period of days."""
    month_start = today.replace(day=1)
    last_month_end = month_start - dt.timedelta(days=1)
    year_ago = today.replace(year=today.year - 1) if not (today.month == 2 and today.day == 29) else today - dt.timedelta(days=365)
    monday = today - dt.timedelta(days=today.weekday())
    return [
        ("today", "Today", today, today),
        ("yesterday", "Yesterday", today - dt.timedelta(days=1), today - dt.timedelta(days=1)),
        ("this_week", "This week", monday, today),
        ("last_30_days", "Last 30 days", today - dt.timedelta(days=29), today),
        ("last_90_days", "Last 90 days", today - dt.timedelta(days=89), today),
        ("last_12_months", "Last 12 months", year_ago + dt.timedelta(days=1), today),
        ("this_month", "This month", month_start, today),
        ("last_month", "Last month", last_month_end.replace(day=1), last_month_end),
        ("this_year", "This year", dt.date(today.year, 1, 1), today),
        ("last_year", "Last year", dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
    ]


# -- the relationship reports ----------------------------------------------------------------


def _why_left(period: Period) -> ReportResult:
    assert period.start is not None and period.end is not None
    w = rel.why_left(period.start, period.end)
    return ReportResult(
        tables=rel_docs.why_left_tables(w),
        figures=rel_docs.why_left_figures(w),
        save_pdf=lambda folder: rel.save_why_left(folder, w),
        file_stem=f"why-customers-left-{w.start:%Y%m%d}-{w.end:%Y%m%d}",
        period_words=rel_docs.period_text(w.start, w.end),
    )


def _referrals(period: Period) -> ReportResult:
    r = rel.referrals_report()
    return ReportResult(
        tables=rel_docs.referrals_tables(r),
        figures=rel_docs.referrals_figures(r),
        save_pdf=lambda folder: rel.save_referrals(folder, r),
        file_stem="referrals",
        period_words="Every referral on file",
    )


def _outcomes(period: Period) -> ReportResult:
    assert period.weeks is not None
    o = rel.follow_up_outcomes(period.weeks, period.today)
    return ReportResult(
        tables=rel_docs.outcomes_tables(o),
        figures=rel_docs.outcomes_figures(o),
        save_pdf=lambda folder: rel.save_follow_up_outcomes(folder, o),
        file_stem=f"follow-up-outcomes-{o.start:%Y%m%d}-{o.end:%Y%m%d}",
        period_words=f"Weeks starting Monday, {rel_docs.period_text(o.start, o.end)}",
    )


RELATIONSHIP_REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "why_left",
        "Why customers left",
        "Customers who told us they bought elsewhere: the deciding factor, where they went, and each one.",
        "dates",
        _why_left,
    ),
    ReportSpec(
        "referrals",
        "Referrals",
        "Who sent us whom, and how many of the customers they sent became agreements.",
        "none",
        _referrals,
    ),
    ReportSpec(
        "follow_up_outcomes",
        "Follow-up outcomes by week",
        "How the follow-ups worked each week ended: reached, left a message, no answer and so on.",
        "weeks",
        _outcomes,
    ),
)


# -- the business reports ------------------------------------------------------------------


def _collections(period: Period) -> ReportResult:
    assert period.start is not None and period.end is not None
    c = biz.collections_for(period.actor, period.start, period.end)
    return ReportResult(
        tables=biz_docs.collections_tables(c),
        figures=biz_docs.collections_figures(c),
        save_pdf=lambda folder: biz.save_collections(folder, c),
        file_stem=f"collections-{c.start:%Y%m%d}-{c.end:%Y%m%d}",
        period_words=rel_docs.period_text(c.start, c.end),
    )


def _due(period: Period, progress: Progress) -> ReportResult:
    assert period.start is not None
    d = biz.due_this_week(period.start, period.today, progress)
    return ReportResult(
        tables=biz_docs.due_tables(d),
        figures=biz_docs.due_figures(d),
        save_pdf=lambda folder: biz.save_due_this_week(folder, d),
        file_stem=f"due-week-of-{d.start:%Y%m%d}",
        period_words=f"Monday to Sunday, {rel_docs.period_text(d.start, d.end)}",
    )


def _aging(period: Period, progress: Progress) -> ReportResult:
    a = biz.aging(period.today, progress)
    return ReportResult(
        tables=biz_docs.aging_tables(a),
        figures=biz_docs.aging_figures(a),
        save_pdf=lambda folder: biz.save_aging(folder, a),
        file_stem=f"late-accounts-{a.as_of:%Y%m%d}",
        period_words=f"As of {day_text(a.as_of)}",
    )


def _statement(period: Period) -> ReportResult:
    assert period.agreement_id is not None
    s = biz.statement(period.agreement_id, period.today)
    return ReportResult(
        tables=biz_docs.statement_tables(s),
        figures=biz_docs.statement_figures(s),
        save_pdf=lambda folder: biz.save_statement(folder, s),
        file_stem=f"statement-agreement-{s.agreement_id}",
        period_words=biz_docs.statement_heading(s),
    )


def _portfolio(period: Period, progress: Progress) -> ReportResult:
    assert period.weeks is not None
    p = biz.portfolio_for(period.actor, period.weeks, period.today, progress)
    return ReportResult(
        tables=biz_docs.portfolio_tables(p),
        figures=biz_docs.portfolio_figures(p),
        charts=(biz_docs.portfolio_chart(p),),
        save_pdf=lambda folder: biz.save_portfolio(folder, p),
        file_stem=f"portfolio-{p.as_of:%Y%m%d}",
        period_words=f"As of {day_text(p.as_of)}",
    )


def _receipts(period: Period) -> ReportResult:
    r = biz.receipt_check_for(period.actor)
    return ReportResult(
        tables=biz_docs.receipt_check_tables(r),
        figures=biz_docs.receipt_check_figures(r),
        save_pdf=lambda folder: biz.save_receipt_check(folder, r),
        file_stem="receipt-check",
        period_words=biz_docs.receipt_check_words(r),
    )


BUSINESS_REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "collections",
        "Daily collections",
        "Money taken, by method and by clerk: payments and down payments less voids; refunds apart.",
        "dates",
        _collections,
        default_preset="today",
        min_role=Role.MANAGER,
    ),
    ReportSpec(
        "due_this_week",
        "Payments due this week",
        "Every payment that falls due from Monday to Sunday, with the customer's phone and what is still owed.",
        "week",
        _due,  # type: ignore[arg-type]
        background=True,
    ),
    ReportSpec(
        "aging",
        "Late accounts by age",
        "Accounts with a payment past due, by days late (1–7, 8–14, 15–30, 31–60, over 60), with phone and last touch.",
        "none",
        _aging,  # type: ignore[arg-type]
        background=True,
        none_words="As of today",
    ),
    ReportSpec(
        "statement",
        "Customer statement",
        "Every entry of one agreement with the running balance; print it for the customer.",
        "agreement",
        _statement,
    ),
    ReportSpec(
        "portfolio",
        "Portfolio",
        "Active agreements, what they owe, how late they run, and money collected each week.",
        "weeks",
        _portfolio,  # type: ignore[arg-type]
        default_weeks=13,
        min_role=Role.MANAGER,
        background=True,
        max_weeks=biz.MAX_PORTFOLIO_WEEKS,
    ),
    ReportSpec(
        "receipt_check",
        "Receipt-number check",
        "Every receipt number on file: first and last, any number missing, and each voided receipt.",
        "none",
        _receipts,
        min_role=Role.MANAGER,
    ),
)

#: What the reports window offers by default: the business reports, then the relationship ones.
ALL_REPORTS: tuple[ReportSpec, ...] = BUSINESS_REPORTS + RELATIONSHIP_REPORTS


# -- running a long report off the GUI thread ----------------------------------------------


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
            with db.connection_context():
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


# -- table models ------------------------------------------------------------------------


class ReportTableModel(QAbstractTableModel):
    """A read-only Qt model over one :class:`ReportTable`; its totals row is the last row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: ReportTable | None = None
        self._rows: list[tuple[object, ...]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self._rows = [] if table is None else list(table.rows)
        if table is not None and table.rows and table.totals is not None:
            totals = list(table.totals)
            if totals and totals[0] in (None, ""):
                totals[0] = "Total"
            self._rows.append(tuple(totals))
        self.endResetModel()

    def is_totals(self, row: int) -> bool:
        return (
            self.table is not None and self.table.totals is not None and bool(self.table.rows)
            and row == len(self._rows) - 1
        )

    def row_values(self, row: int) -> tuple[object, ...]:
        return self._rows[row]

    def key(self, row: int, column: int) -> tuple:
        assert self.table is not None
        return sort_key(self.table.columns[column], self._rows[row][column])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if self.table is None or orientation != Qt.Horizontal or not 0 <= section < len(self.table.columns):
            return None
        column = self.table.columns[section]
        if role == Qt.DisplayRole:
            return column.title
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if column.right else Qt.AlignLeft) | Qt.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        if self.table is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.table.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.DisplayRole:
            return cell_text(column, value)
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if column.right else Qt.AlignLeft) | Qt.AlignVCenter)
        if role == Qt.FontRole and self.is_totals(index.row()):
            return self._bold
        if role == Qt.ToolTipRole:
            text = cell_text(column, value)
            return text if len(text) > 30 else None
        return None


class ReportSortProxy(QSortFilterProxyModel):
    """Sorts by what the values are (numbers as numbers, dates as dates), and keeps
    the totals row at the bottom whichever way a column is sorted."""

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 (Qt API)
        model = self.sourceModel()
        assert isinstance(model, ReportTableModel)
        ascending = self.sortOrder() == Qt.AscendingOrder
        if model.is_totals(left.row()):
            return not ascending
        if model.is_totals(right.row()):
            return ascending
        return model.key(left.row(), left.column()) < model.key(right.row(), right.column())


def _slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or "table"


# -- the window ----------------------------------------------------------------------------

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


class _TableSection(QWidget):
    """A table's title, the sortable table and (with no rows) the words saying so."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("reportTableTitle")
        self.model = ReportTableModel(self)
        self.proxy = ReportSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view: QTableView = row_table(self.proxy, name)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setHighlightSections(False)
        self.empty = QLabel()
        self.empty.setObjectName("reportEmpty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)

    def show_table(self, table: ReportTable, *, with_title: bool = True, keep_sort: bool = False) -> None:
        """Show ``table``; ``keep_sort``: sorted as before (the same table read again),
        else in the report's own order until a header is clicked."""
        header = self.view.horizontalHeader()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if not keep_sort or not 0 <= section < len(table.columns):
            section, order = -1, Qt.AscendingOrder
        self.table = table
        self.title.setText(table.title or table.name)
        self.title.setVisible(with_title)
        self.view.setSortingEnabled(False)
        self.proxy.sort(-1)
        self.model.set_table(table)
        header.setSortIndicator(section, order)
        self.view.setSortingEnabled(True)  # sorts by the indicator (none when -1)
        self.empty.setText(table.empty_text)
        self.empty.setVisible(not table.rows)
        self.view.setVisible(bool(table.rows))
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        text_columns = [(c.width, i) for i, c in enumerate(table.columns) if not c.right]
        if text_columns:
            header.setSectionResizeMode(max(text_columns)[1], QHeaderView.Stretch)
        else:
            header.setStretchLastSection(True)

    def shown_table(self) -> ReportTable:
        """The table in the order it is shown (sorted as on screen), totals last."""
        rows = []
        for r in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            if not self.model.is_totals(source):
                rows.append(self.model.row_values(source))
        return replace(self.table, rows=tuple(rows))


class ReportsWindow(QWidget):
    """Reports on screen: choose one and its period; sort, export to CSV, save as PDF."""

    def __init__(
        self,
        location: Location,
        actor_of: Callable[[], Actor | None],
        parent: QWidget | None = None,
        *,
        reports: Sequence[ReportSpec] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
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
        self.agreement_id = agreement_id
        self.worker: ReportWorker | None = None  # the long report being read, if any
        self._workers: list[ReportWorker] = []  # every worker thread not yet finished
        self._ticket = 0
        self._shown_key: str | None = None
        self._report_key: str | None = None
        self.charts: list[BarChartWidget] = []
        self._poll = QTimer(self)
        self._poll.setInterval(40)
        self._poll.timeout.connect(self._check_workers)

        # the picker and the period
        self.report_combo = QComboBox()
        self.report_combo.setObjectName("reportCombo")
        for spec in self.reports:
            self.report_combo.addItem(spec.title, spec.key)
        self.report_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("reportPresetCombo")
        self.from_edit = self._date_edit("reportFromEdit")
        self.to_edit = self._date_edit("reportToEdit")
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(self.preset_combo)
        dates_row.addSpacing(8)
        dates_row.addWidget(QLabel("From"))
        dates_row.addWidget(self.from_edit)
        dates_row.addWidget(QLabel("to"))
        dates_row.addWidget(self.to_edit)
        dates_row.addStretch(1)

        self.weeks_spin = QSpinBox()
        self.weeks_spin.setObjectName("reportWeeksSpin")
        self.weeks_spin.setRange(1, rel.MAX_WEEKS)
        self.weeks_spin.setSuffix(" weeks")
        weeks = QWidget()
        weeks_row = QHBoxLayout(weeks)
        weeks_row.setContentsMargins(0, 0, 0, 0)
        weeks_row.addWidget(QLabel("The last"))
        weeks_row.addWidget(self.weeks_spin)
        weeks_row.addWidget(QLabel("(this week last)"))
        weeks_row.addStretch(1)

        self.everything = QLabel("Everything on file")
        self.everything.setObjectName("reportPeriodWords")

        # one week, Monday to Sunday
        self.week_edit = self._date_edit("reportWeekEdit")
        self.week_edit.setToolTip("Any day of the week; the report covers its Monday to Sunday")
        self.prev_week = QPushButton("◀")
        self.prev_week.setObjectName("reportPrevWeekButton")
        self.prev_week.setToolTip("The week before")
        self.next_week = QPushButton("▶")
        self.next_week.setObjectName("reportNextWeekButton")
        self.next_week.setToolTip("The week after")
        for b in (self.prev_week, self.next_week):
            b.setFixedWidth(34)
        self.week_words = QLabel()
        self.week_words.setObjectName("reportPeriodWords")
        week = QWidget()
        week_row = QHBoxLayout(week)
        week_row.setContentsMargins(0, 0, 0, 0)
        week_row.addWidget(QLabel("Week of"))
        week_row.addWidget(self.prev_week)
        week_row.addWidget(self.week_edit)
        week_row.addWidget(self.next_week)
        week_row.addSpacing(6)
        week_row.addWidget(self.week_words)
        week_row.addStretch(1)

        # one agreement, by number or the customer's name
        self.agreement_combo = QComboBox()
        self.agreement_combo.setObjectName("reportAgreementCombo")
        self.agreement_combo.setEditable(True)
        self.agreement_combo.setInsertPolicy(QComboBox.NoInsert)
        self.agreement_combo.setMinimumContentsLength(42)
        self.agreement_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.agreement_combo.lineEdit().setPlaceholderText("Agreement number or customer's name")
        self.agreement_combo.setToolTip("Type the agreement number or part of the customer's name, then pick it")
        completer = QCompleter(self.agreement_combo.model(), self.agreement_combo)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.agreement_combo.setCompleter(completer)
        self._agreements_loaded = False
        agreement = QWidget()
        agreement_row = QHBoxLayout(agreement)
        agreement_row.setContentsMargins(0, 0, 0, 0)
        agreement_row.addWidget(QLabel("Agreement"))
        agreement_row.addWidget(self.agreement_combo)
        agreement_row.addStretch(1)

        self.period_stack = QStackedWidget()
        self.period_stack.setObjectName("reportPeriodStack")
        self.period_stack.addWidget(dates)
        self.period_stack.addWidget(weeks)
        self.period_stack.addWidget(self.everything)
        self.period_stack.addWidget(week)
        self.period_stack.addWidget(agreement)

        self.refresh_button = QPushButton("Refresh")
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
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("reportCancelButton")
        self.cancel_button.setToolTip("Stop reading this report (Esc)")
        self.progress_box = QWidget()
        progress_row = QHBoxLayout(self.progress_box)
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box.hide()
        self.figures_row = QHBoxLayout()
        self.figures_row.setSpacing(10)
        self.figure_labels: list[QLabel] = []

        self.summary_box = QWidget()
        self.summary_row = QHBoxLayout(self.summary_box)
        self.summary_row.setContentsMargins(0, 0, 0, 0)
        self.summary_row.setSpacing(16)
        self.main_box = QWidget()
        self.main_layout = QVBoxLayout(self.main_box)
        self.main_layout.setContentsMargins(0, 0, 0, 0)
        self.split = QSplitter(Qt.Vertical)
        self.split.setObjectName("reportSplit")
        self.split.addWidget(self.summary_box)
        self.split.addWidget(self.main_box)
        self.split.setChildrenCollapsible(False)
        self.sections: list[_TableSection] = []
        self.tabs: QTabWidget | None = None

        # what to do with it
        self.csv_button = QPushButton("Export CSV…")
        self.csv_button.setObjectName("exportCsvButton")
        self.csv_menu = QMenu(self.csv_button)
        self.pdf_button = QPushButton("Save PDF")
        self.pdf_button.setObjectName("savePdfButton")
        self.pdf_button.setToolTip("Save the report under reports/ and show it, ready to print (Ctrl+P)")
        close = QPushButton("Close")
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
        layout.addLayout(self.figures_row)
        layout.addWidget(self.split, 1)
        layout.addLayout(bottom)

        self.report_combo.currentIndexChanged.connect(lambda _i: self._report_chosen())
        self.preset_combo.currentIndexChanged.connect(lambda _i: self._preset_chosen())
        self.from_edit.dateChanged.connect(lambda _d: self._dates_typed())
        self.to_edit.dateChanged.connect(lambda _d: self._dates_typed())
        self.weeks_spin.valueChanged.connect(lambda n: self.weeks_spin.setSuffix(" week" if n == 1 else " weeks"))
        self.weeks_spin.valueChanged.connect(lambda _n: self._period_changed())
        self.refresh_button.clicked.connect(self.refresh)
        self.cancel_button.clicked.connect(self.cancel_report)
        self.week_edit.dateChanged.connect(lambda _d: self._week_changed())
        self.prev_week.clicked.connect(lambda: self.week_edit.setDate(self.week_edit.date().addDays(-7)))
        self.next_week.clicked.connect(lambda: self.week_edit.setDate(self.week_edit.date().addDays(7)))
        self.agreement_combo.activated.connect(lambda _i: self._period_changed())
        self.agreement_combo.lineEdit().returnPressed.connect(self._period_changed)
        completer.activated.connect(lambda _text: self._agreement_typed())
        self.csv_button.clicked.connect(self._csv_clicked)
        self.pdf_button.clicked.connect(self.save_pdf)
        close.clicked.connect(self.close)
        QShortcut(QKeySequence.Refresh, self).activated.connect(self.refresh)
        QShortcut(QKeySequence.Print, self).activated.connect(self.save_pdf)
        QShortcut(QKeySequence(Qt.Key_Escape), self).activated.connect(self.cancel_report)

        self.resize(1100, 740)
        self._quiet = True
        self.report_combo.setCurrentIndex(self._first_allowed())
        self._quiet = False
        self._report_chosen()

    # -- the period -------------------------------------------------------------------------
    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("MMM d, yyyy")
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setMaximumDate(QDate(2100, 12, 31))
        return edit

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
        self._quiet = True
        try:
            self.period_stack.setCurrentIndex({"dates": 0, "weeks": 1, "none": 2, "week": 3, "agreement": 4}[spec.period])
            if spec.period == "dates":
                self._fill_presets(spec.default_preset)
                self._apply_preset()
            elif spec.period == "weeks":
                self.weeks_spin.setRange(1, spec.max_weeks)
                self.weeks_spin.setValue(min(spec.default_weeks, spec.max_weeks))
                self.weeks_spin.setSuffix(" week" if self.weeks_spin.value() == 1 else " weeks")
            elif spec.period == "week":
                today = self.today()
                self.week_edit.setDate(QDate(today.year, today.month, today.day))
                self._say_week()
            elif spec.period == "agreement":
                self._fill_agreements()
            else:
                self.everything.setText(spec.none_words)
        finally:
            self._quiet = False
        self.title.setText(spec.title)
        self.description.setText(spec.description)
        self.refresh()

    def _fill_presets(self, chosen: str) -> None:
        self.preset_combo.clear()
        for key, words, _start, _end in date_presets(self.today()):
            self.preset_combo.addItem(words, key)
        self.preset_combo.addItem("Chosen days", "custom")
        index = self.preset_combo.findData(chosen)
        self.preset_combo.setCurrentIndex(index if index >= 0 else 0)

    def _apply_preset(self) -> None:
        key = self.preset_combo.currentData()
        for k, _words, start, end in date_presets(self.today()):
            if k == key:
                self.from_edit.setDate(QDate(start.year, start.month, start.day))
                self.to_edit.setDate(QDate(end.year, end.month, end.day))

    def _preset_chosen(self) -> None:
        if self._quiet:
            return
        if self.preset_combo.currentData() == "custom":
            return
        self._quiet = True
        try:
            self._apply_preset()
        finally:
            self._quiet = False
        self.refresh()

    def _dates_typed(self) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
        finally:
            self._quiet = False
        self.refresh()

    def _period_changed(self) -> None:
        if not self._quiet:
            self.refresh()

    def _week(self) -> tuple[dt.date, dt.date]:
        day = self.week_edit.date().toPython()
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)

    def _say_week(self) -> None:
        monday, sunday = self._week()
        self.week_words.setText(f"Monday to Sunday, {rel_docs.period_text(monday, sunday)}")

    def _week_changed(self) -> None:
        self._say_week()
        self._period_changed()

    def set_week(self, day: dt.date) -> None:
        """Choose the week of ``day`` for a report of one week (as with the date box)."""
        self.week_edit.setDate(QDate(day.year, day.month, day.day))

    def _fill_agreements(self) -> None:
        """The agreements to pick from (newest first), the chosen one selected."""
        if not self._agreements_loaded:
            self.agreement_combo.clear()
            try:
                choices = biz.agreement_choices()
            except LtoError as exc:
                self.say(exc.message, "error")
                choices = []
            for agreement_id, words in choices:
                self.agreement_combo.addItem(words, agreement_id)
            self._agreements_loaded = True
        index = self.agreement_combo.findData(self.agreement_id) if self.agreement_id is not None else -1
        self.agreement_combo.setCurrentIndex(index)
        if index < 0:
            self.agreement_combo.setEditText("")

    def _agreement_typed(self) -> None:
        """A choice from the list that pops up while typing."""
        text = self.agreement_combo.currentText()
        index = self.agreement_combo.findText(text)
        if index >= 0:
            self.agreement_combo.setCurrentIndex(index)
        self._period_changed()

    def chosen_agreement(self) -> int | None:
        """The agreement picked: the item shown, or a number typed that is on the list."""
        combo = self.agreement_combo
        text = combo.currentText().strip()
        index = combo.currentIndex()
        if index >= 0 and combo.itemText(index) == combo.currentText():
            return combo.itemData(index)
        if text.isdigit():
            found = combo.findData(int(text))
            if found >= 0:
                return combo.itemData(found)
        found = combo.findText(text, Qt.MatchFixedString)
        return combo.itemData(found) if text and found >= 0 else None

    def set_agreement(self, agreement_id: int) -> None:
        """Choose the agreement for a statement (as a person picks it from the list)."""
        self.agreement_id = agreement_id
        if self.spec.period == "agreement":
            self._quiet = True
            try:
                self._fill_agreements()
            finally:
                self._quiet = False
            self.refresh()

    def set_dates(self, start: dt.date, end: dt.date) -> None:
        """Choose the days of a report over days (as a person would with the date boxes)."""
        self._quiet = True
        try:
            self.from_edit.setDate(QDate(start.year, start.month, start.day))
            self.to_edit.setDate(QDate(end.year, end.month, end.day))
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
        finally:
            self._quiet = False
        self.refresh()

    def period(self) -> Period:
        spec = self.spec
        today = self.today()
        if spec.period == "dates":
            return Period(today, actor=self.actor_of(), start=self.from_edit.date().toPython(), end=self.to_edit.date().toPython())
        if spec.period == "weeks":
            return Period(today, actor=self.actor_of(), weeks=self.weeks_spin.value())
        if spec.period == "week":
            monday, sunday = self._week()
            return Period(today, actor=self.actor_of(), start=monday, end=sunday)
        if spec.period == "agreement":
            return Period(today, actor=self.actor_of(), agreement_id=self.chosen_agreement())
        return Period(today, actor=self.actor_of())

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
    def _show_figures(self, figures: KeyFigures | None) -> None:
        for label in self.figure_labels:
            self.figures_row.removeWidget(label)
            label.hide()
            label.setParent(None)
            label.deleteLater()
        self.figure_labels = []
        while self.figures_row.count():
            self.figures_row.takeAt(0)
        if figures is None:
            return
        for label, value in figures.items:
            figure = QLabel(
                f"<span style='color:#4a5563'>{_html(label)}</span><br>"
                f"<span style='font-size:15pt; font-weight:600; color:#1d2733'>{_html(value)}</span>"
            )
            figure.setObjectName("reportFigure")
            figure.setTextFormat(Qt.RichText)
            self.figure_labels.append(figure)
            self.figures_row.addWidget(figure)
        self.figures_row.addStretch(1)

    def _clear(self) -> None:
        self._show_figures(None)
        for section in self.sections:
            section.hide()
            section.setParent(None)
            section.deleteLater()
        self.sections = []
        if self.tabs is not None:
            self.tabs.hide()
            self.tabs.setParent(None)
            self.tabs.deleteLater()
            self.tabs = None
        for chart in self.charts:
            chart.hide()
            chart.setParent(None)
            chart.deleteLater()
        self.charts = []

    def _same_tables(self, result: ReportResult | None) -> bool:
        """The same report read again (same tables): its sections are kept, and so is their sorting."""
        if result is None or not self.sections:
            return False
        summaries = [t for t in result.tables if t.summary]
        mains = [t for t in result.tables if not t.summary]
        return [(s.table.name, s.table.columns) for s in self.sections] == [
            (t.name, t.columns) for t in summaries + mains
        ] and len(self.charts) == len(result.charts)

    def _show(self, result: ReportResult | None, key: str | None = None) -> None:
        self._shown_key = key if result is not None else None
        if self._same_tables(result):
            assert result is not None
            self.result = result
            self.period_words.setText(result.period_words)
            self._show_figures(result.figures)
            tables = [t for t in result.tables if t.summary] + [t for t in result.tables if not t.summary]
            for section, table in zip(self.sections, tables):
                section.show_table(table, with_title=section.title.isVisibleTo(section), keep_sort=True)
            for widget, chart in zip(self.charts, result.charts):
                widget.set_chart(chart)
            self.csv_button.setEnabled(bool(result.tables))
            self.pdf_button.setEnabled(True)
            self._fill_csv_menu()
            return
        self._clear()
        self.result = result
        self.period_words.setText(result.period_words if result else "")
        self.csv_button.setEnabled(result is not None and bool(result.tables))
        self.pdf_button.setEnabled(result is not None)
        if result is None:
            self.summary_box.hide()
            self.main_box.hide()
            return
        self._show_figures(result.figures)
        summaries = [t for t in result.tables if t.summary]
        mains = [t for t in result.tables if not t.summary]
        for table in summaries:
            section = _TableSection(f"reportTable_{_slug(table.name)}")
            section.show_table(table)
            self.sections.append(section)
            self.summary_row.addWidget(section, 1)
        for chart in result.charts:
            widget = BarChartWidget(chart)
            self.charts.append(widget)
            self.summary_row.addWidget(widget, 2)
        self.summary_box.setVisible(bool(summaries) or bool(result.charts))
        if len(mains) == 1:
            section = _TableSection(f"reportTable_{_slug(mains[0].name)}")
            section.show_table(mains[0])
            self.sections.append(section)
            self.main_layout.addWidget(section)
        elif mains:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("reportTabs")
            for table in mains:
                section = _TableSection(f"reportTable_{_slug(table.name)}")
                section.show_table(table, with_title=False)
                self.sections.append(section)
                self.tabs.addTab(section, table.name)
            self.main_layout.addWidget(self.tabs)
        self.main_box.setVisible(bool(mains))
        if (summaries or result.charts) and mains:
            longest = max((len(t.rows) + (1 if t.totals is not None else 0) for t in summaries), default=0)
            top = min(max(longest, 2), 8) * 31 + 60
            if result.charts:
                top = max(top, 250)
            self.split.setSizes([top, max(self.split.height() - top, 200)])
        self._fill_csv_menu()

    def section(self, name: str) -> _TableSection:
        """The section showing the table called ``name``."""
        for section in self.sections:
            if section.table.name == name:
                return section
        raise KeyError(name)

    def table_view(self, name: str) -> QTableView:
        return self.section(name).view

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
        suffix = "" if len(self.sections) == 1 else f"-{_slug(table.name)}"
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


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def open_reports(
    parent: QWidget,
    location: Location,
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
