"""File → Import… (issue 20, deliverable 2) driven by the keyboard on the real window: a
manager types the three files' paths, Enter past the columns, Enter to check; with the
spoilt sample every planted error is listed as "file: row N, Column: message" exactly as
the check says it, Import stays disabled and nothing is written; with the clean book
Enter imports, the window hears of it and says what was made; Cancel during the import
writes nothing; a clerk cannot open it; a file that cannot be read, a column map that
is not one and a mapping that lacks a needed column are said plainly."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import source_book
from helpers import log_in
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lto_desk.domain.import_columns import ImportKind
from lto_desk.services import importing
from lto_desk.store.models import Agreement, Customer, JournalRow, Vehicle
from lto_desk.ui.import_dialog import COLUMNS, FILES, PREVIEW, RUNNING, ImportDialog
from lto_desk.ui.import_pages import kind_from_name

SIZES = {"customers": 60, "vehicles": 30, "agreements": 15}
KIND_OF = {"customers": ImportKind.CUSTOMERS, "vehicles": ImportKind.VEHICLES, "agreements": ImportKind.AGREEMENTS}


def book(tmp_path: Path, *, errors: bool) -> source_book.Book:
    return source_book.write_book(tmp_path / ("spoilt" if errors else "clean"), today=dt.date.today(),
                                  errors=errors, **SIZES)


def counts() -> tuple[int, int, int, int]:
    imports = JournalRow.select().where(JournalRow.action == "import").count()
    return Customer.select().count(), Vehicle.select().count(), Agreement.select().count(), imports


def open_dialog(qtbot, window) -> ImportDialog:
    """File → Import… by its keys (Alt+F, I reach the action; its trigger is what they do)."""
    assert window.import_action.isEnabled()
    window.import_action.trigger()
    dialog = next(d for d in window.findChildren(ImportDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def type_paths(dialog: ImportDialog, the_book: source_book.Book) -> None:
    """Type each file's path in its field, Tab-ing from field to field as a person would."""
    for kind, path in the_book.paths.items():
        edit = dialog.files_page.paths[KIND_OF[kind]]
        edit.setFocus()
        QTest.keyClicks(edit, str(path))


def enter(dialog: ImportDialog) -> None:
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key_Return)


def check_by_keys(qtbot, dialog: ImportDialog) -> None:
    enter(dialog)  # Next: the files are read
    assert dialog.page == COLUMNS, dialog.message.text()
    assert dialog.columns_page.problem_lines() == []  # the sample's headers are all recognised
    enter(dialog)  # Check
    qtbot.waitUntil(lambda: dialog.page == PREVIEW, timeout=20_000)


@pytest.fixture(autouse=True)
def no_file_chooser(monkeypatch):
    """The system's file chooser never opens in a test (it would wait for a person for ever)."""
    from PySide6.QtWidgets import QFileDialog

    def refuse(*args, **kwargs):
        raise AssertionError("a file chooser was opened")

    for name in ("getOpenFileNames", "getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, refuse)


@pytest.fixture
def manager_window(qtbot, window):
    log_in(qtbot, window, "Marcus Manager", "2222")
    return window


def test_the_spoilt_sample_lists_every_problem_and_writes_nothing(qtbot, manager_window, tmp_path):
    spoilt = book(tmp_path, errors=True)
    before = counts()
    dialog = open_dialog(qtbot, manager_window)
    type_paths(dialog, spoilt)
    check_by_keys(qtbot, dialog)

    shown = [dialog.preview_page.problems.item(i).text() for i in range(dialog.preview_page.problems.count())]
    assert shown == dialog.preview.problem_lines()
    for planted in spoilt.planted:
        where = f"{planted.file}: row {planted.row}, {planted.header}: "
        assert any(line.startswith(where) for line in shown), (where, planted.description)
    assert "Nothing has been written" in dialog.preview_page.problem_title.text()
    assert not dialog.next_button.isEnabled() and dialog.next_button.text() == "&Import"
    enter(dialog)  # Enter does not import
    assert dialog.page == PREVIEW and counts() == before

    saved = dialog.save_problems(tmp_path / "problems.csv")
    text = saved.read_text(encoding="utf-8-sig")
    assert text.startswith("File,Row,Column,Problem") and text.count("\n") == len(shown) + 1

    QTest.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert counts() == before


def test_the_clean_book_is_imported_and_the_window_hears_of_it(qtbot, manager_window, tmp_path):
    clean = book(tmp_path, errors=False)
    heard = []
    manager_window.hub.changed.connect(heard.append)
    customers, vehicles, agreements, imports = counts()
    dialog = open_dialog(qtbot, manager_window)
    type_paths(dialog, clean)
    check_by_keys(qtbot, dialog)
    assert dialog.preview_page.problems.count() == 0 and not dialog.preview_page.problem_box.isVisible()
    assert dialog.preview_page.summary.text() == "60 customers to add; 30 vehicles to add; 15 agreements to add."
    assert dialog.preview_page.model.rowCount() == 105
    assert counts() == (customers, vehicles, agreements, imports)  # checked, not written
    assert dialog.next_button.isEnabled() and dialog.focusWidget() is dialog.next_button

    enter(dialog)  # Import
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert counts() == (customers + 60, vehicles + 30, agreements + 15, imports + 1)
    said = "Imported 60 customers, 30 vehicles, 15 agreements."
    assert dialog.running_text.text() == said and manager_window.said() == said
    assert heard and heard[-1].follow_ups
    assert dialog.page == RUNNING and dialog.close_button.text() == "Close"
    QTest.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_cancel_during_the_import_writes_nothing(qtbot, manager_window, tmp_path, monkeypatch):
    clean = book(tmp_path, errors=False)
    started, go_on = threading.Event(), threading.Event()
    write = importing._Writer.write

    def slow_write(self, record):
        started.set()
        go_on.wait(10)
        return write(self, record)

    monkeypatch.setattr(importing._Writer, "write", slow_write)
    before = counts()
    dialog = open_dialog(qtbot, manager_window)
    type_paths(dialog, clean)
    check_by_keys(qtbot, dialog)
    enter(dialog)
    assert started.wait(10)
    assert dialog.page == RUNNING and dialog.close_button.text() == "Cancel"
    QTest.keyClick(dialog, Qt.Key_Escape)  # Esc is Cancel while it runs; the dialog stays
    go_on.set()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20_000)
    assert dialog.isVisible() and dialog.page == PREVIEW
    assert dialog.message.text() == "The import was cancelled; nothing was written."
    assert counts() == before and dialog.result is None


