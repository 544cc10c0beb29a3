"""The books' key for people: is it on this computer, type it from the recovery sheet,
print the sheet (the owner), start a new one when it is lost (the owner).

See ``store.seal`` for what the key does. The window asks for the key at log-in when
this computer does not hold it, and reminds the owner to print the sheet of a key that
has none printed yet.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..documents.recovery_sheet import RecoverySheet, render_recovery_sheet
from ..domain.errors import NotAllowed, Refused
from ..domain.roles import Role
from ..store import seal, secrets
from ..store.database import now as clock
from ..store.models import Setting
from .base import Actor, holds_role, require_role, unit_of_work
from .saved_pages import dealer_header, write_atomically
from .settings import load_settings

#: The setting naming the key whose recovery sheet was printed last (its check value).
SHEET_PRINTED = "recovery_sheet_printed"


@dataclass(frozen=True)
class KeyStatus:
    """Attributes:
      keyed: the books have a key (they get one at their first change).
      held: this computer holds the current key.
      in_keyring: it is kept in the keyring (else for this run only, or from LTO_DESK_KEY).
      since: the first journal row the current key seals.
      check: the first 8 characters of its check value, as the sheet prints them.
      sheet_printed: the current key's recovery sheet was printed.
      lost_keys: how many earlier keys were reported lost.
    """

    keyed: bool
    held: bool
    in_keyring: bool
    since: int
    check: str
    sheet_printed: bool
    lost_keys: int

    def describe(self) -> str:
        if not self.keyed:
            return "The books get their key at their first change."
        if not self.held:
            return "This computer does not hold the books' key. Type it from the recovery sheet."
        where = ("in this computer's password keyring" if self.in_keyring
                 else "for this run only (this computer has no password keyring)")
        sheet = "Its recovery sheet was printed." if self.sheet_printed else "Its recovery sheet has not been printed yet."
        return f"The books' key (check {self.check}) is kept {where}. {sheet}"


def _sheet_printed_for() -> str:
    row = Setting.get_or_none(Setting.key == SHEET_PRINTED)
    return json.loads(row.value) if row else ""


def key_status() -> KeyStatus:
    segments = seal.read_segments()
    if not segments:
        return KeyStatus(False, False, False, 0, "", False, 0)
    current = segments[-1]
    in_keyring = current.key is not None and secrets.in_keyring(seal.secret_name(current.check))
    return KeyStatus(
        True, current.key is not None, in_keyring, current.since, current.check[:8].upper(),
        _sheet_printed_for() == current.check, sum(1 for s in segments if s.lost_at is not None),
    )


def enter_key(text: str) -> bool:
    """Keep a key typed from the recovery sheet (refused with a plain message when it is not
    these books' key): True when it went into the keyring, False when kept for this run."""
    return seal.keep_key(seal.parse_key(text))


def sheet_due(person: Actor | None) -> bool:
    """True when ``person`` is the owner (read from the staff table) and should print the
    current key's recovery sheet (none printed yet); False for anyone else."""
    try:
        if not holds_role(person, Role.OWNER):
            return False
    except NotAllowed:  # nobody logged in
        return False
    status = key_status()
    return status.keyed and status.held and not status.sheet_printed


def save_recovery_sheet(actor: Actor, folder: Path, *, at: dt.datetime | None = None) -> Path:
    """The owner's recovery sheet of the current key, as a PDF in ``folder`` (to print, then
    keep locked away); written down as printed (journaled)."""
    require_role(actor, Role.OWNER, "print the key's recovery sheet")
    segments = seal.read_segments()
    if not segments or segments[-1].key is None:
        raise Refused(seal.missing_key_message() if segments else "The books have no key yet: make a first change.")
    current = segments[-1]
    at = at or clock()
    pdf = render_recovery_sheet(RecoverySheet(
        dealer_header(load_settings()), seal.key_text(current.key), current.since, current.check,
        current.made_at, at, actor.name,
    ))
    path = write_atomically(folder / f"key-recovery-sheet-{at:%Y%m%d-%H%M%S}.pdf", pdf)
    before = _sheet_printed_for()
    if before != current.check:
        with unit_of_work(actor, "print_recovery_sheet", at) as work:
            Setting.insert(key=SHEET_PRINTED, value=json.dumps(current.check)).on_conflict_replace().execute()
            work.record("setting", SHEET_PRINTED, {"value": before} if before else None, {"value": current.check})
    return path


def start_new_key(actor: Actor, *, at: dt.datetime | None = None) -> KeyStatus:
    """The owner's key is lost (no keyring, no sheet): start a new key from the next journal
    row. The rows before it can then be checked against the anchors only (``verify`` says
    so). Refused while this computer holds the key: there is nothing to replace."""
    require_role(actor, Role.OWNER, "start a new key")
    segments = seal.read_segments()
    if segments and segments[-1].key is not None:
        raise Refused("This computer holds the books' key, so there is nothing to replace. "
                      "Print its recovery sheet instead (Settings → Journal key).")
    at = at or clock()
    with unit_of_work(actor, "journal_key_replaced", at) as work:
        next_id = seal.next_journal_id()
        seal.start_new_key(next_id, at)
        lost = [s.since for s in segments]
        work.record("chain_key", str(next_id), None, {"lost_keys_from_rows": lost})
    return key_status()
