"""Opening the database: checks before touching the file, pragmas, migrations.

A database that is missing, not ours, damaged, locked, read-only or newer than
this program is refused with a clear message and a next step before anything
is written to it (not even the WAL switch), so it is left exactly as it was.
The quick integrity check reads the whole file, so the window runs it in the
background once it is up (``integrity_problem``); a file about to be written
as it opens (a migration, the switch to WAL) is checked first all the same.
A new database appears whole or not at all, readable by its owner only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import peewee

from ..domain.errors import StorageError
from . import migrations
from .models import db
from .paths import Location, make_private_folder

BUSY_TIMEOUT_MS = 5000

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",  # payments: a power cut must not lose a committed receipt
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
}

SQLITE_HEADER = b"SQLite format 3\x00"
#: The files SQLite keeps beside the database while it is open (WAL mode).
COMPANIONS = ("-wal", "-shm")

UNCHANGED = "It has not been changed."
NOTHING_CHANGED = "Nothing was changed."
NOTHING_CREATED = "Nothing was created."


class CannotOpen(StorageError):
    """The database cannot be used as it is; nothing was written to it.

    Attributes:
      kind: which trouble, for the start-up dialog to offer the right step first:
        damaged, empty, foreign, newer, read-only, locked, missing-folder, missing,
        not-a-file, disk-full, unreadable.
      problem: what is wrong, in one sentence.
      unchanged: what this means for the file ("It has not been changed.").
      next_step: what the person can do about it.
      path: the database file concerned.
      message: the three sentences together (the command line prints it).
    """

    def __init__(
        self, kind: str, problem: str, next_step: str, path: Path | None = None, *, unchanged: str = UNCHANGED
    ) -> None:
        super().__init__(" ".join(part for part in (problem, unchanged, next_step) if part))
        self.kind = kind
        self.problem = problem
        self.unchanged = unchanged
        self.next_step = next_step
        self.path = path


def open_database(location: Location, *, create: bool = True, check: bool = False) -> peewee.Database:
    """Open (and create or migrate) the database at ``location``; bind the models to it.

    ``create``: make a new database when there is none (else say there is none).
    ``check``: also run SQLite's quick integrity check first (the ``lto-desk``
    commands do; it reads the whole file, so the window runs it in the background
    after it shows, and tests leave it off). Without it the check still runs when
    opening would write to the file: a migration, or the switch to WAL.
    """
    path = _sqlite_path(location)
    if _check_sqlite_file(path, create=create, chosen=location.chosen, quick=check) == "new":
        _make_new_database(path)
    database = peewee.SqliteDatabase(
        str(path),
        pragmas={**SQLITE_PRAGMAS, "busy_timeout": BUSY_TIMEOUT_MS},  # read at open, so a test may shorten it
        lock_type="IMMEDIATE",  # write transactions take the lock up front
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    db.initialize(database)
    try:
        database.connect(reuse_if_open=True)
        migrate(database)
    except peewee.DatabaseError as exc:
        database.close()
        raise refusal(exc, path) from exc
    except BaseException:
        database.close()
        raise
    return database


def startup_check(location: Location, *, create: bool = True) -> None:
    """Everything the start of the window or a command checks, read-only and without
    creating anything: raises CannotOpen (with the next step) when the file cannot be used."""
    _check_sqlite_file(_sqlite_path(location), create=create, chosen=location.chosen, quick=True, dry=True)


def quick_check(path: Path, *, on_connect: Callable[[sqlite3.Connection], None] | None = None) -> str | None:
    """SQLite's quick integrity check on a read-only connection: None when the file
    is sound, else what is wrong in plain words. Raises CannotOpen when the file
    cannot be read at all (locked by another program, unreadable). ``on_connect``
    is handed the connection first, so another thread may interrupt a long check."""
    try:
        with _read_only(path) as con:
            if on_connect is not None:
                on_connect(con)
            rows = [r[0] for r in con.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            return f"{path} is damaged or is not an LTO Desk database."
        if _is_damage(exc):
            return f"The database {path} is damaged: part of it cannot be read."
        raise refusal(exc, path) from exc
    if rows == ["ok"]:
        return None
    return f"The database {path} is damaged: SQLite's check found {_count(len(rows), 'problem')} inside it."


def integrity_problem(
    path: Path, *, on_connect: Callable[[sqlite3.Connection], None] | None = None
) -> CannotOpen | None:
    """The quick integrity check as the start-up dialog takes it: None when the file
    is sound, else why it cannot be used (damaged, locked, unreadable) with the next step."""
    try:
        damage = quick_check(path, on_connect=on_connect)
    except CannotOpen as exc:
        return exc
    return CannotOpen("damaged", damage, _RESTORE, path) if damage else None


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


def schema_version(database: peewee.Database) -> int:
    if "schema_info" not in database.get_tables():
        return 0
    row = database.execute_sql("SELECT version FROM schema_info").fetchone()
    return row[0] if row else 0


def migrate(database: peewee.Database) -> int:
    """Bring the schema up to date, each migration in its own transaction."""
    current = schema_version(database)
    if current > migrations.LATEST:
        raise _newer(Path(database.database), current)
    dialect = "postgresql" if isinstance(database, peewee.PostgresqlDatabase) else "sqlite"
    for migration in migrations.MIGRATIONS:
        if migration.number <= current:
            continue
        with database.atomic():
            if current == 0:
                database.execute_sql("CREATE TABLE schema_info (version INTEGER NOT NULL)")
                database.execute_sql("INSERT INTO schema_info (version) VALUES (0)")
            for statement in migrations.statements_for(migration, dialect):
                database.execute_sql(statement)
            if migration.after is not None:
                migration.after(database)
            database.execute_sql(f"UPDATE schema_info SET version = {int(migration.number)}")
        current = migration.number
    return current


# -- the checks before anything is written ------------------------------------------

def _sqlite_path(location: Location) -> Path:
    if not location.is_sqlite:
        raise StorageError(
            "PostgreSQL databases are not supported by this version yet; use a database file."
        )
    assert location.path is not None
    return location.path


def _check_sqlite_file(path: Path, *, create: bool, chosen: bool, quick: bool, dry: bool = False) -> str:
    """Look at the file without writing to it: "new" when a new database is to be
    made, "existing" when the file is ours and usable; else raise CannotOpen.
    The default data folder is made here when missing, unless ``dry``."""
    if not path.exists():
        return _check_new(path, create=create, chosen=chosen, dry=dry)
    if path.is_dir():
        raise CannotOpen(
            "not-a-file", f"{path} is a folder, not a database file.", "Choose the database file inside it.", path,
            unchanged="",
        )
    if path.stat().st_size == 0 and not _has_content(Path(f"{path}-wal")):
        raise CannotOpen(
            "empty", f"{path} is empty (0 bytes): it holds no payments, customers or clerks.",
            "If your database was here, restore the latest backup; to start a new dealership, "
            "choose a new file name.", path,
        )
    if not _starts_like_sqlite(path):
        raise CannotOpen("damaged", f"{path} is damaged or is not an LTO Desk database.", _RESTORE, path)
    _check_writable(path)
    try:
        with _read_only(path) as con:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            row = con.execute("SELECT version FROM schema_info").fetchone() if "schema_info" in names else None
    except sqlite3.DatabaseError as exc:
        raise refusal(exc, path) from exc
    if "schema_info" not in names and names:
        raise CannotOpen(
            "foreign", f"{path} is a database of another program, not LTO Desk.",
            "Choose the LTO Desk database file.", path,
        )
    version = row[0] if row else 0
    if version > migrations.LATEST:
        raise _newer(path, version)
    if quick or version < migrations.LATEST or not _in_wal_mode(path):  # checked before any write
        problem = integrity_problem(path)
        if problem is not None:
            raise problem
    return "existing"


def _check_new(path: Path, *, create: bool, chosen: bool, dry: bool) -> str:
    folder = path.parent
    if not folder.is_dir() and chosen:
        # A USB stick not plugged in, a network drive not connected: an empty new
        # database there would hide the real one.
        raise CannotOpen(
            "missing-folder",
            f"The folder {folder} does not exist, so the database {path.name} cannot be found there.",
            "If it is on a USB stick or a network drive, plug it in or connect it and try again; "
            "or choose another file.", path, unchanged=NOTHING_CREATED,
        )
    if not create:
        raise CannotOpen(
            "missing", f"There is no database at {path}.", "Check the name, or choose another file.", path,
            unchanged=NOTHING_CREATED,
        )
    if not folder.is_dir():
        if dry:
            return "new"
        try:
            make_private_folder(folder)
        except OSError as exc:
            raise CannotOpen(
                "unreadable", f"The folder {folder} cannot be created ({exc.strerror}).",
                "Check the disk, or start LTO Desk with --db to keep the database elsewhere.", path,
                unchanged=NOTHING_CREATED,
            ) from exc
    if not _folder_writable(folder):
        raise CannotOpen(
            "read-only", f"The folder {folder} is read-only, so a new database cannot be made there.",
            "Choose another folder.", path, unchanged=NOTHING_CREATED,
        )
    return "new"


def _check_writable(path: Path) -> None:
    """Really try (root ignores permission bits, so os.access would say yes to it
    even where the disk or an attribute says no): open the file for writing without
    changing it, and make and remove a probe file in its folder."""
    for file in (path, *(Path(f"{path}{suffix}") for suffix in COMPANIONS)):
        if file.exists() and not _file_writable(file):
            what = "The database file" if file == path else "The file"
            beside = "" if file == path else " beside the database (perhaps made by another user)"
            raise CannotOpen(
                "read-only", f"{what} {file}{beside} is read-only, and LTO Desk must be able to write payments.",
                _PERMISSION, path,
            )
    if not _folder_writable(path.parent):
        raise CannotOpen(
            "read-only",
            f"The folder {path.parent} is read-only; LTO Desk keeps its safety files beside the database, "
            "so it cannot use the database there.", _PERMISSION, path,
        )


def _file_writable(file: Path) -> bool:
    try:
        fd = os.open(file, os.O_RDWR)  # no O_TRUNC and nothing written: the file stays as it is
    except OSError:
        return False
    os.close(fd)
    return True


def _folder_writable(folder: Path) -> bool:
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".lto-desk-write-check-")
    except OSError:
        return False
    os.close(fd)
    os.unlink(probe)
    return True


def _starts_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError as exc:
        raise CannotOpen("unreadable", f"{path} cannot be read ({exc.strerror}).", _PERMISSION, path) from exc


def _in_wal_mode(path: Path) -> bool:
    """The header says WAL (read and write versions 2), so opening it switches nothing."""
    try:
        with path.open("rb") as f:
            header = f.read(20)
    except OSError as exc:
        raise CannotOpen("unreadable", f"{path} cannot be read ({exc.strerror}).", _PERMISSION, path) from exc
    return header[18:20] == b"\x02\x02"


def _has_content(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write (waits at most the busy timeout for a lock)."""
    con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        yield con
    finally:
        con.close()


