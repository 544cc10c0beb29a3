"""`lto-desk backup` and `lto-desk restore`, end to end."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lto_desk.cli import main
from lto_desk.services import payments
from lto_desk.services.clerks import create_clerk
from lto_desk.store import anchors
from lto_desk.store.backup import check_backup_file, list_backups, make_backup
from lto_desk.store.database import close_database, open_database
from lto_desk.store.paths import resolve_location

AT = dt.datetime(2026, 11, 23, 18, 15, 2)
OWNER = "Olivia Owner"  # the owner of the ``owner`` fixture, PIN 1111


def _pay(clerk, agreement, weeks, start=0):
    for week in range(start, start + weeks):
        payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10) + dt.timedelta(weeks=week))


def _digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class _Terminal(io.StringIO):
    """What the person types at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli_location(location):
    """Where the command puts the backups of ``--db location.url`` (the data folder)."""
    return resolve_location(location.url)


@pytest.fixture
def backed_up(cli_location, clerk, agreement, monkeypatch):
    """Three payments in a backup, then two more taken after it; the database closed.
    The owner's PIN is in LTO_DESK_PIN, as a script gives it with ``--as "Olivia Owner"``
    (tests/test_cli_restore_pin.py: what happens without it)."""
    monkeypatch.setenv("LTO_DESK_PIN", "1111")
    _pay(clerk, agreement, 3)
    backup = make_backup(cli_location, at=AT)
    _pay(clerk, agreement, 2, start=3)
    close_database()
    return backup.path


def _payments_in(path) -> int:
    return check_backup_file(Path(path)).payments


def test_backup_says_where_how_big_and_that_it_was_checked(location, cli_location, clerk, agreement, capsys):
    _pay(clerk, agreement, 2)
    close_database()
    assert main(["backup", "--db", location.url]) == 0
    out = capsys.readouterr().out
    [made] = list_backups(cli_location)
    assert made.kind == "manual"
    assert f"Backup saved at {made.path} (" in out and " KB)." in out
    assert "Checked: the copy is intact" in out and "3 payments (the last on Jan 20, 2025)" in out
    assert _payments_in(made.path) == 3
    [anchor] = anchors.read_lines(Path(f"{made.path}.anchor"))
    assert f"Sealed: its journal ends at row {anchor.row:,} (seal {anchor.seal}), written inside the copy" in out


def test_backup_of_a_missing_database_is_a_plain_message(tmp_path, capsys):
    assert main(["backup", "--db", str(tmp_path / "nope.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lto-desk: There is no database at") and "Traceback" not in err


def test_backup_of_the_demo_keeps_the_demo_name(capsys):
    location = resolve_location(demo=True)
    open_database(location)
    create_clerk(None, "Olivia Owner", "owner", "1111", at=AT)
    close_database()
    assert main(["backup", "--demo"]) == 0
    [made] = list_backups(location)
    assert made.path.parent == location.files_dir / "backups"
    assert made.path.name.startswith("lto-desk-demo-") and made.path.name.endswith("-manual.sqlite3")


def test_restore_without_a_file_lists_the_backups(location, backed_up, capsys):
    assert main(["restore", "--db", location.url]) == 0
    out = capsys.readouterr().out
    assert backed_up.name in out and "2026-11-23 18:15" in out and "Daily" in out
    assert "4 payments (the last on Jan 27, 2025), 1 customer" in out
    assert "lto-desk restore FILE" in out


def test_restore_with_yes_brings_the_backup_back_and_keeps_the_database_it_replaced(
        location, cli_location, backed_up, capsys):
    assert main(["restore", "--db", location.url, str(backed_up), "--yes", "--as", OWNER]) == 0
    out = capsys.readouterr().out
    [replaced] = [b for b in list_backups(cli_location, include_replaced=True) if b.kind == "replaced"]
    assert f"The database you had is kept at {replaced.path}." in out
    assert _payments_in(location.url) == 4 and _payments_in(replaced.path) == 6
    assert main(["verify", "--db", location.url]) == 0


def test_restore_by_the_name_of_a_file_in_the_backups_folder(location, backed_up, capsys):
    assert main(["restore", "--db", location.url, backed_up.name, "--yes", "--as", OWNER]) == 0
    assert _payments_in(location.url) == 4


def test_restore_asks_at_a_terminal_and_goes_on_only_on_yes(location, cli_location, backed_up, capsys, monkeypatch):
    live_before = _digest(location.url)
    monkeypatch.setattr(sys, "stdin", _Terminal("yes please\n"))
    assert main(["restore", "--db", location.url, str(backed_up), "--as", OWNER]) == 1
    out = capsys.readouterr().out
    assert f"Type YES to replace {location.url} with this backup" in out
    assert "It replaces the database" in out and "kept first as" in out
    assert out.rstrip().endswith("Nothing was changed.")
    assert _digest(location.url) == live_before
    assert [b.kind for b in list_backups(cli_location, include_replaced=True)] == ["daily"]

    monkeypatch.setattr(sys, "stdin", _Terminal("YES\n"))
    assert main(["restore", "--db", location.url, str(backed_up), "--as", OWNER]) == 0
    assert _payments_in(location.url) == 4


def test_restore_without_a_terminal_needs_yes(location, backed_up):
    live_before = _digest(location.url)
    # The real installed command, with its input not a terminal, as a script would run it.
    proc = subprocess.run(
        [sys.executable, "-m", "lto_desk.cli", "restore", "--db", location.url, str(backed_up), "--as", OWNER],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2
    assert "add --yes. Nothing was changed." in proc.stderr and "Traceback" not in proc.stderr
    assert _digest(location.url) == live_before


def test_restore_of_a_file_that_is_not_a_backup_is_refused_plainly(location, backed_up, tmp_path, capsys):
    letter = tmp_path / "letter.sqlite3"
    letter.write_bytes(b"Dear customer, this is a letter. " * 300)
    live_before = _digest(location.url)
    assert main(["restore", "--db", location.url, str(letter), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lto-desk: letter.sqlite3 cannot be restored: it is damaged, or it is not a database")
    assert "Traceback" not in err and _digest(location.url) == live_before
    assert main(["restore", "--db", location.url, str(tmp_path / "missing.sqlite3"), "--yes"]) == 2
    assert "there is no such file" in capsys.readouterr().err


def test_backup_of_a_database_another_program_locks_stops_soon_and_says_why(location, clerk, agreement):
    from sqlite_lock import locked_by_another_program

    _pay(clerk, agreement, 2)
    close_database()
    database = Path(location.url)
    with locked_by_another_program(database):
        started = time.monotonic()
        # The real command: today's hang would be stopped by the timeout, and the test fail.
        proc = subprocess.run([sys.executable, "-m", "lto_desk.cli", "backup", "--db", location.url],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        seconds = time.monotonic() - started
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1] == (f"lto-desk: Another program is using the database ({database}), so the backup was not "
                           "made. Close that program and try again; nothing was changed.")
    assert seconds < 30
    assert list_backups(resolve_location(location.url)) == []
