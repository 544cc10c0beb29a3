"""Issue 19, finding 6: a crash that loses or damages the ``-wal`` takes the last payments
with it, though their receipts were printed; `verify` said OK and the next payment reused
a printed number. Now the printed receipts are checked against the books, their numbers
are written down as lost, and never printed again."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lto_desk.services import anchoring, payments
from lto_desk.services.integrity import verify
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import LedgerEntry

COUNTER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from lto_desk.store.paths import Location
    from lto_desk.store.database import open_database
    from lto_desk.services import clerks, payments, receipts

    path, files = sys.argv[1], sys.argv[2]
    location = Location(path, Path(files))
    open_database(location)
    actor = clerks.log_in("Carla Clerk", "3333")
    for amount in (40_00, 41_00, 42_00):
        result = payments.take_payment(actor, 1, amount)
        receipts.save_receipt(actor, location.folder("receipts"), result.receipt_number)  # printed
        print(result.receipt_number, flush=True)
    os._exit(0)  # the power goes: nothing is checkpointed, the last changes are only in the -wal
    """
)


def damage_wal(wal: Path, how: str) -> None:
    if how == "deleted":
        wal.unlink()
    else:  # a few bytes in the first frame's page overwritten: SQLite stops reading the -wal there
        data = bytearray(wal.read_bytes())
        data[32 + 24 + 100:32 + 24 + 164] = b"\xff" * 64
        wal.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["deleted", "damaged"])
def test_printed_receipts_lost_with_the_wal_are_reported_and_never_reused(location, database, agreement, clerk, how):
    receipts_before = LedgerEntry.select().where(LedgerEntry.receipt_number.is_null(False)).count()
    close_database()
    run = subprocess.run([sys.executable, "-c", COUNTER, location.url, str(location.files_dir)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    printed = [int(n) for n in run.stdout.split()]
    assert printed == [receipts_before + 1, receipts_before + 2, receipts_before + 3]
    damage_wal(Path(f"{location.path}-wal"), how)
    Path(f"{location.path}-shm").unlink(missing_ok=True)

    open_database(location)
    assert LedgerEntry.select().where(LedgerEntry.receipt_number.is_null(False)).count() == receipts_before
    report = verify(location=location)
    assert not report.ok
    assert f"receipt {printed[0]} was printed" in report.problem and "not in the books" in report.problem

    folder = location.folder("receipts")
    assert anchoring.printed_beyond_the_books(folder) == printed
    found = anchoring.account_for_printed(clerk, folder)
    assert found == printed
    message = anchoring.lost_receipts_message(found)
    assert f"Receipts {printed[0]}, {printed[1]}, {printed[2]} were printed" in message
    assert "Take each of those payments again" in message

    again = payments.take_payment(clerk, agreement, 40_00)
    assert again.receipt_number == printed[-1] + 1  # never a number already on paper
    assert anchoring.account_for_printed(clerk, folder) == []  # told once
    assert verify(location=location).ok
