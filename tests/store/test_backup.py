"""Backups: online copies that are checked and private, rotation, and restore that refuses
a bad file untouched and keeps the database it replaces."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from lto_desk.domain.errors import StorageError
from lto_desk.services import payments
from lto_desk.services.integrity import verify
from lto_desk.store import backup as backup_module
from lto_desk.store import migrations
from lto_desk.store.backup import (
    backup_due,
    check_backup_file,
    last_backup_at,
    list_backups,
    make_backup,
    restore_backup,
    rotate,
)
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import LedgerEntry, db
from lto_desk.store.paths import Location

AT = dt.datetime(2026, 11, 23, 18, 15, 2)


def _pay(clerk, agreement, weeks, start=0):
    for week in range(start, start + weeks):
        payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10) + dt.timedelta(weeks=week))


def _payments_in_live_db() -> int:
    return LedgerEntry.select().where(LedgerEntry.kind == "payment").count()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


# -- making a backup --------------------------------------------------------------------------


def test_a_backup_is_checked_private_and_named_by_its_time(location, clerk, agreement):
    _pay(clerk, agreement, 3)
    info = make_backup(location, at=AT)
    folder = location.files_dir / "backups"
    assert info.path == folder / "counter-20261123-181502.sqlite3"
    assert info.kind == "daily" and info.taken_at == AT and info.size == info.path.stat().st_size
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert _files(folder) == {info.path.name, info.path.name + ".anchor"}  # its seal, and no temp file
    assert stat.S_IMODE(Path(f"{info.path}.anchor").stat().st_mode) == 0o600
    # What the check found is what the database holds.
    assert info.check.verified and info.check.payments == 4  # the down payment and three payments
    assert info.check.journal_rows == db.execute_sql("SELECT count(*) FROM journal").fetchone()[0]
    assert info.check.last_payment_on == dt.date(2025, 1, 27)
    # One self-contained file: it opens on its own, without a -wal beside it.
    with sqlite3.connect(info.path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert check_backup_file(info.path).payments == 4


def test_a_second_backup_in_the_same_second_gets_a_name_of_its_own(location, owner):
    first = make_backup(location, at=AT, kind="manual")
    second = make_backup(location, at=AT, kind="manual")
    assert first.path.name == "counter-20261123-181502-manual.sqlite3"
    assert second.path.name == "counter-20261123-181502-manual-2.sqlite3"
    # Rotation keeps the newest of the day: the second one.
    assert [(b.path, b.kind) for b in list_backups(location)] == [(second.path, "manual")]


def test_backup_sees_only_committed_payments_while_another_connection_writes(location, clerk, agreement):
    _pay(clerk, agreement, 2)
    with db.atomic():  # a payment being written, not yet committed, holds the write lock
        _pay(clerk, agreement, 1, start=2)
        info = make_backup(location, at=AT)
    assert info.check.payments == 3  # down payment + the two committed ones
    assert _payments_in_live_db() == 3  # and the live database now has the third


def test_backups_on_a_worker_thread_while_the_counter_keeps_taking_payments(location, clerk, agreement):
    made, failures = [], []

    def back_up_repeatedly():
        for n in range(6):
            try:
                made.append(make_backup(location, at=AT + dt.timedelta(days=n)))
            except Exception as exc:  # noqa: BLE001 — reported by the assertion below
                failures.append(exc)

    worker = threading.Thread(target=back_up_repeatedly)
    worker.start()
    _pay(clerk, agreement, 20)
    worker.join(120)
    assert not worker.is_alive() and failures == []
    counts = [b.check.payments for b in made]
    assert len(counts) == 6 and counts == sorted(counts) and all(1 <= c <= 21 for c in counts)
    for backup in list_backups(location):
        assert check_backup_file(backup.path).verified


def test_a_database_whose_journal_was_altered_gets_no_backup(location, clerk, agreement):
    _pay(clerk, agreement, 2)
    close_database()
    with sqlite3.connect(location.url) as con:
        con.execute("UPDATE journal SET action = 'nothing to see' WHERE id = 3")
    with pytest.raises(StorageError) as err:
        make_backup(location, at=AT)
    assert "journal is broken at row 3" in err.value.message and "lto-desk verify" in err.value.message
    assert _files(location.files_dir / "backups") == set()


def test_a_damaged_database_gets_no_backup_and_keeps_its_wal_file(location, owner):
    close_database()
    live = Path(location.url)
    _make_garbage(live)
    wal = live.with_name(live.name + "-wal")
    wal.write_bytes(b"the last minutes of work, not yet in the file")
    with pytest.raises(StorageError) as err:
        make_backup(location, at=AT)
    assert "is damaged or is not an LTO Desk database" in err.value.message
    assert "lto-desk restore" in err.value.message
    assert wal.read_bytes() == b"the last minutes of work, not yet in the file"
    assert _files(location.files_dir / "backups") == set()


def test_no_database_no_backup(tmp_path):
    location = Location(str(tmp_path / "nothing.sqlite3"), tmp_path / "files")
    with pytest.raises(StorageError, match="There is no database at"):
        make_backup(location)
    assert not (tmp_path / "nothing.sqlite3").exists()


# -- failures writing the copy: a real read-only folder and a real size limit --------------------

_CHILD = r"""
import json, os, resource, signal, sys
from pathlib import Path
from lto_desk.domain.errors import StorageError
from lto_desk.store.backup import make_backup
from lto_desk.store.paths import Location
database, files, how = sys.argv[1:4]
if how == "small-disk":
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    limit = int(sys.argv[4])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
try:
    made = make_backup(Location(database, Path(files)))
    print(json.dumps({"made": str(made.path)}))
