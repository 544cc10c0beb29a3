"""Backups of the SQLite database: made online with SQLite's backup API, checked, rotated, restored.

Nothing here uses the peewee connection or the models: every step opens its own
sqlite3 connections, so a backup is safe on a worker thread while the window and
other counters keep writing (SQLite copies one consistent snapshot).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import os
import re
import shutil
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import LtoError, StorageError
from . import anchors, backup_temp
from .backup_check import TIMEOUT as _TIMEOUT
from .backup_check import (
    BackupCheck,
    UnusableBackup,
    _examine,
    _read_only,
    _Unfit,
    check_backup_file,
)
from .backup_seal import record_restore, seal_copy
from .database import now, storage_error
from .paths import Location, make_private_folder

__all__ = [
    "BackupCheck",
    "BackupInfo",
    "RestoreResult",
    "UnusableBackup",
    "backup_due",
    "backups_folder",
    "check_backup_file",
    "last_backup_at",
    "list_backups",
    "make_backup",
    "restore_backup",
    "rotate",
]

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


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. Attributes: path; taken_at (from its name); size in bytes;
    kind (daily, manual, closing or replaced); check: what the check found, and anchor:
    where its journal ends (None before the books have a key), when it was just made."""

    path: Path
    taken_at: dt.datetime
    size: int
    kind: str
    check: BackupCheck | None = None
    anchor: anchors.Anchor | None = None

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


class _Locked(Exception):
    """Another program kept ``path`` locked past the wait (BUSY_TIMEOUT_MS)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def _locked_message(exc: _Locked, done: str) -> StorageError:
    return StorageError(f"Another program is using the database ({exc.path}), so the backup was not {done}. "
                        "Close that program and try again; nothing was changed.")


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


def _numbered(path: Path, n: int) -> Path:
    """``path`` itself for 1; the same name with -2, -3... after."""
    return path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")


def _names(path: Path, first: int = 1) -> Iterator[Path]:
    return (_numbered(path, n) for n in itertools.count(first))


def _backup_names(folder: Path, database: Path, at: dt.datetime, kind: str) -> Iterator[Path]:
    """The names a backup made at ``at`` may take, in turn: numbered past every backup of
    the same second (whatever its kind), so the one just made is the newest of them."""
    same_second = re.compile(re.escape(database.stem) + "-" + re.escape(f"{at:{STAMP}}") + _SUFFIX)
    try:
        taken = [int(m.group("n") or 1) for p in folder.iterdir() if (m := same_second.fullmatch(p.name))]
    except OSError:
        taken = []
    return _names(folder / backup_name(database, at, kind), max(taken, default=0) + 1)


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


def _busy(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def _cannot_read(exc: sqlite3.Error, source: Path) -> StorageError:
    """The database itself cannot be opened for the copy: its folder or file is named, not
    the backups folder's."""
    folder = source.parent
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_DIRECTORY" or not os.access(folder, os.W_OK | os.X_OK):
        why = (f"its folder {folder} is read-only, and SQLite must make a small file beside the database "
               "to read it")
    else:
        why = f"SQLite says: {exc}"
    return StorageError(f"The database {source} cannot be read for a backup: {why}. Nothing was changed. "
                        "Let this user write to that folder, then try again.")


def _give_up_after(locked: Path) -> Callable[[int, int, int], None]:
    """A progress callback for `sqlite3.Connection.backup`, which otherwise retries a locked
    database for ever: past the wait, the copy is stopped (nothing of it is kept)."""
    deadline = time.monotonic() + _TIMEOUT

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _Locked(locked)

    return progress


