"""`lto-desk`: no arguments opens the counter window; subcommands do admin jobs."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Sequence

from . import __version__
from .domain.errors import LtoError
from .store.paths import Location, resolve_location


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before or after the subcommand is not reset by the other level.
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help="database file (default: LTO_DESK_DB, else the data folder)",
    )
    common.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS,
        help="use the demo dealership (made on first use)",
    )
    parser = argparse.ArgumentParser(
        prog="lto-desk",
        description="LTO Desk: the payment counter of a lease-to-own car dealership.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"LTO Desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", parents=[common], help="build the demo dealership database")
    demo.add_argument("--today", metavar="YYYY-MM-DD", help="build the history up to this day (default: today)")
    sub.add_parser("verify", parents=[common], help="check the journal chain and recompute every agreement")
    sub.add_parser("where", parents=[common], help="show which database and data folder would be used")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.db = getattr(args, "db", None)
    args.demo = getattr(args, "demo", False)
    try:
        if args.command == "demo":
            return _cmd_demo(resolve_location(args.db, demo=args.db is None), args.today)
        if args.command == "verify":
            return _cmd_verify(resolve_location(args.db, demo=args.demo))
        if args.command == "where":
            location = resolve_location(args.db, demo=args.demo)
            print(location.describe())
            print(f"Receipts, letters, reports and backups: {location.files_dir}")
            return 0
        location = resolve_location(args.db, demo=args.demo)
        if args.demo:
            _ensure_demo(location)
        return _run_window(location)
    except LtoError as exc:
        print(f"lto-desk: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _open(location: Location):
    from .store.database import open_database

    return open_database(location)


def _cmd_demo(location: Location, today_text: str | None) -> int:
    import datetime as dt

    from .domain.errors import InvalidInput
    from .services.demo import build_demo

    if today_text:
        try:
            today = dt.date.fromisoformat(today_text)
        except ValueError:
            raise InvalidInput(f"“{today_text}” is not a date; use YYYY-MM-DD.") from None
    else:
        today = dt.date.today()
    _open(location)
    started = time.perf_counter()
    summary = build_demo(today)
    print(
        f"Demo dealership ready in {time.perf_counter() - started:.1f} s: {summary.customers} customers, "
        f"{summary.agreements} agreements, {summary.payments} payments."
    )
    print(location.describe())
    for name, role, pin in summary.clerks:
        print(f"  log in as {name} ({role}) with PIN {pin}")
    return 0


def _ensure_demo(location: Location) -> None:
    """Build the demo database on first use."""
    import datetime as dt

    from .services.clerks import has_clerks
    from .services.demo import build_demo

    _open(location)
    if not has_clerks():
        print("Building the demo dealership (first use)…", file=sys.stderr)
        build_demo(dt.date.today())


def _cmd_verify(location: Location) -> int:
    from .services.integrity import verify

    path = location.path
    if path is not None and not path.exists():
        print(f"lto-desk: there is no database at {path}.", file=sys.stderr)
        return 2
    _open(location)
    report = verify()
    print(report.summary())
    return 0 if report.ok else 1


def _run_window(location: Location) -> int:
    try:
        from .ui.app import run
    except ImportError as exc:  # Qt's system libraries missing (libEGL, libxkbcommon...)
        print(
            f"lto-desk: the window cannot start because a Qt library is missing ({exc}). "
            "On Debian/Ubuntu: apt-get install libegl1 libgl1 libxkbcommon0 libfontconfig1 "
            "libdbus-1-3 libglib2.0-0",
            file=sys.stderr,
        )
        return 2
    return run(location)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
