"""The File menu's backup actions in the real window: any clerk backs up, only the
owner restores, and after a restore nothing read from the old database stays on screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from helpers import answer, log_in
from lto_desk.services import backups, payments
from lto_desk.store.backup import list_backups, make_backup
from lto_desk.ui import restore_dialog

WAIT_MS = 60_000


def test_a_clerk_backs_up_from_the_file_menu_but_cannot_restore(qtbot, window, location):
    log_in(qtbot, window)
    assert window.backup_action.isEnabled()
    assert not window.restore_action.isEnabled()
    assert window.restore_action.toolTip() == "Only the owner restores a backup."
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: not window.backup_flows.running, timeout=WAIT_MS)
    [made] = list_backups(location)
    assert made.kind == "manual" and "Backup saved at" in window.message.text()


def test_the_owners_restore_from_the_menu_leaves_no_old_customer_on_screen(
        qtbot, window, location, counter_data, clerk, monkeypatch):
    make_backup(location, at=dt.datetime.now() - dt.timedelta(days=1))
    later = payments.take_payment(clerk, counter_data["García"], 9500)
    log_in(qtbot, window, "Olivia Owner", "1111")
    assert window.restore_action.isEnabled()
    # The owner has María open with an amount typed when the backup is restored.
    qtbot.keyClicks(window.lookup.edit, "garc")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    qtbot.keyClicks(window.payment.amount, "20")  # (she paid today: nothing is pre-filled)
    assert window.card.card is not None and window.payment.amount.text()
    [offered] = backups.backups_to_offer(location)
    answer(monkeypatch, restore_dialog, "RestoreDialog", offered)
    answer(monkeypatch, restore_dialog, "ConfirmRestoreDialog", True)
    with qtbot.waitSignal(window.backup_flows.restored, timeout=WAIT_MS):
        window.restore_action.trigger()
    assert window.actor is None and window.stack.currentWidget() is window.login
    assert window.login.message.text().startswith("The backup is back")
    assert window.card.card is None and window.payment.card is None
    assert not window.payment.isEnabled() and window.payment.amount.text() == ""
    assert window.history.model.rowCount() == 0 and window.lookup.edit.text() == ""
    assert not window.restore_action.isEnabled()  # nothing works until someone logs in again
    # Logged in again, María's history is the backup's: the later payment is not there.
    log_in(qtbot, window, "Olivia Owner", "1111")
    qtbot.keyClicks(window.lookup.edit, "garc")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    receipts = [row.receipt_number for row in window.card.card.history]
    assert later.receipt_number not in receipts
