"""The realistic sample book (tests/source_book.py) is what it says: another system's
export in Windows-1252, thirty planted errors each in one cell of its own, positions
that follow from the terms to the cent, and the same rows in .xlsx as in .csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from decimal import Decimal

import pytest
import source_book
from source_book import ACCOUNT_HEADERS, CUSTOMER_HEADERS, INVENTORY_HEADERS, write_book

from lto_desk.domain.customer_rules import check_birthday, check_email
from lto_desk.domain.dates import parse_date
from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.money import parse_amount
from lto_desk.domain.phone import normalise_phone
from lto_desk.domain.terms import MAX_GRACE_DAYS, MAX_INSTALLMENTS, Frequency, Terms
from lto_desk.domain.text import clean_name
from lto_desk.domain.vehicles import check_model_year, check_odometer
from lto_desk.domain.vin import check_vin

TODAY = dt.date(2026, 3, 16)
FREQUENCIES = {"W": Frequency.WEEKLY, "BW": Frequency.BIWEEKLY, "M": Frequency.MONTHLY}


def read_csv(path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The clean and the spoilt book of one seed, in CSV."""
    folder = tmp_path_factory.mktemp("books")
    clean = write_book(folder / "clean", today=TODAY, errors=False)
    spoilt = write_book(folder / "spoilt", today=TODAY, errors=True)
    return clean, spoilt


# -- what is wrong with a cell, by our own parsers ----------------------------------------


def _amount(text: str, *, zero: bool = False) -> int:
    return parse_amount(text, allow_zero=zero)


def _count(text: str, low: int, high: int) -> int:
    if not text.isdigit() or not low <= int(text) <= high:
        raise InvalidInput(f"{text!r} is not a whole number from {low} to {high}")
    return int(text)


def _date(text: str, *, required: bool = True) -> dt.date | None:
    day = parse_date(text, today=TODAY)
    if required and day is None:
        raise InvalidInput("empty")
    return day


def _text(text: str) -> str:
    if not text.strip():
        raise InvalidInput("empty")
    return text


def _bad_cells(book: source_book.Book) -> set[tuple[str, int, str]]:
    """Every (file, row, header) our parsers and the cross-row rules refuse: a value twice
    is refused on its later row, a reference to a row that is not there on the reference."""
    bad: set[tuple[str, int, str]] = set()
    tables = {kind: read_csv(path)[1] for kind, path in book.paths.items()}

    def check(kind: str, row: int, header: str, rule, *args, **kwargs):
        try:
            return rule(*args, **kwargs)
        except InvalidInput:
            bad.add((book.paths[kind].name, row, header))
            return None

    def once(kind: str, header: str) -> set[str]:
        seen: set[str] = set()
        for row, r in enumerate(tables[kind], start=2):
            if r[header] in seen:
                bad.add((book.paths[kind].name, row, header))
            seen.add(r[header])
        return seen

    customers, stocks, _ = once("customers", "Cust #"), once("vehicles", "Stock #"), once("agreements", "Acct #")
    for row, r in enumerate(tables["customers"], start=2):
        for header in ("Last Name", "First Name"):
            check("customers", row, header, clean_name, r[header])
        for header in ("Address", "City", "ST", "Zip"):
            check("customers", row, header, _text, r[header])
        for header in ("Cell", "Home Phone"):
            if r[header] or header == "Cell":
                check("customers", row, header, normalise_phone, r[header])
        check("customers", row, "Email", check_email, r["Email"])
        birthday = check("customers", row, "DOB", _date, r["DOB"], required=False)
        check("customers", row, "DOB", check_birthday, birthday, TODAY)
    vins: set[str] = set()
    for row, r in enumerate(tables["vehicles"], start=2):
        vin = check("vehicles", row, "VIN", check_vin, r["VIN"])
        if vin and (vin.warning or vin.vin in vins):
            bad.add((book.paths["vehicles"].name, row, "VIN"))
        vins.add(r["VIN"])
        check("vehicles", row, "Yr", check_model_year, r["Yr"], TODAY.year)
        for header in ("Make", "Model", "Color"):
            check("vehicles", row, header, _text, r[header])
        check("vehicles", row, "Miles", check_odometer, int(r["Miles"]) if r["Miles"].isdigit() else r["Miles"])
        for header in ("Cost", "Price"):
            check("vehicles", row, header, _amount, r[header])
    for row, r in enumerate(tables["agreements"], start=2):
        def cell(header, rule, *args, row=row, r=r, **kwargs):
            return check("agreements", row, header, rule, r[header], *args, **kwargs)

        if r["Cust #"] not in customers:
            bad.add((book.paths["agreements"].name, row, "Cust #"))
        if r["Stock #"] not in stocks:
            bad.add((book.paths["agreements"].name, row, "Stock #"))
        price, down = cell("Price", _amount), cell("Down", _amount, zero=True)
        cell("Pmt Amt", _amount)
        if r["Freq"] not in FREQUENCIES:
            bad.add((book.paths["agreements"].name, row, "Freq"))
        term = cell("Term", _count, 1, MAX_INSTALLMENTS)
        cell("Pmts Made", _count, 0, term - 1 if term else MAX_INSTALLMENTS)
        balance = cell("Balance", _amount, zero=True)
        if balance is not None and price and down is not None and balance > price - down:
            bad.add((book.paths["agreements"].name, row, "Balance"))
        for header in ("Contract Date", "First Due", "Next Due"):
            cell(header, _date)
        cell("Last Pmt", _date, required=False)
        cell("Late Fees Due", _amount, zero=True)
        cell("Late Fee", _amount, zero=True)
        cell("Grace", _count, 0, MAX_GRACE_DAYS)
    return bad


