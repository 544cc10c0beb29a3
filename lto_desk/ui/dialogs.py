"""Dialogs that collect input and return it; they never write to the database.

Each has a ``classmethod ask(...)`` so tests can stand in for the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidInput
from ..services.base import required_text
from ..services.customers import NOTE_TAGS
from .widgets import keyed_buttons, start_in_first_field
from .approval import ApprovalFields
from .note_box import note_box


class FormDialog(QDialog):
    """A form, a line for what is wrong, Save and Cancel; Save closes only when ``value()`` reads."""

    def __init__(self, name: str, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(500)
        self.form = QFormLayout()
        self.message = QLabel("")
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = keyed_buttons(QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._started = False
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """The first time it shows: Tab in the order the fields are laid out, the focus in the first."""
        super().showEvent(event)
        if not self._started and not event.spontaneous():
            self._started = True
            start_in_first_field(self)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def read(self):  # pragma: no cover - each dialog reads its own fields
        raise NotImplementedError

    def run(self):
        """Show it; what was typed once Save is accepted, else None."""
        return self.value() if self.exec() == QDialog.Accepted else None

    def value(self):
        """What was typed, or None (with the reason shown in the dialog)."""
        try:
            result = self.read()
        except InvalidInput as exc:
            self.say(exc.message)
            return None
        self.say("")
        return result

    def accept(self) -> None:
        if self.value() is not None:
            super().accept()



@dataclass(frozen=True)
class Approval:
    """A reason, and (when the clerk is not a manager) the manager's name and PIN."""

    reason: str
    manager_name: str
    manager_pin: str


class ApprovalDialog(FormDialog):
    """A reason and, when the clerk is not a manager, the approving manager's PIN (a void).

    ``headline`` says in full what is approved (which receipt, how much, whose);
    ``approves`` is what the manager approves as the clerks' service says it ("void a
    payment") and ``thing`` its name on the form ("void"). The PIN is checked before
    the dialog closes (see ``approval.ApprovalFields``): a wrong one keeps the reason.
    """

    def __init__(
        self, what: str, detail: str, need_manager: bool, parent: QWidget | None = None, *,
        headline: str = "", approves: str = "void a payment", thing: str = "void", confirm: str = "",
    ) -> None:
        super().__init__("approvalDialog", what, parent)
        self.thing = thing
        self.need_manager = need_manager
        title = QLabel(headline or what)
        title.setObjectName("approvalHeadline")
        title.setStyleSheet("font-weight: 600;")
        title.setWordWrap(True)
        intro = QLabel(detail)
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("approvalReasonEdit")
        self.reason.setMaxLength(300)
        self.reason.setPlaceholderText("why (required)")
        self.approval = ApprovalFields(
            "approval", what=approves, thing=thing, need_manager=need_manager, parent=self
        )
        self.manager, self.pin = self.approval.manager, self.approval.pin
        self.form.addRow(title)
        self.form.addRow(intro)
        self.form.addRow("Reason", self.reason)
        self.approval.add_rows(self.form)
        if confirm:
            self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save).setText(confirm)
        self.reason.setFocus()

    def read(self) -> Approval:
        reason = required_text(self.reason.text(), f"the reason for the {self.thing}", minimum=3, maximum=300)
        manager_name, manager_pin = self.approval.read()
        return Approval(reason, manager_name, manager_pin)

    def accept(self) -> None:
        if self.value() is not None and self.approval.approved():
            QDialog.accept(self)

    @classmethod
    def ask(
        cls, parent: QWidget | None, what: str, detail: str, need_manager: bool, **wording: str
    ) -> Approval | None:
        """Show it; the reason (and the manager's name and PIN, which approved) once
        accepted, else None. ``wording``: headline, approves, thing, confirm."""
        dialog = cls(what, detail, need_manager, parent, **wording)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()


@dataclass(frozen=True)
class NoteInput:
    text: str
    pinned: bool
    cue: bool
    tags: tuple[str, ...] = ()


class NoteDialog(QDialog):
    """A note about the customer, or something to ask about next visit; also edits one."""

    def __init__(
        self, name: str, parent: QWidget | None = None, *, current: NoteInput | None = None,
        draft: NoteInput | None = None, problem: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(f"{'Edit note' if current else 'Note'} about {name}")
        self.text = note_box("noteEdit", "e.g. Daughter Ana graduates in May — ask how it went",
                             saves=self.accept, keys_on=self)
        self.pinned = QCheckBox("Pin to the card")
        self.cue = QCheckBox("Ask about it next visit")
        self.tag_boxes = {t: QCheckBox(t) for t in NOTE_TAGS}
        tags_row = QHBoxLayout()
        for box in self.tag_boxes.values():
            tags_row.addWidget(box)
        buttons = keyed_buttons(QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(tags_row)
        layout.addWidget(self.pinned)
        layout.addWidget(self.cue)
        self.problem = QLabel(problem)
        self.problem.setObjectName("formMessage")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        filled = current or draft  # an earlier text, or what was typed before a save failed
        if filled is not None:
            self.text.setPlainText(filled.text)
            self.pinned.setChecked(filled.pinned)
            for t in filled.tags:
                if t in self.tag_boxes:
                    self.tag_boxes[t].setChecked(True)
        if draft is not None:
            self.cue.setChecked(draft.cue)
        if current is not None:
            self.cue.hide()  # a note stays a note; a cue is closed by marking it asked

    def value(self) -> NoteInput:
        return NoteInput(
            self.text.toPlainText(), self.pinned.isChecked(), self.cue.isChecked(),
            tuple(t for t, box in self.tag_boxes.items() if box.isChecked()),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, name: str, current: NoteInput | None = None, *,
        draft: NoteInput | None = None, problem: str = "",
    ) -> NoteInput | None:
        dialog = cls(name, parent, current=current, draft=draft, problem=problem)
        return dialog.value() if dialog.exec() == QDialog.Accepted else None


class CueDialog(QDialog):
    """Mark a talk-about cue as asked; what they said becomes a new note."""

    def __init__(self, cue: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cueDialog")
        self.setWindowTitle("Asked about it")
        question = QLabel(f"“{cue}”")
        question.setWordWrap(True)
        self.answer = note_box("cueAnswerEdit", "What did they say? (optional — saved as a note)",
                               saves=self.accept, keys_on=self)
        buttons = keyed_buttons(QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.answer)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, cue: str) -> str | None:
        """The answer ("" for none); None when cancelled."""
        dialog = cls(cue, parent)
        return dialog.answer.toPlainText().strip() if dialog.exec() == QDialog.Accepted else None
