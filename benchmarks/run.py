"""Measure LTO Desk on a generated database and print one table.

    python benchmarks/run.py --scale dealer            # generates the data first if missing
    python benchmarks/run.py --scale tiny --db /tmp/t.sqlite3

Every figure is printed beside a baseline measured in the same run, as a ratio:
a raw indexed ``sqlite3`` query for the lookups, the card and the late-accounts
report; a bare durable commit for a payment; a bare ReportLab page for the
receipt; an empty ``QMainWindow`` shown for start-up. A run takes payments and
closes a drawer, so it works on a copy of the generated file, and every run starts
from the data as generated. Data generated on an earlier day is made again (its
accounts would all look late); a file given with --db is used as it is, with a
warning.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import io
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import generate  # noqa: E402  (benchmarks/ is on the path when run as a script)


@dataclass
class Figure:
    name: str
    p50_ms: float
    p95_ms: float
    baseline_ms: float | None = None
    baseline: str = ""
    note: str = ""

    @property
    def ratio(self) -> str:
        if not self.baseline_ms:
            return ""
        return f"{self.p95_ms / self.baseline_ms:.1f}x"


def p50_p95(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def timed(call: Callable[[], object], repeat: int, warm: int = 2) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``repeat`` calls (after ``warm`` unmeasured ones)."""
    for _ in range(warm):
        call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return p50_p95(samples)


def timed_each(calls: list[Callable[[], object]]) -> tuple[float, float]:
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return p50_p95(samples)


# ---------------------------------------------------------------------------
# The figures.


# The raw baselines read the same rows the program shows, by the same indexes, in one
# plain sqlite3 query: a lookup's 25 customers with their agreement, vehicle and the
# installments still owed (what the amount due is made of); a card's customer,
# agreements, vehicles, notes, schedule and every ledger entry.
_ROW = (
    "SELECT c.id, c.first_name, c.last_name, c.preferred_name, a.id, a.status, a.paid_toward_next, a.fee_carry, "
    "v.year, v.make, v.model, i.number, i.due_date, i.amount FROM ({found} LIMIT 25) s "
    "JOIN customer c ON c.id = s.cid LEFT JOIN agreement a ON a.customer_id = c.id "
    "LEFT JOIN vehicle v ON v.id = a.vehicle_id LEFT JOIN installment i ON i.agreement_id = a.id "
    "AND a.status = 'active' AND i.number > a.installments_paid AND i.due_date <= date('now')"
)
RAW_NAME = _ROW.format(found=(  # names starting with it by the name index, then ranked index matches
    "SELECT cid FROM (SELECT * FROM (SELECT id AS cid, 0 AS tier, search_name AS name FROM customer "
    "WHERE search_name >= :t AND search_name < :t || char(1114111) ORDER BY search_name LIMIT 25) "
    "UNION ALL SELECT rowid, 1, name FROM (SELECT rowid, name FROM customer_search WHERE customer_search MATCH :q "
    "LIMIT 300)) GROUP BY cid ORDER BY min(tier), instr(' ' || name, ' ' || :t) = 0, name"
))
RAW_PHONE = _ROW.format(found="SELECT rowid AS cid FROM customer_search WHERE customer_search MATCH ?")
RAW_VIN = _ROW.format(
    found="SELECT b.customer_id AS cid FROM vehicle w JOIN agreement b ON b.vehicle_id = w.id WHERE w.vin_tail = ?"
)
RAW_CARD = (
    "SELECT * FROM customer WHERE id = :c",
    "SELECT * FROM agreement a JOIN vehicle v ON v.id = a.vehicle_id WHERE a.customer_id = :c ORDER BY a.id DESC",
    "SELECT * FROM note WHERE customer_id = :c ORDER BY created_at DESC",
    "SELECT * FROM ledger_entry WHERE agreement_id IN (SELECT id FROM agreement WHERE customer_id = :c) ORDER BY id DESC",
    "SELECT * FROM installment WHERE agreement_id = (SELECT max(id) FROM agreement WHERE customer_id = :c) ORDER BY number",
)


