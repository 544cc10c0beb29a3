"""Every CSV the program writes keeps typed text as text in a spreadsheet: a customer named
=HYPERLINK("http://x","y") (old data, or typed where names are not checked) is never a
live formula (OWASP, "CSV injection"); the program's own figures stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from lto_desk.documents import business_reports as docs
from lto_desk.documents.report_table import table_csv
from lto_desk.domain.text import spreadsheet_safe
from lto_desk.services import mailing
from lto_desk.services.mailing import MailingRow

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("typed", [FORMULA, "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_is_kept_as_text(typed):
    assert spreadsheet_safe(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["María García", "12 Oak St", "", "a=b", "1-800-FLOWERS"])
def test_other_text_is_left_alone(typed):
    assert spreadsheet_safe(typed) == typed


def test_the_mailing_list_keeps_a_formula_name_as_text():
    row = MailingRow(FORMULA, "@Pepe", "-12 Oak St", "", "Montgomery", "AL", "36104", "en")
    rows = list(csv.reader(io.StringIO(mailing.mailing_csv([row]).decode("utf-8-sig"), newline="")))
    assert rows[1][:3] == ["'" + FORMULA, "'@Pepe", "'-12 Oak St"]


def test_a_report_csv_keeps_a_formula_name_as_text_and_negative_amounts_as_numbers():
    lines = (docs.StatementLine(dt.date(2025, 1, 6), "Refund", None, "Cash", FORMULA, None, -5000, -5000),)
    statement = docs.Statement(1, FORMULA, "(205) 555-0142", "12 Oak St", "2014 Honda Accord", "Returned",
                               dt.date(2025, 1, 6), None, lines, 0, 0, 0, 104, None, 0, 0)
    (table,) = docs.statement_tables(statement)
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig"), newline="")))
    assert "'" + FORMULA in rows[1] and FORMULA not in rows[1]
    assert "-50.00" in rows[1]  # a figure the program computed stays a number
