"""The journal's key: the chain is an HMAC-SHA-256, so a person with only the file cannot
re-chain it after changing a row.

Each key covers the journal from one row on (``chain_key.since``); rows written before
the first key (by a version without one) stay plain SHA-256, and are protected all the
same, since the first keyed row's hash covers the last plain one. A key is 32 random
bytes made at the first write; it lives in this computer's keyring (or, without a
keyring, in memory for this run only), and the owner keeps it on a printed recovery
sheet to type it on another computer or after the keyring is lost. The database keeps
only a check value made with the key and where it starts, so a key typed wrong is told
from the right one, and moving where the keyed part starts breaks the check.

``LTO_DESK_KEY`` (the key as printed) serves scripts on a computer with no keyring, and
is the key new books get when it is set (the tests set it, so the processes they start
share it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets as random
import threading
from dataclasses import dataclass

from ..domain.errors import InvalidInput, NotFound
from . import secrets
from .models import ChainKey, JournalRow

KEY_ENV = "LTO_DESK_KEY"
KEY_BYTES = 32
_SECRET_PREFIX = "journal-key:"


class KeyMissing(NotFound):
    """The books are keyed, and this computer does not hold the key (type it from the sheet)."""


@dataclass(frozen=True)
class Segment:
    """The journal from row ``since`` on (up to the next segment), sealed with one key.

    Attributes:
      since: the first journal row this key seals.
      check: the check value made with the key (names it in the keyring).
      made_at: when the key was made; lost_at: when the owner said it was lost.
      key: the key, when this computer holds it; else None.
    """

    since: int
    check: str
    made_at: dt.datetime
    lost_at: dt.datetime | None
    key: bytes | None


def check_value(key: bytes, since: int) -> str:
    """What the database keeps to tell the right key (for rows from ``since``) from a wrong one."""
    return hmac.new(key, f"lto-desk journal key from row {since}".encode(), hashlib.sha256).hexdigest()[:32]


def key_text(key: bytes) -> str:
    """The key as the recovery sheet prints it: 64 hex digits in groups of four."""
    digits = key.hex().upper()
    return "-".join(digits[i:i + 4] for i in range(0, len(digits), 4))


def parse_key(text: str) -> bytes:
    """A key typed from the recovery sheet (spaces, dashes and case do not matter)."""
    digits = "".join(ch for ch in str(text or "") if not ch.isspace() and ch != "-")
    if not digits:
        raise InvalidInput("Please type the key from the recovery sheet.")
    if len(digits) != KEY_BYTES * 2 or any(ch not in "0123456789abcdefABCDEF" for ch in digits):
        raise InvalidInput(
            f"The key on the recovery sheet is {KEY_BYTES * 2} letters and digits (0–9, A–F) in groups of four; "
            f"what was typed has {len(digits)}. Please check it and type it again."
        )
    return bytes.fromhex(digits)


def hash_row(key: bytes | None, body: bytes) -> str:
    """A journal row's hash: HMAC-SHA-256 with the key, or plain SHA-256 before the first key."""
    if key is None:
        return hashlib.sha256(body).hexdigest()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def secret_name(check: str) -> str:
    return _SECRET_PREFIX + check


def _from_env(check: str, since: int) -> bytes | None:
    key = _key_from_env()
    return key if key is not None and hmac.compare_digest(check_value(key, since), check) else None


def held_key(check: str, since: int) -> bytes | None:
    """The key of segment (``check``, ``since``) if this computer holds it (this run's memory,
    the keyring, or ``LTO_DESK_KEY``); else None."""
    try:
        key = parse_key(secrets.get_secret(secret_name(check)))
    except (NotFound, InvalidInput):
        return _from_env(check, since)
    return key if hmac.compare_digest(check_value(key, since), check) else _from_env(check, since)


