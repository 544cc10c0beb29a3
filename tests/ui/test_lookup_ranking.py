"""The lookup cannot surprise: 4 digits that are one customer's phone ending and another's
receipt list the phone's owner first, every row says what it was found by (never cut
short at 1366x768), and Enter on a row found by a receipt, stock number, VIN or note
asks once before opening it (issue 18, item 1: the demo's 0175 opened Carmen Vásquez,
receipt 000175, instead of Verónica García, whose phone ends 0175)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from lto_desk.services import customers
from lto_desk.services.counter import MatchKind
from lto_desk.store.models import Agreement, LedgerEntry
from lto_desk.ui import open_match_dialog
from lto_desk.ui.lookup import NameAndMatchKind
from lto_desk.ui.open_match_dialog import OpenMatchDialog

from helpers import answer, log_in

#: Where the screenshots go when LTO_DESK_SHOTS names a folder (looked at by hand).
SHOTS = Path(os.environ["LTO_DESK_SHOTS"]) if os.environ.get("LTO_DESK_SHOTS") else None


@pytest.fixture
def receipt_and_phone(owner, counter_data):
    """(the latest receipt's number, its customer's name, Verónica Gómez's id): her phone
    ends in that receipt's four digits, as the demo's Verónica García's ends 0175."""
    entry = LedgerEntry.select().where(LedgerEntry.receipt_number.is_null(False)) \
        .order_by(LedgerEntry.receipt_number.desc()).get()
    holder = Agreement.get_by_id(entry.agreement_id).customer
    veronica = customers.add_customer(
        owner, customers.NewCustomer("Verónica", "Gómez", phone=f"(334) 555-{entry.receipt_number:04d}"))
    return entry.receipt_number, f"{holder.first_name} {holder.last_name}", veronica


@pytest.fixture
def counter(qtbot, window):
    """The window at a 1366x768 counter's size, a clerk logged in."""
    log_in(qtbot, window)
    window.setWindowState(Qt.WindowNoState)  # the offscreen screen is small: not maximized
    window.resize(1366, 768)
    table = window.lookup.table
    qtbot.waitUntil(lambda: table.isVisible() and table.viewport().width() > 380)  # laid out
    return window


def kinds_shown(window) -> list[tuple[str, str]]:
    """(the name as drawn, the kind as drawn) of each row of the lookup list, as its
    Name column's delegate paints them at the list's width now."""
    table = window.lookup.table
    QApplication.processEvents()  # the list lays its columns out for the new rows
    delegate = table.itemDelegateForColumn(0)
    assert isinstance(delegate, NameAndMatchKind)
    shown = []
    for row in range(window.lookup.model.rowCount()):
        index = window.lookup.model.index(row, 0)
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.widget = table
        option.rect = table.visualRect(index)
        delegate.initStyleOption(option, index)
        name, kind = delegate.texts(option, index)
        # Both fit the cell whole: the kind is drawn in full, right of the name.
        width = option.fontMetrics.horizontalAdvance(name) + QFontMetrics(delegate.kind_font(option)).horizontalAdvance(kind)
        assert width < option.rect.width()
        shown.append((name, kind))
    return shown


def test_a_phone_ending_that_is_also_a_receipt_opens_the_phone_owner_with_enter(
        qtbot, counter, receipt_and_phone, monkeypatch):
    receipt, holder, _veronica = receipt_and_phone
    asked = answer(monkeypatch, open_match_dialog, "OpenMatchDialog", True)
    qtbot.keyClicks(counter.lookup.edit, f"{receipt:04d}")
    model = counter.lookup.model
    rows = [(model.row_at(n).name, model.row_at(n).kind) for n in range(model.rowCount())]
    assert rows == [("Verónica Gómez", MatchKind.PHONE), (holder, MatchKind.RECEIPT)]
    qtbot.keyClick(counter.lookup.edit, Qt.Key_Return)
    assert asked == []  # a phone match opens at once
    assert counter.card.card.name == "Verónica Gómez"


def test_every_row_shows_its_kind_whole_at_the_real_width(qtbot, counter, receipt_and_phone):
    receipt, holder, _veronica = receipt_and_phone
    qtbot.keyClicks(counter.lookup.edit, f"{receipt:04d}")
    shown = kinds_shown(counter)
    assert [kind for _name, kind in shown] == ["phone", "receipt"]
    # The name is what gives way, not the kind: the model's text is the name alone
    # (the table's own eliding could never cut the kind off), and a long name is
    # cut short by the delegate so the kind keeps its room.
    model = counter.lookup.model
    assert model.index(1, 0).data() == holder
    counter.lookup.edit.clear()
    customers.add_customer(counter.actor, customers.NewCustomer(
        "Maximiliana Alejandra", "Hernández-Villanueva", phone="(251) 555-7788"))
    qtbot.keyClicks(counter.lookup.edit, "7788")
    (name, kind), = kinds_shown(counter)
    assert kind == "phone" and name.endswith("…") and name.startswith("Maxim")
    if SHOTS:
        counter.grab().save(str(SHOTS / "lookup-kind-1366x768.png"))


def test_a_name_search_says_name(qtbot, counter):
    qtbot.keyClicks(counter.lookup.edit, "smith")
    assert kinds_shown(counter) == [("John Smith", "name")]


def test_enter_on_a_receipt_asks_once_and_enter_opens_by_keyboard(qtbot, counter, receipt_and_phone):
    receipt, holder, _veronica = receipt_and_phone
    qtbot.keyClicks(counter.lookup.edit, f"{receipt:06d}")  # as the receipt prints it
    assert counter.lookup.model.row_at(0).kind is MatchKind.RECEIPT
    assert f"receipt {receipt:06d}" in counter.lookup.hint.text()
    seen = []

    def press_enter():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, OpenMatchDialog):  # never a key press elsewhere (the lookup would ask again)
            seen.append(type(dialog))
            if dialog is not None:
                dialog.reject()
            return
        seen.append((type(dialog), dialog.question.text(), dialog.focusWidget() is dialog.open_button))
        if SHOTS:
            dialog.grab().save(str(SHOTS / "lookup-open-match.png"))
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key_Return)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, press_enter)
    qtbot.keyClick(counter.lookup.edit, Qt.Key_Return)
    assert seen == [(OpenMatchDialog, f"Receipt {receipt:06d} — {holder}. Open?", True)]
    assert counter.card.card.name == holder
    counter.activateWindow()  # as the window system does once the dialog is gone
    qtbot.waitUntil(lambda: QApplication.focusWidget() is counter.payment.amount)