def lookups(raw: sqlite3.Connection, count: int) -> list[Figure]:
    from lto_desk.services import clerks
    from lto_desk.services.counter import lookup

    clerk = clerks.log_in("Tasha Greene", "3333")  # every read is made for someone logged in

    people = raw.execute("SELECT search_name, phone_digits FROM customer ORDER BY random() LIMIT ?", (count,)).fetchall()
    tails = [r[0] for r in raw.execute("SELECT vin_tail FROM vehicle ORDER BY random() LIMIT ?", (count,))]
    names = [name.split()[-1][:4] for name, _ in people]
    vin_tails = {r[0] for r in raw.execute("SELECT vin_tail FROM vehicle")}
    # Six digits that are also a VIN tail find the vehicle and skip the phone search:
    # left out, so the figure is of phone searches, as its baseline is.
    phones = [digits[-6:] for _, digits in people if len(digits) >= 6 and digits[-6:] not in vin_tails]
    out = []
    for label, typed, sql, arg in (
        ("lookup: name prefix", names, RAW_NAME, lambda t: {"t": t, "q": f'name : "{t}"'}),
        ("lookup: phone digits", phones, RAW_PHONE, lambda t: (f'phones : "{t}"',)),
        ("lookup: VIN tail", tails, RAW_VIN, lambda t: (t,)),
    ):
        p50, p95 = timed_each([lambda t=t: lookup(clerk, t) for t in typed])
        _b50, b95 = timed_each([lambda t=t: raw.execute(sql, arg(t)).fetchall() for t in typed])
        out.append(Figure(label, p50, p95, b95, "raw sqlite3 query, same rows and owed lines"))
    return out


def card(raw: sqlite3.Connection, count: int) -> Figure:
    from lto_desk.services import clerks
    from lto_desk.services.counter import customer_card

    clerk = clerks.log_in("Tasha Greene", "3333")

    ids = [r[0] for r in raw.execute(
        "SELECT customer_id FROM agreement WHERE status = 'active' ORDER BY random() LIMIT ?", (count,))]
    p50, p95 = timed_each([lambda c=c: customer_card(clerk, c) for c in ids])
    _b50, b95 = timed_each([lambda c=c: [raw.execute(q, {"c": c}).fetchall() for q in RAW_CARD] for c in ids])
    return Figure("open a customer card", p50, p95, b95, "raw sqlite3 queries, same rows")


def payments_and_receipts(path: Path, raw: sqlite3.Connection, count: int, files: Path) -> list[Figure]:
    from reportlab.pdfgen import canvas

    from lto_desk.services import clerks, drawer, payments
    from lto_desk.services.receipts import receipt_page
    from lto_desk.services.settings import load_settings
    from lto_desk.documents.receipt import render_receipt

    clerk = clerks.log_in("Tasha Greene", "3333")
    if drawer.current_session(clerk) is None:
        drawer.open_drawer(clerk, 150_00)
    active = [r[0] for r in raw.execute(
        "SELECT id FROM agreement WHERE status = 'active' ORDER BY random() LIMIT ?", (count,))]
    results = []

    def pay(aid: int) -> None:
        results.append(payments.take_payment(clerk, aid, 1_00))

    p50, p95 = timed_each([lambda a=a: pay(a) for a in active])
    bare = sqlite3.connect(str(path.with_name("bare-commits.sqlite3")), isolation_level=None)
    bare.execute("PRAGMA journal_mode=wal")
    bare.execute("PRAGMA synchronous=full")
    bare.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)")

    def commit() -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO t (body) VALUES (?)", ("x" * 1300,))
        bare.execute("COMMIT")

    _b50, b95 = timed(commit, count)
    bare.close()
    settings = load_settings()
    r50, r95 = timed_each([lambda r=r: render_receipt(receipt_page(r, settings)) for r in results])

    def bare_page() -> None:
        buffer = io.BytesIO()
        c = canvas.Canvas(buffer)
        for i in range(20):
            c.drawString(72, 720 - 14 * i, f"Line {i}: $95.00")
        c.showPage()
        c.save()

    _c50, c95 = timed(bare_page, count)
    return [
        Figure("take_payment with its journal row", p50, p95, b95, "bare durable commit"),
        Figure("receipt PDF", r50, r95, c95, "bare ReportLab page"),
    ]


