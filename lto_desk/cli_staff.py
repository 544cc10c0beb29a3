"""`lto-desk staff`: the staff list from the command line, acting as a person (``--as NAME``).

  lto-desk staff list --as NAME                         everyone, with their role and status
  lto-desk staff add NAME --role clerk|manager|owner --as NAME
  lto-desk staff role NAME --role clerk|manager|owner --as NAME
  lto-desk staff reset-pin NAME --as NAME               they choose a new PIN at their next log-in
  lto-desk staff deactivate NAME --as NAME              they can no longer log in
  lto-desk staff reactivate NAME --as NAME

Exit 0 when done, 1 when refused (nothing changed), 2 when the person could not be logged in.
"""

from __future__ import annotations

import argparse
import sys

from .store.paths import Location

ACTIONS = ("list", "add", "role", "reset-pin", "deactivate", "reactivate")
ROLES = ("clerk", "manager", "owner")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    staff = sub.add_parser(
        "staff", parents=[common],
        help="the staff list: list; add a person; change a role; reset a PIN; turn a login off or on again",
    )
    staff.add_argument("action", choices=ACTIONS)
    staff.add_argument("name", nargs="?", metavar="NAME", help="the person to add or change")
    staff.add_argument("--role", choices=ROLES, help="the role to give (add, role)")
    staff.add_argument("--as", dest="as_name", metavar="NAME",
                       help="who does it (the owner; a manager may list and reset a clerk's PIN); "
                            "the PIN comes from LTO_DESK_PIN or is asked")


def run(location: Location, action: str, name: str | None, *, role: str | None, as_name: str | None) -> int:
    from .domain.errors import LtoError

    needs_name = action != "list"
    if needs_name and not name:
        return _refused(f"say whom: lto-desk staff {action} NAME.")
    if action in ("add", "role") and not role:
        return _refused(f"say which role: lto-desk staff {action} NAME --role clerk|manager|owner.")
    from .cli_person import acting_person
    from .store.database import close_database, open_database

    open_database(location, create=False)
    try:
        who = "the owner's name and PIN" if action != "list" else "an owner's or a manager's name and PIN"
        actor = acting_person(as_name, who, "Your name")
        if actor is None:
            return 2
        try:
            print(_do(actor, action, name, role))
        except LtoError as exc:
            return _refused(exc.message)
        return 0
    finally:
        close_database()


def _refused(message: str) -> int:
    print(f"lto-desk: {message} Nothing was changed.", file=sys.stderr)
    return 1


def _do(actor, action: str, name: str | None, role: str | None) -> str:
    from .services import staff

    if action == "list":
        return staff_table(staff.list_staff(actor))
    if action == "add":
        staff.add_staff(actor, name, role)
        return f"Added {' '.join(name.split())} as a {role}. They choose their own PIN when they first log in."
    person = _find(actor, name)
    if action == "role":
        staff.change_role(actor, person.id, role)
        return f"{person.name} is now a {role}; they log in again to use it."
    if action == "reset-pin":
        staff.reset_pin(actor, person.id)
        return f"{person.name}'s PIN is reset: they choose a new one when they next log in."
    if action == "deactivate":
        staff.deactivate(actor, person.id)
        return f"{person.name} can no longer log in; what they did keeps their name."
    staff.reactivate(actor, person.id)
    return f"{person.name} can log in again."


def _find(actor, name: str):
    from .domain.errors import NotFound
    from .services import staff

    wanted = " ".join(name.split()).casefold()
    for row in staff.list_staff(actor):
        if row.name.casefold() == wanted:
            return row
    raise NotFound(f"There is nobody named {name} on the staff list (lto-desk staff list shows who is).")


def staff_table(rows) -> str:
    """The staff as a table for the terminal: name, role, status, added."""
    lines = [("Name", "Role", "Status", "Added")] + [
        (r.name, r.role.label, r.status, r.created_at.strftime("%m/%d/%Y")) for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)
