"""The New agreement dialog, filled in through its widgets as a manager would."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QDialog
from pypdf import PdfReader

from helpers import make_vin
from lto_desk.domain.payment import Method
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms, default_first_due
from lto_desk.services import agreements, customers, settings, vehicles
from lto_desk.services.customers import NewCustomer
from lto_desk.store.models import Agreement, Customer, Installment
from lto_desk.ui.app import make_app
from lto_desk.ui.new_agreement import AgreementRequest, NewAgreementDialog

TODAY = dt.date.today()


@pytest.fixture
def lot(manager):
    """María García (an active agreement on a 2014 Honda Accord), John Smith (none yet),
    and two available vehicles; returns the available vehicles' ids by stock number."""
    opened = dt.datetime.combine(TODAY - dt.timedelta(days=15), dt.time(10, 0))
    maria = customers.add_customer(manager, NewCustomer("María", "García", phone="(205) 555-0142"), at=opened)
    customers.add_customer(manager, NewCustomer("John", "Smith", phone="(251) 555-0199"), at=opened)
    accord = vehicles.add_vehicle(
        manager, vehicles.NewVehicle(make_vin(4352), 2014, "Honda", "Accord", "S1000", price=1_045_000), at=opened
    )
    terms = Terms.by_payment_amount(
        cash_price=1_045_000, down_payment=95_000, payment_amount=9500, frequency=Frequency.WEEKLY,
        first_due=TODAY - dt.timedelta(days=8),
    )  # fmt: skip
    agreements.open_agreement(manager, maria, accord, terms, at=opened)
    ids = {}
    for n, (stock, make, model, trim, price) in enumerate(
        [("S2001", "Toyota", "Camry", "SE", 1_045_000), ("S2002", "Ford", "Escape", "", 899_500)]
    ):
        ids[stock] = vehicles.add_vehicle(
            manager,
            vehicles.NewVehicle(make_vin(8100 + n), 2016 + n, make, model, stock, trim=trim, color="Blue",
                                odometer=80_000 + n, price=price),
        )  # fmt: skip
    return ids


@pytest.fixture
def dialog(manager, qtbot, location, lot):
    make_app()
    d = NewAgreementDialog(location, manager)
    qtbot.addWidget(d)
    show(qtbot, d)
    yield d
    d.close()


def show(qtbot, d) -> None:
    d.show()
    d.activateWindow()
    qtbot.waitActive(d)
    qtbot.waitUntil(d.customer_search.hasFocus)  # the dialog starts in the customer search


def type_into(qtbot, edit, text: str) -> None:
    """Type ``text`` key by key (QTest has no keys for accented letters: those are pasted in)."""
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def pick_maria_and_the_camry(qtbot, d) -> None:
    type_into(qtbot, d.customer_search, "garc")
    qtbot.keyClick(d.customer_search, Qt.Key_Return)  # one match: taken, on to the vehicles
    assert d.vehicle_filter.hasFocus()
    type_into(qtbot, d.vehicle_filter, "camry")
    qtbot.keyClick(d.vehicle_filter, Qt.Key_Return)
    assert d.down_payment.hasFocus()


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def schedule_count(d) -> int:
    return d.schedule_model.rowCount()


