"""Two counters posting at the same moment on one SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

from lto_desk.services.integrity import verify
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import LedgerEntry

POSTER = textwrap.dedent(
    """
    import json, sys, time
    from lto_desk.store.paths import Location
    from lto_desk.store.database import open_database
    from lto_desk.services import clerks, payments

    path, files, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    open_database(Location(path, __import__("pathlib").Path(files)))
    actor = clerks.log_in("Olivia Owner", "1111")
    while time.time() < start:
        time.sleep(0.001)
    numbers = [payments.take_payment(actor, 1, 100).receipt_number for _ in range(count)]
    print(json.dumps(numbers))
    """
)


def test_two_processes_never_share_or_skip_a_receipt_number(location, agreement):
    close_database()  # the children open the file themselves
    count = 60
    start = time.time() + 2.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", POSTER, location.url, str(location.files_dir), str(count), str(start)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(2)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    a, b = results
    assert len(a) == len(b) == count
    assert not set(a) & set(b), "a receipt number was given to both counters"
    # Receipt 1 is the down payment; the 120 payments take 2..121 with no gap.
    assert sorted(a + b) == list(range(2, 2 + 2 * count))
    open_database(location)
    assert LedgerEntry.select().where(LedgerEntry.kind == "payment").count() == 2 * count
    report = verify()
    assert report.ok, report.problem
