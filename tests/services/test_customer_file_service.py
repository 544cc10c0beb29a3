"""The customer file gathered from a real SQLite file: what a person reading it
depends on (who, how to reach them, household, cars, agreements, what was paid,
notes with the pinned ones first, referrals), and the saved PDF read back."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from helpers import make_vin
from pypdf import PdfReader

from lto_desk.documents.customer_file import ordered_notes, render_customer_file
from lto_desk.domain.errors import NotFound
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import agreements, customers, payments, vehicles
from lto_desk.services import relationship as rel
from lto_desk.services.customer_file import customer_file_data, save_customer_file
from lto_desk.services.settings import update_settings
from lto_desk.store import models
from lto_desk.store.models import Customer

TODAY = dt.date(2025, 1, 28)  # a Tuesday; installment 3 (due Mon 1/27) is one day unpaid
PINNED = "Prefers to be called Mari. Her daughter Sofía graduates in June."
CUE = "Ask how Sofía's graduation went"


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _vehicle(actor, serial: int, make: str, model: str, stock: str, at: dt.datetime) -> int:
    new = vehicles.NewVehicle(make_vin(serial), 2016, make, model, stock, price=500_000)
    return vehicles.add_vehicle(actor, new, at=at)


def _weekly(first_due: dt.date) -> Terms:
    return Terms.by_number_of_payments(
        cash_price=500_000, down_payment=50_000, number_of_payments=52,
        frequency=Frequency.WEEKLY, first_due=first_due, late_fee=LateFeePolicy(3, 1000),
    )


def _counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in models.ALL_MODELS}


@pytest.fixture
def story(owner, manager, clerk, agreement):
    """María García (the agreement fixture's customer) with everything filled in.

    Agreement 1 (2014 Honda Accord, opened 2025-01-06, $1,000 down, $76.93 weekly, $10 fee after 3 days):
    paid $76.93 on 1/13; $86.93 on 1/27 (the $10 late fee of installment 2 and installment 2);
    $20.00 on 1/27, voided. Agreement 2 (2016 Toyota Camry, opened 1/20, $500 down) returned on 1/27.
    """
    update_settings(owner, dealer_name="Sunrise Auto Sales", address="1420 W. Main St", phone="(210) 555-0147")
    maria = models.Agreement.get_by_id(agreement).customer_id
    at = dt.datetime(2025, 1, 7, 10, 0)

    rosa = customers.add_customer(clerk, customers.NewCustomer("Rosa", "Delgado"), at=at)
    rel.update_profile(
        clerk, maria,
        rel.ProfileChanges(
            preferred_name="Mari", email="maria@example.com", address1="210 Elm St", address2="Apt 4",
            city="San Antonio", state="tx", postal_code="78207", birthday=dt.date(1985, 6, 2),
            employer="Panadería La Estrella", contact_call=True, contact_text=True, best_time="after 5 pm",
            referred_by=rosa,
        ),
        at=at,
    )
    rel.add_phone(clerk, maria, "(205) 555-0199", "work", at=at)
    rel.add_phone(clerk, maria, "(205) 555-0111", "home", at=at)
    rel.set_mailing_consent(clerk, maria, True, at=dt.datetime(2025, 1, 8, 9, 0))
    rel.set_mailing_consent(clerk, maria, False, at=dt.datetime(2025, 1, 21, 9, 0))

    sofia = customers.add_household_member(
        clerk, maria, "Sofía García", "daughter", dt.date(2007, 5, 9), "Graduating", at=at
    )
    customers.add_household_member(clerk, maria, "Luis García", "husband", at=at)
    rel.add_household_car(clerk, maria, "Toyota", "Corolla", 2009, driver_member_id=sofia,
                          replace_by=dt.date(2026, 6, 1), at=at)
    rel.add_household_car(clerk, maria, "Ford", "F-150", 2004, driver="Luis (husband)", at=at)

    customers.add_note(manager, maria, PINNED, ("family",), pinned=True, at=dt.datetime(2025, 1, 7, 11, 0))
    customers.add_note(clerk, maria, "Changed shifts at the bakery; pays on Fridays now.", ("work", "payment"),
                       at=dt.datetime(2025, 1, 27, 15, 0))
    customers.add_note(clerk, maria, CUE, ("family",), cue=True, at=dt.datetime(2025, 1, 13, 9, 0))
    asked = customers.add_note(clerk, maria, "Ask about the new job", ("work",), cue=True,
                               at=dt.datetime(2025, 1, 8, 9, 0))
    rel.mark_cue_asked(clerk, asked, "Likes the new job, better hours.", at=dt.datetime(2025, 1, 13, 9, 30))

    # Pedro was referred by María and started an agreement; Lucía was referred and has not (yet).
    pedro = customers.add_customer(clerk, customers.NewCustomer("Pedro", "Ramírez", referred_by=maria),
                                   at=dt.datetime(2025, 1, 15, 10, 0))
    customers.add_customer(clerk, customers.NewCustomer("Lucía", "Torres", referred_by=maria),
                           at=dt.datetime(2025, 1, 16, 10, 0))
    v3 = _vehicle(owner, 9003, "Nissan", "Altima", "S3003", dt.datetime(2025, 1, 15, 10, 0))
    agreements.open_agreement(manager, pedro, v3, _weekly(dt.date(2025, 1, 22)), at=dt.datetime(2025, 1, 15, 10, 5))

    # Agreement 1: two payments kept, one voided.
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10, 0))
    payments.take_payment(clerk, agreement, 8693, at=dt.datetime(2025, 1, 27, 10, 0))
    wrong = payments.take_payment(clerk, agreement, 2000, at=dt.datetime(2025, 1, 27, 10, 5))
    payments.void_payment(clerk, wrong.receipt_number, "typed the wrong amount", approved_by=manager,
                          at=dt.datetime(2025, 1, 27, 10, 10))

    # Agreement 2: opened, then the car came back.
    v2 = _vehicle(owner, 9002, "Toyota", "Camry", "S2002", dt.datetime(2025, 1, 20, 9, 0))
    second = agreements.open_agreement(manager, maria, v2, _weekly(dt.date(2025, 1, 27)),
                                       at=dt.datetime(2025, 1, 20, 9, 30)).agreement_id
    agreements.return_vehicle(manager, second, "needs_changed", at=dt.datetime(2025, 1, 27, 16, 0))
    return {"maria": maria, "first": agreement, "second": second}


def test_profile_holds_who_she_is_and_how_to_reach_her(story, clerk):
    data = customer_file_data(clerk, story["maria"], today=TODAY)
    p = data.profile
    assert p.full_name == "María García" and p.preferred_name == "Mari"
    assert [(ph.label, ph.number) for ph in p.phones] == [
        ("", "(205) 555-0142"), ("work", "(205) 555-0199"), ("home", "(205) 555-0111"),
    ]
    assert p.email == "maria@example.com"
    assert p.address == "210 Elm St\nApt 4\nSan Antonio, TX 78207"
    assert p.birthday == dt.date(1985, 6, 2)
    assert p.customer_since == dt.date(2025, 1, 6)
    assert p.employer == "Panadería La Estrella"
    assert (p.contact.call, p.contact.text, p.contact.mail, p.contact.email) == (True, True, False, False)
    assert p.contact.best_time == "after 5 pm"
    assert (p.mailing.given_on, p.mailing.opted_out_on) == (dt.date(2025, 1, 8), dt.date(2025, 1, 21))
    assert p.welcome_back is True  # the Camry came back
    assert p.referred_by == "Rosa Delgado"
    assert data.language == p.language == "en"
    assert data.printed_on == TODAY
    assert (data.dealer.name, data.dealer.phone) == ("Sunrise Auto Sales", "(210) 555-0147")


def test_household_and_their_cars_with_who_drives_them(story, clerk):
    data = customer_file_data(clerk, story["maria"], today=TODAY)
    assert [(m.name, m.relation, m.birthday, m.notes) for m in data.household] == [
        ("Sofía García", "daughter", dt.date(2007, 5, 9), "Graduating"),
        ("Luis García", "husband", None, ""),
    ]
    assert [(c.year, c.make, c.model, c.driver, c.may_replace_by) for c in data.cars] == [
        (2009, "Toyota", "Corolla", "Sofía García", dt.date(2026, 6, 1)),  # driver chosen from the household
        (2004, "Ford", "F-150", "Luis (husband)", None),  # driver typed
    ]


def test_the_driver_is_the_members_name_as_it_is_now(story, clerk):
    models.HouseholdMember.update(name="Sofi García").where(models.HouseholdMember.name == "Sofía García").execute()
    assert customer_file_data(clerk, story["maria"], today=TODAY).cars[0].driver == "Sofi García"


def test_agreements_newest_first_with_status_amounts_and_payment_summary(story, clerk):
    returned, active = customer_file_data(clerk, story["maria"], today=TODAY).agreements

    assert (returned.vehicle, returned.stock_number, returned.status) == ("2016 Toyota Camry", "S2002", "returned")
    assert returned.opened_on == dt.date(2025, 1, 20) and returned.closed_on == dt.date(2025, 1, 27)
    assert (returned.due_now, returned.days_since_due, returned.payoff) == (0, 0, None)
    assert returned.payments.total_paid == 50_000 and returned.payments.payments_count == 1  # the down payment
    assert returned.payments.last_payment_on == dt.date(2025, 1, 20)

    vin = models.Vehicle.get(models.Vehicle.stock_number == "S1001").vin
    assert (active.vehicle, active.vin_tail, active.stock_number) == ("2014 Honda Accord", vin[-6:], "S1001")
    assert active.status == "active" and active.closed_on is None
    assert active.opened_on == dt.date(2025, 1, 6)
    assert (active.installments_paid, active.number_of_payments) == (2, 104)
    assert active.due_now == 7693 and active.days_since_due == 1  # installment 3, due yesterday
    assert active.payoff == 800_000 - 2 * 7693
    s = active.payments
    assert s.total_paid == 100_000 + 7693 + 8693  # down payment and fee included; the voided $20 not
    assert s.payments_count == 3
    assert (s.late_fees_charged, s.late_fees_paid, s.late_fees_waived) == (1000, 1000, 0)
    assert s.last_payment_on == dt.date(2025, 1, 27)


def test_amounts_are_as_of_the_day_asked_not_the_cached_columns(story, clerk):
    """The same file asked for a week later: installment 3 has had its late fee charged."""
    active = customer_file_data(clerk, story["maria"], today=dt.date(2025, 2, 4)).agreements[1]
    assert active.days_since_due == 8
    assert active.payments.late_fees_charged == 2000 and active.payments.late_fees_paid == 1000
    assert active.due_now == 2 * 7693 + 1000  # installments 3 and 4 and the open fee


def test_a_waived_fee_and_a_payoff(story, manager, clerk):
    payments.take_payment(clerk, story["first"], 1000, at=dt.datetime(2025, 2, 1, 9, 0))  # fee on 3 charged 1/31
    state = agreements.agreement_state(manager, story["first"], dt.date(2025, 2, 1))
    assert state.open_fees == 0  # the $10 went to the fee
    paid = payments.take_payment(clerk, story["first"], state.payoff, at=dt.datetime(2025, 2, 1, 9, 5))
    assert paid.paid_off
    line = customer_file_data(clerk, story["maria"], today=dt.date(2025, 2, 2)).agreements[1]
    assert line.status == "paid_off" and line.closed_on == dt.date(2025, 2, 1)
    assert (line.due_now, line.payoff) == (0, None)
    assert line.payments.total_paid == 900_000 + 2000  # the price, plus two $10 late fees
    assert line.payments.late_fees_charged == line.payments.late_fees_paid == 2000


def test_notes_all_there_with_flags_tags_and_author_first_names(story, clerk):
    notes = customer_file_data(clerk, story["maria"], today=TODAY).notes
    by_text = {n.text: n for n in notes}
    assert len(notes) == 5  # pinned, work, cue, the asked cue, its answer
    assert by_text[PINNED].pinned and not by_text[PINNED].cue and by_text[PINNED].author == "Marcus"
    assert by_text[PINNED].tags == ("family",)
    assert by_text[CUE].cue and not by_text[CUE].pinned and by_text[CUE].author == "Carla"
    assert by_text["Ask about the new job"].cue is False  # asked already
    assert by_text["Likes the new job, better hours."].tags == ("work",)
    assert by_text["Changed shifts at the bakery; pays on Fridays now."].tags == ("work", "payment")
    assert by_text[PINNED].written_at == dt.datetime(2025, 1, 7, 11, 0)
    assert ordered_notes(notes)[0].text == PINNED  # the oldest note, pinned, prints first


def test_referrals_say_whether_each_started_an_agreement(story, clerk):
    data = customer_file_data(clerk, story["maria"], today=TODAY)
    assert [(r.name, r.referred_on, r.started_agreement) for r in data.referrals] == [
        ("Pedro Ramírez", dt.date(2025, 1, 15), True),
        ("Lucía Torres", dt.date(2025, 1, 16), False),
    ]


def test_the_printed_file_has_the_pinned_note_before_newer_notes(story, clerk):
    text = _pdf_text(render_customer_file(customer_file_data(clerk, story["maria"], today=TODAY)))
    for words in ("María García", "(205) 555-0199", "Sofía García", "Toyota Corolla", "2014 Honda Accord",
                  "2016 Toyota Camry", "Returned", "Pedro Ramírez", "Rosa Delgado", "Sunrise Auto Sales"):
        assert words in text, words
    pinned = text.index("Prefers to be called Mari")
    assert pinned < text.index("Changed shifts at the bakery") < text.index("Likes the new job")
    assert pinned < text.index(CUE)


def test_gathering_the_file_writes_nothing(story, database, clerk):
    before = _counts()
    changes = database.execute_sql("SELECT total_changes()").fetchone()[0]
    customer_file_data(clerk, story["maria"], today=TODAY)
    assert database.execute_sql("SELECT total_changes()").fetchone()[0] == changes
    assert _counts() == before
    assert not database.in_transaction()


def test_save_writes_the_pdf_named_for_customer_and_time(story, tmp_path, clerk):
    at = dt.datetime(2025, 1, 28, 16, 30, 5)
    path = save_customer_file(clerk, tmp_path / "files", story["maria"], at=at)
    assert path == tmp_path / "files" / f"customer-file-{story['maria']:05d}-20250128-163005.pdf"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "María García" in text and "Prefers to be called Mari" in text
    assert re.search(r"Printed\s+January\s+28,\s+2025", text)


def test_a_spanish_speaking_customer_gets_the_file_in_spanish(story, clerk, tmp_path):
    rel.update_profile(clerk, story["maria"], rel.ProfileChanges(language="es"), at=dt.datetime(2025, 1, 28, 9, 0))
    data = customer_file_data(clerk, story["maria"], today=TODAY)
    assert data.language == data.profile.language == "es"
    text = _pdf_text(save_customer_file(clerk, tmp_path, story["maria"], at=dt.datetime(2025, 1, 28, 9, 5)).read_bytes())
    assert "Devuelto" in text and "FIJADA" in text


def test_a_customer_with_nothing_yet(clerk):
    cid = customers.add_customer(clerk, customers.NewCustomer("Ana", "Solo"), at=dt.datetime(2025, 1, 7, 9, 0))
    data = customer_file_data(clerk, cid, today=TODAY)
    assert data.profile.full_name == "Ana Solo" and data.profile.phones == ()
    assert (data.household, data.cars, data.agreements, data.notes, data.referrals) == ((), (), (), (), ())
    assert data.profile.referred_by == "" and data.dealer.name == "Our Dealership"
    assert b"%PDF" in render_customer_file(data)[:8]


def test_an_unknown_customer_is_a_clear_message(clerk):
    with pytest.raises(NotFound, match="not on file"):
        customer_file_data(clerk, 999, today=TODAY)
    assert Customer.select().count() == 0
