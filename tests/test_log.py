"""The log file: where it is, that it rotates, and that no PIN, card number or Social
Security number reaches it, in a message or in a traceback."""

from __future__ import annotations

import errno
import logging

import pytest

from lto_desk.cli import main
from lto_desk.log import LOG_FOLDER, LOG_NAME, log_file, masked, start_log, stop_log
from lto_desk.store.database import close_database

_log = logging.getLogger("lto_desk.test")


@pytest.fixture
def log_path(tmp_path):
    path = start_log(tmp_path / "files")
    yield path
    stop_log()


def written(path) -> str:
    for handler in logging.getLogger("lto_desk").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "message, kept, gone",
    [
        ("Card 4111 1111 1111 1111 declined", "Card [card number] declined", "1111 1111"),
        ("card=4111111111111111 for María", "card=[card number] for María", "4111111111111111"),
        ("Amex 3782-822463-10005 taken", "Amex [card number] taken", "822463"),
        ("SSN 123-45-6789 typed in a note", "SSN [SSN] typed in a note", "6789"),
        ("social security 123 45 6789", "social security [SSN]", "45 6789"),
        ("ssn: 123456789 on file", "ssn: [SSN] on file", "123456789"),
        ("Wrong PIN 4821 for Carla Clerk", "Wrong PIN **** for Carla Clerk", "4821"),
        ("pin=4821", "pin=****", "4821"),
        ("check_pin(name='Carla', manager_pin='2222')", "manager_pin='****')", "2222"),
        ("PINs typed: 9876", "PINs typed: ****", "9876"),
    ],
)
def test_a_pin_a_card_number_and_an_ssn_come_out_masked(log_path, message, kept, gone):
    _log.warning(message)
    text = written(log_path)
    assert kept in text and gone not in text


@pytest.mark.parametrize(
    "message",
    [
        "Receipt 000123 printed for $95.00 on 2025-01-06",  # dates, receipts and money stay
        "Opened Database: /home/carla/lto-desk.sqlite3",
        "The note was pinned by Marcus at 10:30; spinning 3 reports",  # "pinned" is not a PIN
        "VIN 1HGCM82633A004352, phone (205) 555-0142",
    ],
)
def test_other_numbers_stay_as_they_were(log_path, message):
    _log.info(message)
    assert message in written(log_path)


def test_arguments_are_masked_once_put_in_the_message(log_path):
    _log.info("Payment by %s with PIN %s", "4111-1111-1111-1111", 4821)
    text = written(log_path)
    assert "Payment by [card number] with PIN ****" in text and "4821" not in text


def test_a_traceback_is_masked_too(log_path):
    try:
        raise ValueError("cannot read 4111 1111 1111 1111 (SSN 123-45-6789, pin 4821)")
    except ValueError:
        _log.exception("Unexpected error")
    text = written(log_path)
    assert "Traceback (most recent call last)" in text
    assert "ValueError: cannot read [card number] (SSN [SSN], pin ****)" in text
    assert "1111 1111" not in text and "6789" not in text and "4821" not in text


def test_the_file_rotates_keeping_a_few_backups(tmp_path):
    path = start_log(tmp_path, max_bytes=2_000, backups=3)
    try:
        for n in range(200):
            _log.info("Payment %03d posted for María García, $95.00", n)
    finally:
        stop_log()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2", f"{LOG_NAME}.3"]
    assert all(p.stat().st_size <= 2_000 for p in path.parent.iterdir())
    assert "Payment 199 posted" in path.read_text(encoding="utf-8")


def test_the_log_is_in_the_data_folder_and_names_the_start_and_the_database(location, clerk, _isolated_home):
    close_database()
    _isolated_home.mkdir()  # the data folder in use (a folder named with --db is not made)
    assert main(["verify", "--db", location.url]) == 0
    assert log_file() is None  # closed when the command ends
    text = (_isolated_home / LOG_FOLDER / LOG_NAME).read_text(encoding="utf-8")
    assert "LTO Desk 0.1.0 started: verify, Database: " in text
    assert f"Opened Database: {location.url}" in text


def test_where_writes_nothing_not_even_the_log(_isolated_home, capsys):
    assert main(["where"]) == 0
    assert not (_isolated_home / LOG_FOLDER).exists()


def test_no_folder_is_made_for_the_log_of_a_file_on_a_stick_that_is_not_there(tmp_path):
    stick = tmp_path / "stick"
    assert start_log(stick, chosen=True) is None
    assert not stick.exists() and log_file() is None


def test_a_data_folder_this_user_may_not_reach_means_no_log_and_nothing_made(tmp_path):
    """Another user's data folder: is_dir() raises EACCES there (it says False only for a
    missing one); the log is left out and the command goes on (as root, chmod cannot
    close a folder, so the refusal is played by the path)."""

    class Unreachable(type(tmp_path)):
        def is_dir(self):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))

    home = Unreachable(tmp_path / "home")
    for chosen in (True, False):
        assert start_log(home, chosen=chosen) is None
    assert not (tmp_path / "home").exists() and log_file() is None


def test_a_log_that_cannot_be_written_says_nothing_and_stops_nothing(tmp_path, capsys):
    path = start_log(tmp_path)

    class FullDisk:
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            self.write("")

        def close(self):
            self.write("")

    (handler,) = (h for h in logging.getLogger("lto_desk").handlers if getattr(h, "baseFilename", None))
    handler.stream = FullDisk()
    _log.info("Payment 001 posted")
    _log.exception("Unexpected error")
    stop_log()
    assert capsys.readouterr().err == "" and log_file() is None
    assert "Payment 001" not in path.read_text(encoding="utf-8")


def test_verify_says_the_same_when_the_log_cannot_be_written(location, clerk, _isolated_home, capsys):
    close_database()
    _isolated_home.write_text("a file where the data folder should be", encoding="utf-8")
    assert main(["verify", "--db", location.url]) == 0
    with_no_log = capsys.readouterr()
    _isolated_home.unlink()
    _isolated_home.mkdir()
    assert main(["verify", "--db", location.url]) == 0
    with_log = capsys.readouterr()
    # The check's verdict is the same; only its sealing in the data folder's anchors file differs.
    assert with_log.out.splitlines()[0] == with_no_log.out.splitlines()[0] and with_log.err == with_no_log.err
    assert "could not be written to the anchors file" in with_no_log.out and "Sealed: journal row" in with_log.out
    assert (_isolated_home / LOG_FOLDER / LOG_NAME).exists()


def test_masked_leaves_plain_text_alone():
    assert masked("Carla Clerk logged in") == "Carla Clerk logged in"
