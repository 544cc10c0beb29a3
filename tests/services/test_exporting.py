"""Export everything: a small book made through the services is exported, and its
customers.csv, vehicles.csv and agreements.csv imported into an EMPTY database give the
same customers, vehicles and running agreements where they stand (balance, next due
date, late fees, payments made), and verify passes there. Every table is written; staff
without PIN hashes; typed text that starts like a formula is kept as text; only the owner
may export; an export never writes over another and leaves nothing when stopped."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from helpers import make_vin
from lto_desk.domain.errors import NotAllowed
from lto_desk.domain.import_columns import ImportKind, guess_mapping
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import agreements, clerks, customers, exporting, importing, payments, relationship, vehicles
from lto_desk.services.import_files import read_table
from lto_desk.services.integrity import verify
from lto_desk.services.ledger import state_of
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import ALL_MODELS, Agreement, Customer, CustomerPhone, JournalRow, Vehicle
from lto_desk.store.paths import Location

FORMULA = '=HYPERLINK("http://x","y")'
OPENED = dt.datetime(2025, 1, 6, 10, 0)
AT = dt.datetime(2025, 3, 3, 14, 5)  # the export's day: the positions stand here


def _condition():
    from lto_desk.domain.returns import CONDITION_PARTS

    return {part: {"rating": "good"} for part in CONDITION_PARTS}


def _agreement(owner, cid, n, price, payments_count, frequency=Frequency.WEEKLY, fee=LateFeePolicy(3, 1000),
               first_due=dt.date(2025, 1, 13), down=50_000):
    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(4000 + n), 2015, "Toyota", "Corolla", f"S{n}", color="Blue",
                                   trim="LE", odometer=90_000 + n, cost=300_000, price=price), at=OPENED)
    terms = Terms.by_number_of_payments(cash_price=price, down_payment=down, number_of_payments=payments_count,
                                        frequency=frequency, first_due=first_due, late_fee=fee)
    return agreements.open_agreement(owner, cid, vid, terms, at=OPENED).agreement_id


def build_book(owner, manager) -> dict[str, int]:
    """Customers (one with a second phone, one who speaks Spanish), vehicles (one still
    for sale), and agreements: two running (payments, a partial one, a late fee, a void),
    one paid off and one returned."""
    maria = customers.add_customer(owner, customers.NewCustomer(
        "María", "García", phone="(205) 555-0142", email="maria@example.com", address1="12 Oak St",
        address2="@ the back", city="Montgomery", state="AL", postal_code="36104",
        birthday=dt.date(1980, 5, 17), employer="-Dollar General"), at=OPENED)
    relationship.add_phone(owner, maria, "(205) 555-0199", "home", at=OPENED)
    pedro = customers.add_customer(owner, customers.NewCustomer(
        "Pedro", "Peña", preferred_name="Pete", phone="(334) 555-0110", language="es"), at=OPENED)
    ana = customers.add_customer(owner, customers.NewCustomer("Ana", "Lee", phone="(205) 555-0177"), at=OPENED)
    joe = customers.add_customer(owner, customers.NewCustomer("Joe", "Black"), at=OPENED)
    running = _agreement(owner, maria, 1, 900_000, 104)
    late = _agreement(owner, pedro, 2, 700_000, 52, frequency=Frequency.BIWEEKLY,
                      fee=LateFeePolicy(grace_days=2, percent_bp=500, cap=1500))
    paid_off = _agreement(owner, ana, 3, 200_000, 10)
    returned = _agreement(owner, joe, 4, 500_000, 60)
    vehicles.add_vehicle(owner, vehicles.NewVehicle(make_vin(4999), 2018, "Ford", "Focus", "S9", price=650_000),
                         at=OPENED)
    for day in (13, 20, 27):  # María: on time, then a partial payment
        payments.take_payment(owner, running, 7_693, at=dt.datetime(2025, 1, day, 11))
    payments.take_payment(owner, running, 5_000, at=dt.datetime(2025, 2, 3, 11))
    # Pedro: the first payment late (a 5% fee), one paid, one voided
    payments.take_payment(owner, late, 13_462 + 673, at=dt.datetime(2025, 1, 17, 11))
    wrong = payments.take_payment(owner, late, 13_462, at=dt.datetime(2025, 1, 27, 11))
    payments.void_payment(manager, wrong.receipt_number, "typed on the wrong account", at=dt.datetime(2025, 1, 27, 12))
    ana_state = state_of(Agreement.get_by_id(paid_off), dt.date(2025, 1, 20))
    payments.take_payment(owner, paid_off, ana_state.payoff, at=dt.datetime(2025, 1, 20, 11))
    agreements.return_vehicle(manager, returned, "cannot_afford", condition=_condition(), odometer=91_000,
                              at=dt.datetime(2025, 2, 10, 11))
    return {"running": running, "late": late, "paid_off": paid_off, "returned": returned}


# -- what the two databases are compared on ---------------------------------------------

def customer_lines() -> set[tuple]:
    others = {}
    for cid, number in CustomerPhone.select(CustomerPhone.customer, CustomerPhone.number).tuples():
        others.setdefault(cid, number)
    return {(c.first_name, c.last_name, c.preferred_name, c.phone, others.get(c.id, ""), c.email, c.address1,
             c.address2, c.city, c.state, c.postal_code, c.birthday, c.employer, c.language, c.customer_since)
            for c in Customer.select()}


def vehicle_lines() -> set[tuple]:
    return {(v.stock_number, v.vin, v.year, v.make, v.model, v.trim, v.color, v.odometer, v.cost, v.price)
            for v in Vehicle.select().where(Vehicle.status.in_(("available", "on_agreement", "needs_inspection")))}


def positions(today: dt.date) -> dict[tuple, tuple]:
    out = {}
    for a in Agreement.select().where(Agreement.status == "active"):
        state = state_of(a, today)
        first_unpaid = next(i.due for i in state.installments if i.owed > 0)
        out[(a.customer.first_name, a.vehicle.stock_number)] = (
            state.principal_remaining, first_unpaid, state.open_fees, state.installments_paid,
            a.payment_amount, a.number_of_payments, a.frequency, a.first_due, a.cash_price, a.down_payment,
            a.grace_days, a.fee_flat, a.fee_percent_bp, a.fee_cap)
    return out


def rows_of(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel shows the accents
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def import_into_empty(export: Path, tmp_path: Path):
    """Open a new, empty database, make its owner, and import the export's three files."""
    close_database()
    open_database(Location(str(tmp_path / "empty.sqlite3"), tmp_path / "empty-files"))
    owner = clerks.create_clerk(None, "Nora Newbooks", "owner", "4444", at=AT)
    sources = []
    for kind in (ImportKind.CUSTOMERS, ImportKind.VEHICLES, ImportKind.AGREEMENTS):
        table = read_table(export / f"{kind.value}.csv")
        assert guess_mapping(kind, table.headers) == {h: h for h in table.headers}  # our own columns, as they are
        sources.append(importing.ImportSource(kind, table, guess_mapping(kind, table.headers)))
    preview = importing.check_import(owner, sources, today=AT.date())
    assert preview.problem_lines() == []
    return importing.run_import(owner, preview, at=AT)


