"""Lookup as you type: every way a clerk finds a customer."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.services import customers, payments, relationship
from lto_desk.services.counter import MatchKind, customer_card, lookup

AT = dt.datetime(2025, 1, 13, 10, 0)


@pytest.fixture
def maria(owner, agreement):
    """The agreement fixture's customer (María García, (205) 555-0142, stock S1001)."""
    return customer_card_id(agreement)


def customer_card_id(agreement_id):
    from lto_desk.store.models import Agreement

    return Agreement.get_by_id(agreement_id).customer_id


@pytest.mark.parametrize("typed", ["garc", "GARCÍA", "maria", "María Gar", "ia ga"])
def test_any_part_of_the_name_case_and_accents_ignored(owner, maria, typed):
    rows = lookup(owner, typed, as_of=AT.date())
    assert [r.customer_id for r in rows] == [maria]
    assert rows[0].name == "María García" and rows[0].vehicle == "2014 Honda Accord"


@pytest.mark.parametrize("typed", ["0142", "555-0142", "(205) 555", "2055550142"])
def test_four_or_more_phone_digits(owner, maria, typed):
    assert [r.customer_id for r in lookup(owner, typed, as_of=AT.date())] == [maria]


def test_three_digits_are_not_a_phone_search(owner, maria):
    assert lookup(owner, "014", as_of=AT.date()) == []


def test_stock_number_vin_tail_and_receipt_number(maria, clerk, agreement):
    from lto_desk.store.models import Vehicle

    tail = Vehicle.get(Vehicle.stock_number == "S1001").vin_tail
    receipt = payments.take_payment(clerk, agreement, 7693, at=AT).receipt_number
    assert lookup(clerk, "s1001", as_of=AT.date())[0].matched == "stock S1001"
    assert lookup(clerk, tail, as_of=AT.date())[0].customer_id == maria
    rows = lookup(clerk, str(receipt), as_of=AT.date())
    assert rows[0].customer_id == maria and rows[0].matched == f"receipt {receipt}"


def test_amount_due_now_and_status_are_in_the_results(owner, maria, agreement):
    rows = lookup(owner, "garcia", as_of=dt.date(2025, 1, 13))
    assert rows[0].status == "Active" and rows[0].amount_due_now == 7693


def test_a_word_in_a_note_finds_the_customer_and_shows_it(maria, owner):
    customers.add_note(owner, maria, "Su hija se gradúa en mayo; preguntar por la graduación", ("family",), at=AT)
    rows = lookup(owner, "graduacion", as_of=AT.date())
    assert [r.customer_id for r in rows] == [maria]
    assert "graduación" in rows[0].matched


def test_an_extra_phone_finds_the_customer(maria, owner):
    relationship.add_phone(owner, maria, "(334) 555-0177", "work", at=AT)
    rows = lookup(owner, "0177", as_of=AT.date())
    assert [r.customer_id for r in rows] == [maria] and rows[0].matched == "other phone"


def test_nothing_typed_finds_nothing(owner, maria):
    assert lookup(owner, "   ") == []
    assert lookup(owner, "zzzz") == []


def test_the_card_shows_the_active_agreement_and_what_is_due(owner, maria, agreement):
    card = customer_card(owner, maria, as_of=AT.date())
    assert card.agreement_id == agreement and card.state.amount_due_now == 7693
    assert card.state.installments_paid == 0 and card.state.number_of_payments == 104
    assert [a.status for a in card.agreements] == ["Active"]


def test_a_note_word_must_start_with_what_was_typed(maria, owner):
    customers.add_note(owner, maria, "Works in the industrial park off Mobile Hwy", ("work",), at=AT)
    assert lookup(owner, "dust", as_of=AT.date()) == []
    rows = lookup(owner, "indus", as_of=AT.date())
    assert [r.customer_id for r in rows] == [maria] and "industrial" in rows[0].matched


def test_names_starting_with_what_was_typed_come_first_then_word_starts_then_the_rest(owner, maria):
    def add(first, last):
        return customers.add_customer(owner, customers.NewCustomer(first, last), at=AT)

    eyebrow, zoe, ana, brownie = add("Carl", "Eyebrow"), add("Zoe", "Brown"), add("Ana", "Brown"), add("Brownie", "Adams")
    assert [r.customer_id for r in lookup(owner, "brow", as_of=AT.date())] == [brownie, ana, zoe, eyebrow]


