"""A report as data, and as a US Letter PDF: tables, key figures and bar charts.

A report is a :class:`ReportDocument` of blocks — :class:`ReportTable` (columns,
rows of raw values, an optional totals row), :class:`KeyFigures`,
:class:`BarChart`, :class:`Note` and :class:`SideBySide` (two blocks in two
columns). The same :class:`ReportTable` feeds the screen, the CSV file and the
PDF, so the three always agree:

* :func:`cell_text` is how a value reads (``$1,234.50``, ``67%``, ``Mar 4, 2026``, a receipt
  ``001289`` as its paper prints it);
* :func:`sort_key` orders values as what they are (numbers as numbers, dates as dates);
* :func:`table_csv` is the table as CSV bytes (UTF-8 with a BOM, so Excel shows accents);
* :func:`render_report` lays the whole report out: a title block with the dealer's
  name, each table with its header repeated on every page, zebra rows, right-aligned
  numbers and a bold totals row, and "Page n of N" in every footer.

Cell values are plain: ``str`` for text, ``int`` for counts and receipt numbers,
``int`` cents for money, :class:`fractions.Fraction` (a share of 1) for percentages,
``date``/``datetime``, ``bool`` for yes/no; ``None`` is an empty cell. Never a float for money.

Layer: ReportLab only; plain frozen dataclasses in, bytes out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal, Union

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import landscape as landscape_of, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..domain.money import format_money
from ..domain.text import fold, spreadsheet_safe
from .paging import NumberedCanvas
from .fonts import FontPair, register_fonts
from .letter_page import (
    FOOTER_SIZE,
    INK,
    MUTED,
    HRule,
    fit_text,
    footer_rule,
    letter_doc,
    no_padding,
    para_text,
    section_heading,
    style_maker,
)
from .receipt import DealerHeader, receipt_no

__all__ = [
    "ColumnKind",
    "Column",
    "ReportTable",
    "KeyFigures",
    "Bar",
    "BarChart",
    "Note",
    "SideBySide",
    "Block",
    "ReportDocument",
    "cell_text",
    "csv_text",
    "sort_key",
    "share",
    "percent_text",
    "day_text",
    "table_csv",
    "build_story",
    "render_report",
]

ColumnKind = Literal["text", "count", "money", "percent", "date", "datetime", "yes_no", "receipt"]
_NUMERIC: frozenset[str] = frozenset({"count", "money", "percent"})

MARGIN_X = 0.7 * inch
MARGIN_TOP = 0.6 * inch
MARGIN_BOTTOM = 0.8 * inch
GUTTER = 0.3 * inch

RULE = colors.Color(0.80, 0.80, 0.80)
ACCENT = colors.Color(0.16, 0.29, 0.42)  # the deep blue of the window's headings
HEAD_FILL = colors.Color(0.90, 0.93, 0.96)
ZEBRA = colors.Color(0.965, 0.97, 0.975)
TOTAL_FILL = colors.Color(0.93, 0.93, 0.93)
BAR_FILL = colors.Color(0.27, 0.47, 0.67)

BODY = 9.0
SMALL = 8.0


# -- data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Attributes:
        title: the header as printed and shown.
        kind: how values read and sort; counts, money and percentages are right-aligned.
        width: the column's share of the table's width in the PDF (relative to the others).
    """

    title: str
    kind: ColumnKind = "text"
    width: float = 1.0

    @property
    def right(self) -> bool:
        return self.kind in _NUMERIC


