"""A report's bar chart on screen: the same :class:`~lto_desk.documents.report_table.BarChart`
the PDF prints, painted with QPainter (columns over their labels, or one bar per line)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..documents.report_table import BarChart

__all__ = ["BarChartWidget"]

INK = QColor("#1d2733")
MUTED = QColor("#4a5563")
ACCENT = QColor("#1f4e79")
BAR = QColor("#4578ab")
RULE = QColor("#c9d1da")


class BarChartWidget(QWidget):
    """Paints one :class:`BarChart`; says its ``empty_text`` when every bar is zero."""

    def __init__(self, chart: BarChart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportChart")
        self.chart: BarChart | None = None
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumHeight(170)
        self.set_chart(chart)

    def set_chart(self, chart: BarChart | None) -> None:
        self.chart = chart
        if chart is not None:
            self.setToolTip(
                "\n".join(f"{b.label}: {b.text}" for b in chart.bars) if len(chart.bars) <= 60 else chart.title
            )
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(520, 220)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        chart = self.chart
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        if chart is None:
            p.end()
            return
        title_font = QFont(self.font())
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(ACCENT)
        tm = QFontMetrics(title_font)
        p.drawText(QRectF(6, 4, self.width() - 12, tm.height()), Qt.AlignLeft | Qt.AlignVCenter, chart.title)
        top = 8 + tm.height()
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 7.0))
        fm = QFontMetrics(small)
        p.setFont(small)
        bars = chart.bars
        biggest = max((b.value for b in bars), default=0)
        if not bars or biggest <= 0:
            p.setPen(MUTED)
            p.drawText(QRectF(6, top, self.width() - 12, self.height() - top), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, chart.empty_text)
            p.end()
            return
        if chart.horizontal:
            self._horizontal(p, fm, top, biggest)
        else:
            self._vertical(p, fm, top, biggest)
        p.end()

    def _vertical(self, p: QPainter, fm: QFontMetrics, top: float, biggest: int) -> None:
        assert self.chart is not None
        bars = self.chart.bars
        left, right = 6.0, self.width() - 6.0
        label_h = fm.height() + 4
        text_h = fm.height() + 2
        base = self.height() - label_h
        plot_h = max(base - top - text_h, 10)
        slot = (right - left) / len(bars)
        bar_w = min(slot * 0.7, 44)
        # a label every few bars when they would crowd each other
        widest = max(fm.horizontalAdvance(b.label) for b in bars) + 6
        label_every = max(1, -(-int(widest) // max(int(slot), 1)))
        text_fits = max(fm.horizontalAdvance(b.text) for b in bars) + 2 <= slot
        p.setPen(QPen(RULE, 1))
        p.drawLine(int(left), int(base), int(right), int(base))
        for i, b in enumerate(bars):
            x = left + i * slot + (slot - bar_w) / 2
            height = plot_h * b.value / biggest
            if b.value > 0:
                p.fillRect(QRectF(x, base - max(height, 1.0), bar_w, max(height, 1.0)), BAR)
            centre = QRectF(left + i * slot - slot, 0, slot * 3, 0)
            if text_fits and b.text:
                p.setPen(INK)
                p.drawText(QRectF(centre.x(), base - height - text_h, centre.width(), text_h),
                           Qt.AlignHCenter | Qt.AlignBottom, b.text)
            if i % label_every == 0:
                p.setPen(MUTED)
                p.drawText(QRectF(centre.x(), base + 2, centre.width(), label_h), Qt.AlignHCenter | Qt.AlignTop, b.label)

    def _horizontal(self, p: QPainter, fm: QFontMetrics, top: float, biggest: int) -> None:
        assert self.chart is not None
        bars = self.chart.bars
        row_h = max(fm.height() + 6, (self.height() - top - 4) / len(bars))
        row_h = min(row_h, fm.height() + 12)
        label_w = min(max(fm.horizontalAdvance(b.label) for b in bars) + 10, self.width() * 0.4)
        text_w = max(fm.horizontalAdvance(b.text) for b in bars) + 10
        room = max(self.width() - label_w - text_w - 12, 20)
        for i, b in enumerate(bars):
            y = top + i * row_h
            p.setPen(INK)
            p.drawText(QRectF(6, y, label_w - 8, row_h), Qt.AlignLeft | Qt.AlignVCenter,
                       fm.elidedText(b.label, Qt.ElideRight, int(label_w - 8)))
            length = room * b.value / biggest
            if b.value > 0:
                p.fillRect(QRectF(6 + label_w, y + 3, max(length, 1.5), row_h - 6), BAR)
            p.drawText(QRectF(6 + label_w + length + 4, y, text_w, row_h), Qt.AlignLeft | Qt.AlignVCenter, b.text)
