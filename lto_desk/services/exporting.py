"""Export everything (the owner): all of the dealer's data as CSV files in a new dated
folder, with a column guide, that reads back through our own import.

The folder (``LTO Desk export 2026-12-07 1405``, never one already there) holds:

* ``customers.csv``, ``vehicles.csv``, ``agreements.csv``: our import's own columns
  (domain/import_columns.py), so another copy of LTO Desk, or this one on an empty
  database, imports them as they are: every customer; the vehicles still the dealer's
  (available, on an agreement, back from a return); each running agreement where it
  stands today (payments made, balance, next due date, late fees owed).
* ``tables/``: every table a dealer owns, whole, one CSV each (money in cents, as the
  program keeps it): agreements paid off and returned, installments, every ledger entry,
  notes, the journal… Staff without their PIN hashes; settings without anything secret.
* ``files.csv``: the saved receipts and letters (name, size, date); ``README.txt``: what
  each file and column is.

Every text cell goes through ``spreadsheet_safe`` (OWASP: a name like
``=HYPERLINK(…)`` is shown as text, never run); numbers and dates the program writes
stay plain values. UTF-8 with a BOM, so Excel shows accents right.

An id the rows came with from another system is kept as their number (``source_id``);
rows made here are numbered ``LTO-C<id>`` (customers) and ``LTO-A<id>`` (agreements),
and a vehicle by its stock number, so the agreements file names its customer and vehicle
and a second import of the same files makes nothing twice.

Nothing in the books changes, so no journal row: the export is written to the log
(who, where, how many), as the data leaving the dealership.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import shutil
from dataclasses import dataclass, fields as dataclass_fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..domain.errors import InvalidInput, StorageError
from ..domain.import_columns import COLUMNS, ImportKind
from ..domain.ledger import EntryKind, Status
from ..domain.money import Cents
from ..domain.phone import display_phone
from ..domain.roles import Role
from ..domain.terms import Frequency, LateFeePolicy, Terms
from ..domain.text import spreadsheet_safe
from ..domain.vehicles import VehicleStatus
from ..store import tables as store_tables
from ..store.database import now as clock
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
    JournalRow,
    LedgerEntry,
    Note,
    NoteRevision,
    Promise,
    Setting,
    Vehicle,
    VehicleEvent,
)
from ..store.paths import Location, make_private_folder
from ..store.tables import TableColumn
from .base import Actor, require_role
from .ledger import live_payments, load_ledger
from .settings import DealerSettings

_log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

#: The folders of saved pages listed in files.csv.
SAVED_FOLDERS = ("receipts", "letters")

_FREQUENCY_CODES = {Frequency.WEEKLY: "W", Frequency.BIWEEKLY: "BW", Frequency.SEMI_MONTHLY: "SM",
                    Frequency.MONTHLY: "M"}

#: The vehicles still the dealer's, in vehicles.csv (titled and removed ones are in tables/vehicles.csv).
_IN_INVENTORY = (VehicleStatus.AVAILABLE.value, VehicleStatus.ON_AGREEMENT.value,
                 VehicleStatus.NEEDS_INSPECTION.value)


@dataclass(frozen=True)
class _Table:
    """A table as written under tables/: its file, what it holds, the columns left out (and why)."""

    model: type
    file: str
    about: str
    leave_out: tuple[str, ...] = ()


#: Every table a dealer owns, in the order the guide lists them.
TABLES: tuple[_Table, ...] = (
    _Table(Setting, "settings", "the dealership's settings (name, address, late-fee defaults, printers…), "
           "each value as JSON; nothing secret is kept here (the books' key and passwords are in the keyring)"),
    _Table(Clerk, "staff", "everyone who can log in or once could: name, role, active; no PIN hashes",
           ("pin_hash", "failed_pins", "locked_until", "lockouts")),
    _Table(Customer, "customers", "every customer, with their contact preferences and mailing-list consent",
           ("search_name", "phone_digits")),
    _Table(CustomerPhone, "phones", "customers' phones besides the main one", ("digits",)),
    _Table(HouseholdMember, "household_members", "the people in a customer's household"),
    _Table(HouseholdCar, "household_cars", "other cars in a customer's household, and when they may need replacing"),
    _Table(Vehicle, "vehicles", "every vehicle, whatever became of it (status)", ("vin_tail",)),
    _Table(VehicleEvent, "vehicle_events", "inspections, removals from inventory and vehicles put back"),
    _Table(Agreement, "agreements", "every agreement: running, paid off and returned, with its terms and "
           "its figures as of the last entry"),
    _Table(Installment, "installments", "each agreement's schedule: installment number, due date, amount"),
    _Table(LedgerEntry, "ledger_entries", "every money event on an agreement (payments, down payments, late "
           "fees, waivers, voids, refunds, the opening of an imported agreement), never changed or removed"),
    _Table(Allocation, "allocations", "how each payment was split when it was taken (what its receipt printed)"),
    _Table(Promise, "promises", "promises to pay"),
    _Table(Note, "notes", "notes about customers, pinned notes and talk-about cues", ("search_text",)),
    _Table(NoteRevision, "note_revisions", "the earlier text of each edited note"),
    _Table(FollowUp, "follow_ups", "follow-up tasks and how each ended"),
    _Table(ContactLog, "contacts", "every call, text, visit, letter and email with a customer"),
    _Table(Appointment, "appointments", "visits booked for customers"),
    _Table(Complaint, "complaints", "vehicle problems, followed until resolved"),
    _Table(Departure, "departures", "customers who bought elsewhere, and why"),
    _Table(DrawerSession, "drawer_sessions", "each cash drawer session: float, expected, counted, over or short"),
    _Table(DrawerMovement, "drawer_movements", "cash paid in or out without a sale, and drawers opened for no sale"),
    _Table(Counter, "counters", "the last number given in each gapless series (receipts)"),
    _Table(JournalRow, "journal", "the journal as it is: every change, who made it and when, each row's hash "
           "covering the one before (the changes are JSON; a PIN hash appears only as a digest)"),
)

#: The tables not exported, each with why (every other model is in TABLES: tests/services/test_exporting.py).
NOT_EXPORTED = {
    "schema_info": "the database's schema version, the program's own",
    "journal_touch": "an index of the journal, made again from it",
    "chain_key": "a check made with the books' key",
    "anchor": "where backup copies were sealed, the program's own",
}

#: Big numbers that are not money.
_NOT_CENTS = {("counter", "value")}


@dataclass(frozen=True)
class ExportedFile:
    name: str  # relative to the export's folder, e.g. "tables/notes.csv"
    rows: int


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: its folder, each file with its rows, and the counts of the three import files."""

    folder: Path
    files: tuple[ExportedFile, ...]
    customers: int
    vehicles: int
    running_agreements: int

    def describe(self) -> str:
        plural = "" if self.running_agreements == 1 else "s"
        return (f"Exported {self.customers:,} customers, {self.vehicles:,} vehicles and "
                f"{self.running_agreements:,} running agreement{plural}, with every table "
                f"({len(self.files)} files), to {self.folder}.")


