"""The printed reports: what the PDF says, read back with pypdf, and the CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

import pytest
from pypdf import PdfReader

from lto_desk.documents.receipt import DealerHeader
from lto_desk.documents.relationship_reports import (
    DepartureLine,
    FollowUpOutcomes,
    ReferralRow,
    Referrals,
    ReferrerTotal,
    WeekRow,
    WhyLeft,
    outcomes_document,
    period_text,
    referrals_document,
    referrals_tables,
    why_left_document,
    why_left_tables,
)
from lto_desk.documents.report_table import (
    Bar,
    BarChart,
    Column,
    ReportDocument,
    ReportTable,
    cell_text,
    csv_text,
    render_report,
    share,
    sort_key,
    table_csv,
)

DEALER = DealerHeader("Sunrise Auto Sales", "1200 Main St\nBirmingham, AL 35203", "(205) 555-0100")
PRINTED = dt.datetime(2026, 4, 2, 14, 5)


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def departure(n: int, on: dt.date, customer: str, factor: str, where: str, **kw) -> DepartureLine:
    values = dict(
        departure_id=n, customer_id=n, on=on, customer=customer, factor=factor, factor_text="", where=where,
        taken_delivery=True, referrals_asked=False, referral_names="", stay_in_touch=True,
    )
    values.update(kw)
    return DepartureLine(**values)


def three_left() -> WhyLeft:
    """Two left over price, one over credit; two went to Smith Motors, one did not say."""
    return WhyLeft(
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 3, 31),
        rows_by_factor=(("Price", 2), ("Credit", 1), ("Payment", 0)),
        rows_by_place=(("Smith Motors", 2), ("Not said", 1)),
        departures=(
            departure(1, dt.date(2026, 1, 5), "María Peña", "Price", "Smith Motors", taken_delivery=False),
            departure(2, dt.date(2026, 2, 9), "John Smith", "Credit", "", referrals_asked=True,
                      referral_names="Ana Ruiz", stay_in_touch=False),
            departure(3, dt.date(2026, 3, 2), "Lupe Ortiz", "Price", "Smith Motors", factor_text="$40 a week less"),
        ),
    )


# -- values -------------------------------------------------------------------------------


def test_cells_read_as_people_write_them_and_csv_as_spreadsheets_read_them():
    money, count, pct = Column("Paid", "money"), Column("Customers", "count"), Column("Share", "percent")
    day, yes = Column("Date", "date"), Column("Kept", "yes_no")
    assert cell_text(money, 123_450) == "$1,234.50" and csv_text(money, 123_450) == "1234.50"
    assert cell_text(money, -500) == "-$5.00" and csv_text(money, -500) == "-5.00"
    assert cell_text(count, 12_345) == "12,345" and csv_text(count, 12_345) == "12345"
    assert cell_text(pct, share(2, 3)) == "67%" and cell_text(pct, share(1, 3)) == "33%"
    assert cell_text(pct, Fraction(1, 200)) == "1%"  # half a percent rounds up
    assert share(1, 0) is None and cell_text(pct, None) == ""
    assert cell_text(day, dt.date(2026, 3, 4)) == "Mar 4, 2026" and csv_text(day, dt.date(2026, 3, 4)) == "2026-03-04"
    assert cell_text(yes, True) == "Yes" and cell_text(yes, False) == "No"


def test_sort_keys_order_numbers_as_numbers_and_dates_as_dates():
    count, day, text = Column("n", "count"), Column("d", "date"), Column("t")
    assert sorted([10, 9, 100, 2], key=lambda v: sort_key(count, v)) == [2, 9, 10, 100]
    days = [dt.date(2026, 1, 10), dt.date(2025, 12, 31), dt.date(2026, 1, 2)]
    assert sorted(days, key=lambda v: sort_key(day, v)) == [dt.date(2025, 12, 31), dt.date(2026, 1, 2), dt.date(2026, 1, 10)]
    assert sorted(["beto", "Zoe", "Álvaro", "ana"], key=lambda v: sort_key(text, v)) == ["Álvaro", "ana", "beto", "Zoe"]
    assert sort_key(count, None) < sort_key(count, 0)  # empty cells first


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="2 values for 3 columns"):
        ReportTable("x", (Column("a"), Column("b"), Column("c")), (("1", "2"),))


def test_csv_round_trip_keeps_accents_numbers_and_the_totals_row():
    by_factor, _by_place, each = why_left_tables(three_left())
    data = table_csv(each)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the accents as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Date", "Customer", "Deciding factor", "Where they bought", "Had the car", "Referrals asked", "Stay in touch"]
    assert rows[1] == ["2026-01-05", "María Peña", "Price", "Smith Motors", "No", "No", "Yes"]
    assert rows[2][5] == "Yes — Ana Ruiz" and rows[2][6] == "No"
    assert rows[3][2] == "Price — $40 a week less"
    assert len(rows) == 4  # no totals row for the list
    factor_rows = list(csv.reader(io.StringIO(table_csv(by_factor).decode("utf-8-sig"), newline="")))
    assert factor_rows[1:] == [["Price", "2", "67%"], ["Credit", "1", "33%"], ["Payment", "0", "0%"], ["Total", "3", "100%"]]


# -- the PDFs ---------------------------------------------------------------------------------


def test_why_left_pdf_shows_the_counts_the_shares_the_places_and_each_customer():
    pdf = why_left_document(three_left(), DEALER, PRINTED)
    text = " ".join(pages_text(render_report(pdf)))
    assert "Why customers left" in text and "Jan 1 – Mar 31, 2026" in text
    assert "Sunrise Auto Sales" in text and "Page 1 of 1" in text and "Printed Apr 2, 2026, 2:05 PM" in text
    assert "Price 2 67%" in text and "Credit 1 33%" in text and "Total 3 100%" in text
    assert "Smith Motors 2 67%" in text and "Not said 1 33%" in text
    assert "2 · 67%" in text and "1 · 33%" in text  # the bar chart's labels
    assert "María Peña" in text and "Lupe Ortiz" in text and "Yes — Ana Ruiz" in text
    assert "Customers who left 3" in text and "Had not taken the car yet 1" in text


def test_why_left_with_nobody_says_so_kindly():
    empty = WhyLeft(dt.date(2026, 1, 1), dt.date(2026, 1, 31), (("Price", 0),), (), ())
    text = " ".join(pages_text(render_report(why_left_document(empty, DEALER, PRINTED))))
    assert "Nobody told us they bought elsewhere in this period." in text
    assert "Customers who left 0" in text


def test_referrals_pdf_lists_who_sent_whom_and_totals_per_referrer():
    r = Referrals(
        rows=(
            ReferralRow(1, "Rosa Díaz", 2, "Ana Ruiz", dt.date(2025, 3, 1), True),
            ReferralRow(1, "Rosa Díaz", 3, "Beto Ruiz", dt.date(2025, 6, 1), False),
            ReferralRow(1, "Rosa Díaz", 4, "Carla Ruiz", dt.date(2025, 9, 1), True),
            ReferralRow(5, "Tom Lee", 6, "Dan Lee", dt.date(2025, 7, 1), False),
        ),
        totals=(ReferrerTotal(1, "Rosa Díaz", 3, 2), ReferrerTotal(5, "Tom Lee", 1, 0)),
    )
    per, who = referrals_tables(r)
    assert per.rows[0] == ("Rosa Díaz", 3, 2, Fraction(2, 3)) and per.totals == ("", 4, 2, Fraction(1, 2))
    text = " ".join(pages_text(render_report(referrals_document(r, DEALER, PRINTED))))
    assert "Rosa Díaz 3 2 67%" in text and "Tom Lee 1 0 0%" in text and "Total 4 2 50%" in text
    assert "Rosa Díaz Ana Ruiz Mar 1, 2025 Yes" in text and "Tom Lee Dan Lee Jul 1, 2025 No" in text
    assert "Customers referred 4" in text and "Became agreements 2 · 50%" in text


def test_outcomes_pdf_has_a_row_per_week_and_a_column_per_outcome():
    outcomes = (("reached", "Reached"), ("left_message", "Left a message"), ("call_back", "Call back on…"))
    o = FollowUpOutcomes(
        outcomes,
        (WeekRow(dt.date(2026, 3, 16), (2, 1, 0)), WeekRow(dt.date(2026, 3, 23), (0, 0, 0)),
         WeekRow(dt.date(2026, 3, 30), (1, 0, 3))),
        dt.date(2026, 4, 2),
    )
    text = " ".join(pages_text(render_report(outcomes_document(o, DEALER, PRINTED))))
    assert "Last 3 weeks: Mar 16 – Apr 5, 2026" in text
    assert "Week of (Monday) Reached Left a message Call back Total" in text
    assert "Mar 16, 2026 2 1 0 3" in text and "Mar 23, 2026 0 0 0 0" in text and "Mar 30, 2026 1 0 3 4" in text
    assert "Total 3 1 3 7" in text


def test_a_long_table_runs_over_pages_with_its_header_on_each_and_page_n_of_n():
    columns = (Column("Customer", width=2), Column("Paid", "money"))
    rows = tuple((f"Cliente Núñez {i:03d}", 100 * i) for i in range(150))
    table = ReportTable("Payments", columns, rows, title="Payments", totals=("", sum(r[1] for r in rows)))
    doc = ReportDocument(DEALER, "Collections", "This week", PRINTED, (
        BarChart("By day", (Bar("Mon", 5, "5"), Bar("Tue", 0, "0")), horizontal=False), table,
    ))
    pages = pages_text(render_report(doc))
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert "Customer Paid" in page  # the header repeats on every page
    assert "Cliente Núñez 149 $149.00" in pages[-1]
    assert "Total $11,175.00" in pages[-1]


def test_period_words():
    assert period_text(dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == "Jan 1 – Mar 31, 2026"
    assert period_text(dt.date(2025, 12, 1), dt.date(2026, 1, 31)) == "Dec 1, 2025 – Jan 31, 2026"
    assert period_text(dt.date(2026, 2, 3), dt.date(2026, 2, 3)) == "Feb 3, 2026"
