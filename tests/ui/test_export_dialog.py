"""File → Export all data… (issue 20, part 3) on the real window: the owner chooses a
folder, the export runs off the GUI thread and then says what it wrote, with "Open the
folder" (Enter); a manager and a clerk find the item disabled and are told why; Esc
while it writes stops it and nothing is kept."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest

from helpers import log_in
from lto_desk.services import exporting
from lto_desk.ui import export_dialog
from lto_desk.ui.export_dialog import ExportDialog


@pytest.fixture
def out(tmp_path, monkeypatch) -> Path:
    """The folder the owner picks in the system's chooser."""
    folder = tmp_path / "usb stick"
    folder.mkdir()
    monkeypatch.setattr(ExportDialog, "ask_folder", classmethod(lambda cls, parent: folder))
    return folder


def open_dialog(qtbot, window) -> ExportDialog:
    assert window.export_action.isEnabled()
    window.export_action.trigger()  # Alt+F, E
    dialog = next(d for d in window.findChildren(ExportDialog) if d.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def test_the_owner_exports_and_opens_the_folder(qtbot, window, out, monkeypatch, tmp_path):
    log_in(qtbot, window, "Olivia Owner", "1111")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    dialog = open_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    (folder,) = out.iterdir()
    assert dialog.result.folder == folder and (folder / "customers.csv").exists()
    assert dialog.text.text().startswith("Exported ") and str(folder) in dialog.text.text()
    dialog.grab().save(str(tmp_path / "export-done.png"))
    assert dialog.focusWidget() is dialog.open_button
    QTest.keyClick(dialog.open_button, Qt.Key_Space)
    assert opened == [str(folder)]
    QTest.keyClick(dialog, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.mark.parametrize("who, pin", [("Marcus Manager", "2222"), ("Carla Clerk", "3333")])
def test_only_the_owner_gets_it(qtbot, window, out, who, pin):
    log_in(qtbot, window, who, pin)
    assert not window.export_action.isEnabled()
    assert window.export_action.toolTip() == "The owner exports all of the data."
    window.show_export()  # however it is reached
    assert not window.findChildren(ExportDialog) and list(out.iterdir()) == []
    assert "for the owner" in window.said()


def test_esc_while_it_writes_stops_it_and_keeps_nothing(qtbot, window, out, monkeypatch):
    log_in(qtbot, window, "Olivia Owner", "1111")
    let_go = threading.Event()
    real = exporting._Export.table

    def slow_table(self, table):
        let_go.wait(10)
        return real(self, table)

    monkeypatch.setattr(exporting._Export, "table", slow_table)
    dialog = open_dialog(qtbot, window)
    QTest.keyClick(dialog, Qt.Key_Escape)
    assert dialog.isVisible() and dialog.text.text() == "Stopping…"
    let_go.set()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20_000)
    assert dialog.text.text() == "The export was stopped; nothing was kept."
    assert list(out.iterdir()) == [] and dialog.result is None
    assert export_dialog.may_export(window.actor)