# -- the tests ---------------------------------------------------------------------------


def test_the_files_are_windows_1252_with_accents_as_excel_writes_them(books):
    clean, _ = books
    assert [p.name for p in clean.paths.values()] == ["customers.csv", "inventory.csv", "accounts.csv"]
    raw = clean.customers.read_bytes()
    text = raw.decode("cp1252")
    for name in ("José", "Muñoz", "Peña", "Zoë", "François"):
        assert name in text
    for path in (clean.customers, clean.agreements):  # names, and the salesman Ramón
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert read_csv(clean.customers)[0] == list(CUSTOMER_HEADERS)
    assert read_csv(clean.vehicles)[0] == list(INVENTORY_HEADERS)
    assert read_csv(clean.agreements)[0] == list(ACCOUNT_HEADERS)
    accounts = read_csv(clean.agreements)[1]
    assert any(r["Price"].startswith("$") and "," in r["Price"] for r in accounts)
    assert {r["Freq"] for r in accounts} == {"W", "BW", "M"}
    assert all(len(r["Next Due"]) == 10 and r["Next Due"][2] == "/" for r in accounts)


def test_the_clean_book_has_no_problem_and_its_counts(books):
    clean, _ = books
    assert clean.planted == []
    assert clean.counts == {"customers": 1000, "vehicles": 300, "agreements": 250}
    assert _bad_cells(clean) == set()


def test_thirty_planted_errors_each_the_only_problem_in_its_cell(books):
    clean, spoilt = books
    cells = {(e.file, e.row, e.header) for e in spoilt.planted}
    assert len(spoilt.planted) == 30 and len(cells) == 30
    assert {e.file for e in spoilt.planted} == {"customers.csv", "inventory.csv", "accounts.csv"}
    assert len({e.description for e in spoilt.planted}) == 30
    # Our parsers and the cross-row rules find exactly the planted cells, no more.
    assert _bad_cells(spoilt) == cells
    # Otherwise the two books are the same, cell for cell: fixing the thirty gives the clean one.
    for kind in clean.paths:
        headers, good = read_csv(clean.paths[kind])
        _, bad = read_csv(spoilt.paths[kind])
        differ = {
            (spoilt.paths[kind].name, row, h)
            for row, (g, b) in enumerate(zip(good, bad), start=2) for h in headers if g[h] != b[h]
        }
        assert differ == {c for c in cells if c[0] == spoilt.paths[kind].name}
    assert spoilt.truth == clean.truth


def test_planted_rows_of_customers_and_vehicles_are_on_no_account(books):
    """So a refused customer or vehicle row does not make its account a problem too."""
    _, spoilt = books
    accounts = read_csv(spoilt.agreements)[1]
    for kind, key in (("customers", "Cust #"), ("vehicles", "Stock #")):
        rows = read_csv(spoilt.paths[kind])[1]
        used = {a[key] for a in accounts}
        for e in spoilt.planted:
            if e.file == spoilt.paths[kind].name:
                assert rows[e.row - 2][key] not in used or e.header == key, e