except StorageError as exc:
    print(json.dumps({"error": exc.message}))
"""


@pytest.fixture
def shared_folder():
    """A folder the unprivileged user can reach (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="lto-backup-"))
    os.chmod(folder, 0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            os.chmod(path, 0o700)  # a folder a test made read-only
    shutil.rmtree(folder, ignore_errors=True)


def _database_in_its_own_folder(shared_folder: Path, location: Location) -> tuple[Path, Path]:
    close_database()
    data, files = shared_folder / "data", shared_folder / "files"
    data.mkdir()
    (files / "backups").mkdir(parents=True)
    database = data / "counter.sqlite3"
    shutil.copyfile(location.url, database)
    if os.geteuid() == 0:
        for path in (data, database, files, files / "backups"):
            os.chown(path, 65534, 65534)
    return database, files


def _run_child(database: Path, files: Path, *extra: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(database), str(files), *extra],
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2])
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_full_disk_leaves_no_half_written_backup(location, clerk, agreement, shared_folder):
    _pay(clerk, agreement, 30)
    database, files = _database_in_its_own_folder(shared_folder, location)
    # Room for the database's shared-memory file, not for a whole copy of it.
    outcome = _run_child(database, files, "small-disk", str(database.stat().st_size // 2))
    assert "could not be written" in outcome["error"] and "Nothing was changed" in outcome["error"]
    assert _files(files / "backups") == set()


def test_a_read_only_database_folder_is_named_not_the_backups_folder(location, clerk, agreement, shared_folder):
    _pay(clerk, agreement, 2)
    database, files = _database_in_its_own_folder(shared_folder, location)
    os.chmod(database.parent, 0o500)
    error = _run_child(database, files, "read-only")["error"]
    assert error.startswith(f"The database {database} cannot be read for a backup: its folder {database.parent} "
                            "is read-only")
    assert "backups" not in error
    assert _files(files / "backups") == set()


def test_a_read_only_backups_folder_is_named_not_the_database_folder(location, clerk, agreement, shared_folder):
    _pay(clerk, agreement, 2)
    database, files = _database_in_its_own_folder(shared_folder, location)
    os.chmod(files / "backups", 0o500)
    error = _run_child(database, files, "read-only")["error"]
    assert f"could not be written to {files / 'backups'} (the folder is read-only)" in error
    assert str(database.parent) not in error
    assert _files(files / "backups") == set()


# -- rotation -------------------------------------------------------------------------------------


def test_rotation_keeps_fourteen_days_and_eight_weeks_and_nothing_else(location, owner):
    last = dt.datetime(2026, 11, 25, 18, 0)  # a Wednesday
    seed = make_backup(location, at=last - dt.timedelta(days=200))
    folder = seed.path.parent
    # 70 days of evening backups, plus a morning one on some days (fabricated from one real copy).
    for n in range(1, 70):
        evening = last - dt.timedelta(days=n)
        shutil.copyfile(seed.path, folder / f"counter-{evening:%Y%m%d-%H%M%S}.sqlite3")
        if n % 3 == 0:
            shutil.copyfile(seed.path, folder / f"counter-{evening:%Y%m%d}-090000-manual.sqlite3")
    seed.path.unlink()
    Path(f"{seed.path}.anchor").unlink()
    strangers = {"notes.txt", "replaced-20260901-120000.sqlite3", "other-20260901-120000.sqlite3",
                 "counter-20261399-000000.sqlite3", "counter-copy.sqlite3"}
    for name in strangers:
        (folder / name).write_text("not ours to delete")
    make_backup(location, at=last.replace(hour=9), kind="manual")
    make_backup(location, at=last)  # the newest of Nov 25
    daily = [f"counter-202611{day:02d}-180000.sqlite3" for day in range(12, 26)]  # Nov 12 – 25
    # Newest of each of the 8 most recent ISO weeks: weeks 48 … 41 end on Nov 25, Sun Nov 22,
    # 15, 8, 1, Oct 25, 18 and 11; weeks 40, 39 and 38 go.
    weekly = [f"counter-{day}-180000.sqlite3" for day in ("20261108", "20261101", "20261025", "20261018", "20261011")]
    # The newest keeps its seal beside it; the morning one went with its own.
    assert _files(folder) == set(daily) | set(weekly) | strangers | {"counter-20261125-180000.sqlite3.anchor"}
    assert rotate(location) == []  # a second rotation finds nothing more to delete


def test_rotation_clears_what_a_killed_backup_left_a_day_ago_but_not_one_under_way(location, owner):
    folder = make_backup(location, at=AT).path.parent
    old, fresh = folder / ".counter-20261120-181502.x1.partial", folder / ".counter-20261123-181502.x2.partial"
    for path in (old, fresh):
        path.write_bytes(b"half a copy")
    two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(old, (two_days_ago, two_days_ago))
    assert rotate(location) == [old]
    assert fresh.exists() and not old.exists()


def test_due_when_no_backup_in_the_last_day(location, owner):
    assert backup_due(location, AT) and last_backup_at(location) is None
    make_backup(location, at=AT)
    assert last_backup_at(location) == AT
    assert not backup_due(location, AT + dt.timedelta(hours=23, minutes=59))
    assert backup_due(location, AT + dt.timedelta(hours=24))
    assert backup_due(location, AT - dt.timedelta(days=3))  # the clock went back: that one does not count


# -- checking a file -----------------------------------------------------------------------------


def test_checking_a_backup_reads_it_and_changes_nothing(location, clerk, agreement):
    _pay(clerk, agreement, 2)
    info = make_backup(location, at=AT)
    before, listing = _digest(info.path), _files(info.path.parent)
    check = check_backup_file(info.path)
    assert (check.payments, check.customers, check.schema_version) == (3, 1, migrations.LATEST)
    assert check.describe() == "3 payments (the last on Jan 20, 2025), 1 customer"
    assert _digest(info.path) == before and _files(info.path.parent) == listing


def _make_newer(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("UPDATE schema_info SET version = ?", (migrations.LATEST + 1,))


def _make_foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE songs (title TEXT)")


def _make_garbage(path: Path) -> None:
    path.write_bytes(b"Dear customer, this is a letter, not a database. " * 200)


def _make_torn(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 8192] = b"\xff" * 8192  # pages torn in the middle
    path.write_bytes(bytes(data))


def _make_tampered(path: Path) -> None:
    with sqlite3.connect(path) as con:
        con.execute("UPDATE journal SET changes = replace(changes, 'García', 'Garcia') WHERE id = 4")


BAD_FILES = {
    "newer": (_make_newer, "was made by a newer LTO Desk"),
    "foreign": (_make_foreign, "a database of another program"),
    "garbage": (_make_garbage, "damaged, or it is not a database file"),
    "torn": (_make_torn, "damaged"),
    "tampered": (_make_tampered, "journal is broken at row 4"),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_restore_refuses_a_bad_file_and_changes_nothing(location, clerk, agreement, kind):
    _pay(clerk, agreement, 30)
    bad = make_backup(location, at=AT).path
    spoil, words = BAD_FILES[kind]
    spoil(bad)
    _pay(clerk, agreement, 1, start=30)
    close_database()
    live = Path(location.url)
    before, listing = _digest(live), _files(bad.parent)
    with pytest.raises(StorageError) as err:
        restore_backup(location, bad)
    assert words in err.value.message and "Nothing was changed" in err.value.message
    assert _digest(live) == before and _files(bad.parent) == listing  # no replaced copy either


def test_restore_refuses_a_missing_file_and_the_database_itself(location, owner):
    close_database()
    with pytest.raises(StorageError, match="there is no such file"):
        restore_backup(location, location.files_dir / "nope.sqlite3")
    with pytest.raises(StorageError, match="is the database itself"):
        restore_backup(location, Path(location.url))


# -- restoring ------------------------------------------------------------------------------------


def test_restore_brings_back_exactly_the_backed_up_payments_and_keeps_the_replaced_one(location, clerk, agreement):
    _pay(clerk, agreement, 3)
    backup = make_backup(location, at=AT)
    _pay(clerk, agreement, 2, start=3)
    close_database()
    result = restore_backup(location, backup.path, at=AT + dt.timedelta(hours=1))
    replaced = location.files_dir / "backups" / "replaced-20261123-191502.sqlite3"
    assert result.replaced_copy == replaced and stat.S_IMODE(replaced.stat().st_mode) == 0o600
    assert check_backup_file(replaced).payments == 6  # the database as it was, kept whole
    assert result.check.payments == 4 and result.check.verified
    open_database(location)
    amounts = [(e.receipt_number, e.amount) for e in
               LedgerEntry.select().where(LedgerEntry.kind == "payment").order_by(LedgerEntry.id)]
    assert amounts == [(2, 7693), (3, 7693), (4, 7693)]
    assert verify().ok
    # The counter goes on from there: the next receipt follows the restored ones.
    assert payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 2, 3, 10)).receipt_number == 5
    # The copy kept before the restore is offered too, and rotation never touches it.
    assert [b.kind for b in list_backups(location, include_replaced=True)] == ["replaced", "daily"]
    assert replaced.exists() and rotate(location) == []


def test_restore_while_another_counter_has_the_database_open(location, clerk, agreement):
    _pay(clerk, agreement, 1)
    backup = make_backup(location, at=AT)
    _pay(clerk, agreement, 2, start=1)
    close_database()
    other_counter = sqlite3.connect(location.url)
    assert other_counter.execute("SELECT count(*) FROM ledger_entry").fetchone()[0] == 4
    restore_backup(location, backup.path)
    assert other_counter.execute("SELECT count(*) FROM ledger_entry").fetchone()[0] == 2
    other_counter.close()


def test_restore_over_a_damaged_database_keeps_its_bytes_and_brings_the_backup_back(location, clerk, agreement):
    _pay(clerk, agreement, 2)
    backup = make_backup(location, at=AT)
    close_database()
    live = Path(location.url)
    _make_garbage(live)
    damaged = live.read_bytes()
    result = restore_backup(location, backup.path, at=AT)
    assert result.replaced_copy.read_bytes() == damaged
    assert result.check.payments == 3
    open_database(location)
    assert verify().ok


def test_a_damaged_database_is_kept_with_its_wal_file(location, clerk, agreement):
    backup = make_backup(location, at=AT)
    close_database()
    live = Path(location.url)
    _make_garbage(live)
    live.with_name(live.name + "-wal").write_bytes(b"the last minutes of work, not yet in the file")
    result = restore_backup(location, backup.path, at=AT)
    kept_wal = result.replaced_copy.with_name(result.replaced_copy.name + "-wal")
    assert kept_wal.read_bytes() == b"the last minutes of work, not yet in the file"
    assert stat.S_IMODE(kept_wal.stat().st_mode) == 0o600
    assert not [p for p in _files(backup.path.parent) if p.startswith(".")]  # no temp file left


def test_restore_onto_a_new_computer_with_no_database_yet(tmp_path, location, clerk, agreement):
    _pay(clerk, agreement, 2)
    backup = make_backup(location, at=AT)
    close_database()
    fresh = Location(str(tmp_path / "new" / "counter.sqlite3"), tmp_path / "new" / "files")
    result = restore_backup(fresh, backup.path)
    assert result.replaced_copy is None and result.check.payments == 3
    assert stat.S_IMODE(Path(fresh.url).stat().st_mode) == 0o600


def test_a_restore_whose_result_fails_its_check_puts_the_database_back(location, clerk, agreement, monkeypatch):
    _pay(clerk, agreement, 2)
    backup = make_backup(location, at=AT)
    _pay(clerk, agreement, 1, start=2)
    close_database()
    real = backup_module._examine

    def examine(path, *, thorough=True):
        if Path(path) == Path(location.url):  # the live file, once the backup is in it
            raise backup_module._Unfit("it is damaged (SQLite's check says: page 7 is never used)")
        return real(path, thorough=thorough)

    monkeypatch.setattr(backup_module, "_examine", examine)
    with pytest.raises(StorageError) as err:
        restore_backup(location, backup.path, at=AT)
    kept = location.files_dir / "backups" / "replaced-20261123-181502.sqlite3"
    assert err.value.message == (
        "The restored database did not pass its check: it is damaged (SQLite's check says: page 7 is never "
        f"used). The database you had was put back (a copy stays at {kept}). Try another backup."
    )
    monkeypatch.undo()
    assert check_backup_file(Path(location.url)).payments == 4  # the three payments and the down payment
