"""The goodwill refund: cash paid back to a customer who returned the vehicle.

It collects the amount, the reason and (for a clerk) the approving manager's PIN,
which the clerks' service checks before it closes, and returns them; it records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QSpacerItem, QWidget

from ..domain.errors import InvalidInput
from ..domain.money import MAX_AMOUNT, Cents, format_money, parse_amount
from ..services.base import required_text
from .approval import ApprovalFields
from .dialogs import FormDialog


@dataclass(frozen=True)
class RefundInput:
    """Attributes: amount (cents); reason; manager_name / manager_pin ("" when the clerk is a manager)."""

    amount: Cents
    reason: str
    manager_name: str
    manager_pin: str


class RefundDialog(FormDialog):
    def __init__(
        self, *, customer_name: str, vehicle: str, most: Cents, need_manager: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__("refundDialog", f"Goodwill refund — {customer_name}", parent)
        self.most = most
        self.need_manager = need_manager
        self.setStyleSheet("#refundIntro { color: #33404f; } #refundMost { font-weight: 600; color: #1f4e79; }")
        intro = QLabel(
            f"This is cash paid back to {customer_name} as goodwill after returning the {vehicle}; "
            "the payments stay on file as they are."
        )
        intro.setObjectName("refundIntro")
        intro.setWordWrap(True)
        most_line = QLabel(
            f"Up to {format_money(most)} can be paid back." if most > 0 else "Nothing is left to pay back."
        )
        most_line.setObjectName("refundMost")
        self.amount = QLineEdit()
        self.amount.setObjectName("refundAmountEdit")
        self.amount.setPlaceholderText(f"up to {format_money(most)}")
        self.amount.setMaximumWidth(180)
        self.reason = QLineEdit()
        self.reason.setObjectName("refundReasonEdit")
        self.reason.setMaxLength(300)
        self.reason.setPlaceholderText("why (required)")
        self.approval = ApprovalFields(
            "refund", what="give a goodwill refund", thing="refund", need_manager=need_manager, parent=self
        )
        self.manager, self.pin = self.approval.manager, self.approval.pin
        self.form.addRow(intro)
        self.form.addRow(most_line)
        self.form.addItem(QSpacerItem(0, 6))
        self.form.addRow("Amount to pay back", self.amount)
        self.form.addRow("Reason", self.reason)
        self.approval.add_rows(self.form)
        save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        save.setText("Pay back")
        save.setShortcut(QKeySequence("Alt+P"))  # the words stay as they are; Alt+P presses it
        save.setToolTip("Pay back (Alt+P)")
        save.setObjectName("refundSaveButton")
        self.amount.setFocus()  # the buttons were made first; the person starts with the amount

    def read(self) -> RefundInput:
        if self.most <= 0:
            raise InvalidInput("Nothing is left to pay back on this agreement.")
        amount = parse_amount(self.amount.text(), allow_zero=True, ceiling=max(self.most, MAX_AMOUNT))
        if amount == 0:
            raise InvalidInput("The refund is zero; type the amount to pay back.")
        if amount > self.most:
            raise InvalidInput(
                f"{format_money(amount)} is more than can be paid back; the most is {format_money(self.most)}."
            )
        reason = required_text(self.reason.text(), "the reason for the refund", minimum=3, maximum=300)
        manager_name, manager_pin = self.approval.read()
        return RefundInput(amount, reason, manager_name, manager_pin)

    def accept(self) -> None:
        """Pay back closes only once the form reads and the manager's PIN approves;
        a wrong PIN keeps the amount and reason and asks for the PIN again."""
        if self.value() is not None and self.approval.approved():
            QDialog.accept(self)

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, customer_name: str, vehicle: str, most: Cents, need_manager: bool
    ) -> RefundInput | None:
        """Show it; what was typed once Pay back is accepted, else None."""
        dialog = cls(customer_name=customer_name, vehicle=vehicle, most=most, need_manager=need_manager, parent=parent)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()