def export_all(
    actor: Actor, folder: str | Path, *, at: dt.datetime | None = None, progress: Progress | None = None,
    location: Location | None = None,
) -> ExportResult:
    """Write all of the dealer's data into a new folder inside ``folder`` (the owner).

    ``at``: the day and time the export stands at (the running agreements' positions are
    as of its day; the folder is named after it). ``location``: the database's place, whose
    receipts and letters folders are listed (none listed without it). ``progress(done,
    total)`` is called as it goes; an exception it raises (Cancel) stops the export, and
    what was written is removed. Nothing in the books changes."""
    require_role(actor, Role.OWNER, "export all of the dealer's data")
    at = at or clock()
    parent = Path(folder)
    if not parent.is_dir():
        raise InvalidInput(f"There is no folder {parent}; choose the folder to export into.")
    try:
        work = _unfinished_folder(parent, at)
    except OSError as exc:
        raise StorageError(f"Nothing could be written in {parent} ({exc.strerror or exc}); "
                           "choose another folder.") from None
    try:
        with store_tables.one_reading():
            result = _Export(work, at.date(), progress).write(location)
        final = _free_name(parent, _folder_name(at))
        work.rename(final)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise StorageError(f"The export could not be written in {parent} ({exc.strerror or exc}); nothing "
                           "was kept. Choose another folder (a USB stick that is full or was pulled out?).") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    result = replace(result, folder=final)
    _log.info("%s exported all data to %s: %d customers, %d vehicles, %d running agreements, %d files",
              actor.name, final, result.customers, result.vehicles, result.running_agreements, len(result.files))
    return result


def _folder_name(at: dt.datetime) -> str:
    return f"LTO Desk export {at:%Y-%m-%d %H%M}"


def _free_name(parent: Path, name: str) -> Path:
    """``parent/name``, or ``name (2)``, ``(3)``… when that is taken: an export never writes over another."""
    candidate, n = parent / name, 1
    while candidate.exists():
        n += 1
        candidate = parent / f"{name} ({n})"
    return candidate