RAW_LATE = (
    "SELECT a.id, c.first_name, c.last_name, c.phone, v.year, v.make, v.model, i.due_date, i.amount "
    "FROM agreement a JOIN installment i ON i.agreement_id = a.id AND i.number = a.installments_paid + 1 "
    "JOIN customer c ON c.id = a.customer_id JOIN vehicle v ON v.id = a.vehicle_id "
    "WHERE a.status = 'active' AND i.due_date < ?"
)


def late_accounts(raw: sqlite3.Connection) -> Figure:
    from lto_desk.services import clerks
    from lto_desk.services.business_reports import aging

    clerk = clerks.log_in("Tasha Greene", "3333")
    p50, p95 = timed(lambda: aging(clerk), 5, warm=1)
    today = dt.date.today().isoformat()
    _b50, b95 = timed(lambda: raw.execute(RAW_LATE, (today,)).fetchall(), 5, warm=1)
    return Figure("late-accounts report (all active)", p50, p95, b95, "raw sqlite3 query, late accounts")


def daily_close(files: Path) -> Figure:
    from lto_desk.services import clerks, drawer

    manager = clerks.log_in("Dana Brooks", "2222")
    session = drawer.current_session(manager)
    assert session is not None
    # The generated day runs 8:30 to 18:30; close at its end when the clock is earlier.
    at = max(dt.datetime.now(), session.opened_at + dt.timedelta(hours=10))
    start = time.perf_counter()
    report = drawer.x_report(manager, session.session_id, at)
    drawer.close_drawer(manager, session.session_id, counted_cents=report.expected_cents, at=at)
    drawer.save_z_report(manager, files, session.session_id)
    ms = (time.perf_counter() - start) * 1000
    return Figure("daily close (count, seal, Z report PDF)", ms, ms)


START_SCRIPT = r"""
import sys, time, resource
t0 = time.perf_counter()
which, db = sys.argv[1], sys.argv[2]
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
painted = []
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and not self.seen:
            self.seen = True  # the window's own paint comes first; the time is taken once
            QTimer.singleShot(0, lambda: painted.append(time.perf_counter() - t0))  # the frame is done
        return False
    seen = False
if which == "empty":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
else:
    from lto_desk.store.paths import Location
    from lto_desk.ui.app import make_app, start_window
    from pathlib import Path
    app = make_app()
    window = start_window(Location(db, Path(db).parent / "files"))
watch = Painted()
# On the window alone: a filter on the whole application would run Python for every
# event of every object, and weigh on the richer window more than on the empty one.
window.installEventFilter(watch)
window.show()
while not painted:
    app.processEvents()
if which != "empty":  # then some work, so the peak memory is of a program in use
    window.ensure_database()  # what the window does right after its first paint
    window.build_counter()
    from lto_desk.services import clerks
    from lto_desk.services.business_reports import aging
    from lto_desk.services.counter import customer_card, lookup
    clerk = clerks.log_in("Tasha Greene", "3333")
    for typed in ("smi", "555", "jo"):
        for row in lookup(clerk, typed)[:3]:
            customer_card(clerk, row.customer_id)
    aging(clerk)
    app.processEvents()
def peak_mb():
    # VmHWM is this program's own peak; ru_maxrss would include the process it was
    # started from (Linux keeps the larger of the two across exec).
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(painted[0] * 1000, peak_mb())
"""


