"""Anchors: the journal's position and hash written down outside the database, so cutting
rows off its end, or rewriting it with a key, shows.

Each anchor says "these books' journal had row N, with this hash, when this happened":
a Z report (printed on the paper too, as a short seal), a backup (beside the copy and
inside it), a drawer close, a restore, a run of ``verify``. Every computer keeps an
append-only file of the anchors it made, ``anchors.jsonl`` in its data folder (one JSON
object a line; a line is written whole and synced before the action is called done).
``verify`` reads every anchor it can find and checks the journal against each.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from .models import JournalRow
from .paths import data_home, make_private_folder

ANCHORS_FILE = "anchors.jsonl"
#: Kinds of anchor, and how a message names one ("the Z report of Dec 6").
KINDS = ("z_report", "backup", "restore", "verify", "closing")


@dataclass(frozen=True)
class Anchor:
    """Attributes:
      books: which books (``seal.books_id()``).
      row: the journal row the anchor seals; hash: that row's hash.
      kind: one of KINDS; what: the thing in words ("Z report 12 of Counter 1").
      at: when (ISO text).
      where: the file the anchor was read from (not stored).
    """

    books: str
    row: int
    hash: str
    kind: str
    what: str
    at: str
    where: str = ""

    def as_line(self) -> str:
        data = asdict(self)
        data.pop("where")
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_data(cls, data: dict, where: str) -> "Anchor | None":
        try:
            return cls(
                str(data["books"]), int(data["row"]), str(data["hash"]), str(data["kind"]),
                str(data["what"]), str(data["at"]), where,
            )
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def day(self) -> str:
        try:
            return f"{dt.datetime.fromisoformat(self.at):%b %-d, %Y}"
        except ValueError:
            return self.at

    @property
    def seal(self) -> str:
        return seal_text(self.hash)


def seal_text(hash_hex: str) -> str:
    """The short seal printed on paper: the hash's first eight hex digits, as 3F9A-12BC."""
    head = hash_hex[:8].upper()
    return f"{head[:4]}-{head[4:]}"


def anchors_path(home: Path | None = None) -> Path:
    return (home or data_home()) / ANCHORS_FILE


def head() -> tuple[int, str] | None:
    """The open database's last journal row: (id, hash), or None when the journal is empty."""
    row = JournalRow.select(JournalRow.id, JournalRow.hash).order_by(JournalRow.id.desc()).first()
    return (row.id, row.hash) if row is not None else None


def make(books: str, row: int, hash_hex: str, kind: str, what: str, at: dt.datetime) -> Anchor:
    if kind not in KINDS:
        raise ValueError(f"unknown anchor kind {kind!r}")
    return Anchor(books, row, hash_hex, kind, what, at.isoformat(sep=" ", timespec="seconds"))


def append_line(path: Path, line: str) -> None:
    """Add one line to an append-only file (made 0o600 in a 0o700 folder), synced."""
    make_private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def record(anchor: Anchor, home: Path | None = None) -> Anchor:
    """Write ``anchor`` to this computer's anchors file."""
    append_line(anchors_path(home), anchor.as_line())
    return anchor


def write_beside(anchor: Anchor, path: Path) -> Path:
    """Write ``anchor`` as ``<path>.anchor`` (beside a backup copy), synced."""
    target = Path(f"{path}.anchor")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, (anchor.as_line() + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return target


def read_lines(path: Path) -> list[Anchor]:
    """The anchors in one file (a line that is not an anchor, e.g. cut by a crash, is passed over)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        try:
            data = json.loads(line)
        except ValueError:
            continue
        anchor = Anchor.from_data(data, str(path)) if isinstance(data, dict) else None
        if anchor is not None:
            found.append(anchor)
    return found


def read_all(books: str, files: Iterable[Path]) -> list[Anchor]:
    """Every anchor of ``books`` in ``files``, oldest first."""
    found = [a for path in files for a in read_lines(path) if a.books == books]
    return sorted(found, key=lambda a: (a.at, a.row))