def test_picking_a_customer_and_vehicle_fills_the_price_and_the_schedule_follows_the_payment(qtbot, dialog):
    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    assert "María García" in d.customer_chosen.text() and "(205) 555-0142" in d.customer_chosen.text()
    assert "Active — 2014 Honda Accord" in d.customer_chosen.text()
    assert "2016 Toyota Camry SE" in d.vehicle_chosen.text()
    assert d.cash_price.text() == "10450.00"

    type_into(qtbot, d.down_payment, "950")
    type_into(qtbot, d.payment_amount, "95")
    assert d.payment_count.isReadOnly() and d.payment_count.text() == "100"  # 9,500 / 95
    assert schedule_count(d) == 100
    assert d.totals["financed"].text() == "$9,500.00"
    assert d.totals["payments"].text() == "100 × $95.00 weekly"
    assert d.totals["last_due"].text() == f"{TODAY + dt.timedelta(weeks=100):%a %b %d, %Y}"
    assert d.start_button.isEnabled() and not d.message.isVisible()

    type_into(qtbot, d.payment_amount, "96")
    assert d.payment_count.text() == "99" and schedule_count(d) == 99
    assert d.totals["last_payment"].text().startswith("$92.00")  # 9,500 − 98 × 96

    d.by_count.setChecked(True)
    assert d.payment_amount.isReadOnly() and not d.payment_count.isReadOnly()
    type_into(qtbot, d.payment_count, "104")
    assert d.payment_amount.text() == "91.35"  # 9,500 / 104 rounded up to the cent
    assert schedule_count(d) == 104
    assert d.schedule_model.row_at(103).amount == 950_000 - 103 * 91_35


def test_a_price_typed_over_stays_until_another_vehicle_is_chosen(qtbot, dialog):
    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.cash_price, "9999")
    type_into(qtbot, d.vehicle_filter, "toyota camry")  # the list is rebuilt, the Camry chosen again
    assert d.chosen_vehicle().stock_number == "S2001" and d.cash_price.text() == "9999"
    type_into(qtbot, d.vehicle_filter, "")
    d.vehicle_table.selectRow(1)  # the Escape
    assert d.cash_price.text() == "8995.00"


def test_tab_goes_through_the_form_in_reading_order(qtbot, dialog):
    from PySide6.QtWidgets import QApplication

    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.down_payment, "950")
    type_into(qtbot, d.payment_amount, "95")
    d.customer_search.setFocus()
    seen = []
    for _ in range(14):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    assert seen == [
        "vehicleFilterEdit", "cashPriceEdit", "downPaymentEdit", "byAmountRadio", "paymentAmountEdit",
        "frequencyCombo", "firstDueEdit", "lateFeeKindCombo", "lateFeeFlatEdit", "graceDaysSpin",
        "downMethodCombo", "downTenderedEdit", "startButton", "printSummaryButton",
    ]  # fmt: skip


def test_start_returns_what_was_settled_and_it_opens_that_agreement(qtbot, dialog, manager, lot):
    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.down_payment, "950")
    d.by_count.setChecked(True)
    type_into(qtbot, d.payment_count, "104")
    d.frequency.setCurrentIndex(d.frequency.findData("biweekly"))
    assert d.first_due.date() == qdate(TODAY + dt.timedelta(weeks=2))
    d.down_method.setCurrentIndex(d.down_method.findData("cash"))
    type_into(qtbot, d.down_tendered, "1000")
    assert d.down_change.text() == "$50.00"

    d.start_button.click()
    assert d.result() == QDialog.Accepted
    request = d.request
    maria = Customer.get(Customer.last_name == "García").id
    assert isinstance(request, AgreementRequest)
    assert (request.customer_id, request.new_customer, request.customer) == (maria, None, maria)
    assert request.vehicle_id == lot["S2001"]
    t = request.terms
    assert (t.cash_price, t.down_payment, t.number_of_payments, t.payment_amount) == (1_045_000, 95_000, 104, 91_35)
    assert t.frequency is Frequency.BIWEEKLY and t.first_due == TODAY + dt.timedelta(weeks=2)
    assert t.late_fee == LateFeePolicy(3, 1000)  # the settings' default
    assert (request.down_method, request.down_tendered, request.down_reference) == (Method.CASH, 100_000, "")

    opened = agreements.start_agreement(
        manager, request.customer, request.vehicle_id, request.terms, down_method=request.down_method,
        down_tendered=request.down_tendered, down_reference=request.down_reference,
    )  # fmt: skip
    stored = Agreement.get_by_id(opened.agreement_id)
    assert (stored.payment_amount, stored.number_of_payments, stored.frequency) == (91_35, 104, "biweekly")
    assert Installment.select().where(Installment.agreement == stored.id).count() == 104
    assert opened.down_payment is not None and opened.down_payment.tender.change == 5_000


