"""A field shown after a dialog opened keeps its place in the Tab order (the order the
form is laid out), instead of falling back to the order the widgets were made in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QRadioButton, QVBoxLayout, QWidget

from lto_desk.ui.widgets import start_in_first_field


def test_a_field_shown_later_tabs_on_in_layout_order(qtbot):
    top = QWidget()
    qtbot.addWidget(top)
    note = QLineEdit(objectName="note")  # made first, laid out last
    first = QRadioButton("By bills", objectName="byBills")
    total = QLineEdit(objectName="total")
    total.hide()
    layout = QVBoxLayout(top)
    for widget in (first, total, note):
        layout.addWidget(widget)
    top.show()
    start_in_first_field(top)
    assert top.focusWidget() is first
    total.show()
    total.setFocus()
    qtbot.keyClick(total, Qt.Key_Tab)
    assert top.focusWidget() is note
