"""Many agreements, payments, voids, payoffs, returns and refunds in a random
but repeatable order: `verify` must pass afterwards, and the books must add up."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from helpers import make_vin
from lto_desk.domain.errors import LtoError
from lto_desk.domain.ledger import EntryKind, Status
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.domain.returns import CONDITION_PARTS
from lto_desk.services import agreements, customers, payments, vehicles
from lto_desk.services.integrity import verify
from lto_desk.store.models import Agreement, LedgerEntry, Vehicle

GOOD = {part: {"rating": "good"} for part in CONDITION_PARTS}
START = dt.datetime(2025, 1, 6, 9, 0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_verify_passes_after_many_agreements_payments_voids_payoffs_and_returns(seed, owner, manager, clerk):
    rng = random.Random(seed)
    frequencies = list(Frequency)
    live: list[int] = []
    receipts: list[int] = []
    counts = {"opened": 0, "payments": 0, "voids": 0, "payoffs": 0, "returns": 0, "refunds": 0, "inspected": 0}
    day = START
    for n in range(40):
        day += dt.timedelta(days=rng.randrange(0, 4), minutes=rng.randrange(1, 300))
        cid = customers.add_customer(clerk, customers.NewCustomer(f"Cust{n}", f"Family{n % 7}"), at=day)
        price = rng.randrange(300_000, 1_200_000, 500)
        vid = vehicles.add_vehicle(
            manager, vehicles.NewVehicle(make_vin(20_000 + n), 2010 + n % 10, "Ford", "Focus", f"R{n:03d}",
                                         price=price, odometer=80_000), at=day,
        )
        frequency = rng.choice(frequencies)
        first_due = day.date() + dt.timedelta(days=7)
        if frequency is Frequency.SEMI_MONTHLY:  # falls on the 1st or the 15th
            first_due = first_due.replace(day=15) if first_due.day <= 15 else (
                first_due.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        terms = Terms.by_payment_amount(
            cash_price=price, down_payment=rng.randrange(0, 100_000, 500),
            payment_amount=rng.randrange(40_000, 150_000, 500) // (4 if n % 2 else 1),
            frequency=frequency, first_due=first_due,
            late_fee=LateFeePolicy(3, 1000),
        )
        opened = agreements.open_agreement(manager, cid, vid, terms, down_tendered=None, at=day)
        counts["opened"] += 1
        if opened.down_payment:
            receipts.append(opened.down_payment.receipt_number)
        live.append(opened.agreement_id)

        for _ in range(rng.randrange(2, 9)):
            day += dt.timedelta(days=rng.randrange(1, 6), minutes=rng.randrange(1, 90))
            aid = rng.choice(live)
            state = agreements.agreement_state(owner, aid, day.date())
            roll = rng.random()
            try:
                if roll < 0.6:
                    amount = min(state.payoff, max(100, state.amount_due_now or state.next_due_amount))
                    if rng.random() < 0.15:
                        amount = state.payoff  # pay it off
                    result = payments.take_payment(clerk, aid, amount, at=day)
                    receipts.append(result.receipt_number)
                    counts["payments"] += 1
                    if result.paid_off:
                        counts["payoffs"] += 1
                        live.remove(aid)
                elif roll < 0.75 and receipts:
                    number = rng.choice(receipts)
                    payments.void_payment(clerk, number, "typed the wrong amount", approved_by=manager, at=day)
                    counts["voids"] += 1
                elif roll < 0.85:
                    agreements.return_vehicle(manager, aid, "cannot_afford", condition=GOOD, keys_returned=2, at=day)
                    counts["returns"] += 1
                    live.remove(aid)
                    most = agreements.refundable(owner, aid, day.date())
                    if most and rng.random() < 0.5:
                        agreements.goodwill_refund(manager, aid, max(1, most // 3), "goodwill", at=day)
                        counts["refunds"] += 1
                    vehicle = Agreement.get_by_id(aid).vehicle_id
                    if rng.random() < 0.5:
                        vehicles.mark_inspected(manager, vehicle, "checked over", at=day)
                        counts["inspected"] += 1
                else:
                    continue
            except LtoError:
                # A refusal (voiding a void, paying a closed agreement...) must change nothing.
                pass
            if not live:
                break

    assert counts["opened"] == 40 and counts["payments"] > 60 and counts["voids"] > 3
    assert counts["payoffs"] + counts["returns"] > 4
    report = verify()
    assert report.ok, report

    numbers = sorted(n for (n,) in LedgerEntry.select(LedgerEntry.receipt_number)
                     .where(LedgerEntry.receipt_number.is_null(False)).tuples())
    assert numbers == list(range(1, len(numbers) + 1))  # no receipt number skipped or repeated
    for agreement in Agreement.select():
        state = agreements.agreement_state(owner, agreement.id, day.date())
        vehicle = Vehicle.get_by_id(agreement.vehicle_id)
        assert state.status.value == agreement.status
        if state.status is Status.PAID_OFF:
            assert vehicle.status == "titled" and state.payoff == 0
        elif state.status is Status.RETURNED:
            assert vehicle.status in ("needs_inspection", "available") and state.payoff == 0
            refunds = sum(e.amount for e in agreement.entries if e.kind == EntryKind.REFUND.value)
            assert refunds == state.refunded <= state.total_paid + state.down_payment
        else:
            assert vehicle.status == "on_agreement"
