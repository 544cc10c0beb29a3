"""Card numbers and Social Security numbers found in typed text; dates, phones and receipt
numbers left alone."""

from __future__ import annotations

import pytest

from lto_desk.domain.sensitive import find_card_number, find_ssn, luhn_ok, sensitive_problem

CARDS = [
    ("4111111111111111", "4111111111111111"),  # Visa, one run
    ("paid with 4111 1111 1111 1111 today", "4111111111111111"),
    ("4111-1111-1111-1111", "4111111111111111"),
    ("Amex 3782 822463 10005", "378282246310005"),  # 4-6-5 as printed
    ("mc 5555 5555 5555 4444.", "5555555555554444"),
    ("Discover:6011111111111117", "6011111111111117"),
    ("old 13-digit visa 4222222222222", "4222222222222"),
    ("19 digits 6304 0000 0000 0000 018", "6304000000000000018"),
    ("receipt 1234 then 4111 1111 1111 1111", "4111111111111111"),  # a group before it is not part of it
]

NOT_CARDS = [
    "4111 1111 1111 1112",  # fails the Luhn check
    "paid 2025-01-06 and 2025-01-13 2025-01-20",  # dates in a row
    "call (205) 555-0142 or 205-555-0199",
    "+52 1 55 1234 5678",
    "41111111111111111111",  # 20 digits: not a card
    "411111111111",  # 12 digits
    "41 11 11 11 11 11 11 11",  # pairs are not how a card is written
    "receipt 000123, check 10442, $1,234.50",
    "",
]

SSNS = [
    ("123-45-6789", "123456789"),
    ("SSN 123456789", "123456789"),
    ("ssn: 123 45 6789", "123456789"),
    ("her social security number is 123 45 6789", "123456789"),
    ("Seguro Social: 123-45-6789", "123456789"),
    ("SS# 123456789", "123456789"),
    ("ITIN 912-70-1234", "912701234"),
]

NOT_SSNS = [
    "123456789",  # nine digits with no label: an order or account number
    "000-12-3456",  # never issued
    "123-00-4567",
    "123-45-0000",
    "666-12-3456",
    "205-555-0142",  # a phone number
    "2025-01-06",
    "social worker called 205 555 0142",  # a phone number after the word: ten digits
]


@pytest.mark.parametrize("text, digits", CARDS)
def test_a_full_card_number_is_found(text, digits):
    assert find_card_number(text) == digits


@pytest.mark.parametrize("text", NOT_CARDS)
def test_other_numbers_are_not_cards(text):
    assert find_card_number(text) is None


@pytest.mark.parametrize("text, digits", SSNS)
def test_a_social_security_number_is_found(text, digits):
    assert find_ssn(text) == digits


@pytest.mark.parametrize("text", NOT_SSNS)
def test_other_numbers_are_not_social_security_numbers(text):
    assert find_ssn(text) is None


def test_luhn():
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")


def test_the_message_says_what_to_keep():
    assert sensitive_problem("card 4111 1111 1111 1111") == (
        "That looks like a full card number. Please keep only the last four digits (for example …1111)."
    )
    assert "Social Security number" in sensitive_problem("SSN 123-45-6789")
    assert sensitive_problem("Card ending 1111, paid $95.00 on 2025-01-13") is None
