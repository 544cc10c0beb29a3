"""The dealer's letterhead and the plain pieces every one-page Letter letter shares.

``letterhead(dealer, fonts)`` gives the flowables for the top of a letter: the
dealer's name, then address and phone, then a rule. ``para_text`` makes plain
text safe for a ReportLab Paragraph. ``one_page_pdf`` builds a story on one US
Letter page (shrinking it a little if a long note would otherwise spill over).

Layer: ReportLab (platypus) only.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, SimpleDocTemplate, Spacer

from .fonts import FontPair
from .receipt import DealerHeader

__all__ = ["INK", "MUTED", "RULE", "CONTENT_W", "HRule", "para_text", "letterhead", "one_page_pdf"]

PAGE_W, PAGE_H = letter
MARGIN_X = 1.0 * inch
MARGIN_TOP = 0.7 * inch
MARGIN_BOTTOM = 0.8 * inch
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
#: SimpleDocTemplate's frame pads its content by 6 pt; the margins given to it absorb that.
FRAME_PAD = 6

INK = colors.Color(0.13, 0.13, 0.13)
MUTED = colors.Color(0.40, 0.40, 0.40)
RULE = colors.Color(0.78, 0.78, 0.78)


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


def letterhead(dealer: DealerHeader, fonts: FontPair) -> list[Flowable]:
    """Dealer name, centred; address and phone below it; a rule under both."""
    name = ParagraphStyle(
        "lh_name", fontName=fonts.bold, fontSize=17, leading=21, textColor=INK, alignment=TA_CENTER
    )
    line = ParagraphStyle(
        "lh_line", fontName=fonts.regular, fontSize=9, leading=12.5, textColor=MUTED, alignment=TA_CENTER
    )
    contact = "  ·  ".join(para_text(part) for part in (dealer.address.replace("\n", ", "), dealer.phone) if part.strip())
    out: list[Flowable] = [Paragraph(para_text(dealer.name), name), Spacer(0, 3)]
    if contact:
        out.append(Paragraph(contact, line))
    out += [Spacer(0, 6), HRule(CONTENT_W, weight=1.2, color=INK, space=2)]
    return out


def one_page_pdf(story: list[Flowable], *, title: str, author: str, subject: str) -> bytes:
    """The story on one US Letter page (shrunk to fit if it would run over), as PDF bytes."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=MARGIN_X - FRAME_PAD,
        rightMargin=MARGIN_X - FRAME_PAD,
        topMargin=MARGIN_TOP - FRAME_PAD,
        bottomMargin=MARGIN_BOTTOM - FRAME_PAD,
        title=title,
        author=author,
        subject=subject,
        creator="LTO Desk",
        invariant=1,
        pageCompression=1,
    )
    doc.build([KeepInFrame(CONTENT_W, CONTENT_H, story, mode="shrink")])
    return buffer.getvalue()
