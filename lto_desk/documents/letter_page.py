"""The building blocks every US Letter page is made of: the inks, paragraph styles, section
headings, rules, boxes, label/value rows and the page template (letters, summaries, files, reports).

Layer: ReportLab (platypus) only.
"""

from __future__ import annotations

import io
from typing import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from .fonts import FontPair

__all__ = [
    "INK",
    "MUTED",
    "RULE",
    "ACCENT",
    "HEAD_FILL",
    "SHADE",
    "StyleMaker",
    "style_maker",
    "para_text",
    "HRule",
    "section_heading",
    "boxed",
    "label_value_rows",
    "no_padding",
    "fit_text",
    "FOOTER_SIZE",
    "footer_rule",
    "letter_doc",
]

INK = colors.Color(0.13, 0.13, 0.13)
MUTED = colors.Color(0.40, 0.40, 0.40)
RULE = colors.Color(0.78, 0.78, 0.78)
#: Section rules and table heads of the customer's pages (reports use a blue of their own).
ACCENT = colors.Color(0.22, 0.22, 0.22)
HEAD_FILL = colors.Color(0.93, 0.93, 0.93)
#: The light shade behind a box that must not be missed (a pinned note, the return promise).
SHADE = colors.Color(0.955, 0.955, 0.955)

#: SimpleDocTemplate's frame pads its content by 6 pt; the margins given to it absorb that.
FRAME_PAD = 6

StyleMaker = Callable[..., ParagraphStyle]


def style_maker(fonts: FontPair, *, size: float, spacing: float, prefix: str = "", **shared: object) -> StyleMaker:
    """``make(name, **changes)``: a paragraph style of one page. By default the regular
    font at ``size`` points, lines ``spacing`` × ``size`` apart, in :data:`INK`, left
    aligned, plus what ``shared`` adds to every style of that page."""

    def make(name: str, **changes: object) -> ParagraphStyle:
        values: dict[str, object] = dict(
            fontName=fonts.regular, fontSize=size, leading=size * spacing, textColor=INK, alignment=TA_LEFT
        )
        values.update(shared)
        values.update(changes)
        return ParagraphStyle(prefix + name, **values)  # type: ignore[arg-type]

    return make


def para_text(s: object) -> str:
    """Plain text made safe for a Paragraph; line breaks kept."""
    return "<br/>".join(escape(line) for line in str(s).strip().splitlines())


class HRule(Flowable):
    """A horizontal line across the text column."""

    def __init__(self, width: float, *, weight: float = 0.6, color: colors.Color = RULE, space: float = 4) -> None:
        super().__init__()
        self.width, self.weight, self.color, self.space = width, weight, color, space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab API)
        return self.width, 2 * self.space + self.weight

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(self.color)
        c.setLineWidth(self.weight)
        y = self.space + self.weight / 2
        c.line(0, y, self.width, y)


def section_heading(
    title: str, style: ParagraphStyle, *, rule_width: float = 0.0, color: colors.Color = ACCENT, room: float = 0.0
) -> list[Flowable]:
    """A section's title (nothing for an empty one), over a rule ``rule_width`` wide when
    one is given. With ``room``, the title moves to the next page unless that many points
    of the page are left for it and the start of its section: no orphan headings."""
    if not title.strip():
        return []
    out: list[Flowable] = [CondPageBreak(room)] if room else []
    out.append(Paragraph(para_text(title), style))
    if rule_width:
        out.append(HRule(rule_width, weight=0.8, color=color, space=2))
    return out


def boxed(
    content: Flowable | Sequence[Flowable],
    width: float,
    *,
    fill: colors.Color,
    border: colors.Color = INK,
    weight: float = 1.0,
    padding: tuple[float, float, float, float] = (12, 12, 7, 9),
) -> Table:
    """``content`` in a shaded box across ``width``; ``padding``: left, right, top, bottom."""
    left, right, top, bottom = padding
    box = Table([[content]], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), weight, border),
                ("BACKGROUND", (0, 0), (-1, -1), fill),
                ("LEFTPADDING", (0, 0), (-1, -1), left),
                ("RIGHTPADDING", (0, 0), (-1, -1), right),
                ("TOPPADDING", (0, 0), (-1, -1), top),
                ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
            ]
        )
    )
    return box


def label_value_rows(rows: list[list[Flowable]], width: float, label_width: float, line: colors.Color) -> Table:
    """Label / value pairs, one a row, with a hairline between rows."""
    t = Table(rows, colWidths=[label_width, width - label_width], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, line),
            ]
        )
    )
    return t


def no_padding() -> list[tuple]:
    """Table style commands that take away every cell's padding."""
    return [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def fit_text(s: str, font: str, size: float, width: float) -> str:
    """``s`` cut with an ellipsis to fit ``width`` points (only a very long name is ever cut)."""
    if stringWidth(s, font, size) <= width:
        return s
    while s and stringWidth(s + "…", font, size) > width:
        s = s[:-1]
    return s.rstrip() + "…"


#: The size of the words in a page's footer, points.
FOOTER_SIZE = 7.5


def footer_rule(c: Canvas, *, y: float, x0: float, x1: float, font: str, color: colors.Color = RULE) -> None:
    """A footer's hairline from ``x0`` to ``x1``, 11 pt above the baseline ``y``, and the
    footer's small muted type made current for the words under it."""
    c.setStrokeColor(color)
    c.setLineWidth(0.5)
    c.line(x0, y + 11, x1, y + 11)
    c.setFont(font, FOOTER_SIZE)
    c.setFillColor(MUTED)


def letter_doc(
    buffer: io.BytesIO,
    *,
    margin_x: float,
    margin_top: float,
    margin_bottom: float,
    title: str,
    author: str,
    subject: str,
    pagesize: tuple[float, float] = letter,
) -> SimpleDocTemplate:
    """The page template of a Letter document: the given margins around the text, the
    document's title, author and subject, and the same bytes for the same content."""
    return SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin_x - FRAME_PAD,
        rightMargin=margin_x - FRAME_PAD,
        topMargin=margin_top - FRAME_PAD,
        bottomMargin=margin_bottom - FRAME_PAD,
        title=title,
        author=author,
        subject=subject,
        creator="LTO Desk",
        invariant=1,
        pageCompression=1,
    )
