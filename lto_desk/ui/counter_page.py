"""The counter page of the main window: the lookup, the customer's card, the payment
form, the customer's tabs, and the flows behind the menus. It is built right after the
window's first paint (``MainWindow.build_counter``), so the log-in page shows at once
and these modules load while the person types their PIN.

The panels draw the customer on screen from ``ShownCustomer``, which reads them again
when an operation announces a change to them on the window's hub; the menus of the
counter page are connected here, to the flows' own methods."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from .agreement_flows import AgreementFlows
from .agreements_tab import AgreementsPanel
from .card import CardPanel
from .customer_flows import CustomerFlows
from .desk import Desk
from .drawer_flows import DrawerFlows
from .followup_flows import FollowUpFlows
from .history import HistoryPanel
from .household_tab import HouseholdPanel
from .keymap import TAB_TITLES
from .lookup import LookupPanel
from .notes_tab import NotesPanel
from .payment import PaymentPanel
from .payment_flows import PaymentFlows
from .shown_customer import ShownCustomer

if TYPE_CHECKING:
    from PySide6.QtGui import QAction


class CounterWindow(Desk, Protocol):
    """The window the page is built in: the flows' desk, with the status bar's
    printer label and the menus' actions (made before the page, connected here)."""

    printer_label: QLabel
    note_action: QAction
    profile_action: QAction
    file_action: QAction
    new_agreement_action: QAction
    return_action: QAction
    refund_action: QAction
    inventory_action: QAction
    followups_action: QAction
    reports_action: QAction
    statement_action: QAction
    mailing_action: QAction
    reprint_action: QAction
    void_action: QAction
    next_tab_action: QAction
    previous_tab_action: QAction
    drawer_actions: list[QAction]


def build_counter_page(window: CounterWindow) -> None:
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

    window.lookup = LookupPanel(lambda: window.actor)
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
    window.notes = NotesPanel(lambda: window.actor)
    window.household = HouseholdPanel()
    window.agreements = AgreementsPanel()
    window.shown = ShownCustomer(window.hub, lambda: window.actor, window)
    for panel in (window.card, window.history, window.notes, window.household, window.agreements):
        window.shown.shown.connect(panel.show_customer)
    window.drawer_flows = DrawerFlows(window)
    window.flows = AgreementFlows(window, window.drawer_flows)
    window.customer_flows = CustomerFlows(window, window.notes, window.household)
    window.follow_flows = FollowUpFlows(window)
    window.payment_flows = PaymentFlows(window, window.payment, window.history, window.lookup, window.drawer_flows)
    tab_pages = (window.history, window.notes, window.household, window.agreements, window.follow_flows.contact_log)
    for page, title in zip(tab_pages, TAB_TITLES):  # Alt+ the underlined letter shows that tab
        window.tabs.addTab(page, title)
    window.stack.addWidget(window.follow_flows.panel)

    bar = window.statusBar()  # the drawer before the printer, as they read left to right
    bar.removeWidget(window.printer_label)
    bar.addPermanentWidget(window.drawer_flows.status_label)
    bar.addPermanentWidget(window.printer_label)
    window.printer_label.show()

    window.lookup.opened.connect(window.open_customer)
    window.hub.changed.connect(window.lookup.heard)  # the list's Status and Due now kept true
    window.payment.submitted.connect(window.payment_flows.post)
    window.history.reprint_requested.connect(window.payment_flows.reprint)
    window.history.void_requested.connect(window.payment_flows.void)
    window.card.cue_asked.connect(window.customer_flows.cue_asked)
    window.notes.edit_requested.connect(window.customer_flows.edit_note)
    window.household.member_requested.connect(window.customer_flows.add_household_member)
    window.household.car_requested.connect(window.customer_flows.add_household_car)
    window.agreements.show_requested.connect(window.show_agreement)
    window.agreements.letter_requested.connect(window.flows.letter_again)
    window.agreements.summary_requested.connect(window.flows.print_summary)
    _connect_menus(window)


def _connect_menus(window: CounterWindow) -> None:
    """The menus' actions on the counter page's flows (each enabled only once someone
    logs in, by when the page is built)."""
    customer, agreement, follow, drawer, payment = (
        window.customer_flows, window.flows, window.follow_flows, window.drawer_flows, window.payment_flows
    )
    slots = [
        (window.note_action, customer.add_note),
        (window.profile_action, customer.edit_profile),
        (window.file_action, customer.print_customer_file),
        (window.new_agreement_action, agreement.new_agreement),
        (window.return_action, agreement.vehicle_return),
        (window.refund_action, agreement.goodwill_refund),
        (window.inventory_action, agreement.open_inventory),
        (window.followups_action, follow.show_list),
        (window.reports_action, follow.open_reports),
        (window.statement_action, follow.statement),
        (window.mailing_action, follow.choose_and_export_mailing_list),
        (window.reprint_action, payment.reprint_selected),
        (window.void_action, payment.void_selected),
        (window.next_tab_action, lambda: _turn_tab(window, 1)),
        (window.previous_tab_action, lambda: _turn_tab(window, -1)),
    ]
    # In the Drawer menu's order (ui.menus): open, paid in, paid out, no sale, X report, close.
    drawer_slots = (drawer.open_drawer, drawer.paid_in, drawer.paid_out, drawer.no_sale, drawer.x_report,
                    drawer.close_drawer)
    slots += zip(window.drawer_actions, drawer_slots)
    for action, slot in slots:
        action.triggered.connect(slot)


def _turn_tab(window: CounterWindow, step: int) -> None:
    """The next (``step`` 1) or previous (-1) tab below the card, round at the ends,
    from wherever the focus is on the counter page. Focus that was inside the tab left
    goes into the one shown, where the arrow keys then work; elsewhere (the lookup, the
    amount) it stays."""
    tabs = window.tabs
    if window.stack.currentWidget() is not window.counter or not tabs.count():
        return
    focus = QApplication.focusWidget()
    was_inside = focus is not None and tabs.isAncestorOf(focus)
    tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
    if was_inside:
        page = tabs.currentWidget()
        # The page's first field, table or button that takes the focus by Tab.
        first = page.nextInFocusChain()
        while first is not page and not (page.isAncestorOf(first) and first.isVisible()
                                          and first.isEnabled() and first.focusPolicy() & Qt.TabFocus):
            first = first.nextInFocusChain()
        (first if first is not page else tabs.tabBar()).setFocus(Qt.TabFocusReason)
