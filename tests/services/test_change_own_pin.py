"""Anyone logged in changes their own PIN (File → Change my PIN…), typing the one they have
first: the right one changes it (the old one stops working, the journal names the person);
a wrong one counts toward the lockout exactly as a wrong PIN at the log-in page does, and
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import InvalidInput, NotAllowed
from lto_desk.services import clerks, staff
from lto_desk.services.integrity import verify
from lto_desk.store.models import Clerk, JournalRow

AT = dt.datetime(2025, 1, 20, 10, 0)


def last_journal() -> JournalRow:
    return JournalRow.select().order_by(JournalRow.id.desc()).get()


def test_the_right_current_pin_changes_it_and_the_old_one_no_longer_works(clerk):
    clerks.change_own_pin(clerk, "3333", "482917", at=AT)

    with pytest.raises(NotAllowed, match="not right"):
        clerks.log_in("Carla Clerk", "3333", at=AT + dt.timedelta(minutes=1))
    assert clerks.log_in("Carla Clerk", "482917", at=AT + dt.timedelta(minutes=2)).id == clerk.id


def test_the_journal_names_the_person_who_changed_their_pin(clerk, manager):
    clerks.change_own_pin(clerk, "3333", "482917", at=AT)

    row = last_journal()
    assert row.clerk_id == clerk.id
    assert row.action == "change_own_pin"
    assert "482917" not in row.changes  # the journal keeps the hash's change, never the PIN
    assert verify().ok


def test_a_wrong_current_pin_counts_toward_the_lockout_and_changes_nothing(clerk):
    hash_before = Clerk.get_by_id(clerk.id).pin_hash
    for left in (4, 3, 2, 1):
        with pytest.raises(NotAllowed, match=f"not right. {left} tr"):
            clerks.change_own_pin(clerk, "9999", "482917", at=AT)
    assert Clerk.get_by_id(clerk.id).pin_hash == hash_before

    # The fifth wrong one locks the name, as at the log-in page: the right PIN waits too.
    with pytest.raises(clerks.LockedOut, match="locked for a minute"):
        clerks.change_own_pin(clerk, "9999", "482917", at=AT)
    with pytest.raises(clerks.LockedOut, match="Try again in"):
        clerks.log_in("Carla Clerk", "3333", at=AT + dt.timedelta(seconds=30))
    with pytest.raises(clerks.LockedOut, match="Try again in"):
        clerks.change_own_pin(clerk, "3333", "482917", at=AT + dt.timedelta(seconds=30))
    assert Clerk.get_by_id(clerk.id).pin_hash == hash_before
    assert clerks.log_in("Carla Clerk", "3333", at=AT + dt.timedelta(minutes=2)).id == clerk.id


def test_wrong_pins_at_log_in_and_here_add_up(clerk):
    for _ in range(3):
        with pytest.raises(NotAllowed):
            clerks.log_in("Carla Clerk", "9999", at=AT)
    with pytest.raises(NotAllowed, match="not right. 1 try left"):
        clerks.change_own_pin(clerk, "8888", "482917", at=AT)


def test_the_right_pin_here_starts_the_count_again(clerk):
    for _ in range(4):
        with pytest.raises(NotAllowed):
            clerks.change_own_pin(clerk, "9999", "482917", at=AT)
    clerks.change_own_pin(clerk, "3333", "482917", at=AT)
    assert Clerk.get_by_id(clerk.id).failed_pins == 0


def test_the_new_pin_must_be_a_pin_and_not_the_old_one(clerk):
    hash_before = Clerk.get_by_id(clerk.id).pin_hash
    with pytest.raises(InvalidInput, match="4 to 8 digits"):
        clerks.change_own_pin(clerk, "3333", "12", at=AT)
    with pytest.raises(InvalidInput, match="digits only"):
        clerks.change_own_pin(clerk, "3333", "12ab", at=AT)
    with pytest.raises(InvalidInput, match="same as the one you have"):
        clerks.change_own_pin(clerk, "3333", "3333", at=AT)
    with pytest.raises(InvalidInput, match="current PIN"):
        clerks.change_own_pin(clerk, "", "482917", at=AT)
    assert Clerk.get_by_id(clerk.id).pin_hash == hash_before
    assert Clerk.get_by_id(clerk.id).failed_pins == 0  # none of those was a wrong PIN


def test_a_reset_pin_is_chosen_at_the_log_in_page_not_here(owner, clerk):
    staff.reset_pin(owner, clerk.id)
    with pytest.raises(NotAllowed, match="log-in page"):
        clerks.change_own_pin(clerk, "3333", "482917", at=AT)


def test_nobody_logged_in_changes_nothing(clerk):
    with pytest.raises(NotAllowed):
        clerks.change_own_pin(None, "3333", "482917", at=AT)
