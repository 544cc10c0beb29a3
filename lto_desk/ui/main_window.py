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
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QSizePolicy, QStackedWidget, QWidget

from ..domain.errors import LtoError, StorageError
from ..domain.roles import Role
from ..services.files import Location, close_database, open_database
from .backup_flows import BackupFlows
from .counter_parts import CounterPart, counter_modules
from .login import LoginPage
from .menus import build_menus
from .seal_flows import SealFlows
from .operations import Hub
from .window_place import place_window, remember_place

if TYPE_CHECKING:  # the rest loads after the first paint, or when first used
    from ..services.base import Actor
    from ..services.counter import LookupRow
    from ..services.files import FirstLook
    from ..services.settings import DealerSettings
    from .payment import TypedPayment
    from .printing import PreviewDialog
    from .startup import IntegrityWatch

#: Input that counts as "someone is at the counter" for the idle lock.
_ACTIVITY = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel}


@dataclass(frozen=True)
class LeftAtCounter:
    """What a clerk had on the counter when it locked, put away so nobody else sees it
    and given back only to the same clerk.

    Attributes:
      clerk_id: who locked (or was locked out by the quiet).
      lookup_text / lookup_customer_id / lookup_row: the search typed and the row chosen.
      customer_id / agreement_id: the customer on the card (None: nobody).
      payment: the payment form as typed; tab: the tab shown below the card.
      message / level: the message bar's words ("" when it was hidden).
      focus: the widget that had the focus on the counter page (None: elsewhere).
    """

    clerk_id: int
    lookup_text: str
    lookup_customer_id: int | None
    lookup_row: int
    customer_id: int | None
    agreement_id: int | None
    payment: TypedPayment
    tab: int
    message: str
    level: str
    focus: QWidget | None

