"""Each row of an import file checked with the program's own parsers: what will be made,
and every problem as "row N, COLUMN: message" with the spreadsheet's row number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.import_columns import guess_mapping
from lto_desk.domain.import_rows import Problem, check_rows, parse_frequency, split_name, whole_number
from lto_desk.domain.terms import Frequency
from lto_desk.domain.vin import with_check_digit

TODAY = dt.date(2025, 3, 1)
VIN_1 = with_check_digit("1HGCM82633A004352")
VIN_2 = with_check_digit("2T1BR32E05C123456")


@dataclass
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def check(kind, headers, *rows, **options):
    table = Table(tuple(headers), tuple(tuple(r) for r in rows))
    return check_rows(kind, table, guess_mapping(kind, table.headers), TODAY, **options)


def said(checked) -> list[str]:
    return [str(p) for p in checked.problems]


def test_a_problem_reads_as_the_preview_shows_it():
    assert str(Problem(12, "Pmt Amt", "“ninety” has letters in it")) == "row 12, Pmt Amt: “ninety” has letters in it"
    assert str(Problem(3, "", "The row is odd.")) == "row 3: The row is odd."


# --- customers ---------------------------------------------------------------------------

CUSTOMER_HEADERS = ("Cust #", "Name", "Cell", "E-mail", "DOB", "Zip", "Lang")


def test_a_customer_row_becomes_a_customer_as_the_form_would_keep_it():
    checked = check("customers", CUSTOMER_HEADERS,
                    ("17", "Muñoz, José", "(512) 555-0142", "jose@example.com", "3/15/88", "2134", "Español"))
    assert checked.problems == ()
    (c,) = checked.records
    assert (c.row, c.source_id, c.first_name, c.last_name) == (2, "17", "José", "Muñoz")
    assert c.phone == "+15125550142"
    assert c.birthday == dt.date(1988, 3, 15)
    assert c.postal_code == "02134"  # the leading zero a spreadsheet drops
    assert c.language == "es"


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("José Muñoz", "José", "Muñoz"),
        ("Muñoz, José", "José", "Muñoz"),
        ("Mary Ann  Smith", "Mary Ann", "Smith"),
        ("Smith, Mary Ann", "Mary Ann", "Smith"),
        ("John Smith Jr.", "John", "Smith Jr."),
        ("Smith, John Jr", "John", "Smith Jr"),
    ],
)
def test_one_name_column_is_split_into_first_and_last(name, first, last):
    assert split_name(name) == (first, last)


def test_first_and_last_name_columns_are_taken_as_they_are():
    checked = check("customers", ("First Name", "Last Name"), ("Mary Ann", "de la Cruz"))
    assert (checked.records[0].first_name, checked.records[0].last_name) == ("Mary Ann", "de la Cruz")
    checked = check("customers", ("First Name", "Last Name"), ("Mary", ""))
    assert said(checked) == ["row 2, Last Name: Please type the last name."]


def test_every_problem_of_every_row_is_reported_in_the_files_column_order():
    checked = check(
        "customers", CUSTOMER_HEADERS,
        ("1", "Cher", "555", "nope", "13/45/1990", "", "French"),
        ("2", "Ann Lee", "", "", "2030-01-01", "", ""),
    )
    assert said(checked) == [
        "row 2, Name: “Cher” is one name; write it as First Last or Last, First (or use a first-name and a "
        "last-name column).",
        "row 2, Cell: “555” has 3 digits, which is not a full phone number.",
        "row 2, E-mail: “nope” is not an email address (it needs an @ and a domain).",
        "row 2, DOB: “13/45/1990” is not a real date (check the month and the day).",
        "row 2, Lang: The language for printed pages is English or Spanish.",
        "row 3, DOB: The birthday is in the future; please check the year.",
    ]
    assert checked.records == ()
    assert checked.rows_with_problems == 2


def test_a_blank_row_in_between_is_skipped_and_the_row_numbers_stay_the_spreadsheets():
    checked = check("customers", ("Name", "Cell"), ("Ann Lee", ""), ("", ""), ("Bo Diaz", "twelve"))
    assert [c.row for c in checked.records] == [2]
    assert said(checked)[0].startswith("row 4, Cell: “twelve” has letters in it")


def test_the_same_customer_number_twice_names_the_first_row():
    checked = check("customers", ("Cust #", "Name"), ("C7", "Ann Lee"), ("C8", "Bo Diaz"), ("C7", "Al Green"))
    assert said(checked) == ["row 4, Cust #: Customer number C7 is also on row 2."]
    assert [c.source_id for c in checked.records] == ["C7", "C8"]


def test_a_row_with_more_cells_than_the_header_is_pointed_at():
    checked = check("customers", ("Name", "Note"), ("Ann Lee", "owes $1", "234.50"))
    assert said(checked) == [
        "row 2: The row has 3 cells but the header has 2; a value with a comma in it (like $1,234.50) needs "
        "quotes around it, or the CSV has to use another delimiter."
    ]


def test_a_mapping_that_cannot_be_used_is_reported_on_the_header_row():
    checked = check("vehicles", ("VIN", "Make"), (VIN_1, "Honda"))
    assert said(checked)[0] == "row 1: Choose the file's column for Stock number; it is needed."
    assert checked.records == ()


# --- vehicles ----------------------------------------------------------------------------

VEHICLE_HEADERS = ("Stock #", "VIN", "Yr", "Make", "Model", "Miles", "Asking")


def test_a_vehicle_row_reads_its_figures_as_a_person_typed_them():
    checked = check("vehicles", VEHICLE_HEADERS, ("a101", VIN_1.lower(), "2012", "Honda", "Accord", "85,000", "$7,995.00"))
    (v,) = checked.records
    assert (v.stock_number, v.source_id, v.vin, v.year, v.odometer, v.price) == (
        "A101", "A101", VIN_1, 2012, 85_000, 799_500)


def test_a_vin_with_a_wrong_check_digit_is_reported_unless_accepted():
    wrong = VIN_2[:8] + ("0" if VIN_2[8] != "0" else "1") + VIN_2[9:]
    checked = check("vehicles", VEHICLE_HEADERS, ("A1", wrong, "2015", "Toyota", "Corolla", "", ""))
    assert said(checked)[0].startswith("row 2, VIN: The VIN's check digit (9th character) is")
    accepted = check("vehicles", VEHICLE_HEADERS, ("A1", wrong, "2015", "Toyota", "Corolla", "", ""),
                     accept_vin_warnings=True)
    assert accepted.records[0].vin == wrong


def test_vehicle_rules_and_the_same_vin_or_stock_number_twice():
    checked = check(
        "vehicles", VEHICLE_HEADERS,
        ("A101", VIN_1, "2012", "Honda", "Accord", "", ""),
        ("a101", VIN_1, "1940", "Honda", "", "lots", "ninety"),
        ("A102", "", "2015", "Toyota", "Corolla", "", ""),
    )
    assert said(checked) == [
        "row 3, Stock #: Stock number A101 is also on row 2.",
        f"row 3, VIN: VIN {VIN_1} is also on row 2.",
        "row 3, Yr: The year 1940 is not a model year between 1950 and 2026.",
        "row 3, Model: Please type the model.",
        "row 3, Miles: “lots” is not a whole number.",
        "row 3, Asking: “ninety” has letters in it; type an amount like 95.00.",
        "row 4, VIN: Please type the VIN (17 characters, on the dashboard or door pillar).",
    ]


# --- agreements --------------------------------------------------------------------------

DEAL_HEADERS = ("Acct #", "Cust #", "Stock #", "Price", "Down", "Pmt Amt", "Freq", "Term", "Pmts Made", "Balance",
                "Next Due", "Late Fees Due", "Late Fee %", "Grace", "Last Pmt")
GOOD_DEAL = ("D1", "C7", "A101", "$7,995.00", "$1,000", "$125.00", "BW", "56", "10", "$5,745.00", "03/07/2025",
             "$25.00", "5%", "5", "02/21/2025")


def deal(**changed: str) -> tuple[str, ...]:
    """The good row with some cells changed, named by their headers."""
    cells = dict(zip(DEAL_HEADERS, GOOD_DEAL))
    cells.update(changed)
    return tuple(cells[h] for h in DEAL_HEADERS)


def test_an_agreement_row_brings_its_terms_and_where_it_stands():
    checked = check("agreements", DEAL_HEADERS, GOOD_DEAL)
    assert checked.problems == ()
    (a,) = checked.records
    assert (a.source_id, a.customer_id, a.stock_number, a.vin) == ("D1", "C7", "A101", "")
    assert (a.cash_price, a.down_payment, a.financed, a.payment_amount) == (799_500, 100_000, 699_500, 12_500)
    assert (a.frequency, a.number_of_payments) == (Frequency.BIWEEKLY, 56)
    assert (a.payments_made, a.balance, a.late_fees_due) == (10, 574_500, 2_500)
    assert (a.next_due, a.last_payment_on) == (dt.date(2025, 3, 7), dt.date(2025, 2, 21))
    assert (a.grace_days, a.fee_flat, a.fee_percent_bp, a.fee_cap) == (5, 0, 500, 0)


def test_the_payment_amount_the_issue_names():
    checked = check("agreements", DEAL_HEADERS, GOOD_DEAL, deal(**{"Acct #": "D2", "Stock #": "A102", "Pmt Amt": "ninety"}))
    assert said(checked) == ["row 3, Pmt Amt: “ninety” has letters in it; type an amount like 95.00."]


def test_every_agreement_rule_is_checked_on_one_bad_row():
    bad = dict(zip(DEAL_HEADERS, ("D1", "", "A101", "7995", "9000", "ninety", "quarterly", "600", "", "", "", "-5",
                                  "5%", "90", "12/31/2025")))
    checked = check("agreements", DEAL_HEADERS, GOOD_DEAL, tuple(bad.values()))
    assert said(checked) == [
        "row 3, Acct #: Account number D1 is also on row 2.",
        "row 3, Cust #: Please type the customer number (as in the customers file).",
        "row 3, Stock #: Stock number A101 is also on the agreement on row 2; a vehicle is on one agreement at a time.",
        "row 3, Down: The down payment is more than the cash price.",
        "row 3, Pmt Amt: “ninety” has letters in it; type an amount like 95.00.",
        "row 3, Freq: “quarterly” is not a payment frequency; use W, BW, SM or M (weekly, every two weeks, twice "
        "a month, monthly).",
        "row 3, Term: The number of payments must be between 1 and 520.",
        "row 3, Pmts Made: Please give the payments made or the balance.",
        "row 3, Next Due: Please type the next due date.",
        "row 3, Late Fees Due: “-5” has a minus sign; amounts are always positive.",
        "row 3, Grace: Grace days must be between 0 and 60.",
        "row 3, Last Pmt: The last payment date is after today.",
    ]
    assert [a.source_id for a in checked.records] == ["D1"]


def test_the_position_must_fit_the_terms():
    checked = check("agreements", DEAL_HEADERS, deal(**{"Pmts Made": "57", "Balance": "$7,000.00"}))
    assert said(checked) == [
        "row 2, Pmts Made: 57 payments made is more than the 56 payments of the agreement.",
        "row 2, Balance: The balance is more than the amount financed (cash price less down payment).",
    ]
    # Either one is enough: payments made, or the balance.
    assert check("agreements", DEAL_HEADERS, deal(**{"Pmts Made": ""})).records[0].payments_made is None
    assert check("agreements", DEAL_HEADERS, deal(Balance="")).records[0].balance is None
    assert check("agreements", DEAL_HEADERS, deal(**{"Pmts Made": "0", "Balance": "$6,995.00"})).problems == ()


def test_a_late_fee_is_flat_or_a_percent_not_both():
    headers = (*DEAL_HEADERS, "Late Fee")
    checked = check("agreements", headers, (*GOOD_DEAL, "$15.00"))
    assert said(checked) == ["row 2, Late Fee %: The row has a flat late fee and a percent; give one of them."]
    checked = check("agreements", headers, (*deal(**{"Late Fee %": ""}), "$15.00"))
    assert checked.records[0].fee_flat == 1500


def test_an_agreement_names_its_vehicle_by_stock_number_or_vin():
    headers = ("Acct #", "Cust #", "VIN", "Price", "Pmt Amt", "Freq", "Term", "Balance", "Next Due")
    checked = check("agreements", headers, ("D1", "C7", VIN_1, "7995", "125", "M", "60", "6000", "2025-03-15"),
                    ("D2", "C8", "", "7995", "125", "M", "60", "6000", "2025-03-15"))
    assert checked.records[0].vin == VIN_1
    assert said(checked) == ["row 3, VIN: Please give the vehicle's stock number or VIN."]


@pytest.mark.parametrize(
    ("typed", "frequency"),
    [
        ("W", Frequency.WEEKLY), ("weekly", Frequency.WEEKLY), ("Weekly", Frequency.WEEKLY),
        ("BW", Frequency.BIWEEKLY), ("bi-weekly", Frequency.BIWEEKLY), ("Biweekly", Frequency.BIWEEKLY),
        ("every two weeks", Frequency.BIWEEKLY), ("Every Other Week", Frequency.BIWEEKLY),
        ("SM", Frequency.SEMI_MONTHLY), ("semi-monthly", Frequency.SEMI_MONTHLY),
        ("Twice a Month", Frequency.SEMI_MONTHLY),
        ("M", Frequency.MONTHLY), ("monthly", Frequency.MONTHLY), ("MONTHLY", Frequency.MONTHLY),
    ],
)
def test_frequencies_as_other_systems_write_them(typed, frequency):
    assert parse_frequency(typed) is frequency


@pytest.mark.parametrize(("typed", "count"), [("36", 36), ("1,200", 1200), ("36.0", 36), (" 7 ", 7)])
def test_counts_as_a_spreadsheet_writes_them(typed, count):
    assert whole_number(typed) == count


@pytest.mark.parametrize("typed", ["3.5", "ten", "-3", "1,20"])
def test_a_count_that_is_not_a_whole_number_is_refused(typed):
    with pytest.raises(InvalidInput):
        whole_number(typed)


def test_ten_thousand_customers_are_checked_with_every_row_kept():
    rows = [(f"C{i}", f"Person{i} Lee", f"(512) 555-{i % 100:04d}") for i in range(10_000)]
    checked = check("customers", ("Cust #", "Name", "Cell"), *rows)
    assert len(checked.records) == 10_000 and checked.problems == ()
