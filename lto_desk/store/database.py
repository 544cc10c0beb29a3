"""Opening the database: checks before touching the file, pragmas, migrations.

A database that is missing, not ours, damaged, locked, read-only or newer than
this program is refused with a clear message and a next step before anything
is written to it (not even the WAL switch), so it is left exactly as it was.
The checks that only look at the file are in ``file_check`` (plain sqlite3, so
the window's start runs them before this module and peewee load). The quick
integrity check reads the whole file, so the window runs it in the background
once it is up; a file about to be written as it opens (a migration, the switch
to WAL) is checked first all the same.
A new database appears whole or not at all, readable by its owner only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterator

import peewee

from ..domain.errors import StorageError
from . import file_check, migrations
from .file_check import (
    COMPANIONS,
    NOTHING_CREATED,
    check_sqlite_file,
    is_damage,
    link_to_nowhere,
    newer_than_program,
    refusal,
    sqlite_path,
)
from .models import db
from .paths import Location

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",  # payments: a power cut must not lose a committed receipt
    "foreign_keys": 1,
    "busy_timeout": file_check.BUSY_TIMEOUT_MS,
}

def open_database(location: Location, *, create: bool = True, check: bool = False) -> peewee.Database:
    """Open (and create or migrate) the database at ``location``; bind the models to it.

    ``create``: make a new database when there is none (else say there is none).
    ``check``: also run SQLite's quick integrity check first (the ``lto-desk``
    commands do; it reads the whole file, so the window runs it in the background
    after it shows, and tests leave it off). Without it the check still runs when
    opening would write to the file: a migration, or the switch to WAL.
    """
    path = sqlite_path(location)
    if check_sqlite_file(path, create=create, chosen=location.chosen, quick=check) == "new":
        _make_new_database(path)
    database = peewee.SqliteDatabase(
        str(path),
        # read at open, so a test may shorten it
        pragmas={**SQLITE_PRAGMAS, "busy_timeout": file_check.BUSY_TIMEOUT_MS},
        lock_type="IMMEDIATE",  # write transactions take the lock up front
        timeout=file_check.BUSY_TIMEOUT_MS / 1000,
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
    check_sqlite_file(sqlite_path(location), create=create, chosen=location.chosen, quick=True, dry=True)


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
        raise newer_than_program(Path(database.database), current)
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
            if not os.path.lexists(path):
                os.rename(tmp, path)
        if not path.exists():  # a link to nowhere laid meanwhile: SQLite would make a file at its end
            raise link_to_nowhere(path)
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{suffix}") for suffix in COMPANIONS)):
            leftover.unlink(missing_ok=True)


def storage_error(exc: BaseException, path: object = None) -> StorageError:
    """A low-level database error in words a clerk can act on."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return StorageError(
            "The database is busy (another counter or program is using it). "
            "Please try again in a moment; nothing you typed was lost."
        )
    if is_damage(exc):
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
