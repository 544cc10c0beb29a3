"""Is a file an LTO Desk database this program can restore, and what is in it: read-only,
with plain sqlite3 connections (SQLite's integrity check and the journal chain walked as
`store.journal.walk` does)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from ..domain.errors import StorageError
from . import migrations
from .database import storage_error
from .file_check import BUSY_TIMEOUT_MS
from .journal import GENESIS, _plain, row_hash
from .seal import held_key

_AT = peewee.DateTimeField()  # reads a stored time exactly as the model does, for the hash
TIMEOUT = BUSY_TIMEOUT_MS / 1000


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


class _Unfit(Exception):
    """A file that is not a usable LTO Desk database; the text says why, without its name."""



class UnusableBackup(StorageError):
    """A file that cannot be restored. Attributes: message (the whole sentence, with the
    file's name); reason: only why ("it is damaged, or it is not a database file")."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, timeout=TIMEOUT)


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
