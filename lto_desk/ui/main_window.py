"""The counter window: log in, look up, see the customer, take the payment, print.

The window shows its log-in page at once; the counter page (the panels, the tabs and
the flows behind the menus) is built right after the first paint, while the person
picks their name and types their PIN, or earlier when something asks for a part of it.
At start the database layer (peewee, the models, the services) opens then too: the
log-in page paints with the clerks' names read beforehand (``store.first_look``).
Nothing here loads the database layer before the first paint.
"""

from __future__ import annotations

import importlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QSizePolicy, QStackedWidget, QWidget

from ..domain.errors import LtoError, NotAllowed, StorageError
from ..domain.roles import Role
from ..store.paths import Location
from .backup_flows import BackupFlows
from .login import LoginPage

if TYPE_CHECKING:  # the rest loads after the first paint, or when first used
    from ..services.base import Actor
    from ..services.counter import LookupRow
    from ..services.settings import DealerSettings
    from ..store.first_look import FirstLook
    from .payment import PaymentRequest
    from .printing import PreviewDialog
    from .startup import IntegrityWatch

#: Input that counts as "someone is at the counter" for the idle lock.
_ACTIVITY = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel}

#: Service modules the counter never uses (the demo builder, the verify command).
_NOT_AT_THE_COUNTER = {"demo", "demo_data", "integrity"}

#: The libraries most of the counter page's load is, each a step of its own.
_LIBRARIES = ("phonenumbers", "reportlab.lib.colors", "reportlab.platypus")


def counter_modules() -> list[str]:
    """The modules the counter page loads, in an order where each brings little with
    it: the big libraries, the services and the printed documents, then the page's own."""
    import pkgutil

    from .. import documents, services

    return [*_LIBRARIES] + [
        f"{package.__name__}.{found.name}"
        for package in (services, documents)
        for found in pkgutil.iter_modules(package.__path__)
        if found.name not in _NOT_AT_THE_COUNTER
    ] + [f"{__package__}.counter_page"]