def test_a_first_name_many_share_lists_them_in_name_order_up_to_the_limit(owner, maria):
    ids = {n: customers.add_customer(owner, customers.NewCustomer(f"Jo{n:02d}", "Test"), at=AT) for n in range(30, 0, -1)}
    rows = lookup(owner, "jo", as_of=AT.date())
    assert [r.customer_id for r in rows] == [ids[n] for n in range(1, 26)]


def test_digits_that_are_a_vin_tail_are_not_also_searched_in_phones(owner, maria):
    # María's VIN ends 004352; Ana's phone holds those digits too.
    ana = customers.add_customer(owner, customers.NewCustomer("Ana", "Ruiz", phone="(205) 200-4352"), at=AT)
    assert [(r.customer_id, r.matched) for r in lookup(owner, "004352", as_of=AT.date())] == [(maria, "VIN …004352")]
    assert [(r.customer_id, r.matched) for r in lookup(owner, "2004352", as_of=AT.date())] == [(ana, "phone")]


@pytest.fixture
def phone_ending_is_a_receipt(owner, clerk, agreement, maria):
    """Verónica Gómez's phone ends in the digits of María's receipt (the demo's Verónica
    García, whose phone ends 0175, and Carmen Vásquez's receipt 000175)."""
    receipt = payments.take_payment(clerk, agreement, 7693, at=AT).receipt_number
    veronica = customers.add_customer(
        owner, customers.NewCustomer("Verónica", "Gómez", phone=f"(334) 555-{receipt:04d}"), at=AT)
    return receipt, veronica


def test_four_digits_that_are_a_phone_ending_and_a_receipt_show_both_the_phone_first(owner,
        maria, phone_ending_is_a_receipt):
    receipt, veronica = phone_ending_is_a_receipt
    rows = lookup(owner, f"{receipt:04d}", as_of=AT.date())
    assert [(r.customer_id, r.kind, r.found_by) for r in rows] == [
        (veronica, MatchKind.PHONE, "phone"), (maria, MatchKind.RECEIPT, f"receipt {receipt:06d}")]
    assert [r.asks_before_opening for r in rows] == [False, True]


def test_a_receipt_typed_as_it_prints_comes_before_a_phone_holding_its_digits(
        owner, maria, phone_ending_is_a_receipt):
    receipt, veronica = phone_ending_is_a_receipt
    rows = lookup(owner, f"{receipt:06d}", as_of=AT.date())
    assert [(r.customer_id, r.kind) for r in rows] == [(maria, MatchKind.RECEIPT)]
    # With a phone that holds all six digits, both rows, the receipt first.
    relationship.add_phone(owner, veronica, f"(251) 5{receipt:06d}", "work", at=AT)
    rows = lookup(owner, f"{receipt:06d}", as_of=AT.date())
    assert [(r.customer_id, r.kind) for r in rows] == [(maria, MatchKind.RECEIPT), (veronica, MatchKind.OTHER_PHONE)]


def test_phone_matches_leave_room_for_the_receipt_row(owner, maria, phone_ending_is_a_receipt):
    receipt, _veronica = phone_ending_is_a_receipt
    for n in range(3):
        customers.add_customer(owner, customers.NewCustomer(f"Ana{n}", "Ruiz", phone=f"(251) 55{n}-{receipt:04d}"), at=AT)
    rows = lookup(owner, f"{receipt:04d}", limit=3, as_of=AT.date())
    assert [r.kind for r in rows] == [MatchKind.PHONE, MatchKind.PHONE, MatchKind.RECEIPT]
    assert rows[-1].customer_id == maria


def test_each_row_says_what_it_was_found_by(maria, owner, clerk, agreement):
    from lto_desk.store.models import Vehicle

    customers.add_note(owner, maria, "Works in the industrial park off Mobile Hwy", ("work",), at=AT)
    tail = Vehicle.get(Vehicle.stock_number == "S1001").vin_tail
    tops = {typed: lookup(owner, typed, as_of=AT.date())[0] for typed in ("garc", "0142", "S1001", tail, "indus")}
    found = {typed: (row.kind, row.found_by) for typed, row in tops.items()}
    assert found == {
        "garc": (MatchKind.NAME, "name"), "0142": (MatchKind.PHONE, "phone"),
        "S1001": (MatchKind.STOCK, "stock S1001"), tail: (MatchKind.VIN, f"VIN …{tail}"),
        "indus": (MatchKind.NOTE, "note"),
    }
