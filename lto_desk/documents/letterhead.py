"""The dealer's letterhead and the one-page Letter letter.

``letterhead(dealer, fonts)`` gives the flowables for the top of a letter: the
dealer's name, then address and phone, then a rule. ``one_page_pdf`` builds a
story on one US Letter page (shrinking it a little if a long note would
otherwise spill over). The pieces every Letter page shares are in
:mod:`.letter_page`.

Layer: ReportLab (platypus) only.
"""

from __future__ import annotations

import io

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer

from .fonts import FontPair
from .letter_page import INK, MUTED, HRule, letter_doc, para_text
from .receipt import DealerHeader

__all__ = ["CONTENT_W", "letterhead", "one_page_pdf"]

PAGE_W, PAGE_H = letter
MARGIN_X = 1.0 * inch
MARGIN_TOP = 0.7 * inch
MARGIN_BOTTOM = 0.8 * inch
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM


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
    doc = letter_doc(
        buffer, margin_x=MARGIN_X, margin_top=MARGIN_TOP, margin_bottom=MARGIN_BOTTOM,
        title=title, author=author, subject=subject,
    )  # fmt: skip
    doc.build([KeepInFrame(CONTENT_W, CONTENT_H, story, mode="shrink")])
    return buffer.getvalue()
