"""No full card number and no Social Security number is stored anywhere.

Typed into a note, a payment memo, a check number or a complaint, one is refused
with words saying what to keep, and nothing of that action is written (no receipt
number used). No column is named for such data, and a scan of every text in every
table and in the journal of the demo dealership finds none — the scan itself is
shown to catch one put in by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest

from free_text_fields import FIELDS, World
from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.sensitive import find_card_number, find_ssn
from lto_desk.services import agreements, complaints, customers, payments
from lto_desk.store.typed_text import machine_field, typed_texts
from lto_desk.store.models import Agreement, LedgerEntry, db

AT = dt.datetime(2025, 1, 13, 10, 0)
CARD_WORDS = "That looks like a full card number. Please keep only the last four digits (for example …1111)."


def image() -> dict[str, list[str]]:
    tables = [r[0] for r in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{t}"'))) for t in tables}


@pytest.fixture
def customer(agreement) -> int:
    return Agreement.get_by_id(agreement).__data__["customer"]


def test_a_card_number_in_a_note_is_refused_and_nothing_is_kept(clerk, customer):
    before = image()
    with pytest.raises(InvalidInput) as refused:
        customers.add_note(clerk, customer, "Paid by card 4111 1111 1111 1111, call if it is declined", at=AT)
    assert refused.value.message == CARD_WORDS
    assert image() == before
    customers.add_note(clerk, customer, "Paid by card ending 1111, call if it is declined", at=AT)


def test_a_card_number_in_a_payment_memo_is_refused_and_uses_no_receipt_number(clerk, agreement):
    first = payments.take_payment(clerk, agreement, 7693, at=AT).receipt_number
    before = image()
    with pytest.raises(InvalidInput, match="full card number"):
        payments.take_payment(clerk, agreement, 7693, memo="card 4111-1111-1111-1111 exp 09/27", at=AT)
    with pytest.raises(InvalidInput, match="full card number"):
        payments.take_payment(clerk, agreement, 7693, "check", reference="4111111111111111", at=AT)
    assert image() == before
    # The next payment gets the very next number: the refused ones left no gap.
    assert payments.take_payment(clerk, agreement, 7693, memo="card ending 1111", at=AT).receipt_number == first + 1


def test_a_social_security_number_in_a_complaint_or_a_family_note_is_refused(clerk, customer):
    before = image()
    with pytest.raises(InvalidInput, match="Social Security number"):
        complaints.open_complaint(clerk, customer, "For the warranty form, her SSN is 123-45-6789", "minor", at=AT)
    with pytest.raises(InvalidInput, match="Social Security number"):
        customers.add_household_member(clerk, customer, "Luis García", "son", notes="social 123 45 6789", at=AT)
    assert image() == before


# -- every spelling in every free-text field ----------------------------------------------------

#: How people have typed a card or Social Security number (issue 19, finding 8).
SPELLINGS = [
    "4111.1111.1111.1111",
    "4111/1111/1111/1111",
    "4111_1111_1111_1111",
    "41111111 11111111",
    "４１１１１１１１１１１１１１１１",  # full-width digits
    "٤١١١ ١١١١ ١١١١ ١١١١",  # Arabic-Indic digits
    "123 45 6789",
    "123.45.6789",
    "her SS is 123456789",
    "SSN 123456789",
]
#: A check number takes letters, digits and dashes (spaces are taken out): these spellings.
CHECK_NUMBER_SPELLINGS = ["SSN 123456789", "SSN 123-45-6789", "41111111 11111111", "4111-1111-1111-1111"]
SENSITIVE_WORDS = ("That looks like a full card number.", "That looks like a Social Security number.")
#: Numbers a car lot writes that are none of these, accepted in every field (a stock number
#: takes 20 characters, a check number only letters, digits and dashes, an e-mail address no spaces: their own).
HARMLESS = "Call 205.555.0142 after 2019"
HARMLESS_OF = {
    "vehicle.stock_number": "S-2019-35203", "payment.check_number": "35203-1234", "customer.email": "ann.2055550142",
}


@pytest.fixture
def world(owner, manager, clerk, customer, agreement) -> World:
    return World(owner, manager, clerk, agreement, customer)


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_every_spelling_of_a_card_or_social_security_number_is_refused_in_every_free_text_field(world, name):
    field = FIELDS[name]
    write = field.set_up(world)
    before = image()
    spellings = CHECK_NUMBER_SPELLINGS if name == "payment.check_number" else SPELLINGS
    stored = []
    for spelling in spellings:
        try:
            write(field.wrap.format(spelling))
        except InvalidInput as refused:
            said = refused.message
            assert said.startswith(SENSITIVE_WORDS) or field.own_words and field.own_words in said, (spelling, said)
        else:
            stored.append(spelling)
    assert stored == []
    assert image() == before
    # The field itself takes text with other numbers in it.
    write(field.wrap.format(HARMLESS_OF.get(name, HARMLESS)))
    assert image() != before


#: What a car lot writes in a note: none of it is a card or a Social Security number.
EVERYDAY_NUMBERS = [
    "VIN 1HGCM82633A004352, stock S1001",
    "call 205.555.0142 or 205/555/0199, +52 1 55 1234 5678",
    "receipts 1004 1005 1006 1007 reprinted",  # these four pass the Luhn check
    "paid $4,500.00 on 01/06/2025 and $1,234.50 on 2025.01.13",
    "new address ZIP 35203-1234",
    "wants a 2017 2018 2019 2020 Civic",  # so do these model years
    "2019 Camaro SS, order 123456789 from the parts store",
]


def test_everyday_numbers_in_a_note_and_a_memo_are_kept(clerk, customer, agreement):
    for text in EVERYDAY_NUMBERS:
        note = customers.add_note(clerk, customer, text, at=AT)
        assert customers.Note.get_by_id(note).text == text
        payments.take_payment(clerk, agreement, 100, memo=text, at=AT)
    assert sorted(e.memo for e in LedgerEntry.select().where(LedgerEntry.amount == 100)) == sorted(EVERYDAY_NUMBERS)


def test_a_number_in_a_return_s_notes_is_refused_though_its_record_is_kept_as_json(manager, agreement):
    """The return's record is JSON text that writes full-width digits as \\uff11 ...: read as what it holds."""
    before = image()
    for notes in ("SSN １２３４５６７８９", "card ４１１１１１１１１１１１１１１１"):
        with pytest.raises(InvalidInput, match="looks like a"):
            agreements.return_vehicle(manager, agreement, "other", reason_text="Moving", notes=notes, at=AT)
    with pytest.raises(InvalidInput, match="Social Security"):
        agreements.return_vehicle(manager, agreement, "other", reason_text="SS １２３ ４５ ６７８９", at=AT)
    assert image() == before
    agreements.return_vehicle(manager, agreement, "other", reason_text="Moving", notes="Keys: ２", at=AT)
    memo = LedgerEntry.select().where(LedgerEntry.kind == "return").get().memo
    assert "\\uff12" in memo  # kept as JSON, as before


