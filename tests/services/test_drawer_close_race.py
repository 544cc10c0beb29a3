"""The drawer close race with three processes on one SQLite file: two counters post cash
payments in a loop (into the same drawer: one counter name) while a third closes the
drawer and opens the next session, again and again.

Afterwards every cash payment is in exactly one session, stamped inside it; each Z's
expected cash is the float plus that session's cash as the ledger holds it; a payment
that reached a closed drawer was told so plainly; and ``verify`` says OK.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

from lto_desk.domain.ledger import EntryKind
from lto_desk.domain.payment import Method
from lto_desk.services import drawer
from lto_desk.services.integrity import verify
from lto_desk.store.database import close_database, open_database
from lto_desk.store.models import DrawerSession, LedgerEntry

CHILD = textwrap.dedent(
    """
    import json, random, sys, time, uuid
    from pathlib import Path
    from lto_desk.domain.errors import StorageError
    from lto_desk.store.paths import Location
    from lto_desk.store.database import open_database
    from lto_desk.services import clerks, drawer, payments

    path, files, role, name, pin, first, start, done = sys.argv[1:9]
    open_database(Location(path, Path(files)))
    actor = clerks.log_in(name, pin)
    while time.time() < float(start):
        time.sleep(0.001)

    def busy(call):
        for attempt in range(50):
            try:
                return call()
            except StorageError as exc:  # "busy, try again": press the button again
                assert "busy" in exc.message, exc.message
        sys.exit("still busy after 50 tries")

    if role == "closer":
        closed, rng = [], random.Random(int(first))
        for k in range(5):
            time.sleep(rng.uniform(0.15, 0.4))
            session = drawer.current_session(actor)
            z = busy(lambda: drawer.close_drawer(actor, session.session_id, counted_cents=0,
                                                 note="Counted in the race test"))
            closed.append(z.session_id)
            busy(lambda: drawer.open_drawer(actor, 25_00 * (k + 1)))
        Path(done).write_text("done")
        print(json.dumps({"closed": closed}))
        sys.exit()

    told, refusals = [], []
    for i in range(1500):
        if Path(done).exists() and i >= 20:
            break
        amount = int(first) + 2 * i  # every payment of both counters has its own amount
        request = uuid.uuid4().hex  # one form on the screen
        while True:
            try:
                result = busy(lambda: payments.take_payment(actor, 1, amount, "cash", request_id=request))
                break
            except drawer.DrawerNotOpen as exc:  # the drawer was just closed: wait for the next one
                refusals.append(exc.message)
                time.sleep(0.005)
        told.append((result.receipt_number, amount))
    print(json.dumps({"told": told, "refusals": refusals}))
    """
)

PEOPLE = [
    ("poster", "Olivia Owner", "1111", 100),
    ("poster", "Carla Clerk", "3333", 101),
    ("closer", "Marcus Manager", "2222", 7),
]


def test_closing_the_drawer_while_two_counters_post_seals_exactly_each_sessions_money(
    location, agreement, clerk, manager, tmp_path
):
    close_database()  # the children open the file themselves
    start, done = time.time() + 2.0, tmp_path / "closer-done"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, location.url, str(location.files_dir), role, name, pin, str(first),
             str(start), str(done)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for role, name, pin, first in PEOPLE
    ]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=900)
        assert p.returncode == 0, stderr
        out.append(json.loads(stdout))
    told = [tuple(pair) for report in out[:2] for pair in report["told"]]
    refusals = [message for report in out[:2] for message in report["refusals"]]
    closed = out[2]["closed"]
    print(f"{len(told)} payments posted during {len(closed)} closes; {len(refusals)} found the drawer closed")
    open_database(location)

    sessions = {s.id: s for s in DrawerSession.select()}
    assert [sessions[i].status for i in closed] == ["sealed"] * 5
    cash_in = LedgerEntry.select().where(
        LedgerEntry.kind.in_([EntryKind.PAYMENT.value, EntryKind.DOWN_PAYMENT.value])
        & (LedgerEntry.method == Method.CASH.value)
    )
    on_file = {e.receipt_number: e for e in cash_in}
    # Every payment a counter was told it posted is on file, in one session, stamped inside it.
    for number, amount in told:
        entry = on_file[number]
        assert entry.amount == amount
        session = sessions[entry.__data__["drawer_session"]]
        assert session.opened_at <= entry.created_at, f"receipt {number} is stamped before its session opened"
        if session.status == "sealed":
            assert entry.created_at <= session.closed_at, (
                f"receipt {number} was stamped {entry.created_at}, after its session closed at {session.closed_at}"
            )
    # Each Z: expected cash = float + that session's cash, counted from the ledger by session.
    cash_by_session: dict[int, int] = {}
    for entry in on_file.values():
        key = entry.__data__["drawer_session"]
        cash_by_session[key] = cash_by_session.get(key, 0) + entry.amount
    for session in sessions.values():
        if session.status != "sealed":
            continue
        z = drawer.x_report(manager, session.id)
        cash = cash_by_session.get(session.id, 0)
        assert (z.cash_payments, z.expected_cents, session.expected_cents) == (
            cash, session.float_cents + cash, session.float_cents + cash
        ), f"the Z of session {session.number} left money out"
        assert z.over_short_cents == -(session.float_cents + cash)  # counted $0
    # A payment that reached a closed drawer was told what happened, and posted in the next one.
    for message in refusals:
        assert "Counter 1 was closed on" in message and "Open the drawer again" in message, message
    report = verify()
    assert report.ok, report.problem
