"""Backups that never eat themselves: the one just made is kept whatever the clock says,
a locked database is given up on in bounded time with a plain message, what a killed
backup left is removed at once, the right folder is named; and every backup seals the
journal's position inside the copy, beside it and in this computer's anchors file."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_lock import locked_by_another_program

from lto_desk.services import payments
from lto_desk.store import anchors
from lto_desk.store.backup import (
    check_backup_file,
    list_backups,
    make_backup,
    restore_backup,
)
from lto_desk.store.database import close_database, open_database
from lto_desk.store.paths import Location

ROOT = Path(__file__).parents[2]
AT = dt.datetime(2026, 11, 23, 10, 0, 0)


def _pay(clerk, agreement, weeks, start=0):
    for week in range(start, start + weeks):
        payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10) + dt.timedelta(weeks=week))


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _last_row(path: Path) -> tuple[int, str]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1").fetchone()


def _books(path: Path) -> str:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT key_check FROM chain_key ORDER BY since LIMIT 1").fetchone()[0]


# -- the one just made is kept ------------------------------------------------------------------


def test_a_backup_made_after_the_clock_went_back_is_kept_and_returned(location, clerk, agreement):
    _pay(clerk, agreement, 1)
    at_ten = make_backup(location, at=AT)
    _pay(clerk, agreement, 1, start=1)
    at_nine = make_backup(location, at=AT - dt.timedelta(hours=1))  # the clock was set back an hour
    assert at_nine.path.exists() and at_nine.path != at_ten.path
    assert at_nine.taken_at == AT - dt.timedelta(hours=1) and at_nine.size == at_nine.path.stat().st_size
    assert check_backup_file(at_nine.path).payments == 3  # the newer payment is in the one just made
    assert at_ten.path.exists()  # and the newest by its name is not removed either
    assert {b.path for b in list_backups(location)} == {at_ten.path, at_nine.path}


@pytest.mark.parametrize("kinds", [("manual", "manual", "manual"), ("daily", "manual", "closing")])
def test_three_backups_in_one_second_each_keep_the_one_just_made(location, owner, kinds):
    made = []
    for kind in kinds:
        info = make_backup(location, at=AT, kind=kind)
        assert info.path.exists() and info.kind == kind
        assert list_backups(location)[0].path == info.path  # the one just made is the newest
        made.append(info.path)
    assert len(set(made)) == 3  # each has a name of its own
    assert made[-1].exists() and [b.path for b in list_backups(location)] == [made[-1]]


# -- a database another program locks -----------------------------------------------------------

_BACK_UP = r"""
import json, sys, time
from pathlib import Path
from lto_desk.domain.errors import StorageError
from lto_desk.store.backup import make_backup
from lto_desk.store.paths import Location
started = time.monotonic()
try:
    made = make_backup(Location(sys.argv[1], Path(sys.argv[2])), kind="manual")
    print(json.dumps({"made": str(made.path), "seconds": time.monotonic() - started}))
except StorageError as exc:
    print(json.dumps({"error": exc.message, "seconds": time.monotonic() - started}))
"""


def test_a_backup_of_a_locked_database_gives_up_soon_with_a_plain_message(location, clerk, agreement):
    _pay(clerk, agreement, 2)
    close_database()
    database = Path(location.url)
    with locked_by_another_program(database):
        # Today's hang would stop this at the timeout: the child is killed and the test fails.
        proc = subprocess.run([sys.executable, "-c", _BACK_UP, location.url, str(location.files_dir)],
                              capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    outcome = json.loads(proc.stdout)
    assert outcome["error"] == (
        f"Another program is using the database ({database}), so the backup was not made. "
        "Close that program and try again; nothing was changed."
    )
    assert outcome["seconds"] < 30
    assert _files(location.files_dir / "backups") == set()  # nothing half-made left behind
    assert make_backup(location, at=AT).path.exists()  # once it is let go, the backup is made


def test_a_restore_onto_a_locked_database_gives_up_soon_and_changes_nothing(location, clerk, agreement):
    _pay(clerk, agreement, 2)
    backup = make_backup(location, at=AT)
    _pay(clerk, agreement, 1, start=2)
    close_database()
    database = Path(location.url)
    before = check_backup_file(database).payments
    script = (
        "import sys, time; from pathlib import Path; from lto_desk.domain.errors import StorageError; "
        "from lto_desk.store.backup import restore_backup; from lto_desk.store.paths import Location; "
        "t = time.monotonic()\n"
        "try:\n    restore_backup(Location(sys.argv[1], Path(sys.argv[2])), Path(sys.argv[3])); print('restored')\n"
        "except StorageError as exc:\n    print(exc.message)\n"
        "print(time.monotonic() - t)"
    )
    with locked_by_another_program(database):
        proc = subprocess.run([sys.executable, "-c", script, location.url, str(location.files_dir), str(backup.path)],
                              capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    message, seconds = proc.stdout.strip().splitlines()
    assert message.startswith(f"Another program is using the database ({database}), so the backup was not restored.")
    assert float(seconds) < 30
    assert check_backup_file(database).payments == before  # the database is as it was


# -- what a killed backup left ----------------------------------------------------------------------

_KILLED = r"""
import sys, time
from pathlib import Path
from lto_desk.store import backup
from lto_desk.store.paths import Location
def stuck(path, **_):  # the copy is written, whole; the process is killed while it is checked
    print("copied", flush=True)
    time.sleep(120)
