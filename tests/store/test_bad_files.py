"""Bad database files and a hostile disk: each gets a clear message with the next
step, and the file is left byte for byte as it was; a full disk loses no payment."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import io
import os
import pickle
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from lto_desk.cli import main
from lto_desk.domain.errors import LtoError, StorageError
from lto_desk.services import payments, saved_pages
from lto_desk.store import file_check
from lto_desk.store import migrations
from lto_desk.store.database import close_database, open_database, startup_check
from lto_desk.store.file_check import CannotOpen, quick_check
from lto_desk.store.models import Counter, JournalRow, LedgerEntry
from lto_desk.store.paths import Location, resolve_location

NOBODY = 65534
PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(argv: list[str]) -> tuple[int, str]:
    """``lto-desk ARGV``: its exit code and what it wrote to stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def assert_one_clear_line(err: str, *words: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lto-desk: "), err
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.fixture
def good_file(location, clerk, agreement):
    """A real counter database with 12 weeks of payments, closed (all in the file)."""
    for week in range(12):
        payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10) + dt.timedelta(weeks=week))
    close_database()
    assert not Path(f"{location.path}-wal").exists()
    return location.path


# -- files that are not a sound LTO Desk database -------------------------------------

def corrupt_middle_page(path: Path, good: Path) -> None:
    """Flip the header of a table page in the middle: the tables' list and the schema
    version still read, so only the integrity check finds it."""
    original = good.read_bytes()
    pages = len(original) // PAGE
    for leaf in (p for p in range(pages // 2, pages) if original[p * PAGE] == 0x0D):  # a table's leaf page
        data = bytearray(original)
        for i in range(leaf * PAGE, leaf * PAGE + 8):
            data[i] ^= 0xFF
        path.write_bytes(bytes(data))
        try:  # not one of the pages the list of tables or the schema version is read from
            with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as con:
                con.execute("SELECT version FROM schema_info").fetchone()
            return
        except sqlite3.DatabaseError:
            continue
    raise AssertionError("no table page in the second half of the file to damage")


def truncated(path: Path, good: Path) -> None:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // PAGE // 2 * PAGE])  # a copy cut off halfway


def random_bytes(path: Path, good: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(64 * 1024))


def text_file(path: Path, good: Path) -> None:
    path.write_text("Dear customer, this is a letter, not a database.\n" * 80, encoding="utf-8")


def empty_file(path: Path, good: Path) -> None:
    path.write_bytes(b"")


def another_programs_database(path: Path, good: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE songs (title TEXT)")
        con.execute("INSERT INTO songs VALUES ('Sweet Home Alabama')")
        con.commit()


def newer_schema(path: Path, good: Path) -> None:
    shutil.copyfile(good, path)
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("UPDATE schema_info SET version = ?", (migrations.LATEST + 1,))
        con.commit()
    Path(f"{path}-wal").unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)


BAD_FILES = [
    pytest.param(corrupt_middle_page, ("is damaged",), "Restore the latest backup", id="corrupt-page"),
    pytest.param(truncated, ("is damaged",), "Restore the latest backup", id="truncated"),
    pytest.param(random_bytes, ("damaged or is not an LTO Desk database",), "Restore the latest backup",
                 id="random-bytes"),
    pytest.param(text_file, ("damaged or is not an LTO Desk database",), "choose another file", id="text-file"),
    pytest.param(empty_file, ("is empty (0 bytes)",), "restore the latest backup", id="empty-file"),
    pytest.param(another_programs_database, ("another program",), "Choose the LTO Desk database file",
                 id="other-program"),
    pytest.param(newer_schema, ("newer LTO Desk", f"knows up to {migrations.LATEST}"), "install the newer",
                 id="newer-schema"),
]


@pytest.fixture
def bad(request, tmp_path):
    """Make the bad file (a real database with data first, for the cases that start from one)."""
    maker = request.param
    good = request.getfixturevalue("good_file") if maker in (corrupt_middle_page, truncated, newer_schema) else None
    path = tmp_path / "bad" / "counter.sqlite3"
    path.parent.mkdir()
    maker(path, good)
    return path


@pytest.mark.parametrize(("bad", "words", "next_step"), BAD_FILES, indirect=["bad"])
def test_a_bad_file_is_refused_with_the_next_step_and_left_as_it_was(bad, words, next_step):
    before = digest(bad)
    with pytest.raises(CannotOpen) as refused:
        open_database(resolve_location(str(bad)), check=True)
    for word in words:
        assert word in refused.value.problem
    assert next_step in refused.value.next_step
    assert "not been changed" in refused.value.message
    assert digest(bad) == before
    with pytest.raises(CannotOpen) as again:  # the start-up check alone says the same, and writes nothing
        startup_check(resolve_location(str(bad)))
    assert again.value.message == refused.value.message
    assert digest(bad) == before


@pytest.mark.parametrize(("bad", "words", "next_step"), BAD_FILES, indirect=["bad"])
def test_lto_desk_commands_on_a_bad_file_print_one_line_and_exit_2(bad, words, next_step):
    before = digest(bad)
    for command in (["verify"], ["where"]):
        code, err = cli([*command, "--db", str(bad)])
        assert code == 2, (command, err)
        assert_one_clear_line(err, *words, next_step)
    assert digest(bad) == before


def test_damage_in_the_middle_is_found_only_by_the_integrity_check(tmp_path, good_file):
    path = tmp_path / "damaged.sqlite3"
    corrupt_middle_page(path, good_file)
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as con:
        assert con.execute("SELECT version FROM schema_info").fetchone() == (migrations.LATEST,)
    assert "is damaged" in quick_check(path)
    assert quick_check(good_file) is None


def test_a_folder_in_place_of_the_file_is_refused(tmp_path):
    (tmp_path / "counter.sqlite3").mkdir()
    with pytest.raises(CannotOpen, match="is a folder, not a database file"):
        open_database(resolve_location(str(tmp_path / "counter.sqlite3")), check=True)


# -- a missing folder ------------------------------------------------------------------

@pytest.mark.parametrize("how", ["--db", "LTO_DESK_DB"])
def test_a_chosen_file_in_a_missing_folder_is_not_made_anew(tmp_path, monkeypatch, how):
    """A USB stick not plugged in: no new, empty database may take the real one's place."""
    path = tmp_path / "usb-stick" / "counter.sqlite3"
    if how == "LTO_DESK_DB":
        monkeypatch.setenv("LTO_DESK_DB", str(path))
    argv = ["--db", str(path)] if how == "--db" else []
    with pytest.raises(CannotOpen) as refused:
        open_database(resolve_location(*argv[1:]), check=True)
    assert "does not exist" in refused.value.problem and "plug it in" in refused.value.next_step
    assert refused.value.unchanged == "Nothing was created."
    code, err = cli(["verify", *argv])
    assert code == 2 and "Traceback" not in err
    assert not path.parent.exists()


def test_the_default_data_folder_is_made_for_the_owner_only(_isolated_home):
    location = resolve_location()
    assert not location.chosen and not _isolated_home.exists()
    open_database(location, check=True)
    try:
        assert stat.S_IMODE(_isolated_home.stat().st_mode) == 0o700
        assert location.path.exists()
    finally:
        close_database()


# -- file modes ---------------------------------------------------------------------------

def test_a_new_database_and_its_companions_are_the_owners_only(location, owner):
    """The file is 0o600 from its first byte; SQLite gives its -wal and -shm the same mode."""
    path = location.path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        assert companion.exists() and stat.S_IMODE(companion.stat().st_mode) == 0o600, suffix
    assert not list(path.parent.glob(".counter.sqlite3.new-*"))  # no half-made database left behind


def test_the_printed_pages_folders_are_the_owners_only(tmp_path):
    location = Location(str(tmp_path / "counter.sqlite3"), tmp_path / "files")
    for kind in ("receipts", "letters", "reports", "backups"):
        folder = location.folder(kind)
        assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(location.files_dir.stat().st_mode) == 0o700


# -- permissions, for real (root ignores them, so a child process gives them up) ---------

@pytest.fixture
def shared_dir():
    """A folder another user can reach (pytest's temp folders are the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="lto-desk-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)  # so an unprivileged run can remove it too
    shutil.rmtree(folder)


def hand_over(path: Path, mode: int) -> None:
    """Give ``path`` to the unprivileged user the child runs as (when we are root)."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    path.chmod(mode)


def as_someone_else(fn, *args):
    """Run ``fn(*args)`` in a child process that is not root: ("ok", result),
    ("refused", message) for an LtoError, or ("crashed", repr) for anything else."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            try:
                result = ("ok", fn(*args))
            except LtoError as exc:
                result = ("refused", exc.message)
            except BaseException as exc:
                result = ("crashed", repr(exc))
            with os.fdopen(write, "wb") as out:
                pickle.dump(result, out)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as incoming:
        data = incoming.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


def _open_and_close(path: str):
    open_database(resolve_location(path), check=True)
    close_database()
    return "opened"


def read_only_file(folder: Path, path: Path) -> None:
    hand_over(folder, 0o755)
    hand_over(path, 0o444)


def read_only_folder(folder: Path, path: Path) -> None:
    hand_over(path, 0o644)
    hand_over(folder, 0o555)


def wal_left_by_another_user(folder: Path, path: Path) -> None:
    """Someone ran LTO Desk once as another user: its -wal file is not ours to write."""
    hand_over(folder, 0o755)
    hand_over(path, 0o644)
    wal = Path(f"{path}-wal")
    wal.write_bytes(b"")
    wal.chmod(0o444 if os.geteuid() != 0 else 0o644)  # root's own file: closed to the child


@pytest.mark.parametrize(
    ("make", "words"),
    [
        pytest.param(read_only_file, "The database file", id="read-only-file"),
        pytest.param(read_only_folder, "The folder", id="read-only-folder"),
        pytest.param(wal_left_by_another_user, "-wal beside the database", id="wal-of-another-user"),
    ],
)
def test_read_only_is_said_before_anything_is_written(shared_dir, good_file, make, words):
    folder = shared_dir / "data"
    folder.mkdir()
    path = folder / "counter.sqlite3"
    shutil.copyfile(good_file, path)
    make(folder, path)
    before = digest(path)
    outcome, message = as_someone_else(_open_and_close, str(path))
    assert outcome == "refused", message
    assert words in message and "read-only" in message and "permission" in message
    assert digest(path) == before
    outcome, (code, err) = as_someone_else(cli, ["verify", "--db", str(path)])
    assert outcome == "ok" and code == 2
    assert_one_clear_line(err, "read-only")
    assert digest(path) == before


def test_the_same_file_opens_for_its_owner(shared_dir, good_file):
    """The permission checks refuse only what is really closed."""
    path = shared_dir / "counter.sqlite3"
    shutil.copyfile(good_file, path)
    hand_over(shared_dir, 0o755)
    hand_over(path, 0o600)
    assert as_someone_else(_open_and_close, str(path)) == ("ok", "opened")


# -- a file another program keeps locked ----------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "wal-exclusive":
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE schema_info SET version = version")
        con.execute("COMMIT")
    else:
        con.execute("BEGIN EXCLUSIVE")
    print("holding", flush=True)
    sys.stdin.read()
    """
)


@pytest.mark.parametrize("how", ["wal-exclusive", "rollback-exclusive"])
def test_a_file_locked_by_another_program_says_close_it(tmp_path, good_file, monkeypatch, how):
    path = tmp_path / "locked.sqlite3"
    shutil.copyfile(good_file, path)
    if how == "rollback-exclusive":
        with contextlib.closing(sqlite3.connect(path)) as con:
            con.execute("PRAGMA journal_mode = delete")
    monkeypatch.setattr(file_check, "BUSY_TIMEOUT_MS", 500)  # the wait is the busy timeout; keep the test short
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), how], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        before = digest(path)
        with pytest.raises(CannotOpen) as refused:
            open_database(resolve_location(str(path)), check=True)
        assert "Another program is using the database file" in refused.value.problem
        assert "Close that program" in refused.value.next_step and "then try again" in refused.value.next_step
        code, err = cli(["verify", "--db", str(path)])
        assert code == 2
        assert_one_clear_line(err, "Another program is using")
        assert digest(path) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


