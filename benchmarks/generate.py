"""Make a realistic LTO Desk database at dealer or dealer-group scale.

    python benchmarks/generate.py --scale dealer --out /tmp/dealer.sqlite3
    python benchmarks/generate.py --scale group  --out /tmp/group.sqlite3

Scales (``--scale``):
  tiny    120 customers, 24 active agreements, 2 years (the test suite's smoke run)
  dealer  5,000 customers, 1,000 active agreements, ~500,000 payments over 10 years
  group   100,000 customers, 20,000 active agreements, ~10,000,000 payments over 10 years

The file is the program's own: made and migrated by ``open_database``, the clerks
and settings added through the services, then ten years of history written in
bulk in time order — customers, vehicles (returned cars are inspected and go out
again), agreements with their schedules, down payments and payments (each with
its allocation, receipt number, drawer session and journal row, hash-chained like
the program's), payoffs, returns and one drawer session per counter per day,
opened at 8:30 and sealed at 18:30 (today's are still open). ``lto-desk verify`` passes on it (the smoke
test checks that at the tiny scale).

Two processes share the work (``--processes``; one at the tiny scale): the
builder (``_generate_build.py``, plans in ``_generate_plan.py``) plays the
agreements' events into rows and journal rows; this one, the writer, chains the
journal rows' hashes and inserts everything, many rows to a statement, in one
transaction without a rollback journal, then switches the file to WAL like the
program's. Every index and trigger the migrations made stays in place and is
kept as the rows go in, in time order, as the program would have kept them
(rows come in mostly in key order, so that costs less than making the indexes
again at the end would).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import marshal
import multiprocessing
import os
import queue
import resource
import sqlite3
import sys
import threading
import time
from json.encoder import encode_basestring
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _folder in (ROOT, HERE):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from _generate_build import JOURNAL_SQL, Scale, build, build_in_child  # noqa: E402
from lto_desk.store import journal, seal  # noqa: E402

#: The books' key of generated files (their data is made up, nothing to keep secret): set
#: for this process and the benchmark run, so a computer with no keyring can write to them
#: and check them. A key already set (the tests') is kept.
BENCH_KEY = "BE7C-" * 15 + "BE7C"
os.environ.setdefault(seal.KEY_ENV, BENCH_KEY)

SCALES = {
    "tiny": Scale("tiny", 120, 24, 6_000, 2, 1),
    "dealer": Scale("dealer", 5_000, 1_000, 500_000, 10, 1),
    "group": Scale("group", 100_000, 20_000, 10_000_000, 10, 4),
}

CLERKS = (
    ("Ray Whitaker", "owner", "1111"),
    ("Dana Brooks", "manager", "2222"),
    ("Luis Ortega", "manager", "2323"),
    ("Tasha Greene", "clerk", "3333"),
    ("Kendra Mills", "clerk", "3434"),
    ("Marco Ruiz", "clerk", "3535"),
    ("Beth Carver", "clerk", "3636"),
)

#: The writer's page cache (KiB): the ends of the tables and indexes being added to,
#: and the index pages of the agreements being paid, stay in it.
CACHE_KIB = 400_000


# ---------------------------------------------------------------------------
# The program's own start: schema, clerks, settings.


@contextlib.contextmanager
def _same_salt():
    """PIN hashes with one fixed salt, so two builds of one seed give the same file (every
    column of the staff table is journaled, its PIN hash as a digest). Generated data only."""
    from argon2 import PasswordHasher

    from lto_desk.services import clerks

    class SameSalt(PasswordHasher):
        def hash(self, password, *, salt=None):
            return super().hash(password, salt=b"lto-desk-benchmark-salt")

    kept = clerks._hasher
    clerks._hasher = lambda: SameSalt(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    try:
        yield
    finally:
        clerks._hasher = kept


def _start_database(path: Path, today: dt.date) -> tuple[dict, dict[str, str]]:
    """The database made and migrated by the program, its clerks and settings added
    through the services; returns the clerk ids and the return reasons to use."""
    from lto_desk.demo.tables import DEALER
    from lto_desk.domain.returns import RETURN_REASONS
    from lto_desk.services.clerks import create_clerk
    from lto_desk.services.settings import save_settings
    from lto_desk.store.database import close_database, open_database
    from lto_desk.store.paths import Location

    start = dt.datetime.combine(today - dt.timedelta(days=365 * 10 + 30), dt.time(8, 0))
    open_database(Location(str(path), path.parent / f"{path.stem}-files"))
    ids: dict = {"managers": [], "clerks": []}
    owner = None
    for name, role, pin in CLERKS:
        with _same_salt():  # the same file from the same seed: the PIN hashes (journaled) too
            actor = create_clerk(owner, name, role, pin, at=start)
        if role == "owner":
            owner = actor
            ids["owner"] = actor.id
            ids["managers"].append(actor.id)
        elif role == "manager":
            ids["managers"].append(actor.id)
        else:
            ids["clerks"].append(actor.id)
    save_settings(owner, DEALER, at=start)
    close_database()
    reasons = {k: v for k, v in RETURN_REASONS.items() if k != "other"}
    return ids, reasons


class Writer:
    """Inserts the builder's batches; chains the journal rows' hashes as they go in."""

    #: Rows to a statement for rows handed over end to end (INSERT ... VALUES (...), (...), ...):
    #: about half the cost of one statement a row.
    ROWS_PER_STATEMENT = 32

    def __init__(self, con: sqlite3.Connection, prev_hash: str) -> None:
        self.con = con
        self.prev = prev_hash
        self.key = seal.parse_key(os.environ[seal.KEY_ENV])  # the key the clerks' rows were sealed with
        self.many_rows: dict[str, str] = {}
        self.cpu = {"hashing": 0.0, "inserting": 0.0}  # seconds of this process's time

    def write(self, batch: list) -> None:
        clock = time.process_time
        for sql, rows, width in batch:
            if sql == JOURNAL_SQL:
                began = clock()
                rows, width = self.chained(rows), 6
                self.cpu["hashing"] += clock() - began
            began = clock()
            if width:
                self.insert_end_to_end(sql, rows, width)
            else:
                self.con.executemany(sql, rows)
            self.cpu["inserting"] += clock() - began

    def insert_end_to_end(self, sql: str, values: list, width: int) -> None:
        """Rows of ``width`` values laid end to end in ``values``, many to a statement."""
        per = self.ROWS_PER_STATEMENT
        many = self.many_rows.get(sql)
        if many is None:
            head, one = sql.split(" VALUES ")
            many = self.many_rows[sql] = f"{head} VALUES {', '.join([one] * per)}"
        step = per * width
        whole = len(values) // step * step
        self.con.executemany(many, (values[i:i + step] for i in range(0, whole, step)))
        self.con.executemany(sql, (values[i:i + width] for i in range(whole, len(values), width)))

    def chained(self, values: list) -> list:
        """Journal rows (at, clerk_id, action, changes, escaped) end to end as rows with
        their prev_hash and hash: ``journal.row_hash`` (checked against it for the first
        row and the first payment of each batch)."""
        prev = self.prev
        keyed = hmac.new(self.key, digestmod=hashlib.sha256)
        out: list = []
        row = iter(values)
        check = {"take_payment", values[2] if values else None}
        for at, clerk, action, changes, escaped in zip(row, row, row, row, row):
            if escaped is not None:  # a payment, its text escaped by the builder
                body = f'["{prev}","{at}",{clerk},"{action}","{escaped}"]'
            else:
                body = (f'["{prev}","{at}",{"null" if clerk is None else clerk},{encode_basestring(action)},'
                        f'{encode_basestring(changes)}]')
            mac = keyed.copy()
            mac.update(body.encode())
            digest = mac.hexdigest()
            if action in check:
                check.discard(action)
                if digest != journal.row_hash(prev, at, clerk, action, changes, self.key):
                    raise AssertionError(f"the hash of this {action} journal row differs from the program's")
            out += (at, clerk, action, changes, prev, digest)
            prev = digest
        self.prev = prev
        return out


def _build_here(writer: Writer, args: tuple, say) -> dict:
    return build(*args, send=writer.write, say=say)


def _build_in_a_process(writer: Writer, args: tuple, say) -> dict:
    """The builder in a process of its own (spawned: nothing of this one is shared),
    its batches inserted here as they come. A thread reads them off the pipe (reading
    lets go of the GIL), so the builder goes on while a batch is being inserted."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    with contextlib.suppress(AttributeError, OSError):  # a bigger pipe: fewer waits on either side
        fcntl.fcntl(receive.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    child = context.Process(target=build_in_child, args=(send, *args), name="generate-builder", daemon=True)
    child.start()
    send.close()
    messages: queue.Queue = queue.Queue(maxsize=3)
    threading.Thread(target=_receive, args=(receive, messages), name="generate-receiver", daemon=True).start()
    finished = False
    writing = 0.0
    started = time.perf_counter()
    try:
        while True:
            data = messages.get()
            if data is None:
                raise RuntimeError("the builder process stopped without finishing")
            kind, payload = marshal.loads(data)
            if kind == "rows":
                began = time.perf_counter()
                writer.write(payload)
                writing += time.perf_counter() - began
            elif kind == "say":
                say(f"{payload}; the writer busy {writing / (time.perf_counter() - started):.0%} of the time")
            elif kind == "error":
                raise RuntimeError(f"the builder process failed:\n{payload}")
            else:
                finished = True
                return payload
    finally:
        if not finished and child.is_alive():
            child.terminate()
        child.join()
        receive.close()


def _receive(connection, messages: queue.Queue) -> None:
    """Every message from the builder, as it comes; None when it has stopped."""
    try:
        while True:
            messages.put(connection.recv_bytes())
    except (EOFError, OSError):
        messages.put(None)


def _cpu_seconds() -> float:
    """User and system time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _load(con: sqlite3.Connection, scale: Scale, today: dt.date, seed: int, clerk_ids: dict,
          reasons: dict[str, str], processes: int, say) -> dict:
    """Ten years of history into the program's fresh database on ``con``; then WAL."""
    con.execute("PRAGMA journal_mode=OFF")  # a generated file: a failed build is removed and made again
    con.execute("PRAGMA synchronous=OFF")
    con.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    con.execute("PRAGMA temp_store=MEMORY")
    journal_before = con.execute("SELECT count(*) FROM journal").fetchone()[0]  # the clerks and settings
    con.execute("BEGIN")
    prev = con.execute("SELECT hash FROM journal ORDER BY id DESC LIMIT 1").fetchone()[0]
    next_ids = {
        table: con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        for table in ("customer", "vehicle", "agreement", "ledger_entry", "drawer_session", "vehicle_event", "journal")
    }
    writer = Writer(con, prev)
    writer_started = time.process_time()
    args = (scale, today, seed, clerk_ids, next_ids, reasons)
    result = (_build_in_a_process if processes > 1 else _build_here)(writer, args, say)
    result["journal_rows"] += journal_before
    loaded = time.process_time()
    say("updating agreements, vehicles and customers")
    writer.write([(sql, rows, 0) for sql, rows in result["updates"]])
    con.execute("COMMIT")
    con.execute("PRAGMA analysis_limit=1000")
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")
    if processes > 1:
        cpu = result["cpu"]
        say(f"CPU: the builder {cpu['all']:.0f} s (planning {cpu['planning']:.0f} s, handing over "
            f"{cpu['handing over']:.0f} s); the writer {loaded - writer_started:.0f} s during the load (hashing "
            f"{writer.cpu['hashing']:.0f} s, inserting {writer.cpu['inserting']:.0f} s), "
            f"{time.process_time() - loaded:.0f} s after it (updates, ANALYZE)")
    return result


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def generate(scale: Scale, out: Path, *, today: dt.date | None = None, seed: int = 2026, quiet: bool = False,
             processes: int | None = None) -> dict:
    """Build the database at ``out`` (replacing it); returns counts and the time taken.

    ``processes``: 2 builds the rows in a second process while this one writes them;
    1 does both here (default: 1 at the tiny scale or on a one-core machine, else 2)."""
    today = today or dt.date.today()
    if processes is None:
        processes = 1 if scale.name == "tiny" or (os.cpu_count() or 1) < 2 else 2
    started = time.perf_counter()
    cpu_started = _cpu_seconds()

    def say(text: str) -> None:
        if not quiet:
            print(f"  {time.perf_counter() - started:6.1f} s  {text}", flush=True)

    _remove(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        clerk_ids, reasons = _start_database(out, today)
        con = sqlite3.connect(str(out), isolation_level=None)
        try:
            result = _load(con, scale, today, seed, clerk_ids, reasons, processes, say)
            counts = {
                "customers": con.execute("SELECT count(*) FROM customer").fetchone()[0],
                "active_agreements": con.execute("SELECT count(*) FROM agreement WHERE status='active'").fetchone()[0],
                "agreements": con.execute("SELECT count(*) FROM agreement").fetchone()[0],
                "payments": result["payments"],
                "journal_rows": result["journal_rows"],
            }
        finally:
            con.close()
    except BaseException:
        _remove(out)  # never a half-made database where run.py would take it for a whole one
        raise
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    counts["seconds"] = round(seconds, 1)
    counts["cpu_seconds"] = round(cpu, 1)
    counts["payments_per_second"] = round(counts["payments"] / seconds)
    counts["megabytes"] = round(out.stat().st_size / 1e6, 1)
    say(f"done: {counts}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="dealer")
    parser.add_argument("--out", type=Path, help="database file to write (default: benchmarks/data/<scale>.sqlite3)")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="the last day of history (default: today)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--processes", type=int, choices=(1, 2),
                        help="2: build rows in a second process while this one writes (default: 2, 1 at tiny scale)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / "data" / f"{args.scale}.sqlite3"
    print(f"Generating the {args.scale} scale into {out}")
    generate(SCALES[args.scale], out, today=args.today, seed=args.seed, processes=args.processes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