def test_a_social_security_number_typed_as_a_check_number_is_refused(clerk, agreement):
    """Spaces are taken out of a check number, so "SSN 123456789" would be kept as "SSN123456789"."""
    before = image()
    with pytest.raises(InvalidInput, match="Social Security number"):
        payments.take_payment(clerk, agreement, 7693, "check", reference="SSN 123456789", at=AT)
    assert image() == before


# -- the schema and every stored value ----------------------------------------------------------

_FORBIDDEN_PARTS = {"card", "cc", "pan", "ssn", "social", "itin", "tin", "sin", "cvv", "cvc", "ccv", "taxid"}
_FORBIDDEN_NAMES = re.compile(r"card_?num|credit_?card|social_?sec|tax_?id|account_?num", re.IGNORECASE)


def forbidden_column(name: str) -> bool:
    """A column named for a card, a Social Security or a tax number (``card_last4`` would be fine)."""
    if name.lower().endswith(("last4", "last_4", "last_four")):
        return False
    parts = set(name.lower().split("_"))
    return bool(parts & _FORBIDDEN_PARTS) or bool(_FORBIDDEN_NAMES.search(name))


def forbidden_columns(con: sqlite3.Connection) -> list[str]:
    found = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for column in (r[1] for r in con.execute(f'PRAGMA table_info("{table}")')):
            if forbidden_column(column) or forbidden_column(table):
                found.append(f"{table}.{column}")
    return found