def start_up(path: Path, runs: int) -> tuple[Figure, float]:
    """Process start to the first painted window, offscreen; and the peak memory (MB)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    # An installed program starts from bytecode; so does this (PYTHONDONTWRITEBYTECODE
    # would otherwise make every timed start compile the whole package first).
    compileall.compile_dir(str(ROOT / "lto_desk"), quiet=1)

    def once(which: str) -> tuple[float, float]:
        out = subprocess.run([sys.executable, "-c", START_SCRIPT, which, str(path)], env=env,
                             capture_output=True, text=True, timeout=600, check=True).stdout.split()
        return float(out[0]), float(out[1])

    once("lto"), once("empty")  # not counted: the first start reads the libraries from disk
    ours, empty = [], []
    for _ in range(runs):  # taken in turn, so a busy spell of the machine weighs on both alike
        ours.append(once("lto"))
        empty.append(once("empty"))
    p50, p95 = p50_p95([t for t, _ in ours])
    _b50, b95 = p50_p95([t for t, _ in empty])
    peak = max(m for _, m in ours)
    return Figure("start to first painted window", p50, p95, b95, "empty QMainWindow"), peak


# ---------------------------------------------------------------------------


def history_ends(db: Path) -> dt.date:
    """The generated day (its drawer is the last opened, and still open)."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
        return dt.date.fromisoformat(con.execute("SELECT max(opened_at) FROM drawer_session").fetchone()[0][:10])


def working_copy(db: Path, folder: Path) -> Path:
    """A copy of the generated file in ``folder`` (checkpointed first: one file holds it all)."""
    with contextlib.closing(sqlite3.connect(db)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = folder / db.name
    shutil.copyfile(db, copy)
    return copy


def run(scale: str, db: Path, repeat: int, start_runs: int = 21) -> list[Figure]:
    """Every figure, measured on a copy of ``db`` (removed afterwards)."""
    with tempfile.TemporaryDirectory(dir=db.parent, prefix=".run-") as folder:
        return _run_on(working_copy(db, Path(folder)), repeat, start_runs)


def _run_on(db: Path, repeat: int, start_runs: int) -> list[Figure]:
    from lto_desk.store.database import close_database, open_database
    from lto_desk.store.paths import Location

    files = db.parent / "files"
    open_database(Location(str(db), files))  # brings an older file up to date first, outside the timings
    start_figure, peak_mb = start_up(db, start_runs)
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    figures = lookups(raw, repeat)
    figures.append(card(raw, repeat))
    figures += payments_and_receipts(db, raw, repeat, files)
    figures.append(late_accounts(raw))
    figures.append(daily_close(files / "drawer"))
    figures.append(start_figure)
    figures.append(Figure("peak memory (window, lookups, cards, late accounts)", peak_mb, peak_mb, note="MB"))
    raw.close()
    close_database()
    return figures


def table(scale: str, figures: list[Figure]) -> str:
    lines = [
        f"LTO Desk benchmarks, {scale} scale — {dt.date.today():%Y-%m-%d}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| what | p50 | p95 | baseline (p95) | ratio |",
        "|---|---:|---:|---|---:|",
    ]
    for f in figures:
        unit = f.note or "ms"
        base = f"{f.baseline_ms:.1f} ms {f.baseline}" if f.baseline_ms else ""
        lines.append(f"| {f.name} | {f.p50_ms:.1f} {unit} | {f.p95_ms:.1f} {unit} | {base} | {f.ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(generate.SCALES), default="dealer")
    parser.add_argument("--db", type=Path, help="the generated database (made first when missing)")
    parser.add_argument("--repeat", type=int, default=200, help="samples per figure")
    parser.add_argument("--start-runs", type=int, default=21,
                        help="program starts measured, each followed by an empty window's")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    db = args.db or ROOT / "benchmarks" / "data" / f"{args.scale}.sqlite3"
    today = dt.date.today()
    if db.exists() and args.db is None and history_ends(db) != today:
        print(f"The {args.scale} data ends on {history_ends(db)}; making it again so it ends today")
        for leftover in (db, *(Path(f"{db}{suffix}") for suffix in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    if not db.exists():
        print(f"Generating the {args.scale} scale into {db} first")
        generate.generate(generate.SCALES[args.scale], db)
    elif history_ends(db) != today:
        print(f"Note: {db} ends on {history_ends(db)}, not today: more of its accounts look late.", file=sys.stderr)
    figures = run(args.scale, db, args.repeat, args.start_runs)
    print(table(args.scale, figures))
    if args.json:
        args.json.write_text(json.dumps([f.__dict__ for f in figures], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
