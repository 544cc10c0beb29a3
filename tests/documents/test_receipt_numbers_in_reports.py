"""A receipt number reads as on the paper receipt (six digits, no thousands separator)
in every report: on screen, in the CSV file and in the PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io

from pypdf import PdfReader

from lto_desk.documents import business_reports as docs
from lto_desk.documents.receipt import DealerHeader, receipt_no
from lto_desk.documents.report_table import cell_text, render_report, table_csv

DEALER = DealerHeader("Sunrise Auto Sales", "4120 Atlanta Hwy\nMontgomery, AL 36109", "(334) 555-0100")
AT = dt.datetime(2025, 2, 3, 17, 30)


def statement() -> docs.Statement:
    lines = (
        docs.StatementLine(dt.date(2025, 1, 6), "Agreement opened", None, "", "", 900000, None, 900000),
        docs.StatementLine(dt.date(2025, 1, 6), "Down payment", 1289, "Cash", "Olivia Owner", None, 100000, 800000),
        docs.StatementLine(dt.date(2025, 1, 13), "Payment", 12, "Cash", "Carla Clerk", None, 7693, 792307),
    )
    return docs.Statement(1, "María García", "(205) 555-0142", "12 Oak St, Montgomery, AL 36109", "2014 Honda Accord",
                          "Active", dt.date(2025, 1, 6), dt.date(2025, 1, 15), lines, 792307, 107693, 0, 104,
                          dt.date(2025, 1, 20), 7693, 0)


def receipt_column(table) -> int:
    return [c.title for c in table.columns].index("Receipt")


def test_receipts_read_as_on_paper_on_screen_in_csv_and_in_pdf():
    (table,) = docs.statement_tables(statement())
    col = receipt_column(table)
    assert [cell_text(table.columns[col], row[col]) for row in table.rows] == ["", "001289", "000012"]
    assert receipt_no(1289) == "001289"
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig"))))
    assert [r[col] for r in rows[1:4]] == ["", "001289", "000012"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_report(docs.statement_document(statement(), DEALER, AT)))).pages)
    assert "001289" in text and "000012" in text and "1,289" not in text


def test_the_receipt_check_and_daily_collections_list_receipts_the_same_way():
    voided = docs.VoidedReceipt(1289, dt.date(2025, 1, 13), "María García", 7693, dt.date(2025, 1, 13),
                                "Wrong account", "Marcus Manager", "Carla Clerk")
    _gaps, table = docs.receipt_check_tables(docs.ReceiptCheck(1, 1290, 1290, 1290, (), (voided,)))
    col = receipt_column(table)
    assert cell_text(table.columns[col], table.rows[0][col]) == "001289"
    gaps, _voided = docs.receipt_check_tables(docs.ReceiptCheck(1, 1290, 1288, 1290, ((1001, 1002),), ()))
    assert [cell_text(c, v) for c, v in zip(gaps.columns, gaps.rows[0])] == ["001001", "001002", "2"]
    figures = dict(docs.receipt_check_figures(docs.ReceiptCheck(1, 1290, 1290, 1290, (), (voided,))).items)
    assert figures["Receipts"] == "000001–001290"
    collections = docs.collections_tables(docs.Collections(dt.date(2025, 1, 13), dt.date(2025, 1, 13), (), (), (), ()))
    each = next(t for t in collections if "Receipt" in [c.title for c in t.columns])
    assert each.columns[receipt_column(each)].kind == table.columns[col].kind