def test_a_second_click_on_start_makes_no_second_request(qtbot, dialog):
    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.payment_amount, "95")
    accepted = []
    d.accepted.connect(lambda: accepted.append(d.request))
    d.start()
    first = d.request
    d.start()
    assert accepted == [first] and d.request is first


def test_the_customer_open_on_the_card_is_chosen_already(manager, qtbot, location, lot):
    make_app()
    maria = Customer.get(Customer.last_name == "García").id
    d = NewAgreementDialog(location, manager, customer_id=maria)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(d.vehicle_filter.hasFocus)  # the customer is settled: straight to the vehicle
    assert d.chosen_customer().customer_id == maria
    assert d.customer_search.text() == "María García"
    assert "New agreement — María García" == d.windowTitle()
    assert d.read_customer() == maria


def test_a_new_customer_is_returned_typed_in_not_added(qtbot, dialog, lot):
    d = dialog
    before = Customer.select().count()
    d.new_radio.setChecked(True)
    assert d.first_name.hasFocus()
    type_into(qtbot, d.first_name, "José")
    type_into(qtbot, d.last_name, "Núñez")
    type_into(qtbot, d.preferred_name, "Pepe")
    type_into(qtbot, d.phone, "210 555 0123")
    d.language.setCurrentIndex(d.language.findData("es"))
    type_into(qtbot, d.address1, "4 Elm St")
    type_into(qtbot, d.city, "Seguin")
    type_into(qtbot, d.state, "tx")
    type_into(qtbot, d.zip, "78155")
    type_into(qtbot, d.vehicle_filter, "S2002")
    type_into(qtbot, d.down_payment, "500")
    type_into(qtbot, d.payment_amount, "100")
    d.down_method.setCurrentIndex(d.down_method.findData("card"))
    type_into(qtbot, d.down_reference, "4242")
    d.start_button.click()
    request = d.request
    assert request is not None and request.customer_id is None
    assert request.new_customer == NewCustomer(
        "José", "Núñez", preferred_name="Pepe", phone="210 555 0123", address1="4 Elm St", city="Seguin",
        state="TX", postal_code="78155", language="es",
    )  # fmt: skip
    assert request.customer is request.new_customer
    assert (request.down_method, request.down_tendered, request.down_reference) == (Method.CARD, None, "4242")
    assert request.terms.number_of_payments == 85  # 8,495 / 100 → 85 payments
    assert Customer.select().count() == before


@pytest.mark.parametrize(
    "fill, message",
    [
        (dict(), "Choose the customer"),
        (dict(customer=True), "Choose the vehicle"),
        (dict(customer=True, vehicle=True, new_name=True), "Type the new customer's first and last name."),
        (dict(customer=True, vehicle=True, method="check"), "Down payment: Type the check number."),
        (dict(customer=True, vehicle=True, method="card", reference="42"),
         "Down payment: Type only the last 4 digits of the card"),
        (dict(customer=True, vehicle=True, tendered="900"),
         "Down payment: The cash handed over ($900.00) is less than the payment ($950.00)."),
    ],
)  # fmt: skip
def test_start_refuses_with_the_reason_and_stays_open(qtbot, dialog, fill, message):
    d = dialog
    type_into(qtbot, d.down_payment, "950")
    type_into(qtbot, d.payment_amount, "95")
    type_into(qtbot, d.cash_price, "10450")
    if fill.get("customer"):
        type_into(qtbot, d.customer_search, "garc")
    if fill.get("vehicle"):
        type_into(qtbot, d.vehicle_filter, "camry")
    if fill.get("new_name"):
        d.new_radio.setChecked(True)
        type_into(qtbot, d.first_name, "José")
    if "method" in fill:
        d.down_method.setCurrentIndex(d.down_method.findData(fill["method"]))
        type_into(qtbot, d.down_reference, fill.get("reference", ""))
    if "tendered" in fill:
        type_into(qtbot, d.down_tendered, fill["tendered"])
    assert d.start_button.isEnabled()  # the terms themselves are fine
    d.start_button.click()
    assert d.request is None and d.isVisible()
    assert d.message.isVisible() and d.message.text().startswith(message)


