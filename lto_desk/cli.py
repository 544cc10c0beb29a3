"""`lto-desk`: no arguments opens the counter window; subcommands do admin jobs."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import Sequence

from . import __version__, cli_export, cli_import, cli_key, cli_staff
from .domain.errors import LtoError
from .log import log_start, start_log, stop_log
from .store.paths import Location, resolve_location

_log = logging.getLogger(__name__)

#: The demo's books' key (store/seal.py reads it from LTO_DESK_KEY): its customers are made
#: up, so the key need not be secret, and the demo opens on a computer with no keyring.
DEMO_KEY = "DE30-" * 15 + "DE30"


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
    sub.add_parser("backup", parents=[common], help="make a checked copy of the database in the backups folder")
    restore = sub.add_parser(
        "restore", parents=[common],
        help="bring back a backup (the database you have is kept as a copy first); without FILE, list the backups",
    )
    restore.add_argument("file", nargs="?", metavar="FILE",
                         help="the backup file (the name of one in the backups folder will do)")
    restore.add_argument("--yes", action="store_true",
                         help="replace the database without asking YES (an owner's name and PIN are still needed)")
    restore.add_argument("--as", dest="as_name", metavar="NAME",
                         help="the owner's name, for scripts (the PIN then comes from LTO_DESK_PIN)")
    cli_key.add_parser(sub, common)
    cli_staff.add_parser(sub, common)
    cli_import.add_parser(sub, common)
    cli_export.add_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.db = getattr(args, "db", None)
    args.demo = getattr(args, "demo", False)
    try:
        location = resolve_location(args.db, demo=args.db is None if args.command == "demo" else args.demo)
        if location.demo:  # the demo's books are made up: their key is known, so no keyring is needed
            os.environ.setdefault("LTO_DESK_KEY", DEMO_KEY)
        if args.command != "where":  # only a look: nothing is written, not even the log
            start_log(location.files_dir, chosen=location.chosen)
            log_start(__version__, f"{args.command or 'the window'}, {location.describe()}")
        if args.command == "demo":
            return _cmd_demo(location, args.today)
        if args.command == "verify":
            return _cmd_verify(location)
        if args.command == "key":
            return cli_key.run(location, args.action, as_name=args.as_name, yes=args.yes)
        if args.command == "staff":
            return cli_staff.run(location, args.action, args.name, role=args.role, as_name=args.as_name)
        if args.command == "import":
            return cli_import.run(location, args)
        if args.command == "export":
            return cli_export.run(location, args.folder, as_name=args.as_name)
        if args.command == "backup":
            return _cmd_backup(location)
        if args.command == "restore":
            return _cmd_restore(location, args.file, yes=args.yes, as_name=args.as_name)
        if args.command == "where":
            print(location.describe())
            print(f"Receipts, letters, reports and backups: {location.files_dir}")
            from .store.database import startup_check

            answer = startup_check(location)  # one "lto-desk: ..." line and exit 2 when it cannot be used
            if answer:  # a server: whether it answers, and what it holds
                print(answer)
            return 0
        if args.demo:
            _ensure_demo(location)
        return _run_window(location)
    except LtoError as exc:
        _log.warning("Stopped: %s", exc.message)
        print(f"lto-desk: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file or folder the system refused; said plainly, never a traceback
        where = f" ({exc.filename})" if exc.filename else ""
        _log.warning("Stopped: %s%s", exc.strerror or exc, where)
        print(f"lto-desk: {exc.strerror or exc}{where}.", file=sys.stderr)
        return 2
    except Exception:
        _log.exception("Unexpected error")
        raise
    finally:
        stop_log()


def _open(location: Location):
    from .store.database import open_database
    from .store.secrets import ask_in_terminal

    # a server that wants a password LTO Desk does not have: asked once, in a terminal only
    database = open_database(location, check=True, ask=ask_in_terminal if sys.stdin and sys.stdin.isatty() else None)
    _log.info("Opened %s", location.describe())
    return database


def _cmd_demo(location: Location, today_text: str | None) -> int:
    import datetime as dt

    from .demo import build_demo
    from .domain.errors import InvalidInput
    from .store.database import now as clock

    if today_text:
        try:
            today = dt.date.fromisoformat(today_text)
        except ValueError:
            raise InvalidInput(f"“{today_text}” is not a date; use YYYY-MM-DD.") from None
    else:
        today = clock().date()
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
    from .demo import build_demo
    from .services.clerks import has_clerks
    from .store.database import close_database, now as clock, open_database

    open_database(location)  # the window's start runs the integrity check once, right after
    try:
        if not has_clerks():
            print("Building the demo dealership (first use)…", file=sys.stderr)
            build_demo(clock().date())
    finally:
        close_database()  # the window opens it again, as it opens any database


def _cmd_verify(location: Location) -> int:
    from .services.integrity import verify

    path = location.path
    if path is not None and not path.exists():
        print(f"lto-desk: there is no database at {path}.", file=sys.stderr)
        return 2
    _open(location)
    report = verify(_say_step, location=location)
    print(report.summary())
    if report.ok:  # what was found whole is sealed outside the file: a later cut shows against it
        from .services.anchoring import record_anchor

        try:
            anchor = record_anchor("verify", "check (verify)")
        except OSError as exc:
            print(f"(This check could not be written to the anchors file: {exc.strerror}.)")
        else:
            if anchor is not None:
                print(f"Sealed: journal row {anchor.row:,}, seal {anchor.seal}, in this computer's anchors file.")
    return 0 if report.ok else 1


def _say_step(step: str) -> None:
    if sys.stderr is not None and sys.stderr.isatty():
        print(f"  {step}…", file=sys.stderr)


def _rows(n: int) -> str:
    return f"{n:,} row{'' if n == 1 else 's'}"


def _cmd_backup(location: Location) -> int:
    from .services.backups import back_up
    from .store.backup import format_size

    info = back_up(location, kind="manual")
    print(f"Backup saved at {info.path} ({format_size(info.size)}).")
    print(f"Checked: the copy is intact and its journal of {_rows(info.check.journal_rows)} holds; "
          f"it has {info.check.describe()}.")
    if info.anchor is not None:
        print(f"Sealed: its journal ends at row {info.anchor.row:,} (seal {info.anchor.seal}), written inside "
              "the copy, beside it and in this computer's anchors file, for “lto-desk verify”.")
    return 0


def _list_backups(location: Location) -> int:
    from .services.backups import backups_to_offer
    from .store.backup import format_size

    choices = backups_to_offer(location)
    folder = location.files_dir / "backups"
    if not choices:
        print(f"There are no backups in {folder} yet. Make one with: lto-desk backup")
        return 0
    print(f"Backups in {folder}, newest first:")
    for choice in choices:
        info = choice.info
        what = choice.check.describe() if choice.check else f"cannot be used. {choice.problem}"
        print(f"  {info.path.name}  {info.taken_at:%Y-%m-%d %H:%M}  {info.kind_label}, "
              f"{format_size(info.size)}: {what}")
    print("To bring one back: lto-desk restore FILE")
    return 0


def _owner_says_yes(location: Location, live, as_name: str | None) -> bool:
    """An owner's name and PIN, checked against the database about to be replaced
    (wrong PINs count toward its lockout); False, said on stderr, when not given or not
    an owner's. A database that cannot be opened has no PIN to check, as at the
    window's start: it is said so, and the restore goes on."""
    from .cli_person import name_and_pin
    from .domain.errors import StorageError
    from .services import backups, clerks
    from .store.database import close_database

    if not live.exists():
        return True
    try:
        _open(location)
    except StorageError as exc:
        print(f"The database {live} cannot be opened ({exc.message}), so no owner's PIN can be checked "
              "against it.")
        return True
    try:
        given = name_and_pin(as_name, "an owner's name and PIN to restore", "Owner's name")
        if given is None:
            return False
        name, pin = given
        try:
            backups.check_may_restore(clerks.log_in(name, pin))
        except LtoError as exc:
            print(f"lto-desk: {exc.message} Nothing was changed.", file=sys.stderr)
            return False
        return True
    finally:
        close_database()