# -- the tests ---------------------------------------------------------------------------

def test_export_then_import_into_an_empty_database_gives_the_same_book(owner, manager, location, tmp_path):
    book = build_book(owner, manager)
    before = (customer_lines(), vehicle_lines(), positions(AT.date()))
    assert len(before[2]) == 2  # two running agreements: one with a late fee, one with a partial payment
    assert before[2][("Pedro", "S2")][2] > 0 and Agreement.get_by_id(book["returned"]).status == "returned"
    journal_rows = JournalRow.select().count()
    out = tmp_path / "out"
    out.mkdir()

    result = exporting.export_all(owner, out, at=AT, location=location)

    assert result.folder == out / "LTO Desk export 2025-03-03 1405" and result.folder.is_dir()
    assert [p.name for p in out.iterdir()] == [result.folder.name]  # nothing unfinished left beside it
    assert (result.customers, result.vehicles, result.running_agreements) == (4, 4, 2)
    assert JournalRow.select().count() == journal_rows  # an export changes nothing
    made = import_into_empty(result.folder, tmp_path)
    assert made.made == {ImportKind.CUSTOMERS: 4, ImportKind.VEHICLES: 4, ImportKind.AGREEMENTS: 2}
    assert customer_lines() == before[0]
    assert vehicle_lines() == before[1]
    assert positions(AT.date()) == before[2]
    assert verify().ok


