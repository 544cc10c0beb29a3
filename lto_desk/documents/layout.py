"""A small top-to-bottom layout for slips printed on an 80 mm roll or on US Letter.

A :class:`Sheet` is a column of items (wrapped text, label/value rows, rules,
banners, framed boxes) laid out in *roll units*: points on a 71 mm wide column,
the printable width of an 80 mm roll. :func:`render` then either makes a roll
page exactly as tall as the content (no blank tail), or places the same column,
scaled up to a comfortable reading size and framed, at the top of a Letter page.

Receipts, void slips (and later other short slips) build a Sheet and call
:func:`render`; none of them draws on a canvas directly.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Literal, Protocol

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import FontPair, register_fonts

PAPERS = ("roll80", "letter")

ROLL_WIDTH = 80 * mm
ROLL_MARGIN_X = 4.5 * mm
ROLL_MARGIN_Y = 5 * mm
#: The column every slip is laid out on (71 mm).
COLUMN_WIDTH = ROLL_WIDTH - 2 * ROLL_MARGIN_X

#: On Letter the column is scaled up so 8.5 pt body text reads at about 12 pt.
LETTER_SCALE = 1.4
LETTER_TOP_MARGIN = 0.6 * inch
LETTER_PADDING = 16  # roll units between the frame and the column

BODY = 8.5  # body text size, points
SMALL = 7.0
LEADING = 1.3

Align = Literal["left", "center", "right"]


def ink(gray: float) -> tuple[float, float, float]:
    return (gray, gray, gray)


#: Where a line may break: ordinary whitespace, but not a no-break space (U+00A0),
#: which keeps "No. 000123" and "2:05 PM" together (it prints as a plain space).
_BREAKS = re.compile(r"[ \t\r\n\f\v]+")
NBSP = "\u00a0"


def balanced_wrap(text: str, font: str, size: float, width: float, tracking: float = 0.0) -> list[str]:
    """Like :func:`wrap`, but a short last line (a lone word or two) is avoided by
    evening out the line lengths; otherwise the natural breaks are kept."""
    lines = wrap(text, font, size, width, tracking)
    if len(lines) < 2 or "\n" in str(text):
        return lines
    widths = [stringWidth(line, font, size) for line in lines]
    if widths[-1] >= 0.45 * max(widths):
        return lines
    low, high = width / 2, width
    for _ in range(14):
        mid = (low + high) / 2
        if len(wrap(text, font, size, mid, tracking)) <= len(lines):
            high = mid
        else:
            low = mid
    return wrap(text, font, size, high, tracking)


def wrap(text: str, font: str, size: float, width: float, tracking: float = 0.0) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; explicit newlines are kept.

    Breaks at spaces; a single word wider than the line is split by characters
    rather than left to run off the paper.
    """

    def w(s: str) -> float:
        return stringWidth(s, font, size) + tracking * max(len(s) - 1, 0)

    lines: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        words = [word for word in _BREAKS.split(paragraph) if word]
        if not words:
            lines.append("")
            continue
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if w(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while w(word) > width:  # an overlong word: cut it where it stops fitting
                cut = max(1, max(i for i in range(1, len(word) + 1) if w(word[:i]) <= width or i == 1))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


class Item(Protocol):
    def height(self) -> float: ...

    def draw(self, c: Canvas, x: float, top: float) -> None: ...


def _baseline(top: float, size: float) -> float:
    """Baseline of a line of text whose line box starts at ``top``."""
    return top - size * (LEADING / 2 + 0.32)


@dataclass
class _Text:
    lines: list[str]
    font: str
    size: float
    width: float
    align: Align
    gray: float
    tracking: float

    def height(self) -> float:
        return len(self.lines) * self.size * LEADING

    def draw(self, c: Canvas, x: float, top: float) -> None:
        c.setFont(self.font, self.size)
        c.setFillColorRGB(*ink(self.gray))
        for i, line in enumerate(self.lines):
            line = line.replace(NBSP, " ")
            y = _baseline(top - i * self.size * LEADING, self.size)
            lw = stringWidth(line, self.font, self.size) + self.tracking * max(len(line) - 1, 0)
            if self.align == "center":
                lx = x + (self.width - lw) / 2
            elif self.align == "right":
                lx = x + self.width - lw
            else:
                lx = x
            c.drawString(lx, y, line, charSpace=self.tracking)
        c.setFillColorRGB(0, 0, 0)


@dataclass
class _Row:
    """A label on the left and its value on the right, baselines aligned.

    A label too long for the space left by the value wraps; a value too wide
    for a shared line goes on its own line(s) under the label, right-aligned.
    """

    label: list[str]
    value: list[str]
    label_font: str
    value_font: str
    size: float
    width: float
    stacked: bool
    gray: float

    def height(self) -> float:
        n = len(self.label) + len(self.value) if self.stacked else max(len(self.label), len(self.value))
        return n * self.size * LEADING

    def draw(self, c: Canvas, x: float, top: float) -> None:
        step = self.size * LEADING
        c.setFillColorRGB(*ink(self.gray))
        c.setFont(self.label_font, self.size)
        for i, line in enumerate(self.label):
            c.drawString(x, _baseline(top - i * step, self.size), line.replace(NBSP, " "))
        c.setFillColorRGB(0, 0, 0)
        first = len(self.label) if self.stacked else 0
        c.setFont(self.value_font, self.size)
        for i, line in enumerate(self.value):
            c.drawRightString(x + self.width, _baseline(top - (first + i) * step, self.size), line.replace(NBSP, " "))


@dataclass
class _Space:
    amount: float

    def height(self) -> float:
        return self.amount

    def draw(self, c: Canvas, x: float, top: float) -> None:
        pass


@dataclass
class _Rule:
    width: float
    dashed: bool
    weight: float
    gap: float
    gray: float

    def height(self) -> float:
        return 2 * self.gap + self.weight

    def draw(self, c: Canvas, x: float, top: float) -> None:
        y = top - self.gap - self.weight / 2
        c.saveState()
        c.setLineWidth(self.weight)
        c.setStrokeColorRGB(*ink(self.gray))
        if self.dashed:
            c.setDash(2, 2)
        c.line(x, y, x + self.width, y)
        c.restoreState()


@dataclass
class _Banner:
    """Bold words in a box: outlined, or white on black when ``filled``."""

    text: _Text
    filled: bool
    padding: float
    weight: float = 1.2

    def height(self) -> float:
        return self.text.height() + 2 * self.padding

    def draw(self, c: Canvas, x: float, top: float) -> None:
        h = self.height()
        c.saveState()
        c.setLineWidth(self.weight)
        c.setStrokeColorRGB(0, 0, 0)
        inset = self.weight / 2
        if self.filled:
            c.setFillColorRGB(0, 0, 0)
            c.rect(x + inset, top - h + inset, self.text.width - 2 * inset, h - 2 * inset, stroke=1, fill=1)
        else:
            c.rect(x + inset, top - h + inset, self.text.width - 2 * inset, h - 2 * inset, stroke=1, fill=0)
        c.restoreState()
        self.text.draw(c, x, top - self.padding)
        c.setFillColorRGB(0, 0, 0)


@dataclass
class _Box:
    """A rounded frame around an inner sheet."""

    inner: Sheet
    padding: float
    weight: float
    gray: float

    def height(self) -> float:
        return self.inner.height() + 2 * self.padding

    def draw(self, c: Canvas, x: float, top: float) -> None:
        h = self.height()
        w = self.inner.width + 2 * self.padding
        c.saveState()
        c.setLineWidth(self.weight)
        c.setStrokeColorRGB(*ink(self.gray))
        inset = self.weight / 2
        c.roundRect(x + inset, top - h + inset, w - 2 * inset, h - 2 * inset, radius=4, stroke=1, fill=0)
        c.restoreState()
        self.inner.draw(c, x + self.padding, top - self.padding)


@dataclass
class Sheet:
    """A column of items, ``width`` points wide, drawn top to bottom."""

    width: float = COLUMN_WIDTH
    fonts: FontPair = dc_field(default_factory=register_fonts)
    items: list[Item] = dc_field(default_factory=list)

    def font(self, bold: bool) -> str:
        return self.fonts.bold if bold else self.fonts.regular

    def height(self) -> float:
        return sum(item.height() for item in self.items)

    def draw(self, c: Canvas, x: float, top: float) -> None:
        for item in self.items:
            item.draw(c, x, top)
            top -= item.height()

    # -- building -----------------------------------------------------------

    def text(
        self,
        s: str,
        *,
        size: float = BODY,
        bold: bool = False,
        align: Align = "center",
        gray: float = 0.0,
        tracking: float = 0.0,
    ) -> Sheet:
        """Wrapped text (empty text adds nothing)."""
        if not str(s).strip():
            return self
        font = self.font(bold)
        breaker = balanced_wrap if align == "center" else wrap
        self.items.append(
            _Text(breaker(s, font, size, self.width, tracking), font, size, self.width, align, gray, tracking)
        )
        return self

    def row(self, label: str, value: str, *, size: float = BODY, bold: bool = False, gray: float = 0.0) -> Sheet:
        """``label ........ value`` on one line (bold: both bold; otherwise the value is regular too)."""
        label_font, value_font = self.font(bold), self.font(bold)
        gap = size * 1.2
        vw = stringWidth(value, value_font, size)
        lw = stringWidth(label, label_font, size)
        if lw + gap + vw <= self.width:
            labels, values, stacked = [label] if label else [], [value], False
        elif vw <= self.width * 0.6:
            labels, values, stacked = wrap(label, label_font, size, self.width - gap - vw), [value], False
        else:
            labels, values, stacked = (
                wrap(label, label_font, size, self.width) if label else [],
                wrap(value, value_font, size, self.width),
                True,
            )
        self.items.append(_Row(labels, values, label_font, value_font, size, self.width, stacked, gray))
        return self

    def field(self, label: str, value: str, *, size: float = BODY) -> Sheet:
        """A label with a longer free text under it (a reason, a note)."""
        if not str(value).strip():
            return self
        self.text(label, size=size * 0.9, align="left", gray=0.35)
        self.text(value, size=size, align="left")
        return self

    def space(self, amount: float = 4.0) -> Sheet:
        self.items.append(_Space(amount))
        return self

    def rule(self, *, dashed: bool = False, weight: float = 0.6, gap: float = 5.0, gray: float = 0.0) -> Sheet:
        self.items.append(_Rule(self.width, dashed, weight, gap, gray))
        return self

    def banner(self, s: str, *, size: float = 11.0, filled: bool = False, padding: float = 4.0) -> Sheet:
        font = self.font(True)
        inner_width = self.width - 2 * padding
        gray = 1.0 if filled else 0.0
        text = _Text(balanced_wrap(s, font, size, inner_width), font, size, self.width, "center", gray, 0.0)
        self.items.append(_Banner(text, filled, padding))
        return self

    def box(self, *, padding: float = 6.0, weight: float = 0.8, gray: float = 0.0) -> Sheet:
        """Add a framed box and return the sheet inside it, to fill."""
        inner = Sheet(self.width - 2 * padding, self.fonts)
        self.items.append(_Box(inner, padding, weight, gray))
        return inner


# -- pages -------------------------------------------------------------------


def _watermark(c: Canvas, words: str, font: str, x: float, y: float, w: float, h: float) -> None:
    """Light diagonal words over the area, repeated down a long slip so any torn part shows them."""
    angle = math.radians(50 if h > w * 1.2 else 35)
    unit = stringWidth(words, font, 1)
    size = min(56.0, 0.9 * w / (unit * math.cos(angle) + math.sin(angle)))
    count = max(1, round(h / (w * 1.25)))
    c.saveState()
    c.setFont(font, size)
    c.setFillColorRGB(*ink(0.87))
    for i in range(count):
        cy = y + h - h * (i + 0.5) / count
        c.saveState()
        c.translate(x + w / 2, cy)
        c.rotate(math.degrees(angle))
        c.drawCentredString(0, -size * 0.35, words)
        c.restoreState()
    c.restoreState()


def render(
    sheet: Sheet,
    *,
    paper: str = "roll80",
    title: str = "",
    author: str = "",
    subject: str = "",
    watermark: str = "",
) -> bytes:
    """Draw ``sheet`` on one page and return the PDF bytes.

    ``roll80``: 80 mm wide, as tall as the content plus 5 mm top and bottom.
    ``letter``: the column scaled up (to fit if it is very long), framed and
    centred at the top of a US Letter page.
    """
    if paper not in PAPERS:
        raise ValueError(f"Unknown paper {paper!r}; expected one of {', '.join(PAPERS)}.")
    buffer = io.BytesIO()
    content_h = sheet.height()
    if paper == "roll80":
        page_w, page_h = ROLL_WIDTH, content_h + 2 * ROLL_MARGIN_Y
    else:
        page_w, page_h = letter
    c = Canvas(buffer, pagesize=(page_w, page_h), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator("LTO Desk")

    if paper == "roll80":
        if watermark:
            _watermark(c, watermark, sheet.fonts.bold, ROLL_MARGIN_X, ROLL_MARGIN_Y, sheet.width, content_h)
        sheet.draw(c, ROLL_MARGIN_X, page_h - ROLL_MARGIN_Y)
    else:
        block_w = sheet.width + 2 * LETTER_PADDING
        block_h = content_h + 2 * LETTER_PADDING
        scale = min(LETTER_SCALE, (page_h - 2 * LETTER_TOP_MARGIN) / block_h)
        c.saveState()
        c.translate((page_w - block_w * scale) / 2, page_h - LETTER_TOP_MARGIN)
        c.scale(scale, scale)
        c.setLineWidth(0.6)
        c.setStrokeColorRGB(*ink(0.7))
        c.roundRect(0, -block_h, block_w, block_h, radius=6, stroke=1, fill=0)
        if watermark:
            bottom = -block_h + LETTER_PADDING
            _watermark(c, watermark, sheet.fonts.bold, LETTER_PADDING, bottom, sheet.width, content_h)
        sheet.draw(c, LETTER_PADDING, -LETTER_PADDING)
        c.restoreState()
    c.showPage()
    c.save()
    return buffer.getvalue()
