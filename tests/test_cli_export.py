"""`lto-desk export --to FOLDER --as NAME` (issue 20, part 3): the owner's export of all
the data from the command line, acting as the person named with the PIN from
``LTO_DESK_PIN``; exit 0 written, 1 refused with nothing written, 2 when the person
could not be logged in."""

from __future__ import annotations

import io
import sys

import pytest

from lto_desk.cli import main
from lto_desk.services import customers
from lto_desk.store.database import close_database


@pytest.fixture
def book(location, manager, owner, monkeypatch, tmp_path):
    """Olivia Owner (1111), Marcus Manager (2222), one customer; the database closed."""
    customers.add_customer(owner, customers.NewCustomer("María", "García", phone="(205) 555-0142"))
    close_database()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    (tmp_path / "out").mkdir()
    return location


def export(location, monkeypatch, pin: str, *args: str) -> int:
    monkeypatch.setenv("LTO_DESK_PIN", pin)
    return main(["export", *args, "--db", location.url])


def test_the_owner_exports_and_is_told_where_and_how_much(book, monkeypatch, capsys, tmp_path):
    out = tmp_path / "out"
    assert export(book, monkeypatch, "1111", "--to", str(out), "--as", "Olivia Owner") == 0
    said = capsys.readouterr().out
    (folder,) = out.iterdir()
    assert folder.name.startswith("LTO Desk export ")
    assert f"Exported to {folder}" in said and "1 customer, 0 vehicles, 0 running agreements" in said
    assert "María" in (folder / "customers.csv").read_text(encoding="utf-8-sig")
    assert (folder / "README.txt").exists() and (folder / "tables" / "journal.csv").exists()


def test_a_manager_is_refused_and_nothing_is_written(book, monkeypatch, capsys, tmp_path):
    out = tmp_path / "out"
    assert export(book, monkeypatch, "2222", "--to", str(out), "--as", "Marcus Manager") == 1
    assert "Only the owner can export" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_a_folder_that_is_not_there_is_refused(book, monkeypatch, capsys, tmp_path):
    assert export(book, monkeypatch, "1111", "--to", str(tmp_path / "nowhere"), "--as", "Olivia Owner") == 1
    assert "There is no folder" in capsys.readouterr().err


def test_a_wrong_pin_does_not_log_in(book, monkeypatch, capsys, tmp_path):
    out = tmp_path / "out"
    assert export(book, monkeypatch, "9999", "--to", str(out), "--as", "Olivia Owner") == 2
    assert list(out.iterdir()) == []
