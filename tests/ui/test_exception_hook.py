"""An error no code caught, in a slot of the real window or on a worker thread: the
traceback goes to the log (masked), one short apology names the log, and the window
goes on with what was typed, still taking payments."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from lto_desk.log import start_log, stop_log
from lto_desk.services import payments
from lto_desk.store.database import close_database
from lto_desk.store.models import LedgerEntry
from lto_desk.store.paths import resolve_location
from lto_desk.ui.apology import ErrorHook
from lto_desk.ui.apology_dialog import ApologyDialog
from lto_desk.ui.app import make_app, start_window

from helpers import log_in


@pytest.fixture
def log_path(tmp_path):
    path = start_log(tmp_path / "files")
    yield path
    stop_log()


@pytest.fixture
def hook(window, log_path):
    hook = ErrorHook(window).install()
    yield hook
    hook.uninstall()


def written(path) -> str:
    for handler in logging.getLogger("lto_desk").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def apologies() -> list[ApologyDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ApologyDialog) and w.isVisible()]


def payments_posted() -> int:
    return LedgerEntry.select().where(LedgerEntry.kind == "payment").count()


def test_an_error_in_a_slot_apologises_and_the_window_still_takes_the_payment(qtbot, monkeypatch, window, hook,
                                                                             log_path):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "garc")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    panel = window.payment
    panel.amount.clear()
    qtbot.keyClicks(panel.amount, "50")
    qtbot.keyClicks(panel.tendered, "60")
    take_payment, failed = payments.take_payment, []

    def a_bug_the_first_time(*args, **kwargs):
        if not failed:
            failed.append(True)
            raise RuntimeError("a bug near card 4111 1111 1111 1111 and PIN 3333")
        return take_payment(*args, **kwargs)

    monkeypatch.setattr(payments, "take_payment", a_bug_the_first_time)
    before = payments_posted()
    qtbot.mouseClick(panel.post, Qt.LeftButton)  # the real button: its slot raises
    qtbot.waitUntil(lambda: hook.dialog is not None)
    [dialog] = apologies()
    assert dialog.text().startswith("Something went wrong. What you typed is still here")
    assert f"The details were written to {log_path}." in dialog.text()
    text = written(log_path)
    assert "ERROR lto_desk.ui.apology: Unexpected error" in text and "Traceback" in text
    assert "RuntimeError: a bug near card [card number] and PIN ****" in text
    assert "4111" not in text and "3333" not in text
    # The window is alive, nothing typed was cleared, nothing was posted.
    assert window.isVisible() and payments_posted() == before
    assert (panel.amount.text(), panel.tendered.text()) == ("50", "60") and not panel.spent
    qtbot.mouseClick(dialog.button(QMessageBox.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: hook.dialog is None)
    qtbot.mouseClick(panel.post, Qt.LeftButton)  # tried again: taken
    assert payments_posted() == before + 1 and panel.spent
    assert apologies() == []


def test_errors_on_worker_threads_are_logged_each_and_apologised_for_once(qtbot, window, hook, log_path):
    def fail(n):
        raise LookupError(f"worker bug {n}")

    for n in (1, 2):
        worker = threading.Thread(target=fail, args=(n,), name=f"report-{n}")
        worker.start()
        worker.join()
    qtbot.waitUntil(lambda: hook.dialog is not None)
    qtbot.wait(50)  # the second error's turn comes and goes
    assert len(apologies()) == 1
    text = written(log_path)
    assert "Unexpected error in the report-1 thread" in text and "LookupError: worker bug 1" in text
    assert "Unexpected error in the report-2 thread" in text and "LookupError: worker bug 2" in text
    hook.dialog.accept()
    qtbot.waitUntil(lambda: hook.dialog is None)


def test_the_log_names_the_database_the_window_opened_and_checked(qtbot, location, clerk, log_path):
    close_database()  # as before the program starts
    make_app()
    window = start_window(resolve_location(str(location.path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.integrity.pending, timeout=20_000)
    assert f"INFO lto_desk.ui.app: Opened and checked: Database: {location.path}" in written(log_path)


def test_uninstalling_puts_back_the_hooks_it_found(window):
    import sys

    found = sys.excepthook, threading.excepthook
    hook = ErrorHook(window).install()
    assert sys.excepthook != found[0] and threading.excepthook != found[1]
    hook.uninstall()
    assert (sys.excepthook, threading.excepthook) == found


def test_with_no_log_the_apology_says_so(qtbot, window):
    dialog = ApologyDialog.tell(window, None)
    qtbot.addWidget(dialog)
    assert "The details could not be written to a log file." in dialog.text()
    dialog.accept()
