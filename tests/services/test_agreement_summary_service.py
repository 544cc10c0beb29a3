"""The agreement summary's data: a draft before the agreement, the stored agreement after, and the saved PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from helpers import make_vin
from lto_desk.domain.errors import InvalidInput, NotFound
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import agreements, customers, settings, vehicles
from lto_desk.services.agreement_summary import (
    agreement_customer,
    draft_summary,
    save_agreement_summary,
    summary_for_agreement,
)
from lto_desk.store.models import Agreement, Customer, JournalRow

AT = dt.datetime(2025, 3, 3, 10, 30, 15)


@pytest.fixture
def on_file(manager):
    """A customer and an available vehicle, and the dealer's name and phone set."""
    settings.update_settings(manager, dealer_name="Sunrise Auto Sales", phone="(210) 555-0147")
    cid = customers.add_customer(
        manager,
        customers.NewCustomer(
            "María", "García", phone="(205) 555-0142", address1="812 Nogalitos St.", city="San Antonio",
            state="tx", postal_code="78204", language="es",
        ),
        at=AT,
    )
    vid = vehicles.add_vehicle(
        manager,
        vehicles.NewVehicle(make_vin(7001), 2016, "Toyota", "Camry", "S2001", trim="SE", color="Blue",
                            odometer=91_250, price=1_045_000),
        at=AT,
    )  # fmt: skip
    return cid, vid


def semi_monthly_terms() -> Terms:
    return Terms.by_payment_amount(
        cash_price=1_045_000, down_payment=95_000, payment_amount=22_500, frequency=Frequency.SEMI_MONTHLY,
        first_due=dt.date(2025, 3, 15), semi_monthly_days=(15, 31), late_fee=LateFeePolicy(3, percent_bp=500, cap=1500),
    )  # fmt: skip


def test_the_draft_and_the_stored_agreement_say_the_same_terms(manager, on_file):
    cid, vid = on_file
    terms = semi_monthly_terms()
    draft = draft_summary(manager, cid, vid, terms, today=AT.date())
    opened = agreements.open_agreement(manager, cid, vid, terms, at=AT)
    stored = summary_for_agreement(manager, opened.agreement_id)

    assert draft.is_draft and draft.agreement_number is None
    assert stored.agreement_number == opened.agreement_id and not stored.is_draft
    for what in ("cash_price", "down_payment", "amount_financed", "payment_amount", "number_of_payments",
                 "last_payment", "total_of_payments", "first_due", "last_due", "frequency", "late_fee",
                 "semi_monthly_days", "schedule", "customer", "vehicle", "dealer", "language"):  # fmt: skip
        assert getattr(draft, what) == getattr(stored, what), what
    assert stored.total_of_payments == terms.amount_financed == 950_000
    assert stored.number_of_payments == 43 and stored.last_payment == 950_000 - 42 * 22_500
    assert stored.prepared_on == AT.date()


def test_the_summary_prints_the_customer_vehicle_and_dealer_on_file(manager, on_file):
    cid, vid = on_file
    page = draft_summary(manager, cid, vid, semi_monthly_terms(), today=AT.date())
    assert page.customer.full_name == "María García"
    assert page.customer.address == "812 Nogalitos St.\nSan Antonio, TX 78204"
    assert page.customer.phone == "(205) 555-0142"
    assert page.vehicle.description == "2016 Toyota Camry SE"
    assert (page.vehicle.color, page.vehicle.stock_number, page.vehicle.odometer) == ("Blue", "S2001", 91_250)
    assert page.vehicle.vin == make_vin(7001)
    assert (page.dealer.name, page.dealer.phone) == ("Sunrise Auto Sales", "(210) 555-0147")
    assert page.language == "es"  # the customer's language unless asked otherwise
    assert draft_summary(manager, cid, vid, semi_monthly_terms(), language="en").language == "en"


def test_a_draft_for_a_customer_being_typed_in_adds_no_one(manager, on_file):
    _cid, vid = on_file
    before = (Customer.select().count(), JournalRow.select().count())
    new = customers.NewCustomer(
        "  José ", "Núñez", phone="210 555 0123", address1="4 Elm St", city="Seguin", state="tx", postal_code="78155",
        language="en",
    )  # fmt: skip
    page = draft_summary(manager, new, vid, semi_monthly_terms())
    assert page.customer.full_name == "José Núñez"
    assert page.customer.phone == "(210) 555-0123"
    assert page.customer.address == "4 Elm St\nSeguin, TX 78155"
    assert page.language == "en"
    assert (Customer.select().count(), JournalRow.select().count()) == before


def test_a_typed_in_customer_with_a_bad_phone_or_no_name_gets_the_reason(manager, on_file):
    _cid, vid = on_file
    with pytest.raises(InvalidInput, match="not a full phone number"):
        draft_summary(manager, customers.NewCustomer("José", "Núñez", phone="555-01"), vid, semi_monthly_terms())
    with pytest.raises(InvalidInput, match="last name"):
        draft_summary(manager, customers.NewCustomer("José", "  "), vid, semi_monthly_terms())


def test_missing_customer_vehicle_or_agreement_is_said_plainly(manager, on_file):
    cid, vid = on_file
    with pytest.raises(NotFound, match="customer is not on file"):
        draft_summary(manager, 9999, vid, semi_monthly_terms())
    with pytest.raises(NotFound, match="vehicle is not in inventory"):
        draft_summary(manager, cid, 9999, semi_monthly_terms())
    with pytest.raises(NotFound, match="agreement is not on file"):
        summary_for_agreement(manager, 9999)


def test_saved_summaries_are_named_for_the_agreement_or_as_a_draft(manager, on_file, tmp_path):
    cid, vid = on_file
    terms = semi_monthly_terms()
    draft_path = save_agreement_summary(tmp_path / "agreements", draft_summary(manager, cid, vid, terms), at=AT)
    assert draft_path.name == "draft-20250303-103015-maria-garcia.pdf"
    opened = agreements.open_agreement(manager, cid, vid, terms, at=AT)
    path = save_agreement_summary(tmp_path / "agreements", summary_for_agreement(manager, opened.agreement_id))
    assert path.name == f"agreement-{opened.agreement_id:06d}-maria-garcia.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert f"Contrato N.º {opened.agreement_id:06d}" in text.replace("\u00a0", " ")
    assert "BORRADOR" in PdfReader(io.BytesIO(draft_path.read_bytes())).pages[0].extract_text()
    assert sorted(p.name for p in (tmp_path / "agreements").iterdir()) == sorted([draft_path.name, path.name])


def test_the_customer_for_a_new_agreement_shows_phone_and_latest_agreement(manager, on_file, agreement):
    cid, vid = on_file
    shown = agreement_customer(manager, cid)
    assert (shown.name, shown.phone, shown.language, shown.latest) == (
        "María García", "(205) 555-0142", "es", "No agreement yet"
    )
    agreements.open_agreement(manager, cid, vid, semi_monthly_terms(), at=AT)
    assert agreement_customer(manager, cid).latest == "Active — 2016 Toyota Camry"
    garcia_from_fixture = Agreement.get_by_id(agreement).customer_id
    agreements.return_vehicle(manager, agreement, "needs_changed", at=dt.datetime(2025, 3, 4, 9, 0))
    returned = agreement_customer(manager, garcia_from_fixture)
    assert returned.latest == "Returned — 2014 Honda Accord" and returned.welcome_back
