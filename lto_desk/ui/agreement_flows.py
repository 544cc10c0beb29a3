"""The agreement flows of the counter window: a new agreement, a vehicle return,
a goodwill refund, the letters they make, and the inventory window.

Kept out of ``main_window.py`` so each flow reads top to bottom: ask (a dialog
that never writes), do (one service call), then save and print what it made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject

from ..domain.errors import LtoError
from ..domain.money import format_money
from ..domain.roles import Role
from ..services import agreements
from ..services.agreement_summary import save_agreement_summary, summary_for_agreement
from ..services.letters import LetterKind, letter_kind_for, save_letter
from ..services.receipts import save_receipt
from ..services.refund_slips import save_refund_slip
from ..store.database import now as clock
from .inventory import InventoryWindow, open_inventory
from .new_agreement import NewAgreementDialog
from .printing import PreviewDialog, PrintProblem, print_pdf
from .refund_dialog import RefundDialog
from .return_dialog import ReturnDialog

if TYPE_CHECKING:
    from pathlib import Path

    from .main_window import MainWindow


class AgreementFlows(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window

    # -- shared -------------------------------------------------------------------
    def show_page(self, make_pdf: Callable[[], "Path"], what: str) -> str | None:
        """Save a Letter-size page (letter, summary) first; print it on the letter
        printer, or show it on screen with a Print button. Returns a status line,
        or None when a problem was shown."""
        window = self.window
        try:
            path = make_pdf()
        except OSError as exc:
            window.say(f"The {what} could not be saved ({exc.strerror}). Make it again from the Agreements tab "
                       "once the disk is fixed.", "error")
            return None
        except LtoError as exc:
            window.say(exc.message, "error")
            return None
        printer = window.settings.page_printer
        if printer:
            try:
                print_pdf(path, printer)
                return f"The {what} is printed and saved at {path}."
            except PrintProblem as problem:
                note = f"The {what} was not printed: {problem}. It is saved at {path}."
        else:
            note = f"The {what} is saved at {path}. Press Print… to print it."
        preview = PreviewDialog(path, note, window)
        window.previews.append(preview)
        preview.show()
        return note

    # -- new agreement ----------------------------------------------------------------
    def new_agreement(self) -> None:
        window = self.window
        if window.actor is None:
            return
        if not window.actor.role.at_least(Role.MANAGER):
            window.say("Only a manager can start a new agreement. Ask a manager to log in (Ctrl+L).", "warning")
            return
        card = window.card.card
        request = NewAgreementDialog.ask(window, location=window.location, customer_id=card.customer_id if card else None)
        if request is None or window.actor is None:
            return
        if request.terms.down_payment and not window.drawer_flows.ensure_open():
            return
        try:
            opened = agreements.start_agreement(
                window.actor, request.customer_id if request.customer_id is not None else request.new_customer,
                request.vehicle_id, request.terms, down_method=request.down_method,
                down_tendered=request.down_tendered, down_reference=request.down_reference,
            )
        except LtoError as exc:
            window.say(exc.message + " Nothing was saved.", "error")
            return
        window.show_agreement(opened.agreement_id)
        done = f"Agreement {opened.agreement_id:06d} started for {window.card.card.name}."
        down = opened.down_payment
        if down is not None:
            change = f" Change due {format_money(down.tender.change)}." if down.tender.change else ""
            done += f" Down payment receipt {down.receipt_number:06d}: {format_money(down.amount)}.{change}"
            printed = window._save_and_print(
                lambda: save_receipt(window.location.folder("receipts"), down.receipt_number), "receipt"
            )
            if printed is None:  # the problem is on screen; the letter is still made
                done = window.message.text() + " " + done
        letter = self.show_page(
            lambda: save_letter(window.location.folder("letters"), LetterKind.THANK_YOU, opened.agreement_id),
            "thank-you letter",
        )
        if letter is not None:
            window.say(done + " The thank-you letter is made; it is on today's follow-up list. " + letter)

    def paid_off(self, agreement_id: int) -> str | None:
        """After the payment that paid the vehicle off: the congratulations letter."""
        window = self.window
        return self.show_page(
            lambda: save_letter(window.location.folder("letters"), LetterKind.PAID_OFF, agreement_id),
            "congratulations letter",
        )

    # -- return and refund ---------------------------------------------------------------
    def vehicle_return(self) -> None:
        window = self.window
        card = window.card.card
        if window.actor is None or card is None or card.agreement_id is None:
            window.say("Open the customer whose vehicle is coming back first.", "warning")
            return
        today = clock().date()
        try:
            preview = agreements.return_preview(card.agreement_id, today)
        except LtoError as exc:
            window.say(exc.message, "warning")
            return
        need_manager = not window.actor.role.at_least(Role.MANAGER)
        answer = ReturnDialog.ask(window, preview, need_manager=need_manager, today=today)
        if answer is None or window.actor is None:
            return
        try:
            manager = window.approving_manager(answer.manager_name, answer.manager_pin, "take a vehicle return")
            agreements.return_vehicle(
                window.actor, preview.agreement_id, answer.reason, reason_text=answer.reason_text,
                odometer=answer.odometer, keys_returned=answer.keys_returned, condition=answer.condition,
                notes=answer.notes, returned_on=answer.returned_on, approved_by=manager,
            )
        except LtoError as exc:
            window.say(exc.message + " The return was not recorded.", "error")
            return
        window.show_agreement(preview.agreement_id)
        status = self.show_page(
            lambda: save_letter(window.location.folder("letters"), LetterKind.RETURN, preview.agreement_id),
            "return letter",
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
        most = agreements.refundable(card.agreement_id)
        if most <= 0:
            window.say("A goodwill refund is only for a returned vehicle, up to what the customer paid.", "warning")
            return
        need_manager = not window.actor.role.at_least(Role.MANAGER)
        answer = RefundDialog.ask(window, customer_name=card.name, vehicle=card.vehicle, most=most,
                                  need_manager=need_manager)
        if answer is None or window.actor is None or not window.drawer_flows.ensure_open():
            return
        try:
            manager = window.approving_manager(answer.manager_name, answer.manager_pin, "give a goodwill refund")
            result = agreements.goodwill_refund(
                window.actor, card.agreement_id, answer.amount, answer.reason, approved_by=manager
            )
        except LtoError as exc:
            window.say(exc.message + " No refund was recorded.", "error")
            return
        window._refresh_card()
        status = window._save_and_print(
            lambda: save_refund_slip(window.location.folder("receipts"), result), "refund slip"
        )
        window.say(f"Goodwill refund of {format_money(result.amount)} to {result.customer_name} recorded; "
                   "have them sign the slip. " + (status or ""))

    # -- from the agreements tab ----------------------------------------------------------
    def letter_again(self, agreement_id: int) -> None:
        window = self.window
        if window.actor is None:
            return
        kind = letter_kind_for(agreement_id)
        status = self.show_page(lambda: save_letter(window.location.folder("letters"), kind, agreement_id),
                                kind.label.lower())
        if status is not None:
            window.say(status)

    def print_summary(self, agreement_id: int) -> None:
        window = self.window
        if window.actor is None:
            return
        status = self.show_page(
            lambda: save_agreement_summary(window.location.folder("agreements"), summary_for_agreement(agreement_id)),
            "agreement summary",
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

