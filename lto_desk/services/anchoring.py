"""The books against what lies outside them: anchors (Z reports, backups, closings, runs of
``verify``, each on this computer's anchors file or beside a backup) and the receipts
printed as PDFs.

A file whose end was cut off (a crash that lost the ``-wal``, or a person deleting the last
payment and winding the receipt counter back) still chains; what shows it is an anchor
that sealed a later row, or a printed receipt the books do not hold. A printed receipt
missing from the books is told to the clerk at once, and its number is written down as
lost (journaled), so the next payment never prints the same number again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..store import anchors, seal
from ..store.database import now as clock
from ..store.models import Anchor as AnchorRow, Counter, JournalRow, Setting
from ..store.paths import Location
from ..domain.roles import Role
from .base import Actor, require_role, unit_of_work

#: The setting that lists receipt numbers printed but lost from the books (a crash),
#: each with when it was found: ``verify`` counts them as accounted for.
LOST_RECEIPTS = "receipt_numbers_lost"
_RECEIPT_FILE = re.compile(r"^receipt-(\d{6,})\.pdf$")
#: How many numbers past the counter are looked for: printed receipts beyond it come one
#: after another (a gap of this many missing files ends the search).
_LOOK_AHEAD = 25


@dataclass(frozen=True)
class AnchorProblem:
    anchor: anchors.Anchor
    message: str


def _label(anchor: anchors.Anchor) -> str:
    names = {
        "z_report": f"the {anchor.what} ({anchor.day})",
        "backup": f"the {anchor.what}",
        "restore": f"the restore of {anchor.day}",
        "verify": f"the check (verify) of {anchor.day}",
        "closing": f"the closing of the window on {anchor.day}",
    }
    return names.get(anchor.kind, anchor.what)


def anchor_files(location: Location | None) -> list[Path]:
    """This computer's anchors file, and the anchor beside each backup of ``location``."""
    files = [anchors.anchors_path()]
    if location is not None and location.is_sqlite:
        folder = location.files_dir / "backups"
        if folder.is_dir():
            files += sorted(folder.glob("*.anchor"))
    return files


def _inside(books: str) -> list[anchors.Anchor]:
    """The anchor written into this file when it was a backup copy (a restored database)."""
    return [
        anchors.Anchor(books, row.journal_id, row.hash, "backup", row.what, row.at.isoformat(sep=" "), "inside the database")
        for row in AnchorRow.select().order_by(AnchorRow.id)
    ]


def check_anchors(location: Location | None) -> tuple[int, AnchorProblem | None]:
    """Every anchor of these books against the journal: (how many were checked, the first
    that fails or None). An anchor made before a restore, of a row past the restored copy's
    end, was made on the books the restore replaced and is passed over."""
    books = seal.books_id()
    if books is None:
        return 0, None
    found = anchors.read_all(books, anchor_files(location)) + _inside(books)
    last = JournalRow.select(JournalRow.id).order_by(JournalRow.id.desc()).first()
    end = last.id if last else 0
    restores = [a for a in found if a.kind == "restore"]
    checked = 0
    for anchor in found:
        if any(r.at >= anchor.at and anchor.row > r.row and r is not anchor for r in restores):
            continue  # sealed the books that a later restore replaced
        checked += 1
        if anchor.row > end:
            return checked, AnchorProblem(anchor, (
                f"{_label(anchor)} sealed journal row {anchor.row:,} but the file ends at row {end:,}: "
                "rows were cut off the end of the books (a crash that lost the last changes, or a change "
                "outside LTO Desk)."
            ))
        row = JournalRow.get_or_none(JournalRow.id == anchor.row)
        if row is None or row.hash != anchor.hash:
            return checked, AnchorProblem(anchor, (
                f"{_label(anchor)} sealed journal row {anchor.row:,} as {anchor.seal}, but that row now reads "
                f"{anchors.seal_text(row.hash) if row else 'missing'}: the books were rewritten after it "
                "(changed outside LTO Desk)."
            ))
    return checked, None