@dataclass(frozen=True)
class ReportTable:
    """A table of a report.

    Attributes:
        name: a short name for it ("By deciding factor"): the window's tab, the CSV file name.
        title: the heading printed above it ('' for none).
        columns: the columns, left to right.
        rows: one tuple of raw values per row, as many values as columns.
        totals: the totals row (raw values; ``None`` leaves a cell empty), or None for none.
        empty_text: printed and shown when there are no rows.
        summary: a small summary table (shown above the main table on screen).
    """

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    title: str = ""
    totals: tuple[object, ...] | None = None
    empty_text: str = "Nothing to show for this period."
    summary: bool = False

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row) != width:
                raise ValueError(f"A row of {self.name!r} has {len(row)} values for {width} columns.")
        if self.totals is not None and len(self.totals) != width:
            raise ValueError(f"The totals of {self.name!r} have {len(self.totals)} values for {width} columns.")


@dataclass(frozen=True)
class KeyFigures:
    """A few figures in boxes across the page ("Customers who left: 3")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its size (a count or cents) and the words printed beside it."""

    label: str
    value: int
    text: str = ""


@dataclass(frozen=True)
class BarChart:
    """A small bar chart: horizontal (a label and a bar per line) or vertical (columns over labels)."""

    title: str
    bars: tuple[Bar, ...]
    horizontal: bool = True
    height: float = 0.0  # points; 0: sized to the bars
    empty_text: str = "Nothing to chart for this period."


@dataclass(frozen=True)
class Note:
    """A line of plain words (an explanation under a table)."""

    text: str


@dataclass(frozen=True)
class SideBySide:
    """Two blocks beside each other, each half the width."""

    left: "Block"
    right: "Block"


Block = Union[ReportTable, KeyFigures, BarChart, Note, SideBySide]


@dataclass(frozen=True)
class ReportDocument:
    """A whole report.

    Attributes:
        dealer: the dealer's name, address and phone for the title block.
        title: the report's name ("Why customers left").
        period: what it covers ("Jan 1, 2026 – Mar 31, 2026"), printed under the title.
        printed_at: when it was made (in the footer).
        blocks: the report's content, top to bottom.
        landscape: print across the page (wide tables).
    """

    dealer: DealerHeader
    title: str
    period: str
    printed_at: dt.datetime
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    landscape: bool = False


# -- reading values ----------------------------------------------------------------


def share(part: int, whole: int) -> Fraction | None:
    """``part`` of ``whole`` as an exact fraction (None when the whole is zero)."""
    return Fraction(part, whole) if whole else None


def day_text(d: dt.date) -> str:
    """``Mar 4, 2026``: short, and never ambiguous between month and day."""
    return f"{d:%b} {d.day}, {d.year}"


def _clock(at: dt.datetime) -> str:
    """``2:05 PM``."""
    return f"{at.hour % 12 or 12}:{at:%M %p}"


def percent_text(value: Fraction) -> str:
    """A share as a whole percentage, rounded half up: 2/3 → ``67%``."""
    hundredths = value * 100
    whole = int(hundredths + Fraction(1, 2)) if hundredths >= 0 else -int(-hundredths + Fraction(1, 2))
    return f"{whole}%"


def cell_text(column: Column, value: object) -> str:
    """How a value reads on screen and on paper."""
    if value is None:
        return ""
    if isinstance(value, str):  # typed text (a name, a note): never a formula in a spreadsheet
        return spreadsheet_safe(value)
    kind = column.kind
    if kind == "count":
        return f"{int(value):,}"  # type: ignore[call-overload]
    if kind == "money":
        return format_money(int(value))  # type: ignore[call-overload]
    if kind == "percent":
        return percent_text(Fraction(value))  # type: ignore[arg-type]
    if kind == "yes_no":
        return "Yes" if value else "No"
    if kind == "receipt":
        return receipt_no(value)  # type: ignore[arg-type]
    if kind == "datetime" and isinstance(value, dt.datetime):
        return f"{day_text(value)}, {_clock(value)}"
    if kind in ("date", "datetime") and isinstance(value, dt.date):
        return day_text(value)
    return str(value)


