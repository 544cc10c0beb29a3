"""Which printer each kind of page goes to, and how lp's and lpstat's answers are read
(tables of cases; the real CUPS is in test_printing_cups.py)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from helpers import log_in
from lto_desk.services.settings import DealerSettings
from lto_desk.ui import printing
from lto_desk.ui.print_jobs import Answer, SentJob, finished_answer, refusal, waiting_answer
from lto_desk.ui.printouts import Page, printer_for

SETTINGS = DealerSettings(printer="Receipt80", page_printer="Office Laser")


@pytest.mark.parametrize(
    ("page", "printer"),
    [
        (Page.RECEIPT, "Receipt80"),
        (Page.SLIP, "Receipt80"),
        (Page.DRAWER_REPORT, "Receipt80"),  # X and Z reports are on the receipt paper
        (Page.LETTER, "Office Laser"),
        (Page.AGREEMENT_SUMMARY, "Office Laser"),
        (Page.CUSTOMER_FILE, "Office Laser"),  # two Letter pages, never the 80 mm roll
        (Page.REPORT, "Office Laser"),
    ],
)
def test_each_kind_of_page_goes_to_its_printer(page, printer):
    assert printer_for(page, SETTINGS) == printer
    assert printer_for(page, None) == ""


def test_the_customer_file_prints_on_the_letter_printer(qtbot, window, monkeypatch):
    sent = []
    monkeypatch.setattr(printing, "print_pdf", lambda path, printer: sent.append((path.name, printer)))
    log_in(qtbot, window)
    window.settings = dataclasses.replace(window.settings, printer="Receipt80", page_printer="Office Laser")
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert [printer for _, printer in sent] == ["Office Laser"]
    assert "customer file is printed" in window.said()


JOB = SentJob("Receipt80-12", "Receipt80")


@pytest.mark.parametrize(
    ("said", "why"),
    [
        ('lp: Destination "Receipt80" is not accepting jobs.', "the printer “Receipt80” is not accepting jobs"),
        ("lp: Error - The printer or class does not exist.", "the printer “Receipt80” cannot be found"),
        ("lp: Unable to connect to server: Connection refused", "the print system cannot be reached"),
        ("lp: Error - No permission to print.", "No permission to print"),
        ("", "the print system refused the page"),
    ],
)
def test_lp_refusals_in_a_clerks_words(said, why):
    assert refusal("Receipt80", said) == why


@pytest.mark.parametrize(
    ("listing", "answer"),
    [
        # The queue no longer holds it: look among the finished jobs.
        ("printer Receipt80 is idle.  enabled since Mon Dec  7 14:20:51 2026\n", None),
        ("printer Receipt80 now printing Receipt80-12.  enabled since Mon Dec  7 2026\n"
         "\tThe printer may not exist or is unavailable at this time.\n"
         "Receipt80-12            root              2048   Mon Dec  7 14:21:59 2026\n",
         Answer(None, "The printer may not exist or is unavailable at this time.")),
        ("printer Receipt80 disabled since Mon Dec  7 14:21:46 2026 -\n\tcover open\n"
         "Receipt80-12            root              2048   Mon Dec  7 14:21:46 2026\n",
         Answer(False, "the printer “Receipt80” is stopped (cover open)")),
        ("printer Receipt80 disabled since Mon Dec  7 14:21:46 2026 -\n"
         "Receipt80-12            root              2048   Mon Dec  7 14:21:46 2026\n",
         Answer(False, "the printer “Receipt80” is stopped")),
        # Another job of the same queue is not this one.
        ("printer Receipt80 is idle.  enabled since Mon Dec  7 2026\n"
         "Receipt80-121           root              2048   Mon Dec  7 14:21:46 2026\n", None),
    ],
)
def test_a_job_the_queue_still_holds(listing, answer):
    assert waiting_answer(JOB, listing) == answer


def _finished(alerts: str, status: str = "") -> str:
    return (f"Receipt80-11            root              2048   Mon Dec  7 14:20:53 2026\n\tStatus: \n"
            f"\tAlerts: job-canceled-by-user\n\tqueued for Receipt80\n"
            f"Receipt80-12            root              2048   Mon Dec  7 14:20:53 2026\n\tStatus: {status}\n"
            f"\tAlerts: {alerts}\n\tqueued for Receipt80\n")


@pytest.mark.parametrize(
    ("listing", "answer"),
    [
        (_finished("processing-to-stop-point"), Answer(True)),
        (_finished("job-completed-successfully"), Answer(True)),
        (_finished("job-canceled-by-user"), Answer(False, "the job was cancelled")),
        (_finished("job-canceled-by-user", "The printer is not responding."),
         Answer(False, "The printer is not responding.")),
        (_finished("aborted-by-system"), Answer(False, "the print system gave up on the job")),
        ("", Answer(None, "")),  # no longer kept: not known
    ],
)
def test_a_finished_job(listing, answer):
    assert finished_answer(JOB, listing) == answer