def record_anchor(kind: str, what: str, *, at: dt.datetime | None = None) -> anchors.Anchor | None:
    """Seal the open database's last journal row in this computer's anchors file (None
    while the books have no key or no journal yet)."""
    books = seal.books_id()
    top = anchors.head()
    if books is None or top is None:
        return None
    return anchors.record(anchors.make(books, top[0], top[1], kind, what, at or clock()))


# -- printed receipts --------------------------------------------------------------------------


def lost_receipt_numbers() -> dict[int, str]:
    """Receipt numbers printed but lost from the books, each with when that was found."""
    row = Setting.get_or_none(Setting.key == LOST_RECEIPTS)
    if row is None:
        return {}
    return {int(n): str(when) for n, when in json.loads(row.value).items()}


def _counter() -> int:
    row = Counter.get_or_none(Counter.name == "receipt")
    return row.value if row else 0


def printed_beyond_the_books(receipts_folder: Path) -> list[int]:
    """Receipt numbers saved as PDFs in ``receipts_folder`` past the last number the books
    used (and not already written down as lost): quick, it looks only past the counter."""
    number, missing, found = _counter(), 0, []
    lost = lost_receipt_numbers()
    while missing < _LOOK_AHEAD:
        number += 1
        if (receipts_folder / f"receipt-{number:06d}.pdf").exists() and number not in lost:
            found.append(number)
            missing = 0
        else:
            missing += 1
    return found


def printed_numbers(receipts_folder: Path) -> list[int]:
    """Every receipt number saved as a PDF in ``receipts_folder`` (copies not counted twice)."""
    if not receipts_folder.is_dir():
        return []
    numbers = set()
    for path in receipts_folder.iterdir():
        match = _RECEIPT_FILE.match(path.name)
        if match:
            numbers.add(int(match.group(1)))
    return sorted(numbers)


def lost_receipts_message(numbers: list[int]) -> str:
    listed = ", ".join(str(n) for n in numbers)
    word = "Receipt" if len(numbers) == 1 else "Receipts"
    verb = "was" if len(numbers) == 1 else "were"
    return (
        f"{word} {listed} {verb} printed, but the books do not have {'it' if len(numbers) == 1 else 'them'}: "
        "this computer lost its last changes (a crash or a power cut). Take each of those payments again "
        "from the printed receipt (the PDF is in the receipts folder). LTO Desk will not use "
        f"{'that number' if len(numbers) == 1 else 'those numbers'} again."
    )


def account_for_printed(actor: Actor, receipts_folder: Path, *, at: dt.datetime | None = None) -> list[int]:
    """Find receipts printed past the books' end; write their numbers down as lost and move
    the receipt counter past them (one journaled change), so no number is printed twice.
    Returns the numbers found (tell the clerk :func:`lost_receipts_message`)."""
    require_role(actor, Role.CLERK, "check the printed receipts against the books")
    found = printed_beyond_the_books(receipts_folder)
    if not found:
        return []
    at = at or clock()
    with unit_of_work(actor, "receipts_printed_not_in_books", at) as work:
        found = printed_beyond_the_books(receipts_folder)  # again, inside the write lock
        if not found:
            return []
        lost = {str(n): when for n, when in lost_receipt_numbers().items()}
        before = dict(lost)
        # every number up to the last one printed: those between were never printed, but the
        # counter moves past them all the same
        lost.update({str(n): at.isoformat(sep=" ", timespec="seconds") for n in range(_counter() + 1, max(found) + 1)})
        Setting.insert(key=LOST_RECEIPTS, value=json.dumps(lost)).on_conflict_replace().execute()
        work.record("setting", LOST_RECEIPTS, {"value": before} if before else None, {"value": lost})
        Counter.insert(name="receipt", value=max(found)).on_conflict_replace().execute()
    return found
