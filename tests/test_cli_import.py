"""`lto-desk import` (issue 20, parts 0 and 2): the dealer's files checked row by row,
written in one go as the person named by ``--as``; exit 0 imported (or, dry, all rows
pass), 1 with every problem as "row N, COLUMN: message" and nothing written, 2 when the
person could not log in or a file could not be read."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest
import source_book

from lto_desk.cli import main
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import Agreement, Customer, JournalRow, Vehicle


@pytest.fixture
def dealer(location, manager, clerk, monkeypatch):
    close_database()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: the PIN from LTO_DESK_PIN
    monkeypatch.setenv("LTO_DESK_PIN", "2222")
    return location


@pytest.fixture
def book(tmp_path):
    return source_book.write_book(tmp_path / "book", customers=40, vehicles=12, agreements=10,
                                  today=dt.date.today(), errors=False)


def run(location, *args: str) -> int:
    return main(["import", *args, "--db", location.url])


def counts(location) -> tuple[int, int, int]:
    open_database(location)
    try:
        return Customer.select().count(), Vehicle.select().count(), Agreement.select().count()
    finally:
        close_database()


def test_three_files_come_in_with_their_kinds_guessed_from_their_names(dealer, book, capsys):
    files = [str(book.customers), str(book.vehicles), str(book.agreements)]
    assert run(dealer, *files, "--dry-run", "--as", "Marcus Manager") == 0
    assert "Every row passes" in capsys.readouterr().out
    assert counts(dealer) == (0, 0, 0)  # nothing written
    assert run(dealer, *files, "--as", "Marcus Manager") == 0
    out = capsys.readouterr().out
    assert "Imported 40 customers, 12 vehicles, 10 agreements." in out
    assert counts(dealer) == (40, 12, 10)
    open_database(dealer)
    try:
        row = JournalRow.select().order_by(JournalRow.id.desc()).get()
        assert (row.action, row.clerk_id) == ("import", 2)
    finally:
        close_database()
    assert run(dealer, *files, "--as", "Marcus Manager") == 0  # again: nothing twice
    assert "Nothing new" in capsys.readouterr().out
    assert counts(dealer) == (40, 12, 10)


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_written(dealer, tmp_path, capsys):
    bad = tmp_path / "customers.csv"
    bad.write_text("Cust #,First Name,Last Name,Cell\n"
                   "1,Rosa,Peña,(205) 555-0142\n"
                   "2,,Ruiz,205-555-01\n"
                   "3,Ana,Lopez,call me\n", encoding="utf-8")
    assert run(dealer, str(bad), "--as", "Marcus Manager") == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("row 3, First Name: ") and lines[1].startswith("row 3, Cell: ")
    assert lines[2].startswith("row 4, Cell: ") and "letters" in lines[2]
    assert "3 problems in 2 rows. Nothing was imported" in err
    assert counts(dealer) == (0, 0, 0)


def test_a_saved_map_is_used_again(dealer, tmp_path, capsys):
    odd = tmp_path / "people.csv"
    odd.write_text("Client Code;Given;Family;Mobile\n9;Rosa;Peña;(205) 555-0142\n", encoding="utf-8")
    saved = tmp_path / "map.json"
    saved.write_text(json.dumps({"kind": "customers", "columns": {
        "Client Code": "source_id", "Given": "first_name", "Family": "last_name", "Mobile": "phone"}}))
    assert run(dealer, str(odd), "--kind", "customers", "--map", str(saved), "--as", "Marcus Manager") == 0
    assert counts(dealer)[0] == 1


def test_a_clerk_is_refused_and_a_wrong_pin_is_exit_2(dealer, book, monkeypatch, capsys):
    monkeypatch.setenv("LTO_DESK_PIN", "3333")
    assert run(dealer, str(book.customers), "--as", "Carla Clerk") == 1
    assert "manager" in capsys.readouterr().err
    monkeypatch.setenv("LTO_DESK_PIN", "9999")
    assert run(dealer, str(book.customers), "--as", "Marcus Manager") == 2
    assert counts(dealer) == (0, 0, 0)


def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(dealer, tmp_path, capsys):
    assert run(dealer, str(tmp_path / "missing.csv"), "--kind", "customers", "--as", "Marcus Manager") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nothing was imported" in err
