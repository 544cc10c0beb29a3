"""Where the database and the saved PDFs live.

The data folder is ``LTO_DESK_HOME`` if set, else the per-user data folder
(platformdirs). The database is ``--db PATH`` (or URL), else ``LTO_DESK_DB``,
else ``<data folder>/lto-desk.sqlite3``. The demo lives in its own folder
``<data folder>/demo/`` so it never mixes with real customers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

APP_NAME = "lto-desk"
DB_FILENAME = "lto-desk.sqlite3"
DEMO_FILENAME = "lto-desk-demo.sqlite3"


def data_home() -> Path:
    override = os.environ.get("LTO_DESK_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs  # only when no folder is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Location:
    """Which database to open and where its printed pages go.

    Attributes:
      url: a file path for SQLite or a ``postgresql://`` URL.
      files_dir: the folder holding receipts/, letters/, reports/, backups/.
      demo: True for the demo dealership.
      chosen: True when the person named the file (``--db``, ``LTO_DESK_DB``, a file
        picked at start-up); a missing folder is then not made (a USB stick not
        plugged in must not get a new, empty database in its place).
    """

    url: str
    files_dir: Path
    demo: bool = False
    chosen: bool = False

    @property
    def is_sqlite(self) -> bool:
        return not self.url.startswith(("postgresql://", "postgres://"))

    @property
    def path(self) -> Path | None:
        return Path(self.url) if self.is_sqlite else None

    def folder(self, kind: str) -> Path:
        """``receipts``, ``letters``, ``reports`` or ``backups``, created on demand
        (readable by the owner only: they hold customers' names and payments)."""
        return make_private_folder(self.files_dir / kind)

    def describe(self) -> str:
        if self.is_sqlite:
            return f"{'Demo database' if self.demo else 'Database'}: {self.url}"
        # never show a password that may be in a URL
        try:
            parts = urlsplit(self.url)
            server = f"{parts.hostname}:{parts.port or 5432}"
        except ValueError:  # a port that is not a number: said when it is opened
            return f"Database server: {self.url.rpartition('@')[2]}"
        database, user = unquote(parts.path.lstrip("/")), unquote(parts.username or "")
        return f"Database server: {server}, database {database}, user {user}"


def make_private_folder(folder: Path) -> Path:
    """Make ``folder`` if it is not there, and any missing folder above it, each with mode
    0o700 whatever the umask (they hold customers' names, payments and the program's log):
    every folder LTO Desk makes is made here. A folder already there is left as the person
    set it. Returns ``folder``; raises OSError when it cannot be made."""
    missing = []
    each = folder
    while not each.is_dir() and each.parent != each:
        missing.append(each)
        each = each.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=0o700)
        except FileExistsError:
            if each.is_dir():  # another counter made it a moment ago: theirs is used
                continue
            raise
        os.chmod(each, 0o700)  # a umask that took the owner's own bits away gives them back
    return folder


def resolve_location(db_arg: str | None = None, *, demo: bool = False) -> Location:
    """The database chosen by ``--db``, ``LTO_DESK_DB``, ``--demo`` or the default."""
    home = data_home()
    if demo:
        folder = home / "demo"
        url = db_arg or str(folder / DEMO_FILENAME)
        return Location(
            _as_url(url), folder if not db_arg else _files_dir_for(url, home), demo=True, chosen=bool(db_arg)
        )
    chosen = db_arg or os.environ.get("LTO_DESK_DB")
    url = _as_url(chosen or str(home / DB_FILENAME))
    return Location(url, _files_dir_for(url, home), chosen=bool(chosen))


def _as_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return url
    return str(Path(url).expanduser().absolute())


def _files_dir_for(url: str, home: Path) -> Path:
    """PDFs go under the data folder, except for a database kept elsewhere
    (a test's temp folder, a USB stick), whose PDFs stay beside it."""
    if url.startswith(("postgresql://", "postgres://")) or os.environ.get("LTO_DESK_HOME"):
        return home
    path = Path(url)
    if path.parent == home:
        return home
    return path.parent
