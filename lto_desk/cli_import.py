"""`lto-desk import`: bring a dealer's book in from another system's files.

  lto-desk import customers.csv --kind customers --as NAME [--dry-run] [--map MAP.json] [--save-map MAP.json]
  lto-desk import customers.csv vehicles.csv accounts.xlsx --as NAME    (the kinds guessed from the names,
                                                                         or one --kind per file, in order)
  … payments.csv --kind payments     an account's payment history, replayed instead of its stated position
                                     (where it lands elsewhere, the account and both figures are printed)

Every row is checked first (nothing is written while any row has a problem); exit 0 when
imported, or with --dry-run when every row passes; 1 listing every problem as
``row N, COLUMN: message`` (row 1 is the header, as in a spreadsheet); 2 when the person
could not log in or a file could not be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .store.paths import Location

_KINDS = ("customers", "vehicles", "agreements", "payments")
#: Words in a file's name that say its kind.
_NAMED = {"customers": ("customer", "client", "buyer"), "vehicles": ("vehicle", "inventory", "stock", "car"),
          "agreements": ("agreement", "account", "contract", "deal", "loan"),
          "payments": ("payment", "history", "transaction", "pmts")}


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    command = sub.add_parser(
        "import", parents=[common],
        help="bring customers, vehicles and running agreements in from another system's CSV or .xlsx files",
    )
    command.add_argument("files", nargs="+", metavar="FILE",
                         help="a CSV or .xlsx file (several: one of each kind: customers, vehicles, agreements, "
                              "and payments, the history of the agreements in the same import)")
    command.add_argument("--kind", action="append", choices=_KINDS, default=[],
                         help="what the file holds (once per file, in the files' order; guessed from the name if left out)")
    command.add_argument("--map", action="append", default=[], metavar="MAP.json",
                         help="a saved column map (which of the file's headers is which of ours); once per file")
    command.add_argument("--save-map", metavar="MAP.json",
                         help="save the column map used for the (one) file, to reuse with --map")
    command.add_argument("--dry-run", action="store_true", help="check every row and write nothing")
    command.add_argument("--as", dest="as_name", metavar="NAME",
                         help="the manager's or owner's name (the PIN from LTO_DESK_PIN, or asked)")


def run(location: Location, args: argparse.Namespace) -> int:
    from .cli_person import acting_person
    from .domain.errors import LtoError
    from .store.database import open_database

    try:
        plans = _plans(args)
    except LtoError as exc:
        print(f"lto-desk: {exc.message} Nothing was imported.", file=sys.stderr)
        return 2
    open_database(location, check=True)
    person = acting_person(args.as_name, "a manager's name and PIN to import", "Manager's name")
    if person is None:
        return 2
    from .services import importing

    try:
        preview = importing.check_import(person, plans)
    except LtoError as exc:
        print(f"lto-desk: {exc.message} Nothing was imported.", file=sys.stderr)
        return 1
    if args.save_map:
        _save_map(plans, args.save_map)
    if not preview.ok:
        for line in preview.problem_lines():
            print(line)
        rows = len({(p.file, p.problem.row) for p in preview.problems})
        print(f"{len(preview.problems):,} problems in {rows:,} rows. Nothing was imported: fix them in the file "
              "and run this again.", file=sys.stderr)
        return 1
    print(preview.summary() + ".")
    for line in preview.differences:
        print(line)
    if args.dry_run:
        print("Every row passes (a dry run: nothing was written).")
        return 0
    try:
        result = importing.run_import(person, preview, progress=_progress)
    except LtoError as exc:
        print(f"\nlto-desk: {exc.message}", file=sys.stderr)
        return 1
    print(("\n" if _shown[0] else "") + result.describe() + (f" Journal code {result.journal_code}."
                                                            if result.journal_code else ""))
    return 0


_shown = [False]


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        _shown[0] = True
        print(f"\rImporting… {done:,} of {total:,}", end="", file=sys.stderr, flush=True)


def _plans(args: argparse.Namespace):
    from .domain.errors import InvalidInput
    from .domain.import_columns import ImportKind, guess_mapping, mapping_from_json
    from .services.import_files import read_table
    from .services.importing import ImportSource

    files = [Path(f) for f in args.files]
    if args.kind and len(args.kind) != len(files):
        raise InvalidInput(f"Give one --kind for each file ({len(files)} files, {len(args.kind)} kinds).")
    if args.map and len(args.map) != len(files):
        raise InvalidInput(f"Give one --map for each file ({len(files)} files, {len(args.map)} maps).")
    if args.save_map and len(files) != 1:
        raise InvalidInput("--save-map saves the map of one file: import that file on its own.")
    plans = []
    for n, path in enumerate(files):
        kind = ImportKind(args.kind[n]) if args.kind else _guess_kind(path)
        table = read_table(path)
        if args.map:
            try:
                text = Path(args.map[n]).read_text(encoding="utf-8")
            except OSError as exc:
                raise InvalidInput(f"The map {args.map[n]} cannot be read ({exc.strerror}).") from None
            map_kind, mapping = mapping_from_json(text)
            if map_kind is not kind:
                raise InvalidInput(f"The map {args.map[n]} is for {map_kind.value}, not {kind.value}.")
        else:
            mapping = guess_mapping(kind, table.headers)
        plans.append(ImportSource(kind, table, mapping))
    return plans


def _guess_kind(path: Path):
    from .domain.errors import InvalidInput
    from .domain.import_columns import ImportKind

    name = path.stem.casefold()
    found = [k for k, words in _NAMED.items() if any(w in name for w in words)]
    if len(found) != 1:
        raise InvalidInput(f"Say what {path.name} holds: --kind customers, vehicles or agreements.")
    return ImportKind(found[0])


def _save_map(plans, where: str) -> None:
    from .domain.import_columns import mapping_to_json

    Path(where).write_text(mapping_to_json(plans[0].kind, plans[0].mapping), encoding="utf-8")
    print(f"The column map is saved in {where}; use it again with --map {where}.")
