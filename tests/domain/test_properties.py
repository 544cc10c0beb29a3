"""Properties of the ledger replay over random schedules, fee policies and payments.

A random agreement is 3-30 weekly installments (a regular amount and a last one
no larger), a random late-fee policy (none, flat, or percent with or without a
cap) and a run of payments on non-decreasing dates, each between 1 cent and
the payoff on its date (so the rules never have a reason to refuse it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from lto_desk.domain.ledger import Bucket, Entry, EntryKind, Status, replay
from lto_desk.domain.terms import Installment, LateFeePolicy

FIRST = dt.date(2025, 1, 13)
SETTINGS = settings(max_examples=200, deadline=None)
BUCKET_ORDER = [Bucket.FEE, Bucket.PAST_DUE, Bucket.CURRENT, Bucket.AHEAD]


@dataclass
class Scenario:
    schedule: list[Installment]
    policy: LateFeePolicy
    payments: list[Entry]  # ids 1..k in posting order, dates non-decreasing

    @property
    def last_date(self) -> dt.date:
        return self.payments[-1].on if self.payments else FIRST


@st.composite
def schedules(draw) -> list[Installment]:
    n = draw(st.integers(min_value=3, max_value=30))
    regular = draw(st.integers(min_value=1, max_value=500_00))
    last = draw(st.integers(min_value=1, max_value=regular))
    first = FIRST + dt.timedelta(days=draw(st.integers(min_value=0, max_value=6)))
    amounts = [regular] * (n - 1) + [last]
    return [Installment(k + 1, first + dt.timedelta(weeks=k), a) for k, a in enumerate(amounts)]


policies = st.one_of(
    st.just(LateFeePolicy()),
    st.builds(
        LateFeePolicy,
        grace_days=st.integers(min_value=0, max_value=10),
        flat=st.integers(min_value=1, max_value=50_00),
    ),
    st.builds(
        LateFeePolicy,
        grace_days=st.integers(min_value=0, max_value=10),
        percent_bp=st.integers(min_value=1, max_value=2_500),
        cap=st.one_of(st.just(0), st.integers(min_value=1, max_value=50_00)),
    ),
)


@st.composite
def scenarios(draw, min_payments: int = 0, max_payments: int = 8) -> Scenario:
    schedule = draw(schedules())
    policy = draw(policies)
    wanted = draw(st.integers(min_value=min_payments, max_value=max_payments))
    on = schedule[0].due - dt.timedelta(days=draw(st.integers(min_value=0, max_value=10)))
    payments: list[Entry] = []
    for k in range(1, wanted + 1):
        on += dt.timedelta(days=draw(st.integers(min_value=0, max_value=21)))
        # The payoff on that date, with everything posted before (this payment is the
        # last one of its day, after that day's fee checks, exactly as replay orders it).
        payoff = replay(schedule, policy, payments, on).payoff
        if payoff == 0:
            break
        amount = draw(
            st.one_of(
                st.integers(min_value=1, max_value=payoff),
                st.just(payoff),
                st.just(min(schedule[0].amount, payoff)),
            )
        )
        payments.append(Entry(k, EntryKind.PAYMENT, on, amount))
    return Scenario(schedule, policy, payments)


def _check_non_negative(state) -> None:
    assert state.payoff >= 0
    assert state.principal_remaining >= 0
    assert state.amount_due_now >= 0
    assert state.past_due >= 0
    assert state.open_fees >= 0
    assert state.credit_ahead >= 0
    assert state.next_due_amount >= 0
    assert state.days_late >= 0
    for i in state.installments:
        assert i.owed >= 0, i
        assert i.fee_open >= 0, i
        assert i.paid <= i.amount, i


# (1) Every allocation's lines sum exactly to its payment.
@SETTINGS
@given(scenario=scenarios(min_payments=1), later=st.integers(min_value=0, max_value=60))
def test_allocations_sum_to_the_payment(scenario, later):
    as_of = scenario.last_date + dt.timedelta(days=later)
    state = replay(scenario.schedule, scenario.policy, scenario.payments, as_of)
    assert state.problems == ()  # none of them was above its day's payoff
    assert set(state.allocations) == {p.id for p in scenario.payments}
    for p in scenario.payments:
        alloc = state.allocations[p.id]
        assert sum(l.amount for l in alloc.lines) == p.amount
        assert alloc.total() == p.amount
        assert all(l.amount > 0 for l in alloc.lines)
        # Served in order: fees, past due, current (at most one), ahead.
        ranks = [BUCKET_ORDER.index(l.bucket) for l in alloc.lines]
        assert ranks == sorted(ranks)
        assert sum(1 for l in alloc.lines if l.bucket is Bucket.CURRENT) <= 1
    assert state.total_paid == sum(p.amount for p in scenario.payments)
    # Money in = money placed: fees paid + installments paid.
    assert state.total_paid == state.fees_paid + sum(i.paid for i in state.installments)


# (2) Voiding the last payment gives exactly the state without it.
@SETTINGS
@given(
    scenario=scenarios(min_payments=1),
    void_after=st.integers(min_value=0, max_value=30),
    look_after=st.integers(min_value=0, max_value=60),
)
def test_void_of_the_last_payment_restores_the_prior_state(scenario, void_after, look_after):
    last = scenario.payments[-1]
    void_on = last.on + dt.timedelta(days=void_after)
    as_of = void_on + dt.timedelta(days=look_after)
    void = Entry(last.id + 1, EntryKind.VOID, void_on, reverses=last.id)
    with_void = replay(scenario.schedule, scenario.policy, scenario.payments + [void], as_of)
    without = replay(scenario.schedule, scenario.policy, scenario.payments[:-1], as_of)
    assert with_void == without


# (2b) The same for any payment, not only the last: later ones re-allocate as if it never was.
@SETTINGS
@given(
    scenario=scenarios(min_payments=1),
    data=st.data(),
    void_after=st.integers(min_value=0, max_value=30),
    look_after=st.integers(min_value=0, max_value=60),
)
def test_void_of_any_payment_equals_never_taking_it(scenario, data, void_after, look_after):
    index = data.draw(st.integers(min_value=0, max_value=len(scenario.payments) - 1))
    target = scenario.payments[index]
    void_on = scenario.last_date + dt.timedelta(days=void_after)
    as_of = void_on + dt.timedelta(days=look_after)
    void = Entry(len(scenario.payments) + 1, EntryKind.VOID, void_on, reverses=target.id)
    with_void = replay(scenario.schedule, scenario.policy, scenario.payments + [void], as_of)
    rest = [p for p in scenario.payments if p.id != target.id]
    without = replay(scenario.schedule, scenario.policy, rest, as_of)
    assert with_void == without


# (3) Balances never go negative, whatever mix of payments, waivers and a return.
@SETTINGS
@given(
    scenario=scenarios(),
    waivers=st.lists(
        st.tuples(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=30)), max_size=4
    ),
    return_on=st.one_of(st.none(), st.integers(min_value=0, max_value=200)),
    look=st.lists(st.integers(min_value=-10, max_value=250), min_size=1, max_size=5),
)
def test_balances_never_go_negative(scenario, waivers, return_on, look):
    n = len(scenario.schedule)
    entries = list(scenario.payments)
    next_id = len(entries) + 1
    for days, installment in waivers:
        if installment <= n:
            entries.append(Entry(next_id, EntryKind.FEE_WAIVER, FIRST + dt.timedelta(days=days), installment=installment))
            next_id += 1
    if return_on is not None:
        entries.append(Entry(next_id, EntryKind.RETURN, FIRST + dt.timedelta(days=return_on)))
    for days in look:
        state = replay(scenario.schedule, scenario.policy, entries, FIRST + dt.timedelta(days=days))
        _check_non_negative(state)
        assert state.payoff == state.principal_remaining + state.open_fees
        assert 0 <= state.suggested_payment <= state.payoff
        if state.status is Status.RETURNED:
            assert state.payoff == 0


# (4) paid-through never moves back when a payment is added.
@SETTINGS
@given(scenario=scenarios(min_payments=1), later=st.integers(min_value=0, max_value=60))
def test_paid_through_never_moves_back(scenario, later):
    as_of = scenario.last_date + dt.timedelta(days=later)
    previous = replay(scenario.schedule, scenario.policy, [], as_of)
    for k in range(1, len(scenario.payments) + 1):
        state = replay(scenario.schedule, scenario.policy, scenario.payments[:k], as_of)
        if previous.paid_through is not None:
            assert state.paid_through is not None
            assert state.paid_through >= previous.paid_through
        assert state.installments_paid >= previous.installments_paid
        assert state.principal_remaining <= previous.principal_remaining
        previous = state
