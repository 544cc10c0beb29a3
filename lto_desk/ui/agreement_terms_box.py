"""The New agreement dialog's "3. Terms" box: price, down payment, the payment amount
or the number of payments (the other worked out), how often, first due date, late fee."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from ..domain.errors import InvalidInput
from ..domain.money import Cents, parse_percent
from ..domain.terms import (
    MAX_GRACE_DAYS,
    Frequency,
    LateFeePolicy,
    Terms,
    cash_price_problem,
    default_first_due,
    down_payment_problem,
    first_due_problem,
)
from .agreement_fields import (
    DateEdit,
    money_text,
    to_date,
    to_qdate,
    typed_amount,
    typed_count,
)


class TermsBox(QGroupBox):
    """What the customer and the dealer agree; ``changed`` says something was typed or chosen."""

    changed = Signal()

    #: The fields the dialog also shows under these names.
    fields = (
        "cash_price", "down_payment", "by_amount", "by_count", "payment_amount", "payment_count", "frequency",
        "semi_day_1", "semi_day_2", "semi_days", "first_due", "fee_kind", "grace_days", "fee_flat", "fee_percent",
        "fee_cap", "fee_flat_label", "fee_percent_label", "terms_form",
    )  # fmt: skip

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("3. Terms", parent)
        self.today = today
        self._first_due_touched = False
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
        mode = QButtonGroup(self)
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

        self.first_due = DateEdit()
        self.first_due.setObjectName("firstDueEdit")
        self.first_due.setCalendarPopup(True)
        self.first_due.setDisplayFormat("ddd MMM d, yyyy")
        self.first_due.setMinimumDate(QDate(2000, 1, 1))
        self.first_due.setMaximumWidth(200)

        self.terms_form = form = QFormLayout(self)
        form.addRow("Cash price", self.cash_price)
        form.addRow("Down payment", self.down_payment)
        form.addRow("Payments", modes)
        form.addRow("How often", self.frequency)
        form.addRow("Days of the month", self.semi_days)
        form.addRow("First due date", self.first_due)
        form.addRow("Late fee", self._late_fee_row())

        for edit in (self.cash_price, self.down_payment, self.payment_amount, self.payment_count,
                     self.fee_flat, self.fee_percent, self.fee_cap):  # fmt: skip
            edit.textChanged.connect(self._typed)
        self.by_amount.toggled.connect(self._mode_changed)
        self.frequency.currentIndexChanged.connect(self._frequency_changed)
        for spin in (self.semi_day_1, self.semi_day_2):
            spin.valueChanged.connect(self._frequency_changed)
        self.grace_days.valueChanged.connect(self._typed)
        self.fee_kind.currentIndexChanged.connect(self._fee_kind_changed)
        self.first_due.dateChanged.connect(self._first_due_changed)

    def _late_fee_row(self) -> QHBoxLayout:
        self.fee_kind = QComboBox()
        self.fee_kind.setObjectName("lateFeeKindCombo")
        self.fee_kind.addItem("No late fee", "none")
        self.fee_kind.addItem("Flat amount", "flat")
        self.fee_kind.addItem("Percent of the payment", "percent")
        self.grace_days = QSpinBox()
        self.grace_days.setObjectName("graceDaysSpin")
        self.grace_days.setRange(0, MAX_GRACE_DAYS)
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
        return fee_row

    def tab_chain(self) -> list[QWidget]:
        """The box's fields in the order Tab visits them."""
        return [
            self.cash_price, self.down_payment, self.by_amount, self.payment_amount, self.by_count,
            self.payment_count, self.frequency, self.semi_day_1, self.semi_day_2, self.first_due,
            self.fee_kind, self.fee_flat, self.fee_percent, self.fee_cap, self.grace_days,
        ]  # fmt: skip

    def start_from(self, policy: LateFeePolicy) -> None:
        """The dealership's late fee, weekly payments due a week from today, the payment amount to type."""
        self.grace_days.setValue(policy.grace_days)
        if policy.percent_bp:
            self.fee_kind.setCurrentIndex(self.fee_kind.findData("percent"))
            self.fee_percent.setText(format(Decimal(policy.percent_bp).scaleb(-2).normalize(), "f"))
            self.fee_cap.setText(money_text(policy.cap) if policy.cap else "")
        elif policy.flat:
            self.fee_kind.setCurrentIndex(self.fee_kind.findData("flat"))
            self.fee_flat.setText(money_text(policy.flat))
        else:
            self.fee_kind.setCurrentIndex(self.fee_kind.findData("none"))
        self._fee_kind_changed()
        self.frequency.setCurrentIndex(self.frequency.findData(Frequency.WEEKLY.value))
        self._frequency_changed()
        self._mode_changed()

    def set_price(self, cents: Cents) -> None:
        self.cash_price.setText(money_text(cents))

    def _typed(self, *_args: object) -> None:
        self.changed.emit()

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
        self.changed.emit()

    def _frequency_changed(self) -> None:
        self.terms_form.setRowVisible(self.semi_days, self.current_frequency() is Frequency.SEMI_MONTHLY)
        if not self._first_due_touched:
            self._set_first_due(default_first_due(self.current_frequency(), self.today, self._semi_days()))
        self.changed.emit()

    def _set_first_due(self, day: dt.date) -> None:
        self.first_due.blockSignals(True)
        self.first_due.setDate(to_qdate(day))
        self.first_due.blockSignals(False)

    def _first_due_changed(self) -> None:
        self._first_due_touched = True
        self.changed.emit()

    def _semi_days(self) -> tuple[int, int]:
        return (self.semi_day_1.value(), self.semi_day_2.value())

    def _fee_kind_changed(self) -> None:
        kind = self.fee_kind.currentData()
        for w in (self.fee_flat, self.fee_flat_label):
            w.setVisible(kind == "flat")
        for w in (self.fee_percent, self.fee_percent_label, self.fee_cap):
            w.setVisible(kind == "percent")
        self.grace_days.setVisible(kind != "none")
        self.changed.emit()

    def read_late_fee(self) -> LateFeePolicy:
        kind = self.fee_kind.currentData()
        if kind == "none":
            return LateFeePolicy()
        grace = self.grace_days.value()
        if kind == "flat":
            flat = typed_amount(self.fee_flat.text(), "Late fee", empty="Type the late fee amount, or choose No late fee.")
            return LateFeePolicy(grace, flat=flat or 0)
        try:
            percent = parse_percent(self.fee_percent.text())
        except InvalidInput as exc:
            raise InvalidInput(f"Late fee percent: {exc.message}") from None
        cap = typed_amount(self.fee_cap.text(), "Late fee cap") or 0
        return LateFeePolicy(grace, percent_bp=percent, cap=cap)

    def read_terms(self) -> Terms:
        """The terms as typed, or InvalidInput naming the first problem (in the domain's words)."""
        price = typed_amount(self.cash_price.text(), "Cash price", empty="Type the cash price (choosing a vehicle fills it in).")
        price = price or 0  # an empty field was refused just above
        down = typed_amount(self.down_payment.text(), "Down payment") or 0
        first_due = to_date(self.first_due.date())
        problem = cash_price_problem(price) or down_payment_problem(down, price) or first_due_problem(first_due, self.today)
        if problem:
            raise InvalidInput(problem)
        rest = dict(
            frequency=self.current_frequency(), first_due=first_due, semi_monthly_days=self._semi_days(),
            late_fee=self.read_late_fee(),
        )  # fmt: skip
        if self.by_amount.isChecked():
            amount = typed_amount(self.payment_amount.text(), "Payment amount", empty="Type the payment amount.")
            return Terms.by_payment_amount(cash_price=price, down_payment=down, payment_amount=amount or 0, **rest)
        count = typed_count(self.payment_count.text())
        return Terms.by_number_of_payments(cash_price=price, down_payment=down, number_of_payments=count, **rest)

    def show_worked_out(self, terms: Terms | None) -> None:
        """Fill in the figure worked out from the other: the count from the amount, or the amount from the count."""
        if self.by_amount.isChecked():
            self.payment_count.setText(str(terms.number_of_payments) if terms else "")
        else:
            self.payment_amount.setText(money_text(terms.payment_amount) if terms else "")
