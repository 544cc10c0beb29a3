"""The goodwill refund: cash paid back to a customer who returned the vehicle.

It collects the amount, the reason and (for a clerk) the approving manager's PIN
and returns them; it never writes to the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QSpacerItem, QWidget

from ..domain.errors import InvalidInput
from ..domain.money import MAX_AMOUNT, Cents, format_money, parse_amount
from ..domain.roles import Role
from ..services.base import required_text
from ..services.clerks import check_pin_format, list_clerks
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
        self.manager = QComboBox()
        self.manager.setObjectName("refundManagerCombo")
        self.manager.addItems([c.name for c in list_clerks() if c.role.at_least(Role.MANAGER)])
        self.pin = QLineEdit()
        self.pin.setObjectName("refundPinEdit")
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setMaxLength(8)
        self.pin.setMaximumWidth(180)
        self.form.addRow(intro)
        self.form.addRow(most_line)
        self.form.addItem(QSpacerItem(0, 6))
        self.form.addRow("Amount to pay back", self.amount)
        self.form.addRow("Reason", self.reason)
        if need_manager:
            self.form.addRow("Manager", self.manager)
            self.form.addRow("Manager's PIN", self.pin)
        save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        save.setText("Pay back")
        save.setObjectName("refundSaveButton")

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
        if not self.need_manager:
            return RefundInput(amount, reason, "", "")
        if self.manager.count() == 0:
            raise InvalidInput("There is no manager login to approve a refund; ask the owner to add one.")
        try:
            pin = check_pin_format(self.pin.text())
        except InvalidInput:
            raise InvalidInput(f"{self.manager.currentText()} types their PIN to approve the refund.") from None
        return RefundInput(amount, reason, self.manager.currentText(), pin)

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
