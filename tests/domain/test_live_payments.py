"""Live payments: a void takes back the payment it points at; only the others count."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.ledger import Entry, EntryKind, voided

ON = dt.date(2025, 1, 13)
DOWN = Entry(1, EntryKind.DOWN_PAYMENT, ON, 100_000)
PAY_2 = Entry(2, EntryKind.PAYMENT, ON, 7693)
PAY_3 = Entry(3, EntryKind.PAYMENT, ON, 7693)
VOID_2 = Entry(4, EntryKind.VOID, ON, reverses=2)
VOID_3 = Entry(5, EntryKind.VOID, ON, reverses=3)
FEE_WAIVER = Entry(6, EntryKind.FEE_WAIVER, ON, installment=1)


@pytest.mark.parametrize(
    "entries, taken_back",
    [
        ((), set()),
        ((DOWN, PAY_2, PAY_3), set()),
        ((DOWN, PAY_2, PAY_3, VOID_2), {2}),
        ((DOWN, PAY_2, PAY_3, VOID_2, VOID_3), {2, 3}),
        ((VOID_2,), {2}),  # the void alone still names its payment
        ((DOWN, PAY_2, FEE_WAIVER), set()),  # a waiver points at an installment, not a payment
        ((DOWN, PAY_2, Entry(7, EntryKind.VOID, ON)), set()),  # a void naming nothing takes nothing back
    ],
)
def test_voided(entries, taken_back):
    assert voided(entries) == taken_back
