"""Backups of the SQLite database: made online with SQLite's backup API, checked, rotated, restored.

Nothing here uses the peewee connection or the models: every step opens its own
sqlite3 connections, so a backup is safe on a worker thread while the window and
other counters keep writing (SQLite copies one consistent snapshot).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import peewee

from ..domain.errors import LtoError, StorageError
from . import migrations
from .database import now, storage_error
from .file_check import BUSY_TIMEOUT_MS
from .journal import GENESIS, _plain, row_hash
from .seal import held_key
from .paths import Location

BACKUPS_FOLDER = "backups"
KEEP_DAYS = 14  # the newest backup of each of the 14 most recent days that have one
KEEP_WEEKS = 8  # ... and of each of the 8 most recent ISO weeks
STAMP = "%Y%m%d-%H%M%S"
#: Kinds of backup: what each is called, and what its file name carries after the time.
KINDS = {"daily": "", "manual": "-manual", "closing": "-closing"}
KIND_LABELS = {"daily": "Daily", "manual": "By hand", "closing": "On closing", "replaced": "Before a restore",
               "chosen": "Chosen file"}
REPLACED_PREFIX = "replaced-"
_SUFFIX = r"(?P<kind>-manual|-closing)?(?:-(?P<n>\d+))?\.sqlite3"
_STAMP_RE = r"(?P<stamp>\d{8}-\d{6})"
_AT = peewee.DateTimeField()  # reads a stored time exactly as the model does, for the hash
_TIMEOUT = BUSY_TIMEOUT_MS / 1000


@dataclass(frozen=True)
class BackupCheck:
    """What is in an LTO Desk database file, for the person choosing one to restore.

    Attributes:
      path: the file looked at.
      schema_version: its schema version (at most this program's).
      journal_rows, payments, customers: how many of each it holds (payments: money
        received, payments and down payments).
      last_payment_on: the day of its latest payment, None when it has none.
      last_change_at: the time of its latest journal row, None when it has none.
      verified: True when the integrity check and the journal chain were checked too.
    """

    path: Path
    schema_version: int
    journal_rows: int
    payments: int
    customers: int
    last_payment_on: dt.date | None
    last_change_at: dt.datetime | None
    verified: bool

    def describe(self) -> str:
        """"312 payments (the last on Nov 23, 2026), 48 customers"."""
        if self.payments:
            day = self.last_payment_on
            last = f" (the last on {day:%b} {day.day}, {day.year})" if day else ""
            paid = f"{self.payments:,} payment{'s' if self.payments != 1 else ''}{last}"
        else:
            paid = "no payments yet"
        if not self.customers:
            return f"{paid}, no customers yet"
        return f"{paid}, {self.customers:,} customer{'s' if self.customers != 1 else ''}"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. Attributes: path; taken_at (from its name); size in bytes;
    kind (daily, manual, closing or replaced); check: what the check found, when it was
    just made."""

    path: Path
    taken_at: dt.datetime
    size: int
    kind: str
    check: BackupCheck | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class RestoreResult:
    """Attributes: restored_from: the backup brought back; replaced_copy: where the
    database as it was is kept (None when there was none); check: the restored database."""

    restored_from: Path
    replaced_copy: Path | None
    check: BackupCheck


class _Unfit(Exception):
    """A file that is not a usable LTO Desk database; the text says why, without its name."""


class UnusableBackup(StorageError):
    """A file that cannot be restored. Attributes: message (the whole sentence, with the
    file's name); reason: only why ("it is damaged, or it is not a database file")."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


# -- names and places -----------------------------------------------------------------------


def database_path(location: Location) -> Path:
    if not location.is_sqlite:
        raise StorageError("Backups of a database server are made on the server; this copies database files only.")
    assert location.path is not None
    return location.path


def backups_folder(location: Location) -> Path:
    """``<files>/backups``, created on demand, readable by this user only."""
    try:
        folder = location.folder(BACKUPS_FOLDER)
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077:  # others lose access; the owner's own bits (even read-only) stay
            os.chmod(folder, mode & 0o700)
    except OSError as exc:
        raise StorageError(
            f"The backups folder {location.files_dir / BACKUPS_FOLDER} cannot be made or used "
            f"({exc.strerror or exc}). Check the folder, or free some space, and try again."
        ) from exc
    return folder


def backup_name(database: Path, at: dt.datetime, kind: str = "daily") -> str:
    """``lto-desk-20261123-181502.sqlite3``: the database's name, the time, the kind."""
    return f"{database.stem}-{at:{STAMP}}{KINDS[kind]}.sqlite3"


def replaced_name(at: dt.datetime) -> str:
    return f"{REPLACED_PREFIX}{at:{STAMP}}.sqlite3"


def _free(path: Path) -> Path:
    """``path``, or the same name with -2, -3... when a file has it (nothing is overwritten)."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def list_backups(location: Location, *, include_replaced: bool = False) -> list[BackupInfo]:
    """This database's backups, newest first (read from the names; other files are left out).
    ``include_replaced`` adds the copies kept before a restore."""
    folder = location.files_dir / BACKUPS_FOLDER
    if not location.is_sqlite or not folder.is_dir():
        return []
    ours = re.compile(re.escape(database_path(location).stem) + "-" + _STAMP_RE + _SUFFIX)
    replaced = re.compile(re.escape(REPLACED_PREFIX) + _STAMP_RE + r"(?:-(?P<n>\d+))?\.sqlite3")
    found = []
    try:
        paths = list(folder.iterdir())
    except OSError:  # an unreadable folder holds no backup we can use; making one will say why
        return []
    for path in paths:
        if path.name.startswith(REPLACED_PREFIX):
            match, kind = (replaced.fullmatch(path.name), "replaced") if include_replaced else (None, "")
        else:
            match = ours.fullmatch(path.name)
            kind = (match.group("kind") or "-daily")[1:] if match else ""
        if match is None:
            continue
        try:
            taken = dt.datetime.strptime(match.group("stamp"), STAMP)
            size = path.stat().st_size
        except (ValueError, OSError):  # an impossible date in the name, or gone meanwhile
            continue
        found.append((taken, int(match.group("n") or 1), BackupInfo(path, taken, size, kind)))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [info for _taken, _n, info in found]


def last_backup_at(location: Location) -> dt.datetime | None:
    backups = list_backups(location)
    return backups[0].taken_at if backups else None


def backup_due(location: Location, at: dt.datetime) -> bool:
    """True when no backup was made in the 24 hours before ``at`` (a backup dated over a
    day ahead, from a clock that was wrong, does not count)."""
    day = dt.timedelta(days=1)
    return not any(at - day < b.taken_at <= at + day for b in list_backups(location))


def format_size(size: int) -> str:
    """"412 KB", "2.4 MB": a file's size as a person reads it."""
    if size < 1000:
        return f"{size} bytes"
    value, unit = size / 1000, "KB"
    for bigger in ("MB", "GB"):
        if value < 1000:
            break
        value, unit = value / 1000, bigger
    return f"{value:.0f} {unit}" if unit == "KB" or value >= 100 else f"{value:.1f} {unit}"


# -- checking a file --------------------------------------------------------------------------


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=_TIMEOUT)


