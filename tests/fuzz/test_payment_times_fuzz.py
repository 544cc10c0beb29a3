"""Payments and voids posted at random times, forward and backward (counters whose
clocks disagree): each one stamped before the agreement's latest entry is refused with
the plain message naming both times, every other one keeps the books whole, and
``verify`` says OK after every run."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import make_vin
from lto_desk.domain.errors import LtoError, Refused
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import agreements, customers, payments, vehicles
from lto_desk.services.in_order import moment
from lto_desk.services.integrity import verify

from .typed_text import budget, clear_message, ran

OPENED = dt.datetime(2025, 3, 3, 9, 0)
_serials = itertools.count(8000)

#: One step: a jump of the counter's clock (minutes, back or forward, up to five days),
#: then a payment of that many cents or a void of the n-th payment taken so far.
steps = st.lists(
    st.tuples(
        st.integers(min_value=-5 * 24 * 60, max_value=5 * 24 * 60),
        st.one_of(
            st.tuples(st.just("pay"), st.integers(min_value=1, max_value=400_00)),
            st.tuples(st.just("void"), st.integers(min_value=0, max_value=20)),
        ),
    ),
    min_size=1,
    max_size=12,
)


def new_agreement(owner) -> int:
    serial = next(_serials)
    cid = customers.add_customer(owner, customers.NewCustomer("Rosa", f"Test{serial}"), at=OPENED)
    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(serial), 2015, "Toyota", "Corolla", f"F{serial}", price=600_000),
        at=OPENED,
    )
    terms = Terms.by_number_of_payments(
        cash_price=600_000, down_payment=50_000, number_of_payments=52, frequency=Frequency.WEEKLY,
        first_due=dt.date(2025, 3, 10), late_fee=LateFeePolicy(3, 1000),
    )
    return agreements.open_agreement(owner, cid, vid, terms, at=OPENED).agreement_id


# Each example opens its own agreement on the one test database, so the fixtures'
# database is shared across examples on purpose.
@settings(budget(30), suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=steps)
def test_payments_at_random_times_keep_the_books_whole(owner, clerk, manager, steps):
    ran("payments at random times")
    agreement = new_agreement(owner)
    latest = OPENED  # the down payment
    taken: list[int] = []
    at = OPENED
    for minutes, (what, value) in steps:
        at = at + dt.timedelta(minutes=minutes, seconds=minutes % 7)
        backwards = at.replace(microsecond=0) < latest.replace(microsecond=0)
        try:
            if what == "pay":
                done = payments.take_payment(clerk, agreement, value, at=at)
                taken.append(done.receipt_number)
            elif taken:
                payments.void_payment(clerk, taken[value % len(taken)], "Posted by mistake",
                                      approved_by=manager, at=at)
            else:
                continue
        except LtoError as exc:
            message = clear_message(exc.message)
            if "date and time" in message:
                assert backwards, message
                assert isinstance(exc, Refused)
                assert f"this computer's date and time, {moment(at)}, is before" in message
                assert moment(latest) in message
            elif backwards:  # a payment is checked for its time first; a void for what it voids first
                assert what == "void", message
            else:
                assert "date and time" not in message, message  # refused for another reason
            continue
        assert not backwards, f"an entry stamped {at} was taken after one stamped {latest}"
        latest = at
    report = verify()
    assert report.ok, report.problem
