"""The payment flows of the counter window: post a payment (its receipt, the
congratulations letter when it paid the vehicle off, the Form 8300 reminder),
reprint a receipt as a COPY, and void a payment with a reason.

Each reads top to bottom: ask, do (one operation that announces what changed),
then save and print what it made.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..domain.errors import LtoError, Refused
from ..domain.money import format_money
from ..domain.payment import Method
from ..domain.roles import Role
from ..services import payments
from ..services.files import now as clock
from ..services.form_8300 import form_8300_reminder
from ..services.letters import LetterKind, save_letter
from ..services.receipts import save_receipt, save_void_slip
from .approval import approving_manager
from .dialogs import ApprovalDialog
from .operations import Changes, run
from .printouts import save_then_print

if TYPE_CHECKING:
    from ..services.payments import PaymentResult
    from .desk import Desk
    from .drawer_flows import DrawerFlows
    from .history import HistoryPanel
    from .lookup import LookupPanel
    from .payment import PaymentPanel, PaymentRequest


def void_headline(paid: PaymentResult, today: dt.date) -> str:
    """Which payment a void takes back: "Void receipt 000123 — $76.93 from María García, Jan 13"."""
    day = paid.posted_at.date()
    year = f", {day.year}" if day.year != today.year else ""
    return (f"Void receipt {paid.receipt_number:06d} — {format_money(paid.amount)} from {paid.customer_name}, "
            f"{day:%b} {day.day}{year}")


class PaymentFlows(QObject):
    def __init__(self, desk: Desk, payment: PaymentPanel, history: HistoryPanel, lookup: LookupPanel,
                 drawer: DrawerFlows) -> None:
        super().__init__(desk)
        self.desk = desk
        self.payment = payment
        self.history = history
        self.lookup = lookup
        self.drawer = drawer
        self._posting = False

    # -- posting ------------------------------------------------------------------------
    def post(self, request: PaymentRequest) -> None:
        """Post once: a second Enter or click while posting, or after, does nothing."""
        desk = self.desk
        if self._posting or desk.actor is None or self.payment.spent:
            return
        self._posting = True
        try:
            done = run(desk, lambda: self._take(request),
                       lambda result: Changes(customer_id=request.customer_id, agreement_id=result.agreement_id),
                       show_error=lambda message: self.payment.show_message(message, error=True))
        finally:
            self._posting = False
        if done is None:
            return
        result, actor = done.result, desk.actor
        change = f" Change due {format_money(result.tender.change)}." if result.tender.change else ""
        text = f"Receipt {result.receipt_number:06d}: {format_money(result.amount)} from {result.customer_name}.{change}"
        if result.paid_off:
            text += " This paid the vehicle off — congratulations to them! The title is released."
        self.payment.mark_spent(text)
        self.history.select_receipt(result.receipt_number)
        printed = save_then_print(
            desk, lambda: save_receipt(actor, desk.location.folder("receipts"), result.receipt_number), "receipt"
        )
        if printed is not None:
            desk.say(text + " " + printed, "info")
        if result.paid_off:
            letter = save_then_print(
                desk,
                lambda: save_letter(actor, desk.location.folder("letters"), LetterKind.PAID_OFF, result.agreement_id),
                "congratulations letter", letter=True,
            )
            if letter is not None:
                desk.say(text + " " + (printed or "") + " " + letter, "info")
        if request.method is Method.CASH:
            reminder = form_8300_reminder(actor, request.customer_id, result.posted_at.date())
            if reminder is not None:
                desk.say(reminder, "warning")
        self.lookup.focus()

    def _take(self, request: PaymentRequest) -> PaymentResult:
        if not self.drawer.ensure_open():  # a friendly prompt to open it first
            raise Refused("Open the cash drawer (Drawer → Open drawer…), then post the payment.")
        return payments.take_payment(
            self.desk.actor, request.agreement_id, request.amount, request.method,
            tendered=request.tendered, reference=request.reference, memo=request.memo,
            request_id=request.request_id,
        )

    # -- reprint and void -----------------------------------------------------------------
    def reprint_selected(self) -> None:
        number = self.history.latest_receipt()
        if number:
            self.reprint(number)

    def reprint(self, receipt_number: int) -> None:
        desk = self.desk
        actor = desk.actor
        if actor is None:
            return
        status = save_then_print(
            desk, lambda: save_receipt(actor, desk.location.folder("receipts"), receipt_number, copy=True), "copy"
        )
        if status is not None:
            desk.say(f"Copy of receipt {receipt_number:06d}. {status}")

    def void_selected(self) -> None:
        row = self.history.selected()
        if row is not None and row.receipt_number and not row.voided:
            self.void(row.receipt_number)

    def void(self, receipt_number: int) -> None:
        desk = self.desk
        if desk.actor is None:
            return
        try:
            paid = payments.receipt_for(desk.actor, receipt_number)
        except LtoError as exc:
            desk.say(exc.message, "warning")
            return
        need_manager = not desk.actor.role.at_least(Role.MANAGER)
        approval = ApprovalDialog.ask(
            desk, f"Void receipt {receipt_number:06d}",
            "The payment stays on file under its number and is reversed. A reason is required"
            + (", and a manager types their PIN." if need_manager else "."),
            need_manager, headline=void_headline(paid, clock().date()), approves="void a payment", thing="void",
            confirm="&Void the payment",
        )
        if approval is None or desk.actor is None:  # cancelled, or the counter locked meanwhile
            return
        if not self.drawer.ensure_open():
            return
        card = desk.card.card
        language = card.language if card else "en"
        done = run(
            desk,
            lambda: payments.void_payment(
                desk.actor, receipt_number, approval.reason,
                approved_by=approving_manager(desk.actor, approval.manager_name, approval.manager_pin,
                                              "void a payment"),
            ),
            Changes(customer_id=card.customer_id if card else None),
        )
        if done is None:
            return
        result, actor = done.result, desk.actor
        status = save_then_print(
            desk, lambda: save_void_slip(actor, desk.location.folder("receipts"), result, language), "void slip"
        )
        desk.say(f"Receipt {receipt_number:06d} voided ({format_money(result.amount)}). " + (status or ""))