def _unfinished_folder(parent: Path, at: dt.datetime) -> Path:
    """A new folder to write into, renamed to its dated name once everything is written."""
    for n in range(1, 1000):
        candidate = parent / f"{_folder_name(at)} (unfinished{'' if n == 1 else f' {n}'})"
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            continue
        return make_private_folder(candidate)
    raise OSError("too many unfinished exports are in the folder")


# ---------------------------------------------------------------------------------------
# Cells


def amount_text(cents: Cents) -> str:
    """Cents as the import files write them: ``799500`` → ``7995.00`` (no $ or commas)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole}.{part:02d}"


def cell(value: object) -> object:
    """A value as written: text through ``spreadsheet_safe``; numbers as they are; dates
    ISO (``2025-01-13``, ``2025-01-13 10:00:00``); yes/no; nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, Decimal)):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return spreadsheet_safe(str(value))


class _Csv:
    """One CSV file being written: UTF-8 with a BOM, CRLF line ends (as Excel writes them)."""

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        make_private_folder(path.parent)
        self.handle = open(path, "w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\r\n")
        self.writer.writerow([spreadsheet_safe(h) for h in header])
        self.rows = 0

    def row(self, values: Iterable[object]) -> None:
        self.writer.writerow([cell(v) for v in values])
        self.rows += 1

    def close(self) -> int:
        self.handle.close()
        return self.rows


# ---------------------------------------------------------------------------------------
# The export


class _Export:
    def __init__(self, folder: Path, today: dt.date, progress: Progress | None) -> None:
        self.folder, self.today, self.progress = folder, today, progress
        self.files: list[ExportedFile] = []
        self.done = 0
        self.total = 0

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def open(self, name: str, header: Sequence[str]) -> _Csv:
        return _Csv(self.folder / name, header)

    def close(self, name: str, out: _Csv) -> int:
        rows = out.close()
        self.files.append(ExportedFile(name, rows))
        return rows

    def write(self, location: Location | None) -> ExportResult:
        running = list(Agreement.select().where(Agreement.status == Status.ACTIVE.value).order_by(Agreement.id))
        self.total = len(running) + len(TABLES) + 4
        self.step(0)
        customer_ids = _numbers(Customer, "LTO-C")
        customers = self.customers(customer_ids)
        vehicles = self.vehicles()
        self.agreements(running, customer_ids)
        columns = {}
        for table in TABLES:
            columns[table.file] = self.table(table)
            self.step()
        self.saved_files(location)
        self.guide(columns)
        return ExportResult(self.folder, tuple(self.files), customers, vehicles, len(running))

    # -- the three import files ------------------------------------------------------------
    def customers(self, numbers: dict[int, str]) -> int:
        header = _import_header(ImportKind.CUSTOMERS)
        other_phone: dict[int, str] = {}
        for customer_id, number in (CustomerPhone.select(CustomerPhone.customer, CustomerPhone.number)
                                    .order_by(CustomerPhone.id).tuples()):
            other_phone.setdefault(customer_id, number)
        out = self.open("customers.csv", header)
        for c in Customer.select().order_by(Customer.id).iterator():
            values = {
                "source_id": numbers[c.id], "first_name": c.first_name, "last_name": c.last_name,
                "preferred_name": c.preferred_name, "phone": display_phone(c.phone),
                "other_phone": display_phone(other_phone.get(c.id, "")), "email": c.email,
                "address1": c.address1, "address2": c.address2, "city": c.city, "state": c.state,
                "postal_code": c.postal_code, "birthday": c.birthday, "employer": c.employer,
                "customer_since": c.customer_since, "language": c.language,
            }
            out.row(values.get(key) for key in header)
        self.step()
        return self.close("customers.csv", out)

    def vehicles(self) -> int:
        header = _import_header(ImportKind.VEHICLES)
        out = self.open("vehicles.csv", header)
        for v in Vehicle.select().where(Vehicle.status.in_(_IN_INVENTORY)).order_by(Vehicle.id).iterator():
            values = {
                "source_id": v.source_id or v.stock_number, "stock_number": v.stock_number, "vin": v.vin,
                "year": v.year, "make": v.make, "model": v.model, "trim": v.trim, "color": v.color,
                "odometer": v.odometer, "cost": amount_text(v.cost), "price": amount_text(v.price),
            }
            out.row(values.get(key) for key in header)
        self.step()
        return self.close("vehicles.csv", out)

    def agreements(self, running: list[Agreement], customer_numbers: dict[int, str]) -> int:
        header = _import_header(ImportKind.AGREEMENTS)
        numbers = _numbers(Agreement, "LTO-A")
        vehicles = {vid: (stock, vin) for vid, stock, vin in
                    Vehicle.select(Vehicle.id, Vehicle.stock_number, Vehicle.vin).tuples()}
        last_paid = _last_payments()
        out = self.open("agreements.csv", header)
        for a in running:
            out.row(_position_row(a, self.today, numbers[a.id], customer_numbers[a.customer_id],
                                 vehicles[a.vehicle_id], last_paid.get(a.id)).get(key) for key in header)
            self.step()
        return self.close("agreements.csv", out)

    # -- every table -----------------------------------------------------------------------
    def table(self, table: _Table) -> list[TableColumn]:
        columns = store_tables.columns_of(table.model, leave_out=table.leave_out)
        name = f"tables/{table.file}.csv"
        out = self.open(name, [c.name for c in columns])
        known = {f.name for f in dataclass_fields(DealerSettings)}
        for values in store_tables.rows_of(table.model, columns):
            if table.model is Setting and values[0] not in known:
                continue  # the program's own markers (e.g. the key's check), not the dealer's settings
            out.row(values)
        self.close(name, out)
        return columns

    def saved_files(self, location: Location | None) -> None:
        out = self.open("files.csv", ["folder", "file", "bytes", "modified"])
        for kind in SAVED_FOLDERS:
            base = location.files_dir / kind if location is not None else None
            if base is None or not base.is_dir():
                continue
            for path in sorted(p for p in base.rglob("*") if p.is_file() and not p.name.startswith(".")):
                info = path.stat()
                out.row([str(base), path.relative_to(base).as_posix(), info.st_size,
                         dt.datetime.fromtimestamp(info.st_mtime).replace(microsecond=0)])
        self.close("files.csv", out)
        self.step()

    def guide(self, columns: dict[str, list[TableColumn]]) -> None:
        text = guide_text(self.today, {f.name: f.rows for f in self.files}, columns)
        (self.folder / "README.txt").write_text(text, encoding="utf-8-sig", newline="\r\n")
        self.files.append(ExportedFile("README.txt", 0))
        self.step()


