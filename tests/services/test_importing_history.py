"""An agreement whose file carries its payment history: the payments are replayed by our
rules instead of an opening position, and where they land away from the position the
agreements file states, the preview says so, per account."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.import_columns import ImportKind, guess_mapping
from lto_desk.domain.ledger import EntryKind
from lto_desk.services import importing
from lto_desk.services.business_reports import statement
from lto_desk.services.import_files import SourceTable
from lto_desk.services.integrity import verify
from lto_desk.services.ledger import state_of
from lto_desk.store.models import Agreement, LedgerEntry
from helpers import make_vin

TODAY = dt.date(2026, 3, 16)
AT = dt.datetime(2026, 3, 16, 10, 0)


def source(kind: ImportKind, name: str, headers: tuple, *rows: tuple) -> importing.ImportSource:
    table = SourceTable(name, headers, tuple(rows), name.encode().hex().ljust(64, "0")[:64], "utf-8", ",")
    return importing.ImportSource(kind, table, guess_mapping(kind, table.headers))


def book(*payments: tuple, balance_2="$6,300.00", next_due_2="03/23/2026"):
    agreement_headers = ("Acct #", "Cust #", "Stock #", "Price", "Down", "Pmt Amt", "Freq", "Term", "First Due",
                         "Contract Date", "Balance", "Next Due", "Late Fees Due")
    return [
        source(ImportKind.CUSTOMERS, "customers.csv", ("Cust #", "Name", "Cell"),
               ("1", "Peña, Rosa", "(205) 555-0142"), ("2", "Ruiz, Ana", "(205) 555-0143")),
        source(ImportKind.VEHICLES, "inventory.csv", ("Stock #", "VIN", "Yr", "Make", "Model"),
               ("A1", make_vin(9001), "2014", "Honda", "Civic"), ("A2", make_vin(9002), "2013", "Ford", "Focus")),
        source(ImportKind.AGREEMENTS, "accounts.csv", agreement_headers,
               ("D1", "1", "A1", "$8,000.00", "$1,000.00", "$100.00", "W", "70", "02/02/2026", "01/26/2026",
                "$6,400.00", "03/16/2026", "$0.00"),
               ("D2", "2", "A2", "$8,000.00", "$1,000.00", "$100.00", "W", "70", "02/02/2026", "01/26/2026",
                balance_2, next_due_2, "$0.00")),
        source(ImportKind.PAYMENTS, "payments.csv", ("Acct #", "Date", "Amount", "Type", "Ref"), *payments),
    ]


SIX_WEEKS = [("D1", f"{d:%m/%d/%Y}", "$100.00", "Cash", "") for d in
             (dt.date(2026, 2, 2) + dt.timedelta(weeks=k) for k in range(6))]
SIX_FOR_D2 = [("D2", d, a, "Check", f"10{n}") for n, (_acct, d, a, _t, _r) in enumerate(SIX_WEEKS)]


def test_the_history_is_replayed_and_a_difference_from_the_file_is_said_per_account(manager):
    preview = importing.check_import(manager, book(*SIX_WEEKS, *SIX_FOR_D2), today=TODAY)
    assert preview.ok, preview.problem_lines()
    assert preview.differences == (
        "Account D2: its 6 payments give a balance of $6,400.00, next due 03/16/2026 and $0.00 in late fees; "
        "the agreements file says $6,300.00, 03/23/2026 and $0.00. The payments are what will count.",)
    importing.run_import(manager, preview, at=AT)
    for account in ("D1", "D2"):
        agreement = Agreement.get(Agreement.source_id == account)
        kinds = [e.kind for e in LedgerEntry.select().where(LedgerEntry.agreement == agreement.id)]
        assert kinds == [EntryKind.PAST_PAYMENT.value] * 6
        state = state_of(agreement, TODAY)
        assert (state.principal_remaining, state.installments_paid, state.total_paid, state.paid_before) == (
            640000, 6, 0, 60000)
    lines = statement(manager, Agreement.get(Agreement.source_id == "D1").id, as_of=TODAY).lines
    assert lines[-1].balance == 640000  # the price, the down paid there, and six payments received there
    assert verify().ok


def test_a_history_that_agrees_with_the_file_says_nothing(manager):
    preview = importing.check_import(manager, book(*SIX_WEEKS, *SIX_FOR_D2, balance_2="$6,400.00",
                                                   next_due_2="03/16/2026"), today=TODAY)
    assert preview.ok and preview.differences == ()


def test_a_payment_of_no_account_or_beyond_the_payoff_or_before_the_contract_is_a_problem(manager):
    preview = importing.check_import(manager, book(
        *SIX_WEEKS, ("D9", "03/02/2026", "$100.00", "Cash", ""), ("D2", "01/05/2026", "$100.00", "Cash", ""),
        ("D2", "02/02/2026", "$9,000.00", "Cash", "")), today=TODAY)
    assert preview.problem_lines() == [
        "payments.csv: row 8, Acct #: There is no account D9 among the running agreements of this import "
        "(a row with a problem there counts as missing).",
        "payments.csv: row 9, Date: Account D2 was opened 01/26/2026, after this payment's date.",
        "payments.csv: row 10, Amount: $9,000.00 on 02/02/2026 is more than account D2 still owed then.",
    ]


def test_the_same_history_again_makes_nothing(manager):
    importing.run_import(manager, importing.check_import(manager, book(*SIX_WEEKS, *SIX_FOR_D2), today=TODAY), at=AT)
    again = importing.check_import(manager, book(*SIX_WEEKS, *SIX_FOR_D2), today=TODAY)
    assert again.ok and again.count(ImportKind.PAYMENTS) == 0
    assert again.count(ImportKind.PAYMENTS, already_here=True) == 12
    before = LedgerEntry.select().count()
    importing.run_import(manager, again, at=AT)
    assert LedgerEntry.select().count() == before
