"""An agreement's payments and voids are kept in time order: one dated before the
agreement's latest entry (a counter whose clock is behind) is refused with a message
naming both times, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import Refused
from lto_desk.services import payments
from lto_desk.services.integrity import verify
from lto_desk.store.models import Agreement, Counter, JournalRow, LedgerEntry

MON = dt.datetime(2025, 1, 13, 10, 0)


def written():
    return (
        LedgerEntry.select().count(),
        Counter.get(Counter.name == "receipt").value,
        JournalRow.select().count(),
        tuple(Agreement.select().order_by(Agreement.id).tuples()),
    )


def refusal(call) -> str:
    before = written()
    with pytest.raises(Refused) as err:
        call()
    assert written() == before, "a refused entry wrote something"
    return err.value.message


def test_a_payment_dated_before_the_latest_payment_is_refused_naming_both_times(clerk, agreement):
    # The first counter's clock runs a day ahead; the second one's is right.
    payments.take_payment(clerk, agreement, 7693, at=MON + dt.timedelta(days=1))
    message = refusal(lambda: payments.take_payment(clerk, agreement, 7693, at=MON))
    assert "this computer's date and time" in message.lower()
    assert "Jan 13, 2025 at 10:00:00 AM" in message  # this computer's time
    assert "Jan 14, 2025 at 10:00:00 AM" in message  # the latest entry's
    assert "Nothing was posted" in message
    report = verify()
    assert report.ok, report.problem


def test_twenty_nine_days_back_leaves_the_principal_as_its_entries_give(clerk, agreement):
    payments.take_payment(clerk, agreement, 7693, at=MON + dt.timedelta(days=29))
    refusal(lambda: payments.take_payment(clerk, agreement, 2000, at=MON))
    report = verify()
    assert report.ok, report.problem


def test_the_same_moment_or_later_is_taken(clerk, agreement):
    payments.take_payment(clerk, agreement, 7693, at=MON)
    payments.take_payment(clerk, agreement, 1000, at=MON)  # two payments in the same second
    payments.take_payment(clerk, agreement, 1000, at=MON + dt.timedelta(seconds=1))
    report = verify()
    assert report.ok, report.problem


def test_a_void_dated_before_the_agreements_latest_entry_is_refused(clerk, manager, agreement):
    first = payments.take_payment(clerk, agreement, 7693, at=MON)
    payments.take_payment(clerk, agreement, 7693, at=MON + dt.timedelta(days=2))
    message = refusal(lambda: payments.void_payment(
        clerk, first.receipt_number, "Posted on the wrong account", approved_by=manager,
        at=MON + dt.timedelta(days=1),
    ))
    assert "Jan 15, 2025 at 10:00:00 AM" in message and "Jan 14, 2025 at 10:00:00 AM" in message
    assert "Nothing was voided" in message
    report = verify()
    assert report.ok, report.problem


def test_without_a_time_given_the_payment_takes_the_time_it_is_written(clerk, agreement, monkeypatch):
    """The time is read once the write lock is held: a counter that read its clock and then
    waited for another counter's payment never posts before it."""
    from lto_desk.services import base
    from lto_desk.store.models import db

    read = []
    real = base.clock

    def clock():
        read.append(db.in_transaction())
        return real()

    monkeypatch.setattr(base, "clock", clock)
    payments.take_payment(clerk, agreement, 7693)
    assert read == [True]