def _import_header(kind: ImportKind) -> list[str]:
    """Our import columns the export fills: a customer's name in two columns, no note column
    (the notes are in tables/notes.csv)."""
    return [c.key for c in COLUMNS[kind] if c.key not in ("name", "note")]


def _numbers(model, prefix: str) -> dict[int, str]:
    """Each row's number in the export: the id it came with from another system, else
    ``prefix`` and our id (made unique should another system's id be the same text)."""
    rows = list(model.select(model.id, model.source_id).tuples())
    taken = {sid for _, sid in rows if sid}
    numbers = {}
    for row_id, sid in rows:
        if sid:
            numbers[row_id] = sid
            continue
        number, n = f"{prefix}{row_id}", 1
        while number in taken:
            n += 1
            number = f"{prefix}{row_id}-{n}"
        taken.add(number)
        numbers[row_id] = number
    return numbers


def _last_payments() -> dict[int, dt.date]:
    """Each agreement's latest live payment day."""
    last: dict[int, dt.date] = {}
    query = (LedgerEntry.select(LedgerEntry.agreement, LedgerEntry.entry_date)
             .where(LedgerEntry.kind == EntryKind.PAYMENT.value, live_payments()).tuples())
    for agreement_id, day in query:
        if agreement_id not in last or day > last[agreement_id]:
            last[agreement_id] = day
    return last


def _position_row(a: Agreement, today: dt.date, number: str, customer: str, vehicle: tuple[str, str],
                 last_payment: dt.date | None) -> dict[str, object]:
    """A running agreement as a row of agreements.csv: its terms and where it stands ``today``."""
    ledger = load_ledger(a)
    state = ledger.state(today)
    next_due = next((i.due for i in state.installments if i.owed > 0), None)
    policy = LateFeePolicy(a.grace_days, a.fee_flat, a.fee_percent_bp, a.fee_cap)
    try:
        regular = Terms(cash_price=a.cash_price, down_payment=a.down_payment, payment_amount=a.payment_amount,
                        number_of_payments=a.number_of_payments, frequency=Frequency(a.frequency),
                        first_due=a.first_due, semi_monthly_days=(a.semi_day_1, a.semi_day_2),
                        late_fee=policy).schedule()
    except InvalidInput:
        regular = None
    # A schedule changed since (a due day moved, a hard week pushed to the end): the first due
    # date is left out, so the import lays the payments out back from the next due date.
    changed = regular is None or tuple(regular) != tuple(ledger.schedule)
    return {
        "source_id": number, "customer_id": customer, "stock_number": vehicle[0], "vin": vehicle[1],
        "cash_price": amount_text(a.cash_price), "down_payment": amount_text(a.down_payment),
        "payment_amount": amount_text(a.payment_amount), "frequency": _FREQUENCY_CODES[Frequency(a.frequency)],
        "number_of_payments": a.number_of_payments, "first_due": None if changed else a.first_due,
        "opened_on": a.opened_on, "grace_days": a.grace_days,
        "late_fee": amount_text(a.fee_flat) if a.fee_flat else None,
        "late_fee_percent": _percent_text(a.fee_percent_bp) if a.fee_percent_bp else None,
        "late_fee_cap": amount_text(a.fee_cap) if a.fee_cap else None,
        "payments_made": state.installments_paid, "balance": amount_text(state.principal_remaining),
        "next_due": next_due, "late_fees_due": amount_text(state.open_fees), "last_payment_on": last_payment,
    }