def test_a_clerk_cannot_open_it(qtbot, window):
    log_in(qtbot, window)
    assert not window.import_action.isEnabled()
    assert window.import_action.toolTip() == "A manager imports data."
    window.show_import()  # however it is reached
    assert not window.findChildren(ImportDialog)
    assert "for a manager or the owner" in window.said()


def test_what_cannot_be_used_is_said_plainly_and_nothing_is_lost(qtbot, manager_window, tmp_path):
    clean = book(tmp_path, errors=False)
    dialog = open_dialog(qtbot, manager_window)
    enter(dialog)
    assert dialog.page == FILES and "Choose at least one file" in dialog.message.text()

    missing = tmp_path / "nowhere" / "customers.csv"
    QTest.keyClicks(dialog.files_page.paths[ImportKind.CUSTOMERS], str(missing))
    enter(dialog)
    assert dialog.page == FILES and dialog.message.text().startswith("Customers: There is no file")
    assert dialog.files_page.paths[ImportKind.CUSTOMERS].text() == str(missing)  # kept to correct

    dialog.files_page.paths[ImportKind.CUSTOMERS].setText(str(clean.customers))
    enter(dialog)
    assert dialog.page == COLUMNS
    tab = dialog.columns_page.current()
    assert tab.mapping()["source_id"] == "Cust #" and tab.mapping()["phone"] == "Cell"
    saved = dialog.save_mapping(tmp_path / "customers-map.json")

    last = tab.combos[tab.table.headers.index("Last Name")]
    last.setFocus()
    QTest.keyClick(last, Qt.Key_Home)  # Not imported
    assert any("Last name" in line for line in tab.problem_lines())
    enter(dialog)  # Check refuses, saying what to choose
    assert dialog.page == COLUMNS and "Choose the columns first" in dialog.message.text()
    assert "(1 to fix)" in dialog.columns_page.tabs.tabText(0)

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert not dialog.load_mapping(bad)
    assert "not one the program saved" in dialog.message.text() and "Nothing was changed" in dialog.message.text()
    assert tab.mapping().get("last_name") is None  # the choices on screen stay as they were

    assert dialog.load_mapping(saved)
    assert tab.mapping()["last_name"] == "Last Name" and tab.problem_lines() == []


def test_a_file_s_kind_is_taken_from_its_name_when_it_says_it(qtbot, manager_window, tmp_path):
    assert kind_from_name("Inventory 2026-03.xlsx") is ImportKind.VEHICLES
    assert kind_from_name("accounts.csv") is ImportKind.AGREEMENTS
    assert kind_from_name("CUSTOMERS.CSV") is ImportKind.CUSTOMERS
    assert kind_from_name("export.csv") is None
    dialog = open_dialog(qtbot, manager_window)
    picked = [str(tmp_path / "accounts.csv"), str(tmp_path / "export.csv")]
    dialog.ask_open_paths = lambda title: picked
    dialog.files_page.browse_buttons[ImportKind.CUSTOMERS].click()
    assert dialog.files_page.chosen() == {ImportKind.AGREEMENTS: picked[0], ImportKind.CUSTOMERS: picked[1]}
    button = dialog.files_page.browse_buttons[ImportKind.VEHICLES]
    button.setFocus()
    QTest.keyClick(button, Qt.Key_Return)  # Enter is Next wherever the focus is, never another Browse…
    assert dialog.page == FILES and "There is no file" in dialog.message.text()
    QTest.keyClick(dialog, Qt.Key_Escape)


def test_the_templates_import_as_they_are_the_payment_history_too(qtbot, manager_window):
    from lto_desk.ui.import_dialog import templates_folder

    folder = templates_folder()
    assert {p.name for p in folder.glob("*.csv")} == {"customers.csv", "vehicles.csv", "agreements.csv", "payments.csv"}
    before = counts()
    dialog = open_dialog(qtbot, manager_window)
    for path in sorted(folder.glob("*.csv")):
        edit = dialog.files_page.paths[kind_from_name(path.name)]
        edit.setFocus()
        QTest.keyClicks(edit, str(path))
    check_by_keys(qtbot, dialog)
    assert dialog.preview.ok and dialog.preview_page.problems.count() == 0
    assert dialog.preview_page.differences.count() == len(dialog.preview.differences)
    assert "past payment" in dialog.preview_page.summary.text()
    enter(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert counts()[2] > before[2] and counts()[3] == before[3] + 1