def _keys_of(con: sqlite3.Connection) -> list[tuple[int, bytes | None]]:
    """The copy's key segments (from which row, and the key when this computer holds it)."""
    if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'chain_key'").fetchone():
        return []  # a copy made before the books had a key
    return [(since, held_key(check, since))
            for since, check in con.execute("SELECT since, key_check FROM chain_key ORDER BY since")]


def _chain_rows(con: sqlite3.Connection) -> int:
    """Walk the journal as `store.journal.walk` does, on a plain connection; its row count.
    A row sealed with a key this computer does not hold is checked for its place only."""
    prev, count = GENESIS, 0
    keys = _keys_of(con)
    rows = con.execute("SELECT id, at, clerk_id, action, changes, prev_hash, hash FROM journal ORDER BY id")
    for row_id, at, clerk_id, action, changes, prev_hash, digest in rows:
        if prev_hash != prev:
            raise _Unfit(f"its journal is broken at row {row_id} (a row was removed, added or altered)")
        keyed = [key for since, key in keys if since <= row_id]
        key = keyed[-1] if keyed else None
        if (not keyed or key is not None) and row_hash(
            prev_hash, _plain(_AT.adapt(at)), clerk_id, action, changes, key
        ) != digest:
            raise _Unfit(f"its journal is broken at row {row_id} (the row was altered after it was written)")
        prev, count = digest, count + 1
    return count


