"""The database file as the window sees it: where it is, the checks at start that only
read it, the log-in page's first look, opening and closing it, and its backups folder.

Nothing here loads peewee when imported: the window uses it before its first paint
(the checks and the first look use plain sqlite3); what needs the database layer
loads it when called.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.file_check import CannotOpen, check_sqlite_file, integrity_problem, sqlite_path
from ..store.first_look import FirstLook, first_look
from ..store.paths import Location, resolve_location

if TYPE_CHECKING:
    from ..store.backup import BackupInfo, RestoreResult

__all__ = [
    "CannotOpen", "FirstLook", "Location", "backups_folder", "backups_of", "check_sqlite_file", "close_database",
    "first_look", "format_size", "integrity_problem", "now", "open_database", "resolve_location",
    "restore_backup", "sqlite_path",
]


def open_database(location: Location, *, create: bool = True) -> None:
    """Open ``location`` for the services (migrating it when it is older); raises
    StorageError when it cannot be used."""
    from ..store import database

    database.open_database(location, create=create)


def close_database() -> None:
    """Close the program's connection (before a restore replaces the file, at the end)."""
    from ..store import database

    database.close_database()


def now() -> dt.datetime:
    """The dealership's clock (the store's one place where time enters)."""
    from ..store import database

    return database.now()


def backups_folder(location: Location) -> Path:
    """Where the backups of ``location`` are kept (named here, not made)."""
    from ..store.backup import BACKUPS_FOLDER

    return location.files_dir / BACKUPS_FOLDER


def backups_of(location: Location) -> list[BackupInfo]:
    """The backups of ``location``, newest first."""
    from ..store.backup import list_backups

    return list_backups(location)


def restore_backup(location: Location, backup: Path, *, at: dt.datetime) -> RestoreResult:
    """Put ``backup`` in place of ``location``'s file (closed first), keeping the file
    as it was in the backups folder."""
    from ..store import backup as store_backup

    return store_backup.restore_backup(location, backup, at=at)


def format_size(size: int) -> str:
    """A file's size as a person reads it ("3.2 MB")."""
    from ..store.backup import format_size as size_text

    return size_text(size)
