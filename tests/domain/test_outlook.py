"""The outlook from the cached agreement state must equal a full replay, on every
later day, whatever the payments, voids and fee waivers were."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from lto_desk.domain.ledger import Entry, EntryKind, Status, replay
from lto_desk.domain.outlook import cached_parts, of_state, outlook
from lto_desk.domain.terms import Installment, LateFeePolicy

START = dt.date(2025, 1, 6)


def schedule_of(count: int, amount: int, step: int, last: int) -> list[Installment]:
    lines = [Installment(n, START + dt.timedelta(days=step * (n - 1)), amount) for n in range(1, count + 1)]
    lines[-1] = Installment(count, lines[-1].due, last)
    return lines


def from_cache(schedule, policy, state, as_of):
    toward_next, carry = cached_parts(state)
    return outlook(
        policy=policy,
        lines=[(i.number, i.due, i.amount) for i in schedule[state.installments_paid:]],
        paid_toward_next=toward_next,
        fee_carry=carry,
        principal_remaining=state.principal_remaining,
        as_of=as_of,
    )


@st.composite
def histories(draw):
    count = draw(st.integers(2, 30))
    amount = draw(st.integers(1_00, 300_00))
    schedule = schedule_of(count, amount, draw(st.sampled_from([7, 14, 30])), draw(st.integers(1_00, amount)))
    if draw(st.booleans()):
        policy = LateFeePolicy(grace_days=draw(st.integers(0, 10)), flat=draw(st.integers(0, 25_00)))
    else:
        policy = LateFeePolicy(
            grace_days=draw(st.integers(0, 10)), percent_bp=draw(st.integers(1, 2_000)),
            cap=draw(st.sampled_from([0, 5_00, 50_00])),
        )
    entries: list[Entry] = []
    day = START - dt.timedelta(days=3)
    payments: list[int] = []
    for n in range(1, draw(st.integers(0, 25)) + 1):
        day += dt.timedelta(days=draw(st.integers(0, 40)))
        what = draw(st.sampled_from(["pay", "pay", "pay", "void", "waive"]))
        if what == "pay":
            entries.append(Entry(n, EntryKind.PAYMENT, day, draw(st.integers(1, amount * 2))))
            payments.append(n)
        elif what == "void" and payments:
            entries.append(Entry(n, EntryKind.VOID, day, 0, reverses=payments.pop(draw(st.integers(0, len(payments) - 1)))))
        elif what == "waive":
            entries.append(Entry(n, EntryKind.FEE_WAIVER, day, 0, installment=draw(st.integers(1, count))))
    later = [day + dt.timedelta(days=d) for d in draw(st.lists(st.integers(0, 400), min_size=1, max_size=4))]
    return schedule, policy, entries, day, later


@settings(max_examples=400, deadline=None)
@given(histories())
def test_outlook_from_the_cache_equals_the_replay_on_every_later_day(history):
    schedule, policy, entries, last_entry_day, later = history
    cached = replay(schedule, policy, entries, last_entry_day)
    if cached.problems or cached.status is not Status.ACTIVE:
        return  # an overpayment is refused at the counter; a closed agreement has no outlook
    for as_of in [last_entry_day, *later]:
        full = replay(schedule, policy, entries, as_of)
        assert from_cache(schedule, policy, cached, as_of) == of_state(full)


def test_a_partial_late_payment_leaves_a_negative_fee_carry_that_the_outlook_accounts_for():
    schedule = schedule_of(10, 100_00, 7, 100_00)
    policy = LateFeePolicy(grace_days=3, flat=10_00)
    # Installment 1 (due Jan 6) is checked on Jan 10: $10 fee. $50 on Jan 12 pays the fee, then $40.
    entries = [Entry(1, EntryKind.PAYMENT, dt.date(2025, 1, 12), 50_00)]
    cached = replay(schedule, policy, entries, dt.date(2025, 1, 12))
    assert cached_parts(cached) == (40_00, -10_00)
    # Jan 20: installment 2 (Jan 13) is late too, its fee charged Jan 17; installment 3 falls due today.
    later = dt.date(2025, 1, 20)
    seen = from_cache(schedule, policy, cached, later)
    assert seen == of_state(replay(schedule, policy, entries, later))
    assert (seen.open_fees, seen.past_due, seen.amount_due_now, seen.days_late) == (10_00, 160_00, 270_00, 14)
    assert seen.next_due == dt.date(2025, 1, 27)