class _CounterPart:
    """A part of the counter page: built with the rest of the page after the first
    paint, or on the spot when it is asked for before then."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: "MainWindow | None", owner: type | None = None):
        if window is None:
            return self
        window.build_counter()
        return window.__dict__[self.name]


class MainWindow(QMainWindow):
    #: Emitted when the window closes (work under way for it stops).
    closing = Signal()
    #: Emitted with the StorageError when the database, left at start to open after the
    #: first paint, would not open then (``IntegrityWatch`` asks the person what to do).
    database_refused = Signal(object)

    lookup = _CounterPart()
    card = _CounterPart()
    payment = _CounterPart()
    history = _CounterPart()
    notes = _CounterPart()
    household = _CounterPart()
    agreements = _CounterPart()
    flows = _CounterPart()
    customer_flows = _CounterPart()
    follow_flows = _CounterPart()
    drawer_flows = _CounterPart()
    message = _CounterPart()
    tabs = _CounterPart()
    counter = _CounterPart()

    def __init__(self, location: Location, parent: QWidget | None = None, *,
                 first_look: FirstLook | None = None) -> None:
        """``location``'s database is open, or, with ``first_look`` (its file checked and
        the log-in page's names read), it opens just after the first paint."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.location = location
        self.actor: Actor | None = None
        self.settings: DealerSettings | None = None  # read once the database is open
        self._database = "later" if first_look is not None else "open"  # or "refused"
        self.previews: list[PreviewDialog] = []
        self._posting = False
        self._focus_before_lock: QWidget | None = None
        self.last_receipt_path: Path | None = None
        self.integrity: IntegrityWatch | None = None  # the start's background check (ui.app.start_window)
        self._built = False
        self._after_paint: list[Callable[[], None]] | None = [self._open_and_build]

        self.login = LoginPage(self.ensure_database)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login)
        self.setCentralWidget(self.stack)

        self.clerk_status = QLabel()
        self.clerk_status.setObjectName("clerkStatus")
        self.db_status = QLabel()
        self.db_status.setObjectName("databaseStatus")
        # A long path gives way before the clerk's name does.
        self.db_status.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self._describe_database()
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printerStatus")
        self.statusBar().addWidget(self.clerk_status)
        self.statusBar().addWidget(self.db_status, 1)
        self.backup_flows = BackupFlows(self)  # its busy indicator is in the status bar from the start
        self.backup_flows.restored.connect(self.after_restore)
        self.statusBar().addPermanentWidget(self.printer_label)

        self._build_menus()
        self.login.logged_in.connect(self.logged_in)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        # The window's own events until its first paint; the whole application's while
        # someone is logged in (the idle lock). A filter on every object's events from
        # the start would cost the first paint ~50 ms of Python calls and type lookups.
        self.installEventFilter(self)
        self._refresh_status()
        if self._database == "open":
            self._database_opened()
        self.show_login(first_look=first_look)
        self.resize(1280, 800)

    # -- the counter page, built after the first paint -------------------------------------
    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the window has been painted (at once if it has been)."""
        if self._after_paint is None:
            QTimer.singleShot(0, self, callback)
        else:
            self._after_paint.append(callback)

    def _painted(self) -> None:
        callbacks, self._after_paint = self._after_paint or [], None
        for callback in callbacks:
            callback()

    def _open_and_build(self) -> None:
        """The database opened, the counter page's modules loaded one per turn of the
        event loop, then the page built: short pauses, between which the log-in page
        takes the clerk's clicks and PIN, rather than one long one. (Anything that
        needs the page sooner builds it at once.)"""
        if self.ensure_database():
            self._in_turns([partial(importlib.import_module, name) for name in counter_modules()]
                           + [self.build_counter])

    def _in_turns(self, steps: list[Callable[[], object]]) -> None:
        if steps and not self._built:
            steps[0]()
            # A timer, not a posted call: Qt may run posted calls back to back, while
            # timers wait for the keys and clicks that came in meanwhile.
            QTimer.singleShot(1, self, partial(self._in_turns, steps[1:]))

    # -- the database the window works on ---------------------------------------------
    def ensure_database(self) -> bool:
        """The window's database open for the services: True at once when it is; left
        by the start for after the first paint, it opens now (``database_refused`` when
        it will not, and the answer is whether what the person chose then opened).
        False while a database found unusable waits for the person's choice."""
        if self._database == "later":
            from ..store.database import open_database

            try:
                open_database(self.location, create=False)
            except StorageError as problem:
                self._database = "refused"
                self.database_refused.emit(problem)
                return self._database == "open"
            self._database_opened()
        return self._database == "open"

    def _database_opened(self) -> None:
        from ..services.settings import load_settings

        self._database = "open"
        self.settings = load_settings()
        self._refresh_printer()

    def build_counter(self) -> None:
        """The counter page, its tabs, and the flows behind the menus (once)."""
        if self._built:
            return
        self._built = True
        from .counter_page import build_counter_page

        build_counter_page(self)

    def _on(self, part: str, method: str) -> Callable[[], None]:
        """A menu's slot on a flow of the counter page (built by the time it is chosen)."""
        return lambda: getattr(getattr(self, part), method)()

    # -- menus and shortcuts ---------------------------------------------------------
    def _action(self, menu, text: str, shortcut: str | QKeySequence.StandardKey | None, slot,
                name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            # The list form (the context stays Qt's default, the window): setShortcut's
            # overloads would load Qt's whole enum namespace before the first paint.
            standard = isinstance(shortcut, QKeySequence.StandardKey)
            action.setShortcuts(shortcut if standard else [QKeySequence(shortcut)])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.lock_action = self._action(file_menu, "&Lock", "Ctrl+L", self.lock, "lockAction")
        self.settings_action = self._action(file_menu, "&Settings…", None, self.edit_settings, "settingsAction")
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "&Back up now", None, self.backup_flows.back_up_now, "backupAction")
        self.restore_action = self._action(
            file_menu, "&Restore from backup…", None, self.backup_flows.restore, "restoreAction"
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.Quit, self.close, "quitAction")
        customer_menu = bar.addMenu("&Customer")
        self.find_action = self._action(customer_menu, "&Find customer", "F2", self.focus_lookup, "findAction")
        self.pay_action = self._action(customer_menu, "Take &payment", "F5", self.focus_payment, "payAction")
        self.note_action = self._action(
            customer_menu, "Add &note", "F6", self._on("customer_flows", "add_note"), "noteAction"
        )
        self.profile_action = self._action(
            customer_menu, "Edit &profile…", "Ctrl+E", self._on("customer_flows", "edit_profile"), "profileAction"
        )
        self.file_action = self._action(
            customer_menu, "Print customer &file", "Ctrl+Shift+F",
            self._on("customer_flows", "print_customer_file"), "customerFileAction",
        )
        self.back_action = self._action(customer_menu, "&Back to lookup", "Esc", self.focus_lookup, "backAction")
        agreement_menu = bar.addMenu("&Agreement")
        self.new_agreement_action = self._action(
            agreement_menu, "&New agreement…", "Ctrl+N", self._on("flows", "new_agreement"), "newAgreementAction"
        )
        self.return_action = self._action(
            agreement_menu, "Vehicle &return…", None, self._on("flows", "vehicle_return"), "returnAction"
        )
        self.refund_action = self._action(
            agreement_menu, "&Goodwill refund…", None, self._on("flows", "goodwill_refund"), "refundAction"
        )
        agreement_menu.addSeparator()
        self.inventory_action = self._action(
            agreement_menu, "&Inventory", "Ctrl+I", self._on("flows", "open_inventory"), "inventoryAction"
        )
        self.followups_action = self._action(
            customer_menu, "Follow-ups", "F9", self._on("follow_flows", "show_list"), "followUpsAction"
        )
        self.followups_action.setCheckable(True)
        toolbar = self.addToolBar("Follow-ups")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.addAction(self.followups_action)
        reports_menu = bar.addMenu("Re&ports")
        self.reports_action = self._action(reports_menu, "&Reports…", "Ctrl+R",
                                           self._on("follow_flows", "open_reports"), "reportsAction")
        self.statement_action = self._action(reports_menu, "&Statement for this agreement", None,
                                             self._on("follow_flows", "statement"), "statementAction")
        self.mailing_action = self._action(reports_menu, "Export &mailing list…", None,
                                           self._on("follow_flows", "export_mailing_list"), "mailingListAction")
        drawer_menu = bar.addMenu("&Drawer")
        self.drawer_actions = [
            self._action(drawer_menu, text, None, self._on("drawer_flows", method), name)
            for text, method, name in (
                ("&Open drawer…", "open_drawer", "openDrawerAction"),
                ("Paid &in…", "paid_in", "paidInAction"),
                ("Paid &out…", "paid_out", "paidOutAction"),
                ("&No sale…", "no_sale", "noSaleAction"),
                ("&X report (drawer stays open)", "x_report", "xReportAction"),
                ("&Close drawer and print Z report…", "close_drawer", "closeDrawerAction"),
            )
        ]
        receipt_menu = bar.addMenu("&Receipt")
        self.reprint_action = self._action(receipt_menu, "&Reprint receipt (COPY)", "Ctrl+P", self.reprint_selected, "reprintAction")
        self.void_action = self._action(receipt_menu, "&Void payment…", None, self.void_selected, "voidAction")
        self.counter_actions = [
            self.find_action, self.pay_action, self.note_action, self.back_action,
            self.reprint_action, self.void_action, self.lock_action, self.settings_action, self.file_action,
            self.profile_action, self.new_agreement_action, self.return_action, self.refund_action,
            self.inventory_action, self.followups_action, self.reports_action, self.mailing_action,
            self.statement_action, self.backup_action, self.restore_action,
            *self.drawer_actions,
        ]

    # -- logging in and locking -----------------------------------------------------
    def show_login(self, locked_for: str | None = None, first_look: FirstLook | None = None) -> None:
        for action in self.counter_actions:
            action.setEnabled(False)
        self.login.prepare(locked_for=locked_for, first_look=first_look)
        self.stack.setCurrentWidget(self.login)

    def logged_in(self, actor: Actor) -> None:
        self.actor = actor
        app = QApplication.instance()
        if app is not None:  # every key and click anywhere counts as someone at the counter
            app.installEventFilter(self)
        for action in self.counter_actions:
            action.setEnabled(True)
        self.settings_action.setEnabled(actor.role.at_least(Role.MANAGER))
        self.new_agreement_action.setEnabled(actor.role.at_least(Role.MANAGER))
        self.new_agreement_action.setToolTip(
            "" if actor.role.at_least(Role.MANAGER) else "A manager starts new agreements."
        )
        self.restore_action.setEnabled(actor.role is Role.OWNER)
        self.restore_action.setToolTip("" if actor.role is Role.OWNER else "Only the owner restores a backup.")
        self.stack.setCurrentWidget(self.counter)
        self.followups_action.setChecked(False)
        self.follow_flows.logged_in()
        self.drawer_flows.refresh_status()
        self._refresh_status()
        self._restart_idle()
        if self._focus_before_lock is not None:
            self._focus_before_lock.setFocus()
            self._focus_before_lock = None
        else:
            self.lookup.focus()

    def lock(self) -> None:
        """Back to the log-in page; the half-typed payment stays as it is."""
        if self.actor is None:
            return
        focused = QApplication.focusWidget()
        self._focus_before_lock = focused if focused is not None and self.counter.isAncestorOf(focused) else None
        name = self.actor.name
        self._log_out()
        self.show_login(locked_for=name)

    def after_restore(self, text: str) -> None:
        """A backup replaced the database: nothing read from the old one stays on
        screen, and everyone logs in again."""
        self._focus_before_lock = None
        self._log_out()
        self._database_opened()  # the settings as the backup has them
        self.clear_customer()
        self.lookup.edit.clear()
        self.message.hide()
        self.drawer_flows.refresh_status()
        self.show_login()
        self.login.message.setText(text)

    def _log_out(self) -> None:
        """Nobody logged in, and no window left open that names a customer."""
        self.actor = None
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._built:
            self.flows.close_windows()
            self.follow_flows.close_windows()
            self.follow_flows.logged_out()
        for preview in self.previews:  # a receipt left on screen names the customer
            preview.close()
        self._refresh_status()

    def clear_customer(self) -> None:
        """No customer on screen: the card, payment form and every tab empty."""
        self.card.clear()
        self.payment.clear()
        self.history.set_rows(())
        self.notes.set_notes(())
        self.household.clear()
        self.agreements.set_agreements((), None)
        self.follow_flows.contact_log.clear()

    def _restart_idle(self) -> None:
        if self.actor is not None:
            self.idle_timer.start(max(1, self.settings.idle_lock_minutes) * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY and self.actor is not None:
            self._restart_idle()
        elif kind == QEvent.Paint and watched is self and self._after_paint is not None:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self, self._painted)
        return False

    def _refresh_status(self) -> None:
        self.clerk_status.setText(
            f"Logged in: {self.actor.name} ({self.actor.role.label})" if self.actor else "Not logged in"
        )

    def _refresh_printer(self) -> None:
        """The printer in the status bar (asking the system for its printers can take a
        moment, so this waits for the database and the first paint)."""
        from .printing import printer_status

        self.printer_label.setText(printer_status(self.settings.printer))

    def _describe_database(self) -> None:
        self.setWindowTitle("LTO Desk" + (" — DEMO" if self.location.demo else ""))
        self.db_status.setText(self.location.describe())
        self.db_status.setToolTip(self.location.describe())

    def refuse_database(self) -> None:
        """The database turned out unusable after the start (the integrity check found
        damage): a dialog left open is closed unanswered, everyone is logged out, the
        log-in page is off and the database closed, so nothing is written to it while
        the person chooses what to do."""
        closed: list[QWidget] = []
        while (modal := QApplication.activeModalWidget()) is not None and modal not in closed:
            closed.append(modal)  # its flow sees "cancelled" once the choice is made
            modal.reject() if isinstance(modal, QDialog) else modal.close()
        from ..store.database import close_database

        self._focus_before_lock = None
        self._log_out()
        for action in self.counter_actions:
            action.setEnabled(False)
        self.login.pin_edit.clear()
        self.stack.setCurrentWidget(self.login)
        self.login.setEnabled(False)
        self._database = "refused"
        close_database()

    def use_database(self, location: Location, note: str = "") -> None:
        """Work on ``location`` (open by now) from here on: as after a restore, nothing
        read before stays on screen, and the log-in page says ``note``."""
        self.location = location
        self._describe_database()
        self.login.setEnabled(True)
        self.after_restore(note)

    # -- messages -------------------------------------------------------------------
    def say(self, text: str, level: str = "info") -> None:
        self.message.setProperty("level", level)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()

    # -- the counter flow -----------------------------------------------------------
    def focus_lookup(self) -> None:
        if self.actor is not None:
            if self.stack.currentWidget() is not self.counter:
                self.follow_flows.back_to_counter()
            self.lookup.focus()

    def focus_payment(self) -> None:
        if self.actor is not None and not self.payment.spent:
            self.payment.focus_amount()

    def open_customer(self, row: LookupRow, *, focus_payment: bool = True) -> None:
        from ..services import relationship
        from ..services.counter import customer_card
        from ..services.household import household_of

        card = customer_card(row.customer_id, agreement_id=row.agreement_id)
        self.card.show_card(card, dates=relationship.dates_that_matter(card.customer_id))
        self.payment.load(card)
        self.history.set_rows(card.history)
        self.notes.set_notes(card.notes)
        self.household.set_household(household_of(card.customer_id))
        self.agreements.set_agreements(card.agreements, card.agreement_id)
        self.follow_flows.show_customer(card)
        self.message.hide()
        if focus_payment and not self.payment.spent:
            self.payment.focus_amount()

    def _refresh_card(self) -> None:
        from ..services import relationship
        from ..services.counter import customer_card
        from ..services.household import household_of

        if self.card.card is not None:
            card = customer_card(self.card.card.customer_id, agreement_id=self.card.card.agreement_id)
            self.card.show_card(card, dates=relationship.dates_that_matter(card.customer_id))
            self.history.set_rows(card.history)
            self.notes.set_notes(card.notes)
            self.household.set_household(household_of(card.customer_id))
            self.agreements.set_agreements(card.agreements, card.agreement_id)
            self.follow_flows.show_customer(card)

    def show_agreement(self, agreement_id: int) -> None:
        """Put one agreement on the card (a customer's earlier or new one)."""
        from ..services.counter import LookupRow, customer_of

        customer_id = customer_of(agreement_id)
        self.open_customer(LookupRow(customer_id, agreement_id, "", "", "", 0, ""), focus_payment=False)

    def post_payment(self, request: PaymentRequest) -> None:
        """Post once: a second Enter or click while posting, or after, does nothing."""
        from ..domain.money import format_money
        from ..domain.payment import FORM_8300_THRESHOLD, Method
        from ..services import payments
        from ..services.receipts import save_receipt

        if self._posting or self.actor is None or self.payment.spent:
            return
        self._posting = True
        try:
            if not self.drawer_flows.ensure_open():  # a friendly prompt to open it first
                self.payment.show_message(
                    "Open the cash drawer (Drawer → Open drawer…), then post the payment.", error=True
                )
                return
            result = payments.take_payment(
                self.actor, request.agreement_id, request.amount, request.method,
                tendered=request.tendered, reference=request.reference, memo=request.memo,
                request_id=request.request_id,
            )
        except LtoError as exc:
            self.payment.show_message(exc.message, error=True)
            return
        finally:
            self._posting = False
        change = f" Change due {format_money(result.tender.change)}." if result.tender.change else ""
        done = f"Receipt {result.receipt_number:06d}: {format_money(result.amount)} from {result.customer_name}.{change}"
        if result.paid_off:
            done += " This paid the vehicle off — congratulations to them! The title is released."
        self.payment.mark_spent(done)
        self._refresh_card()
        self.history.select_receipt(result.receipt_number)
        printed = self._save_and_print(lambda: save_receipt(self.location.folder("receipts"), result.receipt_number), "receipt")
        if printed is not None:
            self.say(done + " " + printed, "info")
        if result.paid_off:
            letter = self.flows.paid_off(result.agreement_id)
            if letter is not None:
                self.say(done + " " + (printed or "") + " " + letter, "info")
        if request.method is Method.CASH:
            total = payments.cash_received_today(request.customer_id, result.posted_at.date())
            if total >= FORM_8300_THRESHOLD:
                self.say(payments.form_8300_message(total), "warning")
        self.lookup.focus()

    def _save_and_print(self, make_pdf, what: str) -> str | None:
        """Save the PDF first, then print it; returns a status line, or None when a
        problem was already shown."""
        from .printing import PreviewDialog, PrintProblem, print_pdf

        try:
            path = make_pdf()
        except OSError as exc:
            self.say(f"The {what} was recorded, but its PDF could not be saved ({exc.strerror}). "
                     "Reprint it from the history once the disk is fixed.", "error")
            return None
        self.last_receipt_path = path
        try:
            print_pdf(path, self.settings.printer)
        except PrintProblem as problem:
            self.say(f"The {what} was not printed: {problem}. It is saved at {path}.", "warning")
            preview = PreviewDialog(path, f"Not printed: {problem}. Saved at {path}.", self)
            self.previews.append(preview)
            preview.show()
            return None
        return f"Printed; saved at {path}."

    def reprint_selected(self) -> None:
        number = self.history.latest_receipt()
        if number:
            self.reprint(number)

    def reprint(self, receipt_number: int) -> None:
        from ..services.receipts import save_receipt

        if self.actor is None:
            return
        status = self._save_and_print(
            lambda: save_receipt(self.location.folder("receipts"), receipt_number, copy=True), "copy"
        )
        if status is not None:
            self.say(f"Copy of receipt {receipt_number:06d}. {status}")

    def void_selected(self) -> None:
        row = self.history.selected()
        if row is not None and row.receipt_number and not row.voided:
            self.void(row.receipt_number)

    def approving_manager(self, name: str, pin: str, what: str) -> Actor | None:
        """Who approves ``what``: None when the clerk at the counter is a manager (they
        approve it themselves), else the manager whose name and PIN were typed."""
        if self.actor.role.at_least(Role.MANAGER):
            return None
        if not pin.strip():
            raise NotAllowed(f"A manager must type their PIN to {what}. Nothing was changed.")
        from ..services import clerks

        return clerks.approve(name, pin, what)

    def void(self, receipt_number: int) -> None:
        from ..domain.money import format_money
        from ..services import payments
        from ..services.receipts import save_void_slip
        from .dialogs import ApprovalDialog

        if self.actor is None:
            return
        need_manager = not self.actor.role.at_least(Role.MANAGER)
        approval = ApprovalDialog.ask(
            self, f"Void receipt {receipt_number:06d}",
            "The payment stays on file under its number and is reversed. A reason is required"
            + (", and a manager types their PIN." if need_manager else "."),
            need_manager,
        )
        if approval is None or self.actor is None:  # cancelled, or the counter locked meanwhile
            return
        if not self.drawer_flows.ensure_open():
            return
        try:
            manager = self.approving_manager(approval.manager_name, approval.manager_pin, "void a payment")
            result = payments.void_payment(self.actor, receipt_number, approval.reason, approved_by=manager)
        except LtoError as exc:
            self.say(exc.message, "error")
            return
        language = self.card.card.language if self.card.card else "en"
        self._refresh_card()
        status = self._save_and_print(
            lambda: save_void_slip(self.location.folder("receipts"), result, language), "void slip"
        )
        self.say(f"Receipt {receipt_number:06d} voided ({format_money(result.amount)}). " + (status or ""))

    def edit_settings(self) -> None:
        from ..services.settings import save_settings
        from .settings_dialog import SettingsDialog

        if self.actor is None:
            return
        new = SettingsDialog.ask(self, self.settings)
        if new is None or self.actor is None:
            return
        try:
            self.settings = save_settings(self.actor, new)
        except LtoError as exc:
            self.say(exc.message, "error")
            return
        self._refresh_printer()
        self._restart_idle()
        self.say("Settings saved.")

    def closeEvent(self, event) -> None:
        self.closing.emit()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for preview in self.previews:
            preview.close()
        super().closeEvent(event)
