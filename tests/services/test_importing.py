"""Moving in: the realistic book (tests/source_book.py) through the import's check and write.

1,000 customers, 300 vehicles and 250 running agreements in another system's layout
(Windows-1252, $1,234.50, MM/DD/YYYY, W/BW/M): the 30 planted errors are each reported
at their row and column with nothing written; the fixed book brings every account in at
the source's balance, next due date and late fees to the cent, and ``verify`` passes."""

from __future__ import annotations

import datetime as dt

import pytest
import source_book

from lto_desk.domain.errors import NotAllowed
from lto_desk.domain.import_columns import ImportKind, guess_mapping
from lto_desk.services import importing
from lto_desk.services.import_files import read_table
from lto_desk.services.integrity import verify
from lto_desk.services.ledger import state_of
from lto_desk.store.models import Agreement, Customer, LedgerEntry, Vehicle
from lto_desk.store.journal import rows_touching

TODAY = dt.date(2026, 3, 16)
AT = dt.datetime(2026, 3, 16, 10, 0)
KINDS = (ImportKind.CUSTOMERS, ImportKind.VEHICLES, ImportKind.AGREEMENTS)


def sources(book) -> list[importing.ImportSource]:
    out = []
    for kind in KINDS:
        table = read_table(book.paths[kind.value])
        out.append(importing.ImportSource(kind, table, guess_mapping(kind, table.headers)))
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    return source_book.write_book(tmp_path_factory.mktemp("clean"), today=TODAY, errors=False)


@pytest.fixture(scope="module")
def spoilt(tmp_path_factory):
    return source_book.write_book(tmp_path_factory.mktemp("spoilt"), today=TODAY, errors=True)


def counts():
    return Customer.select().count(), Vehicle.select().count(), Agreement.select().count(), LedgerEntry.select().count()


def test_each_planted_error_is_reported_at_its_row_and_column_and_nothing_is_written(manager, spoilt):
    before = counts()
    preview = importing.check_import(manager, sources(spoilt), today=TODAY)
    found = {(p.file, p.problem.row, p.problem.column) for p in preview.problems}
    planted = {(p.file, p.row, p.header) for p in spoilt.planted}
    assert found == planted
    assert len(preview.problems) == 30
    assert all(line.split(": ", 1)[1].startswith("row ") for line in preview.problem_lines())
    with pytest.raises(NotAllowed, match="30 problems"):
        importing.run_import(manager, preview, at=AT)
    assert counts() == before
    assert importing.problems_csv(manager, preview).count("\r\n") == 31


def test_the_fixed_book_comes_in_where_each_account_stands_and_verifies(manager, clean):
    preview = importing.check_import(manager, sources(clean), today=TODAY)
    assert preview.problem_lines() == []
    assert preview.summary() == "1,000 customers to add; 300 vehicles to add; 250 agreements to add"
    result = importing.run_import(manager, preview, at=AT)
    assert result.made == {ImportKind.CUSTOMERS: 1000, ImportKind.VEHICLES: 300, ImportKind.AGREEMENTS: 250}
    for account, truth in clean.truth.items():
        agreement = Agreement.get(Agreement.source_id == account)
        state = state_of(agreement, TODAY)
        first_unpaid = next(i.due for i in state.installments if i.owed > 0)
        assert (state.principal_remaining, first_unpaid, state.open_fees) == (
            truth.balance, truth.next_due, truth.late_fees_due), account
        assert agreement.customer.source_id == truth.customer_id
        assert agreement.vehicle.stock_number == truth.stock_number
        assert agreement.vehicle.status == "on_agreement"
    assert verify().ok
    import_rows = list(rows_touching("import", read_table(clean.customers).sha256))
    assert len(import_rows) == 1 and import_rows[0].clerk_id == manager.id

    again = importing.check_import(manager, sources(clean), today=TODAY)
    assert again.ok and again.summary() == ("0 customers to add (1,000 already here); 0 vehicles to add "
                                            "(300 already here); 0 agreements to add (250 already here)")
    before = counts()
    assert importing.run_import(manager, again, at=AT).made == {k: 0 for k in KINDS}
    assert counts() == before


