"""`lto-desk staff` (issue 20, parts 0 and 1): the staff list from the command line,
acting as the person named by ``--as`` with the PIN from ``LTO_DESK_PIN``. The roles
apply as in the window, the journal names that person; exit 0 done, 1 refused with
nothing changed, 2 when the person could not be logged in."""

from __future__ import annotations

import io
import sys

import pytest

from lto_desk.cli import main
from lto_desk.services import clerks
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import Clerk, JournalRow


@pytest.fixture
def staffed(location, manager, clerk, monkeypatch):
    """Olivia Owner (1111), Marcus Manager (2222), Carla Clerk (3333); the database closed."""
    close_database()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    return location


def staff(location, monkeypatch, pin: str, *args: str) -> int:
    monkeypatch.setenv("LTO_DESK_PIN", pin)
    return main(["staff", *args, "--db", location.url])


def rows(location) -> dict[str, Clerk]:
    open_database(location)
    try:
        return {c.name: c for c in Clerk.select()}
    finally:
        close_database()


def last_journal(location) -> tuple[str, int]:
    open_database(location)
    try:
        row = JournalRow.select().order_by(JournalRow.id.desc()).get()
        return row.action, row.clerk_id
    finally:
        close_database()


def test_the_owner_adds_a_clerk_and_the_table_lists_everyone(staffed, monkeypatch, capsys, owner):
    assert staff(staffed, monkeypatch, "1111", "add", "Nina Newhire", "--role", "clerk", "--as", "Olivia Owner") == 0
    assert "Added Nina Newhire as a clerk. They choose their own PIN" in capsys.readouterr().out
    assert last_journal(staffed) == ("add_staff", owner.id)
    assert rows(staffed)["Nina Newhire"].pin_hash == clerks.NO_PIN
    assert staff(staffed, monkeypatch, "2222", "list", "--as", "Marcus Manager") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Name", "Role", "Status", "Added"]
    assert set(lines[1]) <= {"-", " "}
    table = {line.split("  ")[0]: line for line in lines[2:]}
    assert list(table) == ["Carla Clerk", "Marcus Manager", "Nina Newhire", "Olivia Owner"]
    assert "needs a PIN" in table["Nina Newhire"] and "Manager" in table["Marcus Manager"]
    role_at = lines[0].index("Role")  # the columns line up under their headings
    assert [line[role_at:].split("  ")[0] for line in lines[2:]] == ["Clerk", "Manager", "Clerk", "Owner"]


def test_refusals_exit_1_and_change_nothing(staffed, monkeypatch, capsys, clerk):
    before = rows(staffed)
    for pin, args, said in (
        ("3333", ("add", "Nina Newhire", "--role", "clerk", "--as", "Carla Clerk"), "Only the owner can add staff"),
        ("2222", ("reset-pin", "Olivia Owner", "--as", "Marcus Manager"), "Only the owner can reset Olivia Owner's PIN"),
        ("1111", ("deactivate", "Olivia Owner", "--as", "Olivia Owner"), "Olivia Owner is the only owner"),
        ("1111", ("role", "Olivia Owner", "--role", "manager", "--as", "Olivia Owner"), "the only owner"),
        ("1111", ("deactivate", "Nobody Here", "--as", "Olivia Owner"), "nobody named Nobody Here"),
        ("1111", ("role", "Carla Clerk", "--as", "Olivia Owner"), "say which role"),
    ):
        assert staff(staffed, monkeypatch, pin, *args) == 1, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and said in err and err.rstrip().endswith("Nothing was changed."), err
    after = rows(staffed)
    assert {n: c.__data__ for n, c in after.items()} == {n: c.__data__ for n, c in before.items()}


def test_a_person_who_cannot_log_in_exits_2(staffed, monkeypatch, capsys):
    assert staff(staffed, monkeypatch, "9999", "list", "--as", "Olivia Owner") == 2
    assert "That PIN is not right" in capsys.readouterr().err
    monkeypatch.delenv("LTO_DESK_PIN")
    assert main(["staff", "list", "--db", staffed.url, "--as", "Olivia Owner"]) == 2
    assert "LTO_DESK_PIN" in capsys.readouterr().err


def test_reset_role_deactivate_and_reactivate_each_journaled_with_who_did_it(staffed, monkeypatch, capsys, owner,
                                                                          manager, clerk):
    assert staff(staffed, monkeypatch, "2222", "reset-pin", "carla clerk", "--as", "Marcus Manager") == 0
    assert "Carla Clerk's PIN is reset" in capsys.readouterr().out
    assert last_journal(staffed) == ("reset_pin", manager.id)
    assert staff(staffed, monkeypatch, "3333", "list", "--as", "Carla Clerk") == 2  # the old PIN no longer works
    assert "has no PIN yet" in capsys.readouterr().err
    assert staff(staffed, monkeypatch, "1111", "role", "Marcus Manager", "--role", "owner", "--as", "Olivia Owner") == 0
    assert last_journal(staffed) == ("change_role", owner.id)
    assert staff(staffed, monkeypatch, "2222", "deactivate", "Olivia Owner", "--as", "Marcus Manager") == 0
    assert last_journal(staffed) == ("deactivate_staff", manager.id)
    assert staff(staffed, monkeypatch, "1111", "list", "--as", "Olivia Owner") == 2
    assert "Olivia Owner's login is turned off" in capsys.readouterr().err
    assert staff(staffed, monkeypatch, "2222", "reactivate", "Olivia Owner", "--as", "Marcus Manager") == 0
    assert staff(staffed, monkeypatch, "1111", "list", "--as", "Olivia Owner") == 0
    out = capsys.readouterr().out
    assert "Olivia Owner can log in again." in out and "Marcus Manager  Owner" in out
