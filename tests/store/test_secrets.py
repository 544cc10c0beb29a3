"""Passwords only in the keyring; with none, asked once per run, kept in memory, never on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from lto_desk.domain.errors import InvalidInput, NotFound
from lto_desk.store import secrets
from lto_desk.store.secrets import SecretRequest

DB_URL = "postgresql://lto@db.example.com/lto"
DB_NAME = "database:lto@db.example.com/lto"
MAIL = "mail:counter@sunrise-autos.com"
SECRET = "Zq7-correct-horse-Xk29!"


class LockedKeyring(KeyringBackend):
    """A keyring that is there but will not open (the person dismissed the unlock prompt)."""

    priority = 1

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("locked")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")


@pytest.fixture(autouse=True)
def new_run():
    """Each test starts as a new run of the program, with the test keyring emptied."""
    before = keyring.get_keyring()
    keyring.set_keyring(type(before)())  # conftest's in-memory keyring, fresh
    secrets.forget_all()
    yield
    secrets.forget_all()
    keyring.set_keyring(before)


class Person:
    """Answers the password prompt and remembers what it was shown."""

    def __init__(self, answer: str | None = SECRET) -> None:
        self.answer = answer
        self.asked: list[SecretRequest] = []

    def __call__(self, request: SecretRequest) -> str | None:
        self.asked.append(request)
        return self.answer


def never(request: SecretRequest) -> str | None:
    raise AssertionError(f"asked for {request.name} although it is saved")


def test_with_a_keyring_a_secret_goes_there_and_comes_back_next_run():
    assert secrets.keyring_available()
    assert secrets.set_secret(MAIL, SECRET) is True
    assert keyring.get_password("lto-desk", MAIL) == SECRET
    secrets.forget_all()  # the program is started again
    assert secrets.get_secret(MAIL, ask=never) == SECRET


def test_with_a_keyring_the_person_is_asked_once_and_told_it_is_remembered():
    person = Person()
    assert secrets.database_password(DB_URL, person) == SECRET
    assert secrets.database_password(DB_URL, person) == SECRET
    secrets.forget_all()
    assert secrets.database_password(DB_URL, person) == SECRET
    [request] = person.asked
    assert request.name == DB_NAME and request.remembered
    assert request.note == (
        "LTO Desk will keep the database server password for lto@db.example.com/lto "
        "in this computer's password keyring and not ask again."
    )
    assert keyring.get_password("lto-desk", DB_NAME) == SECRET


@pytest.mark.parametrize("backend", [fail.Keyring, LockedKeyring])
def test_without_a_keyring_it_is_asked_once_per_run_kept_for_the_session_and_said(backend):
    keyring.set_keyring(backend())
    person = Person()
    for _ in range(3):
        assert secrets.mail_password("counter@sunrise-autos.com", person) == SECRET
    [request] = person.asked
    assert request.name == MAIL and not request.remembered
    assert request.note == (
        "This computer has no password keyring, so LTO Desk will ask for the mail password for "
        "counter@sunrise-autos.com each time it starts; it is never written to disk."
    )
    assert not secrets.keyring_available()
    secrets.forget_all()  # next run: asked again, once
    assert secrets.mail_password("counter@sunrise-autos.com", person) == SECRET
    assert secrets.mail_password("counter@sunrise-autos.com", person) == SECRET
    assert len(person.asked) == 2


def test_without_a_keyring_setting_a_secret_says_it_is_kept_for_this_run_only():
    keyring.set_keyring(fail.Keyring())
    assert secrets.set_secret(MAIL, SECRET) is False
    assert secrets.get_secret(MAIL, ask=never) == SECRET
    secrets.forget_all()
    with pytest.raises(NotFound, match="does not have the mail password"):
        secrets.get_secret(MAIL)


def test_without_a_keyring_a_secret_is_never_written_to_disk(owner, location, tmp_path):
    """Every file under the test's folder (data folder, database, its WAL) is read for the secret."""
    from lto_desk.services import customers

    keyring.set_keyring(fail.Keyring())
    assert secrets.database_password(DB_URL, Person()) == SECRET
    assert secrets.set_secret(MAIL, SECRET + "-mail") is False
    customers.add_customer(owner, customers.NewCustomer("Rosa", "Delgado"), at=dt.datetime(2025, 1, 6, 10))
    files = [p for p in Path(tmp_path).rglob("*") if p.is_file()]
    assert Path(location.url) in files  # the database itself is among them
    for path in files:
        data = path.read_bytes()
        for form in (SECRET.encode(), SECRET.encode("utf-16-le")):
            assert form not in data, f"the secret is in {path}"


def test_a_cancelled_prompt_keeps_nothing_and_says_what_is_needed():
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(NotFound, match="The database server password for lto@db.example.com/lto is needed"):
        secrets.database_password(DB_URL, Person(answer=None))
    assert secrets.database_password(DB_URL, Person()) == SECRET  # the person may answer when they try again


def test_a_wrong_password_is_forgotten_so_it_is_asked_again():
    secrets.set_secret(MAIL, "wrong")
    secrets.forget_secret(MAIL)
    assert keyring.get_password("lto-desk", MAIL) is None
    person = Person()
    assert secrets.get_secret(MAIL, ask=person) == SECRET and len(person.asked) == 1


def test_database_secret_names_and_addresses():
    assert secrets.database_secret_name("postgresql://lto@db.example.com:5433/lto") == "database:lto@db.example.com:5433/lto"
    assert secrets.database_secret_name("postgres://counter%40lot1@db.lot1.example/dealer") == "database:counter@lot1@db.lot1.example/dealer"
    assert secrets.database_password("postgresql://lto:typed%21@db/lto", never) == "typed!"  # written in the address
    with pytest.raises(InvalidInput, match="Only a database server"):
        secrets.database_password("/home/counter/lto-desk.sqlite3", never)
    with pytest.raises(InvalidInput, match="needs a user and a host"):
        secrets.database_password("postgresql:///lto", never)
    with pytest.raises(InvalidInput, match="mail account"):
        secrets.mail_password(" ", never)


def test_the_command_line_asks_without_echo_and_says_where_it_is_kept(monkeypatch, capsys):
    keyring.set_keyring(fail.Keyring())
    prompts = []
    monkeypatch.setattr(secrets.getpass, "getpass", lambda prompt: prompts.append(prompt) or SECRET)
    assert secrets.database_password(DB_URL, secrets.ask_in_terminal) == SECRET
    assert prompts == ["Type the database server password for lto@db.example.com/lto: "]
    assert "no password keyring" in capsys.readouterr().err
