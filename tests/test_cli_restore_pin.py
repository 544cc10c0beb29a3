"""`lto-desk restore FILE` asks for an owner's name and PIN before it replaces anything,
with --yes too (issue 19, finding 9): at a terminal it prompts (the PIN unseen); a
script gives ``--as NAME`` and the PIN in ``LTO_DESK_PIN``. A clerk's or a manager's
PIN, a wrong PIN, or no PIN at all leaves the database as it was; wrong PINs count
toward the lockout like any other log-in."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from lto_desk.cli import main
from lto_desk.services import payments
from lto_desk.store.backup import check_backup_file, list_backups, make_backup
from lto_desk.store.database import close_database
from lto_desk.store.paths import resolve_location

AT = dt.datetime(2026, 11, 23, 18, 15, 2)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _payments_in(path) -> int:
    return check_backup_file(Path(path)).payments


def _replaced_copies(location) -> list:
    return [b for b in list_backups(resolve_location(location.url), include_replaced=True) if b.kind == "replaced"]


@pytest.fixture
def backed_up(location, manager, clerk, agreement):
    """One payment in a backup, one more after it; the database closed. The owner is
    Olivia Owner (PIN 1111), the manager Marcus Manager (2222), the clerk Carla Clerk (3333)."""
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10))
    backup = make_backup(resolve_location(location.url), at=AT)
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 20, 10))
    close_database()
    return backup.path


def test_with_yes_a_script_still_needs_an_owners_name_and_pin(location, backed_up, capsys, monkeypatch):
    live = _digest(location.url)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    assert main(["restore", "--db", location.url, str(backed_up), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "needs an owner's name and PIN" in err and "--as NAME" in err and "LTO_DESK_PIN" in err
    assert err.rstrip().endswith("Nothing was changed.")
    assert _digest(location.url) == live
    for name, pin, said in (("Carla Clerk", "3333", "Only the owner can restore a backup"),
                            ("Marcus Manager", "2222", "Only the owner can restore a backup"),
                            ("Olivia Owner", "9999", "That PIN is not right")):
        monkeypatch.setenv("LTO_DESK_PIN", pin)
        assert main(["restore", "--db", location.url, str(backed_up), "--yes", "--as", name]) == 2
        err = capsys.readouterr().err
        assert said in err and "Nothing was changed." in err, err
        assert _payments_in(location.url) == 3  # not replaced (a wrong PIN is counted in it, no more)
    assert not _replaced_copies(location)
    monkeypatch.setenv("LTO_DESK_PIN", "1111")
    assert main(["restore", "--db", location.url, str(backed_up), "--yes", "--as", "Olivia Owner"]) == 0
    assert "Restored:" in capsys.readouterr().out
    assert _payments_in(location.url) == 2 and len(_replaced_copies(location)) == 1
    assert main(["verify", "--db", location.url]) == 0


def test_at_a_terminal_it_asks_the_name_and_the_pin_unseen(location, backed_up, capsys, monkeypatch):
    live = _digest(location.url)
    asked: list[str] = []

    def typed_pin(prompt: str = "") -> str:
        asked.append(prompt)
        return "3333"

    monkeypatch.setattr(getpass, "getpass", typed_pin)
    monkeypatch.setattr(sys, "stdin", _Terminal("Carla Clerk\n"))
    assert main(["restore", "--db", location.url, str(backed_up), "--yes"]) == 2
    out, err = capsys.readouterr()
    assert "Owner's name: " in out and asked == ["Carla Clerk's PIN: "]
    assert "Only the owner can restore a backup" in err and _digest(location.url) == live

    monkeypatch.setattr(getpass, "getpass", lambda prompt="": "1111")
    monkeypatch.setattr(sys, "stdin", _Terminal("Olivia Owner\nYES\n"))
    assert main(["restore", "--db", location.url, str(backed_up)]) == 0
    out = capsys.readouterr().out
    assert out.index("Owner's name: ") < out.index("Type YES to replace")  # the PIN first, then the question
    assert _payments_in(location.url) == 2


def test_wrong_pins_at_restore_count_toward_the_lockout(location, backed_up, capsys, monkeypatch):
    monkeypatch.setenv("LTO_DESK_PIN", "0000")
    for _ in range(5):
        assert main(["restore", "--db", location.url, str(backed_up), "--yes", "--as", "Olivia Owner"]) == 2
    monkeypatch.setenv("LTO_DESK_PIN", "1111")
    assert main(["restore", "--db", location.url, str(backed_up), "--yes", "--as", "Olivia Owner"]) == 2
    assert "Too many wrong PINs for Olivia Owner" in capsys.readouterr().err


def test_the_installed_command_refuses_without_the_pin(location, backed_up):
    live = _digest(location.url)
    proc = subprocess.run(
        [sys.executable, "-m", "lto_desk.cli", "restore", "--db", location.url, str(backed_up), "--yes"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "needs an owner's name and PIN" in proc.stderr
    assert _digest(location.url) == live
