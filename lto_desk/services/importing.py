"""Moving in: a dealer's customers, vehicles and running agreements from another system.

Two steps, as the person sees them. :func:`check_import` reads nothing but checks
everything: each row with the program's own parsers (domain/import_rows.py), then
against the other files of the same import and the books (a customer already here —
by the source's id, else by name and phone — is shown as "already here", not made
twice; an agreement's customer and vehicle must be in the import or on file; its
position must fit its terms). :func:`run_import` then writes what the check planned in
ONE transaction with one journal row naming each file's SHA-256, the counts and who
imported it; a Cancel or a failure writes nothing. Each row keeps its source id, so
the same file imported again makes nothing new.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Callable, Sequence

from peewee import IntegrityError

from ..domain.errors import LtoError, NotAllowed, Refused
from ..domain.import_columns import ImportKind, column
from ..domain.import_rows import AgreementRecord, CustomerRecord, PaymentRecord, Problem, VehicleRecord, check_rows
from ..domain.ledger import Entry, EntryKind, replay
from ..domain.money import format_money
from ..domain.opening import Opening, OpeningProblem, opening_position
from ..domain.phone import display_phone, phone_digits
from ..domain.roles import Role
from ..domain.terms import LateFeePolicy
from ..domain.text import fold, spreadsheet_safe
from ..domain.vehicles import VehicleStatus
from ..store.database import now as clock
from ..store.models import Agreement, Customer, CustomerPhone, Installment as InstallmentRow, LedgerEntry, Note, Vehicle
from .agreements import schedule_image
from .base import Actor, require_role, unit_of_work
from .customers import search_name_for
from .import_files import SourceTable
from .ledger import refresh
from .vehicles import set_vehicle_status

#: The order the kinds are written in: an agreement needs its customer and vehicle first.
_ORDER = (ImportKind.CUSTOMERS, ImportKind.VEHICLES, ImportKind.AGREEMENTS, ImportKind.PAYMENTS)
_WORDS = {ImportKind.CUSTOMERS: ("customer", "customers"), ImportKind.VEHICLES: ("vehicle", "vehicles"),
          ImportKind.AGREEMENTS: ("agreement", "agreements"), ImportKind.PAYMENTS: ("past payment", "past payments")}


class ImportCancelled(LtoError):
    """The person pressed Cancel: nothing was written."""


@dataclass(frozen=True)
class ImportSource:
    """One file of an import: what it holds, its rows, and which of its headers is which of our columns."""

    kind: ImportKind
    table: SourceTable
    mapping: dict[str, str]


@dataclass(frozen=True)
class FileProblem:
    file: str
    problem: Problem

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


@dataclass(frozen=True)
class PlannedRow:
    """One good row as the preview lists it: made new, or already here (then left as it is)."""

    kind: ImportKind
    file: str
    row: int
    source_id: str
    words: str
    already_here: bool


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do. ``ok``: no problem, so it can be written."""

    sources: tuple[ImportSource, ...]
    today: dt.date
    problems: tuple[FileProblem, ...]
    planned: tuple[PlannedRow, ...]
    openings: dict[str, Opening] = field(repr=False, default_factory=dict)  # agreement source id -> its position
    records: tuple = field(repr=False, default=())
    #: customers already here found by name and phone: (their id, the source id they take on)
    links: tuple[tuple[int, str], ...] = field(repr=False, default=())
    #: agreement source id -> its payments from the payments file, replayed instead of its opening
    histories: dict[str, tuple[PaymentRecord, ...]] = field(repr=False, default_factory=dict)
    #: where a replayed history does not give the position the agreements file states, per account
    differences: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: ImportKind, *, already_here: bool = False) -> int:
        return sum(1 for p in self.planned if p.kind is kind and p.already_here is already_here)

    def problem_lines(self) -> list[str]:
        """Each problem as the person reads it: ``row 12, Pmt Amt: “ninety” has letters in it``
        (the file's name first when the import has several files)."""
        several = len(self.sources) > 1
        return [str(p) if several else str(p.problem) for p in self.problems]

    def summary(self) -> str:
        parts = []
        for kind in _ORDER:
            new, here = self.count(kind), self.count(kind, already_here=True)
            if new or here:
                one, many = _WORDS[kind]
                parts.append(f"{new:,} {one if new == 1 else many} to add" + (f" ({here:,} already here)" if here else ""))
        return "; ".join(parts) or "Nothing to add"