def csv_text(column: Column, value: object) -> str:
    """How a value is written to a CSV file: numbers without thousands separators,
    money as plain dollars and cents, dates as YYYY-MM-DD, so a spreadsheet reads them;
    text that starts like a formula is kept as text (``spreadsheet_safe``)."""
    if value is None:
        return ""
    if isinstance(value, str):  # typed text (a name, a note): never a formula in a spreadsheet
        return spreadsheet_safe(value)
    kind = column.kind
    if kind == "count":
        return str(int(value))  # type: ignore[call-overload]
    if kind == "money":
        return format_money(int(value), symbol=False).replace(",", "")  # type: ignore[call-overload]
    if kind == "datetime" and isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if kind in ("date", "datetime") and isinstance(value, dt.date):
        return value.isoformat()
    return cell_text(column, value)


def sort_key(column: Column, value: object) -> tuple:
    """A key that orders a column's values as what they are (words by their letters,
    case and accents aside: "Ángel" next to "Ana"); empty cells sort first."""
    if value is None or value == "":
        return (0,)
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, Fraction)):
        return (1, value)
    if isinstance(value, dt.datetime):
        return (1, value.toordinal(), value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, dt.date):
        return (1, value.toordinal(), 0)
    return (1, fold(str(value)), str(value))


def table_csv(table: ReportTable) -> bytes:
    """The table as CSV: a header row, the rows, then the totals row (its first
    cell says "Total" when empty). UTF-8 with a byte-order mark so Excel shows accents."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.title for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_text(c, v) for c, v in zip(table.columns, row)])
    if table.totals is not None:
        cells = [csv_text(c, v) for c, v in zip(table.columns, table.totals)]
        if cells and not cells[0]:
            cells[0] = "Total"
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# -- layout ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Styles:
    fonts: FontPair
    body: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bold_right: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    period: ParagraphStyle
    kicker: ParagraphStyle
    dealer: ParagraphStyle
    dealer_line: ParagraphStyle
    figure_label: ParagraphStyle
    figure_value: ParagraphStyle


def _styles(f: FontPair) -> _Styles:
    st = style_maker(f, size=BODY, spacing=1.3)
    cell = dict(fontSize=SMALL + 0.5, leading=(SMALL + 0.5) * 1.25)
    head = dict(fontName=f.bold, fontSize=SMALL, leading=SMALL * 1.25, textColor=ACCENT)
    return _Styles(
        fonts=f,
        body=st("rt_body"),
        muted=st("rt_muted", fontSize=SMALL, leading=SMALL * 1.35, textColor=MUTED),
        cell=st("rt_cell", **cell),
        cell_right=st("rt_cell_r", alignment=TA_RIGHT, **cell),
        cell_bold=st("rt_cell_b", fontName=f.bold, **cell),
        cell_bold_right=st("rt_cell_br", fontName=f.bold, alignment=TA_RIGHT, **cell),
        head=st("rt_head", **head),
        head_right=st("rt_head_r", alignment=TA_RIGHT, **head),
        heading=st("rt_heading", fontName=f.bold, fontSize=11, leading=14, spaceBefore=4, spaceAfter=4),
        title=st("rt_title", fontName=f.bold, fontSize=18, leading=22),
        period=st("rt_period", fontSize=10, leading=13, textColor=MUTED),
        kicker=st("rt_kicker", fontSize=SMALL, leading=10, textColor=MUTED),
        dealer=st("rt_dealer", fontName=f.bold, fontSize=11, leading=14, alignment=TA_RIGHT),
        dealer_line=st("rt_dealer_line", fontSize=SMALL, leading=SMALL * 1.35, textColor=MUTED, alignment=TA_RIGHT),
        figure_label=st("rt_fig_label", fontSize=SMALL, leading=SMALL * 1.3, textColor=MUTED),
        figure_value=st("rt_fig_value", fontName=f.bold, fontSize=14, leading=17),
    )


def _title_block(doc: ReportDocument, s: _Styles, width: float) -> list[Flowable]:
    left: list[Flowable] = [
        Paragraph("REPORT", s.kicker),
        Spacer(0, 2),
        Paragraph(para_text(doc.title), s.title),
    ]
    if doc.period.strip():
        left += [Spacer(0, 2), Paragraph(para_text(doc.period), s.period)]
    right: list[Flowable] = [Paragraph(para_text(doc.dealer.name), s.dealer)]
    for line in (doc.dealer.address.replace("\n", ", "), doc.dealer.phone):
        if line.strip():
            right.append(Paragraph(para_text(line), s.dealer_line))
    t = Table([[left, right]], colWidths=[width * 0.6, width * 0.4], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *no_padding()]))
    return [t, Spacer(0, 6), HRule(width, weight=1.2, color=INK, space=2), Spacer(0, 8)]


SHORT_TEXT = 32  # characters: a name, a phone, a method; longer texts (reasons, notes) wrap
LONG_TEXT_KEEPS = 0.7  # of its share: a column of longer texts gives up a little room, not all


def _column_widths(t: ReportTable, s: _Styles, width: float) -> list[float]:
    """Each column's share of ``width`` by its weight, but never so narrow that a word
    of its header, or a number in it, would be broken; the room comes from the others.

    Then a column of short texts (every cell at most SHORT_TEXT characters: names,
    phones) is widened to hold its longest one, the smallest widening first, when the
    other columns can spare the room (a column of longer texts keeps most of its share):
    "Juan Carlos Sánchez" is not broken over two lines beside a date with room to give.
    A column the page has no room for keeps its share, and its texts wrap as before."""
    pad = 8.5
    total_weight = sum(c.width for c in t.columns) or 1.0
    shares = [width * c.width / total_weight for c in t.columns]
    widths = list(shares)
    mins, wants = [], {}
    for i, c in enumerate(t.columns):
        words = [stringWidth(w, s.head.fontName, s.head.fontSize) for w in c.title.split()] or [0.0]
        need = max(words)
        cells = [cell_text(c, row[i]) for row in t.rows]
        if t.totals is not None:
            cells.append(cell_text(c, t.totals[i]))
        if c.right or c.kind in ("date", "yes_no", "receipt"):
            need = max([need] + [stringWidth(x, s.cell_bold.fontName, s.cell.fontSize) for x in cells])
        elif c.kind == "text" and all(len(x) <= SHORT_TEXT for x in cells):
            wants[i] = max([need] + [stringWidth(x, s.cell.fontName, s.cell.fontSize) for x in cells]) + pad
        mins.append(need + pad)
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < mins[i] - 0.01]
        if not short:
            break
        need = sum(mins[i] - widths[i] for i in short)
        for i in short:
            widths[i] = mins[i]
        spare = {i: widths[i] - mins[i] for i in range(len(widths)) if i not in short and widths[i] > mins[i]}
        room = sum(spare.values())
        if room <= 0:
            break
        for i, extra in spare.items():
            widths[i] -= min(need, room) * extra / room
    floors = [
        max(mins[i], shares[i] * LONG_TEXT_KEEPS) if c.kind == "text" and i not in wants else mins[i]
        for i, c in enumerate(t.columns)
    ]
    for i in sorted(wants, key=lambda i: wants[i] - widths[i]):
        grow = wants[i] - widths[i]
        if grow <= 0:
            continue
        spare = {j: widths[j] - floors[j] for j in range(len(widths)) if j not in wants and widths[j] > floors[j]}
        room = sum(spare.values())
        if room < grow:
            continue
        for j, extra in spare.items():
            widths[j] -= grow * extra / room
        widths[i] = wants[i]
    return widths


def _table(t: ReportTable, s: _Styles, width: float) -> list[Flowable]:
    out = section_heading(t.title, s.heading)
    if not t.rows:
        out.append(Paragraph(para_text(t.empty_text), s.muted))
        return out
    widths = _column_widths(t, s, width)
    data: list[list[Paragraph]] = [
        [Paragraph(para_text(c.title), s.head_right if c.right else s.head) for c in t.columns]
    ]
    for row in t.rows:
        data.append(
            [Paragraph(para_text(cell_text(c, v)), s.cell_right if c.right else s.cell) for c, v in zip(t.columns, row)]
        )
    if t.totals is not None:
        cells = [cell_text(c, v) for c, v in zip(t.columns, t.totals)]
        if cells and not cells[0]:
            cells[0] = "Total"
        data.append(
            [Paragraph(para_text(v), s.cell_bold_right if c.right else s.cell_bold) for c, v in zip(t.columns, cells)]
        )
    body_end = len(t.rows)  # the last body row (row 0 is the header)
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.7, ACCENT),
        ("ROWBACKGROUNDS", (0, 1), (-1, body_end), [colors.white, ZEBRA]),
        ("LINEBELOW", (0, body_end), (-1, body_end), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if t.totals is not None:
        style += [
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    out.append(table)
    return out


def _figures(k: KeyFigures, s: _Styles, width: float) -> list[Flowable]:
    if not k.items:
        return []
    n = len(k.items)
    cells = [[[Paragraph(para_text(label), s.figure_label), Paragraph(para_text(value), s.figure_value)] for label, value in k.items]]
    gap = 6
    t = Table(cells, colWidths=[(width - gap * (n - 1)) / n + (gap if i < n - 1 else 0) for i in range(n)], hAlign="LEFT")
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8 + gap),
    ]
    for i in range(n):
        style.append(("LINEBEFORE", (i, 0), (i, 0), 2.2, ACCENT))
    t.setStyle(TableStyle(style))
    return [t]


def _chart(c: BarChart, s: _Styles, width: float) -> list[Flowable]:
    out = section_heading(c.title, s.heading)
    bars = [b for b in c.bars]
    if not bars or max((b.value for b in bars), default=0) <= 0:
        out.append(Paragraph(para_text(c.empty_text), s.muted))
        return out
    font, bold = s.fonts.regular, s.fonts.bold
    size = SMALL
    biggest = max(b.value for b in bars)
    if c.horizontal:
        row_h = 15.0
        label_w = min(max(stringWidth(b.label, font, size) for b in bars) + 8, width * 0.5)
        text_w = max(stringWidth(b.text, bold, size) for b in bars) + 8
        bar_room = max(width - label_w - text_w, 20)
        height = row_h * len(bars) + 4
        d = Drawing(width, height)
        for i, b in enumerate(bars):
            y = height - (i + 1) * row_h
            d.add(String(0, y + 4, fit_text(b.label, font, size, label_w - 8), fontName=font, fontSize=size, fillColor=INK))
            length = bar_room * b.value / biggest if biggest else 0
            if b.value > 0:
                d.add(Rect(label_w, y + 2, max(length, 1.5), row_h - 5, fillColor=BAR_FILL, strokeColor=None))
            d.add(String(label_w + length + 4, y + 4, b.text, fontName=bold, fontSize=size, fillColor=INK))
        d.add(Line(label_w, 0, label_w, height, strokeColor=MUTED, strokeWidth=0.6))
    else:
        height = c.height or 150.0
        label_h, text_h = 14.0, 12.0
        n = len(bars)
        slot = width / n
        bar_w = min(slot * 0.7, 40)
        plot_h = height - label_h - text_h
        d = Drawing(width, height)
        d.add(Line(0, label_h, width, label_h, strokeColor=MUTED, strokeWidth=0.6))
        for i, b in enumerate(bars):
            x = i * slot + (slot - bar_w) / 2
            length = plot_h * b.value / biggest if biggest else 0
            if b.value > 0:
                d.add(Rect(x, label_h, bar_w, max(length, 1.0), fillColor=BAR_FILL, strokeColor=None))
            centre = i * slot + slot / 2
            tsize = size if stringWidth(b.text, bold, size) <= slot - 2 else max(5.5, size * (slot - 2) / max(stringWidth(b.text, bold, size), 1))
            d.add(String(centre, label_h + length + 3, b.text, fontName=bold, fontSize=tsize, fillColor=INK, textAnchor="middle"))
            d.add(String(centre, 3, fit_text(b.label, font, size - 0.5, slot - 2), fontName=font, fontSize=size - 0.5, fillColor=INK, textAnchor="middle"))
    out.append(d)
    return out


def _block(b: Block, s: _Styles, width: float) -> list[Flowable]:
    if isinstance(b, ReportTable):
        return _table(b, s, width)
    if isinstance(b, KeyFigures):
        return _figures(b, s, width)
    if isinstance(b, BarChart):
        return _chart(b, s, width)
    if isinstance(b, Note):
        return [Paragraph(para_text(b.text), s.muted)] if b.text.strip() else []
    if isinstance(b, SideBySide):
        half = (width - GUTTER) / 2
        t = Table(
            [[_block(b.left, s, half), "", _block(b.right, s, half)]],
            colWidths=[half, GUTTER, half],
            hAlign="LEFT",
        )
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *no_padding()]))
        return [t]
    raise TypeError(f"Not a report block: {b!r}")


def build_story(doc: ReportDocument, width: float) -> list[Flowable]:
    """The report's flowables for a text column ``width`` points wide."""
    s = _styles(register_fonts())
    story = _title_block(doc, s, width)
    for i, block in enumerate(doc.blocks):
        flow = _block(block, s, width)
        if not flow:
            continue
        if i:
            story.append(Spacer(0, 12))
        if isinstance(block, ReportTable) and block.rows:
            # the heading and the first rows stay together; the rest may run on
            story.append(CondPageBreak(1.2 * inch))
            story += flow
        else:
            story.append(KeepTogether(flow))
    return story


