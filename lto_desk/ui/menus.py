"""The counter window's menus, with the shortcut of every action shown in them.

The window's own actions (lock, settings, backups, finding a customer) connect here
to its methods; the counter page's actions connect to its flows' methods when the
page is built (``counter_page``), before anyone can log in and use them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtGui import QAction, QKeySequence

from .keymap import KEYS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenu


def _action(window: QMainWindow, menu: QMenu, text: str, name: str,
            slot: Callable[[], object] | None = None) -> QAction:
    """An action in ``menu``, with the keys the keyboard map gives ``name`` (if any)."""
    action = QAction(text, window)
    action.setObjectName(name)
    sequences = next((key.sequences() for key in KEYS if key.name == name), ())
    if sequences:
        # The list form (the context stays Qt's default, the window): setShortcut's
        # overloads would load Qt's whole enum namespace before the first paint.
        action.setShortcuts([QKeySequence(keys) for keys in sequences])
    if slot is not None:
        action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window) -> None:
    """The menu bar, the follow-ups toolbar and ``window.counter_actions`` (the actions
    enabled while someone is logged in), each action an attribute of ``window``."""
    w = window
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    w.lock_action = _action(w, file_menu, "&Lock", "lockAction", w.lock)
    w.settings_action = _action(w, file_menu, "&Settings…", "settingsAction", w.edit_settings)
    w.staff_action = _action(w, file_menu, "S&taff…", "staffAction", w.show_staff)
    w.change_pin_action = _action(w, file_menu, "Change my &PIN…", "changePinAction", w.change_my_pin)
    w.journal_key_action = _action(w, file_menu, "Journal &key…", "journalKeyAction", w.seal_flows.show_dialog)
    file_menu.addSeparator()
    w.backup_action = _action(w, file_menu, "&Back up now", "backupAction", w.backup_flows.back_up_now)
    w.restore_action = _action(w, file_menu, "&Restore from backup…", "restoreAction", w.backup_flows.restore)
    w.import_action = _action(w, file_menu, "&Import…", "importAction", w.show_import)
    w.export_action = _action(w, file_menu, "&Export all data…", "exportAction", w.show_export)
    file_menu.addSeparator()
    _action(w, file_menu, "&Quit", "quitAction", w.close)
    customer_menu = bar.addMenu("&Customer")
    w.find_action = _action(w, customer_menu, "&Find customer", "findAction", w.focus_lookup)
    w.pay_action = _action(w, customer_menu, "Take &payment", "payAction", w.focus_payment)
    w.note_action = _action(w, customer_menu, "Add &note", "noteAction")
    w.profile_action = _action(w, customer_menu, "Edit &profile…", "profileAction")
    w.file_action = _action(w, customer_menu, "Print customer &file", "customerFileAction")
    w.back_action = _action(w, customer_menu, "&Back to lookup", "backAction", w.focus_lookup)
    customer_menu.addSeparator()  # the tabs below the card (connected by the counter page)
    w.next_tab_action = _action(w, customer_menu, "Nex&t tab", "nextTabAction")
    w.previous_tab_action = _action(w, customer_menu, "Pre&vious tab", "previousTabAction")
    agreement_menu = bar.addMenu("&Agreement")
    w.new_agreement_action = _action(w, agreement_menu, "&New agreement…", "newAgreementAction")
    w.return_action = _action(w, agreement_menu, "Vehicle &return…", "returnAction")
    w.refund_action = _action(w, agreement_menu, "&Goodwill refund…", "refundAction")
    agreement_menu.addSeparator()
    w.inventory_action = _action(w, agreement_menu, "&Inventory", "inventoryAction")
    w.followups_action = _action(w, customer_menu, "Follow-ups", "followUpsAction")
    w.followups_action.setCheckable(True)
    toolbar = w.addToolBar("Follow-ups")
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.addAction(w.followups_action)
    reports_menu = bar.addMenu("Re&ports")
    w.reports_action = _action(w, reports_menu, "&Reports…", "reportsAction")
    w.statement_action = _action(w, reports_menu, "&Statement for this agreement", "statementAction")
    w.mailing_action = _action(w, reports_menu, "Export &mailing list…", "mailingListAction")
    drawer_menu = bar.addMenu("&Drawer")
    w.drawer_actions = [
        _action(w, drawer_menu, text, name)
        for text, name in (
            ("&Open drawer…", "openDrawerAction"),
            ("Paid &in…", "paidInAction"),
            ("Paid o&ut…", "paidOutAction"),
            ("&No sale…", "noSaleAction"),
            ("&X report (drawer stays open)", "xReportAction"),
            ("&Close drawer and print Z report…", "closeDrawerAction"),
        )
    ]
    receipt_menu = bar.addMenu("&Receipt")
    w.reprint_action = _action(w, receipt_menu, "&Reprint receipt (COPY)", "reprintAction")
    w.void_action = _action(w, receipt_menu, "&Void payment…", "voidAction")
    help_menu = bar.addMenu("&Help")
    w.keys_action = _action(w, help_menu, "&Keys", "keysAction", lambda: _show_keys(w))
    w.counter_actions = [
        w.find_action, w.pay_action, w.note_action, w.back_action,
        w.reprint_action, w.void_action, w.lock_action, w.settings_action, w.staff_action, w.change_pin_action,
        w.file_action,
        w.profile_action, w.new_agreement_action, w.return_action, w.refund_action,
        w.inventory_action, w.followups_action, w.reports_action, w.mailing_action,
        w.statement_action, w.backup_action, w.restore_action, w.import_action, w.export_action,
        w.journal_key_action,
        w.next_tab_action, w.previous_tab_action, *w.drawer_actions,
    ]


def _show_keys(window: QMainWindow) -> None:
    from .keys_dialog import KeysDialog  # loaded when first asked for, not before the first paint

    KeysDialog.show_map(window)
