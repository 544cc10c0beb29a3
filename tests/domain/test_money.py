"""Typed amounts and percentages: the one parser and the one formatter (domain/money.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lto_desk.domain.errors import InvalidInput, LtoError
from lto_desk.domain.money import MAX_AMOUNT, format_money, parse_amount, parse_percent, percent_of

# ---------------------------------------------------------------------------
# parse_amount: what a clerk may type
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("150", 150_00),
        ("150.5", 150_50),  # one decimal means tens of cents
        ("150.50", 150_50),
        ("$1,234.50", 1_234_50),
        (" 95 ", 95_00),  # surrounding spaces
        ("$ 95", 95_00),  # a space after the dollar sign
        ("$95.00", 95_00),
        ("1,234", 1_234_00),  # thousands comma without cents
        ("12,345.67", 12_345_67),
        ("0.01", 1),  # the smallest payment
        (".75", 75),
        ("76.93", 76_93),
        ("100000", MAX_AMOUNT),  # exactly the ceiling is allowed
        ("100,000.00", MAX_AMOUNT),
    ],
)
def test_parse_amount_accepts(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("", "type an amount"),
        ("   ", "type an amount"),
        ("abc", "letters"),
        ("12a", "letters"),
        ("1e5", "letters"),  # scientific notation is not an amount a person types
        ("-5", "minus"),
        ("\u22125", "minus"),  # a typographic minus sign
        ("(5.00)", "minus"),  # accountants' brackets for a negative amount
        ("$-5", "minus"),
        ("12.345", "two decimals"),
        ("1,234.567", "two decimals"),
        ("100000.01", "more than"),
        ("$250,000", "more than"),
        ("1,23", "commas"),
        ("12,34.50", "commas"),
        (",500", "commas"),
        ("0", "zero"),
        ("0.00", "zero"),
        ("$", "no digits"),
        ("1.2.3", "not an amount"),
        ("95$", "not an amount"),
    ],
)
def test_parse_amount_refuses_naming_the_problem(typed, word):
    with pytest.raises(InvalidInput) as caught:
        parse_amount(typed)
    assert word in caught.value.message
    # The message is what the dialog shows, so str() must be the same words.
    assert str(caught.value) == caught.value.message


@pytest.mark.parametrize("typed", ["76 93", "12 50", "$76 93"])
def test_parse_amount_refuses_a_space_inside_the_number(typed):
    # A clerk who hits the space bar instead of the point ("76 93" for $76.93) must not
    # post $7,693.00: that is below the payoff of the standard agreement ($7,923.07 after
    # one payment) and would be taken. Only spaces around the amount, or after the $,
    # are harmless; a space between digits is ambiguous and must be refused.
    with pytest.raises(InvalidInput):
        parse_amount(typed)


def test_parse_amount_refusal_names_both_amounts_over_the_ceiling():
    # $100,000.01 typed; the ceiling is $100,000.00: both appear, formatted.
    with pytest.raises(InvalidInput) as caught:
        parse_amount("100000.01")
    assert "$100,000.01" in caught.value.message
    assert "$100,000.00" in caught.value.message


def test_parse_amount_none_is_refused_like_empty():
    with pytest.raises(InvalidInput, match="type an amount"):
        parse_amount(None)  # type: ignore[arg-type]


def test_parse_amount_zero_allowed_when_asked():
    assert parse_amount("0", allow_zero=True) == 0
    assert parse_amount("$0.00", allow_zero=True) == 0


def test_parse_amount_custom_ceiling():
    # A $40.00 ceiling (e.g. a late-fee field): $40.00 accepted, $40.01 refused showing $40.00.
    assert parse_amount("40", ceiling=40_00) == 40_00
    with pytest.raises(InvalidInput) as caught:
        parse_amount("40.01", ceiling=40_00)
    assert "$40.01 is more than $40.00" in caught.value.message


def test_invalid_input_is_an_lto_error():
    # Dialog code catches LtoError; a parse failure must be one.
    with pytest.raises(LtoError):
        parse_amount("abc")


# ---------------------------------------------------------------------------
# format_money
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cents", "symbol", "text"),
    [
        (0, True, "$0.00"),
        (5, True, "$0.05"),
        (50, True, "$0.50"),
        (95_00, True, "$95.00"),
        (1_234_50, True, "$1,234.50"),
        (MAX_AMOUNT, True, "$100,000.00"),
        (1_234_567_89, True, "$1,234,567.89"),
        (-5_00, True, "-$5.00"),
        (-1_234_56, True, "-$1,234.56"),
        (-1, True, "-$0.01"),
        (1_234_50, False, "1,234.50"),
        (-5_00, False, "-5.00"),
    ],
)
def test_format_money(cents, symbol, text):
    assert format_money(cents, symbol=symbol) == text


# ---------------------------------------------------------------------------
# percentages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "bp"),
    [
        ("5", 500),
        ("5%", 500),
        (" 5 % ", 500),
        ("7.25", 725),
        ("7.5", 750),
        ("0.5", 50),
        ("0", 0),
        ("100", 10_000),
        ("100%", 10_000),
    ],
)
def test_parse_percent_accepts(typed, bp):
    assert parse_percent(typed) == bp


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("", "type a percentage"),
        ("%", "type a percentage"),
        ("-5", "minus"),
        ("abc", "not a percentage"),
        ("5,5", "not a percentage"),
        ("100.01", "more than 100%"),
        ("150%", "more than 100%"),
        ("7.255", "two decimals"),
    ],
)
def test_parse_percent_refuses(typed, word):
    with pytest.raises(InvalidInput) as caught:
        parse_percent(typed)
    assert word in caught.value.message


@pytest.mark.parametrize(
    ("cents", "bp", "expected"),
    [
        (95_00, 500, 4_75),  # 5% of $95.00 = $4.75 exactly
        (76_93, 500, 3_85),  # 5% of $76.93 = 384.65 cents -> 385
        (76_90, 500, 3_85),  # 384.5 cents -> half up -> 385 (banker's rounding would give 384)
        (76_89, 500, 3_84),  # 384.45 cents -> 384
        (10, 500, 1),  # 0.5 cent -> 1
        (9, 500, 0),  # 0.45 cent -> 0
        (12_345, 10_000, 12_345),  # 100%
        (12_345, 0, 0),
    ],
)
def test_percent_of_rounds_half_up(cents, bp, expected):
    assert percent_of(cents, bp) == expected


# ---------------------------------------------------------------------------
# round trips
# ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(cents=st.integers(min_value=1, max_value=MAX_AMOUNT), symbol=st.booleans())
def test_format_then_parse_round_trips(cents, symbol):
    # Whatever the program shows (e.g. a pre-filled amount) must read back unchanged.
    assert parse_amount(format_money(cents, symbol=symbol)) == cents


@settings(max_examples=200, deadline=None)
@given(bp=st.integers(min_value=0, max_value=10_000))
def test_percent_round_trips(bp):
    # bp = 725 is typed "7.25"; the text a person would type reads back to the same basis points.
    whole, part = divmod(bp, 100)
    assert parse_percent(f"{whole}.{part:02d}") == bp
    assert parse_percent(f"{whole}.{part:02d}%") == bp
