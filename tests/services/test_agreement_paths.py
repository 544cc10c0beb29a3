"""Agreements from start to end through the services: a new agreement with its
down-payment receipt and thank-you letter, a payoff with its congratulations
letter, a return with nothing owed and its letter, and welcome back."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from helpers import make_vin
from lto_desk.domain.errors import InvalidInput, NotAllowed, Refused
from lto_desk.domain.followups import FollowUpKind
from lto_desk.domain.ledger import Status
from lto_desk.domain.payment import Method
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.domain.returns import CONDITION_PARTS
from lto_desk.services import agreements, customers, payments, vehicles
from lto_desk.services.counter import customer_card
from lto_desk.services.followups import open_follow_ups
from lto_desk.services.integrity import verify
from lto_desk.services.letters import LetterKind, letter_kind_for, save_letter
from lto_desk.services.receipts import save_receipt
from lto_desk.services.settings import update_settings
from lto_desk.store.models import Agreement, Customer, LedgerEntry, Vehicle

OPENED = dt.datetime(2025, 3, 3, 10, 0)  # a Monday
GOOD = {part: {"rating": "good"} for part in CONDITION_PARTS}


def text_of(path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)


def squash(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture
def car(owner):
    def make(n: int, price: int = 600_000) -> int:
        return vehicles.add_vehicle(
            owner, vehicles.NewVehicle(make_vin(7000 + n), 2015, "Toyota", "Corolla", f"T{n:03d}", price=price,
                                    odometer=88_000),
            at=OPENED,
        )

    return make


def weekly(price=600_000, down=100_000, payment=10_000, first_due=dt.date(2025, 3, 10)) -> Terms:
    return Terms.by_payment_amount(
        cash_price=price, down_payment=down, payment_amount=payment, frequency=Frequency.WEEKLY,
        first_due=first_due, late_fee=LateFeePolicy(3, 1000),
    )


def test_a_new_customer_and_agreement_give_a_receipt_and_a_thank_you_letter_in_spanish(
    manager, car, location
):
    update_settings(manager, dealer_name="Sunrise Auto Sales", phone="(205) 555-0100")
    new = customers.NewCustomer("Lucía", "Ramírez", phone="205 555 0188", language="es", address1="12 Oak St",
                                city="Selma", state="al", postal_code="36701")
    opened = agreements.start_agreement(
        manager, new, car(1), weekly(), down_method=Method.CASH, down_tendered=100_000, at=OPENED,
    )
    agreement = Agreement.get_by_id(opened.agreement_id)
    assert Vehicle.get_by_id(agreement.vehicle_id).status == "on_agreement"
    assert opened.down_payment is not None and opened.down_payment.amount == 100_000

    receipt = save_receipt(manager, location.folder("receipts"), opened.down_payment.receipt_number)
    letter = save_letter(manager, location.folder("letters"), LetterKind.THANK_YOU, opened.agreement_id)
    assert receipt.exists() and letter.exists()
    assert letter.name == f"thank-you-{opened.agreement_id:06d}-ramirez.pdf"
    words = squash(text_of(letter))
    assert "Lucía" in words and "Gracias" in words
    assert "2015 Toyota Corolla" in words
    assert "Marcus Manager" in words and "Gerente" in words  # signed by the manager who opened it
    assert "12 Oak St" in words and "Selma, AL 36701" in words
    assert "100,00" in words or "100.00" in words  # the first weekly payment

    tasks = open_follow_ups(manager, OPENED.date(), customer_id=agreement.customer_id)
    assert [(t.kind, t.due_on) for t in tasks] == [(FollowUpKind.THANK_YOU_LETTER, OPENED.date())]


def test_a_refused_agreement_leaves_no_new_customer_behind(manager, car):
    vid = car(2)
    agreements.start_agreement(manager, customers.NewCustomer("Ann", "Early"), vid, weekly(), down_tendered=100_000,
                               at=OPENED)
    before = Customer.select().count()
    with pytest.raises(Refused, match="not available"):
        agreements.start_agreement(
            manager, customers.NewCustomer("Bob", "Late"), vid, weekly(), down_tendered=100_000, at=OPENED
        )
    assert Customer.select().count() == before
    assert not Customer.select().where(Customer.last_name == "Late").exists()


@pytest.mark.parametrize(
    "make_terms, message",
    [
        (lambda: weekly(down=600_000), "down payment"),
        (lambda: weekly(down=700_000), "down payment"),
        (lambda: Terms.by_number_of_payments(
            cash_price=600_000, down_payment=0, number_of_payments=0, frequency=Frequency.WEEKLY,
            first_due=dt.date(2025, 3, 10)), "at least one"),
    ],
)
def test_bad_terms_are_refused_in_words(make_terms, message):
    with pytest.raises(InvalidInput, match=message):
        make_terms()


def test_a_first_due_date_weeks_ago_and_a_clerk_are_refused_and_nothing_is_saved(manager, clerk, car):
    vid = car(3)
    cid = customers.add_customer(manager, customers.NewCustomer("Cy", "Old"), at=OPENED)
    entries = LedgerEntry.select().count()
    with pytest.raises(InvalidInput, match="more than a week in the past"):
        agreements.start_agreement(manager, cid, vid, weekly(first_due=dt.date(2025, 2, 20)), down_tendered=100_000,
                                   at=OPENED)
    with pytest.raises(NotAllowed):
        agreements.start_agreement(clerk, cid, vid, weekly(), down_tendered=100_000, at=OPENED)
    assert Agreement.select().count() == 0 and LedgerEntry.select().count() == entries
    assert Vehicle.get_by_id(vid).status == "available"


def test_the_payment_that_pays_off_makes_the_congratulations_letter_and_titles_the_car(
    manager, clerk, car, location
):
    update_settings(manager, title_delivery="pickup", title_ready_days=5)
    cid = customers.add_customer(manager, customers.NewCustomer("Pat", "Lee", address1="4 Elm Rd"), at=OPENED)
    opened = agreements.start_agreement(manager, cid, car(4), weekly(price=130_000, down=100_000), down_tendered=100_000,
                                        at=OPENED)
    with pytest.raises(Refused, match="not paid off"):
        save_letter(manager, location.folder("letters"), LetterKind.PAID_OFF, opened.agreement_id)
    first = payments.take_payment(clerk, opened.agreement_id, 10_000, at=dt.datetime(2025, 3, 10, 9))
    assert not first.paid_off
    last = payments.take_payment(clerk, opened.agreement_id, 20_000, at=dt.datetime(2025, 3, 17, 9))
    assert last.paid_off and last.balance_after == 0
    agreement = Agreement.get_by_id(opened.agreement_id)
    assert agreement.status == Status.PAID_OFF.value
    assert Vehicle.get_by_id(agreement.vehicle_id).status == "titled"
    assert letter_kind_for(manager, agreement.id) is LetterKind.PAID_OFF
    letter = save_letter(manager, location.folder("letters"), LetterKind.PAID_OFF, agreement.id)
    words = squash(text_of(letter))
    assert "Pat" in words and "Carla Clerk" in words  # signed by who took the last payment
    assert "March 17, 2025" in words
    assert "pick" in words.lower() and "March 22, 2025" in words  # ready for pickup 5 days later
    tasks = open_follow_ups(manager, dt.date(2025, 3, 17), customer_id=cid)
    assert (FollowUpKind.PAYOFF_NEXT_CAR, dt.date(2025, 5, 16)) in [(t.kind, t.due_on) for t in tasks]


def test_a_return_owes_nothing_waives_fees_and_its_letter_says_so(manager, clerk, car, location):
    cid = customers.add_customer(manager, customers.NewCustomer("Dee", "Cruz"), at=OPENED)
    opened = agreements.start_agreement(manager, cid, car(5), weekly(), down_tendered=100_000, at=OPENED)
    aid = opened.agreement_id
    payments.take_payment(clerk, aid, 10_000, at=dt.datetime(2025, 3, 10, 9))
    on = dt.datetime(2025, 3, 31, 15)  # two installments late: fees charged
    preview = agreements.return_preview(manager, aid, on.date())
    assert preview.fees_waived == 2000 and preview.installments_cancelled == 49
    assert preview.paid_so_far == 110_000 and preview.balance_cancelled == 490_000

    with pytest.raises(NotAllowed):
        agreements.return_vehicle(clerk, aid, "cannot_afford", condition=GOOD, at=on)
    with pytest.raises(InvalidInput, match="lower than"):
        agreements.return_vehicle(manager, aid, "cannot_afford", odometer=5, condition=GOOD, at=on)
    with pytest.raises(InvalidInput, match="needs doing on the tires"):
        agreements.return_vehicle(manager, aid, "mechanical", condition={**GOOD, "tires": {"rating": "needs_work"}},
                                  at=on)
    assert Agreement.get_by_id(aid).status == "active"  # the refusals left nothing behind

    state = agreements.return_vehicle(
        clerk, aid, "needs_changed", odometer=91_000, keys_returned=2, condition=GOOD, notes="new baby, needs a van",
        approved_by=manager, at=on,
    )
    assert state.status is Status.RETURNED and state.payoff == 0 and state.open_fees == 0
    assert state.fees_waived == 2000 and state.total_paid == 10_000
    vehicle = Vehicle.get_by_id(Agreement.get_by_id(aid).vehicle_id)
    assert vehicle.status == "needs_inspection" and vehicle.odometer == 91_000
    assert Customer.get_by_id(cid).welcome_back

    letter = save_letter(manager, location.folder("letters"), letter_kind_for(manager, aid), aid)
    words = squash(text_of(letter))
    assert letter.name.startswith("return-")
    assert "no further payments" in words.lower()
    assert "Marcus Manager" in words  # the approving manager signs
    with pytest.raises(Refused, match="active"):
        agreements.return_preview(manager, aid, on.date())
    tasks = open_follow_ups(manager, on.date(), customer_id=cid)
    assert (FollowUpKind.RETURN_CHECK_IN, dt.date(2025, 4, 30)) in [(t.kind, t.due_on) for t in tasks]


def test_welcome_back_a_second_agreement_shows_both_in_the_history(manager, clerk, car):
    cid = customers.add_customer(manager, customers.NewCustomer("Eve", "Ng"), at=OPENED)
    first = agreements.start_agreement(manager, cid, car(6), weekly(), down_tendered=100_000, at=OPENED).agreement_id
    returned_at = dt.datetime(2025, 4, 7, 10)
    agreements.return_vehicle(manager, first, "cannot_afford", condition=GOOD, at=returned_at)
    assert Customer.get_by_id(cid).welcome_back
    with pytest.raises(Refused, match="not available"):  # the returned car waits for its inspection
        agreements.start_agreement(manager, cid, Agreement.get_by_id(first).vehicle_id, weekly(first_due=dt.date(2025, 9, 8)),
                                   down_tendered=100_000, at=dt.datetime(2025, 9, 1, 10))
    second = agreements.start_agreement(
        manager, cid, car(7), weekly(first_due=dt.date(2025, 9, 8)), down_tendered=100_000,
        at=dt.datetime(2025, 9, 1, 10),
    ).agreement_id
    assert not Customer.get_by_id(cid).welcome_back  # they are back
    card = customer_card(manager, cid, as_of=dt.date(2025, 9, 1))
    assert card.agreement_id == second
    assert [(a.agreement_id, a.status) for a in card.agreements] == [(second, "Active"), (first, "Returned")]
    kinds = [h.kind for h in card.history]
    assert kinds.count("down_payment") == 2 and "return" in kinds


def test_goodwill_refund_pays_back_after_a_return_only(manager, clerk, car):
    cid = customers.add_customer(manager, customers.NewCustomer("Flo", "Park"), at=OPENED)
    aid = agreements.start_agreement(manager, cid, car(8), weekly(), down_tendered=100_000, at=OPENED).agreement_id
    payments.take_payment(clerk, aid, 10_000, at=dt.datetime(2025, 3, 10, 9))
    with pytest.raises(Refused, match="returned"):
        agreements.goodwill_refund(manager, aid, 5_000, "car trouble", at=dt.datetime(2025, 3, 11, 9))
    agreements.return_vehicle(manager, aid, "mechanical", condition=GOOD, at=dt.datetime(2025, 3, 12, 9))
    assert agreements.refundable(manager, aid) == 110_000
    with pytest.raises(NotAllowed):
        agreements.goodwill_refund(clerk, aid, 5_000, "car trouble", at=dt.datetime(2025, 3, 12, 10))
    with pytest.raises(InvalidInput, match=r"\$1,100.00"):
        agreements.goodwill_refund(manager, aid, 110_001, "car trouble", at=dt.datetime(2025, 3, 12, 10))
    refund = agreements.goodwill_refund(clerk, aid, 25_000, "the transmission failed in week one",
                                        approved_by=manager, at=dt.datetime(2025, 3, 12, 10))
    assert refund.amount == 25_000 and refund.approved_by == "Marcus Manager" and refund.journal_code
    assert agreements.refundable(manager, aid) == 85_000
    state = agreements.agreement_state(manager, aid, dt.date(2025, 3, 12))
    assert state.refunded == 25_000 and state.total_paid == 10_000 and state.payoff == 0
    assert verify().ok


def test_a_void_that_would_leave_a_refund_larger_than_what_was_paid_is_refused(manager, clerk, car):
    cid = customers.add_customer(manager, customers.NewCustomer("Gil", "Ortiz"), at=OPENED)
    aid = agreements.start_agreement(manager, cid, car(9), weekly(), down_tendered=100_000, at=OPENED).agreement_id
    paid = payments.take_payment(clerk, aid, 10_000, at=dt.datetime(2025, 3, 10, 9))
    agreements.return_vehicle(manager, aid, "mechanical", condition=GOOD, at=dt.datetime(2025, 3, 12, 9))
    agreements.goodwill_refund(manager, aid, 105_000, "engine trouble", at=dt.datetime(2025, 3, 12, 10))
    with pytest.raises(Refused, match="goodwill refund"):
        payments.void_payment(manager, paid.receipt_number, "check bounced", at=dt.datetime(2025, 3, 13, 9))
    assert not LedgerEntry.select().where(LedgerEntry.kind == "void").exists()
    assert verify().ok


def test_letters_are_signed_by_the_dealers_chosen_signer_when_set(manager, car, location):
    update_settings(manager, letter_signer="Ray Whitaker")
    cid = customers.add_customer(manager, customers.NewCustomer("Hal", "Burke"), at=OPENED)
    aid = agreements.start_agreement(manager, cid, car(10), weekly(), down_tendered=100_000, at=OPENED).agreement_id
    words = squash(text_of(save_letter(manager, location.folder("letters"), LetterKind.THANK_YOU, aid)))
    assert "Ray Whitaker" in words and "Marcus Manager" not in words
