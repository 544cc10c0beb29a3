"""Two counters posting at the same moment on one SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import pytest

from lto_desk.services.integrity import verify
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import Clerk, LedgerEntry

POSTER = textwrap.dedent(
    """
    import json, sys, time, uuid
    from pathlib import Path
    from lto_desk.domain.errors import StorageError
    from lto_desk.store.paths import Location
    from lto_desk.store.database import open_database
    from lto_desk.services import clerks, payments

    path, files, name, pin, first, count, start = sys.argv[1:8]
    open_database(Location(path, Path(files)))
    actor = clerks.log_in(name, pin)
    while time.time() < float(start):
        time.sleep(0.001)
    told, busy = [], 0
    for i in range(int(count)):
        amount = int(first) + 2 * i  # every payment of both counters has its own amount
        request = uuid.uuid4().hex  # one form on the screen
        for attempt in range(20):
            try:
                result = payments.take_payment(actor, 1, amount, request_id=request)
                break
            except StorageError as exc:  # "busy, try again": the clerk presses Post again
                assert "busy" in exc.message, exc.message
                busy += 1
        else:
            sys.exit(f"still busy after 20 tries at payment {i}")
        told.append((result.receipt_number, amount))
    print(json.dumps({"told": told, "busy": busy}))
    """
)

COUNTERS = [("Olivia Owner", "1111", 100), ("Carla Clerk", "3333", 101)]


@pytest.mark.parametrize("count", [60, pytest.param(500, marks=pytest.mark.slow)])
def test_two_processes_never_share_skip_or_lose_a_receipt(location, agreement, clerk, count):
    close_database()  # the children open the file themselves
    start = time.time() + 2.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", POSTER, location.url, str(location.files_dir), name, pin, str(first),
             str(count), str(start)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name, pin, first in COUNTERS
    ]
    told = {}
    for (name, _, _), p in zip(COUNTERS, procs):
        out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err
        report = json.loads(out)
        told[name] = [tuple(pair) for pair in report["told"]]
        print(f"{name}: {count} payments, {report['busy']} times told the database was busy and posted again")
    numbers = [n for pairs in told.values() for n, _ in pairs]
    assert all(len(pairs) == count for pairs in told.values())
    assert len(set(numbers)) == len(numbers), "a receipt number was given to both counters"
    # Receipt 1 is the down payment; the payments take 2..2*count+1 with no gap.
    assert sorted(numbers) == list(range(2, 2 + 2 * count))
    open_database(location)
    # No lost payment: each counter's every receipt is on file with its clerk and amount.
    for name, pairs in told.items():
        on_file = {
            (e.receipt_number, e.amount)
            for e in LedgerEntry.select().join(Clerk, on=LedgerEntry.clerk == Clerk.id)
            .where((LedgerEntry.kind == "payment") & (Clerk.name == name))
        }
        assert on_file == set(pairs), f"{name}'s payments on file differ from what the counter was told"
    assert LedgerEntry.select().where(LedgerEntry.kind == "payment").count() == 2 * count
    report = verify()
    assert report.ok, report.problem