def _percent_text(basis_points: int) -> str:
    """``725`` → ``7.25``, ``500`` → ``5``."""
    return format((Decimal(basis_points) / 100).normalize(), "f")


# ---------------------------------------------------------------------------------------
# The column guide

_KIND_WORDS = {
    "id": "the row's number in this table",
    "whole number": "a whole number",
    "date": "a date, YYYY-MM-DD",
    "date and time": "a date and time, YYYY-MM-DD HH:MM:SS",
    "yes/no": "yes or no",
    "text": "text",
}


def guide_text(today: dt.date, rows: dict[str, int], columns: dict[str, list[TableColumn]]) -> str:
    """README.txt: what each file of the export is and what each of its columns means."""
    files_of = {t.model._meta.table_name: f"tables/{t.file}.csv" for t in TABLES}
    lines = [
        "LTO Desk export",
        "===============",
        "",
        f"All of the dealership's data as it stood on {today:%B} {today.day}, {today.year}. Every file is CSV",
        "(UTF-8, opens in Excel or any spreadsheet). Text that starts like a formula (=, +, -, @) has an",
        "apostrophe in front, so a spreadsheet shows it as text and never runs it.",
        "",
        "customers.csv, vehicles.csv and agreements.csv are in LTO Desk's own import columns: File ->",
        "Import... (or lto-desk import FILE --kind customers|vehicles|agreements) on another LTO Desk reads",
        "them as they are. Amounts in them are dollars and cents (7995.00), dates YYYY-MM-DD.",
        "Customers and agreements made here are numbered LTO-C<number> and LTO-A<number>; those brought",
        "over from another system keep that system's number. A vehicle's number is its stock number.",
        "",
    ]
    for kind, file, about in (
        (ImportKind.CUSTOMERS, "customers.csv", "every customer (their notes are in tables/notes.csv)."),
        (ImportKind.VEHICLES, "vehicles.csv", "the vehicles still the dealer's: available, on a running "
         "agreement, or back from a return (paid-off and removed ones are in tables/vehicles.csv)."),
        (ImportKind.AGREEMENTS, "agreements.csv", "each running agreement where it stands today (paid-off and "
         "returned ones, and every payment, are in tables/)."),
    ):
        lines += [f"{file} ({rows.get(file, 0):,} rows): {about}"]
        for c in COLUMNS[kind]:
            if c.key in _import_header(kind):
                lines.append(f"  {c.key}: {c.label}" + (f" - {c.help}" if c.help else ""))
        lines.append("")
    lines += [
        f"files.csv ({rows.get('files.csv', 0):,} rows): the saved receipts and letters (PDF) in the data "
        "folder: folder, file, bytes, modified.",
        "",
        "tables/: every table, whole, one file each, as the program keeps it. Money is in whole CENTS here",
        "(799500 is $7,995.00). A column ending in _id names a row of another file by its id.",
        "",
    ]
    for table in TABLES:
        name = f"tables/{table.file}.csv"
        lines.append(f"{name} ({rows.get(name, 0):,} rows): {table.about}.")
        for c in columns.get(table.file, ()):
            lines.append(f"  {c.name}: {_column_words(table.model._meta.table_name, c, files_of)}")
        lines.append("")
    lines.append("Not exported: " + "; ".join(f"{t} ({why})" for t, why in NOT_EXPORTED.items()) + ".")
    return "\n".join(lines) + "\n"


def _column_words(table: str, column: TableColumn, files_of: dict[str, str]) -> str:
    if column.kind == "link":
        return f"the id of a row in {files_of.get(column.links_to, column.links_to)}"
    if column.kind == "big number":
        return "a whole number" if (table, column.name) in _NOT_CENTS else "an amount in cents"
    return _KIND_WORDS[column.kind]
