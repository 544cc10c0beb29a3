"""The books' key: made at the first change and kept in the keyring; without it nothing is
saved, until it is typed from the recovery sheet; a lost key is replaced by the owner and
`verify` says what that means."""

from __future__ import annotations

import datetime as dt
import subprocess

import keyring
import pytest

from lto_desk.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from lto_desk.services import customers, journal_key
from lto_desk.services.integrity import verify
from lto_desk.store import secrets, seal
from lto_desk.store.models import ChainKey

AT = dt.datetime(2025, 1, 14, 10, 0)


@pytest.fixture
def own_key(monkeypatch):
    """No LTO_DESK_KEY: the books make a random key of their own, kept in the keyring."""
    monkeypatch.delenv(seal.KEY_ENV, raising=False)
    seal.forget_cached()
    yield
    seal.forget_cached()
    secrets.forget_all()


def lose_the_key() -> str:
    """This computer forgets the key (a new keyring, a reinstalled computer)."""
    row = ChainKey.select().order_by(ChainKey.since.desc()).first()
    typed = keyring.get_password(secrets.SERVICE, seal.secret_name(row.key_check))
    keyring.delete_password(secrets.SERVICE, seal.secret_name(row.key_check))
    secrets.forget_all()
    seal.forget_cached()
    return typed


def test_the_first_change_makes_a_key_kept_in_the_keyring(own_key, database, owner):
    status = journal_key.key_status()
    assert status.keyed and status.held and status.in_keyring and status.since == 1
    assert not status.sheet_printed
    assert journal_key.sheet_due(owner)
    assert verify().ok


def test_without_the_key_nothing_is_saved_until_it_is_typed_from_the_sheet(own_key, database, owner, clerk):
    typed = lose_the_key()
    with pytest.raises(NotFound, match="does not hold the books' key"):
        customers.add_customer(clerk, customers.NewCustomer("Ana", "Ruiz", phone="205-555-0199"), at=AT)
    assert not verify().ok and "key this computer does not hold" in verify().problem

    with pytest.raises(InvalidInput, match="is not the key of these books"):
        journal_key.enter_key("0" * 64)
    with pytest.raises(InvalidInput, match="64 letters and digits"):
        journal_key.enter_key(typed[:-4])
    assert journal_key.enter_key(typed.replace("-", " ").lower()) is True  # as typed from paper
    customers.add_customer(clerk, customers.NewCustomer("Ana", "Ruiz", phone="205-555-0199"), at=AT)
    assert verify().ok


def test_the_recovery_sheet_is_the_owners_and_carries_the_key(own_key, database, owner, clerk, tmp_path):
    with pytest.raises(NotAllowed):
        journal_key.save_recovery_sheet(clerk, tmp_path)
    path = journal_key.save_recovery_sheet(owner, tmp_path, at=AT)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    row = ChainKey.get()
    key = seal.key_text(seal.held_key(row.key_check, row.since))
    groups = key.split("-")
    assert " ".join(groups[:4]) in text and " ".join(groups[-4:]) in text
    assert "Recovery sheet" in text and row.key_check[:8].upper() in text
    assert journal_key.key_status().sheet_printed and not journal_key.sheet_due(owner)
    assert verify().ok


def test_a_lost_key_is_replaced_by_the_owner_and_verify_says_what_that_means(own_key, database, owner, clerk):
    customers.add_customer(owner, customers.NewCustomer("Ana", "Ruiz", phone="205-555-0199"), at=AT)
    lose_the_key()
    with pytest.raises(NotAllowed):
        journal_key.start_new_key(clerk, at=AT)
    status = journal_key.start_new_key(owner, at=AT)
    assert status.held and status.lost_keys == 1 and status.since > 1
    customers.add_customer(clerk, customers.NewCustomer("Luis", "Soto", phone="205-555-0198"), at=AT)

    report = verify()
    assert report.ok
    assert any("sealed with a key reported lost on Jan 14, 2025" in note for note in report.notes)
    assert "checked against the anchors only" in report.summary()
    with pytest.raises(Refused, match="holds the books' key"):
        journal_key.start_new_key(owner, at=AT)


def test_a_key_segment_moved_in_the_file_breaks_its_check(own_key, database, owner):
    """Where the keyed part starts is bound to the key: moving it to pass rows off as
    unkeyed leaves the check matching no key."""
    database.execute_sql("UPDATE chain_key SET since = 5")
    seal.forget_cached()
    report = verify()
    assert not report.ok and "key this computer does not hold" in report.problem


def test_no_keyring_keeps_the_key_for_this_run_and_says_so(own_key, database, monkeypatch):
    from keyring.backends import fail

    from lto_desk.services.clerks import create_clerk

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    owner = create_clerk(None, "Olivia Owner", "owner", "1111", at=AT)
    status = journal_key.key_status()
    assert status.held and not status.in_keyring
    assert "for this run only" in status.describe()
    assert journal_key.sheet_due(owner)