def _copy_database(source: Path, dest: Path) -> None:
    """Copy ``source`` (which may be in use) into ``dest`` with SQLite's backup API; ``dest``
    becomes one self-contained file (rollback journal, no -wal beside it). Raises _Locked
    when another program keeps ``source`` locked past the wait.

    The source is opened read-only: a read-write connection to a damaged file deletes its
    -wal file on closing, and with it the last work not yet in the file."""
    src = _read_only(source)
    try:
        try:
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # waits as long as a write may
        except sqlite3.DatabaseError as exc:
            if _busy(exc):
                raise _Locked(source) from None
            if _sqlite_fault(exc):
                raise
            raise _cannot_read(exc, source) from exc
        dst = sqlite3.connect(dest, timeout=_TIMEOUT)
        try:
            src.backup(dst, progress=_give_up_after(source))
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _sqlite_fault(exc: sqlite3.Error) -> bool:
    """True for a fault of the file itself (damaged, not a database), not of the moment."""
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def _move_to_free_name(temp: Path, names: Iterator[Path]) -> Path:
    """Give ``temp`` the first of ``names`` no file has, at that moment: a hard link is made
    only where nothing is (another counter's backup of the same second is never written
    over), then the temp name goes."""
    for candidate in names:
        try:
            os.link(temp, candidate)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links (FAT, some shared folders)
            if candidate.exists():
                continue
            os.replace(temp, candidate)
            return candidate
        temp.unlink()
        return candidate
    raise AssertionError("names never run out")


def _anchor_recorded(anchor: anchors.Anchor) -> None:
    try:
        anchors.record(anchor)
    except OSError as exc:
        where = anchors.anchors_path()
        raise StorageError(
            f"The backup was not kept: its seal could not be written to {where} "
            f"({os.strerror(exc.errno).lower() if exc.errno else exc}). Nothing was changed. "
            f"Check the folder {where.parent}, or free some space, and try again."
        ) from None