def _texts(table: str, column: str, value: str):
    if table == "journal" and column == "changes":
        for changed, _key, before, after in json.loads(value):
            yield from typed_texts(changed, before)
            yield from typed_texts(changed, after)
    else:
        yield value


def sensitive_values(path: Path) -> list[str]:
    """Where a card-like or Social Security number is stored: "table.column #row" (the
    search indexes' copies of names and notes included)."""
    found = []
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            # Numbered by position: the search indexes' config tables have no rowid.
            for rowid, values in enumerate(con.execute(f'SELECT * FROM "{table}"'), start=1):
                for column, value in zip(columns, values):
                    if not isinstance(value, str) or machine_field(table, column):
                        continue
                    if any(find_card_number(t) or find_ssn(t) for t in _texts(table, column, value)):
                        found.append(f"{table}.{column} #{rowid}")
    return found


def test_the_column_check_knows_a_sensitive_name():
    assert [n for n in ("card_number", "cc_num", "pan", "ssn", "social_security", "tax_id", "customer_sin")
            if not forbidden_column(n)] == []
    assert [n for n in ("card_last4", "company", "since", "pin_hash", "reason", "cost", "postal_code", "tags")
            if forbidden_column(n)] == []


def test_the_demo_dealership_stores_no_card_or_social_security_number(database, location, tmp_path):
    from lto_desk.demo import build_demo

    build_demo(dt.date(2026, 11, 20))
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    path = Path(location.url)
    with sqlite3.connect(path) as con:
        assert forbidden_columns(con) == []
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ("note", "ledger_entry", "journal")}
    assert counts["note"] > 50 and counts["ledger_entry"] > 500 and counts["journal"] > 1000  # a broad set of data
    assert sensitive_values(path) == []

    # The scan would catch one: put a card number in a note and a Social Security number
    # in an employer by hand, and one in a journal row, in a copy of the database.
    copy = tmp_path / "copy.sqlite3"
    db.execute_sql("VACUUM INTO ?", (str(copy),))
    with sqlite3.connect(copy) as con:
        note = con.execute("SELECT min(id) FROM note").fetchone()[0]
        con.execute("UPDATE note SET text = text || ' card 4111 1111 1111 1111' WHERE id = ?", (note,))
        customer = con.execute("SELECT min(id) FROM customer").fetchone()[0]
        con.execute("UPDATE customer SET employer = 'SSN 123-45-6789' WHERE id = ?", (customer,))
        row = con.execute("SELECT max(id) FROM journal").fetchone()[0]
        con.execute(
            "INSERT INTO journal (at, clerk_id, action, changes, prev_hash, hash) VALUES (?, 1, 'forged', ?, ?, ?)",
            ("2026-11-20 18:00:00", json.dumps([["ledger_entry", "1", None, {"memo": "5555555555554444"}]]),
             "0" * 64, "0" * 64),
        )
        con.execute("ALTER TABLE customer ADD COLUMN ssn TEXT")
        assert forbidden_columns(con) == ["customer.ssn"]
    assert sorted(sensitive_values(copy)) == sorted(
        [f"customer.employer #{customer}", f"note.text #{note}", f"journal.changes #{row + 1}"]
    )
