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
    # Any separator a person might type, or none, and digits of any script.
    ("4111.1111.1111.1111", "4111111111111111"),
    ("4111/1111/1111/1111", "4111111111111111"),
    ("4111_1111_1111_1111", "4111111111111111"),
    ("41111111 11111111", "4111111111111111"),  # two groups of eight
    ("card 4111 - 1111 - 1111 - 1111", "4111111111111111"),
    ("4111 – 1111 — 1111 ‐ 1111", "4111111111111111"),  # en dash, em dash, hyphen
    ("4111  1111\n1111\t1111", "4111111111111111"),
    ("4111\u00a01111\u00a01111\u00a01111", "4111111111111111"),  # no-break spaces
    ("４１１１ １１１１ １１１１ １１１１", "4111111111111111"),  # full-width digits
    ("４１１１１１１１１１１１１１１１", "4111111111111111"),
    ("٤١١١١١١١١١١١١١١١", "4111111111111111"),  # Arabic-Indic digits
    ("card 4111\u200b1111\u200b1111\u200b1111", "4111111111111111"),  # zero-width spaces
    ("4111\u202e1111\u202c11111111", "4111111111111111"),  # a bidi override inside
    ("card#4111111111111111exp0927", "4111111111111111"),  # letters right against it
    ("2223 0031 2200 3222", "2223003122003222"),  # Mastercard's 2-series
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
    # Numbers a car lot writes in notes, with the separators cards now may have.
    "VIN 1HGCM82633A004352, stock S1001",
    "looking for a 2017 2018 2019 2020 Civic",  # model years (they pass the Luhn check)
    "2017/2018/2019/2020 models only",
    "receipts 1004 1005 1006 1007",  # receipt numbers in a row (they pass the Luhn check too)
    "paid 20250223 20250302",  # two dates typed as digits, eight and eight
    "call 205.555.0142 or 205/555/0199 or 205 555 0142 205 555 0199",
    "+52 1 55 1234 5678 / 55.1234.5678",
    "ZIP 35203-1234, 35203 1234",
    "paid $1,234.50 on 01/06/2025 and $4,500.00 on 2025.01.13",
    "amounts 4500. 4200. 4300. 4100.",
    "1354 1234 5678 911",  # an airline's (UATP) number: not one a car lot takes
]

SSNS = [
    ("123-45-6789", "123456789"),
    ("SSN 123456789", "123456789"),
    ("ssn: 123 45 6789", "123456789"),
    ("her social security number is 123 45 6789", "123456789"),
    ("Seguro Social: 123-45-6789", "123456789"),
    ("SS# 123456789", "123456789"),
    ("ITIN 912-70-1234", "912701234"),
    # Spaces, dots or nothing between the groups, with the words around them.
    ("123 45 6789", "123456789"),
    ("123.45.6789", "123456789"),
    ("123/45/6789", "123456789"),
    ("123_45_6789", "123456789"),
    ("her SS is 123456789", "123456789"),
    ("SS: 123.45.6789", "123456789"),
    ("SSN123456789", "123456789"),  # a check number typed as "SSN 123456789" (spaces taken out)
    ("S.S. 123 45 6789", "123456789"),
    ("SS#: 123456789", "123456789"),
    ("ss no. 123-45-6789", "123456789"),
    ("su número de SS es 123 45 6789", "123456789"),
    ("soc sec 123456789", "123456789"),
    ("número de seguro social 123456789", "123456789"),
    ("123456789 is her social", "123456789"),  # the words after the number
    ("ssn １２３４５６７８９", "123456789"),  # full-width digits
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
    "2019 Camaro SS, call 205.555.0142",  # SS the trim, then a phone number
    "Camaro SS stock 4521, ZIP 35203-1234",
    "order 123456789 from the parts store",  # nine digits, no words saying SSN
    "class 123456789",  # "ss" inside a word is not the label
    "2019 Camaro SS, order 123456789 from the parts store",  # SS the trim, then another number
    "+34 912 34 56 78",  # a phone number in groups of three and two
    "123 45 67890",
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
