"""Who runs a command that acts for someone: a name (``--as NAME``, or asked at the
terminal) and that person's PIN (``LTO_DESK_PIN`` for scripts, or asked unechoed)."""

from __future__ import annotations

import getpass
import os
import sys


def name_and_pin(as_name: str | None, needs: str, who: str = "Name") -> tuple[str, str] | None:
    """(name, PIN), or None when they were not given (said on stderr: ``needs`` is what the
    command needs, e.g. "an owner's name and PIN"; ``who`` asks for the name)."""
    at_terminal = sys.stdin is not None and sys.stdin.isatty()
    name = as_name
    if name is None and at_terminal:
        try:
            name = input(f"{who}: ").strip()
        except EOFError:
            name = ""
    pin = os.environ.get("LTO_DESK_PIN")
    if pin is None and name and at_terminal:
        try:
            pin = getpass.getpass(f"{name}'s PIN: ")
        except EOFError:
            pin = ""
    if not name or not pin:
        print(f"lto-desk: this needs {needs}: run it in a terminal, or give --as NAME with the PIN in "
              "LTO_DESK_PIN. Nothing was changed.", file=sys.stderr)
        return None
    return name, pin


def acting_person(as_name: str | None, needs: str, who: str = "Name"):
    """The person a command acts for, logged in with their PIN (the roles then apply as in
    the window, and the journal names them), or None when that failed (said on stderr,
    nothing changed). ``needs``: e.g. "an owner's name and PIN to add staff"."""
    from .domain.errors import LtoError
    from .services import clerks

    given = name_and_pin(as_name, needs, who)
    if given is None:
        return None
    try:
        return clerks.log_in(*given)
    except LtoError as exc:
        print(f"lto-desk: {exc.message} Nothing was changed.", file=sys.stderr)
        return None
