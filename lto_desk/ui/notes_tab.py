"""The notes tab: everything written about the customer, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..services.counter import NoteLine


class NotesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("notesList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        hint = QLabel("F6 adds a note: pin it to the card, or mark it to ask about next visit.")
        hint.setObjectName("notesHint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)

    def set_notes(self, notes: tuple[NoteLine, ...]) -> None:
        self.list.clear()
        for n in notes:
            marks = "".join(m for m, on in (("Pinned · ", n.pinned), ("Ask next visit · ", n.cue)) if on)
            tags = f"  [{', '.join(n.tags)}]" if n.tags else ""
            item = QListWidgetItem(f"{marks}{n.text}\n— {n.author}, {n.created_at:%b %d, %Y}{tags}")
            self.list.addItem(item)
        if not notes:
            item = QListWidgetItem("No notes yet. Press F6 to write one.")
            item.setFlags(Qt.NoItemFlags)
            self.list.addItem(item)
