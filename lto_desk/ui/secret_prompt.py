"""The small window that asks for a password (the database server's, the mail account's).

It says why it asks and whether the answer will be remembered; the typing is hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .widgets import keyed_buttons

if TYPE_CHECKING:
    from ..services.passwords import SecretRequest


class SecretPrompt(QDialog):
    """Asks for one secret; OK only once something is typed."""

    def __init__(self, request: SecretRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretPrompt")
        self.setWindowTitle("Password needed")
        self.setMinimumWidth(460)
        why = QLabel(f"LTO Desk needs {request.label} to go on.")
        why.setObjectName("secretWhy")
        why.setWordWrap(True)
        self.note = QLabel(request.note)
        self.note.setObjectName("secretNote")
        self.note.setWordWrap(True)
        self.edit = QLineEdit()
        self.edit.setObjectName("secretEdit")
        self.edit.setEchoMode(QLineEdit.Password)
        form = QFormLayout()
        form.addRow("Password", self.edit)
        self.buttons = keyed_buttons(QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.ok.setEnabled(False)
        self.edit.textChanged.connect(lambda text: self.ok.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.edit.setFocus()

    def value(self) -> str | None:
        return self.edit.text() or None

    @classmethod
    def ask(cls, parent: QWidget | None, request: SecretRequest) -> str | None:
        """The password typed, or None when the person cancels."""
        dialog = cls(request, parent)
        try:
            return dialog.value() if dialog.exec() == QDialog.Accepted else None
        finally:
            dialog.edit.clear()
            dialog.deleteLater()

    @classmethod
    def asker(cls, parent: QWidget | None) -> Callable[[SecretRequest], str | None]:
        """The ``ask`` to hand to the keyring's ``get_secret`` (``store.secrets``) from a window."""
        return lambda request: cls.ask(parent, request)