class _Keys:
    """The keys found so far, by check value (a keyring lookup is slow; the chain_key
    table itself is read at every write: one or two rows)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.found: dict[str, bytes | None] = {}

    def get(self, check: str, since: int) -> bytes | None:
        with self.lock:
            if check in self.found:
                return self.found[check]
        key = held_key(check, since)
        with self.lock:
            self.found[check] = key
        return key

    def clear(self) -> None:
        with self.lock:
            self.found.clear()


_keys = _Keys()


def forget_cached() -> None:
    """Look the keys up again (a key was made, typed or replaced)."""
    _keys.clear()


def read_segments() -> list[Segment]:
    """Every key segment of the open database, oldest first, each with its key when held."""
    return [
        Segment(row.since, row.key_check, row.made_at, row.lost_at, _keys.get(row.key_check, row.since))
        for row in ChainKey.select().order_by(ChainKey.since)
    ]


def segment_of(segments: list[Segment], row_id: int) -> Segment | None:
    """The segment that seals journal row ``row_id`` (None: written before the first key)."""
    found = None
    for segment in segments:
        if segment.since <= row_id:
            found = segment
    return found


def key_for_next_row(next_id: int, made_at: dt.datetime) -> bytes:
    """The key that seals journal row ``next_id``. Call inside the write transaction.

    On the first write of a database with no key yet, a new key is made here: kept in
    the keyring (or this run's memory) and its check in the database, in the same
    transaction, so a key is never half made."""
    row = ChainKey.select().order_by(ChainKey.since.desc()).first()
    if row is None:
        return _make_key(next_id, made_at).key
    key = _keys.get(row.key_check, row.since)
    if key is None:
        forget_cached()  # typed on this computer by another program since: look once more
        key = _keys.get(row.key_check, row.since)
    if key is None:
        raise KeyMissing(missing_key_message())
    return key


def missing_key_message() -> str:
    return (
        "This computer does not hold the books' key, so nothing can be saved. The owner types it "
        "from the recovery sheet (Settings → Journal key, or `lto-desk key enter`)."
    )


def _key_from_env() -> bytes | None:
    text = os.environ.get(KEY_ENV)
    try:
        return parse_key(text) if text else None
    except InvalidInput:
        return None


def _make_key(since: int, made_at: dt.datetime) -> Segment:
    key = _key_from_env() or random.token_bytes(KEY_BYTES)
    check = check_value(key, since)
    ChainKey.insert(since=since, made_at=made_at, key_check=check).execute()
    secrets.set_secret(secret_name(check), key_text(key))
    with _keys.lock:
        _keys.found[check] = key
    return Segment(since, check, made_at, None, key)


def keep_key(key: bytes) -> bool:
    """Keep a key typed from the recovery sheet, if it is one of these books' keys: True when
    it went into the keyring, False when kept for this run only. Refuses a wrong key."""
    for row in ChainKey.select().order_by(ChainKey.since):
        if hmac.compare_digest(check_value(key, row.since), row.key_check):
            saved = secrets.set_secret(secret_name(row.key_check), key_text(key))
            forget_cached()
            return saved
    raise InvalidInput(
        "That is not the key of these books (the check made with it does not match). "
        "Please check each group of four against the recovery sheet."
    )


def start_new_key(since: int, made_at: dt.datetime) -> Segment:
    """The owner lost the key: mark the current one lost and start a new one from row
    ``since``. Call inside the write transaction that writes row ``since``."""
    lost = [s.check for s in read_segments() if s.key is None and s.lost_at is None]
    if lost:
        ChainKey.update(lost_at=made_at).where(ChainKey.key_check.in_(lost)).execute()
    segment = _make_key(since, made_at)
    forget_cached()
    return segment


def next_journal_id() -> int:
    """The id the next journal row gets (inside the write transaction that writes it)."""
    last = JournalRow.select(JournalRow.id).order_by(JournalRow.id.desc()).first()
    return last.id + 1 if last else 1


def books_id() -> str | None:
    """What names these books in anchors: the check value of their first key (None before one)."""
    first = ChainKey.select(ChainKey.key_check).order_by(ChainKey.since).first()
    return first.key_check if first else None


def keyring_note(kept_in_keyring: bool) -> str:
    if kept_in_keyring:
        return "The key is kept in this computer's password keyring."
    return secrets.no_keyring_message("the books' key")