@dataclass(frozen=True)
class ImportResult:
    made: dict[ImportKind, int]
    already_here: dict[ImportKind, int]
    journal_code: str

    def describe(self) -> str:
        made = ", ".join(f"{n:,} {_WORDS[k][0] if n == 1 else _WORDS[k][1]}" for k, n in self.made.items() if n)
        here = sum(self.already_here.values())
        text = f"Imported {made}." if made else "Nothing new: everything in the file is already here."
        return text + (f" {here:,} already here were left as they are." if here and made else "")


Progress = Callable[[int, int], None]


def check_import(actor: Actor, sources: Sequence[ImportSource], *, today: dt.date | None = None) -> ImportPreview:
    """Check an import (a manager); nothing is written."""
    require_role(actor, Role.MANAGER, "import data")
    today = today or clock().date()
    kinds = [s.kind for s in sources]
    if len(set(kinds)) != len(kinds):
        raise NotAllowed("Import one file of each kind at a time (customers, vehicles, agreements).")
    order = sorted(sources, key=lambda s: _ORDER.index(ImportKind(s.kind)))
    check = _Check(today)
    for source in order:
        checked = check_rows(source.kind, source.table, source.mapping, today)
        check.problems += [FileProblem(source.table.name, p) for p in checked.problems]
        check.add(source, checked.records)
    problems = sorted(check.problems, key=lambda p: (_ORDER.index(_kind_of(order, p.file)), p.problem.row))
    return ImportPreview(tuple(order), today, tuple(problems), tuple(check.planned), check.openings,
                         tuple(check.records), tuple(check.links), check.histories, tuple(check.differences))


def _kind_of(sources: Sequence[ImportSource], name: str) -> ImportKind:
    return next(ImportKind(s.kind) for s in sources if s.table.name == name)


