"""The X and Z report PDFs, read back as text."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from lto_desk.documents.drawer_report import DrawerReportPage, render_drawer_report
from lto_desk.documents.receipt import DealerHeader
from lto_desk.services.drawer import DenominationLine, DrawerReport, MovementLine

DEALER = DealerHeader("Sunrise Auto Sales", "1200 Main St, Montgomery, AL 36104", "(334) 555-0100")
OPENED = dt.datetime(2025, 3, 3, 9, 2)


def report(**changes) -> DrawerReport:
    base = dict(
        session_id=7, counter_name="Counter 1", number=12, status="sealed", as_of=dt.datetime(2025, 3, 3, 17, 30),
        opened_at=OPENED, opened_by="Carla Clerk", closed_at=dt.datetime(2025, 3, 3, 17, 30),
        closed_by="Marcus Manager", float_cents=150_00, cash_payments=705_00, cash_refunds=200_00,
        cash_voids=110_00, paid_in=50_00, paid_out=12_40,
        movements=(
            MovementLine("paid_in", "Paid in", 50_00, "Change from the bank", dt.datetime(2025, 3, 3, 11, 0), "Carla Clerk"),
            MovementLine("paid_out", "Paid out", 12_40, "Postage for title mailings",
                         dt.datetime(2025, 3, 3, 11, 15), "Carla Clerk"),
            MovementLine("no_sale", "No sale", 0, "Change for a $20", dt.datetime(2025, 3, 3, 11, 20), "Carla Clerk"),
        ),
        no_sales=1, expected_cents=582_60,
        by_method=(("Cash", 595_00), ("Check", 600_00), ("Money order", 95_00), ("Card", 110_00)),
        by_clerk=(("Marcus Manager", 1_100_00), ("Carla Clerk", 300_00)), collections=1_400_00,
        receipts=6, first_receipt=101, last_receipt=106, counted_cents=581_60,
        denominations=(DenominationLine("bill_20", "$20 bills", 29, 580_00), DenominationLine("bill_1", "$1 bills", 1, 1_00),
                       DenominationLine("coin_25", "Quarters", 2, 50), DenominationLine("coin_10", "Dimes", 1, 10)),
        over_short_cents=-1_00, note="Counted twice; a dollar short.", previous_grand_total=48_250_00,
        grand_total=49_650_00,
    )
    base.update(changes)
    return DrawerReport(**base)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize("paper", ["roll80", "letter"])
def test_z_report_prints_the_count_over_short_and_grand_total(paper):
    pdf = render_drawer_report(DrawerReportPage(DEALER, report(), paper=paper))
    text = text_of(pdf)
    for words in (
        "Sunrise Auto Sales", "Z REPORT — session sealed", "Counter 1", "00012", "Carla Clerk",
        "Marcus Manager", "$150.00", "$582.60", "$581.60", "Short $1.00", "$20 bills × 29 $580.00",
        "Quarters × 2 $0.50", "Counted twice; a dollar short.", "Cash $595.00", "Check $600.00",
        "Money order $95.00", "Card $110.00", "Total collected $1,400.00", "000101 – 000106 (6)",
        "No sales (drawer opened) 1", "Postage for title mailings", "−$12.40", "+$50.00",
        "Cash refunds given −$200.00", "Cash handed back (voids) −$110.00",
        "Previous grand total $48,250.00", "Grand total $49,650.00",
    ):
        assert words in text, words
    assert "X REPORT" not in text
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Z report — Counter 1 session 12"


def test_x_report_says_the_drawer_is_still_open_and_has_no_count():
    open_report = report(status="open", closed_at=None, closed_by="", counted_cents=None, denominations=(),
                         over_short_cents=None, note="", as_of=dt.datetime(2025, 3, 3, 12, 0))
    text = text_of(render_drawer_report(DrawerReportPage(DEALER, open_report)))
    assert "X REPORT — drawer still open" in text and "Z REPORT" not in text
    assert "As of Mar 3, 2025, 12:00 PM" in text
    assert "Expected cash $582.60" in text
    assert "Counted" not in text and "Short" not in text and "Closed by" not in text
    assert "Grand total so far $49,650.00" in text


def test_a_balanced_drawer_says_so():
    text = text_of(render_drawer_report(DrawerReportPage(DEALER, report(counted_cents=582_60, over_short_cents=0,
                                                                        note=""))))
    assert "Over/short Balanced" in text