def _cmd_restore(location: Location, file: str | None, *, yes: bool, as_name: str | None = None) -> int:
    from pathlib import Path

    from .store.backup import check_backup_file, database_path, replaced_name, restore_backup
    from .store.database import now

    if file is None:
        return _list_backups(location)
    path = Path(file).expanduser()
    in_folder = location.files_dir / "backups" / file
    if not path.exists() and in_folder.exists():
        path = in_folder
    live = database_path(location)
    check = check_backup_file(path)
    at = now().replace(microsecond=0)
    print(f"Backup {path.absolute()}")
    print(f"  holds {check.describe()}; its journal of {_rows(check.journal_rows)} is intact.")
    if check.last_change_at:
        print(f"  Its last change was made on {check.last_change_at:%Y-%m-%d at %H:%M}.")
    if live.exists():
        print(f"It replaces the database {live}: whatever was entered after the backup will be gone,")
        print(f"but the database as it is now is kept first as {location.files_dir / 'backups' / replaced_name(at)}.")
    sys.stdout.flush()
    if not _owner_says_yes(location, live, as_name):
        return 2
    if not yes:
        if sys.stdin is None or not sys.stdin.isatty():
            print("lto-desk: restoring replaces the database, so it asks first: run it in a terminal, "
                  "or add --yes. Nothing was changed.", file=sys.stderr)
            return 2
        try:
            answer = input(f"Type YES to replace {live} with this backup: ")
        except EOFError:
            answer = ""
        if answer.strip() != "YES":
            print("Nothing was changed.")
            return 1
    result = restore_backup(location, path, at=at)
    print(f"Restored: {live} now holds {result.check.describe()} (checked).")
    if result.replaced_copy is not None:
        print(f"The database you had is kept at {result.replaced_copy}.")
    print("If LTO Desk is open on a counter, close it and start it again.")
    return 0


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