class _Check:
    """The checks against the other files and the books, kind by kind."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.problems: list[FileProblem] = []
        self.planned: list[PlannedRow] = []
        self.openings: dict[str, Opening] = {}
        self.records: list = []
        self.customers_new: set[str] = set()  # source ids an agreement may name: new, or taken on by one here
        self.links: list[tuple[int, str]] = []
        self.histories: dict[str, tuple[PaymentRecord, ...]] = {}
        self.differences: list[str] = []
        self.agreements_here: set[str] = set()
        self.vehicles_new: dict[str, str] = {}  # stock number and VIN -> source id

    def problem(self, source: ImportSource, row: int, key: str, message: str) -> None:
        header = source.mapping.get(key) or column(ImportKind(source.kind), key).label
        self.problems.append(FileProblem(source.table.name, Problem(row, header, message)))

    def plan(self, source: ImportSource, record, words: str, already: bool) -> None:
        self.planned.append(PlannedRow(ImportKind(source.kind), source.table.name, record.row, record.source_id,
                                       words, already))
        if not already:
            self.records.append(record)

    def add(self, source: ImportSource, records) -> None:
        {ImportKind.CUSTOMERS: self.customers, ImportKind.VEHICLES: self.vehicles,
         ImportKind.AGREEMENTS: self.agreements, ImportKind.PAYMENTS: self.payments}[ImportKind(source.kind)](
            source, records)

    def customers(self, source: ImportSource, records: Sequence[CustomerRecord]) -> None:
        by_source = dict(Customer.select(Customer.source_id, Customer.id).where(Customer.source_id.is_null(False))
                         .tuples())
        by_name = {}
        for first, last, digits, cid in Customer.select(
                Customer.first_name, Customer.last_name, Customer.phone_digits, Customer.id).tuples():
            by_name[(fold(first), fold(last), digits)] = cid
        for r in records:
            words = " ".join(p for p in (r.first_name, r.last_name) if p) + (
                f" · {display_phone(r.phone)}" if r.phone else "")
            here = bool(r.source_id) and r.source_id in by_source
            if not here and r.phone:
                twin = by_name.get((fold(r.first_name), fold(r.last_name), phone_digits(r.phone)))
                if twin is not None:
                    here = True
                    if r.source_id and twin not in by_source.values():
                        self.links.append((twin, r.source_id))
                        self.customers_new.add(r.source_id)
            self.plan(source, r, words, here)
            if not here and r.source_id:
                self.customers_new.add(r.source_id)

    def vehicles(self, source: ImportSource, records: Sequence[VehicleRecord]) -> None:
        on_file = {vin: (sid, stock) for vin, sid, stock in
                   Vehicle.select(Vehicle.vin, Vehicle.source_id, Vehicle.stock_number).tuples()}
        stocks = {stock: vin for vin, (_sid, stock) in on_file.items()}
        for r in records:
            words = f"{r.year} {r.make} {r.model} · stock {r.stock_number}"
            if r.vin in on_file:
                here_sid, here_stock = on_file[r.vin]
                if here_sid not in (None, r.source_id):
                    self.problem(source, r.row, "vin", f"VIN {r.vin} is on file as stock {here_stock}, "
                                 f"imported before under the id {here_sid}.")
                    continue
                self.plan(source, r, words, True)
                continue
            if r.stock_number in stocks:
                self.problem(source, r.row, "stock_number",
                             f"Stock number {r.stock_number} is on file for another vehicle (VIN {stocks[r.stock_number]}).")
                continue
            self.plan(source, r, words, False)
            self.vehicles_new[r.stock_number] = self.vehicles_new[r.vin] = r.source_id or r.stock_number

    def agreements(self, source: ImportSource, records: Sequence[AgreementRecord]) -> None:
        here = {sid for (sid,) in Agreement.select(Agreement.source_id).where(Agreement.source_id.is_null(False))
                .tuples()}
        self.agreements_here = here
        customers_on_file = {sid for (sid,) in Customer.select(Customer.source_id)
                             .where(Customer.source_id.is_null(False)).tuples()}
        vehicles_on_file = {}
        for stock, vin, status in Vehicle.select(Vehicle.stock_number, Vehicle.vin, Vehicle.status).tuples():
            vehicles_on_file[stock] = vehicles_on_file[vin] = (stock, status)
        taken: dict[str, int] = {}  # vehicle (stock or VIN) -> the row that uses it
        for r in records:
            words = f"{r.source_id} · customer {r.customer_id} · stock {r.stock_number or r.vin}"
            if r.source_id in here:
                self.plan(source, r, words, True)
                continue
            good = True
            if r.customer_id not in self.customers_new and r.customer_id not in customers_on_file:
                self.problem(source, r.row, "customer_id",
                             f"There is no customer {r.customer_id} in the customers file or on file.")
                good = False
            key = r.stock_number or r.vin
            which = "stock_number" if r.stock_number else "vin"
            if key not in self.vehicles_new:
                found = vehicles_on_file.get(key)
                if found is None:
                    self.problem(source, r.row, which, f"There is no vehicle {key} in the inventory file or on file.")
                    good = False
                elif found[1] != VehicleStatus.AVAILABLE.value:
                    self.problem(source, r.row, which, f"Stock {found[0]} is on file but not available: "
                                 f"{VehicleStatus(found[1]).label.lower()}.")
                    good = False
            if key in taken:
                self.problem(source, r.row, which, f"The vehicle {key} is also on the agreement on row {taken[key]}.")
                good = False
            taken.setdefault(key, r.row)
            try:
                opening = opening_of(r, self.today)
            except OpeningProblem as exc:
                self.problem(source, r.row, exc.field, exc.message)
                continue
            if good:
                self.openings[r.source_id] = opening
                self.plan(source, r, words, False)


    def payments(self, source: ImportSource, records: Sequence[PaymentRecord]) -> None:
        by_account: dict[str, list[PaymentRecord]] = {}
        for r in records:
            if r.agreement_id in self.agreements_here:
                self.plan(source, r, f"{format_money(r.amount)} on {r.paid_on:%m/%d/%Y}", True)
            elif r.agreement_id not in self.openings:
                self.problem(source, r.row, "agreement_id", f"There is no account {r.agreement_id} among the running "
                             "agreements of this import (a row with a problem there counts as missing).")
            else:
                by_account.setdefault(r.agreement_id, []).append(r)
        for account, history in by_account.items():
            history.sort(key=lambda r: (r.paid_on, r.row))
            if self.replayed(source, account, history):
                self.histories[account] = tuple(history)
                for r in history:
                    self.plan(source, r, f"{format_money(r.amount)} on {r.paid_on:%m/%d/%Y}", False)

    def replayed(self, source: ImportSource, account: str, history: list[PaymentRecord]) -> bool:
        """The account's history replayed by our rules; its payments that cannot be are
        problems; where it lands away from the file's position is a difference to show."""
        opening = self.openings[account]
        good = True
        for r in history:
            if r.paid_on < opening.opened_on:
                self.problem(source, r.row, "paid_on", f"Account {account} was opened "
                             f"{opening.opened_on:%m/%d/%Y}, after this payment's date.")
                good = False
        entries = [Entry(n, EntryKind.PAST_PAYMENT, r.paid_on, r.amount) for n, r in enumerate(history, start=1)]
        state = replay(opening.schedule, opening.terms.late_fee, entries, self.today)
        for n, r in enumerate(history, start=1):
            if n not in state.allocations:
                self.problem(source, r.row, "amount", f"{format_money(r.amount)} on {r.paid_on:%m/%d/%Y} is more "
                             f"than account {account} still owed then.")
                good = False
        if not good:
            return False
        unpaid = next((i.due for i in state.installments if i.owed > 0), None)
        theirs = (opening.balance, opening.next_due, opening.fees)
        ours = (state.principal_remaining, unpaid, state.open_fees)
        if ours != theirs:
            self.differences.append(
                f"Account {account}: its {len(history)} payments give a balance of {format_money(ours[0])}, "
                f"next due {_day(ours[1])} and {format_money(ours[2])} in late fees; the agreements file says "
                f"{format_money(theirs[0])}, {_day(theirs[1])} and {format_money(theirs[2])}. "
                "The payments are what will count.")
        return True


