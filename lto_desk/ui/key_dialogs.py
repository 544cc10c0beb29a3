"""The books' key's dialogs: its state (File → Journal key…), and typing it from the sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ..domain.roles import Role
from ..services import journal_key
from .dialogs import FormDialog
from .widgets import keyed_buttons

if TYPE_CHECKING:
    from ..services.base import Actor


class KeyEntryDialog(FormDialog):
    """The key typed from the recovery sheet; kept once it is these books' key."""

    def __init__(self, why: str, parent=None) -> None:
        super().__init__("keyEntryDialog", "Type the books' key", parent)
        self.setMinimumWidth(640)  # the explanation and a refusal in two lines each, not cut
        intro = QLabel(why + " Type the four lines of the recovery sheet (spaces and dashes do not matter).")
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)  # above the form: a wrapped label in a form row was cut off
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setMaxLength(120)
        self.key_edit.setPlaceholderText("7E57 1A2B …")
        self.key_edit.setMinimumWidth(440)  # the four lines of the sheet, beside their label
        self.form.addRow("&Key:", self.key_edit)
        self.buttons.button(QDialogButtonBox.Save).setText("&Keep the key")
        self.kept_in_keyring: bool | None = None

    def read(self) -> bool:
        self.kept_in_keyring = journal_key.enter_key(self.key_edit.text())
        return self.kept_in_keyring


class KeyFlows(Protocol):
    """What the dialog's buttons ask of the window (``seal_flows.SealFlows``)."""

    def print_sheet(self) -> None: ...
    def ask_for_key(self, why: str) -> bool: ...
    def start_new_key(self) -> None: ...


class JournalKeyDialog(QDialog):
    """File → Journal key…: the key's state, and what can be done with it."""

    def __init__(self, flows: "KeyFlows", actor: "Actor", parent=None) -> None:
        super().__init__(parent)
        self.flows = flows
        self.setObjectName("journalKeyDialog")
        self.setWindowTitle("The books' key")
        self.setMinimumWidth(560)
        owner = actor.role is Role.OWNER
        self.status = QLabel()
        self.status.setObjectName("keyStatus")
        self.status.setStyleSheet("font-weight: 600;")
        self.status.setWordWrap(True)
        about = QLabel(
            "LTO Desk seals every change with this key, so nobody holding only the database file can rewrite "
            "the books without it showing. The owner keeps its recovery sheet locked away."
        )
        about.setWordWrap(True)
        self.print_button = QPushButton("&Print the recovery sheet…")
        self.print_button.setObjectName("printSheetButton")
        self.print_button.setEnabled(owner)
        self.print_button.clicked.connect(self._print)
        self.type_button = QPushButton("&Type the key from the sheet…")
        self.type_button.setObjectName("typeKeyButton")
        self.type_button.clicked.connect(self._type)
        self.new_button = QPushButton("The key is &lost: start a new one…")
        self.new_button.setObjectName("newKeyButton")
        self.new_button.setEnabled(owner)
        self.new_button.clicked.connect(self._new)
        if not owner:
            for button in (self.print_button, self.new_button):
                button.setToolTip("Only the owner does this.")
        close = keyed_buttons(QDialogButtonBox(QDialogButtonBox.Close))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (about, self.status, self.print_button, self.type_button, self.new_button, close):
            layout.addWidget(widget)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Opened by keyboard: the focus on the first button that can be pressed, so its
        Alt+letter and Tab work at once."""
        super().showEvent(event)
        if self.focusWidget() is None:
            first = next((b for b in (self.print_button, self.type_button, self.new_button) if b.isEnabled()), None)
            (first or self).setFocus(Qt.TabFocusReason)

    def refresh(self) -> None:
        status = journal_key.key_status()
        self.status.setText(status.describe())
        self.type_button.setEnabled(status.keyed)
        self.new_button.setEnabled(self.new_button.isEnabled() and status.keyed and not status.held)
        self.print_button.setEnabled(self.print_button.isEnabled() and status.held)

    def _print(self) -> None:
        self.flows.print_sheet()
        self.refresh()

    def _type(self) -> None:
        self.flows.ask_for_key("")
        self.refresh()

    def _new(self) -> None:
        self.flows.start_new_key()
        self.refresh()
