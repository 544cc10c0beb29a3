"""After the idle lock, nothing of the customer who was on screen can be read by whoever
walks up to the counter: no name in any visible widget of any window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from helpers import log_in

NAMES = ("García", "Garcia", "María", "Maria")


def visible_texts() -> list[str]:
    """Every text a person could read on screen now, in every window of the program."""
    texts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        texts.append(top.windowTitle())
        for w in [top, *top.findChildren(QWidget)]:
            if not w.isVisible():
                continue
            if isinstance(w, (QLabel, QLineEdit, QAbstractButton)):
                texts.append(w.text())
            elif isinstance(w, (QTextEdit, QPlainTextEdit)):
                texts.append(w.toPlainText())
            elif isinstance(w, QComboBox):
                texts.extend(w.itemText(i) for i in range(w.count()))
            elif isinstance(w, QAbstractItemView) and w.model() is not None:
                model = w.model()
                root = w.rootIndex()
                try:
                    columns = model.columnCount(root)
                except TypeError:  # a list model keeps columnCount private: one column
                    columns = 1
                for row in range(model.rowCount(root)):
                    for col in range(columns):
                        texts.append(str(model.data(model.index(row, col, root)) or ""))
            texts.append(w.toolTip())
    return texts


def names_on_screen() -> list[str]:
    return [t for t in visible_texts() if any(n in t for n in NAMES)]


def test_after_the_idle_lock_no_customer_is_readable_anywhere(qtbot, window):
    log_in(qtbot, window)
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    window.payment.amount.setText("95")
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)  # posted; no printer here, so the receipt is shown
    assert names_on_screen(), "the customer should be on screen before the lock"
    window.idle_timer.timeout.emit()  # the idle time ran out
    assert window.actor is None and window.stack.currentWidget() is window.login
    assert names_on_screen() == []
