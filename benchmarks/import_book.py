"""Measure moving a dealer's book in: 10,000 customers, 1,200 vehicles and 1,000 running
agreements from another system's files (tests/source_book.py), into an empty database.

    python benchmarks/import_book.py                     # CSV (Windows-1252), the issue's size
    python benchmarks/import_book.py --format xlsx
    python benchmarks/import_book.py --customers 200 --vehicles 30 --agreements 20   # a quick look

Prints the time to read the three files, to check every row (the preview), and to write
them in one transaction, and the total; the target is 30 s on the counter PC.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import generate  # noqa: E402  (benchmarks/ is on the path when run as a script)
import source_book  # noqa: E402


def measure(customers: int, vehicles: int, agreements: int, fmt: str) -> dict[str, float]:
    os.environ.setdefault("LTO_DESK_KEY", generate.BENCH_KEY)
    from lto_desk.domain.import_columns import ImportKind, guess_mapping
    from lto_desk.services import clerks, importing
    from lto_desk.services.import_files import read_table
    from lto_desk.services.integrity import verify
    from lto_desk.store.database import close_database, open_database
    from lto_desk.store.paths import Location

    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        book = source_book.write_book(Path(tmp) / "book", customers=customers, vehicles=vehicles,
                                      agreements=agreements, today=today, errors=False, fmt=fmt)
        open_database(Location(str(Path(tmp) / "counter.sqlite3"), Path(tmp) / "files"))
        try:
            owner = clerks.create_clerk(None, "Olivia Owner", "owner", "1111")
            start = time.perf_counter()
            sources = []
            for kind in (ImportKind.CUSTOMERS, ImportKind.VEHICLES, ImportKind.AGREEMENTS):
                table = read_table(book.paths[kind.value])
                sources.append(importing.ImportSource(kind, table, guess_mapping(kind, table.headers)))
            read = time.perf_counter()
            preview = importing.check_import(owner, sources, today=today)
            checked = time.perf_counter()
            if not preview.ok:
                raise SystemExit("\n".join(preview.problem_lines()[:10]))
            importing.run_import(owner, preview)
            written = time.perf_counter()
            ok = verify().ok
        finally:
            close_database()
    return {"read the files": read - start, "check every row (preview)": checked - read,
            "write in one transaction": written - checked, "total": written - start, "verify OK": float(ok)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--vehicles", type=int, default=1_200)
    parser.add_argument("--agreements", type=int, default=1_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    args = parser.parse_args(argv)
    figures = measure(args.customers, args.vehicles, args.agreements, args.format)
    print(f"Import of {args.customers:,} customers, {args.vehicles:,} vehicles, {args.agreements:,} agreements "
          f"({args.format})")
    for name, value in figures.items():
        print(f"  {name:<28} {'yes' if value else 'NO'}" if name == "verify OK" else f"  {name:<28} {value:6.1f} s")
    return 0 if figures["verify OK"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