@pytest.mark.parametrize(
    "price, down, payment, message",
    [
        ("", "", "95", "Type the cash price"),
        ("10450", "10450", "95", "The down payment ($10,450.00) must be less than the price ($10,450.00)."),
        ("10450", "12000", "95", "The down payment ($12,000.00) must be less than the price"),
        ("104f0", "950", "95", "Cash price: “104f0” has letters in it"),
        ("10450", "9.505", "95", "Down payment: “9.505” has more than two decimals"),
        ("10450", "950", "0", "The payment amount must be more than zero."),
        ("10450", "950", "", "Type the payment amount."),
        ("10450", "950", "9 5", "Payment amount: “9 5” has a space inside the number"),
    ],
)  # fmt: skip
def test_terms_that_do_not_work_are_explained_and_start_is_off(qtbot, dialog, price, down, payment, message):
    d = dialog
    type_into(qtbot, d.customer_search, "garc")
    type_into(qtbot, d.vehicle_filter, "camry")
    type_into(qtbot, d.cash_price, price)
    type_into(qtbot, d.down_payment, down)
    type_into(qtbot, d.payment_amount, payment)
    assert d.message.text().startswith(message)
    assert not d.start_button.isEnabled()
    assert schedule_count(d) == 0 and d.totals["financed"].text() == "—" and d.payment_count.text() == ""


def test_zero_payments_and_a_first_due_date_long_past_are_refused(qtbot, dialog):
    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    d.by_count.setChecked(True)
    type_into(qtbot, d.payment_count, "0")
    assert d.message.text() == "The number of payments must be at least one."
    type_into(qtbot, d.payment_count, "1o4")
    assert d.message.text().startswith("The number of payments is a whole number, like 104")
    type_into(qtbot, d.payment_count, "104")
    assert d.start_button.isEnabled()
    d.first_due.setDate(qdate(TODAY - dt.timedelta(days=8)))
    assert "is more than a week in the past" in d.message.text() and not d.start_button.isEnabled()
    d.first_due.setDate(qdate(TODAY - dt.timedelta(days=7)))  # a deal written up late is fine
    assert d.start_button.isEnabled() and not d.message.isVisible()


def test_twice_a_month_starts_on_a_set_day_and_asks_for_one_when_moved(qtbot, dialog):
    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.payment_amount, "150")
    d.frequency.setCurrentIndex(d.frequency.findData("semi_monthly"))
    assert d.semi_days.isVisible()
    first = d.first_due.date().toPython()
    assert first.day in (1, 15) and first >= TODAY + dt.timedelta(weeks=1)
    assert d.start_button.isEnabled()
    assert all(i.due.day in (1, 15) for i in d.schedule_model._rows)
    d.semi_day_2.setValue(31)  # the date was not touched: it follows the days
    assert d.first_due.date().toPython() == default_first_due(Frequency.SEMI_MONTHLY, TODAY, (1, 31))
    assert d.start_button.isEnabled()
    d.first_due.setDate(qdate(first.replace(day=10)))
    assert d.message.text().startswith("The first due date must fall on one of the set days")