def _kept_copy(source: Path, names: Iterator[Path], *, thorough: bool,
               sealed_at: dt.datetime | None = None) -> tuple[Path, BackupCheck | None, anchors.Anchor | None]:
    """Copy ``source`` to a temp file; check it (``thorough``); fsync, 0o600, and give it the
    first free name of ``names``: (where it went, what the check found, its anchor). With
    ``sealed_at`` the copy is sealed (`backup_seal`): its anchor inside it, in this
    computer's anchors file and beside it. Whatever fails, the temp file is gone and
    nothing else is left."""
    target = next(names)
    folder = target.parent
    try:
        temp = backup_temp.make(target)
    except OSError as exc:
        raise _write_failed(exc, folder) from exc
    final: Path | None = None
    try:
        try:
            _copy_database(source, temp)
            anchor = seal_copy(temp, sealed_at, _TIMEOUT) if sealed_at is not None else None
        except sqlite3.DatabaseError as exc:
            if not thorough and _sqlite_fault(exc):  # a damaged database is still kept, byte for byte
                _copy_bytes(source, temp)
                anchor = None
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
        for part in (wal, temp):
            if part.exists():
                os.chmod(part, 0o600)
                _fsync(part)
        if anchor is not None:
            _anchor_recorded(anchor)  # true of the books whether or not the copy is kept
        final = _move_to_free_name(temp, itertools.chain([target], names))
        if wal.exists():
            os.replace(wal, final.with_name(final.name + "-wal"))
        if anchor is not None:
            anchors.write_beside(anchor, final)
        _fsync_folder(folder)
        return final, (dataclasses.replace(check, path=final) if check else None), anchor
    except OSError as exc:
        if final is not None:  # kept whole, or not at all
            for made in (final, Path(f"{final}.anchor"), final.with_name(final.name + "-wal")):
                with contextlib.suppress(OSError):
                    made.unlink()
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
    """Copy the database, while it is in use, to ``backups/<name>-YYYYMMDD-HHMMSS.sqlite3``
    (numbered -2, -3... after other backups of the same second).

    The copy is checked (SQLite's integrity check and the journal chain) before it is
    kept, and sealed: where its journal ends is written inside it, beside it
    (``<copy>.anchor``) and in this computer's anchors file. What backups cut short left
    is removed first; older backups are rotated after (see `rotate`), never the one just
    made. Safe on a worker thread: it uses connections of its own. A database another
    program keeps locked is waited for a few seconds, then given up on. Raises
    StorageError, leaving nothing half-written."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of backup: {kind}")
    source = database_path(location)
    if not source.is_file():
        raise StorageError(f"There is no database at {source} to back up.")
    at = (at or now()).replace(microsecond=0)
    folder = backups_folder(location)
    _remove(_left_by_backups_cut_short(location))
    try:
        path, check, anchor = _kept_copy(source, _backup_names(folder, source, at, kind), thorough=True, sealed_at=at)
    except _Locked as exc:
        raise _locked_message(exc, "made") from None
    rotate(location, keep=[path])
    return BackupInfo(path, at, path.stat().st_size, kind, check, anchor)


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


def _remove(paths: list[Path]) -> list[Path]:
    """Delete ``paths``; those deleted (one that cannot be stays: the next rotation tries again)."""
    removed = []
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def rotate(location: Location, *, keep: list[Path] | tuple[Path, ...] = ()) -> list[Path]:
    """Delete this database's backups that `backups_to_keep` does not keep (each with its
    ``.anchor`` file), and what is left of copies cut short; the paths deleted. The newest
    backup and those in ``keep`` (the one just made, whatever the clock said) always stay,
    as do other files in the folder and the copies kept before a restore."""
    backups = list_backups(location)
    kept = backups_to_keep(backups) | set(keep) | {b.path for b in backups[:1]}
    doomed = []
    for backup in backups:
        if backup.path not in kept:
            doomed += [backup.path, Path(f"{backup.path}.anchor")]
    return _remove(doomed + _left_by_backups_cut_short(location))


def _left_by_backups_cut_short(location: Location) -> list[Path]:
    """Temp files of backups (and of copies kept before a restore) cut short: their program
    was killed while copying (see `backup_temp.left_behind`)."""
    prefixes = (f".{database_path(location).stem}-", f".{REPLACED_PREFIX}")
    return backup_temp.left_behind(location.files_dir / BACKUPS_FOLDER, prefixes, now())


# -- restoring ---------------------------------------------------------------------------------


def _copy_into(source: Path, live: Path) -> None:
    """Write ``source`` into the live database through SQLite (the WAL and other open
    connections stay consistent). A live file too damaged for that is replaced whole.
    Raises _Locked when another program keeps the live file locked past the wait."""
    try:
        with contextlib.closing(_read_only(source)) as src, \
                contextlib.closing(sqlite3.connect(live, timeout=_TIMEOUT)) as dst:
            src.backup(dst, progress=_give_up_after(live))
    except sqlite3.DatabaseError as exc:
        if _busy(exc):
            raise _Locked(live) from None
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
    try:
        replaced, created = _keep_and_copy_into(location, live, backup_path, at)
    except _Locked as exc:
        raise _locked_message(exc, "restored") from None
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
    try:
        record_restore(live, at, _TIMEOUT)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"The backup was restored, but this computer's anchors file {anchors.anchors_path()} could not be "
            f"written ({exc}), so “lto-desk verify” will report the anchors made before it as rows cut off. "
            "Let this user write to that folder."
        ) from None
    return RestoreResult(backup_path, replaced, result)


def _keep_and_copy_into(location: Location, live: Path, backup_path: Path, at: dt.datetime) -> tuple[Path | None, bool]:
    """Keep the live database as a ``replaced-`` copy (when there is one), then write the
    backup into it: (where the copy went, whether the live file was made new)."""
    replaced = None
    if live.is_file() and live.stat().st_size > 0:
        replaced, _check, _anchor = _kept_copy(live, _names(backups_folder(location) / replaced_name(at)), thorough=False)
    else:
        try:
            make_private_folder(live.parent)
        except OSError as exc:
            raise _write_failed(exc, live.parent) from exc
    created = not live.exists()
    _copy_into(backup_path, live)
    return replaced, created
