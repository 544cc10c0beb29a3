"""Starting a lease-to-own agreement: customer, vehicle, terms with the schedule
worked out as they are typed, the down payment, and a printable draft summary.

One window rather than a wizard: a manager at the desk with the customer jumps
back and forth ("what if the payment were $85?"), and sees the schedule change
at once. The dialog only collects what was typed and returns it as an
:class:`AgreementRequest`; the main window starts the agreement with
``services.agreements.start_agreement``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidInput, LtoError
from ..domain.money import Cents, format_money, parse_amount, parse_percent
from ..domain.payment import Method, check_tender
from ..domain.phone import normalise_phone
from ..domain.terms import Frequency, Installment, LateFeePolicy, Terms, add_months
from ..domain.text import clean_name, quoted
from ..services.agreement_summary import (
    AgreementCustomer,
    agreement_customer,
    draft_summary,
    save_agreement_summary,
)
from ..services.agreements import FIRST_DUE_GRACE
from ..services.counter import lookup
from ..services.customers import LANGUAGES, NewCustomer
from ..services.settings import load_settings
from ..services.vehicles import VehicleLine, available_vehicles
from ..store.database import now as clock
from ..store.paths import Location
from .models import RowsModel
from .printing import PreviewDialog
from .widgets import row_table

__all__ = ["AgreementRequest", "NewAgreementDialog", "default_first_due"]


@dataclass(frozen=True)
class AgreementRequest:
    """What the manager settled in the dialog, checked and parsed.

    Attributes:
      customer_id: the customer on file, or None when ``new_customer`` is given.
      new_customer: a customer typed in (added together with the agreement), or None.
      vehicle_id: the available vehicle chosen.
      terms: price, down payment, payments, frequency, first due date, late fee.
      down_method / down_tendered / down_reference: how the down payment is paid
        (cash handed over for change; check or money-order number; card last 4).
    """

    customer_id: int | None
    new_customer: NewCustomer | None
    vehicle_id: int
    terms: Terms
    down_method: Method
    down_tendered: Cents | None
    down_reference: str

    @property
    def customer(self) -> int | NewCustomer:
        """What ``start_agreement`` takes as its customer."""
        return self.customer_id if self.customer_id is not None else self.new_customer  # type: ignore[return-value]


def default_first_due(frequency: Frequency, today: dt.date, semi_monthly_days: tuple[int, int] = (1, 15)) -> dt.date:
    """One period from today: a week, two weeks, a month; for twice a month, the
    first of the set days at least a week away."""
    frequency = Frequency(frequency)
    if frequency is Frequency.WEEKLY:
        return today + dt.timedelta(weeks=1)
    if frequency is Frequency.BIWEEKLY:
        return today + dt.timedelta(weeks=2)
    if frequency is Frequency.MONTHLY:
        return add_months(today, 1)
    earliest = today + dt.timedelta(weeks=1)
    for months in range(3):
        month = add_months(earliest.replace(day=1), months, 1)
        for day in sorted(semi_monthly_days):
            candidate = add_months(month, 0, day)  # clamps 31 to the month's last day
            if candidate >= earliest:
                return candidate
    return add_months(today, 1)  # pragma: no cover - two days a month always give one within 3 months


# -- table models ----------------------------------------------------------------


class CustomerChoices(RowsModel[AgreementCustomer]):
    columns = (
        ("Name", lambda c: c.name + ("  — welcome back!" if c.welcome_back else ""), False),
        ("Phone", lambda c: c.phone or "—", False),
        ("Latest agreement", lambda c: c.latest, False),
    )


class VehicleChoices(RowsModel[VehicleLine]):
    columns = (
        ("Stock", lambda v: v.stock_number, False),
        ("Vehicle", lambda v: " ".join(p for p in (v.description, v.trim) if p), False),
        ("Color", lambda v: v.color, False),
        ("Miles", lambda v: f"{v.odometer:,}", True),
        ("Price", lambda v: format_money(v.price) if v.price else "—", True),
    )


class ScheduleRows(RowsModel[Installment]):
    columns = (
        ("No.", lambda i: str(i.number), True),
        ("Due date", lambda i: f"{i.due:%a %b %d, %Y}", False),
        ("Amount", lambda i: format_money(i.amount), True),
    )


# -- reading typed values --------------------------------------------------------


def _money(text: str, what: str, *, empty: str | None = None) -> Cents | None:
    """A typed amount in cents (zero allowed); None when empty unless ``empty`` is the message to give."""
    if not text.strip():
        if empty:
            raise InvalidInput(empty)
        return None
    try:
        return parse_amount(text, allow_zero=True)
    except InvalidInput as exc:
        raise InvalidInput(f"{what}: {exc.message}") from None


def _count(text: str) -> int:
    raw = text.strip().replace(",", "")
    if not raw:
        raise InvalidInput("Type the number of payments.")
    if not raw.isascii() or not raw.isdigit():
        raise InvalidInput(f"The number of payments is a whole number, like 104 (not “{quoted(text.strip())}”).")
    if len(raw) > 4:
        raise InvalidInput("That is too many payments; an agreement has at most a few hundred.")
    return int(raw)


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _money_text(cents: Cents) -> str:
    """Cents as typed in a field: ``1045.00``."""
    return format_money(cents, symbol=False).replace(",", "")


class _DateEdit(QDateEdit):
    """A date field that Tab leaves (a plain QDateEdit tabs through weekday, month,
    day and year first); ← → still move between the parts."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt API)
        return QWidget.focusNextPrevChild(self, next)


