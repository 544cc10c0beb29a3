"""What a payment reads and writes through plain queries (store.rows by_id/by_key/insert_row,
the ledger's loader, the journal's append) is what the models would read and write."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from lto_desk.services import payments
from lto_desk.store.rows import by_id, by_key, insert_row
from lto_desk.services.integrity import verify
from lto_desk.services.ledger import load_ledger
from lto_desk.store.journal import short_code
from lto_desk.store.models import Agreement, Customer, JournalRow, LedgerEntry, Note

MON = dt.datetime(2025, 1, 13, 10, 0)


def test_a_reprint_shows_what_each_receipt_showed_when_it_was_posted(clerk, manager, agreement):
    taken = [
        payments.take_payment(clerk, agreement, 7693, "cash", tendered=8000, at=MON),
        # Two weeks later: a late fee, a past-due installment and part of the current one.
        payments.take_payment(clerk, agreement, 12000, "card", reference="4421", at=dt.datetime(2025, 1, 27, 15, 30)),
        payments.take_payment(clerk, agreement, 30000, "check", reference="1002", memo="ahead", at=dt.datetime(2025, 1, 28, 9)),
    ]
    payments.void_payment(manager, taken[1].receipt_number, "Card charged twice", at=dt.datetime(2025, 1, 29, 9))
    for result in taken:
        again = payments.receipt_for(clerk, result.receipt_number)
        assert again == replace(result, voided=result is taken[1])
    codes = {short_code(r.hash) for r in JournalRow.select().where(JournalRow.action == "take_payment")}
    assert {r.journal_code for r in taken} <= codes and len({r.journal_code for r in taken}) == 3
    assert verify().ok


def test_the_ledger_as_loaded_is_the_stored_schedule_and_entries(clerk, agreement):
    first = payments.take_payment(clerk, agreement, 7693, at=MON)
    payments.take_payment(clerk, agreement, 5000, at=dt.datetime(2025, 1, 20, 11))
    row = Agreement.get_by_id(agreement)
    ledger = load_ledger(row)
    assert [(i.number, i.due) for i in ledger.schedule[:2]] == [(1, dt.date(2025, 1, 13)), (2, dt.date(2025, 1, 20))]
    assert len(ledger.schedule) == 104 and sum(i.amount for i in ledger.schedule) == 800_000
    stored = list(LedgerEntry.select().where(LedgerEntry.agreement == agreement).order_by(LedgerEntry.id))
    assert [(e.id, e.kind.value, e.on, e.amount) for e in ledger.entries] == [
        (s.id, s.kind, s.entry_date, s.amount) for s in stored
    ]
    upto = load_ledger(row, up_to_id=by_key(LedgerEntry.receipt_number, first.receipt_number).id)
    assert [e.amount for e in upto.entries] == [100_000, 7693]  # the down payment, then the first payment


def test_rows_read_by_key_are_the_rows_the_models_read(clerk, agreement):
    result = payments.take_payment(clerk, agreement, 7693, at=MON)
    assert by_id(Agreement, agreement).__data__ == Agreement.get_by_id(agreement).__data__
    entry = by_key(LedgerEntry.receipt_number, result.receipt_number)
    assert entry.__data__ == LedgerEntry.get(LedgerEntry.receipt_number == result.receipt_number).__data__
    assert isinstance(entry.created_at, dt.datetime) and isinstance(entry.entry_date, dt.date)
    assert by_id(Customer, 999_999) is None
    assert by_key(LedgerEntry.receipt_number, 999_999) is None


def test_a_row_inserted_plainly_reads_back_as_written_with_its_defaults(owner, agreement):
    customer = Agreement.get_by_id(agreement).customer_id
    at = dt.datetime(2025, 2, 3, 4, 5, 6, 789)
    note = insert_row(Note(customer=customer, text="Calls after 5 pm", author=owner.id, created_at=at, updated_at=at))
    stored = Note.get_by_id(note.id)
    assert note.id and stored.__data__ == {**note.__data__, "cue_done_at": None}  # not given: NULL
    assert (stored.created_at, stored.tags, stored.search_text) == (at, "", "")


def test_a_payment_leaves_a_journal_that_verifies_and_a_counter_without_gaps(clerk, agreement):
    numbers = [payments.take_payment(clerk, agreement, 1000 + n, at=MON + dt.timedelta(minutes=n)).receipt_number
               for n in range(5)]
    assert numbers == [2, 3, 4, 5, 6]  # 1 was the down payment
    assert payments.take_payment(clerk, agreement, 500, request_id="r-1", at=MON + dt.timedelta(minutes=5)).receipt_number == 7
    assert payments.take_payment(clerk, agreement, 500, request_id="r-1", at=MON + dt.timedelta(minutes=5)).receipt_number == 7
    report = verify()
    assert report.ok, report
