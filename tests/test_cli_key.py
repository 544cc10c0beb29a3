"""`lto-desk key` and the anchors `lto-desk verify` writes and checks, as a person runs them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import TEST_KEY
from lto_desk.cli import main
from lto_desk.services import payments
from lto_desk.store import anchors
from lto_desk.store.database import close_database, open_database


def run(*args: str, key: bool = True, stdin: str = "", pin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if not key:
        env.pop("LTO_DESK_KEY")  # a computer that does not hold the books' key, and has no keyring
    if pin is not None:
        env["LTO_DESK_PIN"] = pin
    return subprocess.run([sys.executable, "-m", "lto_desk.cli", *args], capture_output=True, text=True,
                          input=stdin, env=env, timeout=120)


def test_verify_seals_what_it_found_whole_and_a_later_cut_shows(location, clerk, agreement, capsys, tmp_path):
    payments.take_payment(clerk, agreement, 76_93, at=dt.datetime(2025, 1, 13, 10))
    close_database()
    before = tmp_path / "before.sqlite3"
    shutil.copyfile(location.path, before)
    open_database(location)
    payments.take_payment(clerk, agreement, 76_93, at=dt.datetime(2025, 1, 20, 10))
    close_database()

    assert main(["verify", "--db", location.url]) == 0
    out = capsys.readouterr().out
    assert "anchors (Z reports, backups, checks) agree" in out and "Sealed: journal row" in out
    [anchor] = [a for a in anchors.read_lines(anchors.anchors_path()) if a.kind == "verify"]

    shutil.copyfile(before, location.path)  # the books wound back to before the second payment
    assert main(["verify", "--db", location.url]) == 1
    out = capsys.readouterr().out
    assert f"the check (verify) of {anchor.day} sealed journal row {anchor.row:,}" in out
    assert "rows were cut off the end of the books" in out


def test_key_without_the_key_on_this_computer(location, owner):
    close_database()
    status = run("key", "--db", location.url, key=False)
    assert status.returncode == 0 and "does not hold the books' key" in status.stdout
    verify = run("verify", "--db", location.url, key=False)
    assert verify.returncode == 1 and "Type the key from the recovery sheet (lto-desk key enter)" in verify.stdout

    wrong = run("key", "enter", "--db", location.url, key=False, stdin="0000-" * 15 + "0000\n")
    assert wrong.returncode == 1 and "is not the key of these books" in wrong.stderr
    right = run("key", "enter", "--db", location.url, key=False, stdin=TEST_KEY.lower() + "\n")
    assert right.returncode == 0 and "The key is right" in right.stdout and "For scripts, set LTO_DESK_KEY" in right.stdout


def test_the_owner_prints_the_sheet_from_the_command_line(location, owner, clerk):
    close_database()
    refused = run("key", "sheet", "--db", location.url, "--as", "Carla Clerk", pin="3333")
    assert refused.returncode == 2 and "Only the owner" in refused.stderr
    no_pin = run("key", "sheet", "--db", location.url, "--as", "Olivia Owner")
    assert no_pin.returncode == 2 and "LTO_DESK_PIN" in no_pin.stderr
    made = run("key", "sheet", "--db", location.url, "--as", "Olivia Owner", pin="1111")
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.split("saved at ")[1].split(". Print")[0])
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "7E57 7E57 7E57 7E57" in text
    held = run("key", "new", "--db", location.url, "--as", "Olivia Owner", "--yes", pin="1111")
    assert held.returncode == 2 and "nothing to replace" in held.stderr
