"""`lto-desk verify`: the journal chain (sealed with the books' key), every anchor made
outside the file, every row against the journal, every agreement recomputed from its
entries, and receipt numbers without gaps or repeats, printed receipts included.

It reads one snapshot of the database (a read transaction), so counters may keep posting
while it runs: what they write after it starts is not seen, and nothing half-seen is
reported as tampering."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..domain.ledger import Status
from ..domain.outlook import of_state
from ..store import journal, search, seal
from ..store.database import now as clock
from ..store.models import db
from ..store.paths import Location
from ..store.models import (
    Agreement,
    Allocation,
    Appointment,
    Clerk,
    Complaint,
    ContactLog,
    Counter,
    Customer,
    CustomerPhone,
    Departure,
    DrawerMovement,
    DrawerSession,
    FollowUp,
    HouseholdCar,
    HouseholdMember,
    Installment,
    LedgerEntry,
    Note,
    NoteRevision,
    Promise,
    Setting,
    Vehicle,
    VehicleEvent,
)
from .anchoring import check_anchors, lost_receipt_numbers, printed_numbers
from .ledger import CACHED_FIELDS, cache_values, state_of
from .outlooks import outlooks

#: Tables whose every row must match the journal's image of it.
ROW_TABLES = (
    Clerk, Customer, CustomerPhone, HouseholdMember, HouseholdCar, Vehicle, Agreement, LedgerEntry, Promise,
    Note, NoteRevision, FollowUp, Appointment, Complaint, Departure, ContactLog, DrawerSession, DrawerMovement,
    VehicleEvent,
)


@dataclass(frozen=True)
class VerifyReport:
    """Attributes: ok; counts of what was checked; problem: the first broken row, in words."""

    ok: bool
    journal_rows: int
    rows_checked: int
    agreements: int
    receipts: int
    problem: str | None = None
    anchors: int = 0
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        if self.ok:
            lines = [
                f"OK: journal of {self.journal_rows} rows intact and sealed with the books' key; "
                f"{self.anchors} anchor{'' if self.anchors == 1 else 's'} (Z reports, backups, checks) agree with it; "
                f"{self.rows_checked} rows match it; "
                f"{self.agreements} agreements recomputed from their entries; "
                f"receipts 1–{self.receipts} with no gap or repeat."
            ]
            return "\n".join(lines + [f"Note: {n}" for n in self.notes])
        return f"BROKEN: {self.problem}"


class _Broken(Exception):
    pass


def verify(progress: Callable[[str], None] | None = None, *, location: Location | None = None) -> VerifyReport:
    """Check everything, in one snapshot; stop at the first broken row and name it.

    ``location``: the books' files (the backups' anchors and the printed receipts are
    checked too when given)."""
    counts = {"journal": 0, "rows": 0, "agreements": 0, "receipts": 0, "anchors": 0}
    notes: list[str] = []
    say = progress or (lambda _msg: None)
    try:
        # one read transaction: SQLite reads a single snapshot from its first read on
        with db.atomic(lock_type="DEFERRED"):
            say("Checking the journal's key")
            segments = _key_segments(notes)
            say("Walking the journal")
            images, setters = _journal_images(counts, segments)
            say("Checking the anchors (Z reports, backups)")
            counts["anchors"], anchor_problem = check_anchors(location)
            if anchor_problem is not None:
                raise _Broken(anchor_problem.message)
            say("Comparing rows with the journal")
            _check_rows(images, setters, counts)
            say("Recomputing agreements")
            _check_agreements(counts)
            say("Checking the customer search index")
            _check_search(counts)
            say("Checking receipt numbers")
            _check_receipts(counts, location)
    except _Broken as broken:
        return VerifyReport(False, counts["journal"], counts["rows"], counts["agreements"], counts["receipts"],
                            str(broken), counts["anchors"], tuple(notes))
    return VerifyReport(True, counts["journal"], counts["rows"], counts["agreements"], counts["receipts"],
                        None, counts["anchors"], tuple(notes))


def _key_segments(notes: list[str]) -> list[seal.Segment]:
    """The books' keys; a key this computer does not hold stops the check (the rows it
    seals cannot be told from rewritten ones), unless the owner said it was lost."""
    segments = seal.read_segments()
    for n, segment in enumerate(segments):
        if segment.key is not None:
            continue
        upto = f"–{segments[n + 1].since - 1:,}" if n + 1 < len(segments) else " on"
        if segment.lost_at is not None:
            notes.append(
                f"journal rows {segment.since:,}{upto} were sealed with a key reported lost on "
                f"{segment.lost_at:%b %-d, %Y}; they are checked against the anchors only."
            )
            continue
        raise _Broken(
            f"journal rows {segment.since:,}{upto} are sealed with a key this computer does not hold, so they "
            "cannot be checked. Type the key from the recovery sheet (lto-desk key enter) and check again."
        )
    return segments


#: What a vehicle event written before migration 7 looked like in the journal: keyed by
#: the vehicle, its facts under "event", "note", "reason"... (migration 7 gave each a
#: vehicle_event row, numbered in journal order; its own copy of this reading).
def _legacy_vehicle_event(row, key: str, record: dict) -> dict[str, Any]:
    kind = record.get("event", "")
    return {
        "vehicle_id": int(key), "kind": kind, "at": row.at.isoformat(sep=" "), "clerk_id": row.clerk_id,
        "reason": record.get("reason", "") if kind == "removed" else "",
        "note": record.get("note", "") if kind == "inspected" else record.get("reason_text", ""),
        "from_status": record.get("from_status", ""), "status": record.get("status", ""),
    }


def _journal_images(counts: dict, segments: list[seal.Segment]) -> tuple[dict, dict]:
    images: dict[tuple[str, str], dict[str, Any]] = {}
    setters: dict[tuple[str, str], int] = {}
    legacy_events = 0
    touches = _TouchCheck()
    for row, brk in journal.walk(segments):
        if brk is not None:
            raise _Broken(f"journal row {brk.row_id} {brk.problem}.")
        counts["journal"] += 1
        changes = json.loads(row.changes)
        touches.expect(row.id, journal.touches(changes))
        for table, key, before, after in changes:
            if table == "vehicle_event" and after is not None and "event" in after:
                legacy_events += 1
                key, after = str(legacy_events), _legacy_vehicle_event(row, key, after)
            if after is None:  # the row was removed by this action
                images.pop((table, key), None)
                setters.pop((table, key), None)
                continue
            image = images.setdefault((table, key), {})
            if before is None:
                image.clear()
            image.update(after)
            setters[(table, key)] = row.id
    touches.finish()
    return images, setters


class _TouchCheck:
    """The journal_touch index against the journal: every row each journal row's changes
    touch is in it (looked up by its key, a few thousand at a time), and it holds no
    more entries than that (vehicle and receipt history read it)."""

    BATCH = 3000

    def __init__(self) -> None:
        self.expected: list[tuple[str, str, int]] = []
        self.total = 0

    def expect(self, journal_id: int, touched: list[tuple[str, str]]) -> None:
        self.expected += [(table, key, journal_id) for table, key in touched]
        if len(self.expected) >= self.BATCH:
            self.check()

    def check(self) -> None:
        if self.expected and journal.touches_present(self.expected) != len(self.expected):
            table, key, journal_id = next(t for t in self.expected if not journal.touches_present([t]))
            raise _Broken(
                f"the journal index's entry for {table} row {key} in journal row {journal_id} is missing "
                "(changed outside LTO Desk; a row's history would be wrong)."
            )
        self.total += len(self.expected)
        self.expected = []

    def finish(self) -> None:
        self.check()
        extra = journal.touch_count() - self.total
        if extra:
            raise _Broken(
                f"the journal index has {extra} entr{'y' if extra == 1 else 'ies'} that no journal row made, "
                f"the first for {journal.first_touch_not_in_journal()} (changed outside LTO Desk)."
            )


def _label(table: str, key: str, row: Any = None) -> str:
    if table == "ledger_entry" and row is not None and row.receipt_number:
        return f"ledger_entry row {key} (receipt {row.receipt_number})"
    return f"{table} row {key}"


def _compare(table: str, key: str, current: dict, images: dict, setters: dict, row: Any = None) -> None:
    image = images.get((table, key))
    if image is None:
        raise _Broken(f"{_label(table, key, row)} is not in the journal (added outside LTO Desk).")
    for field in sorted(set(current) | set(image)):
        if field in image and current.get(field) != image.get(field):
            raise _Broken(
                f"{_label(table, key, row)}: {field} is {current.get(field)!r} in the table but "
                f"{image.get(field)!r} in journal row {setters[(table, key)]} (changed outside LTO Desk)."
            )


def _check_rows(images: dict, setters: dict, counts: dict) -> None:
    seen: set[tuple[str, str]] = set()
    alloc: dict[int, list] = defaultdict(list)
    for entry_id, bucket, number, amount in (
        Allocation.select(Allocation.entry, Allocation.bucket, Allocation.installment_number, Allocation.amount)
        .order_by(Allocation.id)
        .tuples()
    ):
        alloc[entry_id].append([bucket, number, amount])
    for model in ROW_TABLES:
        table = model._meta.table_name
        for row in _batched(model):
            key = str(row.id)
            snap = journal.snapshot(row, alloc.get(row.id, [])) if model is LedgerEntry else journal.snapshot(row)
            _compare(table, key, snap, images, setters, row)
            seen.add((table, key))
            counts["rows"] += 1
    schedules: dict[int, list] = defaultdict(list)
    for agreement_id, number, due, amount in (
        Installment.select(Installment.agreement, Installment.number, Installment.due_date, Installment.amount)
        .order_by(Installment.agreement, Installment.number)
        .tuples()
    ):
        schedules[agreement_id].append([number, _iso(due), amount])
    for agreement_id, schedule in schedules.items():
        key = str(agreement_id)
        _compare("installment", key, {"schedule": schedule}, images, setters)
        seen.add(("installment", key))
        counts["rows"] += len(schedule)
    for setting in Setting.select():
        _compare("setting", setting.key, {"value": json.loads(setting.value)}, images, setters)
        seen.add(("setting", setting.key))
        counts["rows"] += 1
    checked = {m._meta.table_name for m in ROW_TABLES} | {"installment", "setting"}
    for table, key in images:
        if table in checked and (table, key) not in seen:
            raise _Broken(f"{table} row {key} is in journal row {setters[(table, key)]} but missing from the table (removed outside LTO Desk).")


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def _batched(model, size: int = 5000) -> Iterable:
    last = 0
    while True:
        rows = list(model.select().where(model.id > last).order_by(model.id).limit(size))
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _check_agreements(counts: dict) -> None:
    today = clock().date()
    batch: list[Agreement] = []
    for agreement in _batched(Agreement):
        batch.append(agreement)
        if len(batch) == 2000:
            _check_batch(batch, today, counts)
            batch = []
    _check_batch(batch, today, counts)


def _check_batch(batch: list[Agreement], today: dt.date, counts: dict) -> None:
    """Each agreement's cache against a replay of its entries, and the outlook the
    lookup and reports read from that cache against the replay's own figures."""
    seen = outlooks(today, [a.id for a in batch if a.status == Status.ACTIVE.value])
    for agreement in batch:
        last_entry = (
            LedgerEntry.select(LedgerEntry.entry_date)
            .where(LedgerEntry.agreement == agreement.id)
            .order_by(LedgerEntry.entry_date.desc())
            .first()
        )
        as_of = max(today, last_entry.entry_date if last_entry else agreement.opened_on)
        state = state_of(agreement, as_of)
        if state.problems:
            raise _Broken(f"agreement {agreement.id}: {state.problems[0]}.")
        expected = cache_values(state, agreement.closed_on)
        for field in CACHED_FIELDS:
            if field == "closed_on":
                closed = state.status is not Status.ACTIVE
                if closed != (agreement.closed_on is not None):
                    raise _Broken(
                        f"agreement {agreement.id}: closed_on is {agreement.closed_on} but the status "
                        f"recomputed from its entries is {state.status.value}."
                    )
                continue
            if getattr(agreement, field) != expected[field]:
                raise _Broken(
                    f"agreement {agreement.id}: {field} is {getattr(agreement, field)!r} but its entries "
                    f"give {expected[field]!r}."
                )
        if state.status is Status.ACTIVE and as_of == today and seen.get(agreement.id) != of_state(state):
            raise _Broken(
                f"agreement {agreement.id}: the amount due read from its cached state "
                f"({seen.get(agreement.id)}) differs from its entries ({of_state(state)})."
            )
        counts["agreements"] += 1


