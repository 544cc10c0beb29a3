"""A late-fee waiver, a return and a goodwill refund are kept in time order like payments:
one stamped before the agreement's latest entry is refused naming both times, and
nothing is written (a waiver slipped in before a later payment changed that payment's split)."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import Refused
from lto_desk.services import agreements, payments
from lto_desk.services.integrity import verify
from lto_desk.store.models import Agreement, JournalRow, LedgerEntry


def written():
    return LedgerEntry.select().count(), JournalRow.select().count(), tuple(Agreement.select().tuples())


def refused(call) -> str:
    before = written()
    with pytest.raises(Refused) as err:
        call()
    assert written() == before
    report = verify()
    assert report.ok, report.problem
    return err.value.message


def test_a_fee_waiver_dated_before_the_latest_payment_is_refused(clerk, manager, agreement):
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 2, 20, 10))
    message = refused(lambda: agreements.waive_fee(
        manager, agreement, 2, "Customer was in hospital", at=dt.datetime(2025, 2, 1, 10)
    ))
    assert message.startswith("Nothing was waived: this computer's date and time, Feb 1, 2025 at 10:00:00 AM")
    assert "Feb 20, 2025 at 10:00:00 AM" in message


def test_a_return_dated_before_the_latest_entry_is_refused(clerk, manager, agreement):
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 2, 20, 10))
    message = refused(lambda: agreements.return_vehicle(
        manager, agreement, "cannot_afford", returned_on=dt.date(2025, 2, 20), at=dt.datetime(2025, 2, 20, 9)
    ))
    assert message.startswith("Nothing was recorded: this computer's date and time, Feb 20, 2025 at 9:00:00 AM")


def test_a_refund_dated_before_the_latest_refund_is_refused(manager, agreement):
    agreements.return_vehicle(manager, agreement, "cannot_afford", at=dt.datetime(2025, 2, 20, 10))
    agreements.goodwill_refund(manager, agreement, 50_00, "Kept the car clean", at=dt.datetime(2025, 2, 21, 10))
    message = refused(lambda: agreements.goodwill_refund(
        manager, agreement, 50_00, "A second thank-you", at=dt.datetime(2025, 2, 20, 11)
    ))
    assert message.startswith("Nothing was refunded: this computer's date and time, Feb 20, 2025 at 11:00:00 AM")
    assert "(a goodwill refund, Feb 21, 2025 at 10:00:00 AM)" in message
