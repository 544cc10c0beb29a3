"""How a payment is tendered: cash and change, card last 4, check and money-order numbers
(domain/payment.py)."""

from __future__ import annotations

import pytest

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.payment import Method, Tender, check_tender, needs_form_8300

# ---------------------------------------------------------------------------
# Cash
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "tendered", "change"),
    [
        (76_93, 100_00, 23_07),  # $100.00 - $76.93 = $23.07
        (86_93, 90_00, 3_07),
        (95_00, 95_00, 0),  # exact
        (76_93, None, 0),  # nothing typed: taken as exact
        (1, 100_00, 99_99),
    ],
)
def test_cash_change(amount, tendered, change):
    tender = check_tender(amount, Method.CASH, tendered)
    assert tender.method is Method.CASH
    assert tender.change == change
    assert tender.tendered == (amount if tendered is None else tendered)
    assert tender.reference == ""


def test_cash_method_given_as_text():
    assert check_tender(76_93, "cash", 80_00).change == 3_07


def test_cash_tendered_less_than_the_payment_is_refused():
    with pytest.raises(InvalidInput) as caught:
        check_tender(76_93, Method.CASH, 70_00)
    assert "less than the payment" in caught.value.message
    assert "$70.00" in caught.value.message
    assert "$76.93" in caught.value.message


def test_cash_one_cent_short_is_refused():
    with pytest.raises(InvalidInput, match="less than"):
        check_tender(76_93, Method.CASH, 76_92)


def test_describe_cash():
    assert check_tender(76_93, Method.CASH, 100_00).describe() == "Cash $100.00, change $23.07"


# ---------------------------------------------------------------------------
# Card
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["4242", " 4242 ", "42 42", "0007"])
def test_card_last_four_accepted(typed):
    tender = check_tender(76_93, Method.CARD, reference=typed)
    assert tender.reference == typed.replace(" ", "")
    assert tender.tendered is None and tender.change is None
    assert tender.describe() == f"Card ending {tender.reference}"


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("", "last 4"),
        ("424", "only the last 4"),
        ("42424", "only the last 4"),
        # A whole card number is refused and never kept.
        ("4242424242424242", "only the last 4"),
        ("4242 4242 4242 4242", "only the last 4"),
        ("42a2", "digits only"),
        ("VISA", "digits only"),
    ],
)
def test_card_refusals(typed, word):
    with pytest.raises(InvalidInput) as caught:
        check_tender(76_93, Method.CARD, reference=typed)
    assert word in caught.value.message


def test_full_card_number_refusal_says_it_is_never_stored():
    with pytest.raises(InvalidInput) as caught:
        check_tender(76_93, Method.CARD, reference="4242424242424242")
    assert "4242424242424242" not in caught.value.message
    assert "never stored" in caught.value.message


# ---------------------------------------------------------------------------
# Check and money order
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "typed", "reference", "text"),
    [
        (Method.CHECK, "1234", "1234", "Check #1234"),
        (Method.CHECK, " 10 42 ", "1042", "Check #1042"),
        (Method.MONEY_ORDER, "ab12345", "AB12345", "Money order #AB12345"),
        (Method.MONEY_ORDER, "1" * 20, "1" * 20, "Money order #" + "1" * 20),
        (Method.MONEY_ORDER, "mo-20-4417", "MO-20-4417", "Money order #MO-20-4417"),  # dashes kept
    ],
)
def test_check_and_money_order_numbers(method, typed, reference, text):
    tender = check_tender(76_93, method, reference=typed)
    assert tender.reference == reference
    assert tender.describe() == text
    assert tender.tendered is None and tender.change is None


@pytest.mark.parametrize(
    ("method", "typed", "word"),
    [
        (Method.CHECK, "", "Type the check number"),
        (Method.CHECK, "   ", "Type the check number"),
        (Method.MONEY_ORDER, "", "Type the money order number"),
        (Method.CHECK, "12#4", "letters, digits and dashes only"),
        (Method.CHECK, "12/4", "letters, digits and dashes only"),
        (Method.CHECK, "１２３４", "letters, digits and dashes only"),  # full-width digits
        (Method.MONEY_ORDER, "1" * 21, "at most 20"),
    ],
)
def test_check_and_money_order_refusals(method, typed, word):
    with pytest.raises(InvalidInput) as caught:
        check_tender(76_93, method, reference=typed)
    assert word in caught.value.message


# ---------------------------------------------------------------------------
# Method and tendered
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["bitcoin", "", None])
def test_unknown_method_refused(method):
    with pytest.raises(InvalidInput, match="cash, check, money order or card"):
        check_tender(76_93, method, reference="1234")  # type: ignore[arg-type]


@pytest.mark.parametrize("method", [Method.CHECK, Method.MONEY_ORDER, Method.CARD])
def test_only_cash_has_change(method):
    with pytest.raises(InvalidInput, match="Only cash"):
        check_tender(76_93, method, tendered=100_00, reference="1234")


@pytest.mark.parametrize("method", [Method.CHECK, Method.MONEY_ORDER, Method.CARD])
def test_non_cash_with_tendered_equal_to_amount_is_fine(method):
    # A form may send the amount as "tendered" for every method; that is not change.
    tender = check_tender(76_93, method, tendered=76_93, reference="1234")
    assert isinstance(tender, Tender)
    assert tender.change is None


def test_method_labels():
    assert [m.label for m in Method] == ["Cash", "Check", "Money order", "Card"]


# ---------------------------------------------------------------------------
# Form 8300: the reminder from $10,000 of cash in a day
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cash_today", "reminded"),
    [
        (0, False),
        (9_999_99, False),  # a cent short
        (10_000_00, True),  # exactly $10,000: reminded ("$10,000 or more")
        (10_000_01, True),  # the IRS's "more than $10,000"
        (25_000_00, True),
    ],
)
def test_form_8300_reminder_from_ten_thousand_dollars_of_cash(cash_today, reminded):
    assert needs_form_8300(cash_today) is reminded
