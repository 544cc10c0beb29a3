"""Another program holds the database past the busy timeout: the clerk is told it is
busy and to try again, and what they typed is still there; once it is free, one
more press posts once, with the next receipt number."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from lto_desk.domain.payment import Method
from lto_desk.store import database as store_database, file_check
from lto_desk.store.models import LedgerEntry, Note
from lto_desk.ui import dialogs
from lto_desk.ui.dialogs import NoteInput

from helpers import log_in

#: Another counter that takes the write lock and keeps it until told to let go.
HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
    con.rollback()
    """
)


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch):
    """Give up waiting after 0.3 s instead of 5 s (set before the database is opened)."""
    monkeypatch.setattr(file_check, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setitem(store_database.SQLITE_PRAGMAS, "busy_timeout", 300)


class WriteLock:
    """The database held by another process, as a second counter in a long write would."""

    def __init__(self, path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        assert self.proc.wait(timeout=30) == 0


@pytest.fixture
def write_lock(location):
    locks = []

    def take():
        locks.append(WriteLock(location.path))
        return locks[-1]

    yield take
    for lock in locks:
        if lock.proc.poll() is None:
            lock.release()


def receipt_numbers() -> list[int]:
    rows = LedgerEntry.select().where(LedgerEntry.receipt_number.is_null(False)).order_by(LedgerEntry.receipt_number)
    return [r.receipt_number for r in rows]


def receipt_pdfs(location) -> list[str]:
    folder = location.files_dir / "receipts"
    return sorted(p.name for p in folder.glob("receipt-*.pdf")) if folder.exists() else []


def open_maria(qtbot, window) -> None:
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    assert window.card.card.name == "María García"


def test_a_payment_while_the_database_is_busy_keeps_what_was_typed_and_posts_once_later(
    qtbot, window, location, write_lock
):
    open_maria(qtbot, window)
    panel = window.payment
    panel.amount.clear()
    qtbot.keyClicks(panel.amount, "40.00")
    qtbot.keyClicks(panel.tendered, "50")
    qtbot.keyClicks(panel.memo, "Paid by her son Diego")
    request_id = panel.request_id
    before = receipt_numbers()
    rows_before = LedgerEntry.select().count()

    lock = write_lock()
    qtbot.mouseClick(panel.post, Qt.LeftButton)

    message = panel.message.text()
    assert "database is busy" in message and "try again" in message
    assert "locked" not in message and "OperationalError" not in message  # no raw error
    assert panel.message.property("error") is True
    # What the clerk typed is all still there, ready for another press.
    assert (panel.amount.text(), panel.current_method(), panel.tendered.text(), panel.memo.text()) == (
        "40.00", Method.CASH, "50", "Paid by her son Diego"
    )
    assert panel.isEnabled() and not panel.spent and panel.request_id == request_id
    assert LedgerEntry.select().count() == rows_before
    assert receipt_pdfs(location) == []

    lock.release()
    qtbot.mouseClick(panel.post, Qt.LeftButton)

    posted = LedgerEntry.get(LedgerEntry.request_id == request_id)
    assert (posted.amount, posted.tendered, posted.change_given, posted.memo) == (4000, 5000, 1000, "Paid by her son Diego")
    assert receipt_numbers() == before + [before[-1] + 1]  # the next number: none skipped for the busy try
    assert LedgerEntry.select().count() == rows_before + 1
    assert receipt_pdfs(location) == [f"receipt-{posted.receipt_number:06d}.pdf"]
    assert panel.spent  # a third press posts nothing more
    qtbot.mouseClick(panel.post, Qt.LeftButton)
    assert LedgerEntry.select().count() == rows_before + 1


def test_a_note_written_while_the_database_is_busy_comes_back_to_save_again(
    qtbot, window, monkeypatch, write_lock
):
    open_maria(qtbot, window)
    typed = NoteInput("Her son Diego starts at the plant in March", True, False, ("family",))
    notes_before = Note.select().count()
    lock = write_lock()
    asked = []

    def ask(cls, parent, name, current=None, *, draft=None, problem=""):
        asked.append((draft, problem, Note.select().count(), window.message.text()))
        if len(asked) == 1:
            return typed  # written while the other counter holds the database
        lock.release()  # it lets go; the clerk presses Save again
        return draft

    monkeypatch.setattr(dialogs.NoteDialog, "ask", classmethod(ask))
    qtbot.keyClick(window, Qt.Key_F6)

    assert len(asked) == 2
    draft, problem, notes_then, said = asked[1]
    assert draft == typed  # the dialog comes back with the note as it was typed
    assert "database is busy" in problem and "try again" in problem
    assert "database is busy" in said
    assert notes_then == notes_before  # nothing was half-saved while busy
    saved = Note.select().order_by(Note.id.desc()).first()
    assert Note.select().count() == notes_before + 1
    assert (saved.text, saved.pinned) == (typed.text, True)
    assert window.message.text() == "Note saved."
