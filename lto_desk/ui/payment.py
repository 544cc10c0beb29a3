"""Payment entry: amount pre-filled with what is due (and what was paid today, when
the customer already paid), method details, Enter posts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..domain.errors import InvalidInput
from ..domain.ledger import EntryKind, Status
from ..domain.money import Cents, format_money, parse_amount
from ..domain.payment import Method, check_tender
from ..services.counter import Card, HistoryRow
from .widgets import restyle


@dataclass(frozen=True)
class PaymentRequest:
    """What the clerk typed, already parsed."""

    agreement_id: int
    customer_id: int
    amount: Cents
    method: Method
    tendered: Cents | None
    reference: str
    memo: str
    request_id: str


@dataclass(frozen=True)
class TypedPayment:
    """What the payment form held when the counter locked, for the same clerk to find
    again: the fields as typed (method as its place in the list), the request id (so a
    post after the lock is still the same request), and whether it was already posted
    (``spent``) with the message it showed."""

    amount: str
    method: int
    tendered: str
    reference: str
    memo: str
    request_id: str
    spent: bool
    message: str
    error: bool


def paid_today(card: Card) -> tuple[HistoryRow, ...]:
    """The payments (not voided) on the card's agreement taken on the day its figures
    are for, earliest first."""
    if card.state is None:
        return ()
    return tuple(row for row in reversed(card.history)
                 if row.agreement_id == card.agreement_id and row.kind == EntryKind.PAYMENT.value
                 and not row.voided and row.on == card.state.as_of)


def paid_today_text(paid: tuple[HistoryRow, ...], due_now: Cents) -> str:
    """"Paid $95.00 today at 9:40 AM, receipt 000123. Nothing more is due now." ("" when
    nothing was paid today)."""
    if not paid:
        return ""
    each = [f"{format_money(row.amount)}" + (" today" if n == 0 else "")
            + f" at {row.posted_at:%I:%M %p}".replace(" at 0", " at ") + f", receipt {row.receipt_number:06d}"
            for n, row in enumerate(paid)]
    return "Paid " + "; ".join(each) + "." + ("" if due_now else " Nothing more is due now.")


class PaymentPanel(QFrame):
    submitted = Signal(object)  # PaymentRequest

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentPanel")
        self.card: Card | None = None
        self.request_id = ""
        self.spent = True
        title = QLabel("Take a payment  (F5)")
        title.setObjectName("panelTitle")
        self.amount = QLineEdit()
        self.amount.setObjectName("amountEdit")
        self.amount.setAlignment(Qt.AlignRight)
        # A customer who paid earlier today is not offered the full amount again by mistake.
        self.paid_today = QLabel("")
        self.paid_today.setObjectName("paidTodayLabel")
        self.paid_today.setWordWrap(True)
        self.paid_today.hide()
        self.method = QComboBox()
        self.method.setObjectName("methodCombo")
        for m in Method:
            self.method.addItem(m.label, m.value)
        self.tendered = QLineEdit()
        self.tendered.setObjectName("tenderedEdit")
        self.tendered.setAlignment(Qt.AlignRight)
        self.tendered.setPlaceholderText("cash handed over")
        self.change = QLabel("")
        self.change.setObjectName("changeLabel")
        self.reference_label = QLabel("Number")
        self.reference = QLineEdit()
        self.reference.setObjectName("referenceEdit")
        self.memo = QLineEdit()
        self.memo.setObjectName("memoEdit")
        self.memo.setPlaceholderText("optional")
        self.memo.setMaxLength(200)
        self.post = QPushButton("Post payment  (Enter)")
        self.post.setObjectName("postButton")
        self.message = QLabel("")
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Amount", self.amount)
        form.addRow(self.paid_today)
        form.addRow("Method", self.method)
        self.tendered_label = QLabel("Tendered")
        form.addRow(self.tendered_label, self.tendered)
        self.change_caption = QLabel("Change due")
        form.addRow(self.change_caption, self.change)
        form.addRow(self.reference_label, self.reference)
        form.addRow("Memo", self.memo)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.post)
        layout.addWidget(self.message)
        layout.addStretch(1)

        for edit in (self.amount, self.tendered, self.reference, self.memo):
            edit.returnPressed.connect(self.submit)
        self.post.clicked.connect(self.submit)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.amount.textChanged.connect(self._update_change)
        self.tendered.textChanged.connect(self._update_change)
        self._method_changed()
        self.setEnabled(False)

    # -- state -----------------------------------------------------------------
    def load(self, card: Card) -> None:
        """Ready the form for this customer: amount pre-filled, a fresh request id."""
        self.card = card
        self.request_id = uuid.uuid4().hex
        self.message.clear()
        self.tendered.clear()
        self.reference.clear()
        self.memo.clear()
        self.method.setCurrentIndex(0)
        self._tell_paid_today(())
        state = card.state
        if state is None or state.status is not Status.ACTIVE:
            self.amount.clear()
            self.spent = True
            self.setEnabled(False)
            self.show_message(
                "Nothing is owed on this agreement." if state is not None else "This customer has no agreement yet."
            )
            return
        paid = paid_today(card)
        self._tell_paid_today(paid, state.amount_due_now)
        # After a payment today, only what is still due now (the services count that
        # payment): with nothing due the amount is left empty, so Enter posts nothing.
        offer = state.amount_due_now if paid else state.suggested_payment
        self.amount.setText(format_money(offer, symbol=False).replace(",", "") if offer else "")
        self.spent = False
        self.setEnabled(True)
        self._update_change()

    def clear(self) -> None:
        """No customer: an empty, disabled form (after a restore, nothing old can be posted)."""
        self.card = None
        self.request_id = ""
        self.spent = True
        for edit in (self.amount, self.tendered, self.reference, self.memo):
            edit.clear()
        self.message.clear()
        self._tell_paid_today(())
        self.setEnabled(False)

    def _tell_paid_today(self, paid: tuple[HistoryRow, ...], due_now: Cents = 0) -> None:
        self.paid_today.setText(paid_today_text(paid, due_now))
        self.paid_today.setVisible(bool(paid))
        self.amount.setPlaceholderText("nothing due now" if paid and not due_now else "")

    def typed(self) -> TypedPayment:
        return TypedPayment(self.amount.text(), self.method.currentIndex(), self.tendered.text(),
                            self.reference.text(), self.memo.text(), self.request_id, self.spent,
                            self.message.text(), bool(self.message.property("error")))

    def type_back(self, typed: TypedPayment) -> None:
        """After ``load`` of the same customer: the form as ``typed`` held it. A posted
        form stays spent; one that ``load`` found nothing owed on stays as ``load`` left it."""
        if typed.spent:
            self.mark_spent(typed.message)
            return
        if self.spent:
            return
        self.method.setCurrentIndex(typed.method)  # first: a change of method clears the number
        for edit, text in ((self.amount, typed.amount), (self.tendered, typed.tendered),
                           (self.reference, typed.reference), (self.memo, typed.memo)):
            edit.setText(text)
        self.request_id = typed.request_id
        if typed.message:
            self.show_message(typed.message, error=typed.error)

    def focus_amount(self) -> None:
        self.amount.setFocus()
        self.amount.selectAll()

    def mark_spent(self, text: str) -> None:
        """After a post the form takes no more Enters until the card is opened again."""
        self.spent = True
        self.setEnabled(False)
        self.show_message(text)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    # -- reactions ---------------------------------------------------------------
    def current_method(self) -> Method:
        return Method(self.method.currentData())

    def _method_changed(self) -> None:
        method = self.current_method()
        cash = method is Method.CASH
        for w in (self.tendered, self.tendered_label, self.change, self.change_caption):
            w.setVisible(cash)
        self.reference_label.setVisible(not cash)
        self.reference.setVisible(not cash)
        self.reference.clear()
        if method is Method.CARD:
            self.reference_label.setText("Card last 4")
            self.reference.setMaxLength(4)
            self.reference.setPlaceholderText("last 4 digits only")
        else:
            self.reference_label.setText("Check no." if method is Method.CHECK else "Money order no.")
            self.reference.setMaxLength(20)
            self.reference.setPlaceholderText("number on the check" if method is Method.CHECK else "number on the money order")
        self._update_change()

    def _update_change(self) -> None:
        short = False
        if self.current_method() is not Method.CASH or not self.tendered.text().strip():
            text = ""
        else:
            try:
                amount = parse_amount(self.amount.text())
                tendered = parse_amount(self.tendered.text())
            except InvalidInput:
                text = "—"
            else:
                short = tendered < amount
                text = "not enough" if short else format_money(tendered - amount)
        # Short of the amount reads in the warning colour, never the green of change due.
        if self.change.property("short") != ("true" if short else "false"):
            restyle(self.change, "short", "true" if short else "false")
        self.change.setText(text)

    def submit(self) -> None:
        if self.spent or self.card is None or self.card.agreement_id is None:
            return
        try:
            amount = parse_amount(self.amount.text())
            method = self.current_method()
            tendered = parse_amount(self.tendered.text()) if method is Method.CASH and self.tendered.text().strip() else None
            tender = check_tender(amount, method, tendered, self.reference.text())
        except InvalidInput as exc:
            self.show_message(exc.message, error=True)
            return
        self.submitted.emit(
            PaymentRequest(
                agreement_id=self.card.agreement_id,
                customer_id=self.card.customer_id,
                amount=amount,
                method=method,
                tendered=tender.tendered if method is Method.CASH else None,
                reference=tender.reference,
                memo=self.memo.text(),
                request_id=self.request_id,
            )
        )