def _inspect(con: sqlite3.Connection, path: Path, *, thorough: bool) -> BackupCheck:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_info" not in tables:
        raise _Unfit("it is an empty database" if not tables else "it is a database of another program, not LTO Desk")
    row = con.execute("SELECT version FROM schema_info").fetchone()
    version = row[0] if row else 0
    if version > migrations.LATEST:
        raise _Unfit(f"it was made by a newer LTO Desk (schema version {version}; this program knows up to "
                     f"{migrations.LATEST}). Install the newer LTO Desk to use it")
    if not {"journal", "ledger_entry", "customer"} <= tables:
        raise _Unfit("it is missing some of LTO Desk's tables")
    if thorough:
        problems = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
        if problems != ["ok"]:
            raise _Unfit(f"it is damaged (SQLite's check says: {problems[0]})")
        journal_rows = _chain_rows(con)
    else:
        journal_rows = con.execute("SELECT count(*) FROM journal").fetchone()[0]
    paid, last_paid = con.execute(
        "SELECT count(*), max(entry_date) FROM ledger_entry WHERE kind IN ('payment', 'down_payment')"
    ).fetchone()
    last_change = con.execute("SELECT at FROM journal ORDER BY id DESC LIMIT 1").fetchone()
    customers = con.execute("SELECT count(*) FROM customer").fetchone()[0]
    return BackupCheck(
        path=path, schema_version=version, journal_rows=journal_rows, payments=paid, customers=customers,
        last_payment_on=dt.date.fromisoformat(str(last_paid)[:10]) if last_paid else None,
        last_change_at=_AT.adapt(last_change[0]) if last_change else None, verified=thorough,
    )


def _examine(path: Path, *, thorough: bool = True) -> BackupCheck:
    """Look at ``path`` read-only. Raises _Unfit (why, in words) or StorageError (cannot read)."""
    path = Path(path)
    if not path.exists():
        raise _Unfit("there is no such file")
    if not path.is_file():
        raise _Unfit("it is a folder, not a database file")
    if path.stat().st_size == 0:
        raise _Unfit("it is an empty file")
    try:
        with contextlib.closing(_read_only(path)) as con:
            return _inspect(con, path, thorough=thorough)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise _Unfit("it is damaged, or it is not a database file") from exc
        raise storage_error(exc, path) from exc


def check_backup_file(path: Path, *, thorough: bool = True) -> BackupCheck:
    """Is ``path`` an LTO Desk database this program can restore, and what is in it?

    Opens it read-only and never changes it. ``thorough`` (the default) also runs
    SQLite's integrity check and walks the journal chain; without it only the counts
    are read (quick, for a list of backups). Raises StorageError saying why not."""
    try:
        return _examine(Path(path), thorough=thorough)
    except _Unfit as why:
        raise UnusableBackup(f"{Path(path).name} cannot be restored: {why}. Nothing was changed; "
                             "pick another backup.", str(why)) from None


# -- copying -------------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows cannot open a folder and needs no such step)."""
    with contextlib.suppress(OSError):
        _fsync(folder)


def _write_failed(exc: BaseException, folder: Path) -> StorageError:
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno is not None:
        reason = os.strerror(exc.errno).lower()
    else:
        reason = text
    if "full" in text or "no space" in reason:
        reason = "the disk is full"
    elif "i/o" in text or "too large" in reason:
        reason = "the disk would not take the whole copy: it may be full or failing"
    elif "readonly" in text or "read-only" in text or "permission" in reason:
        reason = "the folder is read-only"
    return StorageError(
        f"The copy could not be written to {folder} ({reason}). Nothing was changed and no part of it "
        "was left behind. Free some space or fix the folder's permissions, then try again."
    )


