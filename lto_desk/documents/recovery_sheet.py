"""The key's recovery sheet: one Letter page the owner keeps locked away, not at the counter.

It carries the books' key in groups of four (to type on a new computer, or after the
keyring is lost), which journal rows it seals, a check to tell a mistyped key, and what
to do with it. The dealer's own page, in the owner's words: English only.

Layer: ReportLab (platypus) only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from .fonts import register_fonts
from .letter_page import INK, MUTED, para_text
from .letterhead import CONTENT_W, letterhead, one_page_pdf
from .receipt import DealerHeader

__all__ = ["RecoverySheet", "render_recovery_sheet"]


@dataclass(frozen=True)
class RecoverySheet:
    """Attributes: dealer; key_text (64 hex digits in groups of four, as typed back);
    since (the first journal row it seals); check (the check value, its first 8 shown);
    made_at, printed_at; printed_by (the owner's name)."""

    dealer: DealerHeader
    key_text: str
    since: int
    check: str
    made_at: dt.datetime
    printed_at: dt.datetime
    printed_by: str


def render_recovery_sheet(sheet: RecoverySheet) -> bytes:
    fonts = register_fonts()
    title = ParagraphStyle("rs_title", fontName=fonts.bold, fontSize=15, leading=19, textColor=INK)
    body = ParagraphStyle("rs_body", fontName=fonts.regular, fontSize=10, leading=14, textColor=INK)
    small = ParagraphStyle("rs_small", fontName=fonts.regular, fontSize=8.5, leading=11.5, textColor=MUTED)
    groups = sheet.key_text.split("-")
    lines = [" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4)]
    key_table = Table(
        [[f"{n}", line] for n, line in enumerate(lines, start=1)],
        colWidths=[0.35 * 72, CONTENT_W - 0.35 * 72],
        style=TableStyle([
            ("FONT", (0, 0), (0, -1), fonts.regular, 9),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("FONT", (1, 0), (1, -1), "Courier-Bold", 17),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ("BOX", (0, 0), (-1, -1), 1.2, INK),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, MUTED),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]),
    )
    facts = Table(
        [
            ["Seals journal rows", f"from row {sheet.since:,} on"],
            ["Key made", f"{sheet.made_at:%B %-d, %Y}"],
            ["Check (shown when the key is typed right)", sheet.check[:8].upper()],
            ["Printed", f"{sheet.printed_at:%B %-d, %Y at %-I:%M %p} by {sheet.printed_by}"],
        ],
        colWidths=[CONTENT_W * 0.45, CONTENT_W * 0.55],
        style=TableStyle([
            ("FONT", (0, 0), (0, -1), fonts.regular, 9.5),
            ("FONT", (1, 0), (1, -1), fonts.bold, 9.5),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]),
    )
    story = letterhead(sheet.dealer, fonts) + [
        Spacer(0, 10),
        Paragraph("Recovery sheet: the key to your books", title),
        Spacer(0, 6),
        Paragraph(para_text(
            "LTO Desk seals every change to your books with this key, so nobody who gets hold of the "
            "database file can rewrite a payment, a note or a person's role without it showing. The key is "
            "kept in this computer's password keyring. Keep this sheet locked away, not at the counter: "
            "whoever has it and the file could rewrite the books."
        ), body),
        Spacer(0, 12),
        key_table,
        Spacer(0, 12),
        facts,
        Spacer(0, 12),
        Paragraph("When you need it", ParagraphStyle("rs_h", parent=body, fontName=fonts.bold)),
        Paragraph(para_text(
            "On a new counter computer, or after this computer's keyring was lost or reset, LTO Desk asks for "
            "the key: type the four lines above (spaces and dashes do not matter). From the command line: "
            "lto-desk key enter."
        ), body),
        Spacer(0, 6),
        Paragraph(para_text(
            "If this sheet and the keyring are both lost, the owner starts a new key (Settings → Journal key → "
            "The key is lost, or lto-desk key new). The books keep working; the rows sealed before can then "
            "be checked only against the Z reports and backups, and lto-desk verify says so."
        ), body),
        Spacer(0, 14),
        Paragraph(para_text(
            "Print a new sheet whenever LTO Desk starts a new key. Do not photograph it or keep it on the computer."
        ), small),
    ]
    return one_page_pdf(story, title="LTO Desk key recovery sheet", author=sheet.dealer.name,
                        subject="The key that seals the books")
