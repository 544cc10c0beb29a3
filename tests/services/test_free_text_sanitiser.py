"""One sanitiser for every free-text field (domain.text.clean_text): NUL, ESC, the bidi
overrides and every other character that hides or turns text around are taken out
before anything is kept, and every field has a bound, so a 5 MB household note is
refused with a message saying how long it may be. Notes about a household member keep
their line breaks and tabs; one-line fields keep one space for them.

Every field is walked (tests/free_text_fields.py) and every stored text read back,
the journal's copies and the values inside JSON text (a return's record) included.
"""

from __future__ import annotations

import pytest

from free_text_fields import AT, FIELDS, World
from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.text import LINE_MAX, NOTE_MAX, clean_text
from lto_desk.services import customers
from lto_desk.store.models import Agreement, HouseholdMember, db
from lto_desk.store.typed_text import typed_texts

#: NUL, ESC and RIGHT-TO-LEFT OVERRIDE inside a word, as they were stored (issue 19, finding 10).
HIDING = "Zq\x00u\x1bi\u202eet"
#: Every character the sanitiser takes out, to look for in what was stored.
TAKEN_OUT = "".join(map(chr, [*range(0x00, 0x09), *range(0x0e, 0x1c), *range(0x7f, 0x85), *range(0x86, 0xa0)]))
TAKEN_OUT += "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

SANITISED = sorted(name for name, f in FIELDS.items() if f.sanitised)


def stored_texts() -> list[tuple[str, str]]:
    """("table.column", text) for every text stored, the values inside JSON text included."""
    found = []
    tables = [r[0] for r in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        cursor = db.execute_sql(f'SELECT * FROM "{table}"')
        columns = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            for column, value in zip(columns, row):
                found += [(f"{table}.{column}", text) for text in typed_texts(table, value)]
    return found


@pytest.fixture
def world(owner, manager, clerk, agreement) -> World:
    return World(owner, manager, clerk, agreement, Agreement.get_by_id(agreement).customer_id)


@pytest.mark.parametrize("name", SANITISED)
def test_hiding_characters_are_taken_out_of_every_free_text_field(world, name):
    field = FIELDS[name]
    write = field.set_up(world)
    write(field.wrap.format(HIDING))
    texts = stored_texts()
    assert [where for where, text in texts if any(ch in TAKEN_OUT for ch in text)] == []
    assert [where for where, text in texts if "zquiet" in text.casefold() and not where.startswith("journal")]


@pytest.mark.parametrize("name", SANITISED)
def test_every_free_text_field_has_a_bound_and_says_it(world, name):
    field = FIELDS[name]
    write = field.set_up(world)
    before = stored_texts()
    with pytest.raises(InvalidInput, match=r"too long \(at most \d+ characters\)\.$"):
        write(field.wrap.format("Word " * (NOTE_MAX // 5 + 1)))
    assert stored_texts() == before


def test_a_5_mb_household_note_is_refused_with_its_bound(clerk, agreement):
    customer = Agreement.get_by_id(agreement).customer_id
    for relation, notes, words in [
        ("son", "x" * 5_000_000, "The notes on the household member are too long (at most 2000 characters)."),
        ("s" * 5_000_000, "", "The relation is too long (at most 60 characters)."),
    ]:
        with pytest.raises(InvalidInput) as refused:
            customers.add_household_member(clerk, customer, "Luis García", relation, notes=notes, at=AT)
        assert refused.value.message == words
    assert HouseholdMember.select().count() == 0


def test_a_household_note_keeps_its_lines_and_tabs_and_loses_what_hides(clerk, agreement):
    customer = Agreement.get_by_id(agreement).customer_id
    typed = "  Allergic to peanuts \r\n\tcarries an EpiPen\u202e\x00\r\n\r\n\r\n\r\nSoccer on Saturdays\u2028\x1b[31m  "
    member = customers.add_household_member(clerk, customer, "Luis García", " son\t", notes=typed, at=AT)
    row = HouseholdMember.get_by_id(member)
    assert row.notes == "Allergic to peanuts\n\tcarries an EpiPen\n\nSoccer on Saturdays\n[31m"
    assert row.relation == "son"


@pytest.mark.parametrize(("typed", "kept"), [
    ("  two\t\twords \n", "two words"),
    ("a\x00b\x07c\x1bd\x7fe\x9bf", "abcdef"),
    ("\u202ereversed\u202c \u2066isolated\u2069 \u202aembedded\u202c", "reversed isolated embedded"),
    ("line\u2028break\u2029paragraph\x85next\x0bvertical\x0cfeed", "line break paragraph next vertical feed"),
    ("lone \ud800surrogate", "lone surrogate"),
    ("José 😀 \u200dמַזָּל\u200f", "José 😀 \u200dמַזָּל\u200f"),  # letters, emoji, joiners and marks stay
    (None, ""),
])
def test_one_line_text_as_kept(typed, kept):
    assert clean_text(typed) == kept


def test_the_bounds_are_said_once_and_no_field_asks_for_more():
    assert (LINE_MAX, NOTE_MAX) == (200, 4000)
    assert clean_text("x" * LINE_MAX) == "x" * LINE_MAX
    with pytest.raises(InvalidInput, match=r"^The text is too long \(at most 200 characters\)\.$"):
        clean_text("x" * (LINE_MAX + 1))
    with pytest.raises(InvalidInput, match=r"^The note is too long \(at most 4000 characters\)\.$"):
        clean_text("x" * (NOTE_MAX + 1), "the note", maximum=10 * NOTE_MAX)
    with pytest.raises(InvalidInput, match=r"^Please type the reason\.$"):
        clean_text(" \x00\u202e ", "the reason", minimum=1)