def _day(day: dt.date | None) -> str:
    return f"{day:%m/%d/%Y}" if day else "none (paid in full)"


def opening_of(r: AgreementRecord, today: dt.date) -> Opening:
    """An imported agreement's terms and position today."""
    policy = LateFeePolicy(grace_days=r.grace_days, flat=r.fee_flat, percent_bp=r.fee_percent_bp, cap=r.fee_cap)
    return opening_position(
        cash_price=r.cash_price, down_payment=r.down_payment, payment_amount=r.payment_amount,
        frequency=r.frequency, number_of_payments=r.number_of_payments, next_due=r.next_due, as_of=today,
        policy=policy, payments_made=r.payments_made, balance=r.balance, first_due=r.first_due,
        opened_on=r.opened_on, late_fees_due=r.late_fees_due,
    )


def run_import(
    actor: Actor, preview: ImportPreview, *, progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None, at: dt.datetime | None = None,
) -> ImportResult:
    """Write what ``preview`` planned (a manager), in one transaction; nothing when it
    had problems (refused), when Cancel is pressed (:class:`ImportCancelled`), or on any failure."""
    require_role(actor, Role.MANAGER, "import data")
    if not preview.ok:
        raise NotAllowed(f"The import has {len(preview.problems):,} problems to fix first; nothing was written.")
    records = list(preview.records)
    kinds = [k for k in _ORDER if any(ImportKind(s.kind) is k for s in preview.sources)]
    made = {k: 0 for k in kinds}
    already = {k: preview.count(k, already_here=True) for k in kinds}
    if not records and not preview.links:
        return ImportResult(made, already, "")
    try:
        return _write(actor, preview, records, made, already, progress, cancelled, at)
    except IntegrityError:
        raise Refused("Some of these rows were added at another counter meanwhile: check the files again. "
                      "Nothing was written.") from None


