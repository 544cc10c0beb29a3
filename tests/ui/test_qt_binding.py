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
