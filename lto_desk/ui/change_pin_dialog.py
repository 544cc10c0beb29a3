"""File → Change my PIN… (anyone logged in): the PIN they have, then the new one twice.

The PIN they have is checked by ``services.clerks.change_own_pin``: a wrong one counts
toward the lockout exactly as at the log-in page, and the dialog says how many tries
are left. Enter saves, Esc closes with nothing changed.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from ..domain.errors import InvalidInput, LtoError
from ..services import clerks
from ..services.base import Actor
from .dialogs import FormDialog


def _pin_edit(name: str, hint: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.Password)
    edit.setMaxLength(8)
    edit.setPlaceholderText(hint)
    return edit


class ChangePinDialog(FormDialog):
    """The person's own PIN, changed once the one they have is right."""

    def __init__(self, actor_of: Callable[[], Actor | None], parent: QWidget | None = None) -> None:
        super().__init__("changePinDialog", "Change my PIN", parent)
        self.actor_of = actor_of
        actor = actor_of()
        self.changed = False
        intro = QLabel(f"{actor.name if actor else 'You'}: type the PIN you use now, then your new PIN twice "
                       "(4 to 8 digits that only you know).")
        intro.setObjectName("changePinIntro")
        intro.setWordWrap(True)
        self.current = _pin_edit("currentPinEdit", "the PIN you use now")
        self.new_pin = _pin_edit("newPinEdit", "4 to 8 digits")
        self.new_pin2 = _pin_edit("newPinAgainEdit", "the new PIN again")
        self.form.addRow(intro)
        self.form.addRow("&Current PIN", self.current)
        self.form.addRow("&New PIN", self.new_pin)
        self.form.addRow("New PIN &again", self.new_pin2)
        self.buttons.button(QDialogButtonBox.Save).setText("&Change PIN")

    def read(self) -> tuple[str, str]:
        """(the PIN they have, the new one), checked as far as can be without the books."""
        if not self.current.text().strip():
            self.current.setFocus()
            raise InvalidInput("Please type the PIN you use now.")
        if self.new_pin.text() != self.new_pin2.text():
            self._retype_new()
            raise InvalidInput("The two new PINs are not the same; please type them again.")
        try:
            new = clerks.check_pin_format(self.new_pin.text())
        except InvalidInput:
            self._retype_new()
            raise
        return self.current.text(), new

    def say(self, text: str) -> None:
        super().say(text)
        self.adjustSize()  # room for the line said, the fields above it as they were

    def _retype_new(self) -> None:
        self.new_pin.clear()
        self.new_pin2.clear()
        self.new_pin.setFocus()

    def accept(self) -> None:
        """Save: the service checks the PIN they have and changes it; what went wrong is
        said here, with the field to type again in focus."""
        typed = self.value()
        actor = self.actor_of()  # the counter may have locked while the dialog was open
        if typed is None or actor is None:
            return
        current, new = typed
        try:
            clerks.change_own_pin(actor, current, new)
        except InvalidInput as exc:  # the new PIN is the one they have
            self.say(exc.message)
            self._retype_new()
            return
        except LtoError as exc:  # the PIN they have is not right (with the tries left), or locked
            self.say(f"{exc.message} Your PIN was not changed.")
            self.current.clear()
            self.current.setFocus()
            return
        self.changed = True
        QDialog.accept(self)

    @classmethod
    def ask(cls, parent: QWidget | None, actor_of: Callable[[], Actor | None]) -> bool:
        """Show it; whether the PIN was changed."""
        dialog = cls(actor_of, parent)
        try:
            dialog.exec()
            return dialog.changed
        finally:
            dialog.deleteLater()
