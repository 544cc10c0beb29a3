"""Files and folders: a link to nowhere is refused and nothing is made at its end; a
refused file gets no -wal or -shm left beside it; every folder LTO Desk makes is its
owner's only (0o700), its missing parents included."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from test_bad_files import corrupt_middle_page, newer_schema, truncated

from lto_desk import log
from lto_desk.cli import main
from lto_desk.services import payments
from lto_desk.store import database as database_module
from lto_desk.store import migrations
from lto_desk.store.database import close_database, open_database, startup_check
from lto_desk.store.file_check import CannotOpen
from lto_desk.store.models import LedgerEntry
from lto_desk.store.paths import Location, resolve_location


def cli(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue()


def everything_under(folder: Path) -> dict[str, str]:
    """Each file and link under ``folder`` (a link as where it points), each file's digest."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "folder"
    return found


# -- a link to nowhere -------------------------------------------------------------------

@pytest.mark.parametrize("target_folder", ["there", "missing"], ids=["target-folder-there", "target-folder-missing"])
def test_a_link_to_nowhere_is_refused_and_nothing_is_made_at_its_end(tmp_path, target_folder):
    """``--db`` names a link whose database was moved or whose USB stick is out: a new,
    empty database made at the link's end would stand in for the real one."""
    (tmp_path / "there").mkdir()
    target = tmp_path / target_folder / "counter.sqlite3"
    link = tmp_path / "desk" / "counter.sqlite3"
    link.parent.mkdir()
    link.symlink_to(target)
    before = {name: everything_under(tmp_path / name) for name in ("there", "desk")}

    with pytest.raises(CannotOpen) as refused:
        open_database(resolve_location(str(link)), check=True)
    assert str(link) in refused.value.problem and str(target) in refused.value.problem
    assert "no file there" in refused.value.problem
    assert refused.value.unchanged == "Nothing was created."
    assert refused.value.next_step
    with pytest.raises(CannotOpen) as again:
        startup_check(resolve_location(str(link)))
    assert again.value.message == refused.value.message
    code, err = cli(["where", "--db", str(link)])
    assert code == 2 and err.startswith("lto-desk: ") and "no file there" in err and "Traceback" not in err
    assert {name: everything_under(tmp_path / name) for name in ("there", "desk")} == before
    assert not (tmp_path / "missing").exists()

    # The same link to a real database opens it: the link is the person's own choice.
    real = tmp_path / "there" / "real.sqlite3"
    open_database(Location(str(real), tmp_path / "files"))
    close_database()
    linked = tmp_path / "desk" / "linked.sqlite3"
    linked.symlink_to(real)
    open_database(Location(str(linked), tmp_path / "files", chosen=True), check=True)
    close_database()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_link_to_nowhere_put_down_while_the_new_database_is_built_is_refused(tmp_path, monkeypatch):
    """Another program lays the link after the checks said "new": the database built aside
    is not moved over it, and nothing is made at the link's end."""
    path = tmp_path / "counter.sqlite3"
    target = tmp_path / "elsewhere.sqlite3"
    real_check = database_module.check_sqlite_file

    def check_then_link(*args, **kwargs):
        answer = real_check(*args, **kwargs)
        path.symlink_to(target)
        return answer

    monkeypatch.setattr(database_module, "check_sqlite_file", check_then_link)
    with pytest.raises(CannotOpen, match="no file there"):
        open_database(Location(str(path), tmp_path / "files"))
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter.sqlite3"]  # the link only; no half-made file


# -- no litter beside a refused file ---------------------------------------------------------

@pytest.fixture
def wal_database(location, clerk, agreement):
    """A real counter database in WAL mode (as LTO Desk keeps it), closed: no -wal, no -shm."""
    for week in range(12):
        payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10) + dt.timedelta(weeks=week))
    assert LedgerEntry.select().count() > 12
    close_database()
    path = location.path
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert path.read_bytes()[18:20] == b"\x02\x02"  # WAL mode
    return path


def another_programs(path: Path, good: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA journal_mode = wal")
        con.execute("CREATE TABLE songs (title TEXT)")
        con.execute("INSERT INTO songs VALUES ('Sweet Home Alabama')")
        con.commit()


def old_and_damaged(path: Path, good: Path) -> None:
    """Ours, an older schema (opening it would migrate), damaged in the middle."""
    corrupt_middle_page(path, good)
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)) as con:
        con.execute("UPDATE schema_info SET version = ?", (migrations.LATEST - 1,))
        con.commit()


@pytest.mark.parametrize("make", [newer_schema, another_programs, corrupt_middle_page, truncated, old_and_damaged],
                         ids=["newer", "another-program", "damaged", "cut-off", "older-and-damaged"])
def test_a_refused_file_in_wal_mode_gets_no_wal_or_shm_beside_it(tmp_path, wal_database, make):
    path = tmp_path / "refused" / "counter.sqlite3"
    path.parent.mkdir()
    make(path, wal_database)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert path.read_bytes()[18:20] == b"\x02\x02"  # still a WAL-mode file
    before = everything_under(path.parent)

    with pytest.raises(CannotOpen):
        open_database(resolve_location(str(path)), check=True)
    assert everything_under(path.parent) == before
    with pytest.raises(CannotOpen):
        startup_check(resolve_location(str(path)))
    assert everything_under(path.parent) == before
    code, err = cli(["verify", "--db", str(path)])
    assert code == 2 and "Traceback" not in err
    assert everything_under(path.parent) == before


# -- every folder made is the owner's only -------------------------------------------------------

def folders_not_private(top: Path) -> dict[str, str]:
    return {
        str(path.relative_to(top)): oct(stat.S_IMODE(path.stat().st_mode))
        for path in [top, *top.rglob("*")] if path.is_dir() and stat.S_IMODE(path.stat().st_mode) != 0o700
    }


def test_the_demo_makes_its_data_folder_and_every_parent_for_the_owner_only(tmp_path, monkeypatch):
    """``lto-desk --demo`` on a first run (its log started, then its database made): the
    data folder and the demo's, the log's folder and any missing parent above them, all
    made 0o700 with the usual umask of 022; so are the printed pages' folders."""
    top = tmp_path / "profile"
    shared = top / "shared"  # a folder the person made and opened to others stays as they set it
    shared.mkdir(parents=True)
    shared.chmod(0o755)
    top.chmod(0o700)
    monkeypatch.setenv("LTO_DESK_HOME", str(top / "share" / "lto-desk"))
    old = os.umask(0o022)
    try:
        demo = resolve_location(demo=True)
        log.start_log(demo.files_dir, chosen=demo.chosen)
        open_database(demo)
        close_database()
        Location(str(top / "counter.sqlite3"), top / "elsewhere" / "files").folder("receipts")
        log.start_log(top / "logs-home" / "desk")
        reports = Location(str(shared / "counter.sqlite3"), shared).folder("reports")
    finally:
        log.stop_log()
        os.umask(old)
    assert demo.path == top / "share" / "lto-desk" / "demo" / "lto-desk-demo.sqlite3" and demo.path.is_file()
    assert (top / "share" / "lto-desk" / "demo" / "logs").is_dir() and (top / "logs-home" / "desk" / "logs").is_dir()
    assert (top / "elsewhere" / "files" / "receipts").is_dir()
    assert stat.S_IMODE(reports.stat().st_mode) == 0o700
    assert folders_not_private(top) == {"shared": "0o755"}