# -- a full disk ------------------------------------------------------------------------------

def _counts() -> tuple[int, int, int]:
    receipt = Counter.get(Counter.name == "receipt").value
    return LedgerEntry.select().count(), receipt, JournalRow.select().count()


def test_a_full_disk_refuses_the_payment_whole_and_the_next_takes_the_next_number(database, clerk, agreement):
    """The disk fills up during the day (SQLite's page limit stands in for it)."""
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")
    taken, failure = [], None
    for week in range(40):  # the free room left in the pages fills up within a few payments
        before = _counts()
        try:
            result = payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10) +
                                           dt.timedelta(weeks=week))
        except StorageError as exc:
            failure = exc
            break
        taken.append(result.receipt_number)
    assert failure is not None, "the page limit never filled"
    assert failure.message.startswith("The disk is full") and "nothing was saved" in failure.message
    assert _counts() == before  # no ledger row, no receipt number used, no journal row
    database.execute_sql("PRAGMA max_page_count = 1073741823")  # space is freed
    after = payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2026, 1, 5, 10))
    numbers = [*taken, after.receipt_number]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # no gap
    assert after.receipt_number == before[1] + 1


def test_a_receipt_pdf_on_a_full_disk_is_a_plain_os_error_and_leaves_no_part_file(tmp_path, monkeypatch):
    """The window says "its PDF could not be saved (No space left on device)"; here:
    the write fails with ENOSPC (writing to /dev/full) and no half-written file stays."""
    real_mkstemp = tempfile.mkstemp

    def onto_a_full_disk(**kwargs):
        fd, name = real_mkstemp(**kwargs)
        os.close(fd)
        return os.open("/dev/full", os.O_WRONLY), name

    monkeypatch.setattr(saved_pages.tempfile, "mkstemp", onto_a_full_disk)
    target = tmp_path / "receipts" / "receipt-000002.pdf"
    with pytest.raises(OSError) as failed:
        saved_pages.write_atomically(target, b"%PDF-1.4 " * 2000)
    assert failed.value.errno == errno.ENOSPC and failed.value.strerror == "No space left on device"
    assert list(target.parent.iterdir()) == []
