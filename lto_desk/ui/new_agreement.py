"""Starting a lease-to-own agreement: customer, vehicle, terms with the schedule
worked out as they are typed, the down payment, and a printable draft summary.

One window rather than a wizard: a manager at the desk with the customer jumps
back and forth ("what if the payment were $85?"), and sees the schedule change
at once. The dialog only collects what was typed and returns it as an
:class:`AgreementRequest`; the main window starts the agreement with
``services.agreements.start_agreement``. Each numbered box is its own module
(``agreement_*_box``); this one puts them side by side and reads them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidInput, LtoError
from ..domain.money import Cents
from ..domain.payment import Method
from ..domain.terms import Terms
from ..services.agreement_summary import (
    AgreementCustomer,
    draft_summary,
    save_agreement_summary,
)
from ..services.base import Actor
from ..services.customers import NewCustomer
from ..services.files import now as clock
from ..services.settings import load_settings
from ..services.vehicles import VehicleLine, available_vehicles
from .agreement_customer_box import CustomerBox
from .agreement_down_box import DownPaymentBox
from .agreement_fields import ArrowKeys
from .agreement_schedule_box import ScheduleBox
from .agreement_terms_box import TermsBox
from .agreement_vehicle_box import VehicleBox
from .printing import PreviewDialog
from .widgets import PAGE_PREVIEW, fit_to_screen

__all__ = ["AgreementRequest", "NewAgreementDialog"]


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



class DataFolder(Protocol):
    """What the dialog needs of the data folder (the main window's ``location``):
    the ``agreements`` folder, made on demand, where draft summaries are saved."""

    def folder(self, kind: str) -> Path: ...


class NewAgreementDialog(QDialog):
    """Customer, vehicle, terms, live schedule, down payment; Start returns an AgreementRequest.
    ``actor``: the manager starting it, for whom the customers and vehicles are read."""

    def __init__(
        self, location: DataFolder, actor: Actor, *, customer_id: int | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("newAgreementDialog")
        self.setWindowTitle("New agreement")
        self.location = location
        self.today = clock().date()
        self.request: AgreementRequest | None = None
        self.terms: Terms | None = None
        self.previews: list[PreviewDialog] = []
        self.last_summary: Path | None = None
        self._refreshing = False

        self.customer_box = CustomerBox(actor)
        self.vehicle_box = VehicleBox(available_vehicles(actor))
        self.terms_box = TermsBox(self.today)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.customer_box)
        left_layout.addWidget(self.vehicle_box)
        left_layout.addWidget(self.terms_box)
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
        self.print_button = QPushButton("&Print summary…")
        self.print_button.setObjectName("printSummaryButton")
        self.print_button.setToolTip("Save a draft summary (PDF) to go over with the customer, and show it")
        self.start_button = QPushButton("&Start agreement")
        self.start_button.setObjectName("startButton")
        self.start_button.setStyleSheet("font-weight: 600; padding: 6px 14px;")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelButton")
        for button in (self.print_button, self.start_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field goes on to the next (keyPressEvent)
        buttons = QDialogButtonBox()
        buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.start_button, QDialogButtonBox.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.print_button.clicked.connect(self.print_summary)
        self.cancel_button.clicked.connect(self.reject)

        self.schedule_box = ScheduleBox()
        self.down_box = DownPaymentBox()
        right = QVBoxLayout()
        right.addWidget(self.schedule_box, 1)
        right.addWidget(self.down_box)
        columns = QHBoxLayout()
        columns.addWidget(scroll, 5)
        columns.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(1180, 870))  # 1180×696 on a 1366×768 counter: the left column scrolls

        # The boxes' fields are the dialog's too, under the same names (dialog.cash_price, ...).
        for box in (self.customer_box, self.vehicle_box, self.terms_box, self.schedule_box, self.down_box):
            for name in box.fields:
                setattr(self, name, getattr(box, name))
        self.customer_box.heading_changed.connect(self.setWindowTitle)
        self.vehicle_box.price_chosen.connect(self.terms_box.set_price)
        self.terms_box.changed.connect(self.refresh)
        ArrowKeys(self.customer_search, self.customer_table, then=self.vehicle_filter)
        ArrowKeys(self.vehicle_filter, self.vehicle_table, then=self.down_payment)
        self._set_tab_order()
        self.terms_box.start_from(load_settings().late_fee_policy)
        self.down_box.method_changed()
        self.customer_box.show_choice()
        self.vehicle_box.show_choice()
        if customer_id is not None:
            self.customer_box.choose_customer_on_file(customer_id)
        self.refresh()
        self._first_focus: QWidget = self.vehicle_filter if customer_id is not None else self.customer_search

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """Start in the customer search (or, with the customer chosen, in the vehicle list's filter)."""
        super().showEvent(event)
        if not event.spontaneous():
            self._first_focus.setFocus(Qt.OtherFocusReason)
            # Once more after the window is activated, which may hand focus to the first list.
            QTimer.singleShot(0, self, lambda: self._first_focus.setFocus(Qt.OtherFocusReason))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Enter goes on to the next field; only on a button (Start, Print, Cancel) does it press it.
        Starting an agreement prints its down-payment receipt: it is never one Enter away."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & ~Qt.KeypadModifier:
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _set_tab_order(self) -> None:
        chain = [
            *self.customer_box.tab_chain(), self.vehicle_filter, *self.terms_box.tab_chain(),
            *self.down_box.tab_chain(), self.start_button, self.print_button, self.cancel_button,
        ]  # fmt: skip
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    # -- what is chosen and typed, box by box ----------------------------------------

    def chosen_customer(self) -> AgreementCustomer | None:
        return self.customer_box.chosen_customer()

    def read_customer(self) -> int | NewCustomer:
        return self.customer_box.read_customer()

    def chosen_vehicle(self) -> VehicleLine | None:
        return self.vehicle_box.chosen_vehicle()

    def read_vehicle(self) -> int:
        return self.vehicle_box.read_vehicle()

    def read_terms(self) -> Terms:
        """The terms as typed, or InvalidInput naming the first problem."""
        return self.terms_box.read_terms()

    def read_down(self, terms: Terms) -> tuple[Method, Cents | None, str]:
        return self.down_box.read_down(terms)

    # -- preview -------------------------------------------------------------------

    def refresh(self) -> None:
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
            self.terms_box.show_worked_out(terms)
            self.schedule_box.show_terms(terms)
            self.start_button.setEnabled(terms is not None)
            self.down_box.show_terms(terms)
            self.say(problem)
        finally:
            self._refreshing = False

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

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
            page = draft_summary(self.actor, self.read_customer(), self.read_vehicle(), self.read_terms(),
                                 language=self.customer_box.summary_language())  # fmt: skip
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
        fit_to_screen(preview, PAGE_PREVIEW)
        self.previews.append(preview)
        preview.show()
        return path

    def done(self, result: int) -> None:  # noqa: D102 - closes the summaries shown from here too
        for preview in self.previews:
            preview.close()
        super().done(result)

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, location: DataFolder, actor: Actor, customer_id: int | None = None,
    ) -> AgreementRequest | None:
        """Show the dialog; the request once Start is accepted, else None."""
        dialog = cls(location, actor, customer_id=customer_id, parent=parent)
        try:
            return dialog.request if dialog.exec() == QDialog.Accepted else None
        finally:
            dialog.deleteLater()

