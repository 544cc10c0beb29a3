"""Reading a dealer's file to import: the CSV their spreadsheet or old system wrote (any
of the encodings and delimiters Excel uses) or an .xlsx, row for row as the spreadsheet
shows it, and a plain sentence for every file that cannot be read."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.import_columns import guess_mapping
from lto_desk.domain.import_rows import check_rows
from lto_desk.services.import_files import read_table

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "import"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_names_with_accents_read_right_in_every_encoding_excel_writes(tmp_path, encoding, named):
    path = write(tmp_path, "customers.csv", "Cust #,Name,Cell\r\n17,José Muñoz,(512) 555-0142\r\n", encoding)
    table = read_table(path)
    assert table.headers == ("Cust #", "Name", "Cell")
    assert table.rows == (("17", "José Muñoz", "(512) 555-0142"),)
    assert table.encoding == named


def test_a_windows_1252_file_keeps_its_curly_quotes_and_accents(tmp_path):
    # What Excel on Windows writes for "CSV (Comma delimited)": not UTF-8.
    path = write(tmp_path, "c.csv", "Name;Note\r\nJosé Muñoz;“Pays cash” – ok\r\n", "cp1252")
    table = read_table(path)
    assert table.rows == (("José Muñoz", "“Pays cash” – ok"),)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_found_by_itself(tmp_path, delimiter):
    lines = ["Acct #", "Pmt Amt", "Next Due"], ["D1", "125.00", "03/07/2025"], ["D2", "95.50", "03/08/2025"]
    path = write(tmp_path, "a.csv", "\n".join(delimiter.join(line) for line in lines) + "\n")
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.rows[1] == ("D2", "95.50", "03/08/2025")


def test_a_semicolon_file_with_dollar_amounts_is_not_taken_for_commas(tmp_path):
    text = "Acct #;Balance;Pmt Amt\nD1;$1,234.50;$125.00\nD2;$12,000.00;$1,095.25\nD3;$5.00;$5.00\n"
    table = read_table(write(tmp_path, "a.csv", text))
    assert table.delimiter == ";"
    assert table.rows[0] == ("D1", "$1,234.50", "$125.00")


def test_rows_are_numbered_as_the_spreadsheet_numbers_them(tmp_path):
    # A short row is padded, a blank row in between is kept (so row numbers stay right),
    # blank rows at the end are dropped, and a quoted cell may hold a line break.
    text = 'Name,Phone,Note\nAnn Lee,5125550142\n,,\nBo Diaz,5125550119,"line one\nline two"\n,,\n\n'
    table = read_table(write(tmp_path, "c.csv", text))
    assert table.rows == (("Ann Lee", "5125550142", ""), ("", "", ""), ("Bo Diaz", "5125550119", "line one\nline two"))
    assert table.row_number(2) == 4


def test_a_row_with_a_comma_missing_its_quotes_keeps_its_extra_cell(tmp_path):
    table = read_table(write(tmp_path, "a.csv", "Acct #,Balance\nD1,$1,234.50\nD2,12.00,,\n"))
    assert table.rows == (("D1", "$1", "234.50"), ("D2", "12.00"))


def test_a_file_with_only_its_header_has_no_rows(tmp_path):
    table = read_table(write(tmp_path, "c.csv", "Name,Phone\r\n"))
    assert (table.headers, table.rows) == (("Name", "Phone"), ())


def test_the_file_is_named_by_the_sha256_of_its_bytes(tmp_path):
    path = write(tmp_path, "c.csv", "Name\nAnn Lee\n")
    table = read_table(path)
    assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert table.name == "c.csv"


def test_an_xlsx_reads_as_the_person_sees_it(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Acct #", "Next Due", "Balance", "Term", "Late Fee %", "Paid", "Note", "Rate"])
    sheet.append(["D1", dt.date(2025, 3, 7), 1234.5, 36.0, 0.05, True, None, 0.1 + 0.2])
    sheet.append([1001, dt.datetime(2025, 3, 14, 0, 0), 5740, 56, 0.075, False, "ok", 1234.45])
    sheet["E2"].number_format = sheet["E3"].number_format = "0.0%"
    sheet.append([])  # an empty row at the end, as a workbook often has
    path = tmp_path / "deals.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == ("Acct #", "Next Due", "Balance", "Term", "Late Fee %", "Paid", "Note", "Rate")
    assert table.rows == (
        ("D1", "2025-03-07", "1234.5", "36", "5%", "yes", "", "0.3"),
        ("1001", "2025-03-14", "5740", "56", "7.5%", "no", "ok", "1234.45"),
    )
    assert (table.encoding, table.delimiter) == ("xlsx", "")


def test_an_xlsx_with_only_a_header_has_no_rows(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Stock #", "VIN"])
    book.save(tmp_path / "v.xlsx")
    assert read_table(tmp_path / "v.xlsx").rows == ()


def said(path) -> str:
    with pytest.raises(InvalidInput) as refused:
        read_table(path)
    return refused.value.message


def test_each_file_that_cannot_be_read_is_said_plainly(tmp_path):
    assert "There is no file" in said(tmp_path / "missing.csv")
    assert "is a folder" in said(tmp_path)
    assert said(write(tmp_path, "empty.csv", "")) == "empty.csv is empty: it has no header row and no rows."
    assert "is empty" in said(write(tmp_path, "bom.csv", "", "utf-8-sig"))
    assert "is empty" in said(write(tmp_path, "blank.csv", "\r\n\r\n  \r\n"))
    assert "Row 1 of nohead.csv is empty" in said(write(tmp_path, "nohead.csv", ",,\nAnn,Lee,5\n"))


def test_an_old_excel_file_is_asked_for_as_xlsx_or_csv(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (tmp_path / "old.xls").write_bytes(ole)
    assert said(tmp_path / "old.xls") == "old.xls is an old Excel file (.xls); open it in Excel and save it as .xlsx or CSV."
    (tmp_path / "renamed.xls").write_bytes(b"Name\nAnn\n")
    assert "old Excel file" in said(tmp_path / "renamed.xls")
    # Excel keeps a workbook protected by a password in the same old container.
    (tmp_path / "locked.xlsx").write_bytes(ole)
    assert "protected by a password" in said(tmp_path / "locked.xlsx")


def test_a_damaged_workbook_or_a_file_of_junk_is_refused(tmp_path):
    (tmp_path / "cut.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    assert "cannot be opened as an Excel workbook" in said(tmp_path / "cut.xlsx")
    good = tmp_path / "good.xlsx"
    openpyxl.Workbook().save(good)
    (tmp_path / "half.xlsx").write_bytes(good.read_bytes()[:400])
    assert "cannot be opened as an Excel workbook" in said(tmp_path / "half.xlsx")
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "is not a spreadsheet or a CSV file" in said(tmp_path / "photo.csv")
    (tmp_path / "noise.csv").write_bytes(bytes(b % 31 + 1 for b in range(2000)))
    assert "is not a spreadsheet or a CSV file" in said(tmp_path / "noise.csv")
    (tmp_path / "sheet.ods").write_bytes(b"PK\x03\x04whatever")
    assert "save it from your spreadsheet as .xlsx or CSV" in said(tmp_path / "sheet.ods")


@pytest.mark.parametrize("kind", ["customers", "vehicles", "agreements"])
def test_the_templates_import_clean_with_their_own_columns(kind):
    table = read_table(TEMPLATES / f"{kind}.csv")
    mapping = guess_mapping(kind, table.headers)
    assert mapping == {h: h for h in table.headers}  # our own keys are recognised as themselves
    checked = check_rows(kind, table, mapping, today=dt.date(2026, 12, 7))
    assert checked.problems == ()
    assert 3 <= len(checked.records) <= 5


def test_the_templates_agreements_name_the_templates_customers_and_vehicles():
    today = dt.date(2026, 12, 7)
    read = {k: read_table(TEMPLATES / f"{k}.csv") for k in ("customers", "vehicles", "agreements")}
    rows = {k: check_rows(k, t, guess_mapping(k, t.headers), today).records for k, t in read.items()}
    customers = {c.source_id for c in rows["customers"]}
    stock = {v.stock_number for v in rows["vehicles"]}
    for deal in rows["agreements"]:
        assert deal.customer_id in customers and deal.stock_number in stock
