"""VINs (domain/vin.py) and phone numbers (domain/phone.py) as typed at the counter."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings, strategies as st

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.phone import display_phone, normalise_phone, phone_digits
from lto_desk.domain.vin import check_digit, check_vin, with_check_digit

# Check digit of 1HGCM82633A004352, by hand (transliterate, weight, sum mod 11):
#   char   1  H  G  C  M  8  2  6  3  3  A  0  0  4  3  5  2
#   value  1  8  7  3  4  8  2  6  -  3  1  0  0  4  3  5  2
#   weight 8  7  6  5  4  3  2 10  0  9  8  7  6  5  4  3  2
#   8+56+42+15+16+24+4+60+0+27+8+0+0+20+12+15+4 = 311; 311 mod 11 = 3 -> "3" (the 9th character).
GOOD_VIN = "1HGCM82633A004352"


# ---------------------------------------------------------------------------
# VIN
# ---------------------------------------------------------------------------


def test_valid_vin_has_no_warning():
    checked = check_vin(GOOD_VIN)
    assert checked.vin == GOOD_VIN
    assert checked.warning is None
    assert checked.tail == "004352"


def test_check_digit_by_hand():
    assert check_digit(GOOD_VIN) == "3"


@pytest.mark.parametrize(
    "typed",
    [
        "1hgcm82633a004352",  # lower case
        " 1HGCM82633A004352 ",  # surrounding spaces
        "1HG CM826 33A 004352",  # grouped with spaces
        "1HG-CM826-33A-004352",  # grouped with dashes
        "1hg-cm826 33a004352",
    ],
)
def test_vin_spaces_dashes_and_lower_case_are_tolerated(typed):
    checked = check_vin(typed)
    assert checked.vin == GOOD_VIN
    assert checked.warning is None


def test_wrong_check_digit_is_a_warning_not_an_error():
    # 9th character typed as 4; the other 16 call for 3.
    checked = check_vin("1HGCM82643A004352")
    assert checked.vin == "1HGCM82643A004352"
    assert checked.warning is not None
    assert "is 4 but should be 3" in checked.warning


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("1HGCM82633A00435I", "letter I;"),
        ("1HGCM82633AO04352", "letter O;"),
        ("1HGCM82633A0Q4352", "letter Q;"),
        ("1hgcm82633a00435i", "letter I;"),  # lower case i is still the letter I
        ("IHGCM82633AO04352", "letters I, O;"),
        ("1HGCM82633A0O435I", "letters I, O;"),
    ],
)
def test_vin_letters_i_o_q_refused_naming_the_letter(typed, word):
    with pytest.raises(InvalidInput) as caught:
        check_vin(typed)
    assert word in caught.value.message


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("1HGCM82633A00435", 16),
        ("1HGCM82633A0043521", 18),
        ("1HGCM", 5),
        ("1HG-CM826-33A-00435", 16),  # dashes do not count
    ],
)
def test_vin_wrong_length_refused_naming_the_count(typed, count):
    with pytest.raises(InvalidInput) as caught:
        check_vin(typed)
    assert f"this one has {count}" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("", "Please type the VIN"),
        ("   ", "Please type the VIN"),
        ("1HGCM82633A00435*", "“*”"),
        ("1HGCM82633A0043_2", "“_”"),
    ],
)
def test_vin_other_refusals(typed, word):
    with pytest.raises(InvalidInput) as caught:
        check_vin(typed)
    assert word in caught.value.message


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # Same as GOOD_VIN but position 10 is 0: the sum drops by 3 x 9 = 27 to 284; 284 mod 11 = 9.
        ("1HGCM82600A004352", "1HGCM82690A004352"),
        ("1hgcm82600a004352", "1HGCM82690A004352"),  # upper-cased
        # Last character 8 instead of 2: 284 - 2x2 + 8x2 = 296; 296 mod 11 = 10 -> X.
        ("1HGCM82600A004358", "1HGCM826X0A004358"),
        # Already right: unchanged.
        (GOOD_VIN, GOOD_VIN),
    ],
)
def test_with_check_digit(given, expected):
    fixed = with_check_digit(given)
    assert fixed == expected
    assert check_vin(fixed).warning is None


def test_with_check_digit_refuses_a_wrong_length():
    with pytest.raises(InvalidInput, match="this one has 16"):
        with_check_digit("1HGCM82600A00435")


# ---------------------------------------------------------------------------
# Phone
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("(205) 555-0142", "+12055550142"),
        ("205-555-0142", "+12055550142"),
        ("205.555.0142", "+12055550142"),
        ("205 555 0142", "+12055550142"),
        ("2055550142", "+12055550142"),
        ("1-205-555-0142", "+12055550142"),
        ("+1 205 555 0142", "+12055550142"),
        ("  (205) 555-0142  ", "+12055550142"),
        ("(212) 555-0100", "+12125550100"),
        ("+44 7911 123456", "+447911123456"),  # a foreign number typed with its country code
    ],
)
def test_normalise_phone(typed, e164):
    assert normalise_phone(typed) == e164


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("", "Please type a phone number"),
        ("   ", "Please type a phone number"),
        ("205-555-CALL", "letters"),
        ("call me", "letters"),
        ("205-555-014", "has 9 digits"),
        ("555-014", "has 6 digits"),
        ("12", "has 2 digits"),
        ("(205) 555-01423", "has 11 digits"),
        # Seven digits without the area code: refused, pointing at the area code.
        ("555-0142", "area code"),
        # 555 is not an area code.
        ("(555) 123-4567", "area code"),
    ],
)
def test_normalise_phone_refusals(typed, word):
    with pytest.raises(InvalidInput) as caught:
        normalise_phone(typed)
    assert word in caught.value.message


@pytest.mark.parametrize(
    ("e164", "digits"),
    [
        ("+12055550142", "2055550142"),  # US: the 10 digits a clerk types to search
        ("+447911123456", "447911123456"),  # abroad: all digits
        ("", ""),
    ],
)
def test_phone_digits(e164, digits):
    assert phone_digits(e164) == digits


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+12055550142", "(205) 555-0142"),
        ("+447911123456", "+44 7911 123456"),
        ("", ""),
        ("not a number", "not a number"),  # shown as stored rather than failing
    ],
)
def test_display_phone(e164, shown):
    assert display_phone(e164) == shown


@pytest.mark.parametrize("typed", ["(205) 555-0142", "205.555.0142", "+1 205 555 0142"])
def test_phone_typed_stored_and_shown_round_trip(typed):
    stored = normalise_phone(typed)
    assert display_phone(stored) == "(205) 555-0142"
    assert normalise_phone(display_phone(stored)) == stored
    assert phone_digits(stored) == "2055550142"


@settings(max_examples=300, deadline=None)
@given(st.integers(200, 999), st.integers(200, 999), st.integers(0, 9999))
def test_north_american_numbers_read_as_the_phone_library_formats_them(area, exchange, line):
    """The quick path for numbers of an area code already seen gives what a full parse gives."""
    import phonenumbers

    e164 = f"+1{area}{exchange}{line:04d}"
    number = phonenumbers.parse(e164, "US")
    assume(phonenumbers.is_valid_number(number))  # only valid numbers are ever stored
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if phonenumbers.region_code_for_number(number) == "US"
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    expected = phonenumbers.format_number(number, fmt)
    assert display_phone(e164) == expected  # the full parse; learns the area code
    assert display_phone(e164) == expected  # the quick path
