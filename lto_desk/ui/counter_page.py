"""The counter page of the main window: the lookup, the customer's card, the payment
form, the customer's tabs, and the flows behind the menus. It is built right after the
window's first paint (``MainWindow.build_counter``), so the log-in page shows at once
and these modules load while the person types their PIN."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from .agreement_flows import AgreementFlows
from .agreements_tab import AgreementsPanel
from .card import CardPanel
from .customer_flows import CustomerFlows
from .drawer_flows import DrawerFlows
from .followup_flows import FollowUpFlows
from .history import HistoryPanel
from .household_tab import HouseholdPanel
from .lookup import LookupPanel
from .notes_tab import NotesPanel
from .payment import PaymentPanel

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_counter_page(window: "MainWindow") -> None:
    """The page's parts made as attributes of ``window``, laid out in its stack after
    the log-in page, and connected to the window's counter flow."""
    # The frame first, in the window: each part below is then styled once, as it is
    # added, instead of again at every level it would be wrapped in afterwards.
    window.counter = QWidget()
    window.counter.setObjectName("counterPage")
    window.stack.addWidget(window.counter)
    window.message = QLabel("")
    window.message.setObjectName("messageBar")
    window.message.setWordWrap(True)
    window.message.hide()
    body = QSplitter(Qt.Vertical)
    counter_layout = QVBoxLayout(window.counter)
    counter_layout.addWidget(window.message)
    counter_layout.addWidget(body, 1)
    top = QSplitter(Qt.Horizontal)
    window.tabs = QTabWidget()
    window.tabs.setObjectName("customerTabs")
    body.addWidget(top)
    body.addWidget(window.tabs)
    body.setStretchFactor(0, 3)
    body.setStretchFactor(1, 2)

    window.lookup = LookupPanel()
    window.card = CardPanel()
    window.payment = PaymentPanel()
    top.addWidget(window.lookup)
    top.addWidget(window.card)
    top.addWidget(window.payment)
    top.setStretchFactor(0, 3)
    top.setStretchFactor(1, 4)
    top.setStretchFactor(2, 2)
    top.setSizes([380, 520, 300])
    window.history = HistoryPanel()
    window.notes = NotesPanel()
    window.household = HouseholdPanel()
    window.agreements = AgreementsPanel()
    window.flows = AgreementFlows(window)
    window.customer_flows = CustomerFlows(window)
    window.follow_flows = FollowUpFlows(window)
    window.drawer_flows = DrawerFlows(window)
    window.tabs.addTab(window.history, "Payment history")
    window.tabs.addTab(window.notes, "Notes")
    window.tabs.addTab(window.household, "Household")
    window.tabs.addTab(window.agreements, "Agreements")
    window.tabs.addTab(window.follow_flows.contact_log, "Contact log")
    window.stack.addWidget(window.follow_flows.panel)

    bar = window.statusBar()  # the drawer before the printer, as they read left to right
    bar.removeWidget(window.printer_label)
    bar.addPermanentWidget(window.drawer_flows.status_label)
    bar.addPermanentWidget(window.printer_label)
    window.printer_label.show()

    window.lookup.opened.connect(window.open_customer)
    window.payment.submitted.connect(window.post_payment)
    window.history.reprint_requested.connect(window.reprint)
    window.history.void_requested.connect(window.void)
    window.card.cue_asked.connect(window.customer_flows.cue_asked)
    window.notes.edit_requested.connect(window.customer_flows.edit_note)
    window.household.member_requested.connect(window.customer_flows.add_household_member)
    window.household.car_requested.connect(window.customer_flows.add_household_car)
    window.agreements.show_requested.connect(window.show_agreement)
    window.agreements.letter_requested.connect(window.flows.letter_again)
    window.agreements.summary_requested.connect(window.flows.print_summary)
