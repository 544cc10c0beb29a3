"""The change label's colour says whether the cash handed over is enough."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from helpers import log_in


def _ink(label) -> QColor:
    label.ensurePolished()
    return label.palette().color(label.foregroundRole())


def _greenish(c: QColor) -> bool:
    return c.green() > c.red() + 40 and c.green() > c.blue() + 40


def test_not_enough_tendered_is_not_shown_in_the_ok_green(qtbot, window, tmp_path):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    tendered, change = window.payment.tendered, window.payment.change
    qtbot.keyClicks(tendered, "100")
    assert change.text() == "$5.00" and _greenish(_ink(change))
    tendered.clear()
    qtbot.keyClicks(tendered, "50")
    assert change.text() == "not enough"
    ink = _ink(change)
    assert not _greenish(ink) and ink.red() > ink.green()  # the warning colour of the form's messages
    window.resize(1366, 768)
    window.grab().save(str(tmp_path / "not-enough.png"))
    tendered.clear()
    qtbot.keyClicks(tendered, "95")
    assert change.text() == "$0.00" and _greenish(_ink(change))
