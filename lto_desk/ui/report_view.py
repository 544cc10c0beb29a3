"""What a report shows in the reports window: its key figures across the top, the
summary tables and charts side by side, and the main tables below (in tabs when
there are several)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget

from ..documents.report_table import KeyFigures
from .report_chart import BarChartWidget
from .report_specs import ReportResult
from .report_tables import TableSection, table_slug

__all__ = ["ReportView"]


class ReportView(QWidget):
    """Shows a :class:`ReportResult`; the same report read again keeps its tables and their sorting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.sections: list[TableSection] = []
        self.tabs: QTabWidget | None = None
        self.charts: list[BarChartWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.figures_row)
        layout.addWidget(self.split, 1)

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

    def show_result(self, result: ReportResult | None) -> None:
        """Show ``result`` (None: nothing)."""
        if self._same_tables(result):
            assert result is not None
            self._show_figures(result.figures)
            tables = [t for t in result.tables if t.summary] + [t for t in result.tables if not t.summary]
            for section, table in zip(self.sections, tables):
                section.show_table(table, with_title=section.title.isVisibleTo(section), keep_sort=True)
            for widget, chart in zip(self.charts, result.charts):
                widget.set_chart(chart)
            return
        self._clear()
        if result is None:
            self.summary_box.hide()
            self.main_box.hide()
            return
        self._show_figures(result.figures)
        summaries = [t for t in result.tables if t.summary]
        mains = [t for t in result.tables if not t.summary]
        for table in summaries:
            section = TableSection(f"reportTable_{table_slug(table.name)}")
            section.show_table(table)
            self.sections.append(section)
            self.summary_row.addWidget(section, 1)
        for chart in result.charts:
            widget = BarChartWidget(chart)
            self.charts.append(widget)
            self.summary_row.addWidget(widget, 2)
        self.summary_box.setVisible(bool(summaries) or bool(result.charts))
        if len(mains) == 1:
            section = TableSection(f"reportTable_{table_slug(mains[0].name)}")
            section.show_table(mains[0])
            self.sections.append(section)
            self.main_layout.addWidget(section)
        elif mains:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("reportTabs")
            for table in mains:
                section = TableSection(f"reportTable_{table_slug(table.name)}")
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

    def section(self, name: str) -> TableSection:
        """The section showing the table called ``name``."""
        for section in self.sections:
            if section.table.name == name:
                return section
        raise KeyError(name)

    def table_view(self, name: str) -> QTableView:
        return self.section(name).view


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
