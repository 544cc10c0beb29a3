"""Printing that tells the truth, against a real CUPS: a private cupsd (its own folder
and socket) with queues that print into files. A payment at the counter says
"Printed" only once the print system says the job printed; a queue that refuses jobs,
or is stopped, is said as not printed and the receipt PDF is shown; a job still queued
says it is not confirmed yet."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from helpers import log_in
from private_cups import PrivateCups, missing_tools

pytestmark = pytest.mark.skipif(
    bool(missing_tools()),
    reason=f"CUPS is not installed here (missing {', '.join(missing_tools())}); .ci/run installs it",
)


@pytest.fixture
def cups(monkeypatch):
    server = PrivateCups()
    try:
        server.start()
        monkeypatch.setenv("CUPS_SERVER", str(server.socket))  # lp and lpstat ask this scheduler only
        yield server
    finally:
        server.stop()


@pytest.fixture
def counter(qtbot, window, cups):
    """The counter logged in, its receipt printer the private queue Receipt80; María on the card."""
    printed = cups.add_queue("Receipt80")
    log_in(qtbot, window)
    window.settings = dataclasses.replace(window.settings, printer="Receipt80")
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    window.printed_file = printed
    return window


def pay(qtbot, window) -> None:
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)


def test_a_job_that_prints_is_said_printed(qtbot, counter):
    pay(qtbot, counter)
    assert "Sent to Receipt80" in counter.said()  # not "Printed" before the print system says so
    qtbot.waitUntil(lambda: "Printed on Receipt80; saved at" in counter.said(), timeout=10_000)
    assert "$95.00" in counter.said()  # the payment's own words are kept around it
    assert not counter.previews
    if counter.printed_file.exists():  # a raw queue (no PDF printer description) writes nothing
        arrived = counter.printed_file.read_bytes()  # the PDF printer's output: PJL around the PDF
        assert b"%PDF" in arrived and b"receipt-" in arrived


def test_a_queue_that_refuses_jobs_is_said_not_printed_and_the_receipt_is_shown(qtbot, counter, cups):
    cups.run("cupsreject", "Receipt80")
    pay(qtbot, counter)
    said = counter.said()
    assert "Printed" not in said and "not printed" in said and "not accepting jobs" in said
    (preview,) = counter.previews
    assert preview.isVisible() and preview.path.parent.name == "receipts" and str(preview.path) in said


def test_a_stopped_queue_is_said_not_printed_and_its_job_does_not_come_out_later(qtbot, counter, cups):
    cups.run("cupsdisable", "-r", "cover open", "Receipt80")
    pay(qtbot, counter)
    qtbot.waitUntil(lambda: bool(counter.previews), timeout=10_000)
    said = counter.said()
    assert "Printed" not in said and "not printed" in said and "stopped (cover open)" in said
    assert counter.previews[0].isVisible()
    assert cups.run("lpstat", "-W", "not-completed", "-o", "Receipt80").stdout.strip() == ""  # cancelled


def test_a_job_still_queued_says_sent_not_confirmed_yet(qtbot, counter, cups, monkeypatch):
    from lto_desk.ui import print_jobs

    monkeypatch.setattr(print_jobs, "CONFIRM_SECONDS", 0.5)  # "a few seconds", shortened
    cups.run("lpadmin", "-p", "Receipt80", "-o", "job-hold-until-default=indefinite")  # jobs wait in the queue
    pay(qtbot, counter)
    qtbot.waitUntil(lambda: "not confirmed yet" in counter.said(), timeout=10_000)
    said = counter.said()
    assert "Sent to Receipt80, not confirmed yet" in said and "Printed" not in said
    assert not counter.previews  # it may still print: nothing is shown twice
