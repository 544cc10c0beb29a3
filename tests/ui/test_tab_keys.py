"""The tabs below the card with the keyboard (issue 18, item 8): Ctrl+Tab / Ctrl+PgDn and
back switch them from anywhere on the counter page, also from inside a tab's table;
Alt+ a tab title's letter shows that tab; Tab leaves the tabs' tables."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from helpers import log_in

CTRL, SHIFT = Qt.ControlModifier, Qt.ShiftModifier


def open_garcia(qtbot, window) -> None:
    log_in(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F2)
    qtbot.keyClicks(QApplication.focusWidget(), "garcia")
    qtbot.waitUntil(lambda: window.lookup.model.rowCount() > 0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert QApplication.focusWidget() is window.payment.amount


def press(qtbot, key, modifiers=Qt.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def test_ctrl_tab_and_ctrl_page_keys_switch_the_tabs_from_the_amount(qtbot, window):
    open_garcia(qtbot, window)
    tabs = window.tabs
    assert tabs.currentIndex() == 0
    press(qtbot, Qt.Key_Tab, CTRL)
    assert tabs.currentIndex() == 1
    press(qtbot, Qt.Key_PageDown, CTRL)
    assert tabs.currentIndex() == 2
    press(qtbot, Qt.Key_Backtab, CTRL | SHIFT)
    assert tabs.currentIndex() == 1
    press(qtbot, Qt.Key_PageUp, CTRL)
    press(qtbot, Qt.Key_PageUp, CTRL)  # round from the first to the last
    assert tabs.currentIndex() == tabs.count() - 1
    assert QApplication.focusWidget() is window.payment.amount  # the amount keeps the focus


def test_ctrl_tab_switches_the_tabs_from_inside_a_tables_and_takes_the_focus_along(qtbot, window):
    open_garcia(qtbot, window)
    window.history.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.history.table)
    press(qtbot, Qt.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == 1
    press(qtbot, Qt.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == 2
    focus = QApplication.focusWidget()
    assert focus is not None and window.tabs.currentWidget().isAncestorOf(focus) and focus.isVisible()
    press(qtbot, Qt.Key_Tab, CTRL)  # Agreements: the focus lands on its table
    assert window.tabs.currentWidget() is window.agreements
    assert QApplication.focusWidget() is window.agreements.table


def test_alt_and_a_tab_titles_letter_shows_that_tab(qtbot, window):
    open_garcia(qtbot, window)
    for letter, page in ((Qt.Key_G, window.agreements), (Qt.Key_N, window.notes),
                         (Qt.Key_U, window.household), (Qt.Key_O, window.follow_flows.contact_log),
                         (Qt.Key_Y, window.history)):
        press(qtbot, letter, Qt.AltModifier)
        assert window.tabs.currentWidget() is page


def test_the_tab_keys_do_nothing_on_the_follow_up_list(qtbot, window):
    open_garcia(qtbot, window)
    press(qtbot, Qt.Key_F9)
    press(qtbot, Qt.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == 0


def test_tab_leaves_the_payment_history_and_the_arrows_move_in_it(qtbot, window):
    open_garcia(qtbot, window)
    table = window.history.table
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert table.currentIndex().row() == 0
    press(qtbot, Qt.Key_Down)
    assert table.currentIndex().row() == 1 and QApplication.focusWidget() is table
    press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is window.history.reprint
    assert table.currentIndex().row() == 1 and table.currentIndex().column() == 0
    press(qtbot, Qt.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is table


def test_tab_leaves_the_agreements_table(qtbot, window):
    open_garcia(qtbot, window)
    window.tabs.setCurrentWidget(window.agreements)
    table = window.agreements.table
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    row = table.currentIndex().row()
    press(qtbot, Qt.Key_Tab)
    assert QApplication.focusWidget() is not table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (row, 0)


@pytest.mark.parametrize("tab", ["history", "agreements", "household", "contact_log"])
def test_no_table_in_the_tabs_keeps_tab_for_itself(qtbot, window, tab):
    window.build_counter()
    page = window.follow_flows.contact_log if tab == "contact_log" else getattr(window, tab)
    tables = page.findChildren(QTableView)
    assert tables
    assert not [t.objectName() for t in tables if t.tabKeyNavigation()]
