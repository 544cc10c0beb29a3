"""The books' key and the printed receipts in the window, by keyboard."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from helpers import log_in
from lto_desk.services import payments, receipts
from lto_desk.store import secrets, seal
from lto_desk.store.models import ChainKey, Counter


@pytest.fixture
def key_lost(monkeypatch, counter_data):
    """This computer no longer holds the key (the tests' key is taken away)."""
    row = ChainKey.get()
    text = seal.key_text(seal.held_key(row.key_check, row.since))
    monkeypatch.delenv(seal.KEY_ENV)
    keyring.delete_password(secrets.SERVICE, seal.secret_name(row.key_check))
    secrets.forget_all()
    seal.forget_cached()
    yield text
    seal.forget_cached()
    secrets.forget_all()


def test_without_the_key_the_log_in_asks_for_it_and_takes_it_typed(qtbot, window, key_lost):
    seen = []

    def type_wrong_then_right():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.objectName())
        qtbot.keyClicks(dialog.key_edit, "1234 5678")
        qtbot.keyClick(dialog.key_edit, Qt.Key_Return)
        seen.append(dialog.message.text())
        assert dialog.isVisible()  # a wrong key keeps the dialog
        dialog.key_edit.clear()
        qtbot.keyClicks(dialog.key_edit, key_lost.replace("-", " ").lower())
        qtbot.keyClick(dialog.key_edit, Qt.Key_Return)

    QTimer.singleShot(0, type_wrong_then_right)
    log_in(qtbot, window)
    assert seen[0] == "keyEntryDialog"
    assert "64 letters and digits" in seen[1]
    assert "key is right" in window.message.text()
    assert payments.take_payment(window.actor, 1, 95_00).receipt_number


def test_printed_receipts_lost_from_the_books_are_told_at_log_in(owner, qtbot, location, window):
    folder = location.folder("receipts")
    last = Counter.get(Counter.name == "receipt").value
    receipts.save_receipt(owner, folder, last)  # a real receipt's page, then "lost" past the end
    (folder / f"receipt-{last + 1:06d}.pdf").write_bytes((folder / f"receipt-{last:06d}.pdf").read_bytes())
    told = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        told.append(box.text())
        qtbot.keyClick(box, Qt.Key_Return)

    QTimer.singleShot(0, read_and_close)
    log_in(qtbot, window)
    assert told and f"Receipt {last + 1} was printed" in told[0]
    assert payments.take_payment(window.actor, 1, 95_00).receipt_number == last + 2


def test_the_owner_is_reminded_of_the_sheet_and_prints_it_from_the_key_dialog(qtbot, location, window, tmp_path):
    window.resize(1366, 768)
    log_in(qtbot, window, "Olivia Owner", "1111")
    assert "recovery sheet" in window.message.text()
    seen = {}

    def look_and_print():
        dialog = QApplication.activeModalWidget()
        try:
            seen["name"] = dialog.objectName()
            seen["size"] = (dialog.width(), dialog.height())
            seen["before"] = dialog.status.text()
            dialog.grab().save(str(tmp_path / "journal-key.png"))
            seen["focus"] = dialog.focusWidget() is dialog.print_button
            qtbot.keyClick(dialog.focusWidget(), Qt.Key_Space)  # the button the dialog opens on
            seen["after"] = dialog.status.text()
        finally:
            qtbot.keyClick(dialog, Qt.Key_Escape)

    QTimer.singleShot(0, look_and_print)
    window.journal_key_action.trigger()  # Alt+F, K (the keyboard map's test presses every key)
    for preview in window.previews:
        preview.close()
    assert seen["name"] == "journalKeyDialog"
    assert seen["size"][0] <= 1366 and seen["size"][1] <= 768
    assert "has not been printed yet" in seen["before"]
    assert seen["focus"]  # opened by keyboard, ready for the keyboard
    assert "was printed" in seen["after"], seen
    assert len(list(location.folder("reports").glob("key-recovery-sheet-*.pdf"))) == 1