def _write(actor, preview, records, made, already, progress, cancelled, at) -> ImportResult:
    total = len(records)
    with unit_of_work(actor, "import", at) as work:
        if work.at.date() != preview.today:
            raise Refused("The files were checked on another day: check them again, so each account "
                          "stands where it is today. Nothing was written.")
        writer = _Writer(work, actor, preview)
        for customer_id, source_id in preview.links:  # one already here takes on the source's id
            customer = Customer.get_by_id(customer_id)
            before = work.before(customer)
            customer.source_id = source_id
            customer.save(only=[Customer.source_id])
            work.updated(customer, before)
        for done, record in enumerate(records, start=1):
            if cancelled is not None and done % 50 == 1 and cancelled():
                raise ImportCancelled("The import was cancelled; nothing was written.")
            made[writer.write(record)] += 1
            if progress is not None and (done % 100 == 0 or done == total):
                progress(done, total)
        if cancelled is not None and cancelled():
            raise ImportCancelled("The import was cancelled; nothing was written.")
        work.record("import", preview.sources[0].table.sha256, None, {
            "files": [{"name": s.table.name, "kind": ImportKind(s.kind).value, "sha256": s.table.sha256,
                       "rows": len(s.table.rows)} for s in preview.sources],
            "made": {k.value: n for k, n in made.items()},
            "already_here": {k.value: n for k, n in already.items()},
            "by": actor.name,
        })
    return ImportResult(made, already, work.code)


