"""A customer's name prints whole on one line of a report's table when the page has
room for it (three "Adriana …" told apart), and wraps only when the page has none."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from lto_desk.documents import business_reports as docs
from lto_desk.documents.receipt import DealerHeader
from lto_desk.documents.report_table import Column, ReportDocument, ReportTable, render_report

DEALER = DealerHeader("Sunrise Auto Sales", "4120 Atlanta Hwy\nMontgomery, AL 36109", "(334) 555-0100")
AT = dt.datetime(2025, 2, 3, 17, 30)
NAMES = ("Adriana González Villalobos", "Adriana Martínez Sandoval", "Juan Carlos Sánchez Ortiz")


def lines_of(pdf: bytes) -> list[str]:
    return [" ".join(line.split()) for p in PdfReader(io.BytesIO(pdf)).pages for line in p.extract_text().splitlines()]


def test_names_in_daily_collections_print_whole():
    at = dt.datetime(2025, 1, 13, 9, 40)
    lines = tuple(
        docs.MoneyLine(n, 1287 + n, at, at.date(), "Payment", name, n, "Cash", "Carla Clerk", 139_00)
        for n, name in enumerate(NAMES)
    )
    c = docs.Collections(at.date(), at.date(), (), (), lines, ())
    text = lines_of(render_report(docs.collections_document(c, DEALER, AT)))
    for name in NAMES:
        assert any(name in line for line in text), name


def test_a_page_too_narrow_for_every_name_still_fits_the_page_and_wraps():
    columns = tuple(Column(f"Customer {n}") for n in range(8))
    table = ReportTable("Names", columns, ((NAMES * 3)[:8],))
    text = lines_of(render_report(ReportDocument(DEALER, "Names", "", AT, (table,))))
    assert "Villalobos" in " ".join(text)  # nothing cut off the page's edge
