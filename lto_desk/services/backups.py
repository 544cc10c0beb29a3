"""Backups as the counter uses them: back up now, the list to restore from, restore (owner only).

The work itself is in `store.backup` (its own SQLite connections, safe on a worker
thread); this module adds who may restore, and what the restore dialog shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import StorageError
from ..domain.roles import Role
from ..store.backup import (
    BackupCheck,
    UnusableBackup,
    BackupInfo,
    RestoreResult,
    backup_due,
    backups_folder,
    check_backup_file,
    list_backups,
    make_backup,
    replaced_name,
    restore_backup,
)
from ..store.paths import Location
from .base import Actor, require_role

__all__ = [
    "BackupCheck", "BackupInfo", "BackupChoice", "RestoreResult", "backup_due", "back_up", "backups_to_offer",
    "describe_file", "check_may_restore", "replaced_copy_path", "restore_as",
]


@dataclass(frozen=True)
class BackupChoice:
    """One line of the restore dialog. Attributes: info (the file); check: what is in it
    (None when it cannot be used); problem: why it cannot be used, in short ("" when it
    can); explanation: the same in a whole sentence with the file's name and what to do."""

    info: BackupInfo
    check: BackupCheck | None
    problem: str = ""
    explanation: str = ""


def back_up(location: Location, *, kind: str = "manual", at: dt.datetime | None = None) -> BackupInfo:
    """Make a checked backup now (anyone logged in may; a backup changes nothing)."""
    return make_backup(location, at=at, kind=kind)


def _choice(info: BackupInfo) -> BackupChoice:
    try:
        return BackupChoice(info, check_backup_file(info.path, thorough=False))
    except UnusableBackup as exc:
        return BackupChoice(info, None, exc.reason[:1].upper() + exc.reason[1:] + ".", exc.message)
    except StorageError as exc:
        return BackupChoice(info, None, exc.message, exc.message)


def backups_to_offer(location: Location) -> list[BackupChoice]:
    """Every backup of this database and every copy kept before a restore, newest first,
    each with what is in it (read quickly; the full check runs when one is restored)."""
    return [_choice(info) for info in list_backups(location, include_replaced=True)]


def describe_file(path: Path) -> BackupChoice:
    """A file chosen by hand, for the restore dialog (its time is the file's own)."""
    path = Path(path)
    try:
        stat = path.stat()
        size, taken = stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)
    except OSError:
        size, taken = 0, dt.datetime.min
    return _choice(BackupInfo(path, taken, size, "chosen"))


def check_may_restore(actor: Actor | None) -> None:
    """Only the owner restores: it replaces everything entered since the backup."""
    require_role(actor, Role.OWNER, "restore a backup")


def replaced_copy_path(location: Location, at: dt.datetime) -> Path:
    """Where a restore at ``at`` keeps the database as it was (said before asking)."""
    return backups_folder(location) / replaced_name(at)


def restore_as(actor: Actor | None, location: Location, path: Path, *, at: dt.datetime | None = None) -> RestoreResult:
    """The owner brings back ``path`` (see `store.backup.restore_backup`: close the
    database first and open it again afterwards)."""
    check_may_restore(actor)
    return restore_backup(location, path, at=at)
