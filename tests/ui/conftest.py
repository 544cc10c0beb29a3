"""A small dealership dated around today, and the real window on it."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from helpers import make_vin


@pytest.fixture
def counter_data(owner, manager, clerk):
    """María García: weekly $95.00, paid on time so far, $95.00 due today.
    John Smith: weekly $110.00, current. Returns {name: agreement id}."""
    from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
    from lto_desk.services import agreements, customers, payments, vehicles

    today = dt.date.today()
    opened = dt.datetime.combine(today - dt.timedelta(days=15), dt.time(10, 0))
    ids = {}
    for n, (first, last, phone, price, pay) in enumerate(
        [("María", "García", "(205) 555-0142", 1_045_000, 9500), ("John", "Smith", "(251) 555-0199", 1_210_000, 11000)]
    ):
        cid = customers.add_customer(owner, customers.NewCustomer(first, last, phone=phone), at=opened)
        vid = vehicles.add_vehicle(
            owner, vehicles.NewVehicle(make_vin(4352 + n), 2014 + n, "Honda", "Accord", f"S10{n:02d}", price=price),
            at=opened,
        )
        terms = Terms.by_payment_amount(
            cash_price=price, down_payment=95_000 + n * 10_000, payment_amount=pay, frequency=Frequency.WEEKLY,
            first_due=today - dt.timedelta(days=14), late_fee=LateFeePolicy(3, 1000),
        )
        aid = agreements.open_agreement(manager, cid, vid, terms, at=opened).agreement_id
        for week in (14, 7):
            day = dt.datetime.combine(today - dt.timedelta(days=week), dt.time(11, 0))
            payments.take_payment(clerk, aid, pay, at=day)
        ids[last] = aid
    return ids


@contextlib.contextmanager
def open_window(qtbot, location):
    """The real main window, shown; closed and deleted afterwards so tests do not pile up."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from lto_desk.ui.app import make_app
    from lto_desk.ui.main_window import MainWindow

    make_app()
    win = MainWindow(location)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        yield win
    finally:
        win.close()
        for preview in win.previews:
            preview.deleteLater()
        win.deleteLater()  # closed windows are only hidden
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.fixture
def window(qtbot, location, counter_data):
    with open_window(qtbot, location) as win:
        yield win


@pytest.fixture
def empty_window(qtbot, location, database):
    """A first run: a new database with no clerks."""
    with open_window(qtbot, location) as win:
        yield win