def _make_new_database(path: Path) -> None:
    """Build the new database under a temporary name beside ``path`` (created 0o600
    before SQLite opens it; later its -wal and -shm take the same mode), then link it
    into place, so a power cut never leaves a half-made or empty database under the
    real name. It is built with a rollback journal, so every step is in the file
    itself, and switched to WAL at the end."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.new-")  # O_CREAT|O_EXCL, 0o600
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        new = peewee.SqliteDatabase(
            str(tmp), pragmas={"journal_mode": "delete", "synchronous": "full", "foreign_keys": 1}
        )
        try:
            new.connect()
            migrate(new)
            new.execute_sql("PRAGMA journal_mode = wal")
        except peewee.DatabaseError as exc:
            raise refusal(exc, path, unchanged=NOTHING_CREATED) from exc
        finally:
            new.close()
        try:
            os.link(tmp, path)  # fails if another counter made it meanwhile: theirs is used
        except FileExistsError:
            pass
        except OSError:  # a disk without hard links (a FAT USB stick)
            if not path.exists():
                os.rename(tmp, path)
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{suffix}") for suffix in COMPANIONS)):
            leftover.unlink(missing_ok=True)


# -- messages -------------------------------------------------------------------------

_RESTORE = "Restore the latest backup, or choose another file."
_PERMISSION = (
    "Copy the database to a folder you can write to, or ask whoever looks after this computer "
    "to give you permission."
)


def _newer(path: Path, version: int) -> CannotOpen:
    return CannotOpen(
        "newer", f"The database {path} was made by a newer LTO Desk (schema version {version}; "
        f"this program knows up to {migrations.LATEST}).",
        "Please install the newer LTO Desk to open it.", path,
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}" if n < 100 else f"100 or more {word}s"


def _is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def refusal(exc: BaseException, path: Path, *, unchanged: str = UNCHANGED) -> CannotOpen:
    """Why SQLite would not open ``path``, with the next step."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return CannotOpen(
            "locked", f"Another program is using the database file {path} and keeps it locked.",
            "Close that program (a database browser, a backup or copy in progress, or LTO Desk "
            "on another counter), then try again.", path, unchanged=NOTHING_CHANGED,
        )
    if _is_damage(exc):
        kind, problem, step = "damaged", f"The database {path} is damaged or is not an LTO Desk database.", _RESTORE
    elif "readonly" in text or "read-only" in text:
        kind, problem, step = "read-only", f"The database {path} (or its folder) is read-only.", _PERMISSION
    elif "full" in text:
        kind, problem, step = "disk-full", f"The disk holding {path} is full.", "Free some space, then try again."
    elif "i/o" in text:
        kind, problem = "unreadable", f"The disk could not read or write {path}."
        step = "Check the disk or USB stick and try again, or restore the latest backup."
    else:
        kind, problem, step = "unreadable", f"The database {path} cannot be opened ({exc}).", _RESTORE
    return CannotOpen(kind, problem, step, path, unchanged=unchanged)