def test_the_late_fee_starts_from_the_settings_and_can_be_changed(qtbot, location, manager, lot):
    settings.update_settings(manager, late_fee_grace_days=5, late_fee_flat=0, late_fee_percent_bp=750, late_fee_cap=2500)
    make_app()
    d = NewAgreementDialog(location, manager)
    qtbot.addWidget(d)
    show(qtbot, d)
    assert d.fee_kind.currentData() == "percent"
    assert (d.fee_percent.text(), d.fee_cap.text(), d.grace_days.value()) == ("7.5", "25.00", 5)
    assert not d.fee_flat.isVisible() and d.fee_cap.isVisible()
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.payment_amount, "95")
    assert d.terms.late_fee == LateFeePolicy(5, percent_bp=750, cap=2500)
    type_into(qtbot, d.fee_percent, "150")
    assert "more than 100%" in d.message.text()
    d.fee_kind.setCurrentIndex(d.fee_kind.findData("none"))
    assert d.terms.late_fee == LateFeePolicy() and d.totals["late_fee"].text() == "No late fee"
    assert not d.grace_days.isVisible()


def test_no_down_payment_needs_no_tender(qtbot, dialog):
    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.payment_amount, "100")
    assert d.down_amount.text() == "No down payment" and not d.down_method.isEnabled()
    d.start_button.click()
    assert d.request.terms.down_payment == 0
    assert (d.request.down_method, d.request.down_tendered, d.request.down_reference) == (Method.CASH, None, "")


def test_print_summary_saves_a_draft_pdf_and_shows_it(qtbot, dialog, location):
    d = dialog
    d.print_button.click()
    assert d.message.text().startswith("Choose the customer") and not d.previews
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.down_payment, "950")
    type_into(qtbot, d.payment_amount, "95")
    d.print_button.click()
    path = d.last_summary
    assert path is not None and path.parent == location.folder("agreements")
    assert path.name.startswith("draft-") and path.name.endswith("-maria-garcia.pdf")
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(p.extract_text() for p in reader.pages).replace("\u00a0", " ")
    assert "DRAFT — not signed" in text and "María García" in text and "100 weekly payments of $95.00" in text
    assert len(d.previews) == 1 and d.previews[0].isVisible() and d.previews[0].path == path
    assert d.isVisible() and d.request is None  # printing a draft starts nothing


def test_a_spanish_speaking_new_customer_gets_a_spanish_summary(qtbot, dialog):
    d = dialog
    d.new_radio.setChecked(True)
    type_into(qtbot, d.first_name, "José")
    type_into(qtbot, d.last_name, "Núñez")
    d.language.setCurrentIndex(d.language.findData("es"))
    type_into(qtbot, d.vehicle_filter, "S2002")
    type_into(qtbot, d.payment_amount, "100")
    path = d.print_summary()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "BORRADOR" in text and "José Núñez" in text and "pagos semanales" in text


def test_ask_returns_the_request_or_none_when_cancelled(manager, qtbot, location, lot):
    make_app()

    def fill_and_start():
        d = next(w for w in qtbot_app().topLevelWidgets() if isinstance(w, NewAgreementDialog) and w.isVisible())
        type_into(qtbot, d.customer_search, "smith")
        type_into(qtbot, d.vehicle_filter, "S2002")
        type_into(qtbot, d.payment_amount, "100")
        d.start_button.click()

    def cancel():
        d = next(w for w in qtbot_app().topLevelWidgets() if isinstance(w, NewAgreementDialog) and w.isVisible())
        d.cancel_button.click()

    QTimer.singleShot(0, fill_and_start)
    request = NewAgreementDialog.ask(None, location=location, actor=manager)
    assert request is not None and request.customer_id == Customer.get(Customer.last_name == "Smith").id
    assert request.vehicle_id == lot["S2002"] and request.terms.payment_amount == 100_00

    QTimer.singleShot(0, cancel)
    assert NewAgreementDialog.ask(None, location=location, actor=manager) is None


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