class _Writer:
    def __init__(self, work, actor: Actor, preview: ImportPreview) -> None:
        self.work, self.actor, self.preview, self.at = work, actor, preview, work.at

    def write(self, record) -> ImportKind:
        if isinstance(record, PaymentRecord):
            return ImportKind.PAYMENTS  # written with its agreement
        if isinstance(record, CustomerRecord):
            self.customer(record)
            return ImportKind.CUSTOMERS
        if isinstance(record, VehicleRecord):
            self.vehicle(record)
            return ImportKind.VEHICLES
        self.agreement(record)
        return ImportKind.AGREEMENTS

    def customer(self, r: CustomerRecord) -> None:
        work, at = self.work, self.at
        customer = Customer.create(
            first_name=r.first_name, last_name=r.last_name, preferred_name=r.preferred_name,
            phone=r.phone, phone_digits=phone_digits(r.phone) if r.phone else "", email=r.email,
            address1=r.address1, address2=r.address2, city=r.city, state=r.state, postal_code=r.postal_code,
            birthday=r.birthday, employer=r.employer, language=r.language,
            customer_since=r.customer_since or at.date(),
            search_name=search_name_for(r.first_name, r.last_name, r.preferred_name),
            created_at=at, source_id=r.source_id or None,
        )
        work.inserted(customer)
        if r.other_phone and r.other_phone != r.phone:
            phone = CustomerPhone.create(customer=customer.id, label="home", number=r.other_phone,
                                         digits=phone_digits(r.other_phone), created_at=at)
            work.inserted(phone)
        if r.note:
            note = Note.create(customer=customer.id, text=r.note, tags="other", author=self.actor.id,
                               created_at=at, updated_at=at, search_text=fold(r.note))
            work.inserted(note)

    def vehicle(self, r: VehicleRecord) -> None:
        vehicle = Vehicle.create(
            stock_number=r.stock_number, vin=r.vin, vin_tail=r.vin[-6:], year=r.year, make=r.make, model=r.model,
            trim=r.trim, color=r.color, odometer=r.odometer, cost=r.cost, price=r.price,
            status=VehicleStatus.AVAILABLE.value, created_at=self.at, source_id=r.source_id or r.stock_number,
        )
        self.work.inserted(vehicle)

    def agreement(self, r: AgreementRecord) -> None:
        work, at = self.work, self.at
        opening = self.preview.openings[r.source_id]
        terms, policy = opening.terms, opening.terms.late_fee
        customer = Customer.get(Customer.source_id == r.customer_id)
        vehicle = Vehicle.get((Vehicle.stock_number == r.stock_number) if r.stock_number else (Vehicle.vin == r.vin))
        agreement = Agreement.create(
            customer=customer.id, vehicle=vehicle.id, cash_price=terms.cash_price,
            down_payment=terms.down_payment, payment_amount=terms.payment_amount,
            number_of_payments=terms.number_of_payments, frequency=terms.frequency.value,
            first_due=terms.first_due, semi_day_1=terms.semi_monthly_days[0], semi_day_2=terms.semi_monthly_days[1],
            grace_days=policy.grace_days, fee_flat=policy.flat, fee_percent_bp=policy.percent_bp, fee_cap=policy.cap,
            opened_on=opening.opened_on, opened_at=at, opened_by=self.actor.id, status="active",
            installments_paid=0, principal_remaining=terms.amount_financed, source_id=r.source_id,
        )
        work.inserted(agreement)
        InstallmentRow.insert_many(
            [{"agreement": agreement.id, "number": i.number, "due_date": i.due, "amount": i.amount}
             for i in opening.schedule]
        ).execute()
        work.record("installment", str(agreement.id), None, {"schedule": schedule_image(opening.schedule)})
        history = self.preview.histories.get(r.source_id)
        if history is not None:
            memo = f"Brought over from {self._file(ImportKind.PAYMENTS)}"
            for p in history:
                entry = LedgerEntry.create(
                    agreement=agreement.id, kind=EntryKind.PAST_PAYMENT.value, entry_date=p.paid_on, created_at=at,
                    amount=p.amount, clerk=self.actor.id, method=p.method.value, reference=p.reference, memo=memo,
                )
                work.inserted(entry)
        else:
            memo = f"Brought over from {self._file(ImportKind.AGREEMENTS)}" + (
                f"; last payment there {r.last_payment_on:%m/%d/%Y}" if r.last_payment_on else "")
            for kind, amount, installment in ((EntryKind.OPENING, opening.paid, None),
                                              (EntryKind.OPENING_FEE, opening.fees, opening.fee_installment)):
                if kind is EntryKind.OPENING_FEE and not amount:
                    continue
                entry = LedgerEntry.create(
                    agreement=agreement.id, kind=kind.value, entry_date=at.date(), created_at=at, amount=amount,
                    clerk=self.actor.id, installment_number=installment, memo=memo,
                )
                work.inserted(entry)
        set_vehicle_status(work, vehicle, VehicleStatus.ON_AGREEMENT)
        refresh(work, agreement, at.date())

    def _file(self, kind: ImportKind) -> str:
        return next((s.table.name for s in self.preview.sources if ImportKind(s.kind) is kind), "the import")


def problems_csv(actor: Actor, preview: ImportPreview) -> str:
    """The problems as a CSV to fix in the spreadsheet: file, row, column, problem."""
    require_role(actor, Role.MANAGER, "import data")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["File", "Row", "Column", "Problem"])
    for p in preview.problems:
        writer.writerow([spreadsheet_safe(p.file), p.problem.row, spreadsheet_safe(p.problem.column),
                         spreadsheet_safe(p.problem.message)])
    return out.getvalue()
