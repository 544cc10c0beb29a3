"""The window's backups while another program locks the database: each gives up soon and
says why (back up now in the status line, the backup on closing on stderr), and nothing
is left half-made."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from helpers import log_in
from sqlite_lock import locked_by_another_program

from lto_desk.store.backup import list_backups
from lto_desk.store.database import close_database
from lto_desk.ui.backup_flows import BackupFlows, backup_on_close

LOCKED = ("Another program is using the database ({}), so the backup was not made. "
          "Close that program and try again; nothing was changed.")


def test_back_up_now_on_a_locked_database_says_so_soon(qtbot, window, location):
    log_in(qtbot, window)  # a clerk at the counter picks File → Back up now
    flows = BackupFlows(window)
    database = Path(location.url)
    close_database()  # only the other program has the file open
    with locked_by_another_program(database):
        started = time.monotonic()
        flows.back_up_now()
        qtbot.waitUntil(lambda: not flows.running, timeout=30_000)
        seconds = time.monotonic() - started
    assert window.message.text() == LOCKED.format(database)
    assert window.message.property("level") == "error" and seconds < 30
    assert list(location.files_dir.joinpath("backups").iterdir()) == []


def test_the_backup_on_closing_of_a_locked_database_gives_up_soon(location, owner, capsys):
    database = Path(location.url)
    close_database()  # as the window does before its closing backup
    with locked_by_another_program(database):
        started = time.monotonic()
        made = []
        closing = threading.Thread(target=lambda: made.append(backup_on_close(location)), daemon=True)
        closing.start()
        closing.join(30)  # today's hang would hold the program open for ever
        seconds = time.monotonic() - started
    assert made == [None]
    assert capsys.readouterr().err == f"lto-desk: {LOCKED.format(database)}\n"
    assert seconds < 30 and list_backups(location) == []
