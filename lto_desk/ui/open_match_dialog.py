"""The lookup's one question before opening a customer found by something other than
their name or phone: "Receipt 000175 — Carmen Vásquez. Open?"."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..services.counter import LookupRow, MatchKind


def question(row: LookupRow) -> str:
    """What the dialog asks: "Receipt 000175 — Carmen Vásquez. Open?"."""
    found_by = f"Note “{row.key}”" if row.kind is MatchKind.NOTE else row.found_by[:1].upper() + row.found_by[1:]
    return f"{found_by} — {row.name}. Open?"


class OpenMatchDialog(QDialog):
    """Enter opens the customer; Esc goes back to the lookup (what was typed stays)."""

    def __init__(self, row: LookupRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openMatchDialog")
        self.setWindowTitle("Open this customer?")
        self.setMinimumWidth(420)
        self.question = QLabel(question(row))
        self.question.setObjectName("openMatchQuestion")
        self.question.setWordWrap(True)
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        detail = QLabel(" · ".join(part for part in (row.vehicle, row.status) if part))
        detail.setWordWrap(True)
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("openMatchButton")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.accept)
        back = QPushButton("&Back to the lookup")
        back.setObjectName("openMatchBackButton")
        back.setAutoDefault(False)
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(detail)
        layout.addLayout(buttons)
        self.open_button.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, row: LookupRow) -> bool:
        """True when the clerk chose to open ``row``'s customer."""
        dialog = cls(row, parent)
        try:
            return dialog.exec() == QDialog.Accepted
        finally:
            dialog.deleteLater()  # one per Enter otherwise, left under the lookup