def _copy_database(source: Path, dest: Path) -> None:
    """Copy ``source`` (which may be in use) into ``dest`` with SQLite's backup API; ``dest``
    becomes one self-contained file (rollback journal, no -wal beside it).

    The source is opened read-only: a read-write connection to a damaged file deletes its
    -wal file on closing, and with it the last work not yet in the file."""
    src = _read_only(source)
    try:
        dst = sqlite3.connect(dest, timeout=_TIMEOUT)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _sqlite_fault(exc: sqlite3.Error) -> bool:
    """True for a fault of the file itself (damaged, not a database), not of the moment."""
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def _kept_copy(source: Path, target: Path, *, thorough: bool) -> BackupCheck | None:
    """Copy ``source`` to a temp file beside ``target``; check it (``thorough``); fsync, 0o600,
    rename. Whatever fails, the temp file is gone and ``target`` does not exist."""
    folder = target.parent
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".partial", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise _write_failed(exc, folder) from exc
    temp = Path(name)
    try:
        try:
            _copy_database(source, temp)
        except sqlite3.DatabaseError as exc:
            if not thorough and _sqlite_fault(exc):  # a damaged database is still kept, byte for byte
                _copy_bytes(source, temp)
            elif "disk" in str(exc).lower() or "readonly" in str(exc).lower():
                raise _write_failed(exc, folder) from exc
            else:
                raise storage_error(exc, source) from exc
        check = None
        if thorough:
            try:
                check = _examine(temp)
            except _Unfit as why:
                raise StorageError(
                    f"The backup was not kept: the copy did not pass its check ({why}). The database "
                    "itself may be damaged; run “lto-desk verify”, and restore an earlier backup if it "
                    "reports a problem."
                ) from None
        wal = temp.with_name(temp.name + "-wal")  # only beside a byte copy of a damaged database
        for part, final in ((wal, target.with_name(target.name + "-wal")), (temp, target)):
            if part.exists():
                os.chmod(part, 0o600)
                _fsync(part)
                os.replace(part, final)
        _fsync_folder(folder)
        return check
    except OSError as exc:
        raise _write_failed(exc, folder) from exc
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal"), temp.with_name(temp.name + "-wal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _copy_bytes(source: Path, dest: Path) -> None:
    """A byte copy of a damaged database and of its -wal file, if any (kept as they are)."""
    shutil.copyfile(source, dest)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, dest.with_name(dest.name + "-wal"))


# -- making backups ------------------------------------------------------------------------------


def make_backup(location: Location, *, at: dt.datetime | None = None, kind: str = "daily") -> BackupInfo:
    """Copy the database, while it is in use, to ``backups/<name>-YYYYMMDD-HHMMSS.sqlite3``.

    The copy is checked (SQLite's integrity check and the journal chain) before it is
    kept; then older backups are rotated (see `rotate`). Safe on a worker thread: it
    uses connections of its own. Raises StorageError, leaving nothing half-written."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of backup: {kind}")
    source = database_path(location)
    if not source.is_file():
        raise StorageError(f"There is no database at {source} to back up.")
    at = (at or now()).replace(microsecond=0)
    folder = backups_folder(location)
    target = _free(folder / backup_name(source, at, kind))
    check = _kept_copy(source, target, thorough=True)
    rotate(location)
    return BackupInfo(target, at, target.stat().st_size, kind, check)


def backups_to_keep(backups: list[BackupInfo]) -> set[Path]:
    """The newest backup of each of the KEEP_DAYS most recent days that have one, and the
    newest of each of the KEEP_WEEKS most recent ISO weeks."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep: set[Path] = set()
    for period, count in ((lambda t: t.date(), KEEP_DAYS), (lambda t: t.isocalendar()[:2], KEEP_WEEKS)):
        seen: set = set()
        for backup in newest_first:
            key = period(backup.taken_at)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.add(key)
            keep.add(backup.path)
    return keep


