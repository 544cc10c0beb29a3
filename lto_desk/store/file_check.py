"""Looking at a database file before anything opens it for writing: is it there,
ours, not newer than this program, writable, not locked, sound. Plain ``sqlite3``
and read-only connections only, so the window's start can check its file (and read
what the log-in page shows, ``store.first_look``) before the database layer loads.
Everything here raises or returns ``CannotOpen``: what is wrong, that nothing was
changed, and the next step."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from ..domain.errors import StorageError
from . import migrations
from .paths import Location, make_private_folder

#: How long a read waits for another program's lock before saying so (read when
#: used, so a test may shorten it).
BUSY_TIMEOUT_MS = 5000

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


# -- the checks before anything is written ------------------------------------------

def sqlite_path(location: Location) -> Path:
    if not location.is_sqlite:
        raise StorageError(
            "PostgreSQL databases are not supported by this version yet; use a database file."
        )
    assert location.path is not None
    return location.path


def check_sqlite_file(path: Path, *, create: bool, chosen: bool, quick: bool, dry: bool = False) -> str:
    """Look at the file without writing to it: "new" when a new database is to be
    made; "upgrade" when the file is ours and usable but opening it writes (a
    migration, the switch to WAL); "existing" when it is ours, usable and opens
    without a write. Else raise CannotOpen. ``dry``: the caller writes nothing (the
    default data folder is not made, and a file to upgrade is not read whole for
    damage; the opening that upgrades it does that)."""
    if path.is_symlink() and not path.exists():
        raise link_to_nowhere(path)
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
        with read_only(path) as con:
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
        raise newer_than_program(path, version)
    upgrade = version < migrations.LATEST or not _in_wal_mode(path)
    if quick or (upgrade and not dry):  # checked before any write
        problem = integrity_problem(path)
        if problem is not None:
            raise problem
    return "upgrade" if upgrade else "existing"


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
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write (waits at most the busy timeout for a lock) and
    leaves nothing beside the file. Reading a WAL-mode file makes its -wal and -shm, and
    a read-only connection cannot remove them; so when neither is there (nobody has the
    file open) it opens for writing with every statement refused (``query_only``): being
    the last to close, it removes them again, and with nothing in them nothing is moved
    into the file."""
    uri = path.absolute().as_uri()
    untouched = _in_wal_mode(path) and not any(Path(f"{path}{suffix}").exists() for suffix in COMPANIONS)
    con = sqlite3.connect(f"{uri}?mode={'rw' if untouched else 'ro'}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        con.execute("PRAGMA query_only = ON")
        yield con
    finally:
        con.close()


def quick_check(path: Path, *, on_connect: Callable[[sqlite3.Connection], None] | None = None) -> str | None:
    """SQLite's quick integrity check on a read-only connection: None when the file
    is sound, else what is wrong in plain words. Raises CannotOpen when the file
    cannot be read at all (locked by another program, unreadable). ``on_connect``
    is handed the connection first, so another thread may interrupt a long check."""
    try:
        with read_only(path) as con:
            if on_connect is not None:
                on_connect(con)
            rows = [r[0] for r in con.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            return f"{path} is damaged or is not an LTO Desk database."
        if is_damage(exc):
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


# -- messages -------------------------------------------------------------------------

_RESTORE = "Restore the latest backup, or choose another file."
_PERMISSION = (
    "Copy the database to a folder you can write to, or ask whoever looks after this computer "
    "to give you permission."
)


def newer_than_program(path: Path, version: int) -> CannotOpen:
    return CannotOpen(
        "newer", f"The database {path} was made by a newer LTO Desk (schema version {version}; "
        f"this program knows up to {migrations.LATEST}).",
        "Please install the newer LTO Desk to open it.", path,
    )


def link_to_nowhere(path: Path) -> CannotOpen:
    """``path`` is a link whose file is not there (moved, deleted, on a USB stick not
    plugged in): a new database is not made at its end to stand in for the real one."""
    target = Path(os.path.realpath(path))
    return CannotOpen(
        "missing" if target.parent.is_dir() else "missing-folder",
        f"{path} is a link to {target}, and there is no file there.",
        "If the database is on a USB stick or a network drive, plug it in or connect it and try again; "
        "or choose another file.", path, unchanged=NOTHING_CREATED,
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}" if n < 100 else f"100 or more {word}s"


def is_damage(exc: BaseException) -> bool:
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
    if is_damage(exc):
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
