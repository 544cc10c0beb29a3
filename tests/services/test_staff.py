"""The staff list (issue 20, deliverable 1): the owner adds people, who choose their own
PIN at their first log-in; roles change; a reset PIN makes the person choose a new one
(the old one stops working); a login turned off cannot log in; the last owner stays;
a manager may reset a clerk's PIN and no one else's. Every change is journaled with who
made it, and ``verify`` stays green."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from lto_desk.domain.errors import InvalidInput, NotAllowed, Refused
from lto_desk.domain.roles import Role
from lto_desk.services import clerks, payments, staff
from lto_desk.services.integrity import verify
from lto_desk.store.models import Clerk, JournalRow

AT = dt.datetime(2025, 1, 20, 10, 0)
LATER = dt.datetime(2025, 1, 20, 11, 0)


def row_of(actor, name: str) -> staff.StaffRow:
    return next(r for r in staff.list_staff(actor, at=LATER) if r.name == name)


def last_journal() -> JournalRow:
    return JournalRow.select().order_by(JournalRow.id.desc()).get()


def test_the_owner_adds_a_clerk_who_chooses_their_own_pin_at_the_first_log_in(owner):
    new_id = staff.add_staff(owner, "  Nina   Newhire ", "clerk", at=AT)
    added = last_journal()
    assert (added.action, added.clerk_id) == ("add_staff", owner.id)
    row = row_of(owner, "Nina Newhire")
    assert (row.id, row.role, row.active, row.needs_new_pin, row.status) == (
        new_id, Role.CLERK, True, True, "needs a PIN")
    # Whatever is typed, the person is asked to choose a PIN; no PIN opens the name.
    for typed in ("", "0000", "1111"):
        with pytest.raises(clerks.NewPinNeeded, match="no PIN yet") as asked:
            clerks.log_in("Nina Newhire", typed, at=LATER)
        assert asked.value.clerk_id == new_id
    assert Clerk.get_by_id(new_id).failed_pins == 0  # nothing typed counted as a wrong PIN
    with pytest.raises(InvalidInput, match="digits only"):
        clerks.choose_pin("Nina Newhire", "12ab", at=LATER)
    actor = clerks.choose_pin("Nina Newhire", "482913", at=LATER)
    assert (actor.id, actor.role) == (new_id, Role.CLERK)
    chosen = last_journal()
    assert (chosen.action, chosen.clerk_id) == ("choose_pin", new_id)
    assert "482913" not in chosen.changes
    # Logged in, she can work; and her PIN is hers alone from now on.
    assert payments.cash_received_today(actor, 1, LATER.date()) == 0
    assert clerks.log_in("Nina Newhire", "482913", at=LATER).id == new_id
    with pytest.raises(Refused, match="has a PIN already"):
        clerks.choose_pin("Nina Newhire", "111111", at=LATER)
    assert clerks.log_in("Nina Newhire", "482913", at=LATER).id == new_id
    assert not row_of(owner, "Nina Newhire").needs_new_pin
    assert verify().ok, verify().summary()


def test_names_are_unique_among_everyone_ever_on_the_staff(owner, clerk):
    with pytest.raises(Refused, match="already someone named Carla Clerk"):
        staff.add_staff(owner, "Carla Clerk", "manager", at=AT)
    staff.deactivate(owner, clerk.id, at=AT)
    with pytest.raises(Refused, match=r"already someone named Carla Clerk \(no longer active\)"):
        staff.add_staff(owner, "Carla Clerk", "clerk", at=LATER)
    with pytest.raises(InvalidInput):
        staff.add_staff(owner, "   ", "clerk", at=LATER)
    with pytest.raises(Refused, match=r"already someone named Carla Clerk \(no longer active\)"):
        clerks.create_clerk(owner, "Carla Clerk", "clerk", "1234", at=LATER)


def test_a_clerk_or_a_manager_cannot_add_staff(owner, manager, clerk):
    before = Clerk.select().count(), JournalRow.select().count()
    for who in (clerk, manager):
        with pytest.raises(NotAllowed, match="Only the owner can add staff"):
            staff.add_staff(who, "Nina Newhire", "clerk", at=AT)
        with pytest.raises(NotAllowed, match="Only the owner"):
            staff.change_role(who, clerk.id, "manager", at=AT)
        with pytest.raises(NotAllowed, match="Only the owner"):
            staff.deactivate(who, clerk.id if who is manager else manager.id, at=AT)
    with pytest.raises(NotAllowed, match="Only a manager"):
        staff.list_staff(clerk)
    assert (Clerk.select().count(), JournalRow.select().count()) == before


def test_the_owner_changes_a_role_and_the_person_logs_in_again_to_use_it(owner, clerk):
    staff.change_role(owner, clerk.id, "manager", at=AT)
    changed = last_journal()
    assert (changed.action, changed.clerk_id) == ("change_role", owner.id)
    assert json.loads(changed.changes) == [["clerk", str(clerk.id), {"role": "clerk"}, {"role": "manager"}]]
    with pytest.raises(NotAllowed, match="log in again"):
        staff.list_staff(clerk)
    again = clerks.log_in("Carla Clerk", "3333", at=LATER)
    assert row_of(again, "Carla Clerk").role is Role.MANAGER
    with pytest.raises(Refused, match="a manager already"):
        staff.change_role(owner, clerk.id, Role.MANAGER, at=LATER)
    assert verify().ok, verify().summary()


def test_the_last_owner_can_be_neither_demoted_nor_turned_off(owner, manager):
    journal_rows = JournalRow.select().count()
    with pytest.raises(Refused, match="Olivia Owner is the only owner"):
        staff.change_role(owner, owner.id, "manager", at=AT)
    with pytest.raises(Refused, match="Olivia Owner is the only owner"):
        staff.deactivate(owner, owner.id, at=AT)
    assert JournalRow.select().count() == journal_rows
    assert clerks.log_in("Olivia Owner", "1111", at=AT).role is Role.OWNER
    # With a second owner, the first may step down to manager; the second then is the last.
    staff.change_role(owner, manager.id, "owner", at=AT)
    staff.change_role(owner, owner.id, "manager", at=AT)
    second = clerks.log_in("Marcus Manager", "2222", at=LATER)
    with pytest.raises(Refused, match="Marcus Manager is the only owner"):
        staff.change_role(second, second.id, "clerk", at=LATER)
    assert clerks.log_in("Olivia Owner", "1111", at=LATER).role is Role.MANAGER


def test_an_owner_cannot_turn_off_their_own_login_while_using_it(owner):
    other_id = staff.add_staff(owner, "Omar Owner", "owner", at=AT)
    with pytest.raises(Refused, match="your own login"):
        staff.deactivate(owner, owner.id, at=AT)
    # Another owner can (the dealership still has one), and the first is then refused everywhere.
    other = clerks.choose_pin("Omar Owner", "5151", at=AT)
    assert staff.deactivate(other, owner.id, at=LATER) == "Olivia Owner"
    assert staff.list_staff(other, at=LATER)[1].id == other_id
    with pytest.raises(NotAllowed, match="turned off"):
        staff.list_staff(owner)


def test_a_person_turned_off_cannot_log_in_keeps_their_history_and_can_come_back(owner, clerk, agreement):
    receipt = payments.take_payment(clerk, agreement, 76_93, at=dt.datetime(2025, 1, 13, 10)).receipt_number
    assert staff.deactivate(owner, clerk.id, at=AT) == "Carla Clerk"
    gone = last_journal()
    assert (gone.action, gone.clerk_id) == ("deactivate_staff", owner.id)
    with pytest.raises(NotAllowed, match="Carla Clerk's login is turned off"):
        clerks.log_in("Carla Clerk", "3333", at=LATER)
    with pytest.raises(NotAllowed, match="turned off"):
        clerks.approve("Carla Clerk", "3333", "void a payment", at=LATER)
    with pytest.raises(NotAllowed, match="turned off"):
        payments.take_payment(clerk, agreement, 76_93, at=LATER)  # her window, still open, is refused
    assert "Carla Clerk" not in [c.name for c in clerks.list_clerks()]  # the log-in page
    assert row_of(owner, "Carla Clerk").status == "no longer active"
    assert "Carla Clerk" not in [r.name for r in staff.list_staff(owner, include_inactive=False)]
    assert payments.receipt_for(owner, receipt).clerk_name == "Carla Clerk"  # her history keeps her name
    with pytest.raises(Refused, match="turned off already"):
        staff.deactivate(owner, clerk.id, at=LATER)
    assert staff.reactivate(owner, clerk.id, at=LATER) == "Carla Clerk"
    assert last_journal().action == "reactivate_staff"
    assert clerks.log_in("Carla Clerk", "3333", at=LATER).id == clerk.id
    with pytest.raises(Refused, match="active already"):
        staff.reactivate(owner, clerk.id, at=LATER)
    assert verify().ok, verify().summary()


def test_a_reset_pin_stops_working_and_the_person_chooses_a_new_one(owner, clerk):
    assert staff.reset_pin(owner, clerk.id, at=AT) == "Carla Clerk"
    reset = last_journal()
    assert (reset.action, reset.clerk_id) == ("reset_pin", owner.id)
    assert row_of(owner, "Carla Clerk").status == "needs a PIN"
    with pytest.raises(clerks.NewPinNeeded):
        clerks.log_in("Carla Clerk", "3333", at=LATER)  # the old PIN no longer works
    clerks.choose_pin("Carla Clerk", "7070", at=LATER)
    with pytest.raises(NotAllowed, match="not right"):
        clerks.log_in("Carla Clerk", "3333", at=LATER)
    assert clerks.log_in("Carla Clerk", "7070", at=LATER).id == clerk.id
    assert verify().ok, verify().summary()


def test_a_reset_unlocks_a_name_locked_after_wrong_pins(owner, clerk):
    at = AT
    for n in range(15):
        with pytest.raises(NotAllowed):
            clerks.log_in("Carla Clerk", "0000", at=at)
        at += dt.timedelta(minutes=16) if n % 5 == 4 else dt.timedelta(seconds=1)
    assert row_of(owner, "Carla Clerk").locked
    staff.reset_pin(owner, clerk.id, at=at)
    row = row_of(owner, "Carla Clerk")
    assert not row.locked and row.needs_new_pin
    assert clerks.choose_pin("Carla Clerk", "7070", at=at).id == clerk.id


def test_a_manager_may_reset_a_clerks_pin_and_no_one_elses(owner, manager, clerk):
    other = staff.add_staff(owner, "Mia Manager", "manager", at=AT)
    journal_rows = JournalRow.select().count()
    with pytest.raises(NotAllowed, match="Only the owner can reset Mia Manager's PIN"):
        staff.reset_pin(manager, other, at=AT)
    with pytest.raises(NotAllowed, match="Only the owner can reset Olivia Owner's PIN"):
        staff.reset_pin(manager, owner.id, at=AT)
    with pytest.raises(NotAllowed, match="Only a manager or the owner can reset Carla Clerk's PIN"):
        staff.reset_pin(clerk, clerk.id, at=AT)
    # change_pin, setting another's PIN, follows the same rule.
    with pytest.raises(NotAllowed, match="Only the owner can reset Mia Manager's PIN"):
        clerks.change_pin(manager, other, "4545", at=AT)
    assert JournalRow.select().count() == journal_rows
    assert staff.reset_pin(manager, clerk.id, at=AT) == "Carla Clerk"
    assert last_journal().clerk_id == manager.id
    with pytest.raises(Refused, match="your own PIN"):
        staff.reset_pin(owner, owner.id, at=AT)


def test_the_first_owner_is_still_made_with_a_pin(database):
    first = clerks.create_clerk(None, "Olivia Owner", "owner", "1111", at=AT)
    assert first.role is Role.OWNER
    assert clerks.log_in("Olivia Owner", "1111", at=AT).id == first.id
    assert not row_of(first, "Olivia Owner").needs_new_pin


def test_a_person_turned_off_cannot_choose_a_pin_either(owner, clerk):
    staff.reset_pin(owner, clerk.id, at=AT)
    staff.deactivate(owner, clerk.id, at=AT)
    with pytest.raises(NotAllowed, match="turned off"):
        clerks.choose_pin("Carla Clerk", "7070", at=LATER)
    assert row_of(owner, "Carla Clerk").needs_new_pin
