"""The counter window driven as a clerk would, receipts read back from the PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from lto_desk.store.models import LedgerEntry
from lto_desk.ui import dialogs
from lto_desk.ui.dialogs import Approval

from helpers import log_in


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def payments_posted() -> int:
    return LedgerEntry.select().where(LedgerEntry.kind == "payment").count()


def receipts(location):
    folder = location.files_dir / "receipts"
    return sorted(folder.glob("receipt-*.pdf")) if folder.exists() else []


def find(win, cls, name):
    widget = win.findChild(cls, name)
    assert widget is not None, name
    return widget


def test_login_then_name_enter_enter_posts_and_saves_the_receipt(qtbot, window, location):
    log_in(qtbot, window)
    lookup = find(window, QLineEdit, "lookupEdit")
    assert QApplication.focusWidget() is lookup
    before = payments_posted()
    qtbot.keyClicks(lookup, "garc")
    # Exactly two key presses from here: Enter opens the top match, Enter posts.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert window.card.card.name == "María García"
    amount = find(window, QLineEdit, "amountEdit")
    assert QApplication.focusWidget() is amount and amount.text() == "95.00"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert payments_posted() == before + 1
    saved = receipts(location)
    assert [p.name for p in saved] == ["receipt-000007.pdf"]
    text = pdf_text(saved[0])
    assert "María García" in text and "$95.00" in text


def test_a_second_enter_after_posting_does_not_post_again(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    amount = window.payment.amount
    before = payments_posted()
    qtbot.keyClick(amount, Qt.Key_Return)
    qtbot.keyClick(amount, Qt.Key_Return)  # the form is spent: ignored
    window.payment.post.click()
    window.payment.submit()
    assert payments_posted() == before + 1


def test_cash_tendered_shows_the_change_due(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    tendered = find(window, QLineEdit, "tenderedEdit")
    qtbot.keyClicks(tendered, "100")
    assert find(window, QLabel, "changeLabel").text() == "$5.00"
    tendered.clear()
    qtbot.keyClicks(tendered, "120.50")
    assert window.payment.change.text() == "$25.50"
    qtbot.keyClick(tendered, Qt.Key_Return)
    assert "Change due $25.50" in window.payment.message.text()


@pytest.mark.parametrize("typed, words", [("12.345", "two decimals"), ("abc", "letters"), ("-5", "minus")])
def test_a_bad_amount_shows_a_message_and_posts_nothing(qtbot, window, typed, words):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    before = payments_posted()
    amount = window.payment.amount
    amount.clear()
    qtbot.keyClicks(amount, typed)
    qtbot.keyClick(amount, Qt.Key_Return)
    assert words in find(window, QLabel, "paymentMessage").text()
    assert payments_posted() == before
    assert not window.payment.spent  # the clerk can fix the amount and post


def test_an_amount_above_the_payoff_is_refused_showing_the_payoff(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    payoff = window.card.card.state.payoff
    before = payments_posted()
    window.payment.amount.setText("99999")
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    from lto_desk.domain.money import format_money

    assert format_money(payoff) in window.payment.message.text()
    assert payments_posted() == before


def test_card_payment_takes_only_the_last_4(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    window.payment.method.setCurrentIndex(window.payment.method.findData("card"))
    ref = find(window, QLineEdit, "referenceEdit")
    qtbot.keyClicks(ref, "4111111111111111")
    assert ref.text() == "4111"  # the field itself takes no more than 4
    qtbot.keyClick(ref, Qt.Key_Return)
    entry = LedgerEntry.select().order_by(LedgerEntry.id.desc()).first()
    assert entry.method == "card" and entry.reference == "4111"


def test_no_printer_still_saves_the_pdf_and_says_where(qtbot, window, location):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    saved = receipts(location)
    assert len(saved) == 1 and saved[0].exists()
    message = find(window, QLabel, "messageBar").text()
    assert "not printed" in message and str(saved[0]) in message
    assert window.previews and window.previews[-1].isVisible()


def test_reprint_from_history_says_copy(qtbot, window, location):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    original = receipts(location)[0]
    assert "COPY" not in pdf_text(original)
    qtbot.keyClick(window, Qt.Key_P, Qt.ControlModifier)
    copies = [p for p in receipts(location) if "-copy-" in p.name]
    assert len(copies) == 1
    text = pdf_text(copies[0])
    assert "COPY" in text and "John Smith" in text


def test_a_clerks_void_without_a_manager_pin_is_refused(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    receipt = window.history.latest_receipt()
    monkeypatch.setattr(dialogs.ApprovalDialog, "ask", classmethod(
        lambda cls, *a, **k: Approval("customer changed their mind", "Marcus Manager", "")))
    window.history.void.click()
    assert "manager must type their PIN" in window.message.text()
    assert not LedgerEntry.select().where(LedgerEntry.kind == "void").exists()
    # A wrong PIN is refused too; the right one voids and prints a void slip.
    monkeypatch.setattr(dialogs.ApprovalDialog, "ask", classmethod(
        lambda cls, *a, **k: Approval("customer changed their mind", "Marcus Manager", "9999")))
    window.void(receipt)
    assert not LedgerEntry.select().where(LedgerEntry.kind == "void").exists()
    monkeypatch.setattr(dialogs.ApprovalDialog, "ask", classmethod(
        lambda cls, *a, **k: Approval("customer changed their mind", "Marcus Manager", "2222")))
    window.void(receipt)
    assert LedgerEntry.select().where(LedgerEntry.kind == "void").count() == 1
    assert window.history.model.row_at(0).kind == "void"
    assert any(r.voided and r.receipt_number == receipt for r in window.history.model._rows)


def test_idle_lock_keeps_the_half_typed_payment(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    window.payment.amount.setText("50")
    qtbot.keyClicks(window.payment.tendered, "60")
    window.idle_timer.timeout.emit()  # the idle time ran out
    assert window.actor is None and window.stack.currentWidget() is window.login
    assert "Carla Clerk" in window.login.subtitle.text()
    log_in(qtbot, window)
    assert window.payment.amount.text() == "50" and window.payment.tendered.text() == "60"
    assert window.payment.change.text() == "$10.00"


def test_five_wrong_pins_lock_that_name(qtbot, window):
    combo = window.login.name_combo
    combo.setCurrentIndex(combo.findText("Carla Clerk"))
    for _ in range(5):
        qtbot.keyClicks(window.login.pin_edit, "0000")
        qtbot.keyClick(window.login.pin_edit, Qt.Key_Return)
    qtbot.keyClicks(window.login.pin_edit, "3333")
    qtbot.keyClick(window.login.pin_edit, Qt.Key_Return)
    assert window.actor is None
    assert "Try again in" in window.login.message.text()


def test_status_bar_names_clerk_database_and_printer(qtbot, window, location):
    log_in(qtbot, window)
    assert "Carla Clerk" in window.clerk_status.text()
    assert location.url in window.db_status.text()
    assert "No printer" in window.printer_label.text()


def test_large_cash_shows_the_form_8300_reminder(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    window.payment.amount.setText("10000")
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    assert "Form 8300" in window.message.text()


def test_a_lock_while_the_void_dialog_is_open_voids_nothing(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    receipt = window.history.latest_receipt()

    def answer_after_the_lock(cls, *args, **kwargs):
        window.lock()  # the idle time ran out while the dialog was open
        return Approval("wrong amount", "Marcus Manager", "2222")

    monkeypatch.setattr(dialogs.ApprovalDialog, "ask", classmethod(answer_after_the_lock))
    window.void(receipt)
    assert not LedgerEntry.select().where(LedgerEntry.kind == "void").exists()
    assert window.stack.currentWidget() is window.login
