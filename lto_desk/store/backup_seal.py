"""The seal of a backup copy: where its journal ends (the last row and its hash), written
inside the copy, beside it (``<copy>.anchor``) and in this computer's anchors file; and
the same for the database a restore brought back, so ``verify`` can tell the anchors made
on the books the restore replaced from later ones.

Everything here reads the copy itself, with a plain sqlite3 connection of its own (a
backup runs on a worker thread, and a restore with the program's connection closed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

from . import anchors

_TABLES = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('chain_key', 'anchor', 'journal')"


def when(at: dt.datetime) -> str:
    """"Nov 23, 2026 at 18:15": the time an anchor's words give."""
    return f"{at:%b} {at.day}, {at.year} at {at:%H:%M}"


def _position(con: sqlite3.Connection) -> tuple[str, int, str] | None:
    """(books, last journal row, its hash) of the database on ``con``; None while it has no
    key yet (a copy of books never written to, or made by a version before the key)."""
    if con.execute(_TABLES).fetchone()[0] < 3:
        return None
    books = con.execute("SELECT key_check FROM chain_key ORDER BY since LIMIT 1").fetchone()
    last = con.execute("SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1").fetchone()
    if books is None or last is None:
        return None
    return books[0], last[0], last[1]


def seal_copy(copy: Path, at: dt.datetime, timeout: float) -> anchors.Anchor | None:
    """Write the anchor of ``copy`` (a backup not yet moved to its name) into its ``anchor``
    table, and return it (None when the books have no key yet: nothing to seal)."""
    with contextlib.closing(sqlite3.connect(copy, timeout=timeout)) as con:
        found = _position(con)
        if found is None:
            return None
        books, row, digest = found
        anchor = anchors.make(books, row, digest, "backup", f"backup of {when(at)}", at)
        with con:
            con.execute("INSERT INTO anchor (at, journal_id, hash, what) VALUES (?, ?, ?, ?)",
                        (anchor.at, anchor.row, anchor.hash, anchor.what))
    return anchor


def record_restore(database: Path, at: dt.datetime, timeout: float) -> anchors.Anchor | None:
    """Record in this computer's anchors file where the restored ``database``'s journal ends."""
    with contextlib.closing(sqlite3.connect(database.absolute().as_uri() + "?mode=ro", uri=True,
                                            timeout=timeout)) as con:
        found = _position(con)
    if found is None:
        return None
    books, row, digest = found
    return anchors.record(anchors.make(books, row, digest, "restore", f"restore of {when(at)}", at))
