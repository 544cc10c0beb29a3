"""Who may do what is decided inside the services, not only by the buttons the window shows.

Every service a clerk must not use is called as a clerk and refused with nothing
written; the same call by the role it needs goes through (so the refusal is the
role's, not bad arguments). A manager is refused the owner's. Every service that
acts for a person is either in that table or in CLERK_MAY with the reason, so a new
service cannot be added without deciding who may use it. The role is the staff
table's, not the object's: an Actor made by hand, one with its role changed, and a
login turned off are refused (that every service reading the dealer's data takes
an actor is test_reads_need_an_actor's). Log-ins: PINs are argon2id hashes, never
stored as typed, and lockouts grow: five wrong PINs lock the name for a minute,
five more for 15 minutes, five more until a manager unlocks it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import pytest

from helpers import make_vin
from lto_desk.domain.errors import NotAllowed
from lto_desk.domain.followups import FollowUpKind
from lto_desk.domain.roles import Role
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import (
    agreements,
    business_reports,
    clerks,
    complaints,
    customers,
    follow_up_tasks,
    followups,
    mailing,
    payments,
    settings,
    staff,
    vehicles,
)
from lto_desk.services.base import Actor, unit_of_work
from lto_desk.store.models import Agreement, Clerk, JournalRow, db

AT = dt.datetime(2025, 1, 20, 10, 0)  # a week after the first payment fell due
LATER = dt.datetime(2025, 1, 20, 15, 0)
PAID_AT = dt.datetime(2025, 1, 13, 10, 0)


@dataclass
class World:
    owner: Actor
    manager: Actor
    clerk: Actor
    agreement: int
    tmp: Path

    @property
    def customer(self) -> int:
        return Agreement.get_by_id(self.agreement).__data__["customer"]

    @property
    def vehicle(self) -> int:
        return Agreement.get_by_id(self.agreement).__data__["vehicle"]

    def by(self, role: Role) -> Actor:
        return {Role.OWNER: self.owner, Role.MANAGER: self.manager, Role.CLERK: self.clerk}[role]


@pytest.fixture
def world(owner, manager, clerk, agreement, tmp_path) -> World:
    return World(owner, manager, clerk, agreement, tmp_path)


def database_image() -> dict[str, list[tuple]]:
    """Every row of every table, to show a refused call changed nothing at all."""
    names = [r[0] for r in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )]
    return {name: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{name}"'))) for name in names}


def new_vehicle(serial: int, stock: str) -> vehicles.NewVehicle:
    return vehicles.NewVehicle(make_vin(serial), 2016, "Toyota", "Corolla", stock, color="Silver", price=800_000)


def terms() -> Terms:
    return Terms.by_number_of_payments(
        cash_price=800_000, down_payment=0, number_of_payments=52, frequency=Frequency.WEEKLY,
        first_due=dt.date(2025, 1, 27), late_fee=LateFeePolicy(3, 1000),
    )


# -- what each refused call needs on file first ---------------------------------------------
# Each returns the call, made as the actor given.

Call = Callable[[Actor], Any]


def _add_clerk(w: World) -> Call:
    return lambda a: clerks.create_clerk(a, "Nina Newhire", "clerk", "4444", at=AT)


def _reset_anothers_pin(w: World) -> Call:
    other = clerks.create_clerk(w.owner, "Dina Second", "clerk", "5555", at=AT)
    return lambda a: clerks.change_pin(a, other.id, "6666", at=LATER)


def _reset_a_managers_pin(w: World) -> Call:
    other = clerks.create_clerk(w.owner, "Mia Second", "manager", "5555", at=AT)
    return lambda a: clerks.change_pin(a, other.id, "6666", at=LATER)


def _staff_list(w: World) -> Call:
    return lambda a: staff.list_staff(a, at=AT)


def _add_staff(w: World) -> Call:
    return lambda a: staff.add_staff(a, "Nina Newhire", "clerk", at=AT)


def _change_role(w: World) -> Call:
    return lambda a: staff.change_role(a, w.clerk.id, "manager", at=AT)


def _reset_a_clerks_pin_to_choose(w: World) -> Call:
    other = staff.add_staff(w.owner, "Dina Second", "clerk", at=AT)
    return lambda a: staff.reset_pin(a, other, at=LATER)


def _reset_a_managers_pin_to_choose(w: World) -> Call:
    other = staff.add_staff(w.owner, "Mia Second", "manager", at=AT)
    return lambda a: staff.reset_pin(a, other, at=LATER)


def _deactivate(w: World) -> Call:
    other = staff.add_staff(w.owner, "Dina Second", "clerk", at=AT)
    return lambda a: staff.deactivate(a, other, at=LATER)


def _reactivate(w: World) -> Call:
    other = staff.add_staff(w.owner, "Dina Second", "clerk", at=AT)
    staff.deactivate(w.owner, other, at=AT)
    return lambda a: staff.reactivate(a, other, at=LATER)


def _save_settings(w: World) -> Call:
    return lambda a: settings.save_settings(a, replace(settings.load_settings(), dealer_name="Sunrise Autos"), at=AT)


def _update_settings(w: World) -> Call:
    return lambda a: settings.update_settings(a, idle_lock_minutes=3)


def _add_vehicle(w: World) -> Call:
    return lambda a: vehicles.add_vehicle(a, new_vehicle(7001, "S7001"), at=AT)


def _available_vehicle(w: World) -> int:
    return vehicles.add_vehicle(w.manager, new_vehicle(7002, "S7002"), at=AT)


def _edit_vehicle(w: World) -> Call:
    vid = _available_vehicle(w)
    return lambda a: vehicles.edit_vehicle(a, vid, replace(new_vehicle(7002, "S7002"), color="Blue"), at=LATER)


def _remove_vehicle(w: World) -> Call:
    vid = _available_vehicle(w)
    return lambda a: vehicles.remove_vehicle(a, vid, "wholesaled", at=LATER)


def _restore_vehicle(w: World) -> Call:
    vid = _available_vehicle(w)
    vehicles.remove_vehicle(w.manager, vid, "wholesaled", at=AT)
    return lambda a: vehicles.restore_vehicle(a, vid, at=LATER)


def _returned(w: World) -> None:
    agreements.return_vehicle(w.manager, w.agreement, "cannot_afford", keys_returned=2, at=AT)


def _mark_inspected(w: World) -> Call:
    _returned(w)
    return lambda a: vehicles.mark_inspected(a, w.vehicle, "Tires and brakes fine", at=LATER)


def _open_agreement(w: World) -> Call:
    vid = _available_vehicle(w)
    return lambda a: agreements.open_agreement(a, w.customer, vid, terms(), at=LATER)


def _start_agreement(w: World) -> Call:
    vid = _available_vehicle(w)
    new = customers.NewCustomer("Rosa", "Delgado", phone="(205) 555-0177")
    return lambda a: agreements.start_agreement(a, new, vid, terms(), at=LATER)


def _waive_fee(w: World) -> Call:
    return lambda a: agreements.waive_fee(a, w.agreement, 1, "Car was in the shop that week", at=AT)


def _return_vehicle(w: World) -> Call:
    return lambda a: agreements.return_vehicle(a, w.agreement, "cannot_afford", keys_returned=2, at=AT)


def _goodwill_refund(w: World) -> Call:
    _returned(w)
    return lambda a: agreements.goodwill_refund(a, w.agreement, 5_000, "Kept the car spotless", at=LATER)


def _paid(w: World) -> int:
    return payments.take_payment(w.clerk, w.agreement, 7693, at=PAID_AT).receipt_number


def _void_payment(w: World) -> Call:
    receipt = _paid(w)
    return lambda a: payments.void_payment(a, receipt, "Typed the wrong amount", at=AT)


def _void_approved_by(w: World) -> Call:
    """The clerk voids; the actor given is the one who approves."""
    receipt = _paid(w)
    return lambda a: payments.void_payment(w.clerk, receipt, "Typed the wrong amount", approved_by=a, at=AT)


def _waive_approved_by(w: World) -> Call:
    return lambda a: agreements.waive_fee(w.clerk, w.agreement, 1, "Car was in the shop", approved_by=a, at=AT)


def _resolve_complaint(w: World) -> Call:
    cid = complaints.open_complaint(w.clerk, w.customer, "Battery dies overnight", "serious", at=AT)
    return lambda a: complaints.move_complaint(a, cid, "resolved", "Replaced the battery under warranty", at=LATER)


def _managers_task(w: World) -> int:
    with unit_of_work(None, "test_setup", AT) as work:
        task = follow_up_tasks.schedule_follow_up(
            work, customer_id=w.customer, agreement_id=None, kind=FollowUpKind.WIN_BACK,
            due_on=AT.date(), source_key="test:win-back", at=AT,
        )
    return task.id


def _work_managers_task(w: World) -> Call:
    tid = _managers_task(w)
    return lambda a: followups.work_follow_up(a, tid, "reached", "Will look at a truck in spring", at=LATER)


def _complete_managers_task(w: World) -> Call:
    tid = _managers_task(w)
    return lambda a: followups.complete_follow_up(a, tid, "Talked at the counter", at=LATER)


def _collections(w: World) -> Call:
    _paid(w)
    return lambda a: business_reports.daily_collections(a, PAID_AT.date())


def _portfolio(w: World) -> Call:
    return lambda a: business_reports.portfolio(a, 4, AT.date())


def _recovery_sheet(w: World) -> Call:
    from lto_desk.services import journal_key

    return lambda a: journal_key.save_recovery_sheet(a, w.tmp)


def _new_key(w: World) -> Call:
    from lto_desk.services import journal_key

    return lambda a: journal_key.start_new_key(a, at=AT)


def _receipt_check(w: World) -> Call:
    _paid(w)
    return lambda a: business_reports.receipt_check(a)


def _mailing_list(w: World) -> Call:
    target = w.tmp / "mailing.csv"

    def call(a: Actor) -> int:
        try:
            return mailing.export_mailing_list(a, target)
        except NotAllowed:
            assert not target.exists()  # not a byte written for a clerk
            raise
    return call


def _mailing_rows(w: World) -> Call:
    return lambda a: mailing.mailing_list(a)


def _locked_out(w: World) -> Call:
    at = dt.datetime(2025, 1, 20, 8, 0)
    for n in range(15):
        with pytest.raises(NotAllowed):
            clerks.log_in("Carla Clerk", "0000", at=at)
        at += dt.timedelta(minutes=16) if n % 5 == 4 else dt.timedelta(seconds=1)
    return lambda a: clerks.unlock_clerk(a, w.clerk.id, at=at)


def _restore(w: World) -> Call:
    from lto_desk.services import backups
    from lto_desk.store.paths import Location

    copy = w.tmp / "copy.sqlite3"
    db.execute_sql("VACUUM INTO ?", (str(copy),))
    location = Location(str(Path(db.database)), w.tmp / "files")
    return lambda a: backups.restore_as(a, location, copy, at=LATER)


def _may_restore(w: World) -> Call:
    from lto_desk.services import backups

    return backups.check_may_restore


def _agreement_customer(w: World) -> Call:
    from lto_desk.services import agreement_summary

    return lambda a: agreement_summary.agreement_customer(a, w.customer)


def _draft_summary(w: World) -> Call:
    from lto_desk.services import agreement_summary

    vid = _available_vehicle(w)
    return lambda a: agreement_summary.draft_summary(a, w.customer, vid, terms())


def _one_customer_import():
    from lto_desk.domain.import_columns import ImportKind
    from lto_desk.services.import_files import SourceTable
    from lto_desk.services.importing import ImportSource

    table = SourceTable("customers.csv", ("Cust #", "First Name", "Last Name"), (("77", "Rosa", "Peña"),),
                        "0" * 64, "utf-8", ",")
    return ImportSource(ImportKind.CUSTOMERS, table, {"source_id": "Cust #", "first_name": "First Name",
                                                      "last_name": "Last Name"})


def _check_import(w: World) -> Call:
    from lto_desk.services import importing

    return lambda a: importing.check_import(a, [_one_customer_import()])


def _run_import(w: World) -> Call:
    from lto_desk.services import importing

    preview = importing.check_import(w.owner, [_one_customer_import()])
    return lambda a: importing.run_import(a, preview)


def _import_problems(w: World) -> Call:
    from lto_desk.services import importing

    preview = importing.check_import(w.owner, [_one_customer_import()])
    return lambda a: importing.problems_csv(a, preview)


def _export_all(w: World) -> Call:
    from lto_desk.services import exporting

    target = w.tmp / "export"
    target.mkdir(exist_ok=True)

    def call(a: Actor):
        try:
            return exporting.export_all(a, target, at=AT)
        except NotAllowed:
            assert not any(target.iterdir())  # not a file written for anyone but the owner
            raise
    return call


@dataclass(frozen=True)
class Refused:
    """A service call refused to anyone below ``needs``. ``try_allowed``: the same call is
    then made by that role to show it goes through (not for a restore, which replaces
    the open database: its own tests do that)."""

    service: str  # module.function
    needs: Role
    prepare: Callable[[World], Call]
    what: str
    try_allowed: bool = True


REFUSED = [
    Refused("clerks.create_clerk", Role.OWNER, _add_clerk, "add a clerk"),
    Refused("clerks.change_pin", Role.MANAGER, _reset_anothers_pin, "change a clerk's PIN"),
    Refused("clerks.change_pin", Role.OWNER, _reset_a_managers_pin, "change a manager's PIN"),
    Refused("staff.list_staff", Role.MANAGER, _staff_list, "see the staff list"),
    Refused("staff.add_staff", Role.OWNER, _add_staff, "add staff"),
    Refused("staff.change_role", Role.OWNER, _change_role, "change someone's role"),
    Refused("staff.reset_pin", Role.MANAGER, _reset_a_clerks_pin_to_choose, "reset a clerk's PIN"),
    Refused("staff.reset_pin", Role.OWNER, _reset_a_managers_pin_to_choose, "reset a manager's PIN"),
    Refused("staff.deactivate", Role.OWNER, _deactivate, "turn off someone's login"),
    Refused("staff.reactivate", Role.OWNER, _reactivate, "turn someone's login back on"),
    Refused("backups.restore_as", Role.OWNER, _restore, "restore a backup", try_allowed=False),
    Refused("backups.check_may_restore", Role.OWNER, _may_restore, "be offered a restore"),
    Refused("settings.save_settings", Role.MANAGER, _save_settings, "change the dealer's settings"),
    Refused("settings.update_settings", Role.MANAGER, _update_settings, "change one setting"),
    Refused("vehicles.add_vehicle", Role.MANAGER, _add_vehicle, "add a vehicle"),
    Refused("vehicles.edit_vehicle", Role.MANAGER, _edit_vehicle, "edit a vehicle"),
    Refused("vehicles.remove_vehicle", Role.MANAGER, _remove_vehicle, "remove a vehicle"),
    Refused("vehicles.restore_vehicle", Role.MANAGER, _restore_vehicle, "put a removed vehicle back"),
    Refused("vehicles.mark_inspected", Role.MANAGER, _mark_inspected, "pass a returned vehicle's inspection"),
    Refused("agreements.open_agreement", Role.MANAGER, _open_agreement, "open an agreement"),
    Refused("agreements.start_agreement", Role.MANAGER, _start_agreement, "start an agreement for a new customer"),
    Refused("agreement_summary.agreement_customer", Role.MANAGER, _agreement_customer,
            "see a customer as a new agreement shows them"),
    Refused("agreement_summary.draft_summary", Role.MANAGER, _draft_summary, "print a new agreement's draft terms"),
    Refused("agreements.waive_fee", Role.MANAGER, _waive_fee, "waive a late fee with no approval"),
    Refused("agreements.waive_fee", Role.MANAGER, _waive_approved_by, "approve a fee waiver"),
    Refused("agreements.return_vehicle", Role.MANAGER, _return_vehicle, "take a return with no approval"),
    Refused("agreements.goodwill_refund", Role.MANAGER, _goodwill_refund, "give a goodwill refund with no approval"),
    Refused("payments.void_payment", Role.MANAGER, _void_payment, "void a payment with no approval"),
    Refused("payments.void_payment", Role.MANAGER, _void_approved_by, "approve a void"),
    Refused("complaints.move_complaint", Role.MANAGER, _resolve_complaint, "mark a complaint resolved"),
    Refused("followups.work_follow_up", Role.MANAGER, _work_managers_task, "work a manager's follow-up"),
    Refused("followups.complete_follow_up", Role.MANAGER, _complete_managers_task, "close a manager's follow-up"),
    Refused("business_reports.daily_collections", Role.MANAGER, _collections, "see collections by clerk"),
    Refused("business_reports.portfolio", Role.MANAGER, _portfolio, "see the portfolio"),
    Refused("business_reports.receipt_check", Role.MANAGER, _receipt_check, "see the receipt-number check"),
    Refused("mailing.export_mailing_list", Role.MANAGER, _mailing_list, "export the mailing list"),
    Refused("mailing.mailing_list", Role.MANAGER, _mailing_rows, "read the mailing list"),
    Refused("clerks.unlock_clerk", Role.MANAGER, _locked_out, "unlock a locked-out login"),
    Refused("journal_key.save_recovery_sheet", Role.OWNER, _recovery_sheet, "print the key's recovery sheet"),
    Refused("journal_key.start_new_key", Role.OWNER, _new_key, "start a new key", try_allowed=False),
    Refused("exporting.export_all", Role.OWNER, _export_all, "export all of the dealer's data"),
    Refused("importing.check_import", Role.MANAGER, _check_import, "check an import"),
    Refused("importing.run_import", Role.MANAGER, _run_import, "import customers"),
    Refused("importing.problems_csv", Role.MANAGER, _import_problems, "save an import's problems"),
]

#: Services any logged-in clerk may use, each with why.
CLERK_MAY = {
    "payments.take_payment": "taking payments is the clerk's whole job",
    "agreements.record_promise": "a customer who cannot pay tells the clerk when they can",
    "appointments.book_appointment": "the clerk books the customer's next visit",
    "appointments.mark_appointment": "the clerk sees whether the customer came",
    "appointments.cancel_appointment": "the customer calls the counter to cancel",
    "complaints.open_complaint": "any clerk writes down a complaint the moment it is told",
    "complaints.move_complaint": "any clerk may say the car is in repair (resolving is refused above)",
    "contacts.log_contact": "the clerk records each call or visit",
    "contacts.stop_contacting": "a customer who asks us to stop is honoured at once, by whoever hears it",
    "contacts.resume_contacting": "a customer who asks to hear from us again tells whoever answers",
    "customers.add_customer": "new customers walk up to the counter",
    "customers.add_household_member": "the clerk keeps the family in mind",
    "customers.add_note": "personal notes are the clerk's to write",
    "departures.record_departure": "whoever hears why a customer left writes it down",
    "drawer.open_drawer": "the clerk opens the counter's drawer at the start of the day",
    "drawer.paid_in": "change brought in for the drawer, counted by the clerk",
    "drawer.paid_out": "small expenses out of the drawer, with a reason",
    "drawer.no_sale": "opening the drawer for change, with a reason",
    "drawer.close_drawer": "the clerk counts and seals their drawer; beyond the tolerance a note is required",
    "followups.work_follow_up": "the clerk works the follow-up list (a manager's task is refused above)",
    "followups.complete_follow_up": "closing a clerk's own follow-up (a manager's task is refused above)",
    "relationship.update_profile": "keeping the customer's details right",
    "relationship.save_profile": "the profile form, all at once",
    "relationship.add_phone": "a new phone number from the customer",
    "relationship.remove_phone": "a number the customer no longer has",
    "relationship.set_mailing_consent": "the customer says yes or no to mail at the counter",
    "relationship.edit_note": "correcting a note (every version is kept)",
    "relationship.mark_cue_asked": "the clerk asked what the note said to ask",
    "relationship.add_household_car": "a family's other cars, for the next sale",
    "clerks.change_pin": "every clerk changes their own PIN (another's is refused above)",
    "clerks.change_own_pin": "everyone changes their own PIN, typing the one they have first",
    "business_reports.aging": "the reports window offers every clerk the late accounts to call",
    "business_reports.due_this_week": "the reports window offers every clerk the week's payments due",
    "business_reports.statement": "a clerk prints a customer's statement at the counter",
    "business_reports.agreement_choices": "the statement's agreement picker, for whoever prints one",
    "relationship_reports.why_left": "the reports window offers every clerk why customers left",
    "relationship_reports.referrals_report": "the reports window offers every clerk the referrals",
    "relationship_reports.follow_up_outcomes": "the reports window offers every clerk how follow-ups went",
    "customer_file.customer_file_data": "a clerk prints the customer's file for them at the counter",
    "customer_file.save_customer_file": "a clerk prints the customer's file for them at the counter",
    # What the counter reads, for whoever is logged in (issue 19: none of it for nobody).
    "counter.lookup": "finding the customer is every clerk's first step at the counter",
    "counter.customer_card": "the card is what the clerk serves the customer from",
    "counter.customer_of": "the Agreements tab opens an agreement's customer",
    "relationship.search_notes": "the lookup finds a customer by a word in their notes",
    "relationship.customer_names": "the profile's list to say who referred the customer",
    "relationship.dates_that_matter": "the card's birthday and anniversary banner",
    "relationship.note_history": "the notes tab shows a note's earlier versions",
    "relationship.profile_of": "the profile form, which every clerk keeps right",
    "relationship.phones_of": "the profile form's other phone numbers",
    "relationship.referrals_of": "the profile form says whom the customer referred",
    "relationship.referred_by": "the profile form says who referred the customer",
    "household.household_of": "the household tab",
    "contacts.contact_log": "the contact log tab, where every clerk logs calls and visits",
    "contacts.contact_status": "whether the customer asked us to stop contacting them, before anyone calls",
    "appointments.appointments_of": "the contact log tab's appointments, which any clerk books and marks",
    "appointments.appointments_between": "the appointments of a few days, which any clerk books and marks",
    "complaints.open_complaints": "the card shows the complaints not yet resolved",
    "complaints.complaints_of": "the contact log tab's complaints, which any clerk writes down",
    "departures.departures_of": "why a customer left, which whoever heard it wrote down",
    "followups.follow_up_board": "the clerk works the follow-up list",
    "followups.open_follow_ups": "the clerk works the follow-up list",
    "followups.follow_up_line": "the clerk works the follow-up list",
    "followups.due_count": "the toolbar's count of follow-ups due, for whoever is at the counter",
    "followups.regenerate_follow_ups": "the first log-in of the day makes the day's list, whoever logs in "
                                       "(journaled in their name)",
    "vehicles.list_vehicles": "the inventory window opens for every clerk (changing it is refused above)",
    "vehicles.status_counts": "the inventory window opens for every clerk (changing it is refused above)",
    "vehicles.vehicle_line": "the inventory window opens for every clerk (changing it is refused above)",
    "vehicles.vehicle_history": "the inventory window opens for every clerk (changing it is refused above)",
    "vehicles.available_vehicles": "what is for sale, as the inventory shows every clerk",
    "vehicles.ever_on_agreement": "whether the VIN may still be corrected, as the inventory shows it",
    "agreements.agreement_state": "an agreement's balance, as the card shows every clerk",
    "agreements.return_preview": "a clerk takes a return with a manager's approval: the summary comes first",
    "agreements.return_details": "what was recorded at a return, for its letter",
    "agreements.refundable": "how much a refund could be, before a manager approves one",
    "agreement_summary.summary_for_agreement": "a clerk prints the summary of the customer's agreement again",
    "form_8300.form_8300_reminder": "the clerk who took the cash is told when Form 8300 is due",
    "receipts.save_receipt": "whoever takes a payment prints its receipt, and a copy when asked",
    "receipts.save_void_slip": "the void slip, printed by whoever voided it (a manager approved the void)",
    "refund_slips.save_refund_slip": "the refund slip, printed once a manager approved the refund",
    "letters.save_letter": "the letter of an agreement, payoff or return, printed at the counter and again later",
    "letters.letter_kind_for": "which letter the Agreements tab prints again",
    "drawer.current_session": "the status bar and every drawer step show the counter's open drawer to its clerk",
    "drawer.sessions": "the clerk sees their counter's latest drawer sessions",
    "drawer.x_report": "any clerk takes an X report of the drawer; the drawer stays open",
    "drawer.save_x_report": "any clerk takes an X report of the drawer; the drawer stays open",
    "drawer.save_z_report": "the clerk who closes the drawer prints its Z report",
    "payments.receipt_for": "a clerk reprints a receipt, or reads it before asking for a void",
    "payments.cash_received_today": "the Form 8300 reminder after a cash payment, for the clerk who took it",
    "anchoring.account_for_printed": "at log-in the counter tells whoever logs in of receipts printed but lost "
                                     "from the books, and writes their numbers down so none is printed twice",
}

#: Functions in services that take an actor but are the checks themselves, not something a person does.
NOT_SERVICES = {
    "base.require_role": "the role check",
    "base.approver_for": "the approval check",
    "base.role_of": "the role check's reading of the staff table",
    "base.holds_role": "the role check as a yes or no",
    "base.unit_of_work": "the transaction every service runs in",
    "base.end_session": "ends a log-in when the window locks or logs out: it acts for nobody",
    "clerks.require_may_reset": "the check of who may reset whose PIN (the owner anyone's, a manager a clerk's)",
}


def actor_services() -> dict[str, Callable]:
    """Every public function in lto_desk.services.* whose first parameter is ``actor``."""
    import lto_desk.services as package

    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            params = list(inspect.signature(fn).parameters)
            if params and params[0] == "actor":
                found[f"{info.name}.{name}"] = inspect.unwrap(fn)
    return found


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: f"{c.service}:{c.what}")
def test_a_clerk_is_refused_and_nothing_is_written(case, world):
    call = case.prepare(world)
    before = database_image()
    journal_rows = JournalRow.select().count()
    with pytest.raises(NotAllowed) as refused:
        call(world.clerk)
    assert ("manager" in refused.value.message) != (case.needs is Role.OWNER)  # says whom to ask
    assert JournalRow.select().count() == journal_rows
    assert database_image() == before
    # The same call by the role it needs goes through: the clerk was refused for the role alone.
    if case.try_allowed:
        call(world.by(case.needs))


@pytest.mark.parametrize("case", [c for c in REFUSED if c.needs is Role.OWNER], ids=lambda c: c.service)
def test_a_manager_is_refused_what_only_the_owner_may_do(case, world):
    call = case.prepare(world)
    before = database_image()
    with pytest.raises(NotAllowed, match="Only the owner can .* Please ask the owner."):
        call(world.manager)
    assert database_image() == before
    if case.try_allowed:
        call(world.owner)


def test_every_service_that_acts_for_a_person_has_a_decision():
    services = actor_services()
    decided = {c.service for c in REFUSED} | set(CLERK_MAY) | set(NOT_SERVICES)
    undecided = sorted(set(services) - decided)
    assert not undecided, f"decide who may use these (REFUSED or CLERK_MAY): {undecided}"
    stale = sorted(decided - set(services))
    assert not stale, f"listed but not a service any more: {stale}"
    assert all(reason.strip() for reason in {**CLERK_MAY, **NOT_SERVICES}.values())


class _Untouched:
    """Stands for every argument: any use of it before the log-in check fails the test."""

    def __getattr__(self, name):
        raise AssertionError(f"an argument was used ({name}) before checking who is logged in")


def _every_service_refuses(actor: Actor | None, match: str) -> None:
    """Every service called as ``actor`` refuses before it uses any argument, and writes nothing."""
    before = database_image()
    for name, fn in actor_services().items():
        if name in NOT_SERVICES:
            continue
        args, kwargs = [], {}
        for p in list(inspect.signature(fn).parameters.values())[1:]:
            if p.default is not p.empty or p.kind is p.VAR_KEYWORD or p.kind is p.VAR_POSITIONAL:
                continue
            if p.kind is p.KEYWORD_ONLY:
                kwargs[p.name] = _Untouched()
            else:
                args.append(_Untouched())
        with pytest.raises(NotAllowed, match=match):
            fn(actor, *args, **kwargs)
    assert database_image() == before


def test_every_service_refuses_when_nobody_is_logged_in(world):
    _every_service_refuses(None, "Please log in first")


def test_a_clerks_pin_does_not_approve(world):
    with pytest.raises(NotAllowed, match="Only a manager"):
        clerks.approve("Carla Clerk", "3333", "void a payment", at=AT)
    assert clerks.approve("Marcus Manager", "2222", "void a payment", at=AT).role is Role.MANAGER


# -- PINs and lockout ------------------------------------------------------------------------


def _stored_bytes(location) -> bytes:
    files = [Path(location.url), Path(location.url + "-wal")]
    return b"".join(f.read_bytes() for f in files if f.exists())


def test_a_pin_is_kept_as_an_argon2id_hash_and_never_as_typed(owner, location):
    pin, new_pin = "80417263", "59183746"
    clerk = clerks.create_clerk(owner, "Paula Pin", "clerk", pin, at=AT)
    stored = Clerk.get_by_id(clerk.id).pin_hash
    assert stored.startswith("$argon2id$")
    assert pin not in stored
    assert pin.encode() not in _stored_bytes(location)
    clerks.change_pin(clerk, clerk.id, new_pin, at=LATER)
    assert Clerk.get_by_id(clerk.id).pin_hash.startswith("$argon2id$")
    journal = " ".join(r.changes for r in JournalRow.select())
    data = _stored_bytes(location)
    for typed in (pin, new_pin):
        assert typed not in journal
        assert typed.encode() not in data
    assert clerks.log_in("Paula Pin", new_pin, at=LATER).id == clerk.id


def test_five_wrong_pins_lock_the_name_for_a_minute_even_with_the_right_pin(clerk):
    start = dt.datetime(2025, 1, 6, 9, 0, 0)
    for n in range(4):
        with pytest.raises(NotAllowed, match=f"{4 - n} tr"):
            clerks.log_in("Carla Clerk", "0000", at=start + dt.timedelta(seconds=n))
    with pytest.raises(NotAllowed, match="locked for a minute"):
        clerks.log_in("Carla Clerk", "0000", at=start + dt.timedelta(seconds=4))
    locked_at = start + dt.timedelta(seconds=4)
    with pytest.raises(NotAllowed, match="Try again in 31 seconds"):
        clerks.log_in("Carla Clerk", "3333", at=locked_at + dt.timedelta(seconds=30))
    with pytest.raises(NotAllowed, match="Try again in"):
        clerks.log_in("Carla Clerk", "3333", at=locked_at + dt.timedelta(seconds=59))
    # Locking one name does not lock another.
    assert clerks.log_in("Olivia Owner", "1111", at=locked_at).role is Role.OWNER
    actor = clerks.log_in("Carla Clerk", "3333", at=locked_at + dt.timedelta(seconds=61))
    assert actor.name == "Carla Clerk"
    # A good log-in starts the count again: four more wrong PINs do not lock.
    for n in range(4):
        with pytest.raises(NotAllowed, match="left"):
            clerks.log_in("Carla Clerk", "0000", at=locked_at + dt.timedelta(seconds=70 + n))
    assert clerks.log_in("Carla Clerk", "3333", at=locked_at + dt.timedelta(seconds=80)).name == "Carla Clerk"


# -- the role is the staff table's, not the object's ----------------------------------------


def test_an_owner_made_by_hand_is_refused_by_every_service(world):
    forged = Actor(world.owner.id, world.owner.name, Role.OWNER)
    assert forged == world.owner  # the same fields as the logged-in owner, but no log-in made it
    _every_service_refuses(forged, "Please log in first")
    with pytest.raises(NotAllowed, match="Please log in first"):
        clerks.create_clerk(forged, "Eve Intruder", "owner", "1234", at=AT)


def test_a_clerk_with_the_role_changed_on_the_object_is_refused(world):
    promoted = replace(world.clerk, role=Role.OWNER)
    _every_service_refuses(promoted, "Please log in first")
    with pytest.raises(NotAllowed):
        clerks.create_clerk(promoted, "Eve Intruder", "owner", "1234", at=AT)
    with pytest.raises(NotAllowed):
        payments.void_payment(world.clerk, _paid(world), "Typed the wrong amount",
                              approved_by=replace(world.clerk, role=Role.MANAGER), at=AT)


def test_the_role_is_read_from_the_staff_table_at_each_check(world):
    """A login turned off, or given another role, after the person logged in: the next
    call says so (their Actor object still says what it said at the log-in)."""
    with unit_of_work(world.owner, "test_turn_off", AT) as work:
        row = Clerk.get_by_id(world.manager.id)
        before = work.before(row)
        row.active = False
        row.save()
        work.updated(row, before)
    with pytest.raises(NotAllowed, match="turned off"):
        vehicles.add_vehicle(world.manager, new_vehicle(7101, "S7101"), at=AT)
    with unit_of_work(world.owner, "test_demote", AT) as work:
        row = Clerk.get_by_id(world.manager.id)
        before = work.before(row)
        row.active, row.role = True, Role.CLERK.value
        row.save()
        work.updated(row, before)
    with pytest.raises(NotAllowed, match="log in again"):
        vehicles.add_vehicle(world.manager, new_vehicle(7102, "S7102"), at=AT)
    again = clerks.log_in("Marcus Manager", "2222", at=LATER)
    assert again.role is Role.CLERK
    with pytest.raises(NotAllowed, match="Only a manager"):
        vehicles.add_vehicle(again, new_vehicle(7103, "S7103"), at=AT)


# -- lockouts grow -------------------------------------------------------------------------------


def _five_wrong(name: str, at: dt.datetime) -> tuple[dt.datetime, clerks.LockedOut]:
    """Five wrong PINs from ``at``, a second apart: when the fifth was typed, and how it locked the name."""
    for n in range(4):
        with pytest.raises(NotAllowed, match="left"):
            clerks.log_in(name, "0000", at=at + dt.timedelta(seconds=n))
    with pytest.raises(clerks.LockedOut) as locked:
        clerks.log_in(name, "0000", at=at + dt.timedelta(seconds=4))
    return at + dt.timedelta(seconds=4), locked.value


def test_lockouts_grow_from_a_minute_to_15_minutes_to_a_managers_unlock(world):
    locked_at, locked = _five_wrong("Carla Clerk", dt.datetime(2025, 1, 6, 9, 0))
    assert "locked for a minute" in locked.message and not locked.needs_manager
    assert clerks.log_in("Carla Clerk", "3333", at=locked_at + dt.timedelta(seconds=61)).id == world.clerk.id
    # A good log-in starts again from a minute.
    locked_at, locked = _five_wrong("Carla Clerk", locked_at + dt.timedelta(minutes=5))
    assert "locked for a minute" in locked.message
    with pytest.raises(clerks.LockedOut, match="Try again in"):
        clerks.log_in("Carla Clerk", "3333", at=locked_at + dt.timedelta(seconds=59))
    # Five more wrong after a minute's lockout: 15 minutes.
    locked_at, locked = _five_wrong("Carla Clerk", locked_at + dt.timedelta(seconds=61))
    assert "locked for 15 minutes" in locked.message
    with pytest.raises(clerks.LockedOut, match="Try again in 14 minutes"):
        clerks.log_in("Carla Clerk", "3333", at=locked_at + dt.timedelta(minutes=1))
    # Five more: locked until a manager unlocks it, however long anyone waits.
    third, locked = _five_wrong("Carla Clerk", locked_at + dt.timedelta(minutes=15, seconds=1))
    assert "a manager can unlock" in locked.message and locked.needs_manager
    assert clerks.is_locked_for_manager("Carla Clerk") and not clerks.is_locked_for_manager("Marcus Manager")
    for later in (dt.timedelta(hours=1), dt.timedelta(days=30)):
        with pytest.raises(clerks.LockedOut, match="a manager can unlock"):
            clerks.log_in("Carla Clerk", "3333", at=third + later)
    # Fifteen guesses in all, not thousands a day.
    unlock_at = third + dt.timedelta(days=30)
    with pytest.raises(NotAllowed, match="Only a manager"):
        clerks.unlock_clerk(world.clerk, world.clerk.id, at=unlock_at)
    assert clerks.unlock_clerk(world.manager, world.clerk.id, at=unlock_at) == "Carla Clerk"
    assert clerks.log_in("Carla Clerk", "3333", at=unlock_at).id == world.clerk.id
    # Unlocked, the count starts again from a minute.
    _locked_at, locked = _five_wrong("Carla Clerk", unlock_at + dt.timedelta(minutes=1))
    assert "locked for a minute" in locked.message


def test_with_nobody_to_unlock_the_owner_the_third_lockout_lasts_a_day(owner):
    """A dealer alone (no manager) is never locked out of their own books for good."""
    at = dt.datetime(2025, 1, 6, 9, 0)
    for _ in range(2):
        at = _five_wrong("Olivia Owner", at)[0] + dt.timedelta(minutes=16)
    at, locked = _five_wrong("Olivia Owner", at)
    assert "locked for a day" in locked.message and not locked.needs_manager
    with pytest.raises(clerks.LockedOut, match="Try again in 23 hours"):
        clerks.log_in("Olivia Owner", "1111", at=at + dt.timedelta(hours=1))
    assert clerks.log_in("Olivia Owner", "1111", at=at + dt.timedelta(days=1, minutes=1)).role is Role.OWNER
