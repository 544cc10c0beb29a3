"""The keyboard map (issue 18): the program's keys are the map's keys, Help → Keys (F1)
shows it, and the README's "Keys" table is the map written out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu

from helpers import log_in
from lto_desk.ui.keymap import INVENTORY, KEYS, REPORTS, TAB_TITLES, TABS, key_named, markdown_table
from lto_desk.ui.keys_dialog import KeysDialog

README = Path(__file__).resolve().parents[2] / "README.md"


def text(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.PortableText)


def mnemonic(title: str) -> str:
    return re.search(r"&(\w)", title).group(1).upper()


def menu_actions(window):
    """(menu title, action) for every item of the menu bar."""
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if not action.isSeparator():
                yield menu_action.text(), action


def test_every_menu_item_has_the_keys_the_map_gives_it(qtbot, window):
    named = {key.name for key in KEYS if key.name}
    seen = set()
    for title, action in menu_actions(window):
        key = key_named(action.objectName())  # every item is in the map
        seen.add(key.name)
        if key.sequences():
            assert [text(s) for s in action.shortcuts()] == [text(QKeySequence(k)) for k in key.sequences()]
        else:  # reached through its menu: Alt+ the menu's letter, then the item's
            assert not action.shortcuts()
            assert key.keys == f"Alt+{mnemonic(title)}, {mnemonic(action.text())}", action.objectName()
    assert seen == named


def test_no_two_items_of_a_menu_share_a_letter_reached_by_it(qtbot, window):
    for menu_action in window.menuBar().actions():
        letters = [mnemonic(a.text()) for a in menu_action.menu().actions()
                   if "&" in a.text() and not a.shortcuts()]
        assert len(letters) == len(set(letters)), menu_action.text()
    # On the counter page Alt+ a letter is one thing: a menu, a tab, a button or a field.
    window.build_counter()
    parts = [a.text() for a in window.menuBar().actions()] + [window.tabs.tabText(i) for i in range(window.tabs.count())]
    parts += [w.text() for w in window.counter.findChildren(QAbstractButton) + window.counter.findChildren(QLabel)
              if re.search(r"&\w", w.text().replace("&&", ""))]
    letters = [mnemonic(t.replace("&&", "")) for t in parts]
    assert len(letters) == len(set(letters)), sorted(parts)
    assert {f"Alt+{letter}" for letter in letters} >= {k.keys for k in KEYS if k.where == TABS and "," not in k.keys
                                                      and k.keys.startswith("Alt+")}


def test_every_other_key_on_the_window_is_in_the_map(qtbot, window):
    log_in(qtbot, window)
    window.build_counter()
    window.follow_flows.panel  # the follow-up list's keys too
    mapped = {part.strip() for key in KEYS for part in re.split(r", | or ", key.keys)}
    mapped |= {f"Alt+{n}" for n in range(1, 8)}  # "Alt+1 … Alt+7"
    found = {text(s.key()) for s in window.findChildren(QShortcut)}
    # A button's own underlined letter is the map's "Alt+underlined letter" line.
    found |= {text(b.shortcut()) for b in window.findChildren(QAbstractButton)
              if not b.shortcut().isEmpty() and b.shortcut() != QKeySequence.mnemonic(b.text())}
    found = {f.replace("Return", "Enter") for f in found}
    assert found <= {m.replace("PgDn", "PgDown").replace("PgUp", "PgUp") for m in mapped} | {"Ctrl+Enter"}
    tab_keys = [key.keys for key in KEYS if key.where == TABS and key.keys.startswith("Alt+")]
    assert tab_keys == [f"Alt+{mnemonic(window.tabs.tabText(i))}" for i in range(window.tabs.count())]


@pytest.mark.parametrize("keys, window_class, where", [
    (Qt.Key_R, "lto_desk.ui.reports_window.ReportsWindow", REPORTS),
    (Qt.Key_I, "lto_desk.ui.inventory.InventoryWindow", INVENTORY),
])
def test_the_reports_and_inventory_windows_keys_are_the_maps(qtbot, window, keys, window_class, where):
    import importlib

    module, name = window_class.rsplit(".", 1)
    cls = getattr(importlib.import_module(module), name)
    log_in(qtbot, window, "Marcus Manager", "2222")
    qtbot.keyClick(QApplication.focusWidget(), keys, Qt.ControlModifier)
    opened = window.findChild(cls)
    assert opened is not None and opened.isVisible()
    found = {text(s.key()) for s in opened.findChildren(QShortcut)}
    assert found == {k.keys.replace("Ctrl+Enter", "Ctrl+Return") for k in KEYS if k.where == where}
    qtbot.waitUntil(opened.isActiveWindow)
    qtbot.waitUntil(lambda: getattr(opened, "worker", None) is None or not opened.worker)  # a report read
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: not opened.isVisible())


def test_the_readme_keys_table_is_the_map():
    text_ = README.read_text(encoding="utf-8")
    section = text_.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == markdown_table()


def test_f1_shows_the_map_and_esc_closes_it(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F1)
    dialog = window.findChild(KeysDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    shown = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert {"F2", "Ctrl+L", "Ctrl+Tab or Ctrl+PgDn", "Alt+D, C"} <= shown
    assert dialog.height() <= 768 - 80 and dialog.width() <= 1366
    qtbot.keyClick(dialog.table, Qt.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")  # the menu popup
def test_help_keys_is_also_reached_through_the_help_menu(qtbot, window):
    qtbot.keyClick(window, Qt.Key_H, Qt.AltModifier)  # logged out too: the map is for everyone
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&Help"
    qtbot.keyClick(menu, Qt.Key_K)
    dialog = window.findChild(KeysDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_the_map_fits_a_1366_by_768_screen(qtbot, window):
    dialog = KeysDialog(window)
    qtbot.addWidget(dialog)
    assert QRect(0, 0, 1366, 768 - 40).contains(QRect(0, 0, dialog.width(), dialog.height()))
