"""The New agreement dialog's "5. Down payment" box: how the down payment is paid
(cash with the change due, a check or money order number, a card's last 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ..domain.errors import InvalidInput
from ..domain.money import Cents, format_money, parse_amount
from ..domain.payment import Method, check_tender
from ..domain.terms import Terms
from .agreement_fields import typed_amount
from .widgets import restyle


class DownPaymentBox(QGroupBox):
    """The down payment of the terms as they stand, and how it is paid."""

    #: The fields the dialog also shows under these names.
    fields = ("down_amount", "down_method", "down_tendered", "down_change", "down_reference", "down_form")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("5. Down payment", parent)
        self._terms: Terms | None = None
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
        self.down_reference = QLineEdit()
        self.down_reference.setObjectName("downReferenceEdit")
        self.down_reference.setMaximumWidth(200)
        self.down_form = QFormLayout(self)
        self.down_form.addRow("Amount", self.down_amount)
        self.down_form.addRow("Method", self.down_method)
        self.down_form.addRow("Tendered", self.down_tendered)
        self.down_form.addRow("Change due", self.down_change)
        self.down_form.addRow("Number", self.down_reference)
        self.down_method.currentIndexChanged.connect(self.method_changed)
        self.down_tendered.textChanged.connect(self._update_change)

    def tab_chain(self) -> list[QWidget]:
        """The box's fields in the order Tab visits them."""
        return [self.down_method, self.down_tendered, self.down_reference]

    def current_down_method(self) -> Method:
        return Method(self.down_method.currentData())

    def method_changed(self) -> None:
        """Show the fields the chosen method asks for: tendered and change for cash, else its number."""
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

    def show_terms(self, terms: Terms | None) -> None:
        """The down payment of ``terms`` (a dash for None); the method only asked for when there is one."""
        self._terms = terms
        down = terms.down_payment if terms else None
        if down:
            self.down_amount.setText(format_money(down))
        else:
            self.down_amount.setText("No down payment" if terms else "—")
        for w in (self.down_method, self.down_tendered, self.down_reference):
            w.setEnabled(bool(down))
        self._update_change()

    def _update_change(self) -> None:
        terms = self._terms
        if self.current_down_method() is not Method.CASH or not terms or not self.down_tendered.text().strip():
            self.down_change.setText("")
            return
        try:
            tendered = parse_amount(self.down_tendered.text())
        except InvalidInput:
            self.down_change.setText("—")
            return
        down = terms.down_payment
        short = tendered < down
        # Short of the down payment reads in the warning colour, never the green of change due.
        restyle(self.down_change, "short", "true" if short else "false")
        self.down_change.setText("not enough" if short else format_money(tendered - down))

    def read_down(self, terms: Terms) -> tuple[Method, Cents | None, str]:
        if not terms.down_payment:
            return Method.CASH, None, ""
        method = self.current_down_method()
        tendered = None
        if method is Method.CASH:
            tendered = typed_amount(self.down_tendered.text(), "Cash tendered")
        try:
            tender = check_tender(terms.down_payment, method, tendered, self.down_reference.text())
        except InvalidInput as exc:
            raise InvalidInput(f"Down payment: {exc.message}") from None
        return method, tender.tendered if method is Method.CASH else None, tender.reference
