"""An agreement brought over from another system replays to the source's position."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.ledger import Entry, EntryKind, replay
from lto_desk.domain.opening import OpeningProblem, opening_position
from lto_desk.domain.terms import Frequency, LateFeePolicy

TODAY = dt.date(2026, 12, 7)
FEE = LateFeePolicy(grace_days=3, flat=1500)


def _replayed(opening, as_of=TODAY, more=()):
    entries = [Entry(1, EntryKind.OPENING, TODAY, opening.paid)]
    if opening.fees:
        entries.append(Entry(2, EntryKind.OPENING_FEE, TODAY, opening.fees, installment=opening.fee_installment))
    return replay(opening.schedule, opening.terms.late_fee, entries + list(more), as_of)


def _weekly(**position):
    base = dict(cash_price=800000, down_payment=100000, payment_amount=10000, frequency=Frequency.WEEKLY,
                number_of_payments=70, as_of=TODAY, policy=FEE)
    return opening_position(**(base | position))


def test_payments_made_give_the_balance_next_due_and_fees_of_the_source():
    # 12 weekly payments made; behind since 11/23 (two weeks), $30.00 in late fees owed.
    opening = _weekly(payments_made=12, next_due=dt.date(2026, 11, 23), late_fees_due=3000)
    assert opening.terms.first_due == dt.date(2026, 8, 31)
    state = _replayed(opening)
    assert state.problems == ()
    assert state.principal_remaining == 700000 - 12 * 10000
    assert state.installments_paid == 12 and state.paid_through == dt.date(2026, 11, 16)
    assert state.open_fees == 3000  # the source's fees only: none charged again for 11/23 or 11/30
    assert state.past_due == 2 * 10000
    assert state.paid_before == 120000 and state.paid_in == 120000


def test_a_balance_with_a_part_payment_keeps_the_part_toward_the_next_installment():
    opening = _weekly(balance=700000 - 12 * 10000 - 4000, next_due=dt.date(2026, 12, 14))
    state = _replayed(opening)
    assert state.principal_remaining == 576000
    assert state.installments_paid == 12
    assert state.installments[12].paid == 4000 and state.installments[12].due == dt.date(2026, 12, 14)
    assert state.open_fees == 0 and state.amount_due_now == 0


def test_fees_after_the_opening_are_charged_by_the_agreements_own_policy():
    opening = _weekly(payments_made=12, next_due=dt.date(2026, 12, 14))
    later = _replayed(opening, as_of=dt.date(2026, 12, 18))  # 12/14 + 3 grace days passed
    assert later.open_fees == 1500


def test_a_payment_after_the_opening_pays_the_fees_brought_over_first():
    opening = _weekly(payments_made=12, next_due=dt.date(2026, 11, 30), late_fees_due=1500)
    state = _replayed(opening, more=[Entry(3, EntryKind.PAYMENT, TODAY, 11500)])
    assert state.open_fees == 0
    assert state.allocations[3].fees == 1500 and state.allocations[3].past_due == 10000


def test_a_monthly_account_steps_back_whole_months():
    opening = opening_position(cash_price=600000, down_payment=0, payment_amount=25000, frequency=Frequency.MONTHLY,
                               number_of_payments=24, payments_made=5, next_due=dt.date(2027, 1, 31),
                               as_of=TODAY, policy=FEE)
    assert opening.terms.first_due == dt.date(2026, 8, 31)
    assert _replayed(opening).principal_remaining == 600000 - 5 * 25000


def test_a_semi_monthly_account_steps_back_over_its_two_days():
    opening = opening_position(cash_price=300000, down_payment=0, payment_amount=10000, frequency=Frequency.SEMI_MONTHLY,
                               number_of_payments=30, payments_made=3, next_due=dt.date(2026, 12, 15),
                               as_of=TODAY, policy=FEE)
    assert opening.terms.first_due == dt.date(2026, 11, 1)
    assert opening.next_due == dt.date(2026, 12, 15)


@pytest.mark.parametrize("position, column, words", [
    (dict(payments_made=12, balance=600000, next_due=dt.date(2026, 11, 23)), "balance", "is 10 payments made, not 12"),
    (dict(payments_made=12, next_due=dt.date(2026, 11, 24), first_due=dt.date(2026, 9, 7)), "next_due", "not on the schedule"),
    (dict(payments_made=80, next_due=dt.date(2026, 11, 23)), "payments_made", "between 0 and 70"),
    (dict(balance=900000, next_due=dt.date(2026, 11, 23)), "balance", "more than the amount financed"),
    (dict(balance=0, next_due=dt.date(2026, 11, 23)), "balance", "paid in full"),
    (dict(payments_made=0, next_due=dt.date(2026, 12, 21), late_fees_due=1500), "late_fees_due", "no payment has been late"),
    (dict(next_due=dt.date(2026, 11, 23)), "payments_made", "payments made or the balance"),
])
def test_figures_that_do_not_fit_name_the_column(position, column, words):
    with pytest.raises(OpeningProblem) as caught:
        _weekly(**position)
    assert caught.value.field == column and words in caught.value.message


def test_fees_owed_before_a_late_fee_day_sit_on_the_installment_already_due_and_are_not_charged_twice():
    # First payment due 12/03, paid; 3 grace days: our fee day would be 12/07 + 1; the old system charged $15.
    opening = _weekly(payments_made=1, next_due=dt.date(2026, 12, 10), first_due=dt.date(2026, 12, 3),
                      as_of=dt.date(2026, 12, 6), late_fees_due=1500)
    assert opening.fee_installment == 1
    later = replay(opening.schedule, FEE, [Entry(1, EntryKind.OPENING, dt.date(2026, 12, 6), opening.paid),
                                           Entry(2, EntryKind.OPENING_FEE, dt.date(2026, 12, 6), 1500, installment=1)],
                   dt.date(2026, 12, 9))
    assert later.open_fees == 1500


def test_terms_that_do_not_cover_the_amount_financed_name_the_term():
    with pytest.raises(OpeningProblem) as caught:
        _weekly(number_of_payments=50, payments_made=3, next_due=dt.date(2026, 12, 14))
    assert caught.value.field == "number_of_payments" and "do not cover" in caught.value.message


def test_a_payment_history_brought_over_is_allocated_as_payments_are_and_counts_as_paid_before():
    opening = _weekly(payments_made=2, next_due=dt.date(2026, 11, 23), first_due=dt.date(2026, 11, 9))
    history = [Entry(1, EntryKind.PAST_PAYMENT, dt.date(2026, 11, 9), 10000),
               Entry(2, EntryKind.PAST_PAYMENT, dt.date(2026, 11, 20), 11500)]  # late: the $15 fee first
    state = replay(opening.schedule, FEE, history, TODAY)
    assert state.total_paid == 0 and state.paid_before == 21500
    assert state.allocations[2].fees == 1500 and state.installments_paid == 2
    assert state.principal_remaining == 700000 - 20000