class _ArrowKeys(QObject):
    """Up/Down in a search field move the selection in its table (focus stays in the
    field); Enter takes the top match when none is chosen and goes on to ``then``
    (rather than pressing the dialog's Start button)."""

    def __init__(self, edit: QLineEdit, table: QTableView, then: QWidget) -> None:
        super().__init__(edit)
        self.table, self.then = table, then
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.KeyPress:
            return False
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if self.table.model().rowCount():
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                self.then.setFocus(Qt.TabFocusReason)
            return True
        if event.key() in (Qt.Key_Up, Qt.Key_Down):
            count = self.table.model().rowCount()
            if count:
                current = self.table.currentIndex().row()
                step = 1 if event.key() == Qt.Key_Down else -1
                row = 0 if current < 0 else min(max(current + step, 0), count - 1)
                self.table.selectRow(row)
            return True
        return False


# -- the dialog --------------------------------------------------------------------


class NewAgreementDialog(QDialog):
    """Customer, vehicle, terms, live schedule, down payment; Start returns an AgreementRequest."""

    def __init__(self, location: Location, *, customer_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newAgreementDialog")
        self.setWindowTitle("New agreement")
        self.location = location
        self.today = clock().date()
        self.request: AgreementRequest | None = None
        self.terms: Terms | None = None
        self.previews: list[PreviewDialog] = []
        self.last_summary: Path | None = None
        self._refreshing = False
        self._first_due_touched = False
        self._summary_language = "en"
        self._priced_vehicle_id: int | None = None
        self._vehicles = available_vehicles()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self._customer_box())
        left_layout.addWidget(self._vehicle_box())
        left_layout.addWidget(self._terms_box())
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("agreementFormScroll")
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setFocusPolicy(Qt.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        left.setMinimumWidth(560)
        scroll.setMinimumWidth(600)

        self.message = QLabel("")
        self.message.setObjectName("agreementMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9a4d00; font-weight: 600;")
        self.print_button = QPushButton("Print summary…")
        self.print_button.setObjectName("printSummaryButton")
        self.print_button.setToolTip("Save a draft summary (PDF) to go over with the customer, and show it")
        self.start_button = QPushButton("Start agreement")
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.start_button.setStyleSheet("font-weight: 600; padding: 6px 14px;")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelButton")
        buttons = QDialogButtonBox()
        buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.start_button, QDialogButtonBox.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.print_button.clicked.connect(self.print_summary)
        self.cancel_button.clicked.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self._preview_box(), 1)
        right.addWidget(self._down_box())
        columns = QHBoxLayout()
        columns.addWidget(scroll, 5)
        columns.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1180, 870)

        _ArrowKeys(self.customer_search, self.customer_table, then=self.vehicle_filter)
        _ArrowKeys(self.vehicle_filter, self.vehicle_table, then=self.down_payment)
        self._set_tab_order()
        self._fill_defaults()
        if customer_id is not None:
            self.choose_customer_on_file(customer_id)
        self.refresh()
        self._first_focus: QWidget = self.vehicle_filter if customer_id is not None else self.customer_search

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """Start in the customer search (or, with the customer chosen, in the vehicle list's filter)."""
        super().showEvent(event)
        if not event.spontaneous():
            self._first_focus.setFocus(Qt.OtherFocusReason)
            # Once more after the window is activated, which may hand focus to the first list.
            QTimer.singleShot(0, self, lambda: self._first_focus.setFocus(Qt.OtherFocusReason))

    # -- building ------------------------------------------------------------------

    def _customer_box(self) -> QGroupBox:
        box = QGroupBox("1. Customer")
        self.on_file_radio = QRadioButton("Customer on file")
        self.on_file_radio.setObjectName("customerOnFileRadio")
        self.new_radio = QRadioButton("New customer")
        self.new_radio.setObjectName("newCustomerRadio")
        self.on_file_radio.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.on_file_radio)
        group.addButton(self.new_radio)
        radios = QHBoxLayout()
        radios.addWidget(self.on_file_radio)
        radios.addWidget(self.new_radio)
        radios.addStretch(1)

        # On file: search as you type, pick from the list.
        self.customer_search = QLineEdit()
        self.customer_search.setObjectName("customerSearchEdit")
        self.customer_search.setPlaceholderText("Name or phone (4+ digits) of a customer on file")
        self.customer_search.setClearButtonEnabled(True)
        self.customer_model = CustomerChoices(self)
        self.customer_table = row_table(self.customer_model, "customerResults")
        _rows_tall(self.customer_table, 4)
        header = self.customer_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.customer_chosen = QLabel("")
        self.customer_chosen.setObjectName("customerChosenLabel")
        _two_lines(self.customer_chosen)
        on_file = QWidget()
        on_file_layout = QVBoxLayout(on_file)
        on_file_layout.setContentsMargins(0, 0, 0, 0)
        on_file_layout.addWidget(self.customer_search)
        on_file_layout.addWidget(self.customer_table)
        on_file_layout.addWidget(self.customer_chosen)

        # New: the few things we need to start (the profile can be filled in later).
        self.first_name = QLineEdit()
        self.first_name.setObjectName("firstNameEdit")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("lastNameEdit")
        self.preferred_name = QLineEdit()
        self.preferred_name.setObjectName("preferredNameEdit")
        self.preferred_name.setPlaceholderText("what they like to be called (optional)")
        self.phone = QLineEdit()
        self.phone.setObjectName("phoneEdit")
        self.phone.setPlaceholderText("(555) 123-4567")
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.address1 = QLineEdit()
        self.address1.setObjectName("address1Edit")
        self.address1.setPlaceholderText("street and number")
        self.city = QLineEdit()
        self.city.setObjectName("cityEdit")
        self.city.setPlaceholderText("city")
        self.state = QLineEdit()
        self.state.setObjectName("stateEdit")
        self.state.setPlaceholderText("ST")
        self.state.setMaxLength(2)
        self.state.setMaximumWidth(60)
        self.zip = QLineEdit()
        self.zip.setObjectName("zipEdit")
        self.zip.setPlaceholderText("ZIP")
        self.zip.setMaxLength(10)
        self.zip.setMaximumWidth(100)
        names = QHBoxLayout()
        names.addWidget(self.first_name)
        names.addWidget(self.last_name)
        self.first_name.setPlaceholderText("first name")
        self.last_name.setPlaceholderText("last name")
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone, 1)
        phone_row.addWidget(QLabel("Language"))
        phone_row.addWidget(self.language)
        place = QHBoxLayout()
        place.addWidget(self.city, 1)
        place.addWidget(self.state)
        place.addWidget(self.zip)
        new = QWidget()
        form = QFormLayout(new)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Name", names)
        form.addRow("Preferred name", self.preferred_name)
        form.addRow("Phone", phone_row)
        form.addRow("Address", self.address1)
        form.addRow("", place)

        self.customer_pages = QStackedWidget()
        self.customer_pages.addWidget(on_file)
        self.customer_pages.addWidget(new)
        layout = QVBoxLayout(box)
        layout.addLayout(radios)
        layout.addWidget(self.customer_pages)

        self.on_file_radio.toggled.connect(self._customer_mode_changed)
        self.customer_search.textChanged.connect(self.search_customers)
        self.customer_table.selectionModel().currentRowChanged.connect(self._customer_changed)
        for edit in (self.first_name, self.last_name):
            edit.textChanged.connect(self._show_customer)
        self.language.currentIndexChanged.connect(self._show_customer)
        return box

    def _vehicle_box(self) -> QGroupBox:
        box = QGroupBox("2. Vehicle")
        self.vehicle_filter = QLineEdit()
        self.vehicle_filter.setObjectName("vehicleFilterEdit")
        self.vehicle_filter.setPlaceholderText("Narrow the list: stock no., make, model, year, color")
        self.vehicle_filter.setClearButtonEnabled(True)
        self.vehicle_model = VehicleChoices(self)
        self.vehicle_table = row_table(self.vehicle_model, "vehicleList")
        _rows_tall(self.vehicle_table, 6)
        header = self.vehicle_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.vehicle_chosen = QLabel("")
        self.vehicle_chosen.setObjectName("vehicleChosenLabel")
        _two_lines(self.vehicle_chosen)
        layout = QVBoxLayout(box)
        layout.addWidget(self.vehicle_filter)
        layout.addWidget(self.vehicle_table)
        layout.addWidget(self.vehicle_chosen)
        self.vehicle_model.set_rows(self._vehicles)
        self.vehicle_filter.textChanged.connect(self.filter_vehicles)
        self.vehicle_table.selectionModel().currentRowChanged.connect(self._vehicle_changed)
        return box

    def _terms_box(self) -> QGroupBox:
        box = QGroupBox("3. Terms")
        self.cash_price = QLineEdit()
        self.cash_price.setObjectName("cashPriceEdit")
        self.cash_price.setPlaceholderText("filled in from the vehicle")
        self.down_payment = QLineEdit()
        self.down_payment.setObjectName("downPaymentEdit")
        self.down_payment.setPlaceholderText("0.00")
        for edit in (self.cash_price, self.down_payment):
            edit.setAlignment(Qt.AlignRight)
            edit.setMaximumWidth(160)

        self.by_amount = QRadioButton("Set the payment amount")
        self.by_amount.setObjectName("byAmountRadio")
        self.by_count = QRadioButton("Set the number of payments")
        self.by_count.setObjectName("byCountRadio")
        self.by_amount.setChecked(True)
        mode = QButtonGroup(box)
        mode.addButton(self.by_amount)
        mode.addButton(self.by_count)
        self.payment_amount = QLineEdit()
        self.payment_amount.setObjectName("paymentAmountEdit")
        self.payment_count = QLineEdit()
        self.payment_count.setObjectName("paymentCountEdit")
        for edit in (self.payment_amount, self.payment_count):
            edit.setAlignment(Qt.AlignRight)
            edit.setMaximumWidth(160)
        modes = QGridLayout()
        modes.addWidget(self.by_amount, 0, 0)
        modes.addWidget(self.payment_amount, 0, 1)
        modes.addWidget(self.by_count, 1, 0)
        modes.addWidget(self.payment_count, 1, 1)
        modes.setColumnStretch(2, 1)

        self.frequency = QComboBox()
        self.frequency.setObjectName("frequencyCombo")
        for f in Frequency:
            self.frequency.addItem(f.label, f.value)
        self.semi_day_1 = QSpinBox()
        self.semi_day_1.setObjectName("semiDay1Spin")
        self.semi_day_2 = QSpinBox()
        self.semi_day_2.setObjectName("semiDay2Spin")
        for spin, value in ((self.semi_day_1, 1), (self.semi_day_2, 15)):
            spin.setRange(1, 31)
            spin.setValue(value)
            spin.setToolTip("Day of the month; 31 means the last day of every month")
        self.semi_days = QWidget()
        semi = QHBoxLayout(self.semi_days)
        semi.setContentsMargins(0, 0, 0, 0)
        semi.addWidget(self.semi_day_1)
        semi.addWidget(QLabel("and"))
        semi.addWidget(self.semi_day_2)
        semi.addWidget(QLabel("(31 = the last day of the month)"))
        semi.addStretch(1)
        self.frequency.setMaximumWidth(220)

        self.first_due = _DateEdit()
        self.first_due.setObjectName("firstDueEdit")
        self.first_due.setCalendarPopup(True)
        self.first_due.setDisplayFormat("ddd MMM d, yyyy")
        self.first_due.setMinimumDate(QDate(2000, 1, 1))
        self.first_due.setMaximumWidth(200)

        self.fee_kind = QComboBox()
        self.fee_kind.setObjectName("lateFeeKindCombo")
        self.fee_kind.addItem("No late fee", "none")
        self.fee_kind.addItem("Flat amount", "flat")
        self.fee_kind.addItem("Percent of the payment", "percent")
        self.grace_days = QSpinBox()
        self.grace_days.setObjectName("graceDaysSpin")
        self.grace_days.setRange(0, 60)
        self.grace_days.setSuffix(" days grace")
        self.fee_flat = QLineEdit()
        self.fee_flat.setObjectName("lateFeeFlatEdit")
        self.fee_flat.setPlaceholderText("e.g. 10.00")
        self.fee_percent = QLineEdit()
        self.fee_percent.setObjectName("lateFeePercentEdit")
        self.fee_percent.setPlaceholderText("e.g. 5")
        self.fee_cap = QLineEdit()
        self.fee_cap.setObjectName("lateFeeCapEdit")
        self.fee_cap.setPlaceholderText("no cap")
        for edit in (self.fee_flat, self.fee_percent, self.fee_cap):
            edit.setAlignment(Qt.AlignRight)
            edit.setMaximumWidth(100)
        self.fee_flat_label = QLabel("$")
        self.fee_percent_label = QLabel("%  at most $")
        fee_row = QHBoxLayout()
        fee_row.addWidget(self.fee_kind)
        fee_row.addWidget(self.fee_flat_label)
        fee_row.addWidget(self.fee_flat)
        fee_row.addWidget(self.fee_percent)
        fee_row.addWidget(self.fee_percent_label)
        fee_row.addWidget(self.fee_cap)
        fee_row.addWidget(self.grace_days)
        fee_row.addStretch(1)

        self.terms_form = form = QFormLayout(box)
        form.addRow("Cash price", self.cash_price)
        form.addRow("Down payment", self.down_payment)
        form.addRow("Payments", modes)
        form.addRow("How often", self.frequency)
        form.addRow("Days of the month", self.semi_days)
        form.addRow("First due date", self.first_due)
        form.addRow("Late fee", fee_row)

        for edit in (self.cash_price, self.down_payment, self.payment_amount, self.payment_count,
                     self.fee_flat, self.fee_percent, self.fee_cap):  # fmt: skip
            edit.textChanged.connect(self.refresh)
        self.by_amount.toggled.connect(self._mode_changed)
        self.frequency.currentIndexChanged.connect(self._frequency_changed)
        for spin in (self.semi_day_1, self.semi_day_2):
            spin.valueChanged.connect(self._frequency_changed)
        self.grace_days.valueChanged.connect(self.refresh)
        self.fee_kind.currentIndexChanged.connect(self._fee_kind_changed)
        self.first_due.dateChanged.connect(self._first_due_changed)
        return box

    def _down_box(self) -> QGroupBox:
        box = QGroupBox("5. Down payment")
        self.down_amount = QLabel("")
        self.down_amount.setObjectName("downAmountLabel")
        self.down_amount.setStyleSheet("font-weight: 600;")
        self.down_method = QComboBox()
        self.down_method.setObjectName("downMethodCombo")
        self.down_method.setMaximumWidth(200)
        for m in Method:
            self.down_method.addItem(m.label, m.value)
        self.down_tendered = QLineEdit()
        self.down_tendered.setObjectName("downTenderedEdit")
        self.down_tendered.setAlignment(Qt.AlignRight)
        self.down_tendered.setPlaceholderText("cash handed over")
        self.down_tendered.setMaximumWidth(160)
        self.down_change = QLabel("")
        self.down_change.setObjectName("downChangeLabel")
        self.down_change.setStyleSheet("font-size: 13pt; font-weight: 600; color: #256b33;")
        self.down_reference = QLineEdit()
        self.down_reference.setObjectName("downReferenceEdit")
        self.down_reference.setMaximumWidth(200)
        self.down_form = QFormLayout(box)
        self.down_form.addRow("Amount", self.down_amount)
        self.down_form.addRow("Method", self.down_method)
        self.down_form.addRow("Tendered", self.down_tendered)
        self.down_form.addRow("Change due", self.down_change)
        self.down_form.addRow("Number", self.down_reference)
        self.down_method.currentIndexChanged.connect(self._down_method_changed)
        self.down_tendered.textChanged.connect(self._update_change)
        return box

    def _preview_box(self) -> QGroupBox:
        box = QGroupBox("4. Schedule and totals")
        self.schedule_model = ScheduleRows(self)
        self.schedule_table = row_table(self.schedule_model, "scheduleTable")
        self.schedule_table.setSelectionMode(QTableView.NoSelection)
        self.schedule_table.setFocusPolicy(Qt.NoFocus)
        _rows_tall(self.schedule_table, 0)
        header = self.schedule_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        totals = QFormLayout()
        totals.setLabelAlignment(Qt.AlignLeft)
        self.totals: dict[str, QLabel] = {}
        for key, caption in (
            ("cash_price", "Cash price"),
            ("down", "Down payment"),
            ("financed", "Amount financed"),
            ("payments", "Payments"),
            ("last_payment", "Last payment"),
            ("total", "Total of payments"),
            ("first_due", "First due"),
            ("last_due", "Last due"),
            ("late_fee", "Late fee"),
        ):
            label = QLabel("—")
            label.setObjectName("total" + "".join(p.title() for p in key.split("_")))
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.setWordWrap(True)
            totals.addRow(caption, label)
            self.totals[key] = label
        self.totals["payments"].setStyleSheet("font-weight: 600;")
        self.totals["financed"].setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(box)
        layout.addLayout(totals)
        layout.addWidget(self.schedule_table, 1)
        return box

    def _set_tab_order(self) -> None:
        chain = [
            self.on_file_radio, self.new_radio, self.customer_search,
            self.first_name, self.last_name, self.preferred_name, self.phone, self.language,
            self.address1, self.city, self.state, self.zip,
            self.vehicle_filter,
            self.cash_price, self.down_payment, self.by_amount, self.payment_amount, self.by_count,
            self.payment_count, self.frequency, self.semi_day_1, self.semi_day_2, self.first_due,
            self.fee_kind, self.fee_flat, self.fee_percent, self.fee_cap, self.grace_days,
            self.down_method, self.down_tendered, self.down_reference,
            self.start_button, self.print_button, self.cancel_button,
        ]  # fmt: skip
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _fill_defaults(self) -> None:
        policy = load_settings().late_fee_policy
        self.grace_days.setValue(policy.grace_days)
        if policy.percent_bp:
            self.fee_kind.setCurrentIndex(self.fee_kind.findData("percent"))
            self.fee_percent.setText(format(Decimal(policy.percent_bp).scaleb(-2).normalize(), "f"))
            self.fee_cap.setText(_money_text(policy.cap) if policy.cap else "")
        elif policy.flat:
            self.fee_kind.setCurrentIndex(self.fee_kind.findData("flat"))
            self.fee_flat.setText(_money_text(policy.flat))
        else:
            self.fee_kind.setCurrentIndex(self.fee_kind.findData("none"))
        self._fee_kind_changed()
        self.frequency.setCurrentIndex(self.frequency.findData(Frequency.WEEKLY.value))
        self._frequency_changed()
        self._mode_changed()
        self._down_method_changed()
        self._show_customer()
        self._show_vehicle()

    # -- customer ------------------------------------------------------------------

    def is_new_customer(self) -> bool:
        return self.new_radio.isChecked()

    def _customer_mode_changed(self) -> None:
        self.customer_pages.setCurrentIndex(1 if self.is_new_customer() else 0)
        (self.first_name if self.is_new_customer() else self.customer_search).setFocus()
        self._show_customer()

    def search_customers(self, text: str | None = None) -> None:
        text = self.customer_search.text() if text is None else text
        rows = [agreement_customer(r.customer_id) for r in lookup(text)]
        self.customer_model.set_rows(rows)
        if len(rows) == 1:
            self.customer_table.selectRow(0)
        self._show_customer()

    def choose_customer_on_file(self, customer_id: int) -> None:
        """Pre-select a customer (the one open on the card)."""
        customer = agreement_customer(customer_id)
        self.on_file_radio.setChecked(True)
        self.customer_search.blockSignals(True)
        self.customer_search.setText(customer.name)
        self.customer_search.blockSignals(False)
        self.customer_model.set_rows([customer])
        self.customer_table.selectRow(0)
        self._show_customer()

    def chosen_customer(self) -> AgreementCustomer | None:
        if self.is_new_customer():
            return None
        index = self.customer_table.currentIndex()
        return self.customer_model.row_at(index.row()) if index.isValid() else None

    def _customer_changed(self, *_args: QModelIndex) -> None:
        self._show_customer()

    def _show_customer(self) -> None:
        if self.is_new_customer():
            name = " ".join(f"{self.first_name.text()} {self.last_name.text()}".split())
            self.customer_chosen.setText("")
            self._summary_language = self.language.currentData()
            self.setWindowTitle(f"New agreement — {name} (new customer)" if name else "New agreement — new customer")
            return
        chosen = self.chosen_customer()
        if chosen is None:
            found = self.customer_model.rowCount()
            typed = self.customer_search.text().strip()
            self.customer_chosen.setText(
                f"{found} found — choose one with ↑ ↓ or a click." if found
                else ("No one on file matches. Try part of the name or 4 digits of the phone, or choose New customer."
                      if typed else "Type part of the name or phone, then choose the customer.")
            )  # fmt: skip
            self._summary_language = "en"
            self.setWindowTitle("New agreement")
            return
        parts = [f"<b>{_html(chosen.name)}</b>"]
        if chosen.phone:
            parts.append(_html(chosen.phone))
        parts.append(_html(chosen.latest))
        text = "Chosen: " + "  ·  ".join(parts)
        if chosen.welcome_back:
            text += "<br/>Welcome back! They brought a car back before and are always welcome."
        self.customer_chosen.setText(text)
        self._summary_language = chosen.language
        self.setWindowTitle(f"New agreement — {chosen.name}")

    def read_new_customer(self) -> NewCustomer:
        if not self.first_name.text().strip() or not self.last_name.text().strip():
            raise InvalidInput("Type the new customer's first and last name.")
        first = clean_name(self.first_name.text(), "first name")
        last = clean_name(self.last_name.text(), "last name")
        preferred = clean_name(self.preferred_name.text(), "preferred name") if self.preferred_name.text().strip() else ""
        phone = self.phone.text().strip()
        if phone:
            normalise_phone(phone)  # a typo is said now, not after Start
        state = self.state.text().strip().upper()
        if state and (len(state) != 2 or not state.isalpha()):
            raise InvalidInput("The state is two letters, like TX.")
        return NewCustomer(
            first_name=first, last_name=last, preferred_name=preferred, phone=phone,
            address1=" ".join(self.address1.text().split()), city=" ".join(self.city.text().split()),
            state=state, postal_code=self.zip.text().strip(), language=self.language.currentData(),
        )  # fmt: skip

    def read_customer(self) -> int | NewCustomer:
        if self.is_new_customer():
            return self.read_new_customer()
        chosen = self.chosen_customer()
        if chosen is None:
            raise InvalidInput(
                "Choose the customer: type part of their name or phone and pick them from the list, "
                "or choose New customer."
            )
        return chosen.customer_id

    # -- vehicle -------------------------------------------------------------------

    def filter_vehicles(self, text: str | None = None) -> None:
        keep = self.chosen_vehicle()
        words = (self.vehicle_filter.text() if text is None else text).casefold().split()

        def matches(v: VehicleLine) -> bool:
            hay = " ".join(str(x) for x in (v.stock_number, v.vin, v.year, v.make, v.model, v.trim, v.color)).casefold()
            return all(w in hay for w in words)

        rows = [v for v in self._vehicles if matches(v)]
        self.vehicle_model.set_rows(rows)
        if keep is not None and keep in rows:
            self.vehicle_table.selectRow(rows.index(keep))
        elif len(rows) == 1:
            self.vehicle_table.selectRow(0)
        self._show_vehicle()

    def chosen_vehicle(self) -> VehicleLine | None:
        index = self.vehicle_table.currentIndex()
        return self.vehicle_model.row_at(index.row()) if index.isValid() else None

    def _vehicle_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        vehicle = self.vehicle_model.row_at(current.row()) if current.isValid() else None
        # Only a different vehicle brings its price: narrowing the list keeps a price typed over.
        if vehicle is not None and vehicle.id != self._priced_vehicle_id:
            self._priced_vehicle_id = vehicle.id
            if vehicle.price:
                self.cash_price.setText(_money_text(vehicle.price))
        self._show_vehicle()

    def _show_vehicle(self) -> None:
        chosen = self.chosen_vehicle()
        if chosen is not None:
            what = " ".join(p for p in (chosen.description, chosen.trim) if p)
            color = f", {chosen.color}" if chosen.color else ""
            self.vehicle_chosen.setText(
                f"Chosen: <b>{_html(what)}</b>{_html(color)}  ·  stock {_html(chosen.stock_number)}  ·  "
                f"VIN …{_html(chosen.vin[-6:])}  ·  {chosen.odometer:,} miles"
            )
        elif not self._vehicles:
            self.vehicle_chosen.setText("No vehicles are available right now. Add one to inventory first.")
        elif not self.vehicle_model.rowCount():
            self.vehicle_chosen.setText("No available vehicle matches; clear the box to see them all.")
        else:
            self.vehicle_chosen.setText("Choose the vehicle from the list (↑ ↓ or a click).")

    def read_vehicle(self) -> int:
        chosen = self.chosen_vehicle()
        if chosen is None:
            raise InvalidInput("Choose the vehicle from the list of available vehicles.")
        return chosen.id

    # -- terms ---------------------------------------------------------------------

    def current_frequency(self) -> Frequency:
        return Frequency(self.frequency.currentData())

    def _mode_changed(self) -> None:
        by_amount = self.by_amount.isChecked()
        self.payment_amount.setReadOnly(not by_amount)
        self.payment_count.setReadOnly(by_amount)
        for edit, editable in ((self.payment_amount, by_amount), (self.payment_count, not by_amount)):
            edit.setFocusPolicy(Qt.StrongFocus if editable else Qt.ClickFocus)
            edit.setStyleSheet("" if editable else "background: #eef1f4; color: #33404f;")
            edit.setToolTip("" if editable else "Worked out from the other; choose this option to type it instead.")
            edit.setPlaceholderText(("e.g. 95.00" if edit is self.payment_amount else "e.g. 104") if editable else "worked out")
        self.refresh()

    def _frequency_changed(self) -> None:
        self.terms_form.setRowVisible(self.semi_days, self.current_frequency() is Frequency.SEMI_MONTHLY)
        if not self._first_due_touched:
            self._set_first_due(default_first_due(self.current_frequency(), self.today, self._semi_days()))
        self.refresh()

    def _set_first_due(self, day: dt.date) -> None:
        self.first_due.blockSignals(True)
        self.first_due.setDate(_qdate(day))
        self.first_due.blockSignals(False)

    def _first_due_changed(self) -> None:
        self._first_due_touched = True
        self.refresh()

    def _semi_days(self) -> tuple[int, int]:
        return (self.semi_day_1.value(), self.semi_day_2.value())

    def _fee_kind_changed(self) -> None:
        kind = self.fee_kind.currentData()
        for w in (self.fee_flat, self.fee_flat_label):
            w.setVisible(kind == "flat")
        for w in (self.fee_percent, self.fee_percent_label, self.fee_cap):
            w.setVisible(kind == "percent")
        self.grace_days.setVisible(kind != "none")
        self.refresh()

    def read_late_fee(self) -> LateFeePolicy:
        kind = self.fee_kind.currentData()
        if kind == "none":
            return LateFeePolicy()
        grace = self.grace_days.value()
        if kind == "flat":
            flat = _money(self.fee_flat.text(), "Late fee", empty="Type the late fee amount, or choose No late fee.")
            return LateFeePolicy(grace, flat=flat or 0)
        try:
            percent = parse_percent(self.fee_percent.text())
        except InvalidInput as exc:
            raise InvalidInput(f"Late fee percent: {exc.message}") from None
        cap = _money(self.fee_cap.text(), "Late fee cap") or 0
        return LateFeePolicy(grace, percent_bp=percent, cap=cap)

    def read_terms(self) -> Terms:
        """The terms as typed, or InvalidInput naming the first problem."""
        price = _money(self.cash_price.text(), "Cash price", empty="Type the cash price (choosing a vehicle fills it in).")
        down = _money(self.down_payment.text(), "Down payment") or 0
        if price == 0:
            raise InvalidInput("The cash price must be more than zero.")
        if down >= price:
            raise InvalidInput(
                f"The down payment ({format_money(down)}) is the whole price ({format_money(price)}); nothing would "
                "be financed. Lower the down payment."
            )
        first_due = _pydate(self.first_due.date())
        if first_due < self.today - FIRST_DUE_GRACE:
            raise InvalidInput(
                f"The first due date ({first_due:%b %d, %Y}) is more than a week in the past; choose a later date."
            )
        rest = dict(
            frequency=self.current_frequency(), first_due=first_due, semi_monthly_days=self._semi_days(),
            late_fee=self.read_late_fee(),
        )  # fmt: skip
        if self.by_amount.isChecked():
            amount = _money(self.payment_amount.text(), "Payment amount", empty="Type the payment amount.")
            return Terms.by_payment_amount(cash_price=price, down_payment=down, payment_amount=amount or 0, **rest)
        count = _count(self.payment_count.text())
        return Terms.by_number_of_payments(cash_price=price, down_payment=down, number_of_payments=count, **rest)

    # -- preview -------------------------------------------------------------------

    def refresh(self, *_args: object) -> None:
        """Work the terms out again and show the schedule, the totals and any problem."""
        if self._refreshing:
            return
        self._refreshing = True
        try:
            try:
                terms: Terms | None = self.read_terms()
                problem = ""
            except InvalidInput as exc:
                terms, problem = None, exc.message
            self.terms = terms
            self._show_computed(terms)
            self._show_totals(terms)
            self.schedule_model.set_rows(terms.schedule() if terms else [])
            self.start_button.setEnabled(terms is not None)
            self._show_down(terms)
            self.say(problem)
        finally:
            self._refreshing = False

    def _show_computed(self, terms: Terms | None) -> None:
        if self.by_amount.isChecked():
            self.payment_count.setText(str(terms.number_of_payments) if terms else "")
        else:
            self.payment_amount.setText(_money_text(terms.payment_amount) if terms else "")

    def _show_totals(self, terms: Terms | None) -> None:
        if terms is None:
            for label in self.totals.values():
                label.setText("—")
            return
        last = terms.last_payment_amount
        every = {
            Frequency.WEEKLY: "weekly",
            Frequency.BIWEEKLY: "every two weeks",
            Frequency.SEMI_MONTHLY: "twice a month",
            Frequency.MONTHLY: "monthly",
        }[terms.frequency]
        schedule = terms.schedule()
        values = {
            "cash_price": format_money(terms.cash_price),
            "down": format_money(terms.down_payment),
            "financed": format_money(terms.amount_financed),
            "payments": f"{terms.number_of_payments} × {format_money(terms.payment_amount)} {every}",
            "last_payment": format_money(last) + ("" if last == terms.payment_amount else "  (a little smaller, to come out even)"),
            "total": format_money(sum(i.amount for i in schedule)),
            "first_due": f"{schedule[0].due:%a %b %d, %Y}",
            "last_due": f"{schedule[-1].due:%a %b %d, %Y}",
            "late_fee": terms.late_fee.describe(),
        }
        for key, value in values.items():
            self.totals[key].setText(value)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- down payment --------------------------------------------------------------

    def current_down_method(self) -> Method:
        return Method(self.down_method.currentData())

    def _down_method_changed(self) -> None:
        method = self.current_down_method()
        cash = method is Method.CASH
        self.down_form.setRowVisible(self.down_tendered, cash)
        self.down_form.setRowVisible(self.down_change, cash)
        self.down_form.setRowVisible(self.down_reference, not cash)
        label = self.down_form.labelForField(self.down_reference)
        self.down_reference.clear()
        if method is Method.CARD:
            label.setText("Card last 4")
            self.down_reference.setMaxLength(4)
            self.down_reference.setPlaceholderText("last 4 digits only")
        else:
            label.setText("Check no." if method is Method.CHECK else "Money order no.")
            self.down_reference.setMaxLength(20)
            self.down_reference.setPlaceholderText(
                "number on the check" if method is Method.CHECK else "number on the money order"
            )
        self._update_change()

    def _show_down(self, terms: Terms | None) -> None:
        down = terms.down_payment if terms else None
        if down:
            self.down_amount.setText(format_money(down))
        else:
            self.down_amount.setText("No down payment" if terms else "—")
        for w in (self.down_method, self.down_tendered, self.down_reference):
            w.setEnabled(bool(down))
        self._update_change()

    def _update_change(self) -> None:
        terms = self.terms
        if self.current_down_method() is not Method.CASH or not terms or not self.down_tendered.text().strip():
            self.down_change.setText("")
            return
        try:
            tendered = parse_amount(self.down_tendered.text())
        except InvalidInput:
            self.down_change.setText("—")
            return
        down = terms.down_payment
        self.down_change.setText(format_money(tendered - down) if tendered >= down else "not enough")

    def read_down(self, terms: Terms) -> tuple[Method, Cents | None, str]:
        if not terms.down_payment:
            return Method.CASH, None, ""
        method = self.current_down_method()
        tendered = None
        if method is Method.CASH:
            tendered = _money(self.down_tendered.text(), "Cash tendered")
        try:
            tender = check_tender(terms.down_payment, method, tendered, self.down_reference.text())
        except InvalidInput as exc:
            raise InvalidInput(f"Down payment: {exc.message}") from None
        return method, tender.tendered if method is Method.CASH else None, tender.reference

    # -- actions -------------------------------------------------------------------

    def read_request(self) -> AgreementRequest:
        """Everything as typed, checked in the order it is on screen; InvalidInput names the first problem."""
        customer = self.read_customer()
        vehicle_id = self.read_vehicle()
        terms = self.read_terms()
        method, tendered, reference = self.read_down(terms)
        return AgreementRequest(
            customer_id=customer if isinstance(customer, int) else None,
            new_customer=customer if isinstance(customer, NewCustomer) else None,
            vehicle_id=vehicle_id,
            terms=terms,
            down_method=method,
            down_tendered=tendered,
            down_reference=reference,
        )

    def start(self) -> None:
        """Start: the request when everything reads (the dialog closes), else the reason stays on screen."""
        if self.request is not None:
            return  # already accepted: a second click makes nothing
        try:
            request = self.read_request()
        except InvalidInput as exc:
            self.say(exc.message)
            return
        self.request = request
        self.start_button.setEnabled(False)
        self.accept()

    def print_summary(self) -> Path | None:
        """Save the draft summary under the agreements folder and show it; returns its path."""
        try:
            page = draft_summary(self.read_customer(), self.read_vehicle(), self.read_terms(),
                                 language=self._summary_language)  # fmt: skip
        except LtoError as exc:
            self.say(exc.message)
            return None
        try:
            path = save_agreement_summary(self.location.folder("agreements"), page)
        except OSError as exc:
            self.say(f"The summary could not be saved ({exc.strerror or exc}). Check the disk, then try again.")
            return None
        self.last_summary = path
        preview = PreviewDialog(path, f"Draft summary, not signed. Saved at {path}.", self)
        preview.setWindowTitle(f"Agreement summary — {path.name}")
        self.previews.append(preview)
        preview.show()
        return path

    def done(self, result: int) -> None:  # noqa: D102 - closes the summaries shown from here too
        for preview in self.previews:
            preview.close()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, *, location: Location, customer_id: int | None = None) -> AgreementRequest | None:
        """Show the dialog; the request once Start is accepted, else None."""
        dialog = cls(location, customer_id=customer_id, parent=parent)
        try:
            return dialog.request if dialog.exec() == QDialog.Accepted else None
        finally:
            dialog.deleteLater()


def _rows_tall(table: QTableView, rows: int) -> None:
    """Compact rows; with ``rows``, the table is that many rows tall (plus its header).

    Tab passes the table by: its search field's ↑ ↓ choose in it (a click works too)."""
    table.setTabKeyNavigation(False)
    table.setFocusPolicy(Qt.ClickFocus)
    row = table.fontMetrics().height() + 8
    table.verticalHeader().setDefaultSectionSize(row)
    if rows:
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows * row + 2 * table.frameWidth())


def _two_lines(label: QLabel) -> None:
    """A wrapping label that always keeps room for two lines (a wrapped label in a
    scroll area is otherwise given one line and drawn over what is above it)."""
    label.setWordWrap(True)
    label.setMinimumHeight(2 * label.fontMetrics().lineSpacing() + 4)
    label.setAlignment(Qt.AlignLeft | Qt.AlignTop)


def _html(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
