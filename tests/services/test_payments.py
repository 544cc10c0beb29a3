"""Taking, refusing and voiding payments against a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import InvalidInput, NotAllowed, Refused
from lto_desk.domain.ledger import Status
from lto_desk.domain.returns import CONDITION_PARTS
from lto_desk.services import agreements, clerks, payments
from lto_desk.services.integrity import verify
from lto_desk.store.models import Agreement, Counter, JournalRow, LedgerEntry, Vehicle

MON = dt.datetime(2025, 1, 13, 10, 0)  # first due date


def counts():
    return (
        LedgerEntry.select().count(),
        Counter.get(Counter.name == "receipt").value,
        JournalRow.select().count(),
    )


def test_payment_on_the_due_date_pays_the_current_installment(clerk, agreement):
    r = payments.take_payment(clerk, agreement, 7693, "cash", tendered=10000, at=MON)
    assert r.receipt_number == 2  # 1 was the down payment
    assert (r.fees, r.past_due, r.current, r.ahead) == (0, 0, 7693, 0)
    assert r.tender.change == 2307
    assert (r.installments_paid, r.number_of_payments) == (1, 104)
    assert r.next_due == dt.date(2025, 1, 20) and r.next_due_amount == 7693
    assert r.balance_after == 800_000 - 7693
    assert r.clerk_name == "Carla Clerk" and r.customer_name == "María García"
    assert r.journal_code and len(r.journal_code) == 8
    row = Agreement.get_by_id(agreement)
    assert (row.paid_through, row.installments_paid, row.principal_remaining) == (dt.date(2025, 1, 13), 1, 800_000 - 7693)


def test_late_payment_pays_fee_then_past_due_then_current(clerk, agreement):
    # Nothing paid for the Jan 13 and Jan 20 installments; on Jan 27 both have a $10 fee
    # (charged Jan 17 and Jan 24) and the Jan 27 installment is current.
    r = payments.take_payment(clerk, agreement, 20000, "money_order", reference="mo-5531", at=dt.datetime(2025, 1, 27, 15))
    assert r.fees == 2000
    assert r.past_due == 2 * 7693
    assert r.current == 20000 - 2000 - 2 * 7693  # 2614 toward the Jan 27 installment
    assert r.tender.reference == "MO-5531"


def test_payment_above_the_payoff_is_refused_naming_the_payoff_and_nothing_is_written(clerk, agreement):
    before = counts()
    with pytest.raises(Refused) as err:
        payments.take_payment(clerk, agreement, 800_001, at=MON)
    assert "$8,000.00" in err.value.message
    assert counts() == before


@pytest.mark.parametrize(
    "method, reference, message",
    [
        ("card", "4111111111111111", "only the last 4"),
        ("card", "12a4", "digits only"),
        ("check", "", "check number"),
    ],
)
def test_bad_method_details_are_refused_and_nothing_is_written(clerk, agreement, method, reference, message):
    before = counts()
    with pytest.raises(InvalidInput) as err:
        payments.take_payment(clerk, agreement, 7693, method, reference=reference, at=MON)
    assert message in err.value.message
    assert counts() == before


def test_the_same_request_posted_twice_is_one_payment(clerk, agreement):
    first = payments.take_payment(clerk, agreement, 7693, request_id="form-1", at=MON)
    again = payments.take_payment(clerk, agreement, 7693, request_id="form-1", at=MON)
    assert again.receipt_number == first.receipt_number
    assert LedgerEntry.select().where(LedgerEntry.kind == "payment").count() == 1


def test_a_clerk_cannot_void_a_payment(clerk, agreement):
    r = payments.take_payment(clerk, agreement, 7693, at=MON)
    before = counts()
    with pytest.raises(NotAllowed):
        payments.void_payment(clerk, r.receipt_number, "typed the wrong amount", at=MON)
    assert counts() == before


def test_a_clerk_with_a_managers_approval_voids_and_later_payments_reallocate(clerk, manager, agreement):
    first = payments.take_payment(clerk, agreement, 7693, at=MON)
    second = payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 20, 10))
    approval = clerks.approve("Marcus Manager", "2222", "void a payment")
    void = payments.void_payment(
        clerk, first.receipt_number, "posted to the wrong customer", approved_by=approval,
        at=dt.datetime(2025, 1, 20, 11),
    )
    assert void.approved_by == "Marcus Manager" and void.amount == 7693
    state = agreements.agreement_state(manager, agreement, dt.date(2025, 1, 20))
    # The second payment now covers the Jan 13 installment; Jan 13 was unpaid on
    # Jan 17, so a $10 fee is open, and the Jan 20 installment is owed.
    assert state.installments[0].paid == 7693 - 1000
    assert state.installments[0].fee == 1000
    assert state.installments_paid == 0
    assert state.amount_due_now == 1000 + 7693
    # The voided receipt keeps its number and shows as voided; numbers never reused.
    assert payments.receipt_for(clerk, first.receipt_number).voided
    third = payments.take_payment(clerk, agreement, 100, at=dt.datetime(2025, 1, 20, 12))
    assert third.receipt_number == second.receipt_number + 1
    assert verify().ok


def test_a_payment_cannot_be_voided_twice(manager, agreement):
    r = payments.take_payment(manager, agreement, 7693, at=MON)
    payments.void_payment(manager, r.receipt_number, "duplicate", at=MON)
    with pytest.raises(Refused, match="already voided"):
        payments.void_payment(manager, r.receipt_number, "duplicate", at=MON)


def test_a_void_needs_a_reason(manager, agreement):
    r = payments.take_payment(manager, agreement, 7693, at=MON)
    with pytest.raises(InvalidInput, match="reason"):
        payments.void_payment(manager, r.receipt_number, "  ", at=MON)


def test_the_payoff_closes_the_agreement_and_titles_the_vehicle(clerk, manager, agreement):
    state = agreements.agreement_state(manager, agreement, MON.date())
    r = payments.take_payment(clerk, agreement, state.payoff, at=MON)
    assert r.paid_off and r.balance_after == 0
    row = Agreement.get_by_id(agreement)
    assert row.status == Status.PAID_OFF.value and row.closed_on == MON.date()
    assert Vehicle.get_by_id(row.vehicle_id).status == "titled"
    with pytest.raises(Refused, match="paid off"):
        payments.take_payment(clerk, agreement, 100, at=MON)
    # Voiding the payoff reopens it and the vehicle goes back on agreement.
    payments.void_payment(manager, r.receipt_number, "check returned by the bank", at=MON)
    row = Agreement.get_by_id(agreement)
    assert row.status == Status.ACTIVE.value and row.closed_on is None
    assert Vehicle.get_by_id(row.vehicle_id).status == "on_agreement"
    assert verify().ok


def test_waiving_a_fee_needs_a_manager_and_a_reason(clerk, manager, agreement):
    late = dt.datetime(2025, 1, 20, 10)  # Jan 13 unpaid: $10 fee since Jan 17
    with pytest.raises(NotAllowed):
        agreements.waive_fee(clerk, agreement, 1, "car was in our shop", at=late)
    waived = agreements.waive_fee(clerk, agreement, 1, "car was in our shop", approved_by=manager, at=late)
    assert waived == 1000
    assert agreements.agreement_state(manager, agreement, late.date()).open_fees == 0
    with pytest.raises(Refused, match="no open late fee"):
        agreements.waive_fee(manager, agreement, 1, "again", at=late)


def test_a_promise_to_pay_is_recorded_and_checked(clerk, agreement):
    at = dt.datetime(2025, 1, 20, 10)
    pid = agreements.record_promise(clerk, agreement, dt.date(2025, 1, 24), 15386, "payday Friday", at=at)
    assert pid > 0
    with pytest.raises(InvalidInput, match="past"):
        agreements.record_promise(clerk, agreement, dt.date(2025, 1, 19), 100, at=at)
    with pytest.raises(InvalidInput, match="payoff"):
        agreements.record_promise(clerk, agreement, dt.date(2025, 1, 24), 900_000, at=at)


def test_a_return_means_nothing_more_is_owed(clerk, manager, agreement):
    at = dt.datetime(2025, 2, 3, 10)
    payments.take_payment(clerk, agreement, 7693, at=MON)
    state = agreements.return_vehicle(
        clerk, agreement, "cannot_afford", odometer=120_500, keys_returned=2,
        condition={part: {"rating": "good"} for part in CONDITION_PARTS}, approved_by=manager, at=at,
    )
    assert state.status is Status.RETURNED and state.payoff == 0 and state.open_fees == 0
    assert state.total_paid == 7693  # payments made stay as they are
    row = Agreement.get_by_id(agreement)
    assert Vehicle.get_by_id(row.vehicle_id).status == "needs_inspection"
    assert row.customer.welcome_back
    with pytest.raises(Refused):
        payments.take_payment(clerk, agreement, 100, at=at)
    with pytest.raises(Refused, match="active"):
        agreements.return_vehicle(manager, agreement, "other", reason_text="again", at=at)
    assert verify().ok
