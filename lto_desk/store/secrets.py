"""Passwords (the database server's, the mail account's) live only in the system keyring.

When the computer has no usable keyring (a bare Linux box, a locked or broken one),
a secret is asked for once per run and kept in this process's memory for the session:
it is never written to a file, a setting or the database. The person is told so in
the same prompt that asks for it.
"""

from __future__ import annotations

import getpass
import sys
import threading
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote, urlsplit

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from ..domain.errors import InvalidInput, NotFound

SERVICE = "lto-desk"


@dataclass(frozen=True)
class SecretRequest:
    """What a prompt for a secret shows.

    Attributes:
      name: the secret's key, e.g. ``mail:counter@dealer.com``.
      label: what it is in words, e.g. "the mail password for counter@dealer.com".
      remembered: True when the answer will be saved in the keyring (asked only this once).
      note: one plain sentence on where the answer is kept.
    """

    name: str
    label: str
    remembered: bool
    note: str


#: Asks the person for a secret; returns it, or None when they cancel.
Ask = Callable[[SecretRequest], "str | None"]


def no_keyring_message(label: str) -> str:
    return (
        f"This computer has no password keyring, so LTO Desk will ask for {label} "
        "each time it starts; it is never written to disk."
    )


def keyring_message(label: str) -> str:
    return f"LTO Desk will keep {label} in this computer's password keyring and not ask again."


class _Session:
    """The secrets of this run, in memory only; forgotten when the program ends."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.kept: dict[str, str] = {}
        self.keyring_failed = False  # the keyring raised during this run: use memory from now on


_session = _Session()


def _usable(backend: KeyringBackend) -> bool:
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_usable(b) for b in backend.backends)
    return True


def keyring_available() -> bool:
    """True when secrets can be saved in a system keyring on this computer (this run)."""
    if _session.keyring_failed:
        return False
    try:
        return _usable(keyring.get_keyring())
    except (keyring.errors.KeyringError, RuntimeError):
        return False


def _label(name: str) -> str:
    kind, _, what = name.partition(":")
    if kind == "database":
        return f"the database server password for {what}"
    if kind == "mail":
        return f"the mail password for {what}"
    return f"the password “{name}”"


def _from_keyring(name: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, name)
    except (keyring.errors.KeyringError, RuntimeError):
        _session.keyring_failed = True
        return None


def _to_keyring(name: str, value: str) -> bool:
    try:
        keyring.set_password(SERVICE, name, value)
    except (keyring.errors.KeyringError, RuntimeError):
        _session.keyring_failed = True
        return False
    return True


def get_secret(name: str, *, ask: Ask | None = None) -> str:
    """The secret ``name``: from this run's memory, else the keyring, else asked once.

    An answer is saved in the keyring when there is one, else kept in memory for
    this run only. Raises NotFound when it is not saved and there is no ``ask`` (or
    the person cancels)."""
    with _session.lock:
        if name in _session.kept:
            return _session.kept[name]
        if keyring_available():
            saved = _from_keyring(name)
            if saved is not None:
                return saved
        label = _label(name)
        if ask is None:
            raise NotFound(f"LTO Desk does not have {label} yet. Please type it when asked.")
        remembered = keyring_available()
        note = keyring_message(label) if remembered else no_keyring_message(label)
        answer = ask(SecretRequest(name, label, remembered, note))
        if not answer:
            raise NotFound(f"{label[0].upper()}{label[1:]} is needed to go on; nothing was changed.")
        if not (remembered and _to_keyring(name, answer)):
            _session.kept[name] = answer
        return answer


def in_keyring(name: str) -> bool:
    """True when the secret ``name`` is saved in this computer's keyring (not only this run's memory)."""
    with _session.lock:
        return keyring_available() and _from_keyring(name) is not None


def set_secret(name: str, value: str) -> bool:
    """Save ``value`` as the secret ``name``: True when it went into the keyring; False when
    there is none, and it is kept in memory for this run only (tell the person
    :func:`no_keyring_message`)."""
    if not value:
        raise InvalidInput("Please type the password.")
    with _session.lock:
        if keyring_available() and _to_keyring(name, value):
            _session.kept.pop(name, None)
            return True
        _session.kept[name] = value
        return False


def forget_secret(name: str) -> None:
    """Drop a secret that turned out wrong (memory and keyring), so it is asked again."""
    with _session.lock:
        _session.kept.pop(name, None)
        if keyring_available():
            try:
                keyring.delete_password(SERVICE, name)
            except keyring.errors.PasswordDeleteError:
                pass  # it was not saved there
            except (keyring.errors.KeyringError, RuntimeError):
                _session.keyring_failed = True


def forget_all() -> None:
    """Forget this run's secrets held in memory (as when the program ends)."""
    global _session
    with _session.lock:
        _session = _Session()


# -- the secrets the product uses ---------------------------------------------------------


def database_secret_name(url: str) -> str:
    """``database:<user>@<host>/<db>`` for a ``postgresql://user@host/db`` URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise InvalidInput("Only a database server (a postgresql:// address) has a password.")
    if not parts.username or not parts.hostname:
        raise InvalidInput("The database server address needs a user and a host, like postgresql://lto@server/lto.")
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return f"database:{unquote(parts.username)}@{host}{parts.path or '/'}"


def database_password(url: str, ask: Ask | None = None) -> str:
    """The password for the database server at ``url`` (a password written in the URL
    itself is used as it is, and never saved)."""
    name = database_secret_name(url)
    written = urlsplit(url).password
    if written:
        return unquote(written)
    return get_secret(name, ask=ask)


def mail_password(account: str, ask: Ask | None = None) -> str:
    """The password of the mail account letters are sent from."""
    account = str(account or "").strip()
    if not account:
        raise InvalidInput("Please type the mail account (the address letters are sent from).")
    return get_secret(f"mail:{account}", ask=ask)


def ask_in_terminal(request: SecretRequest) -> str | None:
    """The ``ask`` of the command line: says where the answer is kept, then reads it unechoed."""
    print(request.note, file=sys.stderr)
    try:
        return getpass.getpass(f"Type {request.label}: ") or None
    except (EOFError, KeyboardInterrupt):
        return None
