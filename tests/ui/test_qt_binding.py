"""The Qt binding itself: signals emitted from Python must not leak references.

PySide6 6.12.0 (with Python 3.11) loses one reference to True on every
``Signal.emit()`` called from Python, and the interpreter aborts once True's
count reaches zero (a few thousand emits: a normal day at the counter). The
project pins a release without the fault; this test fails if it comes back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal


class _Sender(QObject):
    changed = Signal(int)


def test_emitting_from_python_keeps_the_reference_counts_of_true_and_none(qapp):
    sender = _Sender()
    got = []
    sender.changed.connect(got.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for n in range(50):  # few enough that a leaking binding fails here rather than aborting the run
        sender.changed.emit(n)
    QCoreApplication.processEvents()
    assert got == list(range(50))
    # The fault shows as references *lost*, one per emit; a new holder may add one.
    assert true_before - sys.getrefcount(True) <= 0
    assert none_before - sys.getrefcount(None) < 10


def test_walking_a_form_leaves_no_wrapper_of_a_layout_item_behind(qapp):
    """Qt deletes a layout's items itself and tells the binding nothing (they are not
    QObjects), so a Python wrapper of one outlives it; a later object made at the same
    address was then handed out as that stale QWidgetItem (the inventory page's selection
    model once, failing a full run). Walking a form for its Tab order must not leave any."""
    import shiboken6
    from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLayoutItem, QLineEdit, QPushButton, QWidget

    from lto_desk.ui.widgets import fields_in_order

    def items_wrapped():
        return {id(w) for w in shiboken6.getAllValidWrappers() if isinstance(w, QLayoutItem) and not isinstance(w, QObject)}

    before = items_wrapped()
    top = QWidget()
    form = QFormLayout(top)
    form.addRow("Name", QLineEdit())
    row = QHBoxLayout()
    row.addWidget(QLineEdit())
    row.addStretch(1)
    row.addWidget(QPushButton("Go"))
    form.addRow("Phone", row)
    found = fields_in_order(form, top)
    assert [type(w).__name__ for w in found] == ["QLineEdit", "QLineEdit", "QPushButton"]
    assert items_wrapped() - before == set()
    assert shiboken6.isValid(form) and shiboken6.isValid(row)  # the layouts the code holds stay usable
    row.addWidget(QLineEdit())
