"""Agreement terms, schedule dates and amounts, late-fee policy (domain/terms.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.money import MAX_AMOUNT
from lto_desk.domain.terms import (
    MAX_INSTALLMENTS,
    NO_LATE_FEE,
    Frequency,
    LateFeePolicy,
    Terms,
    add_months,
    cash_price_problem,
    default_first_due,
    down_payment_problem,
    due_dates,
    first_due_problem,
    number_of_payments_problem,
    payment_amount_problem,
)

D = dt.date


def terms_by_count(price=9_000_00, down=1_000_00, count=104, **rest):
    rest.setdefault("frequency", Frequency.WEEKLY)
    rest.setdefault("first_due", D(2025, 1, 13))
    return Terms.by_number_of_payments(cash_price=price, down_payment=down, number_of_payments=count, **rest)


def terms_by_amount(price=9_000_00, down=1_000_00, payment=76_93, **rest):
    rest.setdefault("frequency", Frequency.WEEKLY)
    rest.setdefault("first_due", D(2025, 1, 13))
    return Terms.by_payment_amount(cash_price=price, down_payment=down, payment_amount=payment, **rest)


# ---------------------------------------------------------------------------
# Due dates, one table per frequency
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "count", "expected"),
    [
        # Mon 2025-01-13, every 7 days, across a month end.
        (D(2025, 1, 13), 4, [D(2025, 1, 13), D(2025, 1, 20), D(2025, 1, 27), D(2025, 2, 3)]),
        # Across the leap day and a year end.
        (D(2024, 2, 22), 3, [D(2024, 2, 22), D(2024, 2, 29), D(2024, 3, 7)]),
        (D(2024, 12, 24), 3, [D(2024, 12, 24), D(2024, 12, 31), D(2025, 1, 7)]),
        (D(2025, 1, 13), 1, [D(2025, 1, 13)]),
    ],
)
def test_weekly_dates(first, count, expected):
    assert due_dates(Frequency.WEEKLY, first, count) == expected


@pytest.mark.parametrize(
    ("first", "count", "expected"),
    [
        (
            D(2025, 1, 13),
            5,
            [D(2025, 1, 13), D(2025, 1, 27), D(2025, 2, 10), D(2025, 2, 24), D(2025, 3, 10)],
        ),
        (D(2024, 12, 20), 3, [D(2024, 12, 20), D(2025, 1, 3), D(2025, 1, 17)]),
    ],
)
def test_biweekly_dates(first, count, expected):
    assert due_dates(Frequency.BIWEEKLY, first, count) == expected


@pytest.mark.parametrize(
    ("first", "count", "expected"),
    [
        # Jan 31 2025: Feb has 28 days, then back to the 31st (the anchor is kept), Apr has 30.
        (
            D(2025, 1, 31),
            5,
            [D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31)],
        ),
        # 2024 is a leap year: Feb 29.
        (D(2024, 1, 31), 3, [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]),
        # The 30th: only February is short.
        (D(2025, 1, 30), 3, [D(2025, 1, 30), D(2025, 2, 28), D(2025, 3, 30)]),
        # Across a year end, month end kept.
        (
            D(2024, 11, 30),
            4,
            [D(2024, 11, 30), D(2024, 12, 30), D(2025, 1, 30), D(2025, 2, 28)],
        ),
        (D(2024, 12, 15), 3, [D(2024, 12, 15), D(2025, 1, 15), D(2025, 2, 15)]),
    ],
)
def test_monthly_dates(first, count, expected):
    assert due_dates(Frequency.MONTHLY, first, count) == expected


@pytest.mark.parametrize(
    ("days", "first", "count", "expected"),
    [
        (
            (1, 15),
            D(2025, 1, 1),
            5,
            [D(2025, 1, 1), D(2025, 1, 15), D(2025, 2, 1), D(2025, 2, 15), D(2025, 3, 1)],
        ),
        # Starting on the second day of the pair.
        ((1, 15), D(2025, 1, 15), 3, [D(2025, 1, 15), D(2025, 2, 1), D(2025, 2, 15)]),
        # Across a year end.
        ((1, 15), D(2024, 12, 15), 3, [D(2024, 12, 15), D(2025, 1, 1), D(2025, 1, 15)]),
        # 31 means month end: Feb 28 (2025), Mar 31, Apr 30.
        (
            (15, 31),
            D(2025, 1, 15),
            8,
            [
                D(2025, 1, 15), D(2025, 1, 31), D(2025, 2, 15), D(2025, 2, 28),
                D(2025, 3, 15), D(2025, 3, 31), D(2025, 4, 15), D(2025, 4, 30),
            ],
        ),
        # Leap year: Feb 29.
        ((15, 31), D(2024, 2, 15), 3, [D(2024, 2, 15), D(2024, 2, 29), D(2024, 3, 15)]),
        # First due on the month end.
        ((15, 31), D(2025, 1, 31), 3, [D(2025, 1, 31), D(2025, 2, 15), D(2025, 2, 28)]),
        ((15, 31), D(2025, 2, 28), 3, [D(2025, 2, 28), D(2025, 3, 15), D(2025, 3, 31)]),
    ],
)
def test_semi_monthly_dates(days, first, count, expected):
    assert due_dates(Frequency.SEMI_MONTHLY, first, count, days) == expected


def test_frequency_given_as_stored_text_gives_the_same_dates():
    # The store keeps the frequency as its text value ("monthly").
    assert due_dates("monthly", D(2025, 1, 31), 2) == [D(2025, 1, 31), D(2025, 2, 28)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "months", "anchor", "expected"),
    [
        (D(2025, 1, 31), 1, None, D(2025, 2, 28)),
        (D(2025, 2, 28), 1, 31, D(2025, 3, 31)),  # the anchor, not the clamped day
        (D(2025, 2, 28), 1, None, D(2025, 3, 28)),  # without the anchor, the 28th
        (D(2025, 12, 15), 1, None, D(2026, 1, 15)),
        (D(2025, 1, 15), -1, None, D(2024, 12, 15)),
        (D(2024, 2, 29), 12, None, D(2025, 2, 28)),
    ],
)
def test_add_months(start, months, anchor, expected):
    assert add_months(start, months, anchor) == expected


def test_semi_monthly_terms_schedule_uses_the_set_days():
    # $1,000 over 4 installments twice a month on the 15th and the month end.
    terms = terms_by_count(
        price=1_000_00, down=0, count=4, frequency=Frequency.SEMI_MONTHLY,
        first_due=D(2025, 1, 31), semi_monthly_days=(15, 31),
    )
    assert [i.due for i in terms.schedule()] == [D(2025, 1, 31), D(2025, 2, 15), D(2025, 2, 28), D(2025, 3, 15)]
    assert [i.amount for i in terms.schedule()] == [250_00] * 4


@pytest.mark.parametrize(
    ("days", "first", "word"),
    [
        # The first due date has to be one of the two set days.
        ((1, 15), D(2025, 1, 10), "1st or 15th"),
        ((15, 31), D(2025, 1, 30), "15th or last day"),
        # Feb 28 2024 is not the last day of that (leap) month.
        ((15, 31), D(2024, 2, 28), "15th or last day"),
        # The pair itself must make sense.
        ((15, 15), D(2025, 1, 15), "two different days"),
        ((15, 1), D(2025, 1, 15), "earlier first"),
        ((0, 15), D(2025, 1, 15), "two different days"),
        ((1, 32), D(2025, 1, 1), "two different days"),
        ((10, 15), D(2025, 1, 10), "a week apart"),
    ],
)
def test_semi_monthly_refusals(days, first, word):
    with pytest.raises(InvalidInput) as caught:
        terms_by_count(
            price=1_000_00, down=0, count=4, frequency=Frequency.SEMI_MONTHLY,
            first_due=first, semi_monthly_days=days,
        )
    assert word in caught.value.message


def test_semi_monthly_terms_with_frequency_as_stored_text_still_check_the_first_due_date():
    # due_dates() accepts the frequency as its stored text ("semi_monthly"), so Terms is
    # expected to as well. Jan 10 is not the 1st or the 15th: it must be refused, not turned
    # into a schedule whose first installment silently falls on Jan 15 instead of Jan 10.
    with pytest.raises(InvalidInput):
        Terms(
            cash_price=1_000_00, down_payment=0, payment_amount=250_00, number_of_payments=4,
            frequency="semi_monthly", first_due=D(2025, 1, 10),  # type: ignore[arg-type]
        )


def test_semi_monthly_month_end_on_a_short_month_is_accepted():
    # 31 = month end, so Feb 28 2025 and Apr 30 2025 are valid first due dates.
    for first in (D(2025, 2, 28), D(2025, 4, 30), D(2024, 2, 29)):
        terms = terms_by_count(
            price=1_000_00, down=0, count=2, frequency=Frequency.SEMI_MONTHLY,
            first_due=first, semi_monthly_days=(15, 31),
        )
        assert terms.schedule()[0].due == first


# ---------------------------------------------------------------------------
# Amounts: the last installment absorbs the rounding
# ---------------------------------------------------------------------------


def test_by_number_of_payments_rounds_up_and_the_last_absorbs():
    # $9,000 price - $1,000 down = $8,000.00 = 800,000 cents financed over 104 weeks.
    # 800,000 / 104 = 7,692.31 -> rounded up to 7,693 ($76.93).
    # 7,693 x 103 = 792,379; the last is 800,000 - 792,379 = 7,621 ($76.21).
    terms = terms_by_count()
    assert terms.amount_financed == 800_000
    assert terms.payment_amount == 76_93
    assert terms.last_payment_amount == 76_21
    schedule = terms.schedule()
    assert len(schedule) == 104
    assert [i.amount for i in schedule[:-1]] == [76_93] * 103
    assert schedule[-1].amount == 76_21
    assert sum(i.amount for i in schedule) == 800_000
    assert [i.number for i in schedule] == list(range(1, 105))
    assert schedule[0].due == D(2025, 1, 13)
    assert schedule[-1].due == D(2025, 1, 13) + dt.timedelta(weeks=103)  # 2027-01-04
    assert schedule[-1].due == D(2027, 1, 4)


@pytest.mark.parametrize(
    ("price", "down", "count", "payment", "last"),
    [
        # $5,000 / 50 = $100.00 exactly: every installment equal.
        (6_000_00, 1_000_00, 50, 100_00, 100_00),
        # One payment: all of it.
        (123_45, 0, 1, 123_45, 123_45),
        # $1,000 / 3 = 33,333.33 cents -> 33,334; 33,334 x 2 = 66,668; last 100,000 - 66,668 = 33,332.
        (1_000_00, 0, 3, 333_34, 333_32),
        # $2,500 / 12 monthly = 20,833.33 -> 20,834; x 11 = 229,174; last 250,000 - 229,174 = 20,826.
        (3_000_00, 500_00, 12, 208_34, 208_26),
        # The most installments: $10,000 / 520 = 1,923.08 -> 1,924; x 519 = 998,556; last 1,444.
        (10_000_00, 0, MAX_INSTALLMENTS, 19_24, 14_44),
    ],
)
def test_by_number_of_payments_table(price, down, count, payment, last):
    terms = terms_by_count(price=price, down=down, count=count)
    schedule = terms.schedule()
    assert terms.payment_amount == payment
    assert [i.amount for i in schedule] == [payment] * (count - 1) + [last]
    assert sum(i.amount for i in schedule) == price - down


@pytest.mark.parametrize(
    ("price", "down", "payment", "count", "last"),
    [
        # $8,000 at $100.00: 80 payments, all equal.
        (9_000_00, 1_000_00, 100_00, 80, 100_00),
        # $8,000 at $75.00: 800,000 / 7,500 = 106.67 -> 107 payments; last 800,000 - 7,500 x 106 = 5,000.
        (9_000_00, 1_000_00, 75_00, 107, 50_00),
        # $8,000 at $76.93: 103.99 -> 104 payments; last 7,621 (as above).
        (9_000_00, 1_000_00, 76_93, 104, 76_21),
        # A payment bigger than the whole amount: one payment of what is financed.
        (500_00, 0, 1_000_00, 1, 500_00),
    ],
)
def test_by_payment_amount_table(price, down, payment, count, last):
    terms = terms_by_amount(price=price, down=down, payment=payment)
    schedule = terms.schedule()
    assert terms.number_of_payments == count
    assert len(schedule) == count
    assert schedule[-1].amount == last
    assert all(i.amount == payment for i in schedule[:-1])
    assert sum(i.amount for i in schedule) == price - down


@pytest.mark.parametrize(
    ("make", "word"),
    [
        (lambda: terms_by_count(price=9_000_00, down=9_000_00), "less than the price"),
        (lambda: terms_by_count(price=9_000_00, down=9_500_00), "less than the price"),
        (lambda: terms_by_amount(price=9_000_00, down=9_000_00, payment=100_00), "less than the price"),
        (lambda: terms_by_count(down=-1), "cannot be negative"),
        (lambda: terms_by_count(count=0), "at least one"),
        (lambda: terms_by_count(count=-3), "at least one"),
        (lambda: terms_by_amount(payment=0), "more than zero"),
        (lambda: terms_by_amount(payment=-76_93), "more than zero"),
        (lambda: terms_by_count(count=MAX_INSTALLMENTS + 1), f"more than {MAX_INSTALLMENTS}"),
        # $8,000 at $10.00 a week is 800 payments: too many.
        (lambda: terms_by_amount(payment=10_00), f"more than {MAX_INSTALLMENTS}"),
        (lambda: terms_by_count(price=0, down=0), "price must be more than zero"),
        (lambda: terms_by_count(price=MAX_AMOUNT + 1, down=0), "more than $100,000.00"),
        # 10 cents cannot be split into 6 payments of at least a cent with the last the smallest:
        # 2 cents x 5 = 10 leaves 0 for the last.
        (lambda: terms_by_count(price=10, down=0, count=6), "use fewer payments"),
    ],
)
def test_terms_refusals(make, word):
    with pytest.raises(InvalidInput) as caught:
        make()
    assert word in caught.value.message


def test_down_payment_refusal_names_both_amounts():
    with pytest.raises(InvalidInput) as caught:
        terms_by_count(price=9_000_00, down=9_000_00)
    assert caught.value.message == "The down payment ($9,000.00) must be less than the price ($9,000.00)."


@pytest.mark.parametrize(
    ("payment", "count", "word"),
    [
        # $1,000 financed: 3 x $300 leaves $400 for the last, more than a regular payment.
        (300_00, 3, "use more payments"),
        # 3 x $600 is more than $1,000: the last would be -$200.
        (600_00, 3, "use fewer payments"),
        # 2 x $500 leaves 0 for the last of 3.
        (500_00, 3, "use fewer payments"),
    ],
)
def test_terms_typed_directly_must_add_up(payment, count, word):
    with pytest.raises(InvalidInput) as caught:
        Terms(
            cash_price=1_000_00, down_payment=0, payment_amount=payment, number_of_payments=count,
            frequency=Frequency.WEEKLY, first_due=D(2025, 1, 13),
        )
    assert word in caught.value.message


# ---------------------------------------------------------------------------
# Late-fee policy
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "installment", "fee"),
    [
        (LateFeePolicy(grace_days=3, flat=10_00), 76_93, 10_00),
        (LateFeePolicy(grace_days=3, flat=10_00), 5_00, 10_00),  # flat does not depend on the amount
        (LateFeePolicy(percent_bp=500), 95_00, 4_75),  # 5% of $95 = $4.75
        (LateFeePolicy(percent_bp=1_000, cap=25_00), 300_00, 25_00),  # 10% of $300 = $30, capped at $25
        (LateFeePolicy(percent_bp=1_000, cap=25_00), 200_00, 20_00),  # $20 is under the cap
        (LateFeePolicy(percent_bp=1_000, cap=25_00), 250_00, 25_00),  # exactly the cap
        (LateFeePolicy(percent_bp=500), 76_90, 3_85),  # 384.5 cents rounds half up to 385
        (LateFeePolicy(percent_bp=500), 76_93, 3_85),  # 384.65 -> 385
        (LateFeePolicy(percent_bp=500), 76_89, 3_84),  # 384.45 -> 384
        (LateFeePolicy(percent_bp=750), 100_00, 7_50),  # 7.5%
        (LateFeePolicy(percent_bp=500, flat=10_00), 95_00, 4_75),  # percent set: flat not used
        (NO_LATE_FEE, 76_93, 0),
    ],
)
def test_fee_for(policy, installment, fee):
    assert policy.fee_for(installment) == fee


@pytest.mark.parametrize(
    ("policy", "charges"),
    [
        (NO_LATE_FEE, False),
        (LateFeePolicy(grace_days=5), False),
        (LateFeePolicy(flat=1), True),
        (LateFeePolicy(percent_bp=1), True),
    ],
)
def test_charges_fees(policy, charges):
    assert policy.charges_fees is charges


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"grace_days": -1}, "between 0 and 60"),
        ({"grace_days": 61}, "between 0 and 60"),
        ({"flat": -1}, "negative"),
        ({"percent_bp": -500}, "negative"),
        ({"percent_bp": 500, "cap": -1}, "negative"),
        ({"percent_bp": 10_001}, "100%"),
        ({"flat": MAX_AMOUNT + 1}, "larger"),
    ],
)
def test_late_fee_policy_refusals(kwargs, word):
    with pytest.raises(InvalidInput) as caught:
        LateFeePolicy(**kwargs)
    assert word in caught.value.message


@pytest.mark.parametrize(
    ("policy", "text"),
    [
        (NO_LATE_FEE, "No late fee"),
        (LateFeePolicy(3, 10_00), "$10.00 when paid more than 3 days after the due date"),
        (LateFeePolicy(1, 10_00), "$10.00 when paid more than 1 day after the due date"),
        (
            LateFeePolicy(5, percent_bp=500, cap=25_00),
            "5% of the installment (at most $25.00) when paid more than 5 days after the due date",
        ),
        (LateFeePolicy(0, percent_bp=750), "7.5% of the installment when paid more than 0 days after the due date"),
    ],
)
def test_late_fee_describe(policy, text):
    assert policy.describe() == text


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


def _feasible(financed: int, count: int) -> bool:
    """Is there a regular payment p with (count-1) x p < financed <= count x p?

    That is the only shape a schedule can have (equal payments, the last one
    positive and no larger). p >= ceil(financed / count) and
    p <= floor((financed - 1) / (count - 1)).
    """
    if count == 1:
        return True
    low = -(-financed // count)
    high = (financed - 1) // (count - 1)
    return low <= high


@settings(max_examples=300, deadline=None)
@given(
    price=st.integers(min_value=2, max_value=MAX_AMOUNT),
    down_share=st.floats(min_value=0, max_value=0.9),
    count=st.integers(min_value=1, max_value=MAX_INSTALLMENTS),
)
def test_schedule_by_count_sums_to_amount_financed(price, down_share, count):
    down = int(price * down_share)
    financed = price - down
    if not _feasible(financed, count):
        # Only refused when no schedule of that many payments exists (e.g. 10 cents in 6).
        with pytest.raises(InvalidInput, match="use fewer payments"):
            terms_by_count(price=price, down=down, count=count)
        return
    terms = terms_by_count(price=price, down=down, count=count)
    schedule = terms.schedule()
    amounts = [i.amount for i in schedule]
    assert len(schedule) == count
    assert sum(amounts) == financed
    assert all(a > 0 for a in amounts)
    assert all(a == terms.payment_amount for a in amounts[:-1])
    assert amounts[-1] <= terms.payment_amount
    dues = [i.due for i in schedule]
    assert dues == sorted(set(dues))  # strictly later each time


@settings(max_examples=300, deadline=None)
@given(
    financed=st.integers(min_value=1, max_value=MAX_AMOUNT - 1),
    payment=st.integers(min_value=1, max_value=MAX_AMOUNT),
    frequency=st.sampled_from([Frequency.WEEKLY, Frequency.BIWEEKLY, Frequency.MONTHLY]),
)
def test_schedule_by_payment_amount_sums_to_amount_financed(financed, payment, frequency):
    count = -(-financed // payment)  # payments needed, rounded up
    if count > MAX_INSTALLMENTS:
        with pytest.raises(InvalidInput, match="more than 520"):
            terms_by_amount(price=financed + 1, down=1, payment=payment, frequency=frequency)
        return
    terms = terms_by_amount(price=financed + 1, down=1, payment=payment, frequency=frequency)
    amounts = [i.amount for i in terms.schedule()]
    assert len(amounts) == count
    assert sum(amounts) == financed
    assert all(a > 0 for a in amounts)
    assert all(a == payment for a in amounts[:-1])


# ---------------------------------------------------------------------------
# The term rules, one function each: the New agreement dialog shows these words
# as the terms are typed, and Terms and opening an agreement refuse with them.
# (The down payment, a zero price and a first due date long past once had a
# second wording in the dialog.)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "problem"),
    [
        (0, "The cash price must be more than zero."),
        (-1, "The cash price must be more than zero."),
        (1, None),
        (10_450_00, None),
        (MAX_AMOUNT, None),
        (MAX_AMOUNT + 1, "The cash price is more than $100,000.00."),
    ],
)
def test_cash_price_rule(price, problem):
    assert cash_price_problem(price) == problem


@pytest.mark.parametrize(
    ("down", "price", "problem"),
    [
        (0, 10_450_00, None),
        (950_00, 10_450_00, None),
        (10_449_99, 10_450_00, None),
        (10_450_00, 10_450_00, "The down payment ($10,450.00) must be less than the price ($10,450.00)."),
        (12_000_00, 10_450_00, "The down payment ($12,000.00) must be less than the price ($10,450.00)."),
        (-1, 10_450_00, "The down payment cannot be negative."),
        (100_00, 0, None),  # no price is the price's problem, said first
    ],
)
def test_down_payment_rule(down, price, problem):
    assert down_payment_problem(down, price) == problem


@pytest.mark.parametrize(
    ("count", "problem"),
    [
        (0, "The number of payments must be at least one."),
        (-3, "The number of payments must be at least one."),
        (1, None),
        (104, None),
        (MAX_INSTALLMENTS, None),
        (MAX_INSTALLMENTS + 1, f"The number of payments cannot be more than {MAX_INSTALLMENTS}."),
    ],
)
def test_number_of_payments_rule(count, problem):
    assert number_of_payments_problem(count) == problem


@pytest.mark.parametrize(
    ("payment", "problem"),
    [
        (0, "The payment amount must be more than zero."),
        (-76_93, "The payment amount must be more than zero."),
        (1, None),
        (95_00, None),
    ],
)
def test_payment_amount_rule(payment, problem):
    assert payment_amount_problem(payment) == problem


@pytest.mark.parametrize(
    ("first_due", "opened_on", "problem"),
    [
        (D(2025, 3, 10), D(2025, 3, 3), None),
        (D(2025, 3, 3), D(2025, 3, 3), None),
        (D(2025, 2, 24), D(2025, 3, 3), None),  # a week back: a deal written up late
        (D(2025, 2, 23), D(2025, 3, 3),
         "The first due date (Feb 23, 2025) is more than a week in the past; choose a later date."),
        (D(2025, 2, 20), D(2025, 3, 3),
         "The first due date (Feb 20, 2025) is more than a week in the past; choose a later date."),
    ],
)  # fmt: skip
def test_first_due_date_rule(first_due, opened_on, problem):
    assert first_due_problem(first_due, opened_on) == problem


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda: terms_by_count(price=0, down=0), cash_price_problem(0)),
        (lambda: terms_by_count(price=9_000_00, down=9_000_00), down_payment_problem(9_000_00, 9_000_00)),
        (lambda: terms_by_count(count=0), number_of_payments_problem(0)),
        (lambda: terms_by_count(count=MAX_INSTALLMENTS + 1), number_of_payments_problem(MAX_INSTALLMENTS + 1)),
        (lambda: terms_by_amount(payment=0), payment_amount_problem(0)),
    ],
)
def test_terms_refuse_in_the_rules_words(make, problem):
    with pytest.raises(InvalidInput) as caught:
        make()
    assert caught.value.message == problem


@pytest.mark.parametrize(
    ("frequency", "today", "days", "first_due"),
    [
        (Frequency.WEEKLY, D(2025, 1, 6), (1, 15), D(2025, 1, 13)),
        (Frequency.BIWEEKLY, D(2025, 1, 6), (1, 15), D(2025, 1, 20)),
        (Frequency.MONTHLY, D(2025, 1, 6), (1, 15), D(2025, 2, 6)),
        (Frequency.MONTHLY, D(2025, 1, 31), (1, 15), D(2025, 2, 28)),  # the month's last day
        # Twice a month: the first set day at least a week away.
        (Frequency.SEMI_MONTHLY, D(2025, 1, 1), (1, 15), D(2025, 1, 15)),
        (Frequency.SEMI_MONTHLY, D(2025, 1, 8), (1, 15), D(2025, 1, 15)),
        (Frequency.SEMI_MONTHLY, D(2025, 1, 10), (1, 15), D(2025, 2, 1)),
        (Frequency.SEMI_MONTHLY, D(2025, 2, 20), (15, 31), D(2025, 2, 28)),  # 31 is the month's end
        (Frequency.SEMI_MONTHLY, D(2025, 12, 28), (1, 15), D(2026, 1, 15)),
    ],
)
def test_first_due_date_defaults(frequency, today, days, first_due):
    assert default_first_due(frequency, today, days) == first_due
