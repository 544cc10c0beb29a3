"""Issue 19, finding 3: `verify` run while another counter posts read a half-moved world
("customer row 1: last_touch_at … changed outside LTO Desk"). It reads one snapshot now."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from lto_desk.services.integrity import verify
from lto_desk.store.models import LedgerEntry

POSTER = textwrap.dedent(
    """
    import sys, time, datetime as dt
    from pathlib import Path
    from lto_desk.domain.errors import StorageError
    from lto_desk.store.paths import Location
    from lto_desk.store.database import open_database
    from lto_desk.services import clerks, payments

    path, files, until = sys.argv[1], sys.argv[2], float(sys.argv[3])
    open_database(Location(path, Path(files)))
    actor = clerks.log_in("Carla Clerk", "3333")
    print("ready", flush=True)
    posted = 0
    while time.time() < until:
        try:
            payments.take_payment(actor, 1, 1_00 + posted)
            posted += 1
        except StorageError:
            pass  # busy while the parent checks: the clerk presses Post again
    print(posted, flush=True)
    """
)


def test_verify_reads_one_snapshot_while_a_counter_posts(location, database, agreement, clerk):
    until = time.time() + 6.0
    child = subprocess.Popen(
        [sys.executable, "-c", POSTER, location.url, str(location.files_dir), str(until)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        reports = []
        while time.time() < until - 0.5:
            before = LedgerEntry.select().count()
            reports.append(verify())
            reports[-1] = (reports[-1], LedgerEntry.select().count() - before)
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, err
    assert int(out.split()[-1]) > 20  # the counter really posted all along
    assert len(reports) >= 2
    assert any(moved for _report, moved in reports)  # payments landed while a check ran
    problems = [report.problem for report, _moved in reports if not report.ok]
    assert problems == []
    assert verify().ok
