"""The window paints its log-in page before the database layer loads, then opens the
database: the names on the page are those the clerks service lists, a clerk who
logs in at once is not turned away, a file that will not open after all brings the
start-up dialog, and the idle lock still sees every key once someone is logged in."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt

from lto_desk.services.clerks import list_clerks
from lto_desk.store import file_check
from lto_desk.store.database import close_database
from lto_desk.store.first_look import first_look
from lto_desk.store.models import Clerk
from lto_desk.store.paths import resolve_location
from lto_desk.ui.app import make_app, start_window
from lto_desk.ui.startup import OTHER_FILE, QUIT
from lto_desk.ui.startup_dialog import StartupProblemDialog

from helpers import log_in

ROOT = Path(__file__).resolve().parents[2]

AT_FIRST_PAINT = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtCore import QEvent, QObject
    from lto_desk.store.paths import resolve_location
    from lto_desk.ui.app import make_app, start_window

    app = make_app()
    window = start_window(resolve_location(sys.argv[1]))
    combo = window.login.name_combo
    seen = {}

    class AtPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and not seen:
                seen["painted"] = {
                    "database layer": "peewee" in sys.modules or "lto_desk.store.models" in sys.modules,
                    "names": [combo.itemText(i) for i in range(combo.count())],
                    "log-in form": window.login.login_form.isVisibleTo(window.login),
                }
            return False

    watch = AtPaint()
    window.installEventFilter(watch)
    window.show()
    while not seen:
        app.processEvents()
    deadline = time.monotonic() + 60
    # The database opens, the check runs, and the counter page's modules load one per
    # turn of the event loop until the page is built, with nothing asking for it.
    while (window.integrity.pending or not window._built) and time.monotonic() < deadline:
        app.processEvents()
    seen["after"] = {"printer": window.printer_label.text(), "counter built": window._built,
                     "refused": window.integrity.refused}
    window.close()
    print(json.dumps(seen))
    """
)


def _started(path: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", AT_FIRST_PAINT, str(path)], env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _unpainted_window(qtbot, path: Path):
    make_app()
    window = start_window(resolve_location(str(path)))
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_the_log_in_page_paints_with_the_names_before_the_database_layer_loads(location, clerk):
    close_database()  # as before the program starts
    seen = _started(location.path)
    assert seen["painted"] == {"database layer": False, "names": ["Carla Clerk", "Olivia Owner"], "log-in form": True}
    assert seen["after"] == {"printer": "No printer set (receipts are saved as PDF)", "counter built": True,
                             "refused": False}


def test_the_names_read_first_are_those_the_clerks_service_lists(location, manager, clerk):
    Clerk.update(active=False).where(Clerk.name == "Marcus Manager").execute()  # left the dealership
    expected = [c.name for c in list_clerks()]
    assert expected == ["Carla Clerk", "Olivia Owner"]
    look = first_look(location.path)
    assert look.any_clerks and list(look.clerk_names) == expected


def test_with_no_clerks_yet_the_page_offers_to_make_the_owner(qtbot, location, database):
    close_database()
    assert not first_look(location.path).any_clerks
    window = _unpainted_window(qtbot, location.path)
    assert window.login.owner_form.isVisibleTo(window.login)
    assert not window.login.login_form.isVisibleTo(window.login)


def test_a_clerk_who_logs_in_before_the_database_opened_is_let_in(qtbot, location, clerk):
    close_database()
    window = _unpainted_window(qtbot, location.path)  # never painted: nothing opened it yet
    assert window.settings is None
    log_in(qtbot, window, "Carla Clerk", "3333")  # the database opens on the spot
    assert window.settings is not None and window.stack.currentWidget() is window.counter
    window.lookup.edit.setText("smith")  # and the counter works on it


def test_a_database_that_will_not_open_after_the_paint_brings_the_dialog(qtbot, monkeypatch, location, clerk,
                                                                         tmp_path):
    close_database()
    other = tmp_path / "elsewhere.sqlite3"
    other.write_bytes(location.path.read_bytes())
    asked: list = []

    def ask(cls, parent, problem, where, backups, note=""):
        asked.append(problem.problem)
        return OTHER_FILE

    monkeypatch.setattr(StartupProblemDialog, "ask", classmethod(ask))
    monkeypatch.setattr("lto_desk.ui.startup.choose_database_file", lambda parent, where: other)
    window = _unpainted_window(qtbot, location.path)
    location.path.rename(location.path.with_suffix(".moved"))  # gone between the checks and the open
    window.show()
    qtbot.waitUntil(lambda: bool(asked) and not window.integrity.pending, timeout=20_000)
    assert asked == [f"There is no database at {location.path}."]
    assert window.location.path == other and window.login.isEnabled()
    log_in(qtbot, window, "Carla Clerk", "3333")


def test_quit_at_that_dialog_closes_the_window_and_writes_nothing(qtbot, monkeypatch, location, clerk):
    close_database()
    monkeypatch.setattr(StartupProblemDialog, "ask", classmethod(lambda cls, *args, **kwargs: QUIT))
    window = _unpainted_window(qtbot, location.path)
    with contextlib.closing(sqlite3.connect(location.path)) as con:  # a newer LTO Desk upgraded it meanwhile
        con.execute("UPDATE schema_info SET version = 99")
        con.commit()
    before = location.path.read_bytes()
    window.show()
    qtbot.waitUntil(lambda: window.integrity.refused, timeout=20_000)
    assert not window.isVisible() and window.actor is None
    assert location.path.read_bytes() == before


def test_a_file_that_opening_changes_is_opened_before_the_window_and_read_whole_once(qtbot, monkeypatch,
                                                                                    location, clerk):
    close_database()
    with contextlib.closing(sqlite3.connect(location.path)) as con:  # copied from elsewhere, old journal mode
        con.execute("PRAGMA journal_mode = delete")
    checks = []
    real_check = file_check.integrity_problem
    monkeypatch.setattr(file_check, "integrity_problem", lambda path, **kw: checks.append(path) or real_check(path, **kw))
    window = _unpainted_window(qtbot, location.path)
    assert window.settings is not None  # opened (and switched to WAL) before the window
    assert checks == [location.path]  # the whole file read once, before that write


def test_once_logged_in_any_key_restarts_the_idle_lock(qtbot, window):
    full = window.settings.idle_lock_minutes * 60_000
    window.idle_timer.start(1_234)  # (a marker: restarting sets the full idle time again)
    qtbot.keyClick(window.login.pin_edit, Qt.Key_1)
    assert window.idle_timer.interval() == 1_234  # before anyone logs in, keys are not watched
    window.idle_timer.stop()
    window.login.pin_edit.clear()
    log_in(qtbot, window)
    window.idle_timer.start(1_234)
    qtbot.keyClick(window.lookup.edit, Qt.Key_S)  # typed anywhere on the counter
    assert window.idle_timer.interval() == full and window.idle_timer.isActive()
    window.lock()
    assert not window.idle_timer.isActive()
    qtbot.keyClick(window.login.pin_edit, Qt.Key_1)  # locked: keys are not watched again
    assert not window.idle_timer.isActive()