class MainWindow(QMainWindow):
    #: Emitted when the window closes (work under way for it stops).
    closing = Signal()
    #: Emitted with the StorageError when the database, left at start to open after the
    #: first paint, would not open then (``IntegrityWatch`` asks the person what to do).
    database_refused = Signal(object)

    lookup = CounterPart()
    card = CounterPart()
    payment = CounterPart()
    history = CounterPart()
    notes = CounterPart()
    household = CounterPart()
    agreements = CounterPart()
    shown = CounterPart()
    flows = CounterPart()
    customer_flows = CounterPart()
    follow_flows = CounterPart()
    drawer_flows = CounterPart()
    payment_flows = CounterPart()
    message = CounterPart()
    tabs = CounterPart()
    counter = CounterPart()

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
        self.hub = Hub(self)  # where operations announce what they changed
        self.last_receipt_path: Path | None = None
        self._left: LeftAtCounter | None = None  # put away by the last lock
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
        self.seal_flows = SealFlows(self)
        self.statusBar().addPermanentWidget(self.printer_label)

        build_menus(self)
        self.login.logged_in.connect(self.logged_in)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock_when_idle)
        # The window's own events until its first paint; the whole application's while
        # someone is logged in (the idle lock). A filter on every object's events from
        # the start would cost the first paint ~50 ms of Python calls and type lookups.
        self.installEventFilter(self)
        self._refresh_status()
        if self._database == "open":
            self._database_opened()
        self.show_login(first_look=first_look)
        place_window(self, location.files_dir)  # 1280×800, or the whole of a smaller screen

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

    # -- logging in and locking -----------------------------------------------------
    def show_login(self, locked_for: str | None = None, first_look: FirstLook | None = None, *,
                   quiet: bool = False) -> None:
        for action in self.counter_actions:
            action.setEnabled(False)
        self.login.prepare(locked_for=locked_for, quiet=quiet, first_look=first_look)
        self.stack.setCurrentWidget(self.login)

    def logged_in(self, actor: Actor) -> None:
        left, self._left = self._left, None
        self.actor = actor
        app = QApplication.instance()
        if app is not None:  # every key and click anywhere counts as someone at the counter
            app.installEventFilter(self)
        for action in self.counter_actions:
            action.setEnabled(True)
        self.settings_action.setEnabled(actor.role.at_least(Role.MANAGER))
        self.staff_action.setEnabled(actor.role.at_least(Role.MANAGER))
        self.staff_action.setToolTip("" if actor.role.at_least(Role.MANAGER) else "The owner keeps the staff list.")
        self.new_agreement_action.setEnabled(actor.role.at_least(Role.MANAGER))
        self.new_agreement_action.setToolTip(
            "" if actor.role.at_least(Role.MANAGER) else "A manager starts new agreements."
        )
        self.import_action.setEnabled(actor.role.at_least(Role.MANAGER))
        self.import_action.setToolTip("" if actor.role.at_least(Role.MANAGER) else "A manager imports data.")
        self.export_action.setEnabled(actor.role is Role.OWNER)
        self.export_action.setToolTip("" if actor.role is Role.OWNER else "The owner exports all of the data.")
        self.restore_action.setEnabled(actor.role is Role.OWNER)
        self.restore_action.setToolTip("" if actor.role is Role.OWNER else "Only the owner restores a backup.")
        self.stack.setCurrentWidget(self.counter)
        self.followups_action.setChecked(False)
        self.follow_flows.logged_in()
        self.drawer_flows.refresh_status()
        self._refresh_status()
        self._restart_idle()
        if left is not None and left.clerk_id == actor.id:
            self._bring_back(left)
        else:  # anyone else starts with the counter empty
            self.lookup.focus()
        self.seal_flows.logged_in(actor)

    def lock(self) -> None:
        """Locked by the clerk (Ctrl+L, File → Lock): back to the log-in page, saying so."""
        self._lock(quiet=False)

    def lock_when_idle(self) -> None:
        """Locked by the idle timer, after a quiet spell."""
        self._lock(quiet=True)

    def _lock(self, *, quiet: bool) -> None:
        """Back to the log-in page with nothing of the customer left on the counter. What
        was there is put away, and given back when the same clerk logs in again: most
        locks are a clerk stepping away mid-visit (the customer may still be at the
        counter, the payment half typed), and that clerk saw it all already. Anyone
        else starts empty, so nobody serves or takes money from the wrong customer."""
        if self.actor is None:
            return
        name = self.actor.name
        left = self._put_away()
        self._log_out()
        self._left = left
        self.show_login(locked_for=name, quiet=quiet)

    def _put_away(self) -> LeftAtCounter:
        focused = QApplication.focusWidget()
        chosen = self.lookup.selected() if self.lookup.model.rowCount() else None
        card = self.shown.card
        return LeftAtCounter(
            self.actor.id, self.lookup.edit.text(), chosen.customer_id if chosen else None,
            max(self.lookup.table.currentIndex().row(), 0),
            card.customer_id if card else None, card.agreement_id if card else None,
            self.payment.typed(), self.tabs.currentIndex(),
            self.message.text() if self.message.isVisible() else "", self.message.property("level") or "info",
            focused if focused is not None and self.counter.isAncestorOf(focused) else None,
        )

    def _bring_back(self, left: LeftAtCounter) -> None:
        """The counter as ``left`` had it, the customer read again (another counter may
        have taken a payment from them meanwhile), then what was typed on top."""
        self.lookup.edit.setText(left.lookup_text)  # the search runs again
        if left.lookup_customer_id is not None:
            self.lookup.choose(left.lookup_customer_id, left.lookup_row)
        if left.customer_id is not None:
            try:
                on_screen = self.shown.open(left.customer_id, left.agreement_id)
            except LtoError:  # no longer on file
                self.lookup.focus()
                return
            self.payment.load(on_screen.card)
            self.payment.type_back(left.payment)
        self.tabs.setCurrentIndex(left.tab)
        if left.message:
            self.say(left.message, left.level)
        focus = left.focus
        if focus is not None and focus.isVisible() and focus.isEnabled():
            focus.setFocus()
        else:
            self.lookup.focus()

    def after_restore(self, text: str) -> None:
        """A backup replaced the database: nothing read from the old one stays on
        screen, and everyone logs in again."""
        self._log_out()  # (which empties the counter)
        self._database_opened()  # the settings as the backup has them
        self.drawer_flows.refresh_status()
        self.show_login()
        self.login.message.setText(text)

    def _log_out(self) -> None:
        """Nobody logged in, no customer left on the counter, and no window left open
        that names one. The log-in ends: its Actor is refused by every service from now on."""
        if self.actor is not None:
            from ..services.base import end_session  # the database layer is loaded by now

            end_session(self.actor)
        self.actor = None
        self._left = None
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._built:
            self.flows.close_windows()
            self.follow_flows.close_windows()
            self.follow_flows.logged_out()
            self.clear_customer()
            self.lookup.edit.clear()
            self.message.hide()
        for preview in self.previews:  # a receipt left on screen names the customer
            preview.close()
        self._refresh_status()

    def clear_customer(self) -> None:
        """No customer on screen: the card, payment form and every tab empty."""
        self.shown.clear()
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

    def said(self) -> str:
        """What the message bar says now."""
        return self.message.text()

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
        """Put a customer on the counter: the card and the tabs draw themselves from
        ``shown``; the payment form is made ready for them."""
        card = self.shown.open(row.customer_id, row.agreement_id).card
        self.payment.load(card)
        self.message.hide()
        if focus_payment and not self.payment.spent:
            self.payment.focus_amount()

    def show_agreement(self, agreement_id: int) -> None:
        """Put one agreement on the card (a customer's earlier or new one)."""
        from ..services.counter import LookupRow, customer_of

        customer_id = customer_of(self.actor, agreement_id)
        self.open_customer(LookupRow(customer_id, agreement_id, "", "", "", 0, ""), focus_payment=False)

    def void(self, receipt_number: int) -> None:
        """Void a payment (Receipt → Void payment…, or the history's Void button)."""
        self.payment_flows.void(receipt_number)

    def edit_settings(self) -> None:
        from ..services.settings import save_settings
        from .settings_dialog import SettingsDialog

        if self.actor is None:
            return
        asked = SettingsDialog.ask_changes(self, self.settings)
        if asked is None or self.actor is None:
            return
        stored, new = asked
        try:  # only this person's changes are written; another counter's meanwhile is kept
            self.settings = save_settings(self.actor, new, base=stored)
        except LtoError as exc:
            self.say(exc.message, "error")
            return
        self._refresh_printer()
        self._restart_idle()
        self.say("Settings saved.")

    def show_staff(self) -> None:
        """File → Staff…: the owner's staff list (a manager may reset a clerk's PIN there)."""
        from .staff_dialog import StaffDialog

        if self.actor is not None:
            StaffDialog.show_for(self, lambda: self.actor)

    def change_my_pin(self) -> None:
        """File → Change my PIN…: the person logged in changes their own PIN."""
        from .change_pin_dialog import ChangePinDialog

        if self.actor is not None and ChangePinDialog.ask(self, lambda: self.actor):
            self.say("Your PIN is changed: use the new one from now on.")

    def show_import(self) -> None:
        """File → Import…: customers, vehicles and agreements from another system (a manager)."""
        from .import_dialog import open_import  # loaded when first chosen, not before the first paint

        open_import(self, lambda: self.actor)

    def show_export(self) -> None:
        """File → Export all data…: every table as CSV in a folder the owner chooses."""
        from .export_dialog import open_export  # loaded when first chosen, not before the first paint

        open_export(self, lambda: self.actor, self.location)

    def closeEvent(self, event) -> None:
        self.closing.emit()
        remember_place(self, self.location.files_dir)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for preview in self.previews:
            preview.close()
        super().closeEvent(event)