def test_esc_goes_back_to_the_lookup_with_the_text_kept(qtbot, counter, receipt_and_phone):
    receipt, _holder, _veronica = receipt_and_phone
    qtbot.keyClicks(counter.lookup.edit, f"{receipt:04d}")
    qtbot.keyClick(counter.lookup.edit, Qt.Key_Down)  # the receipt row, below the phone's owner
    seen = []

    def press_esc():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog))
        if isinstance(dialog, OpenMatchDialog):
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key_Escape)
        if dialog is not None and dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, press_esc)
    qtbot.keyClick(counter.lookup.edit, Qt.Key_Return)
    assert seen == [OpenMatchDialog]
    assert counter.card.card is None
    counter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is counter.lookup.edit)
    assert counter.lookup.edit.text() == f"{receipt:04d}"
    assert counter.lookup.selected().kind is MatchKind.RECEIPT


@pytest.mark.parametrize("typed, kind", [("S1001", MatchKind.STOCK), ("004353", MatchKind.VIN)])
def test_a_vehicle_match_asks_too(qtbot, counter, monkeypatch, typed, kind):
    asked = answer(monkeypatch, open_match_dialog, "OpenMatchDialog", False)
    qtbot.keyClicks(counter.lookup.edit, typed)
    qtbot.keyClick(counter.lookup.edit, Qt.Key_Return)
    assert [args[1].kind for args, _kw in asked] == [kind]
    assert counter.card.card is None and counter.lookup.edit.text() == typed
