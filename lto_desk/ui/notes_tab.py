"""The notes tab: everything written about the customer, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ..services.counter import NoteLine
from ..services.relationship import note_history

if TYPE_CHECKING:
    from ..services.base import Actor
    from .shown_customer import OnScreen


class NotesPanel(QWidget):
    edit_requested = Signal(object)  # NoteLine

    def __init__(self, actor_of: Callable[[], Actor | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor_of = actor_of  # who is logged in (None when locked)
        self.list = QListWidget()
        self.list.setObjectName("notesList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.history = QListWidget()
        self.history.setObjectName("noteHistoryList")
        self.history.setWordWrap(True)
        self.history.setMaximumHeight(90)
        self.history.setToolTip("Earlier versions of the selected note")
        self.edit = QPushButton("Edit note…")
        self.edit.setObjectName("editNoteButton")
        hint = QLabel("F6 adds a note: pin it to the card, or mark it to ask about next visit.")
        hint.setObjectName("notesHint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit)
        buttons.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.notes: tuple[NoteLine, ...] = ()
        self.list.currentRowChanged.connect(self._show_history)
        self.edit.clicked.connect(self._edit)

    def selected(self) -> NoteLine | None:
        row = self.list.currentRow()
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def select_note(self, note_id: int) -> None:
        for i, n in enumerate(self.notes):
            if n.note_id == note_id:
                self.list.setCurrentRow(i)
                return

    def _edit(self) -> None:
        note = self.selected()
        if note is not None:
            self.edit_requested.emit(note)

    def _show_history(self, _row: int = -1) -> None:
        self.history.clear()
        note, actor = self.selected(), self.actor_of()
        if note is None or actor is None:
            return
        versions = note_history(actor, note.note_id)
        for v in versions:
            if not v.current:  # the current text is the one shown above
                self.history.addItem(f"Earlier: {v.text}  — {v.written_by}, {v.written_at:%b %d, %Y %I:%M %p}")
        if len(versions) <= 1:
            self.history.addItem("Not edited.")

    def show_customer(self, shown: OnScreen) -> None:
        self.set_notes(shown.card.notes, frozenset(c.note_id for c in shown.card.cues))

    def set_notes(self, notes: tuple[NoteLine, ...], open_cues: frozenset[int] = frozenset()) -> None:
        """``open_cues``: the cues not yet asked about (the card's); a cue marked asked says so."""
        self.notes = notes
        self.list.clear()
        self.edit.setEnabled(bool(notes))
        for n in notes:
            asking = n.cue and n.note_id in open_cues
            marks = "".join(m for m, on in (("Pinned · ", n.pinned), ("Ask next visit · ", asking),
                                            ("Asked · ", n.cue and not asking)) if on)
            tags = f"  [{', '.join(n.tags)}]" if n.tags else ""
            item = QListWidgetItem(f"{marks}{n.text}\n— {n.author}, {n.created_at:%b %d, %Y}{tags}")
            self.list.addItem(item)
        if not notes:
            item = QListWidgetItem("No notes yet. Press F6 to write one.")
            item.setFlags(Qt.NoItemFlags)
            self.list.addItem(item)
