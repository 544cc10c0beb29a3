"""Relationship memory against a real SQLite file: profile, phones, consent,
notes with history, cues, household cars, referrals, note search, dates that matter."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import InvalidInput, NotAllowed, NotFound, Refused
from lto_desk.services import customers
from lto_desk.services import relationship as rel
from lto_desk.services.integrity import verify
from lto_desk.store.models import (
    Customer,
    CustomerPhone,
    HouseholdCar,
    JournalRow,
    Note,
    NoteRevision,
)

AT = dt.datetime(2025, 3, 4, 11, 0)  # a Tuesday


def _counts() -> dict[str, int]:
    return {
        m.__name__: m.select().count()
        for m in (Customer, CustomerPhone, HouseholdCar, Note, NoteRevision, JournalRow)
    }


def _customer_row(cid: int) -> dict:
    return dict(Customer.get_by_id(cid).__data__)


@pytest.fixture
def maria(agreement):
    return Customer.get(Customer.first_name == "María").id


@pytest.fixture
def pedro(clerk):
    return customers.add_customer(clerk, customers.NewCustomer("Pedro", "Ramírez"), at=AT)


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "changes, error, words",
    [
        (rel.ProfileChanges(birthday=dt.date(2030, 5, 1)), InvalidInput, "birthday is in the future"),
        (rel.ProfileChanges(email="maria.example.com"), InvalidInput, "not an email address"),
        (rel.ProfileChanges(phone="555-12"), InvalidInput, "not a full phone number"),
        (rel.ProfileChanges(phone="call me maybe"), InvalidInput, "has letters in it"),
        (rel.ProfileChanges(language="fr"), InvalidInput, "English or Spanish"),
        # good fields before the bad one must not be saved half
        (rel.ProfileChanges(preferred_name="Mari", employer="Acme", email="no-at-sign"), InvalidInput, "@"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_is_saved(clerk, maria, changes, error, words):
    before, row = _counts(), _customer_row(maria)
    with pytest.raises(error) as err:
        rel.update_profile(clerk, maria, changes, at=AT)
    assert words in err.value.message
    assert _counts() == before and _customer_row(maria) == row


def test_a_customer_cannot_refer_themselves(clerk, maria):
    before, row = _counts(), _customer_row(maria)
    with pytest.raises(Refused, match="cannot be their own referrer"):
        rel.update_profile(clerk, maria, rel.ProfileChanges(referred_by=maria, employer="Acme"), at=AT)
    assert _counts() == before and _customer_row(maria) == row


def test_a_referral_circle_is_refused(clerk, maria, pedro):
    third = customers.add_customer(clerk, customers.NewCustomer("Ana", "López", referred_by=pedro), at=AT)
    rel.update_profile(clerk, pedro, rel.ProfileChanges(referred_by=maria), at=AT)  # María → Pedro → Ana
    before, row = _counts(), _customer_row(maria)
    with pytest.raises(Refused) as err:
        rel.update_profile(clerk, maria, rel.ProfileChanges(referred_by=third), at=AT)
    assert "cannot have been referred by Ana López" in err.value.message
    assert _counts() == before and _customer_row(maria) == row


def test_a_referrer_not_on_file_is_refused(clerk, maria):
    with pytest.raises(NotFound, match="referrer is not on file"):
        rel.update_profile(clerk, maria, rel.ProfileChanges(referred_by=9999), at=AT)


def test_bad_phone_for_the_extra_phones_is_refused(clerk, maria):
    before = _counts()
    with pytest.raises(InvalidInput, match="not a full phone number"):
        rel.add_phone(clerk, maria, "12345", "home", at=AT)
    with pytest.raises(InvalidInput, match="label is one of"):
        rel.add_phone(clerk, maria, "(205) 555-0199", "fax", at=AT)
    with pytest.raises(Refused, match="already on file"):
        rel.add_phone(clerk, maria, "(205) 555-0142", "home", at=AT)  # her main phone
    assert _counts() == before


def test_editing_a_note_with_an_unknown_tag_or_no_text_saves_nothing(clerk, maria):
    note = customers.add_note(clerk, maria, "Likes fishing", ("hobby",), at=AT)
    before = _counts()
    with pytest.raises(InvalidInput, match="Unknown tag"):
        rel.edit_note(clerk, note, "Likes fishing on Sundays", ("fishing",), False, at=AT)
    with pytest.raises(InvalidInput, match="Please type the note"):
        rel.edit_note(clerk, note, "   ", ("hobby",), False, at=AT)
    assert _counts() == before and Note.get_by_id(note).text == "Likes fishing"


def test_household_car_input_is_checked(clerk, maria, pedro):
    other = customers.add_household_member(clerk, pedro, "Luis", "son", at=AT)
    before = _counts()
    with pytest.raises(InvalidInput, match="make"):
        rel.add_household_car(clerk, maria, " ", at=AT)
    with pytest.raises(InvalidInput, match="not a car's model year"):
        rel.add_household_car(clerk, maria, "Toyota", "Corolla", 3010, at=AT)
    with pytest.raises(Refused, match="not a member of this customer's household"):
        rel.add_household_car(clerk, maria, "Toyota", "Corolla", 2009, driver_member_id=other, at=AT)
    assert _counts() == before


def test_a_logged_out_caller_is_refused(maria):
    with pytest.raises(NotAllowed, match="log in"):
        rel.set_mailing_consent(None, maria, True, at=AT)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- profile & phones


def test_profile_changes_are_saved_and_journaled(clerk, maria, pedro):
    rel.update_profile(
        clerk, maria,
        rel.ProfileChanges(
            preferred_name="Mari", language="es", email=" maria@example.com ", phone="205 555 0150",
            birthday=dt.date(1990, 3, 5), employer="Hospital", contact_text=True, contact_call=False,
            best_time="after 5 pm", referred_by=pedro,
        ),
        at=AT,
    )
    c = Customer.get_by_id(maria)
    assert (c.preferred_name, c.language, c.email, c.phone, c.phone_digits) == (
        "Mari", "es", "maria@example.com", "+12055550150", "2055550150"
    )
    assert c.birthday == dt.date(1990, 3, 5) and c.contact_text and not c.contact_call
    assert c.best_time == "after 5 pm" and c.display_name == "Mari García" and "mari" in c.search_name
    last = JournalRow.select().order_by(JournalRow.id.desc()).first()
    assert last.action == "update_profile" and "after 5 pm" in last.changes
    assert rel.referred_by(clerk, maria).name == "Pedro Ramírez"
    assert [r.customer_id for r in rel.referrals_of(clerk, pedro)] == [maria]
    assert rel.referrals_of(clerk, maria) == ()
    # KEEP leaves fields alone; None clears the birthday
    rel.update_profile(clerk, maria, rel.ProfileChanges(birthday=None), at=AT)
    c = Customer.get_by_id(maria)
    assert c.birthday is None and c.email == "maria@example.com"


def test_phones_are_added_listed_and_removed(clerk, maria):
    home = rel.add_phone(clerk, maria, "(205) 555-0177", "home", at=AT)
    work = rel.add_phone(clerk, maria, "205.555.0188", "Work", at=AT)
    assert [(p.label, p.number, p.display) for p in rel.phones_of(clerk, maria)] == [
        ("home", "+12055550177", "(205) 555-0177"), ("work", "+12055550188", "(205) 555-0188"),
    ]
    assert CustomerPhone.get_by_id(home).digits == "2055550177"
    rel.remove_phone(clerk, home, at=AT)
    assert [p.phone_id for p in rel.phones_of(clerk, maria)] == [work]
    with pytest.raises(NotFound):
        rel.remove_phone(clerk, home, at=AT)
    assert verify().ok


# ----------------------------------------------------------------------------- consent


def test_opt_out_records_the_date_and_clears_consent(clerk, maria):
    given = rel.set_mailing_consent(clerk, maria, True, at=AT)
    assert given == rel.Consent(True, dt.date(2025, 3, 4), None)
    out = rel.set_mailing_consent(clerk, maria, False, at=dt.datetime(2025, 6, 1, 9, 0))
    assert out == rel.Consent(False, dt.date(2025, 3, 4), dt.date(2025, 6, 1))
    c = Customer.get_by_id(maria)
    assert not c.mailing_consent and c.opted_out_on == dt.date(2025, 6, 1)
    # asking again to stop keeps the first opt-out date
    again = rel.set_mailing_consent(clerk, maria, False, at=dt.datetime(2025, 7, 1, 9, 0))
    assert again.opted_out_on == dt.date(2025, 6, 1)
    # consent given again: opt-out cleared, the journal keeps the history
    back = rel.set_mailing_consent(clerk, maria, True, at=dt.datetime(2025, 8, 1, 9, 0))
    assert back == rel.Consent(True, dt.date(2025, 8, 1), None)
    actions = [r.changes for r in JournalRow.select().where(JournalRow.action == "set_mailing_consent")]
    assert len(actions) == 3 and any("2025-06-01" in a for a in actions)


# ----------------------------------------------------------------------------- notes & cues


def test_cue_asked_with_an_answer_becomes_a_note_and_the_cue_closes(clerk, maria):
    from lto_desk.services.counter import customer_card

    cue = customers.add_note(clerk, maria, "Ask how her daughter's graduation went", ("family",), cue=True, at=AT)
    assert [c.note_id for c in customer_card(clerk, maria).cues] == [cue]
    journal_before = JournalRow.select().count()
    later = dt.datetime(2025, 3, 11, 10, 30)
    done = rel.mark_cue_asked(clerk, cue, "It went great, she starts nursing school in May", at=later)
    assert JournalRow.select().count() == journal_before + 1  # one action, one journal row
    answer = Note.get_by_id(done.answer_note_id)
    assert answer.text == "It went great, she starts nursing school in May"
    assert answer.tags == "family" and not answer.is_cue
    assert Note.get_by_id(cue).cue_done_at == later
    assert customer_card(clerk, maria).cues == ()
    assert Customer.get_by_id(maria).last_touch_at == later
    with pytest.raises(Refused, match="already marked as asked"):
        rel.mark_cue_asked(clerk, cue, "again", at=later)


def test_cue_asked_without_an_answer_adds_no_note(clerk, maria):
    cue = customers.add_note(clerk, maria, "Ask about the new job", ("work",), cue=True, at=AT)
    notes = Note.select().count()
    assert rel.mark_cue_asked(clerk, cue, "  ", at=AT).answer_note_id is None
    assert Note.select().count() == notes
    plain = customers.add_note(clerk, maria, "Prefers cash", at=AT)
    with pytest.raises(Refused, match="not an ask-next-visit cue"):
        rel.mark_cue_asked(clerk, plain, None, at=AT)


def test_editing_a_note_keeps_the_earlier_text(clerk, manager, maria):
    note = customers.add_note(clerk, maria, "Daughter Sofía graduates in June", ("family",), at=AT)
    t1, t2 = dt.datetime(2025, 3, 5, 9, 0), dt.datetime(2025, 3, 6, 9, 0)
    rel.edit_note(manager, note, "Daughter Sofía graduates June 14", ("family",), pinned=True, at=t1)
    rel.edit_note(clerk, note, "Daughter Sofía graduated June 14 — nursing", ("family", "work"), pinned=True, at=t2)
    history = rel.note_history(manager, note)
    assert [v.text for v in history] == [
        "Daughter Sofía graduates in June",
        "Daughter Sofía graduates June 14",
        "Daughter Sofía graduated June 14 — nursing",
    ]
    assert [(v.written_by, v.written_at, v.current) for v in history] == [
        ("Carla Clerk", AT, False), ("Marcus Manager", t1, False), ("Carla Clerk", t2, True),
    ]
    assert history[-1].tags == ("family", "work")
    assert NoteRevision.select().count() == 2
    n = Note.get_by_id(note)
    assert n.pinned and n.updated_at == t2 and n.search_text.startswith("daughter sofia graduated")
    # only pinning changes: no revision
    rel.edit_note(clerk, note, n.text, ("family", "work"), pinned=False, at=t2)
    assert NoteRevision.select().count() == 2 and not Note.get_by_id(note).pinned
    revision_rows = [r for r in JournalRow.select() if '"note_revision"' in r.changes]
    assert len(revision_rows) == 2 and "graduates in June" in revision_rows[0].changes


# ----------------------------------------------------------------------------- search


def test_search_notes_ignores_case_and_accents(clerk, maria, pedro):
    customers.add_note(
        clerk, maria,
        "Her daughter Sofía has her graduación from Central High on Friday; the whole family is going "
        "and they are driving to Birmingham after, so she may pay on Thursday instead",
        ("family",), at=AT,
    )
    customers.add_note(clerk, pedro, "Works nights at the plant", ("work",), at=AT)
    found = rel.search_notes(clerk, "GRADUACION")
    assert [(m.customer_id, m.name) for m in found] == [(maria, "María García")]
    assert "graduación" in found[0].snippet and len(found[0].snippet) < 100
    assert [m.customer_id for m in rel.search_notes(clerk, "sofia graduacion")] == [maria]
    assert rel.search_notes(clerk, "graduacion plant") == []
    assert [m.customer_id for m in rel.search_notes(clerk, "nights")] == [pedro]
    assert rel.search_notes(clerk, "   ") == []
    assert rel.search_notes(clerk, "100%") == []



def test_search_gives_one_line_per_customer_up_to_the_limit(clerk, maria, pedro):
    for i in range(3):
        customers.add_note(clerk, maria, f"Fishing trip number {i}", ("hobby",), at=AT + dt.timedelta(minutes=i))
    customers.add_note(clerk, pedro, "Fishing with his brother", ("hobby",), at=AT)
    found = rel.search_notes(clerk, "fishing")
    assert [m.customer_id for m in found] == [maria, pedro]
    assert found[0].snippet == "Fishing trip number 2"
    assert len(rel.search_notes(clerk, "fishing", limit=1)) == 1


def test_snippet_shows_the_words_around_the_match():
    text = "word " * 40 + "the Graduación party is Saturday " + "more " * 40
    cut = rel.snippet(text, ["graduacion"])
    assert cut.startswith("… ") and cut.endswith(" …") and "Graduación party" in cut


# ----------------------------------------------------------------------------- household & dates


def test_household_car_with_a_member_driving(clerk, maria):
    son = customers.add_household_member(clerk, maria, "Luis", "son", dt.date(2005, 3, 8), at=AT)
    car = rel.add_household_car(
        clerk, maria, "Toyota", "Corolla", 2009, driver_member_id=son, replace_note="after summer", at=AT
    )
    row = HouseholdCar.get_by_id(car)
    assert (row.make, row.model, row.year, row.driver, row.replace_note) == (
        "Toyota", "Corolla", 2009, "Luis", "after summer"
    )
    assert row.driver_member.id == son


def test_dates_that_matter_in_a_birthday_week(clerk, maria):
    # the agreement fixture opened on 2025-01-06; in the week of 2026-01-05 it is 1 year old
    rel.update_profile(clerk, maria, rel.ProfileChanges(birthday=dt.date(1988, 1, 9)), at=AT)
    customers.add_household_member(clerk, maria, "Sofía", "daughter", dt.date(2007, 1, 5), at=AT)
    customers.add_household_member(clerk, maria, "Luis", "son", dt.date(2010, 1, 30), at=AT)
    customers.add_household_member(clerk, maria, "José", "husband", dt.date(1985, 4, 2), at=AT)
    today = dt.date(2026, 1, 7)  # Wednesday
    dates = rel.dates_that_matter(clerk, maria, today)
    assert dates.birthday == rel.DateThatMatters("birthday", "María García", dt.date(2026, 1, 9), 2, 38)
    assert [(a.on, a.years) for a in dates.anniversaries] == [(dt.date(2026, 1, 6), 1)]
    assert [(d.who, d.relation, d.days_away, d.years) for d in dates.household_this_week] == [
        ("Sofía", "daughter", -2, 19)
    ]
    assert [(d.who, d.on) for d in dates.household_upcoming] == [("Luis", dt.date(2026, 1, 30))]
    quiet = rel.dates_that_matter(clerk, maria, dt.date(2026, 6, 10))
    assert not quiet.any


def test_a_leap_day_birthday_falls_on_28_february(clerk, pedro):
    rel.update_profile(clerk, pedro, rel.ProfileChanges(birthday=dt.date(1996, 2, 29)), at=AT)
    assert rel.dates_that_matter(clerk, pedro, dt.date(2027, 2, 26)).birthday.on == dt.date(2027, 2, 28)
    assert rel.dates_that_matter(clerk, pedro, dt.date(2028, 2, 28)).birthday.on == dt.date(2028, 2, 29)


# ----------------------------------------------------------------------------- integrity


def _mix(clerk, maria, pedro) -> dict[str, int]:
    rel.update_profile(
        clerk, maria, rel.ProfileChanges(preferred_name="Mari", contact_call=True, referred_by=pedro), at=AT
    )
    phone = rel.add_phone(clerk, maria, "(205) 555-0177", "home", at=AT)
    gone = rel.add_phone(clerk, maria, "(205) 555-0178", "work", at=AT)
    rel.remove_phone(clerk, gone, at=AT)
    rel.set_mailing_consent(clerk, maria, True, at=AT)
    rel.set_mailing_consent(clerk, maria, False, at=AT + dt.timedelta(days=1))
    note = customers.add_note(clerk, maria, "Ask about the graduación", ("family",), cue=True, at=AT)
    rel.edit_note(clerk, note, "Ask about Sofía's graduación", ("family",), pinned=True, at=AT)
    rel.mark_cue_asked(clerk, note, "She loved it", at=AT)
    member = customers.add_household_member(clerk, maria, "Luis", "son", at=AT)
    car = rel.add_household_car(clerk, maria, "Ford", "Focus", 2012, driver_member_id=member, at=AT)
    return {"phone": phone, "car": car, "revision": NoteRevision.get().id}


def test_verify_holds_after_a_mix_of_relationship_actions(clerk, maria, pedro):
    _mix(clerk, maria, pedro)
    report = verify()
    assert report.ok, report.problem


@pytest.mark.parametrize(
    "sql, named",
    [
        ("UPDATE customer_phone SET number = '+12055550100' WHERE id = {phone}", "customer_phone row {phone}: number"),
        ("UPDATE household_car SET year = 2020 WHERE id = {car}", "household_car row {car}: year"),
        ("UPDATE note_revision SET text = 'forged' WHERE id = {revision}", "note_revision row {revision}: text"),
        ("UPDATE customer SET best_time = 'never' WHERE first_name = 'María'", ": best_time"),
        ("DELETE FROM customer_phone WHERE id = {phone}", "customer_phone row {phone} is in journal row"),
    ],
)
def test_verify_names_a_new_table_row_changed_by_hand(clerk, maria, pedro, database, sql, named):
    ids = _mix(clerk, maria, pedro)
    database.execute_sql(sql.format(**ids))
    report = verify()
    assert not report.ok and named.format(**ids) in report.problem


def test_verify_names_a_row_added_by_hand(clerk, maria, database):
    database.execute_sql(
        "INSERT INTO household_car (customer_id, make, created_at) VALUES (?, 'Kia', '2025-03-04 11:00:00')", (maria,)
    )
    report = verify()
    assert not report.ok and "household_car row" in report.problem and "not in the journal" in report.problem


def test_a_version_1_database_is_upgraded_and_its_old_notes_are_searchable(location, monkeypatch):
    from lto_desk.store import migrations
    from lto_desk.store.database import close_database, open_database, schema_version
    from lto_desk.store.search import notes_holding

    with monkeypatch.context() as version_1:  # this program as it was before migration 2
        version_1.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        version_1.setattr(migrations, "LATEST", 1)
        database = open_database(location)
        database.execute_sql(
            "INSERT INTO clerk (name, role, pin_hash, created_at) VALUES ('Old Clerk', 'clerk', 'x', '2024-01-01')"
        )
        database.execute_sql(
            "INSERT INTO customer (first_name, last_name, customer_since, created_at) "
            "VALUES ('José', 'Núñez', '2024-01-01', '2024-01-01')"
        )
        database.execute_sql(
            "INSERT INTO note (customer_id, text, author_id, created_at, updated_at) "
            "VALUES (1, 'Su hija tuvo la GRADUACIÓN ayer', 1, '2024-01-01', '2024-01-01')"
        )
        close_database()
    database = open_database(location)
    try:
        assert schema_version(database) == migrations.LATEST >= 2
        assert not Customer.get_by_id(1).contact_call and Customer.get_by_id(1).best_time == ""
        # (read from the store: the old clerk has no PIN to log in with)
        assert [(cid, f"{first} {last}") for _id, _text, cid, first, last, _preferred in notes_holding(["graduacion"])
                ] == [(1, "José Núñez")]
    finally:
        close_database()