def storage_error(exc: BaseException, path: object = None) -> StorageError:
    """A low-level database error in words a clerk can act on."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return StorageError(
            "The database is busy (another counter or program is using it). "
            "Please try again in a moment; nothing you typed was lost."
        )
    if _is_damage(exc):
        return StorageError(
            f"The database{where} is damaged or is not an LTO Desk database. "
            "Restore the latest backup (lto-desk restore) or choose another file."
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(f"The database{where} is read-only; payments cannot be saved.")
    if "disk" in text and "full" in text:
        return StorageError(
            "The disk is full, so nothing was saved. Free some space and try again."
        )
    if "unable to open" in text:
        return StorageError(f"The database{where} cannot be opened. Check the file and its folder.")
    return StorageError(f"The database{where} reported a problem: {exc}")


def _first_failure(exc: BaseException) -> BaseException:
    """The error that started it. When SQLite rolls a transaction back by itself
    (a full disk does), peewee's own rollback then fails with "no transaction is
    active" and would hide the real reason."""
    context = exc.__context__
    if "no transaction is active" in str(exc) or "no such savepoint" in str(exc):
        if isinstance(context, (peewee.DatabaseError, sqlite3.DatabaseError)):
            return _first_failure(context)
    return exc


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE on SQLite); database faults become StorageError."""
    try:
        with db.atomic():
            yield
    except (peewee.OperationalError, peewee.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        raise storage_error(_first_failure(exc)) from exc


def now() -> dt.datetime:
    """The local time, to the microsecond (one place, so tests can see where time enters)."""
    return dt.datetime.now()
