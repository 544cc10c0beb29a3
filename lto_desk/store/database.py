"""Opening the database: checks before touching the file, pragmas, migrations.

A database that is not ours, damaged, or newer than this program is refused
with a clear message before anything is written to it (not even the WAL
switch), so it is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Iterator

import peewee

from ..domain.errors import StorageError
from . import migrations
from .models import SchemaInfo, db
from .paths import Location

BUSY_TIMEOUT_MS = 5000

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",  # payments: a power cut must not lose a committed receipt
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def open_database(location: Location, *, create: bool = True) -> peewee.Database:
    """Open (and create or migrate) the database at ``location``; bind the models to it."""
    if not location.is_sqlite:
        raise StorageError(
            "PostgreSQL databases are not supported by this version yet; use a database file."
        )
    path = location.path
    assert path is not None
    existing_version = _check_sqlite_file(path, create=create)
    database = peewee.SqliteDatabase(
        str(path),
        pragmas=SQLITE_PRAGMAS,
        lock_type="IMMEDIATE",  # write transactions take the lock up front
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    db.initialize(database)
    try:
        database.connect(reuse_if_open=True)
        if existing_version is None and not _is_new_file(path):
            raise StorageError(f"{path} is not an LTO Desk database.")
        migrate(database)
    except peewee.OperationalError as exc:
        database.close()
        raise storage_error(exc, path) from exc
    except BaseException:
        database.close()
        raise
    return database


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


def schema_version(database: peewee.Database) -> int:
    if "schema_info" not in database.get_tables():
        return 0
    row = SchemaInfo.select(SchemaInfo.version).first()
    return row.version if row else 0


def migrate(database: peewee.Database) -> int:
    """Bring the schema up to date, each migration in its own transaction."""
    current = schema_version(database)
    if current > migrations.LATEST:
        raise StorageError(_newer_message(database.database, current))
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
            SchemaInfo.update(version=migration.number).execute()
        current = migration.number
    return current


def _is_new_file(path: Path) -> bool:
    """True for a database with no tables at all (just created, or an empty file)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return not [n for n in names if n != "schema_info"]


def _check_sqlite_file(path: Path, *, create: bool) -> int | None:
    """Look at the file read-only. Returns its schema version (None when new/empty)."""
    folder = path.parent
    if not path.exists():
        if not create:
            raise StorageError(f"There is no database at {path}.")
        if not folder.exists():
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise StorageError(f"The folder {folder} cannot be created: {exc.strerror}.") from exc
        if not os.access(folder, os.W_OK):
            raise StorageError(
                f"The folder {folder} is read-only, so a new database cannot be made there. "
                "Choose another folder."
            )
        return None
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file.")
    if path.stat().st_size == 0:
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)) as con:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "schema_info" not in names:
                if names:
                    raise StorageError(
                        f"{path} is a database of another program, not LTO Desk. "
                        "Choose the LTO Desk database file."
                    )
                return None
            row = con.execute("SELECT version FROM schema_info").fetchone()
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, path) from exc
    version = row[0] if row else 0
    if version > migrations.LATEST:
        raise StorageError(_newer_message(path, version))
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        raise StorageError(
            f"{path} (or its folder) is read-only. LTO Desk needs to write payments; "
            "copy the file to a folder you can write to, or ask for permission."
        )
    return version


def _newer_message(path: object, version: int) -> str:
    return (
        f"The database {path} was made by a newer LTO Desk (schema version {version}; "
        f"this program knows up to {migrations.LATEST}). It has not been changed. "
        "Please install the newer LTO Desk to open it."
    )


def storage_error(exc: BaseException, path: object = None) -> StorageError:
    """A low-level database error in words a clerk can act on."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return StorageError(
            "The database is busy (another counter or program is using it). "
            "Please try again in a moment; nothing you typed was lost."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
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


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE on SQLite); database faults become StorageError."""
    try:
        with db.atomic():
            yield
    except (peewee.OperationalError, peewee.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        raise storage_error(exc) from exc


def now() -> dt.datetime:
    """The local time, to the microsecond (one place, so tests can see where time enters)."""
    return dt.datetime.now()
