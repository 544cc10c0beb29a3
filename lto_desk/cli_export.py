"""`lto-desk export`: all of the dealer's data as CSV files, for the owner.

  lto-desk export --to FOLDER --as NAME [--db PATH]

Writes a new dated folder inside FOLDER (never over another export): customers.csv,
vehicles.csv and agreements.csv in our own import columns, every table under tables/,
files.csv and README.txt (services/exporting.py). Exit 0 when written, 1 when refused
(not the owner; a folder that is not there or cannot be written), 2 when the person
could not be logged in.
"""

from __future__ import annotations

import argparse
import sys

from .store.paths import Location


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    command = sub.add_parser(
        "export", parents=[common],
        help="all of the dealer's data as CSV files (that our import reads back) with a column guide",
    )
    command.add_argument("--to", dest="folder", required=True, metavar="FOLDER",
                         help="the folder to write into (a new dated folder is made inside it)")
    command.add_argument("--as", dest="as_name", metavar="NAME",
                         help="the owner's name (the PIN from LTO_DESK_PIN, or asked)")


def run(location: Location, folder: str, *, as_name: str | None) -> int:
    from .cli_person import acting_person
    from .domain.errors import LtoError
    from .store.database import close_database, open_database

    open_database(location, create=False, check=True)
    try:
        person = acting_person(as_name, "the owner's name and PIN to export the data", "Owner's name")
        if person is None:
            return 2
        from .services import exporting

        try:
            result = exporting.export_all(person, folder, location=location)
        except LtoError as exc:
            print(f"lto-desk: {exc.message} Nothing was exported.", file=sys.stderr)
            return 1
        print(f"Exported to {result.folder}")
        print(f"  {_count(result.customers, 'customer')}, {_count(result.vehicles, 'vehicle')}, "
              f"{_count(result.running_agreements, 'running agreement')} "
              "(customers.csv, vehicles.csv, agreements.csv)")
        tables = sum(1 for f in result.files if f.name.startswith("tables/"))
        print(f"  {tables} tables in tables/, the saved receipts and letters in files.csv, "
              "what each column means in README.txt")
        return 0
    finally:
        close_database()


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"
