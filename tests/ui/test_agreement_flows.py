"""The agreement flows in the real window: a new agreement prints its down-payment
receipt and makes the thank-you letter; the payment that pays off makes the
congratulations letter; a return owes nothing and makes the return letter; a
second agreement for the same customer shows both in the Agreements tab."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from helpers import answer, log_in, make_vin
from lto_desk.domain.payment import Method
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.domain.returns import CONDITION_PARTS
from lto_desk.services import agreements, customers, vehicles
from lto_desk.store.models import Agreement, Customer, LedgerEntry, Vehicle
from lto_desk.ui import new_agreement, refund_dialog, return_dialog
from lto_desk.ui.new_agreement import AgreementRequest
from lto_desk.ui.refund_dialog import RefundInput
from lto_desk.ui.return_dialog import ReturnInput

GOOD = {part: {"rating": "good", "note": ""} for part in CONDITION_PARTS} | {"mechanical": ""}


def words(path) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def files(location, folder: str, pattern: str = "*.pdf"):
    root = location.files_dir / folder
    return sorted(root.glob(pattern)) if root.exists() else []


@pytest.fixture
def car(owner):
    today = dt.date.today()

    def make(n: int, price: int = 500_000) -> int:
        return vehicles.add_vehicle(
            owner, vehicles.NewVehicle(make_vin(9100 + n), 2016, "Nissan", "Altima", f"N{n:03d}", price=price,
                                       odometer=70_000),
            at=dt.datetime.combine(today - dt.timedelta(days=30), dt.time(9)),
        )

    return make


def terms(price=500_000, down=50_000, payment=15_000) -> Terms:
    return Terms.by_payment_amount(
        cash_price=price, down_payment=down, payment_amount=payment, frequency=Frequency.WEEKLY,
        first_due=dt.date.today() + dt.timedelta(days=7), late_fee=LateFeePolicy(3, 1000),
    )



def start(qtbot, window, monkeypatch, request: AgreementRequest) -> None:
    answer(monkeypatch, new_agreement, "NewAgreementDialog", request)
    window.new_agreement_action.trigger()


def test_a_clerk_cannot_start_an_agreement(qtbot, window):
    log_in(qtbot, window)
    assert not window.new_agreement_action.isEnabled()
    window.flows.new_agreement()
    assert "Only a manager" in window.message.text()


def test_new_agreement_prints_the_down_payment_receipt_and_makes_the_thank_you_letter(
    qtbot, window, location, monkeypatch, car
):
    log_in(qtbot, window, "Marcus Manager", "2222")
    vid = car(1)
    new = customers.NewCustomer("Rosa", "Méndez", phone="(205) 555-0177", language="es")
    start(qtbot, window, monkeypatch, AgreementRequest(None, new, vid, terms(), Method.CASH, 60_000, ""))

    assert window.card.card.name == "Rosa Méndez"
    assert window.card.card.vehicle == "2016 Nissan Altima"
    assert Vehicle.get_by_id(vid).status == "on_agreement"
    receipt = files(location, "receipts")[-1]
    assert "Rosa Méndez" in words(receipt) and "$500.00" in words(receipt)  # the down payment
    letter = files(location, "letters", "thank-you-*.pdf")
    assert len(letter) == 1 and "Gracias" in words(letter[0]) and "Rosa" in words(letter[0])
    assert "Change due $100.00" in window.message.text()
    assert "thank-you letter" in window.message.text()
    assert window.agreements.model.rowCount() == 1


def test_a_refused_agreement_says_why_and_saves_nothing(qtbot, window, location, monkeypatch, car):
    log_in(qtbot, window, "Marcus Manager", "2222")
    vid = car(2)
    maria = Customer.get(Customer.last_name == "García").id
    start(qtbot, window, monkeypatch, AgreementRequest(maria, None, vid, terms(), Method.CASH, 50_000, ""))
    agreements_before = Agreement.select().count()
    start(qtbot, window, monkeypatch, AgreementRequest(maria, None, vid, terms(), Method.CASH, 50_000, ""))
    assert "not available" in window.message.text() and "Nothing was saved" in window.message.text()
    assert Agreement.select().count() == agreements_before
    assert len(files(location, "letters", "thank-you-*.pdf")) == 1


def test_the_payment_that_pays_off_makes_the_congratulations_letter(qtbot, window, location, monkeypatch, car):
    log_in(qtbot, window, "Marcus Manager", "2222")
    vid = car(3)
    maria = Customer.get(Customer.last_name == "García").id
    start(qtbot, window, monkeypatch,
          AgreementRequest(maria, None, vid, terms(price=80_000, down=50_000, payment=15_000), Method.CASH, None, ""))
    window.payment.amount.setText("300.00")
    window.payment.submit()
    assert "paid the vehicle off" in window.message.text()
    assert Vehicle.get_by_id(vid).status == "titled"
    letters = files(location, "letters", "paid-off-*.pdf")
    assert len(letters) == 1 and "María" in words(letters[0])
    assert window.card.due.text() == "Paid in full"


def test_a_return_owes_nothing_makes_the_letter_and_welcome_back_shows_both_agreements(
    qtbot, window, location, monkeypatch, car
):
    log_in(qtbot, window)  # a clerk: the manager types a PIN in the return dialog
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    first = window.card.card.agreement_id
    today = dt.date.today()
    calls = answer(monkeypatch, return_dialog, "ReturnDialog", ReturnInput(
        "cannot_afford", "", today, 71_500, 2, GOOD, "moving away for work", "Marcus Manager", "0000"))
    window.return_action.trigger()
    assert "PIN" in window.message.text() and "not recorded" in window.message.text()
    assert Agreement.get_by_id(first).status == "active"
    preview = calls[0][0][1]
    assert preview.agreement_id == first and preview.installments_paid == 2

    answer(monkeypatch, return_dialog, "ReturnDialog", ReturnInput(
        "cannot_afford", "", today, 71_500, 2, GOOD, "moving away for work", "Marcus Manager", "2222"))
    window.return_action.trigger()
    assert Agreement.get_by_id(first).status == "returned"
    assert window.card.due.text() == "Nothing owed"
    assert window.card.badge.text() == "Welcome back"
    letter = files(location, "letters", "return-*.pdf")
    assert len(letter) == 1 and "no further payments" in words(letter[0]).lower()
    assert "Nothing more is owed" in window.message.text()

    # A goodwill refund, approved by the manager's PIN, prints its slip.
    answer(monkeypatch, refund_dialog, "RefundDialog", RefundInput(5_000, "car trouble in the first week",
                                                                   "Marcus Manager", "2222"))
    window.refund_action.trigger()
    assert LedgerEntry.select().where(LedgerEntry.kind == "refund").count() == 1
    assert files(location, "receipts", "refund-*.pdf")

    # Welcome back: a manager starts a second agreement on another car.
    window.lock()
    log_in(qtbot, window, "Marcus Manager", "2222")
    qtbot.keyClicks(window.lookup.edit, "smith")  # another clerk finds the counter empty
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    start(qtbot, window, monkeypatch, AgreementRequest(
        window.card.card.customer_id, None, car(4), terms(), Method.CASH, None, ""))
    card = window.card.card
    assert card.agreement_id != first and card.state.status.value == "active"
    assert not card.welcome_back
    assert window.agreements.model.rowCount() == 2
    assert [window.agreements.model.row_at(i).status for i in range(2)] == ["Active", "Returned"]
    assert "Also with us: 2015 Honda Accord — returned" in window.card.past.text()
    # The earlier agreement can be put back on the card from the tab.
    window.agreements.table.selectRow(1)
    window.agreements.show_button.click()
    assert window.card.card.agreement_id == first and window.card.due.text() == "Nothing owed"