def _check_search(counts: dict) -> None:
    """The search indexes hold every customer's name and phones, and every note's text, as they are."""
    problem = search.index_problem()
    if problem is not None:
        raise _Broken(problem)


def _check_receipts(counts: dict, location: Location | None) -> None:
    """Receipt numbers 1… each used once, with no gap but the numbers written down as lost
    (printed before a crash took them from the books); every receipt printed as a PDF is
    in the books or written down as lost."""
    lost = lost_receipt_numbers()
    numbers = sorted([
        n for (n,) in LedgerEntry.select(LedgerEntry.receipt_number)
        .where(LedgerEntry.receipt_number.is_null(False))
        .tuples()
    ] + list(lost))
    expected = 1
    for n in numbers:
        if n < expected:
            why = " (it is also written down as lost)" if n in lost else ""
            raise _Broken(f"receipt number {n} is used twice{why}.")
        if n > expected:
            raise _Broken(f"receipt number {expected} is missing (numbers jump from {expected - 1} to {n}).")
        expected += 1
    counter = Counter.get_or_none(Counter.name == "receipt")
    last = counter.value if counter else 0
    if last != len(numbers):
        raise _Broken(f"the receipt counter is at {last} but {len(numbers)} receipt numbers were used.")
    if location is not None:
        used = set(numbers)
        for number in printed_numbers(location.files_dir / "receipts"):
            if number not in used:
                raise _Broken(
                    f"receipt {number} was printed (it is in the receipts folder) but is not in the books: "
                    "the file lost its last changes (a crash) or they were removed outside LTO Desk. "
                    "Take that payment again from the printed receipt."
                )
    counts["receipts"] = len(numbers)
