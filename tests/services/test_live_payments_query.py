"""The live-payments query condition against a real SQLite file: voided payments never count."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.ledger import EntryKind
from lto_desk.services import payments
from lto_desk.services.ledger import live_payments
from lto_desk.store.models import Agreement, LedgerEntry

MON = dt.datetime(2025, 1, 13, 10, 0)


@pytest.mark.parametrize(
    "amounts, voids, live_sum",
    [
        ((), (), 0),
        ((7693,), (), 7693),
        ((7693,), (0,), 0),
        ((7693, 5000), (0,), 5000),
        ((7693, 5000, 2000), (0, 2), 5000),
    ],
)
def test_only_live_payments_count(clerk, manager, agreement, amounts, voids, live_sum):
    receipts = [
        payments.take_payment(clerk, agreement, a, "cash", tendered=a, at=MON + dt.timedelta(minutes=i)).receipt_number
        for i, a in enumerate(amounts)
    ]
    for n in voids:
        payments.void_payment(manager, receipts[n], "Keyed the wrong account", approved_by=manager,
                              at=MON + dt.timedelta(hours=1, minutes=n))
    paid = (
        LedgerEntry.select(LedgerEntry.amount)
        .where((LedgerEntry.kind == EntryKind.PAYMENT.value) & live_payments())
        .tuples()
    )
    assert sum(a for (a,) in paid) == live_sum
    # Form 8300's cash figure for the day counts the same payments (the down payment was on the 6th).
    assert payments.cash_received_today(clerk, Agreement.get_by_id(agreement).customer_id, MON.date()) == live_sum
