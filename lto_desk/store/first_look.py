"""What the window shows before the database layer has loaded: the clerks' names for
the log-in page, read over a plain read-only connection once ``file_check`` has passed
the file. The window paints with these, and the database opens for the services (peewee,
the models) right after its first paint, while the clerk types their PIN."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .file_check import read_only, refusal


@dataclass(frozen=True)
class FirstLook:
    """``any_clerks``: False before the owner's login is made (the page offers to make
    it). ``clerk_names``: who can log in, in the order the log-in list shows them."""

    any_clerks: bool
    clerk_names: tuple[str, ...]


def first_look(path: Path) -> FirstLook:
    """The log-in page's names, as ``services.clerks`` would list them (active clerks by
    name). Raises CannotOpen when the file cannot be read (locked, damaged)."""
    try:
        with read_only(path) as con:
            names = tuple(name for (name,) in con.execute("SELECT name FROM clerk WHERE active = 1 ORDER BY name"))
            any_clerks = bool(names) or con.execute("SELECT EXISTS (SELECT 1 FROM clerk)").fetchone()[0] == 1
    except sqlite3.DatabaseError as exc:
        raise refusal(exc, path) from exc
    return FirstLook(any_clerks, names)
