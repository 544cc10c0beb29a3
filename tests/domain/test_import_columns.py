"""Recognising another system's column headers, and column maps saved for next time."""

from __future__ import annotations

import pytest

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.import_columns import (
    COLUMNS,
    ImportKind,
    guess_mapping,
    mapping_from_json,
    mapping_problems,
    mapping_to_json,
    same_header,
)


@pytest.mark.parametrize("typed", ["Cust #", "cust#", "CUST  #", "Cust No.", "Cust Number", "cust_no", "Cust. Nbr"])
def test_a_header_is_the_same_whatever_its_case_spaces_and_number_sign(typed):
    assert same_header(typed, "Cust #")


@pytest.mark.parametrize(("a", "b"), [("Late Fee", "Late Fee %"), ("Phone", "Home Phone"), ("Pmts", "Pmts Made")])
def test_different_headers_stay_different(a, b):
    assert not same_header(a, b)


def test_a_typical_customer_export_is_recognised_by_itself():
    headers = ["Cust #", "Last Name", "First Name", "Cell", "Home Phone", "Street", "City", "ST", "Zip", "DOB",
               "E-Mail Address", "Customer Since", "Comments"]
    assert guess_mapping(ImportKind.CUSTOMERS, headers) == {
        "source_id": "Cust #", "first_name": "First Name", "last_name": "Last Name", "phone": "Cell",
        "other_phone": "Home Phone", "email": "E-Mail Address", "address1": "Street", "city": "City",
        "state": "ST", "postal_code": "Zip", "birthday": "DOB", "customer_since": "Customer Since",
        "note": "Comments",
    }


def test_one_name_column_and_the_only_phone_being_the_home_phone():
    mapping = guess_mapping("customers", ["Customer Name", "Home Phone", "Home Address"])
    assert mapping == {"name": "Customer Name", "phone": "Home Phone", "address1": "Home Address"}


def test_a_typical_agreement_export_is_recognised_by_itself():
    headers = ["Acct #", "Cust #", "Customer Name", "Stock #", "Vehicle VIN", "Price", "Down", "Pmt Amt", "Freq",
               "Term", "First Due Date", "Pmts Made", "Next Due", "Balance", "Late Fees Due", "Late Fee", "Grace",
               "Last Pmt"]
    mapping = guess_mapping("agreements", headers)
    assert mapping == {
        "source_id": "Acct #", "customer_id": "Cust #", "stock_number": "Stock #", "vin": "Vehicle VIN",
        "cash_price": "Price", "down_payment": "Down", "payment_amount": "Pmt Amt", "frequency": "Freq",
        "number_of_payments": "Term", "first_due": "First Due Date", "payments_made": "Pmts Made",
        "next_due": "Next Due", "balance": "Balance", "late_fees_due": "Late Fees Due", "late_fee": "Late Fee",
        "grace_days": "Grace", "last_payment_on": "Last Pmt",
    }
    assert mapping_problems("agreements", mapping, headers) == []


def test_an_exact_name_wins_over_a_header_that_only_holds_it_and_each_header_serves_once():
    mapping = guess_mapping("customers", ["Customer Phone", "Phone", "Work Phone"])
    assert mapping == {"phone": "Phone", "other_phone": "Work Phone"}
    mapping = guess_mapping("vehicles", ["Stk #", "VIN", "Yr", "Make", "Model", "Stock"])
    assert mapping["stock_number"] == "Stk #"
    assert len(set(mapping.values())) == len(mapping)


@pytest.mark.parametrize("kind", list(ImportKind))
def test_our_own_keys_and_labels_are_recognised_as_themselves(kind):
    keys = [c.key for c in COLUMNS[kind]]
    assert guess_mapping(kind, keys) == {k: k for k in keys}
    labels = [c.label for c in COLUMNS[kind]]
    assert guess_mapping(kind, labels) == {c.key: c.label for c in COLUMNS[kind]}


def test_a_mapping_missing_what_is_needed_says_what_to_choose():
    assert mapping_problems("vehicles", {"vin": "VIN"}, ["VIN"]) == [
        "Choose the file's column for Stock number; it is needed.",
        "Choose the file's column for Year; it is needed.",
        "Choose the file's column for Make; it is needed.",
        "Choose the file's column for Model; it is needed.",
    ]
    assert mapping_problems("customers", {"last_name": "Last"}, ["Last"]) == [
        "Choose the file's column for Name or both First name and Last name; one of them is needed.",
    ]
    assert mapping_problems("customers", {"name": "Name"}, ["Name"]) == []
    problems = mapping_problems("agreements", {}, [])
    assert "Choose the file's column for Stock number or VIN; one of them is needed." in problems
    assert "Choose the file's column for Payments made or Balance; one of them is needed." in problems


def test_a_mapping_that_does_not_fit_the_file_says_why():
    problems = mapping_problems(
        "customers", {"name": "Name", "phone": "Phone", "other_phone": "Phone", "email": "Mail", "vin": "Name"},
        ["Name", "Phone", "Phone"],
    )
    assert problems == [
        "vin is not a column of a customers file.",
        "The file has 2 columns named “Phone”; rename them in the spreadsheet so each name is used once.",
        "The file has no column “Mail” (for Email).",
        "The column “Phone” is chosen for both Phone and Other phone; choose it for one.",
    ]


def test_a_saved_map_reads_back_the_same():
    mapping = {"name": "Customer", "phone": "Cell #", "note": "Notes – misc"}
    text = mapping_to_json("customers", mapping)
    assert '"Cell #": "phone"' in text  # the file's header, then ours: easy to edit by hand
    assert mapping_from_json(text) == (ImportKind.CUSTOMERS, mapping)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("not json", "The column map is not one the program saved"),
        ('{"kind": "boats", "columns": {}}', "does not say whether it is for customers, vehicles or agreements"),
        ('{"kind": "vehicles", "columns": {"Cell": "phone"}}', "phone, which is not a column of a vehicles file"),
        ('{"kind": "vehicles", "columns": {"A": "vin", "B": "vin"}}', "gives two columns for VIN"),
        ('{"kind": "vehicles"}', "The column map is not one the program saved"),
        ('[1, 2]', "The column map is not one the program saved"),
    ],
)
def test_a_map_that_is_not_ours_is_refused(text, said):
    with pytest.raises(InvalidInput, match=said):
        mapping_from_json(text)
