"""The `lto-desk` command line: verify, tampering, the demo, where things live."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

from lto_desk.cli import main
from lto_desk.services import payments
from lto_desk.store.database import close_database


def _post_some(clerk, agreement):
    for week in range(4):
        payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10) + dt.timedelta(weeks=week))


def test_verify_passes_on_a_sound_database(location, clerk, agreement, capsys):
    _post_some(clerk, agreement)
    close_database()
    assert main(["verify", "--db", location.url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK:") and "receipts 1–5" in out


def test_changing_one_stored_amount_with_sql_is_found_and_named(location, clerk, agreement, capsys):
    _post_some(clerk, agreement)
    close_database()
    con = sqlite3.connect(location.url)
    entry_id, receipt = con.execute(
        "SELECT id, receipt_number FROM ledger_entry WHERE kind = 'payment' ORDER BY id LIMIT 1 OFFSET 2"
    ).fetchone()
    con.execute("UPDATE ledger_entry SET amount = 769 WHERE id = ?", (entry_id,))
    con.commit()
    con.close()
    # Run the real installed command, as a person would.
    proc = subprocess.run(
        [sys.executable, "-m", "lto_desk.cli", "verify", "--db", location.url],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith("BROKEN:")
    assert f"ledger_entry row {entry_id} (receipt {receipt})" in proc.stdout
    assert "amount is 769" in proc.stdout


def test_changing_a_cached_balance_is_found(location, clerk, agreement, capsys):
    _post_some(clerk, agreement)
    close_database()
    con = sqlite3.connect(location.url)
    con.execute("UPDATE agreement SET principal_remaining = 1 WHERE id = ?", (agreement,))
    con.commit()
    con.close()
    assert main(["verify", "--db", location.url]) == 1
    assert f"agreement row {agreement}: principal_remaining is 1" in capsys.readouterr().out


def test_deleting_a_payment_is_found(location, clerk, agreement, capsys):
    _post_some(clerk, agreement)
    close_database()
    con = sqlite3.connect(location.url)
    con.execute("PRAGMA foreign_keys = OFF")
    last = con.execute("SELECT max(id) FROM ledger_entry").fetchone()[0]
    con.execute("DELETE FROM allocation WHERE entry_id = ?", (last,))
    con.execute("DELETE FROM ledger_entry WHERE id = ?", (last,))
    con.commit()
    con.close()
    assert main(["verify", "--db", location.url]) == 1
    assert f"ledger_entry row {last} is in journal row" in capsys.readouterr().out


def test_verify_of_a_missing_file_says_so(tmp_path, capsys):
    assert main(["verify", "--db", str(tmp_path / "none.sqlite3")]) == 2
    assert "no database" in capsys.readouterr().err


def test_where_shows_the_demo_database_under_the_data_folder(_isolated_home, capsys):
    assert main(["where", "--demo"]) == 0
    out = capsys.readouterr().out
    assert str(_isolated_home / "demo") in out


def test_a_bad_file_gives_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    assert main(["verify", "--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "damaged or is not an LTO Desk database" in err and "Traceback" not in err
