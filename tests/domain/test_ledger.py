"""Allocation of payments and the replayed agreement state (domain/ledger.py).

Unless a test says otherwise the agreement is 10 weekly installments of $100.00,
the first due Mon 2025-01-13 (then Jan 20, Jan 27, Feb 3, Feb 10, Feb 17, Feb 24,
Mar 3, Mar 10, Mar 17), with a $10.00 late fee when paid more than 3 days late:
the fee on an installment is charged at the start of due + 4 days (Jan 17 for
the first), before that day's payments.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import Refused
from lto_desk.domain.ledger import (
    AgreementState,
    Bucket,
    Entry,
    EntryKind,
    Status,
    allocate,
    preview_payment,
    replay,
)
from lto_desk.domain.terms import Frequency, Installment, LateFeePolicy, Terms

D = dt.date
FIRST = D(2025, 1, 13)
FEE10 = LateFeePolicy(grace_days=3, flat=10_00)

F, PD, CUR, AH = Bucket.FEE, Bucket.PAST_DUE, Bucket.CURRENT, Bucket.AHEAD


def weekly(n: int = 10, amount: int = 100_00, first: dt.date = FIRST, last: int | None = None) -> list[Installment]:
    amounts = [amount] * (n - 1) + [amount if last is None else last]
    return [Installment(k + 1, first + dt.timedelta(weeks=k), a) for k, a in enumerate(amounts)]


def pay(id: int, on: dt.date, amount: int) -> Entry:
    return Entry(id, EntryKind.PAYMENT, on, amount)


def void(id: int, on: dt.date, reverses: int) -> Entry:
    return Entry(id, EntryKind.VOID, on, reverses=reverses)


def waive(id: int, on: dt.date, installment: int) -> Entry:
    return Entry(id, EntryKind.FEE_WAIVER, on, installment=installment)


def returned(id: int, on: dt.date) -> Entry:
    return Entry(id, EntryKind.RETURN, on)


def state(entries=(), as_of=FIRST, schedule=None, policy=FEE10) -> AgreementState:
    return replay(weekly() if schedule is None else schedule, policy, list(entries), as_of)


def split(alloc) -> list[tuple[Bucket, int, int]]:
    return [(l.bucket, l.installment, l.amount) for l in alloc.lines]


# ---------------------------------------------------------------------------
# Where one payment goes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paid_on", "amount", "expected", "fee_on_first"),
    [
        # Early or on the due date: the current installment, no fee.
        (D(2025, 1, 10), 100_00, [(CUR, 1, 100_00)], 0),
        (D(2025, 1, 13), 100_00, [(CUR, 1, 100_00)], 0),
        # Due + 1 .. due + 3: past due but inside the grace days, no fee.
        (D(2025, 1, 14), 100_00, [(PD, 1, 100_00)], 0),
        (D(2025, 1, 16), 100_00, [(PD, 1, 100_00)], 0),
        # Due + 4: the $10 fee is charged first and paid first.
        (D(2025, 1, 17), 110_00, [(F, 1, 10_00), (PD, 1, 100_00)], 10_00),
        # Paying only the installment's $100 on due + 4 leaves $10 of it open.
        (D(2025, 1, 17), 100_00, [(F, 1, 10_00), (PD, 1, 90_00)], 10_00),
    ],
)
def test_first_installment_on_time_in_grace_and_late(paid_on, amount, expected, fee_on_first):
    s = state([pay(1, paid_on, amount)], as_of=paid_on)
    assert split(s.allocations[1]) == expected
    assert s.installments[0].fee == fee_on_first
    assert s.problems == ()


def test_grace_zero_charges_the_day_after_the_due_date():
    policy = LateFeePolicy(grace_days=0, flat=10_00)
    on_time = state([pay(1, D(2025, 1, 13), 100_00)], as_of=D(2025, 1, 31), policy=policy)
    day_late = state([pay(1, D(2025, 1, 14), 110_00)], as_of=D(2025, 1, 14), policy=policy)
    assert on_time.installments[0].fee == 0
    assert split(day_late.allocations[1]) == [(F, 1, 10_00), (PD, 1, 100_00)]
    assert day_late.installments[0].fee_on == D(2025, 1, 14)


def test_fee_is_charged_once_per_installment_however_late():
    # Nothing paid until Mon Feb 17, five weeks after the first due date.
    # Fees charged: #1 Jan 17, #2 Jan 24, #3 Jan 31, #4 Feb 7, #5 Feb 14 ($10 each = $50);
    # #6 (due Feb 17) is not charged until Feb 21.
    s = state(as_of=D(2025, 2, 17))
    assert [i.fee for i in s.installments] == [10_00] * 5 + [0] * 5
    assert [i.fee_on for i in s.installments[:5]] == [
        D(2025, 1, 17), D(2025, 1, 24), D(2025, 1, 31), D(2025, 2, 7), D(2025, 2, 14),
    ]
    assert s.open_fees == 50_00
    # Due now: $50 fees + #1..#6 ($600) = $650. Past due (fees excluded): #1..#5 = $500.
    assert s.amount_due_now == 650_00
    assert s.past_due == 500_00
    assert s.days_late == 35  # Jan 13 -> Feb 17
    assert s.suggested_payment == 650_00

    # All of it paid that day: fees oldest first, then #1..#5 past due, then #6 current.
    s = state([pay(1, D(2025, 2, 17), 650_00)], as_of=D(2025, 2, 17))
    assert split(s.allocations[1]) == (
        [(F, n, 10_00) for n in range(1, 6)]
        + [(PD, n, 100_00) for n in range(1, 6)]
        + [(CUR, 6, 100_00)]
    )
    # Weeks later #1 still carries its one $10 fee (paid); only #7..#10 have new ones.
    later = state([pay(1, D(2025, 2, 17), 650_00)], as_of=D(2025, 3, 31))
    assert [i.fee for i in later.installments] == [10_00] * 5 + [0] + [10_00] * 4
    assert later.fees_charged == 90_00
    assert later.fees_paid == 50_00
    assert later.open_fees == 40_00


def test_allocation_order_fees_then_past_due_then_current_then_ahead():
    # As of Tue Jan 28 nothing is paid: fees on #1 (Jan 17) and #2 (Jan 24); #1, #2, #3
    # (due Jan 27) are past due, #4 (Feb 3) is current.
    # $470 = $20 fees + $300 past due + $100 current + $50 ahead on #5.
    s = state([pay(1, D(2025, 1, 28), 470_00)], as_of=D(2025, 1, 28))
    assert split(s.allocations[1]) == [
        (F, 1, 10_00), (F, 2, 10_00),
        (PD, 1, 100_00), (PD, 2, 100_00), (PD, 3, 100_00),
        (CUR, 4, 100_00),
        (AH, 5, 50_00),
    ]
    a = s.allocations[1]
    assert (a.fees, a.past_due, a.current, a.ahead, a.total()) == (20_00, 300_00, 100_00, 50_00, 470_00)
    assert s.paid_through == D(2025, 2, 3)
    assert s.installments_paid == 4
    assert s.credit_ahead == 150_00  # #4 and half of #5 are not due yet
    assert s.amount_due_now == 0
    assert s.next_due == D(2025, 2, 10)
    assert s.next_due_amount == 50_00  # what is left of #5


def test_partial_payment_goes_oldest_first():
    # As of Jan 28 (fees $20 open): $150 pays both fees, all of #1, $30 of #2.
    s = state([pay(1, D(2025, 1, 28), 150_00)], as_of=D(2025, 1, 28))
    assert split(s.allocations[1]) == [(F, 1, 10_00), (F, 2, 10_00), (PD, 1, 100_00), (PD, 2, 30_00)]
    assert [i.owed for i in s.installments[:3]] == [0, 70_00, 100_00]
    assert s.paid_through == D(2025, 1, 13)
    assert s.installments_paid == 1
    # Due now: #2 $70 + #3 $100 = $170; days late count from #2 (Jan 20), the oldest unpaid.
    assert s.amount_due_now == 170_00
    assert s.days_late == 8  # Jan 20 -> Jan 28
    assert s.open_fees == 0


def test_a_payment_smaller_than_the_open_fees_pays_only_fees():
    # As of Jan 28, $15 pays the $10 fee on #1 and $5 of the fee on #2.
    s = state([pay(1, D(2025, 1, 28), 15_00)], as_of=D(2025, 1, 28))
    assert split(s.allocations[1]) == [(F, 1, 10_00), (F, 2, 5_00)]
    assert s.open_fees == 5_00
    assert s.principal_remaining == 1_000_00


def test_partial_then_rest_of_the_same_installment():
    # $60 on Jan 13 then $40 on Jan 15: #1 paid within grace, no fee.
    s = state([pay(1, D(2025, 1, 13), 60_00), pay(2, D(2025, 1, 15), 40_00)], as_of=D(2025, 1, 31))
    assert split(s.allocations[1]) == [(CUR, 1, 60_00)]
    assert split(s.allocations[2]) == [(PD, 1, 40_00)]
    assert s.installments[0].fee == 0
    assert s.installments[0].paid == 100_00


def test_partial_left_open_past_grace_is_charged():
    # $60 on Jan 13; the $40 still owed on Jan 17 is late: $10 fee.
    s = state([pay(1, D(2025, 1, 13), 60_00)], as_of=D(2025, 1, 17))
    assert s.installments[0].fee == 10_00
    assert s.amount_due_now == 50_00  # $40 + $10 fee


def test_credit_ahead_moves_paid_through_forward():
    # $350 on the first due date: #1 current, #2 and #3 ahead, $50 toward #4.
    s = state([pay(1, FIRST, 350_00)], as_of=FIRST)
    assert split(s.allocations[1]) == [(CUR, 1, 100_00), (AH, 2, 100_00), (AH, 3, 100_00), (AH, 4, 50_00)]
    assert s.paid_through == D(2025, 1, 27)
    assert s.installments_paid == 3
    assert s.credit_ahead == 250_00
    assert s.amount_due_now == 0
    assert s.next_due == D(2025, 2, 3)
    assert s.next_due_amount == 50_00
    assert s.suggested_payment == 50_00
    # Two weeks on, nothing more paid: still nothing due, no fees, credit shrinks as dates pass.
    s = state([pay(1, FIRST, 350_00)], as_of=D(2025, 1, 28))
    assert s.amount_due_now == 0
    assert s.days_late == 0
    assert s.fees_charged == 0
    assert s.credit_ahead == 50_00
    assert s.paid_through == D(2025, 1, 27)


def test_paying_ahead_then_the_next_payment_finishes_the_partly_paid_one():
    # $150 on Jan 13 (#1 + $50 of #2), then $100 on Jan 20: $50 finishes #2, $50 toward #3.
    s = state([pay(1, FIRST, 150_00), pay(2, D(2025, 1, 20), 100_00)], as_of=D(2025, 1, 20))
    assert split(s.allocations[2]) == [(CUR, 2, 50_00), (AH, 3, 50_00)]
    assert s.paid_through == D(2025, 1, 20)


# ---------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------


def test_payment_above_payoff_is_refused_naming_the_payoff():
    # No payments, as of Jan 20: $1,000 schedule + $10 fee on #1 = $1,010.00 payoff.
    s = state(as_of=D(2025, 1, 20))
    assert s.payoff == 1_010_00
    with pytest.raises(Refused) as caught:
        preview_payment(s, 1_010_01, D(2025, 1, 20))
    assert "$1,010.00" in caught.value.message
    assert "$1,010.01" in caught.value.message
    # Exactly the payoff is fine.
    alloc = preview_payment(s, 1_010_00, D(2025, 1, 20))
    assert alloc.total() == 1_010_00


@pytest.mark.parametrize("amount", [0, -1])
def test_payment_of_zero_or_less_is_refused(amount):
    with pytest.raises(Refused, match="more than zero"):
        allocate(amount, state().installments, FIRST)


def test_stored_payment_above_payoff_is_reported_not_applied():
    # An entry the rules would refuse (e.g. imported) must not change any balance.
    s = state([pay(1, FIRST, 2_000_00)], as_of=FIRST)
    assert 1 not in s.allocations
    assert s.total_paid == 0
    assert s.principal_remaining == 1_000_00
    assert len(s.problems) == 1 and "$1,000.00" in s.problems[0]


# ---------------------------------------------------------------------------
# Waivers, return, paid off
# ---------------------------------------------------------------------------


def test_waiver_removes_the_open_fee():
    entries = [waive(1, D(2025, 1, 20), installment=1)]
    s = state(entries, as_of=D(2025, 1, 20))
    assert s.installments[0].fee == 10_00
    assert s.installments[0].fee_waived == 10_00
    assert s.installments[0].fee_open == 0
    assert s.open_fees == 0
    assert s.fees_waived == 10_00
    # Due now: #1 and #2 (due today) = $200; no fee in it.
    assert s.amount_due_now == 200_00
    # A payment after the waiver goes straight to the installments.
    s = state(entries + [pay(2, D(2025, 1, 20), 200_00)], as_of=D(2025, 1, 20))
    assert split(s.allocations[2]) == [(PD, 1, 100_00), (CUR, 2, 100_00)]


def test_waiver_after_a_partly_paid_fee_waives_the_rest():
    entries = [pay(1, D(2025, 1, 20), 4_00), waive(2, D(2025, 1, 21), installment=1)]
    s = state(entries, as_of=D(2025, 1, 21))
    i1 = s.installments[0]
    assert (i1.fee, i1.fee_paid, i1.fee_waived, i1.fee_open) == (10_00, 4_00, 6_00, 0)
    assert (s.fees_charged, s.fees_paid, s.fees_waived, s.open_fees) == (10_00, 4_00, 6_00, 0)


def test_waiver_of_a_missing_installment_is_reported():
    s = state([waive(1, FIRST, installment=11)], as_of=FIRST)
    assert len(s.problems) == 1 and "11" in s.problems[0]


def test_return_cancels_the_rest_and_waives_open_fees():
    # #1 paid on time; nothing after. On Thu Jan 30 the vehicle comes back:
    # #2's $10 fee (charged Jan 24) is open, #2 and #3 are owed.
    entries = [pay(1, FIRST, 100_00), returned(2, D(2025, 1, 30))]
    s = state(entries, as_of=D(2025, 1, 30))
    assert s.status is Status.RETURNED
    assert s.payoff == 0
    assert s.principal_remaining == 0
    assert s.open_fees == 0
    assert s.fees_waived == 10_00
    assert s.amount_due_now == 0
    assert s.days_late == 0
    assert s.next_due is None
    assert s.suggested_payment == 0
    assert s.installments_paid == 1
    assert s.paid_through == FIRST
    assert [i.cancelled for i in s.installments] == [False] + [True] * 9
    # No fee is charged after the return (#3's check would have been Jan 31).
    later = state(entries, as_of=D(2025, 4, 30))
    assert later.fees_charged == 10_00
    assert later.payoff == 0
    with pytest.raises(Refused, match="returned"):
        preview_payment(later, 100_00, D(2025, 4, 30))


def test_payment_after_return_is_reported_not_applied():
    entries = [pay(1, FIRST, 100_00), returned(2, D(2025, 1, 30)), pay(3, D(2025, 2, 3), 100_00)]
    s = state(entries, as_of=D(2025, 2, 3))
    assert 3 not in s.allocations
    assert s.total_paid == 100_00
    assert len(s.problems) == 1


def test_return_keeps_a_partly_paid_installment_as_paid_money():
    # $150 then return: #2 had $50 paid; it is cancelled, nothing owed, the $50 is still counted paid.
    entries = [pay(1, FIRST, 150_00), returned(2, D(2025, 1, 15))]
    s = state(entries, as_of=D(2025, 1, 15))
    assert s.installments[1].cancelled
    assert s.installments[1].paid == 50_00
    assert s.installments[1].owed == 0
    assert s.total_paid == 150_00
    assert s.installments_paid == 1


def test_paying_everything_is_paid_off():
    s = state([pay(1, FIRST, 1_000_00)], as_of=FIRST)
    assert s.status is Status.PAID_OFF
    assert s.payoff == 0
    assert s.installments_paid == 10
    assert s.paid_through == D(2025, 3, 17)
    assert s.next_due is None
    assert s.suggested_payment == 0
    assert s.credit_ahead == 900_00
    with pytest.raises(Refused, match="paid off"):
        preview_payment(s, 1, FIRST)
    # Months later nothing is due and no fee appears.
    s = state([pay(1, FIRST, 1_000_00)], as_of=D(2025, 12, 31))
    assert (s.status, s.fees_charged, s.amount_due_now, s.credit_ahead) == (Status.PAID_OFF, 0, 0, 0)


def test_paying_installments_but_not_a_fee_is_not_paid_off():
    # $1,000 on Jan 20 pays #1's $10 fee first, so only $990 reaches the schedule:
    # the last installment is $10 short and the agreement is still active.
    entries = [pay(1, D(2025, 1, 20), 1_000_00)]
    s = state(entries, as_of=D(2025, 1, 20))
    assert s.status is Status.ACTIVE
    assert s.principal_remaining == 10_00  # the last installment is $10 short
    s = state(entries + [pay(2, D(2025, 1, 20), 10_00)], as_of=D(2025, 1, 20))
    assert s.status is Status.PAID_OFF


def test_paying_the_payoff_with_fees_is_paid_off():
    s = state([pay(1, D(2025, 1, 20), 1_010_00)], as_of=D(2025, 1, 20))
    assert s.status is Status.PAID_OFF
    assert s.fees_paid == 10_00
    assert s.total_paid == 1_010_00


# ---------------------------------------------------------------------------
# What the customer card shows
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "as_of", "due_now", "days_late", "next_due", "paid", "suggested"),
    [
        # Before the first due date: nothing due, next is #1, suggest the regular payment.
        ([], D(2025, 1, 10), 0, 0, FIRST, 0, 100_00),
        # On the first due date: #1 is due now (not late); next after today is #2.
        ([], FIRST, 100_00, 0, D(2025, 1, 20), 0, 100_00),
        # Inside grace: due now $100, 3 days late, no fee yet.
        ([], D(2025, 1, 16), 100_00, 3, D(2025, 1, 20), 0, 100_00),
        # Due + 4: $10 fee added.
        ([], D(2025, 1, 17), 110_00, 4, D(2025, 1, 20), 0, 110_00),
        # Paid on time, the day after: nothing due, suggest the next payment.
        ([pay(1, FIRST, 100_00)], D(2025, 1, 14), 0, 0, D(2025, 1, 20), 1, 100_00),
        # #1 paid; on Jan 21 #2 is one day late.
        ([pay(1, FIRST, 100_00)], D(2025, 1, 21), 100_00, 1, D(2025, 1, 27), 1, 100_00),
    ],
)
def test_customer_card_figures(entries, as_of, due_now, days_late, next_due, paid, suggested):
    s = state(entries, as_of=as_of)
    assert s.amount_due_now == due_now
    assert s.days_late == days_late
    assert s.next_due == next_due
    assert s.installments_paid == paid
    assert s.number_of_payments == 10
    assert s.suggested_payment == suggested


def test_suggested_payment_for_a_short_last_installment():
    # 3 installments: $100, $100, $40. After #1 and #2, the suggestion is the $40 left, not $100.
    schedule = weekly(3, 100_00, last=40_00)
    s = replay(schedule, FEE10, [pay(1, FIRST, 200_00)], D(2025, 1, 21))
    assert s.next_due == D(2025, 1, 27)
    assert s.next_due_amount == 40_00
    assert s.suggested_payment == 40_00
    assert s.payoff == 40_00


def test_counter_day_on_the_standard_agreement():
    # $9,000 price, $1,000 down, 104 weekly of $76.93 (last $76.21), $10 fee after 3 days.
    # Paid $76.93 on Jan 13; today is Fri Jan 24: #2 (due Jan 20) is 4 days late and has
    # its $10 fee (charged today, due + 4).
    terms = Terms.by_number_of_payments(
        cash_price=9_000_00, down_payment=1_000_00, number_of_payments=104,
        frequency=Frequency.WEEKLY, first_due=FIRST, late_fee=FEE10,
    )
    entries = [
        Entry(1, EntryKind.DOWN_PAYMENT, D(2025, 1, 6), 1_000_00),
        pay(2, FIRST, 76_93),
    ]
    s = replay(terms.schedule(), terms.late_fee, entries, D(2025, 1, 24))
    assert s.down_payment == 1_000_00
    assert s.total_paid == 76_93  # the down payment is not a schedule payment
    assert s.installments_paid == 1
    assert s.number_of_payments == 104
    assert s.paid_through == FIRST
    assert s.open_fees == 10_00
    assert s.amount_due_now == 86_93  # $76.93 + $10.00
    assert s.days_late == 4
    assert s.next_due == D(2025, 1, 27)
    assert s.next_due_amount == 76_93
    assert s.suggested_payment == 86_93
    # Payoff: $8,000.00 - $76.93 = $7,923.07, + $10 fee = $7,933.07.
    assert s.principal_remaining == 7_923_07
    assert s.payoff == 7_933_07
    assert s.regular_payment == 76_93


def test_percent_fee_on_the_standard_agreement_rounds_half_up():
    # 5% of $76.93 = 384.65 cents -> $3.85; of the last $76.21 = 381.05 -> $3.81.
    policy = LateFeePolicy(grace_days=3, percent_bp=500)
    terms = Terms.by_number_of_payments(
        cash_price=9_000_00, down_payment=1_000_00, number_of_payments=104,
        frequency=Frequency.WEEKLY, first_due=FIRST, late_fee=policy,
    )
    s = replay(terms.schedule(), policy, [], D(2027, 1, 8))  # last due 2027-01-04, checked Jan 8
    assert s.installments[0].fee == 3_85
    assert s.installments[-1].fee == 3_81
    assert s.fees_charged == 103 * 3_85 + 3_81


def test_refund_and_down_payment_are_kept_apart_from_the_schedule():
    entries = [
        Entry(1, EntryKind.DOWN_PAYMENT, D(2025, 1, 6), 500_00),
        pay(2, FIRST, 100_00),
        returned(3, D(2025, 1, 20)),
        Entry(4, EntryKind.REFUND, D(2025, 1, 21), 50_00),
    ]
    s = state(entries, as_of=D(2025, 1, 21))
    assert (s.down_payment, s.total_paid, s.refunded) == (500_00, 100_00, 50_00)
    assert s.status is Status.RETURNED


def test_entries_after_as_of_are_ignored():
    s = state([pay(1, D(2025, 1, 20), 100_00)], as_of=D(2025, 1, 16))
    assert s.total_paid == 0
    assert s.allocations == {}


def test_same_entries_same_answer_whatever_order_they_are_loaded_in():
    # Replay orders by date and id itself; the store may hand entries back in any order.
    entries = [
        pay(1, FIRST, 60_00),
        pay(2, D(2025, 1, 24), 200_00),
        waive(3, D(2025, 1, 24), installment=2),
        pay(4, D(2025, 1, 24), 15_00),
    ]
    forward = state(entries, as_of=D(2025, 2, 5))
    assert forward == state(list(reversed(entries)), as_of=D(2025, 2, 5))
    # Same date, same answer on a second replay (nothing carried over between replays).
    assert forward == state(entries, as_of=D(2025, 2, 5))


# ---------------------------------------------------------------------------
# Voids
# ---------------------------------------------------------------------------


def test_void_reverses_a_payment_and_later_payments_reallocate():
    # $100 on Jan 13 (#1) and $100 on Jan 20 (#2); on Wed Jan 22 the first is voided.
    entries = [pay(1, FIRST, 100_00), pay(2, D(2025, 1, 20), 100_00), void(3, D(2025, 1, 22), reverses=1)]

    # The day before the void both count.
    before = state(entries, as_of=D(2025, 1, 21))
    assert split(before.allocations[2]) == [(CUR, 2, 100_00)]
    assert before.paid_through == D(2025, 1, 20)

    # From the void on, payment 1 never happened: #1 was unpaid on Jan 17 so it has a $10 fee,
    # and payment 2 on Jan 20 re-allocates: $10 fee on #1, then $90 of #1 (past due).
    after = state(entries, as_of=D(2025, 1, 22))
    assert set(after.allocations) == {2}
    assert split(after.allocations[2]) == [(F, 1, 10_00), (PD, 1, 90_00)]
    assert after.total_paid == 100_00
    assert after.paid_through is None
    assert after.installments_paid == 0
    assert [i.owed for i in after.installments[:2]] == [10_00, 100_00]
    assert after.amount_due_now == 110_00  # #1 $10 + #2 $100; the fee is paid
    assert after.past_due == 110_00
    assert after.days_late == 9  # since Jan 13
    assert after.problems == ()
    # And it equals never having taken payment 1.
    assert after == state([entries[1]], as_of=D(2025, 1, 22))


def test_voided_payment_of_a_missing_entry_is_reported():
    s = state([void(5, FIRST, reverses=4)], as_of=FIRST)
    assert len(s.problems) == 1 and "4" in s.problems[0]


def test_void_of_the_only_payment_restores_the_open_fee():
    # $110 on Jan 17 paid #1 and its fee; voiding it leaves both open again.
    entries = [pay(1, D(2025, 1, 17), 110_00), void(2, D(2025, 1, 18), reverses=1)]
    s = state(entries, as_of=D(2025, 1, 18))
    assert s.open_fees == 10_00
    assert s.installments[0].owed == 100_00
    assert s.total_paid == 0
    assert s.amount_due_now == 110_00
