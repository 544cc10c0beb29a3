"""Every write to the staff table goes through the journal (issue 19, finding 2, the
log-in side): wrong PINs, a lockout, a good log-in, a PIN change and an unlock all
leave ``verify`` green, and the two ways a clerk who can write the file made
themselves owner — the owner's PIN hash replaced by theirs, the owner locked out
until 2099 — are caught."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import NotAllowed
from lto_desk.services import clerks
from lto_desk.services.integrity import verify
from lto_desk.store.models import Clerk, db

START = dt.datetime(2025, 1, 6, 9, 0, 0)


def _wrong(name: str, at: dt.datetime) -> None:
    with pytest.raises(NotAllowed):
        clerks.log_in(name, "0000", at=at)


def test_wrong_pins_a_lockout_a_log_in_a_pin_change_and_an_unlock_keep_verify_green(owner, manager, clerk):
    _wrong("Carla Clerk", START)  # one wrong PIN, then a good log-in resets the count
    assert Clerk.get_by_id(clerk.id).failed_pins == 1
    assert verify().ok, verify().summary()
    clerks.log_in("Carla Clerk", "3333", at=START + dt.timedelta(seconds=5))
    assert Clerk.get_by_id(clerk.id).failed_pins == 0
    for n in range(5):  # locked for a minute
        _wrong("Carla Clerk", START + dt.timedelta(seconds=10 + n))
    row = Clerk.get_by_id(clerk.id)
    assert row.locked_until is not None and row.lockouts == 1
    assert verify().ok, verify().summary()
    clerks.change_pin(clerk, clerk.id, "482913", at=START + dt.timedelta(minutes=5))
    assert verify().ok, verify().summary()
    assert clerks.log_in("Carla Clerk", "482913", at=START + dt.timedelta(minutes=6)).id == clerk.id
    at = START + dt.timedelta(minutes=10)
    for n in range(15):  # three lockouts in a row: locked until a manager unlocks
        _wrong("Carla Clerk", at)
        at += dt.timedelta(minutes=16) if n % 5 == 4 else dt.timedelta(seconds=1)
    assert Clerk.get_by_id(clerk.id).lockouts == 3
    assert verify().ok, verify().summary()
    clerks.unlock_clerk(manager, clerk.id, at=at)
    assert verify().ok, verify().summary()
    assert clerks.log_in("Carla Clerk", "482913", at=at).id == clerk.id
    report = verify()
    assert report.ok, report.summary()


def test_the_owners_pin_hash_replaced_by_a_clerks_is_caught(owner, clerk):
    assert verify().ok
    db.execute_sql("UPDATE clerk SET pin_hash = (SELECT pin_hash FROM clerk WHERE id = ?) WHERE id = ?",
                   (clerk.id, owner.id))
    # The clerk's own PIN now opens the owner's name...
    assert clerks.log_in("Olivia Owner", "3333").id == owner.id
    # ...and verify says so.
    report = verify()
    assert not report.ok
    assert f"clerk row {owner.id}: pin_hash" in report.problem
    assert "changed outside LTO Desk" in report.problem


def test_the_owner_locked_out_until_2099_is_caught(owner, clerk):
    db.execute_sql("UPDATE clerk SET locked_until = '2099-01-01 00:00:00' WHERE id = ?", (owner.id,))
    with pytest.raises(NotAllowed):
        clerks.log_in("Olivia Owner", "1111")
    report = verify()
    assert not report.ok
    assert f"clerk row {owner.id}: locked_until" in report.problem