def test_the_clean_truth_follows_from_the_terms_to_the_cent(books):
    clean, _ = books
    accounts = read_csv(clean.agreements)[1]
    assert len(clean.truth) == len(accounts) == 250
    stocks = [r["Stock #"] for r in accounts]
    assert len(set(stocks)) == len(stocks)  # a vehicle is on one account at most
    behind = current = 0
    for r in accounts:
        position = clean.truth[r["Acct #"]]
        price, down = parse_amount(r["Price"]), parse_amount(r["Down"])
        assert 3000_00 <= price <= 12000_00 and 300_00 <= down <= 1500_00
        terms = Terms(
            cash_price=price, down_payment=down, payment_amount=parse_amount(r["Pmt Amt"]),
            number_of_payments=int(r["Term"]), frequency=FREQUENCIES[r["Freq"]],
            first_due=parse_date(r["First Due"], today=TODAY),
        )
        assert 0 <= terms.last_payment_amount <= terms.payment_amount
        schedule = terms.schedule()
        k = int(r["Pmts Made"])
        assert 0 <= k < terms.number_of_payments and schedule[0].due <= TODAY
        assert position.payments_made == k
        assert position.balance == terms.amount_financed - sum(i.amount for i in schedule[:k])
        assert position.balance == parse_amount(r["Balance"])
        assert position.next_due == schedule[k].due == parse_date(r["Next Due"], today=TODAY)
        assert position.late_fees_due == parse_amount(r["Late Fees Due"], allow_zero=True)
        assert (position.customer_id, position.stock_number) == (r["Cust #"], r["Stock #"])
        if r["Last Pmt"]:
            assert parse_date(r["Contract Date"], today=TODAY) <= parse_date(r["Last Pmt"], today=TODAY) <= TODAY
        if position.next_due < TODAY:
            behind += 1
        else:
            current += 1
    assert behind >= 25 and current >= 125
    fees = {p.late_fees_due for p in clean.truth.values()}
    assert {0, 15_00, 30_00} <= fees
    # Payments worked out to the cent leave a smaller last installment.
    assert any(not r["Pmt Amt"].endswith(".00") for r in accounts)


def test_the_same_seed_gives_the_same_files_and_another_seed_others(tmp_path):
    a = write_book(tmp_path / "a", today=TODAY, errors=True, customers=60, vehicles=40, agreements=20)
    b = write_book(tmp_path / "b", today=TODAY, errors=True, customers=60, vehicles=40, agreements=20)
    c = write_book(tmp_path / "c", today=TODAY, errors=True, customers=60, vehicles=40, agreements=20, seed=7)
    for kind in a.paths:
        assert a.paths[kind].read_bytes() == b.paths[kind].read_bytes()
        assert a.paths[kind].read_bytes() != c.paths[kind].read_bytes()
    assert a.planted == b.planted


def _xlsx_text(value) -> str:
    """A cell as the import's reader gives it (import spec: SourceTable)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    return str(value)


def test_the_xlsx_book_holds_the_same_rows_as_the_csv_one(tmp_path, books):
    from openpyxl import load_workbook

    _, spoilt = books
    xlsx = write_book(tmp_path, today=TODAY, errors=True, fmt="xlsx")
    assert [p.name for p in xlsx.paths.values()] == ["customers.xlsx", "inventory.xlsx", "accounts.xlsx"]
    assert xlsx.truth == spoilt.truth
    assert [(e.file.replace(".xlsx", ".csv"), *e[1:]) for e in xlsx.planted] == spoilt.planted
    money = dates = 0
    for kind, path in xlsx.paths.items():
        book = load_workbook(path, read_only=True, data_only=True)
        got = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        headers, rows = read_csv(spoilt.paths[kind])
        assert list(got[0]) == headers and len(got) == len(rows) + 1
        for cells, r in zip(got[1:], rows):
            for header, value in zip(headers, cells):
                text = r[header]
                if isinstance(value, dt.datetime):  # a real date cell
                    assert text == f"{value:%m/%d/%Y}"
                    dates += 1
                elif isinstance(value, (int, float)) and text.lstrip("-").startswith("$"):  # an amount as a number
                    assert Decimal(text.replace("$", "").replace(",", "")) == Decimal(_xlsx_text(value))
                    money += 1
                else:
                    assert _xlsx_text(value) == text, (kind, header)
    assert money > 2000 and dates > 1500


def test_the_benchmark_scale_is_quick(tmp_path):
    start = time.perf_counter()
    book = write_book(tmp_path, customers=10_000, vehicles=1_200, agreements=1_000, today=TODAY, errors=False)
    assert time.perf_counter() - start < 5
    assert book.counts == {"customers": 10_000, "vehicles": 1_200, "agreements": 1_000}
    assert len(book.truth) == 1_000