backup._examine = stuck
backup.make_backup(Location(sys.argv[1], Path(sys.argv[2])))
"""


def _stuck_backup(location: Location) -> subprocess.Popen:
    """A backup in another process, stopped with its copy written and not yet checked."""
    child = subprocess.Popen([sys.executable, "-c", _KILLED, location.url, str(location.files_dir)],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout.readline().strip() == "copied"
    return child


def test_what_a_killed_backup_left_is_removed_by_the_next_backup_at_once(location, clerk, agreement):
    _pay(clerk, agreement, 20)
    close_database()
    folder = location.files_dir / "backups"
    child = _stuck_backup(location)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    [left] = [p for p in folder.iterdir() if p.name.endswith(".partial")]
    assert left.stat().st_size >= Path(location.url).stat().st_size // 2  # a whole copy's worth of disk
    made = make_backup(location, at=AT)
    assert _files(folder) == {made.path.name, made.path.name + ".anchor"}


def test_a_backup_under_way_in_another_process_is_left_alone(location, clerk, agreement):
    _pay(clerk, agreement, 2)
    close_database()
    folder = location.files_dir / "backups"
    child = _stuck_backup(location)
    try:
        [under_way] = [p for p in folder.iterdir() if p.name.endswith(".partial")]
        made = make_backup(location, at=AT)
        assert under_way.exists() and made.path.exists()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    later = make_backup(location, at=AT + dt.timedelta(minutes=1))
    assert _files(folder) == {later.path.name, later.path.name + ".anchor"}  # its process is gone now


# -- the right folder named -------------------------------------------------------------------------

# -- anchors: the journal's position, inside, beside and on this computer -------------------------------


def test_a_backup_seals_its_journal_position_inside_beside_and_in_the_anchors_file(location, clerk, agreement):
    _pay(clerk, agreement, 3)
    made = make_backup(location, at=AT)
    row, digest = _last_row(made.path)
    books = _books(made.path)
    with sqlite3.connect(made.path) as con:  # inside the copy
        assert con.execute("SELECT at, journal_id, hash, what FROM anchor").fetchall() == [
            ("2026-11-23 10:00:00", row, digest, "backup of Nov 23, 2026 at 10:00")]
    [beside] = anchors.read_lines(Path(f"{made.path}.anchor"))  # beside it
    assert (beside.books, beside.row, beside.hash, beside.kind) == (books, row, digest, "backup")
    assert beside.what == "backup of Nov 23, 2026 at 10:00" and beside.at == "2026-11-23 10:00:00"
    assert [a.as_line() for a in anchors.read_lines(anchors.anchors_path())] == [beside.as_line()]  # this computer's
    assert check_backup_file(made.path).verified  # the copy with its anchor still passes its check
    assert [b.path for b in list_backups(location)] == [made.path]  # the .anchor file is not a backup


def test_the_anchors_of_a_backup_agree_with_verify(location, clerk, agreement):
    from lto_desk.services.anchoring import check_anchors

    _pay(clerk, agreement, 3)
    make_backup(location, at=AT)
    checked, problem = check_anchors(location)
    assert problem is None and checked == 2  # beside the copy, and in this computer's file


def test_books_with_no_key_yet_get_a_backup_without_an_anchor(location, database):
    made = make_backup(location, at=AT)  # nothing written yet: no journal, no key
    assert made.path.exists() and not Path(f"{made.path}.anchor").exists()
    assert not anchors.anchors_path().exists()
    with sqlite3.connect(made.path) as con:
        assert con.execute("SELECT count(*) FROM anchor").fetchone() == (0,)


def test_rotation_removes_a_backup_with_its_anchor(location, owner):
    first = make_backup(location, at=AT - dt.timedelta(days=200))
    assert Path(f"{first.path}.anchor").exists()
    for n in range(15):  # every fifth day: the first is no longer among the 14 days nor the 8 weeks kept
        make_backup(location, at=AT - dt.timedelta(days=5 * (14 - n)))
    assert not first.path.exists() and not Path(f"{first.path}.anchor").exists()
    names = _files(first.path.parent)
    copies = {n for n in names if n.endswith(".sqlite3")}
    assert len(copies) == 14 and names == copies | {n + ".anchor" for n in copies}


def test_a_restore_records_where_the_restored_journal_ends(location, clerk, agreement):
    from lto_desk.services.anchoring import check_anchors

    _pay(clerk, agreement, 2)
    backup = make_backup(location, at=AT)
    row, digest = _last_row(backup.path)
    _pay(clerk, agreement, 2, start=2)
    later = make_backup(location, at=AT + dt.timedelta(days=1))  # sealed rows the restore takes away
    assert later.anchor is not None and later.anchor.row > row
    close_database()
    restore_backup(location, backup.path, at=AT + dt.timedelta(days=1, hours=2))
    restored = [a for a in anchors.read_lines(anchors.anchors_path()) if a.kind == "restore"]
    assert [(a.row, a.hash, a.at, a.books) for a in restored] == [
        (row, digest, "2026-11-24 12:00:00", _books(backup.path))]
    assert restored[0].what == "restore of Nov 24, 2026 at 12:00"
    assert _last_row(Path(location.url)) == (row, digest)
    # verify tells the later backup's seal (made on the books the restore replaced) from a cut
    open_database(location)
    assert check_anchors(location)[1] is None