def rotate(location: Location) -> list[Path]:
    """Delete this database's backups that `backups_to_keep` does not keep, and what is left
    of copies cut short; the paths deleted. Other files in the folder, and the copies kept
    before a restore, are never touched. A file that cannot be deleted stays (the next
    rotation tries again)."""
    backups = list_backups(location)
    keep = backups_to_keep(backups)
    doomed = [b.path for b in backups if b.path not in keep] + _stale_partials(location)
    removed = []
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _stale_partials(location: Location) -> list[Path]:
    """Temp files of backups cut short a day ago or more (the program was killed while
    copying); a newer one may be a backup still being made by another window."""
    folder = location.files_dir / BACKUPS_FOLDER
    prefix = f".{database_path(location).stem}-"
    day_ago = (now() - dt.timedelta(days=1)).timestamp()
    stale = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.name.startswith(prefix) and path.name.endswith((".partial", ".partial-journal")) \
                    and path.stat().st_mtime < day_ago:
                stale.append(path)
    return stale


# -- restoring ---------------------------------------------------------------------------------


def _copy_into(source: Path, live: Path) -> None:
    """Write ``source`` into the live database through SQLite (the WAL and other open
    connections stay consistent). A live file too damaged for that is replaced whole."""
    try:
        with contextlib.closing(_read_only(source)) as src, \
                contextlib.closing(sqlite3.connect(live, timeout=_TIMEOUT)) as dst:
            src.backup(dst)
    except sqlite3.DatabaseError as exc:
        if not _sqlite_fault(exc):
            raise storage_error(exc, live) from exc
        _replace_file(source, live)


def _replace_file(source: Path, live: Path) -> None:
    temp = live.with_name(f".{live.name}.restoring")
    try:
        shutil.copyfile(source, temp)
        os.chmod(temp, 0o600)
        _fsync(temp)
        for stale in ("-wal", "-shm"):  # the damaged file's WAL must not be laid over the new one
            with contextlib.suppress(FileNotFoundError):
                live.with_name(live.name + stale).unlink()
        os.replace(temp, live)
        _fsync_folder(live.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _write_failed(exc, live.parent) from exc


def restore_backup(location: Location, backup_path: Path, *, at: dt.datetime | None = None) -> RestoreResult:
    """Bring back ``backup_path`` as the database of ``location``.

    Close the peewee connection first (`store.database.close_database`) and open the
    database again afterwards (`open_database` also migrates an older backup): the
    program's objects would otherwise still show the replaced data.

    A damaged, foreign or newer file is refused before anything is touched. Then the
    database as it is now is kept as ``backups/replaced-YYYYMMDD-HHMMSS.sqlite3``, the
    backup is copied into the live file with SQLite's backup API (so the WAL and other
    counters' connections stay consistent) and the result is checked; should that check
    fail, the kept copy is put back. Raises StorageError in plain words."""
    live = database_path(location)
    backup_path = Path(backup_path).absolute()
    if live.exists() and backup_path.exists() and os.path.samefile(live, backup_path):
        raise StorageError(f"{backup_path} is the database itself, not a backup. Pick a backup file.")
    check_backup_file(backup_path)
    at = (at or now()).replace(microsecond=0)
    replaced = None
    if live.is_file() and live.stat().st_size > 0:
        replaced = _free(backups_folder(location) / replaced_name(at))
        _kept_copy(live, replaced, thorough=False)
    else:
        try:
            live.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_failed(exc, live.parent) from exc
    created = not live.exists()
    _copy_into(backup_path, live)
    if created:
        os.chmod(live, 0o600)
    try:
        result = _examine(live)
    except (_Unfit, LtoError) as why:
        if replaced is not None:
            _copy_into(replaced, live)
        raise StorageError(
            f"The restored database did not pass its check: {why}. "
            + (f"The database you had was put back (a copy stays at {replaced}). " if replaced else "")
            + "Try another backup."
        ) from None
    return RestoreResult(backup_path, replaced, result)