@pytest.mark.parametrize(
    "frequency, expected",
    [
        (Frequency.WEEKLY, dt.date(2025, 1, 13)),
        (Frequency.BIWEEKLY, dt.date(2025, 1, 20)),
        (Frequency.MONTHLY, dt.date(2025, 2, 6)),
        (Frequency.SEMI_MONTHLY, dt.date(2025, 1, 15)),
    ],
)
def test_the_first_due_date_defaults_to_one_period_from_today(frequency, expected):
    assert default_first_due(frequency, dt.date(2025, 1, 6)) == expected
    assert default_first_due(Frequency.SEMI_MONTHLY, dt.date(2025, 1, 10)) == dt.date(2025, 2, 1)
    assert default_first_due(Frequency.SEMI_MONTHLY, dt.date(2025, 2, 20), (15, 31)) == dt.date(2025, 2, 28)


def test_enter_in_a_field_moves_to_the_next_and_never_starts_the_agreement(qtbot, dialog):
    """Enter starts the agreement (and its down-payment receipt) only on the Start button itself."""
    from PySide6.QtWidgets import QApplication

    d = dialog
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.down_payment, "950")
    qtbot.keyClick(d.down_payment, Qt.Key_Return)
    assert d.by_amount.hasFocus() and d.request is None and d.isVisible()
    d.payment_amount.setFocus()
    type_into(qtbot, d.payment_amount, "95")
    for _ in range(7):  # on to frequency, first due, late fee, its amount, grace days, method, tendered
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Enter)
        assert d.request is None and d.isVisible()
    assert d.down_tendered.hasFocus()
    type_into(qtbot, d.down_tendered, "1000")
    qtbot.keyClick(d.down_tendered, Qt.Key_Return)
    assert d.start_button.hasFocus() and d.request is None
    qtbot.keyClick(d.start_button, Qt.Key_Return)  # the Start button, chosen: now it starts
    assert d.request is not None and d.request.down_tendered == 100_000


@pytest.mark.parametrize("room, wanted", [((1366, 728), (1180, 696)), ((1920, 1040), (1180, 870))])
def test_it_fits_the_screen_with_start_print_cancel_and_tendered_in_sight(manager, qtbot, location, lot, monkeypatch, room, wanted):
    from PySide6.QtCore import QPoint, QSize

    from lto_desk.ui import widgets

    monkeypatch.setattr(widgets, "screen_room", lambda _widget: QSize(*room))
    make_app()
    d = NewAgreementDialog(location, manager)
    qtbot.addWidget(d)
    show(qtbot, d)
    assert (d.width(), d.height()) == wanted
    for shown in (d.start_button, d.print_button, d.cancel_button, d.down_tendered):
        corner = shown.mapTo(d, QPoint(0, 0))
        assert shown.isVisible() and d.rect().contains(corner + shown.rect().bottomRight()), shown.objectName()
    d.close()


def test_a_down_payment_short_of_the_cash_handed_over_is_not_shown_in_the_ok_green(qtbot, dialog):
    from PySide6.QtGui import QColor

    def ink(label) -> QColor:
        label.ensurePolished()
        return label.palette().color(label.foregroundRole())

    def greenish(c: QColor) -> bool:
        return c.green() > c.red() + 40 and c.green() > c.blue() + 40

    d = dialog
    make_app()  # the program's stylesheet, as the counter shows it
    pick_maria_and_the_camry(qtbot, d)
    type_into(qtbot, d.down_payment, "950")
    d.by_count.setChecked(True)
    type_into(qtbot, d.payment_count, "104")
    d.down_method.setCurrentIndex(d.down_method.findData("cash"))
    type_into(qtbot, d.down_tendered, "1000")
    assert d.down_change.text() == "$50.00" and greenish(ink(d.down_change))
    type_into(qtbot, d.down_tendered, "900")
    assert d.down_change.text() == "not enough"
    assert not greenish(ink(d.down_change)) and ink(d.down_change).red() > ink(d.down_change).green()
