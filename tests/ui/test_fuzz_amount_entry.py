"""Fuzzing the payment panel's amount in the real window: whatever is typed,
Post shows a clear message and posts nothing, or posts exactly that amount —
never an exception (pytest-qt fails a test on an exception raised in a slot)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from lto_desk.domain.money import parse_amount
from lto_desk.store.models import LedgerEntry
from lto_desk.ui import printing

from fuzz.test_parsers_fuzz import NEAR_AMOUNTS
from fuzz.typed_text import budget, clear_message, ran, typed
from helpers import log_in

#: Payments small enough that even the full run's 400 never pay María's $9,310 payoff.
small_amounts = st.integers(1, 5_00).map(lambda c: f"{c // 100}.{c % 100:02d}")


def payments() -> list[LedgerEntry]:
    return list(LedgerEntry.select().where(LedgerEntry.kind == "payment").order_by(LedgerEntry.id))


def test_whatever_is_typed_as_the_amount_post_shows_a_message_or_posts_it(qtbot, window, monkeypatch):
    # Printing is tested in test_printing.py; here every post would open a preview of its receipt.
    monkeypatch.setattr(printing, "print_pdf", lambda path, printer: None)
    log_in(qtbot, window)
    panel = window.payment

    def open_maria() -> None:
        window.lookup.edit.setText("garc")
        qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
        assert not panel.spent and window.card.card.name == "María García"

    open_maria()

    @budget(100, full_factor=4)  # each post saves a receipt and refreshes the window
    @given(text=typed(small_amounts, NEAR_AMOUNTS), by_keys=st.booleans())
    def type_and_post(text, by_keys):
        ran("ui.payment amount")
        if panel.spent:
            open_maria()
        before = payments()
        panel.amount.clear()
        if by_keys and len(text) <= 20 and text.isascii() and text.isprintable():  # QTest types ASCII only
            qtbot.keyClicks(panel.amount, text)
        else:
            panel.amount.setText(text)  # a paste, or another keyboard
        typed_in = panel.amount.text()
        qtbot.mouseClick(panel.post, Qt.LeftButton)
        after = payments()
        if len(after) == len(before):
            assert panel.message.property("error") is True and not panel.spent
            clear_message(panel.message.text())
        else:
            assert len(after) == len(before) + 1 and panel.spent
            assert after[-1].amount == parse_amount(typed_in)
            assert panel.message.text().startswith(f"Receipt {after[-1].receipt_number:06d}")

    type_and_post()