def test_every_table_is_written_with_a_guide_and_money_in_cents(owner, manager, location, tmp_path):
    book = build_book(owner, manager)
    (location.files_dir / "receipts").mkdir(parents=True, exist_ok=True)
    (location.files_dir / "receipts" / "receipt-000001.pdf").write_bytes(b"%PDF-1.4 made up")
    folder = exporting.export_all(owner, tmp_path, at=AT, location=location).folder

    exported = {t.model for t in exporting.TABLES}
    assert {m._meta.table_name for m in ALL_MODELS if m not in exported} <= set(exporting.NOT_EXPORTED)
    entries = rows_of(folder / "tables" / "ledger_entries.csv")
    assert "amount" in entries[0] and len(entries) > 10
    all_agreements = rows_of(folder / "tables" / "agreements.csv")
    statuses = {row[all_agreements[0].index("status")] for row in all_agreements[1:]}
    assert statuses == {"active", "paid_off", "returned"}
    price = all_agreements[0].index("cash_price")
    assert str(900_000) in [row[price] for row in all_agreements[1:]]  # cents, as kept
    running = rows_of(folder / "agreements.csv")
    assert "9000.00" in [row[running[0].index("cash_price")] for row in running[1:]]  # dollars, as imported
    assert len(running) == 3 and str(book["paid_off"]) not in {row[0][len("LTO-A"):] for row in running[1:]}

    staff = rows_of(folder / "tables" / "staff.csv")
    assert "pin_hash" not in staff[0] and "Olivia Owner" in {row[staff[0].index("name")] for row in staff[1:]}
    settings = rows_of(folder / "tables" / "settings.csv")
    assert all(not row[0].startswith("_") for row in settings[1:])
    listed = rows_of(folder / "files.csv")
    assert listed[1][1:3] == ["receipt-000001.pdf", "16"]
    guide = (folder / "README.txt").read_text(encoding="utf-8-sig")
    for name in ("customers.csv", "tables/ledger_entries.csv", "tables/journal.csv", "files.csv"):
        assert name in guide
    assert "payment_amount: Payment amount - the amount of each payment" in guide
    assert "amount: an amount in cents" in guide and "CENTS" in guide


def test_a_name_that_starts_like_a_formula_is_written_as_text(owner, tmp_path):
    cid = customers.add_customer(owner, customers.NewCustomer("Rosa", "Díaz", phone="(205) 555-0100"), at=OPENED)
    # A name from before the names were checked (or another system's import): kept as it is.
    Customer.update(first_name=FORMULA, last_name="@Pepe").where(Customer.id == cid).execute()
    folder = exporting.export_all(owner, tmp_path, at=AT).folder
    header, row = rows_of(folder / "customers.csv")
    assert row[header.index("first_name")] == "'" + FORMULA
    assert row[header.index("last_name")] == "'@Pepe"
    assert row[header.index("phone")] == "(205) 555-0100"
    assert row[header.index("customer_since")] == "2025-01-06"  # a date the program writes, plain
    header, row = rows_of(folder / "tables" / "customers.csv")
    assert row[header.index("first_name")] == "'" + FORMULA and row[header.index("id")] == str(cid)


@pytest.mark.parametrize("who", ["clerk", "manager"])
def test_only_the_owner_may_export(who, request, tmp_path):
    actor = request.getfixturevalue(who)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotAllowed, match="Only the owner"):
        exporting.export_all(actor, out)
    assert list(out.iterdir()) == []


def test_an_export_never_writes_over_another(owner, tmp_path):
    first = exporting.export_all(owner, tmp_path, at=AT).folder
    second = exporting.export_all(owner, tmp_path, at=AT).folder
    assert second.name == first.name + " (2)" and (first / "customers.csv").exists()


def test_a_stopped_export_leaves_nothing(owner, manager, tmp_path):
    build_book(owner, manager)

    class Stop(Exception):
        pass

    def progress(done, total):
        if done > 3:
            raise Stop

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Stop):
        exporting.export_all(owner, out, at=AT, progress=progress)
    assert list(out.iterdir()) == []


def test_a_folder_that_is_not_there_is_said_plainly(owner, tmp_path):
    from lto_desk.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match="There is no folder"):
        exporting.export_all(owner, tmp_path / "nowhere")
