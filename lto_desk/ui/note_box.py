"""The box a note is written in: Tab moves on to the next field (a note holds no tab
characters) and Ctrl+Enter saves, the same in the note editor, a cue's answer and a follow-up."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPlainTextEdit, QWidget

#: Both Enter keys: the main one (Return) and the keypad's.
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def note_box(name: str, placeholder: str, *, saves: Callable[[], object], keys_on: QWidget) -> QPlainTextEdit:
    """A note box named ``name``; Ctrl+Enter anywhere in ``keys_on`` (its dialog or
    panel) calls ``saves``."""
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    for keys in SAVE_KEYS:
        shortcut = QShortcut(QKeySequence(keys), keys_on)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(saves)
    return box
