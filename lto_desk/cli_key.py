"""`lto-desk key`: the books' key from the command line.

  lto-desk key                       where the key is, and whether its sheet was printed
  lto-desk key enter                 type it from the recovery sheet (asked unechoed; or piped in)
  lto-desk key sheet --as NAME       the owner's recovery sheet, as a PDF in the reports folder
  lto-desk key new --as NAME [--yes] the owner starts a new key (only when the old one is lost)
"""

from __future__ import annotations

import argparse
import getpass
import sys

from .store.paths import Location


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    key = sub.add_parser(
        "key", parents=[common],
        help="the books' key: where it is; enter it from the recovery sheet; print the sheet; start a new one",
    )
    key.add_argument("action", nargs="?", choices=("status", "enter", "sheet", "new"), default="status")
    key.add_argument("--as", dest="as_name", metavar="NAME",
                     help="the owner's name, for scripts (the PIN then comes from LTO_DESK_PIN)")
    key.add_argument("--yes", action="store_true", help="start a new key without asking (key new)")


def run(location: Location, action: str, *, as_name: str | None, yes: bool) -> int:
    from .domain.errors import LtoError
    from .services import journal_key

    _open(location)
    if action == "status":
        print(journal_key.key_status().describe())
        return 0
    if action == "enter":
        return _enter()
    owner = _owner(as_name, "print the key's recovery sheet" if action == "sheet" else "start a new key")
    if owner is None:
        return 2
    try:
        if action == "sheet":
            path = journal_key.save_recovery_sheet(owner, location.folder("reports"))
            print(f"The recovery sheet is saved at {path}. Print it, keep it locked away, then delete that file.")
            return 0
        if not yes and not _confirmed():
            print("Nothing was changed.")
            return 1
        status = journal_key.start_new_key(owner)
    except LtoError as exc:
        print(f"lto-desk: {exc.message}", file=sys.stderr)
        return 2
    print(f"A new key seals the books from journal row {status.since:,} on. Print its recovery sheet now: "
          "lto-desk key sheet")
    return 0


def _open(location: Location) -> None:
    from .store.database import open_database

    open_database(location, create=False)


def _enter() -> int:
    from .domain.errors import LtoError
    from .services import journal_key

    try:
        if sys.stdin is not None and sys.stdin.isatty():
            text = getpass.getpass("Type the key from the recovery sheet: ")
        else:
            text = sys.stdin.readline() if sys.stdin is not None else ""
        kept_in_keyring = journal_key.enter_key(text)
    except (EOFError, KeyboardInterrupt):
        print("Nothing was changed.")
        return 1
    except LtoError as exc:
        print(f"lto-desk: {exc.message}", file=sys.stderr)
        return 1
    print("The key is right; it is kept in this computer's password keyring." if kept_in_keyring else
          "The key is right, but this computer has no password keyring: it is kept for this command only. "
          "For scripts, set LTO_DESK_KEY to it.")
    return 0


def _owner(as_name: str | None, what: str):
    from .cli_person import acting_person

    return acting_person(as_name, f"the owner's name and PIN to {what}", "Owner's name")


def _confirmed() -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        print("lto-desk: a new key is started only when asked at a terminal, or with --yes.", file=sys.stderr)
        return False
    print("Start a new key only when the recovery sheet is lost too: the rows sealed with the lost key can then "
          "be checked only against the Z reports and backups.")
    try:
        return input("Type NEW KEY to go on: ").strip() == "NEW KEY"
    except EOFError:
        return False