def _page_size(doc: ReportDocument) -> tuple[float, float]:
    return landscape_of(letter) if doc.landscape else letter


def _canvas_maker(doc: ReportDocument, font: str):  # noqa: ANN202
    """A canvas that holds its pages until the end, so each footer can say "Page n of N"."""
    page_w, _ = _page_size(doc)
    at = doc.printed_at
    left = f"{doc.dealer.name}  ·  Printed {day_text(at)}, {_clock(at)}"
    title = doc.title

    class _FooterCanvas(NumberedCanvas):
        def decorate(self, number: int, total: int) -> None:
            y = MARGIN_BOTTOM - 0.4 * inch
            self.saveState()
            footer_rule(self, y=y, x0=MARGIN_X, x1=page_w - MARGIN_X, font=font, color=RULE)
            size = FOOTER_SIZE
            right = f"{title}  ·  Page {number} of {total}"
            room = page_w - 2 * MARGIN_X - stringWidth(right, font, size) - 18
            self.drawString(MARGIN_X, y, fit_text(left, font, size, room))
            self.drawRightString(page_w - MARGIN_X, y, right)
            self.restoreState()

    return _FooterCanvas


def render_report(doc: ReportDocument) -> bytes:
    """The report as US Letter PDF bytes (across the page when ``landscape``), as many pages as it needs."""
    fonts = register_fonts()
    page_w, _ = _page_size(doc)
    buffer = io.BytesIO()
    template = letter_doc(
        buffer,
        pagesize=_page_size(doc),
        margin_x=MARGIN_X,
        margin_top=MARGIN_TOP,
        margin_bottom=MARGIN_BOTTOM,
        title=f"{doc.title} — {doc.period}" if doc.period else doc.title,
        author=doc.dealer.name,
        subject=doc.title,
    )
    template.build(build_story(doc, page_w - 2 * MARGIN_X), canvasmaker=_canvas_maker(doc, fonts.regular))
    return buffer.getvalue()