def test_a_clerk_may_not_import(clerk, clean):
    with pytest.raises(NotAllowed):
        importing.check_import(clerk, sources(clean), today=TODAY)


def test_cancel_writes_nothing(manager, clean):
    preview = importing.check_import(manager, sources(clean), today=TODAY)
    before = counts()
    seen = []
    with pytest.raises(importing.ImportCancelled):
        importing.run_import(manager, preview, at=AT, progress=lambda done, total: seen.append(done),
                             cancelled=lambda: bool(seen) and seen[-1] >= 600)
    assert seen and counts() == before


_KILLED_MIDWAY = """
import os, signal, sys
from pathlib import Path
import datetime as dt
from lto_desk.domain.import_columns import ImportKind, guess_mapping
from lto_desk.services import clerks, importing
from lto_desk.services.import_files import read_table
from lto_desk.store.database import open_database
from lto_desk.store.paths import Location

db, folder = sys.argv[1:]
open_database(Location(db, Path(folder) / "files"))
manager = clerks.log_in("Marcus Manager", "2222")
sources = []
for kind, name in (("customers", "customers.csv"), ("vehicles", "inventory.csv"), ("agreements", "accounts.csv")):
    table = read_table(Path(folder) / name)
    sources.append(importing.ImportSource(ImportKind(kind), table, guess_mapping(ImportKind(kind), table.headers)))
preview = importing.check_import(manager, sources, today=dt.date(2026, 3, 16))
assert preview.ok, preview.problem_lines()[:3]

def progress(done, total):
    if done >= 1200:  # the customers and vehicles written, agreements under way
        os.kill(os.getpid(), signal.SIGKILL)

importing.run_import(manager, preview, progress=progress, at=dt.datetime(2026, 3, 16, 10, 0))
"""


def test_a_process_killed_during_an_import_leaves_nothing_half_imported(location, manager, clean):
    import signal
    import subprocess
    import sys

    from lto_desk.store.database import close_database, open_database

    before = counts()
    close_database()
    child = subprocess.run([sys.executable, "-c", _KILLED_MIDWAY, location.url, str(clean.folder)],
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr
    open_database(location)
    assert counts() == before
    assert verify().ok


def test_an_xlsx_of_the_same_rows_gives_the_same_accounts(manager, clean, tmp_path_factory):
    book = source_book.write_book(tmp_path_factory.mktemp("xlsx"), today=TODAY, errors=False, fmt="xlsx")
    preview = importing.check_import(manager, sources(book), today=TODAY)
    assert preview.problem_lines() == []
    importing.run_import(manager, preview, at=AT)
    for account, truth in clean.truth.items():
        state = state_of(Agreement.get(Agreement.source_id == account), TODAY)
        first_unpaid = next(i.due for i in state.installments if i.owed > 0)
        assert (state.principal_remaining, first_unpaid, state.open_fees) == (
            truth.balance, truth.next_due, truth.late_fees_due), account
    customers = {c.source_id: (c.first_name, c.last_name, c.phone, c.birthday) for c in Customer.select()}
    from lto_desk.domain.import_rows import check_rows

    table = read_table(clean.customers)
    from_csv = check_rows(ImportKind.CUSTOMERS, table, guess_mapping(ImportKind.CUSTOMERS, table.headers), TODAY)
    assert customers == {r.source_id: (r.first_name, r.last_name, r.phone, r.birthday) for r in from_csv.records}
    assert len(customers) == 1000
    assert verify().ok


def test_the_preview_names_each_customer_with_the_phone_as_people_write_it(manager):
    from lto_desk.services.import_files import SourceTable

    table = SourceTable("customers.csv", ("Cust #", "Name", "Cell"), (("77", "Peña, Rosa", "205.555.0142"),),
                        "0" * 64, "utf-8", ",")
    preview = importing.check_import(manager, [importing.ImportSource(
        ImportKind.CUSTOMERS, table, guess_mapping(ImportKind.CUSTOMERS, table.headers))], today=TODAY)
    assert [p.words for p in preview.planned] == ["Rosa Peña · (205) 555-0142"]
