"""No service reads or writes the dealer's data for someone nobody logged in.

Found from the code, not from a list kept by hand: every public function of
``lto_desk.services`` whose body reaches a table (however many calls down) takes
the logged-in ``actor`` first, and the role table (``test_roles_enforced``) says who
may call it. The few that may not take one are listed here, each with the reason;
those that are building blocks for other services are never called by the window.
"""

from __future__ import annotations

from data_readers import DataReaders, parse_module, program_modules, references

#: Reads that do not count: what they read is shown to anyone at the counter before a log-in.
HARMLESS = {
    "settings.load_settings": "the dealer's name, address and how the counter works: the log-in page reads "
                              "them before anyone logs in, and every printed page shows them",
}

#: Public functions of the services that read the data with no actor, each with why.
WITHOUT_AN_ACTOR = {
    # Before anyone is logged in: the log-in page and the start-up.
    "clerks.log_in": "the log-in itself: the PIN is the check",
    "clerks.approve": "a manager's name and PIN typed at the counter: the PIN is the check",
    "clerks.list_clerks": "the log-in page's list of names, before anyone logs in",
    "clerks.has_clerks": "whether the first owner must be made, before anyone can log in",
    "clerks.is_locked_for_manager": "the log-in page says a name needs a manager to unlock it",
    "clerks.choose_pin": "a person with no PIN yet (just added, or reset) chooses theirs at the log-in page; "
                         "it is refused for anyone who has one",
    "files.open_database": "the start-up opens the file before anyone can log in",
    "files.close_database": "closing the file at the end, after the last log-out",
    "files.restore_backup": "the start-up's way out of a file that will not open: nobody can log in to it",
    "backups.back_up": "a copy of the whole file at start-up and at closing (before and after anyone is "
                       "logged in) and from the command line; it shows nothing of what it copies",
    # The owner's command-line tools and the checks around them (services/integrity.py,
    # anchoring.py and journal_key.py are theirs).
    "integrity.verify": "lto-desk verify: whoever can run it holds the file already",
    "anchoring.check_anchors": "part of verify and the start-up check",
    "anchoring.lost_receipt_numbers": "part of verify and the start-up check",
    "anchoring.printed_beyond_the_books": "part of verify and the start-up check",
    "anchoring.record_anchor": "lto-desk verify and backup write the anchor they checked",
    "journal_key.enter_key": "lto-desk key: typed from the recovery sheet, at the terminal",
    "journal_key.key_status": "lto-desk key says where the key is",
    "journal_key.sheet_due": "takes the person, whose role it reads from the staff table",
    # Building blocks: given rows a service read for its checked actor, or run inside its unit of work.
    "clerks.locked_at": "whether a staff row the staff list read for its checked actor is locked",
    "clerks.refuse_a_taken_name": "the check of a new name that adding someone makes for its checked actor "
                                   "(or for the first owner, before anyone can log in)",
    "ledger.load_ledger": "the ledger of an agreement row a service has read for its checked actor",
    "ledger.ledger_with": "the ledger of an agreement row a service has read for its checked actor",
    "ledger.state_of": "the state of an agreement row a service has read for its checked actor",
    "ledger.live_payments": "a query condition: it runs nothing by itself",
    "outlooks.outlooks": "the amounts due for the lookup, the reports and verify, which check who asks",
    "follow_up_tasks.contact_stopped": "asked inside a service's unit of work, before it makes a task",
    "business_reports.worker_connection": "opens the worker thread's own connection; reads nothing itself",
    "drawer.session_for_money": "runs inside another service's write (a payment, a down payment), whose actor "
                                "was checked; it finds the session the money goes through",
    "in_order.refuse_out_of_order": "runs inside another service's write (a payment, a void, a waiver), whose "
                                    "actor was checked; it reads the agreement's latest entry's time",
}

#: Of those, the ones only other services call: the window never does.
BUILDING_BLOCKS = {
    "clerks.locked_at", "clerks.refuse_a_taken_name", "ledger.load_ledger", "ledger.ledger_with", "ledger.state_of", "ledger.live_payments", "outlooks.outlooks",
    "follow_up_tasks.contact_stopped", "drawer.session_for_money", "in_order.refuse_out_of_order",
}


def test_every_service_that_reads_the_dealers_data_takes_an_actor():
    unguarded = DataReaders(set(HARMLESS)).readers_without_an_actor()
    undecided = sorted(set(unguarded) - set(WITHOUT_AN_ACTOR))
    assert not undecided, f"these read the dealer's data for anyone who calls them (give them an actor): {undecided}"
    stale = sorted(set(WITHOUT_AN_ACTOR) - set(unguarded))
    assert not stale, f"listed as reading with no actor, but they do not (take them off the list): {stale}"
    assert all(reason.strip() for reason in {**HARMLESS, **WITHOUT_AN_ACTOR}.values())


def test_the_window_never_calls_a_building_block():
    called = set()
    for name in program_modules("lto_desk.ui"):
        module = parse_module(name)
        called |= references(module, module.tree)
    blocks = {(f"lto_desk.services.{b.split('.')[0]}", b.split(".")[1]) for b in BUILDING_BLOCKS}
    assert not called & blocks, f"the window calls what only a checked service may: {sorted(called & blocks)}"


def test_the_finder_follows_calls_and_imports_inside_functions_but_not_type_names():
    readers = DataReaders(set(HARMLESS))
    # Through store.rows.by_id, a call in another package.
    assert readers.reads(("lto_desk.services.counter", "customer_card"))
    # Through ``from ..store import database`` written inside the function.
    assert readers.reads(("lto_desk.services.files", "open_database"))
    # A parameter typed ``Customer`` is not a read.
    assert not readers.reads(("lto_desk.services.customers", "address_of"))
    # What HARMLESS names does not count, nor do calls to it.
    assert not readers.reads(("lto_desk.services.settings", "load_settings"))
    assert not readers.reads(("lto_desk.services.receipts", "thank_you_line"))
