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
from typing import Callable, Iterator
from pathlib import Path

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
from .rows import on_server

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",  # payments: a power cut must not lose a committed receipt
    "foreign_keys": 1,
    "busy_timeout": file_check.BUSY_TIMEOUT_MS,
}

def open_database(
    location: Location, *, create: bool = True, check: bool = False, ask: Callable | None = None
) -> peewee.Database:
    """Open (and create or migrate) the database at ``location``; bind the models to it.

    ``create``: make a new database when there is none (else say there is none).
    ``check``: also run SQLite's quick integrity check first (the ``lto-desk``
    commands do; it reads the whole file, so the window runs it in the background
    after it shows, and tests leave it off). Without it the check still runs when
    opening would write to the file: a migration, or the switch to WAL.
    ``ask``: for a server that wants a password LTO Desk does not have, asks the
    person for it (``store.secrets.Ask``); without it such a server is refused.
    """
    if not location.is_sqlite:
        return _open_server(location, ask=ask)
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


def _open_server(location: Location, *, ask: Callable | None) -> peewee.Database:
    """The books on a PostgreSQL server: connected, refused when they are another
    program's or a newer LTO Desk's (before anything is written), else made or
    brought up to date by the same numbered migrations as a file."""
    from . import server

    where = server.address(location.url)
    database = server.connect(location.url, ask=ask)
    try:
        server.books_version(database, where)
        db.initialize(database)
        migrate(database)
    except peewee.DatabaseError as exc:
        database.close()
        raise server.refusal(exc, where) from exc
    except BaseException:
        database.close()
        raise
    return database


def startup_check(location: Location, *, create: bool = True) -> str:
    """Everything the start of the window or a command checks, read-only and without
    creating anything: raises CannotOpen (with the next step) when the database cannot be
    used. For a server, says whether it answers and what it holds (one sentence; "" for a file)."""
    if not location.is_sqlite:
        from . import server

        return server.look(location.url)
    check_sqlite_file(sqlite_path(location), create=create, chosen=location.chosen, quick=True, dry=True)
    return ""


def close_database() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


def schema_version(database: peewee.Database) -> int:
    if "schema_info" not in database.get_tables():
        return 0
    row = database.execute_sql("SELECT version FROM schema_info").fetchone()
    return row[0] if row else 0


def migrate(database: peewee.Database) -> int:
    """Bring the schema up to date, each migration in its own transaction. On a server
    each looks at the version again once it holds the write lock, so two counters
    opening an empty database at once build it once."""
    current = schema_version(database)
    dialect = "postgresql" if on_server(database) else "sqlite"
    if current > migrations.LATEST:
        if dialect == "postgresql":
            from . import server

            raise server.newer_books(server.address(database.database), current)
        raise newer_than_program(Path(database.database), current)
    for migration in migrations.MIGRATIONS:
        if migration.number <= current:
            continue
        with database.atomic():
            if dialect == "postgresql":  # the write lock is held: another counter may have done it meanwhile
                current = schema_version(database)
                if migration.number <= current:
                    continue
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


def schema_columns(database: peewee.Database) -> dict[str, list[str]]:
    """Every table the migrations made, with its columns in order: the same on a file and
    on a server (SQLite's full-text search tables, which the server does with trigram
    indexes on the columns themselves, and SQLite's own tables are left out)."""
    tables = set(database.get_tables())
    if not on_server(database):
        virtual = [r[0] for r in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
        tables = {t for t in tables if not t.startswith("sqlite_")
                  and not any(t == v or t.startswith(f"{v}_") for v in virtual)}
    return {t: [c.name for c in database.get_columns(t)] for t in sorted(tables)}


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
