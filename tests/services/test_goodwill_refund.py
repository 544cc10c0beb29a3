"""Goodwill refunds after a vehicle return, against a real SQLite file: who may give
one, how much, what stays on file, and the slip saved for the customer to sign."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from lto_desk.domain.errors import InvalidInput, NotAllowed, Refused
from lto_desk.domain.ledger import EntryKind, Status
from lto_desk.services import agreements, payments, relationship
from lto_desk.services.integrity import verify
from lto_desk.services.refund_slips import save_refund_slip
from lto_desk.store.models import Agreement, JournalRow, LedgerEntry

DOWN = 100_000
RETURNED_AT = dt.datetime(2025, 2, 3, 10, 0)
LATER = dt.datetime(2025, 2, 3, 15, 30)


def snapshot_payments(agreement: int) -> list[dict]:
    """Every payment and down-payment row as stored, to show a refund leaves them alone."""
    kinds = (EntryKind.PAYMENT.value, EntryKind.DOWN_PAYMENT.value)
    rows = LedgerEntry.select().where(LedgerEntry.agreement == agreement, LedgerEntry.kind.in_(kinds))
    return [dict(row.__data__) for row in rows.order_by(LedgerEntry.id)]


def counts() -> tuple[int, int]:
    return LedgerEntry.select().count(), JournalRow.select().count()


@pytest.fixture
def paid_twice(agreement, clerk):
    """Two weekly payments of $76.93 on time: $1,153.86 paid with the down payment."""
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13, 10))
    payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 20, 10))
    return agreement


@pytest.fixture
def returned(paid_twice, manager):
    agreements.return_vehicle(manager, paid_twice, "cannot_afford", keys_returned=2, at=RETURNED_AT)
    return paid_twice


def test_no_refund_while_the_agreement_is_active(paid_twice, manager):
    assert agreements.refundable(manager, paid_twice, RETURNED_AT.date()) == 0
    before = counts()
    with pytest.raises(Refused, match="returned"):
        agreements.goodwill_refund(manager, paid_twice, 50_00, "kind gesture", at=RETURNED_AT)
    assert counts() == before


def test_a_refund_after_a_return_pays_cash_back_and_leaves_the_payments_as_they_are(returned, clerk, manager):
    paid = snapshot_payments(returned)
    assert agreements.refundable(manager, returned, LATER.date()) == DOWN + 2 * 7693

    result = agreements.goodwill_refund(
        clerk, returned, 300_00, "Kept it in great shape; a thank-you.", approved_by=manager, at=LATER
    )

    assert (result.amount, result.total_refunded) == (300_00, 300_00)
    assert result.customer_name == "María García" and result.vehicle == "2014 Honda Accord"
    assert (result.approved_by, result.clerk_name) == ("Marcus Manager", "Carla Clerk")
    assert result.reason == "Kept it in great shape; a thank-you." and len(result.journal_code) == 8
    state = agreements.agreement_state(manager, returned, LATER.date())
    assert state.status is Status.RETURNED
    assert state.refunded == 300_00
    assert (state.total_paid, state.down_payment) == (2 * 7693, DOWN)  # what they paid stays on file
    assert snapshot_payments(returned) == paid
    entry = LedgerEntry.get_by_id(result.entry_id)
    assert (entry.kind, entry.amount, entry.approved_by_id) == (EntryKind.REFUND.value, 300_00, manager.id)
    assert agreements.refundable(manager, returned, LATER.date()) == DOWN + 2 * 7693 - 300_00
    assert verify().ok


def test_a_refund_above_what_was_paid_is_refused_naming_the_most(returned, manager):
    before = counts()
    with pytest.raises(InvalidInput, match=r"\$1,153\.86"):
        agreements.goodwill_refund(manager, returned, DOWN + 2 * 7693 + 1, "all of it back", at=LATER)
    assert counts() == before
    assert agreements.agreement_state(manager, returned, LATER.date()).refunded == 0


def test_a_clerk_needs_a_manager_to_approve(returned, clerk):
    before = counts()
    with pytest.raises(NotAllowed, match="manager"):
        agreements.goodwill_refund(clerk, returned, 50_00, "kind gesture", at=LATER)
    with pytest.raises(NotAllowed):  # another clerk cannot stand in for a manager
        agreements.goodwill_refund(clerk, returned, 50_00, "kind gesture", approved_by=clerk, at=LATER)
    assert counts() == before


def test_a_reason_and_a_positive_amount_are_required(returned, manager):
    before = counts()
    with pytest.raises(InvalidInput, match="reason"):
        agreements.goodwill_refund(manager, returned, 50_00, "  ", at=LATER)
    with pytest.raises(InvalidInput, match="more than zero"):
        agreements.goodwill_refund(manager, returned, 0, "kind gesture", at=LATER)
    assert counts() == before


def test_a_second_refund_is_limited_to_what_remains(returned, manager):
    agreements.goodwill_refund(manager, returned, 1_000_00, "first part back", at=LATER)
    left = DOWN + 2 * 7693 - 1_000_00
    assert agreements.refundable(manager, returned, LATER.date()) == left == 153_86
    with pytest.raises(InvalidInput, match=r"\$153\.86"):
        agreements.goodwill_refund(manager, returned, left + 1, "a little more", at=LATER)
    second = agreements.goodwill_refund(manager, returned, left, "the rest", at=LATER)
    assert second.total_refunded == DOWN + 2 * 7693
    assert agreements.refundable(manager, returned, LATER.date()) == 0
    with pytest.raises(InvalidInput, match=r"\$0\.00"):
        agreements.goodwill_refund(manager, returned, 1, "one more cent", at=LATER)
    assert agreements.agreement_state(manager, returned, LATER.date()).refunded == DOWN + 2 * 7693
    assert verify().ok


def test_the_refund_slip_is_saved_in_the_customers_language(returned, manager, location):
    customer_id = Agreement.get_by_id(returned).customer_id
    relationship.update_profile(manager, customer_id, relationship.ProfileChanges(language="es"), at=LATER)
    result = agreements.goodwill_refund(manager, returned, 250_00, "Lo cuidó muy bien.", at=LATER)
    path = save_refund_slip(manager, location.folder("receipts"), result)
    assert path.name == f"refund-{result.entry_id:06d}.pdf"
    text = " ".join(PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text().split())
    assert "REEMBOLSO DE CORTESÍA" in text
    assert "Cantidad devuelta $250.00" in text
    assert "Lo cuidó muy bien." in text and "Aprobado por Marcus Manager" in text
    assert "Recibido por" in text and result.journal_code in text
