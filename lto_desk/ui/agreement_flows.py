"""The agreement flows of the counter window: a new agreement, a vehicle return,
a goodwill refund, the letters they make, and the inventory window.

Kept out of ``main_window.py`` so each flow reads top to bottom: ask (a dialog
that never writes), do (one service call), then save and print what it made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..domain.errors import LtoError
from ..domain.money import format_money
from ..domain.roles import Role
from ..services import agreements
from ..services.agreement_summary import save_agreement_summary, summary_for_agreement
from ..services.files import now as clock
from ..services.letters import LetterKind, letter_kind_for, save_letter
from ..services.receipts import save_receipt
from ..services.refund_slips import save_refund_slip
from .approval import approving_manager
from .inventory import InventoryWindow, open_inventory
from .new_agreement import NewAgreementDialog
from .operations import Changes, run
from .printouts import save_then_print
from .refund_dialog import RefundDialog
from .return_dialog import ReturnDialog

if TYPE_CHECKING:
    from .desk import Desk
    from .drawer_flows import DrawerFlows


class AgreementFlows(QObject):
    def __init__(self, desk: Desk, drawer: DrawerFlows) -> None:
        super().__init__(desk)
        self.window = desk
        self.drawer = drawer

    # -- new agreement ----------------------------------------------------------------
    def new_agreement(self) -> None:
        window = self.window
        if window.actor is None:
            return
        if not window.actor.role.at_least(Role.MANAGER):
            window.say("Only a manager can start a new agreement. Ask a manager: Ctrl+L, they log in "
                       "with their PIN and find the customer again.", "warning")
            return
        card = window.card.card
        request = NewAgreementDialog.ask(
            window, location=window.location, actor=window.actor, customer_id=card.customer_id if card else None,
        )
        if request is None or window.actor is None:
            return
        if request.terms.down_payment and not self.drawer.ensure_open():
            return
        done = run(
            window,
            lambda: agreements.start_agreement(
                window.actor, request.customer_id if request.customer_id is not None else request.new_customer,
                request.vehicle_id, request.terms, down_method=request.down_method,
                down_tendered=request.down_tendered, down_reference=request.down_reference,
            ),
            lambda opened: Changes(customer_id=request.customer_id, agreement_id=opened.agreement_id),
            failed=" Nothing was saved.",
        )
        if done is None:
            return
        opened, actor = done.result, window.actor
        window.show_agreement(opened.agreement_id)
        text = f"Agreement {opened.agreement_id:06d} started for {window.card.card.name}."
        down = opened.down_payment
        if down is not None:
            change = f" Change due {format_money(down.tender.change)}." if down.tender.change else ""
            text += f" Down payment receipt {down.receipt_number:06d}: {format_money(down.amount)}.{change}"
            printed = save_then_print(
                window, lambda: save_receipt(actor, window.location.folder("receipts"), down.receipt_number), "receipt"
            )
            if printed is None:  # the problem is on screen; the letter is still made
                text = window.said() + " " + text
        letter = save_then_print(
            window,
            lambda: save_letter(actor, window.location.folder("letters"), LetterKind.THANK_YOU, opened.agreement_id),
            "thank-you letter", letter=True,
        )
        if letter is not None:
            window.say(text + " The thank-you letter is made; it is on today's follow-up list. " + letter)

    # -- return and refund ---------------------------------------------------------------
    def vehicle_return(self) -> None:
        window = self.window
        card = window.card.card
        if window.actor is None or card is None or card.agreement_id is None:
            window.say("Open the customer whose vehicle is coming back first.", "warning")
            return
        today = clock().date()
        try:
            preview = agreements.return_preview(window.actor, card.agreement_id, today)
        except LtoError as exc:
            window.say(exc.message, "warning")
            return
        need_manager = not window.actor.role.at_least(Role.MANAGER)
        answer = ReturnDialog.ask(window, preview, need_manager=need_manager, today=today)
        if answer is None or window.actor is None:
            return
        done = run(
            window,
            lambda: agreements.return_vehicle(
                window.actor, preview.agreement_id, answer.reason, reason_text=answer.reason_text,
                odometer=answer.odometer, keys_returned=answer.keys_returned, condition=answer.condition,
                notes=answer.notes, returned_on=answer.returned_on,
                approved_by=approving_manager(window.actor, answer.manager_name, answer.manager_pin,
                                              "take a vehicle return"),
            ),
            Changes(customer_id=card.customer_id, agreement_id=preview.agreement_id),
            failed=" The return was not recorded.",
        )
        if done is None:
            return
        actor = window.actor
        window.show_agreement(preview.agreement_id)
        status = save_then_print(
            window,
            lambda: save_letter(actor, window.location.folder("letters"), LetterKind.RETURN, preview.agreement_id),
            "return letter", letter=True,
        )
        window.say(
            f"The {preview.vehicle} is back. Nothing more is owed; {preview.customer_name} is welcome back any time. "
            "The vehicle waits for its inspection in Inventory. " + (status or "")
        )

    def goodwill_refund(self) -> None:
        window = self.window
        card = window.card.card
        if window.actor is None or card is None or card.agreement_id is None:
            return
        most = agreements.refundable(window.actor, card.agreement_id)
        if most <= 0:
            window.say("A goodwill refund is only for a returned vehicle, up to what the customer paid.", "warning")
            return
        need_manager = not window.actor.role.at_least(Role.MANAGER)
        answer = RefundDialog.ask(window, customer_name=card.name, vehicle=card.vehicle, most=most,
                                  need_manager=need_manager)
        if answer is None or window.actor is None or not self.drawer.ensure_open():
            return
        done = run(
            window,
            lambda: agreements.goodwill_refund(
                window.actor, card.agreement_id, answer.amount, answer.reason,
                approved_by=approving_manager(window.actor, answer.manager_name, answer.manager_pin,
                                              "give a goodwill refund"),
            ),
            Changes(customer_id=card.customer_id, agreement_id=card.agreement_id),
            failed=" No refund was recorded.",
        )
        if done is None:
            return
        result, actor = done.result, window.actor
        status = save_then_print(
            window, lambda: save_refund_slip(actor, window.location.folder("receipts"), result), "refund slip"
        )
        window.say(f"Goodwill refund of {format_money(result.amount)} to {result.customer_name} recorded; "
                   "have them sign the slip. " + (status or ""))

    # -- from the agreements tab ----------------------------------------------------------
    def letter_again(self, agreement_id: int) -> None:
        window = self.window
        if window.actor is None:
            return
        actor = window.actor
        kind = letter_kind_for(actor, agreement_id)
        status = save_then_print(
            window, lambda: save_letter(actor, window.location.folder("letters"), kind, agreement_id),
            kind.label.lower(), letter=True,
        )
        if status is not None:
            window.say(status)

    def print_summary(self, agreement_id: int) -> None:
        window = self.window
        actor = window.actor
        if actor is None:
            return
        status = save_then_print(
            window,
            lambda: save_agreement_summary(
                window.location.folder("agreements"), summary_for_agreement(actor, agreement_id),
            ),
            "agreement summary", letter=True,
        )
        if status is not None:
            window.say(status)

    # -- inventory ------------------------------------------------------------------------
    def open_inventory(self) -> None:
        window = self.window
        if window.actor is not None:
            open_inventory(window, lambda: window.actor)

    def close_windows(self) -> None:
        """On a lock: the inventory (customer names in its history) closes too."""
        for w in self.window.findChildren(InventoryWindow):
            w.close()

