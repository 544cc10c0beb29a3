"""The business reports' PDFs read back: the figures, the buckets and the running
balance print as the screen shows them, and the tables export to CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

from pypdf import PdfReader

from lto_desk.documents import business_reports as docs
from lto_desk.documents.receipt import DealerHeader
from lto_desk.documents.report_table import render_report, table_csv

DEALER = DealerHeader("Sunrise Auto Sales", "4120 Atlanta Hwy\nMontgomery, AL 36109", "(334) 555-0100")
AT = dt.datetime(2025, 2, 3, 17, 30)


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def account(name: str, bucket: str, days: int, past_due: int, payoff: int) -> docs.LateAccount:
    return docs.LateAccount(1, 1, name, "(205) 555-0142", "2014 Honda Accord", bucket, days, None, past_due, 1000,
                            payoff, dt.datetime(2025, 1, 30, 10, 0))


def aging() -> docs.Aging:
    accounts = (account("María García", "15–30 days", 21, 23079, 803000), account("Ben Baker", "8–14 days", 14, 8000, 245000))
    buckets = tuple(
        docs.AgeBucket(words, sum(1 for a in accounts if a.bucket == words),
                       sum(a.past_due for a in accounts if a.bucket == words),
                       sum(a.fees for a in accounts if a.bucket == words),
                       sum(a.payoff for a in accounts if a.bucket == words))
        for words, _low, _high in docs.AGE_BUCKETS
    )
    return docs.Aging(dt.date(2025, 2, 3), buckets, accounts, active=2)


def test_aging_pdf_prints_each_bucket_and_account():
    text = text_of(render_report(docs.aging_document(aging(), DEALER, AT)))
    for words in ("1–7 days", "8–14 days", "15–30 days", "31–60 days", "Over 60 days"):
        assert words in text
    # 230.79 + 80.00 = 310.79 past due; 8,030.00 + 2,450.00 = 10,480.00 payoff
    assert "$310.79" in text and "$10,480.00" in text
    assert "María García" in text and "(205) 555-0142" in text and "Jan 30, 2025" in text
    assert "Late accounts by age" in text and "As of Feb 3, 2025" in text


def test_statement_pdf_and_csv_carry_the_running_balance():
    lines = (
        docs.StatementLine(dt.date(2025, 1, 6), "Agreement opened", None, "", "", 900000, None, 900000),
        docs.StatementLine(dt.date(2025, 1, 6), "Down payment", 1, "Cash", "Olivia Owner", None, 100000, 800000),
        docs.StatementLine(dt.date(2025, 1, 13), "Payment", 2, "Cash", "Carla Clerk", None, 7693, 792307),
    )
    s = docs.Statement(1, "María García", "(205) 555-0142", "12 Oak St, Montgomery, AL 36109", "2014 Honda Accord",
                       "Active", dt.date(2025, 1, 6), dt.date(2025, 1, 15), lines, 792307, 107693, 0, 104,
                       dt.date(2025, 1, 20), 7693, 0)
    text = text_of(render_report(docs.statement_document(s, DEALER, AT)))
    assert "$7,923.07" in text and "12 Oak St" in text and "Agreement 1" in text
    (table,) = docs.statement_tables(s)
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig"))))
    assert rows[0][-1] == "Balance"
    assert [r[-1] for r in rows[1:]] == ["9000.00", "8000.00", "7923.07", "7923.07"]


def test_portfolio_pdf_has_its_figures_and_weekly_chart():
    weeks = tuple(docs.WeekCollected(dt.date(2025, 1, 6) + dt.timedelta(weeks=n), 2, 150000 - n * 10000) for n in range(4))
    p = docs.Portfolio(dt.date(2025, 2, 1), 2, 1, 1, 1043000, 2693, 1, Fraction(7, 2), 7000, 157000, weeks)
    text = text_of(render_report(docs.portfolio_document(p, DEALER, AT)))
    assert "$10,430.00" in text and "3.5 days" in text and "Collected each week" in text
    assert "Jan 6" in text and "$1,500" in text  # a bar's label and its amount
    assert docs.days_text(Fraction(1)) == "1 day" and docs.days_text(Fraction(2, 3)) == "0.7 days"


def test_receipt_check_pdf_lists_the_void_with_who_approved():
    r = docs.ReceiptCheck(1, 5, 5, 5, (), (docs.VoidedReceipt(3, dt.date(2025, 1, 13), "María García", 7693,
                                                              dt.date(2025, 1, 13), "Wrong account", "Marcus Manager",
                                                              "Carla Clerk"),))
    text = text_of(render_report(docs.receipt_check_document(r, DEALER, AT)))
    words = " ".join(text.split())
    assert "Wrong account" in words and "Marcus Manager" in words and "No gaps" in words
    broken = docs.ReceiptCheck(1, 9, 6, 9, ((4, 4), (6, 8)), ())
    assert "4 numbers are missing" in docs.receipt_check_words(broken)
