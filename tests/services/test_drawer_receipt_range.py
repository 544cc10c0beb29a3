"""The X/Z report's receipts name only receipts that went through that session, even
when another counter's drawer took the numbers in between."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from lto_desk.services import drawer, payments
from lto_desk.services.settings import update_settings

DAY = dt.date(2025, 1, 13)


def at(hh: int, mm: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hh, mm))


def _pay_at(owner, clerk, agreement, counter: str, when: dt.datetime) -> int:
    update_settings(owner, counter_name=counter)
    return payments.take_payment(clerk, agreement, 20_00, "card", reference="4242", at=when).receipt_number


def _words(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_receipts_of_two_counters_in_turn_each_report_names_only_its_own(owner, clerk, agreement, location):
    one = drawer.current_session(clerk, "Counter 1").session_id  # receipt 1: the down payment at signing
    two = drawer.open_drawer(clerk, 0, counter_name="Counter 2", at=at(8, 55)).session_id
    numbers = [
        _pay_at(owner, clerk, agreement, "Counter 1", at(9, 0)),
        _pay_at(owner, clerk, agreement, "Counter 2", at(9, 5)),
        _pay_at(owner, clerk, agreement, "Counter 1", at(9, 10)),
        _pay_at(owner, clerk, agreement, "Counter 2", at(9, 15)),
    ]
    assert numbers == [2, 3, 4, 5]
    x_two = drawer.x_report(clerk, two, at(10, 0))
    assert (x_two.receipts, x_two.first_receipt, x_two.last_receipt) == (2, 3, 5)
    assert x_two.receipt_runs == ((3, 3), (5, 5))
    assert drawer.x_report(clerk, one, at(10, 0)).receipt_runs == ((1, 2), (4, 4))
    words = _words(drawer.save_x_report(clerk, location.folder("drawer"), two, at=at(10, 0)))
    assert "Receipts 000003, 000005 (2)" in words and "000004" not in words
    update_settings(owner, counter_name="Counter 1")
    words = _words(drawer.save_x_report(clerk, location.folder("drawer"), one, at=at(10, 0)))
    assert "Receipts 000001 – 000002, 000004 (3)" in words
