"""Staff (File → Staff…, or Staff… in Settings): everyone who can log in, with their role
and status. The owner adds people, changes roles, resets PINs and turns logins off and
on again; a manager sees the list and may reset a clerk's PIN.

The forms (:class:`AddPersonDialog`, :class:`RoleDialog`) and the questions
(:class:`StaffQuestion`) collect answers; the dialog calls ``services.staff`` with
whoever is logged in at that moment.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import LtoError
from ..domain.roles import Role
from ..services import staff
from ..services.base import Actor, required_text
from ..services.staff import StaffRow
from .dialogs import FormDialog
from .models import RowsModel
from .widgets import fit_to_screen, restyle, row_table

#: The Status column's words, and what its tooltip adds.
STATUS = {
    "active": ("Active", "Logs in with their own PIN."),
    "needs a PIN": ("Needs a PIN", "Chooses their own PIN at their next log-in."),
    "locked": ("Locked", "Locked after wrong PINs: a manager can unlock it at the log-in page, or reset the PIN."),
    "no longer active": ("No longer active", "Cannot log in; what they did keeps their name."),
}

OWNER_ONLY = "Only the owner can do this."
CLERKS_ONLY = "A manager may reset a clerk's PIN only; the owner resets the others'."


class StaffModel(RowsModel[StaffRow]):
    columns = (
        ("Name", lambda r: r.name, False),
        ("Role", lambda r: r.role.label, False),
        ("Status", lambda r: STATUS[r.status][0], False),
        ("Added", lambda r: f"{r.created_at:%b} {r.created_at.day}, {r.created_at.year}", False),
    )

    def extra(self, row: StaffRow, role: int) -> Any:
        if role == Qt.ToolTipRole:
            return f"{row.name}: {STATUS[row.status][1]}"
        if role == Qt.ForegroundRole and not row.active:
            return QColor("#6b6b6b")
        return None


ROLE_CHOICES = ((Role.CLERK, "Clerk — takes payments"), (Role.MANAGER, "Manager — approves, voids, runs reports"),
                (Role.OWNER, "Owner — everything, and the staff list"))


def _role_combo(name: str, current: Role) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for role, label in ROLE_CHOICES:
        combo.addItem(label, role.value)  # the value: the binding would hand back a plain str
    combo.setCurrentIndex(max(0, combo.findData(current.value)))
    return combo


class AddPersonDialog(FormDialog):
    """A new person's name and role; no PIN (they choose their own at their first log-in)."""

    def __init__(self, parent: QWidget | None, typed: tuple[str, Role] | None = None, problem: str = "") -> None:
        super().__init__("addPersonDialog", "Add a person", parent)
        self.name = QLineEdit(typed[0] if typed else "")
        self.name.setObjectName("personNameEdit")
        self.name.setMaxLength(60)
        self.name.setPlaceholderText("First and last name, as it shows on receipts")
        self.role = _role_combo("personRoleCombo", typed[1] if typed else Role.CLERK)
        note = QLabel("They choose their own PIN when they first log in: pick their name on the log-in page "
                      "and press Enter. Ask them to do it soon.")
        note.setWordWrap(True)
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Role", self.role)
        self.form.addRow(note)
        self.buttons.button(QDialogButtonBox.Save).setText("&Add")
        self.say(problem)

    def read(self) -> tuple[str, Role]:
        return required_text(self.name.text(), "the person's name", maximum=60), Role(self.role.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, typed: tuple[str, Role] | None = None,
            problem: str = "") -> tuple[str, Role] | None:
        dialog = cls(parent, typed, problem)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()


class RoleDialog(FormDialog):
    """Another role for one person."""

    def __init__(self, row: StaffRow, parent: QWidget | None = None) -> None:
        super().__init__("roleDialog", f"{row.name}'s role", parent)
        self.row = row
        self.role = _role_combo("newRoleCombo", row.role)
        self.form.addRow(QLabel(f"{row.name} is a {row.role.value} now; they log in again to use a new role."))
        self.form.addRow("New &role", self.role)
        self.buttons.button(QDialogButtonBox.Save).setText("&Change role")

    def read(self) -> Role:
        return Role(self.role.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, row: StaffRow) -> Role | None:
        dialog = cls(row, parent)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()


class StaffQuestion(QMessageBox):
    """Yes or no before a change that matters (Cancel, the default, changes nothing)."""

    def __init__(self, title: str, text: str, detail: str, do: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffQuestion")
        self.setIcon(QMessageBox.Question)
        self.setWindowTitle(title)
        self.setText(text)
        self.setInformativeText(detail)
        # Our own buttons: addButton(str, role)'s answer has been a stale wrapper in long runs.
        self.do_button = QPushButton(do, self)
        self.do_button.setObjectName("staffQuestionDo")
        self.addButton(self.do_button, QMessageBox.AcceptRole)
        cancel = QPushButton("Cancel", self)
        self.addButton(cancel, QMessageBox.RejectRole)
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, detail: str, do: str) -> bool:
        question = cls(title, text, detail, do, parent)
        try:
            question.exec()
            return question.clickedButton() is question.do_button
        finally:
            question.deleteLater()


class StaffDialog(QDialog):
    """The staff list and what the person logged in may do with it."""

    def __init__(self, actor_of: Callable[[], Actor | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.setWindowTitle("Staff")
        self.actor_of = actor_of
        self.intro = QLabel()
        self.intro.setObjectName("staffIntro")
        self.intro.setWordWrap(True)
        self.model = StaffModel(self)
        self.table = row_table(self.model, "staffTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        self.message = QLabel()
        self.message.setObjectName("staffMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.add_button = QPushButton("&Add…")
        self.add_button.setObjectName("addPersonButton")
        self.role_button = QPushButton("Change &role…")
        self.role_button.setObjectName("changeRoleButton")
        self.reset_button = QPushButton("Reset &PIN…")
        self.reset_button.setObjectName("resetPinButton")
        self.active_button = QPushButton()
        self.active_button.setObjectName("deactivateButton")
        self._name_active_button("Deactivate…")
        close_box = QDialogButtonBox(QDialogButtonBox.Close)
        self.close_button = close_box.button(QDialogButtonBox.Close)
        self.close_button.setObjectName("staffCloseButton")
        self.close_button.setAutoDefault(False)  # Enter on the list closes nothing; Esc closes
        self.role_note = QLabel()
        self.role_note.setObjectName("staffRoleNote")
        self.role_note.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.reset_button, self.active_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.role_note)
        layout.addLayout(buttons)
        for a, b in ((self.table, self.add_button), (self.add_button, self.role_button),
                     (self.role_button, self.reset_button), (self.reset_button, self.active_button),
                     (self.active_button, self.close_button)):
            QWidget.setTabOrder(a, b)

        self.add_button.clicked.connect(self.add_person)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button.clicked.connect(self.reset_pin)
        self.active_button.clicked.connect(self.deactivate_or_reactivate)
        close_box.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        fit_to_screen(self, QSize(760, 480))
        self.refresh()
        self.table.setFocus()

    # -- what is shown ----------------------------------------------------------------------
    def say(self, text: str, level: str = "info") -> None:
        restyle(self.message, "level", level)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def selected(self) -> StaffRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def refresh(self, select_id: int | None = None) -> None:
        """The list read again (for the person logged in now), the same person kept selected."""
        actor = self.actor_of()
        keep = select_id if select_id is not None else getattr(self.selected(), "id", None)
        try:
            rows = staff.list_staff(actor) if actor is not None else []
        except LtoError as exc:
            rows = []
            self.say(exc.message, "error")
        self.model.set_rows(rows)
        at = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        if at >= 0:
            self.table.selectRow(at)
        owner = actor is not None and actor.role is Role.OWNER
        self.intro.setText(
            "Everyone who can log in. A person you add, or whose PIN you reset, chooses their own PIN at "
            "their next log-in: nobody else ever knows it." if owner else
            "Everyone who can log in. You may reset a clerk's PIN: they choose a new one at their next log-in."
        )
        self.role_note.setText("" if owner else
                               "Only the owner adds people, changes roles and turns logins off; "
                               "a manager resets a clerk's PIN.")
        self.role_note.setVisible(not owner)
        self._update_buttons()

    def _name_active_button(self, text: str) -> None:
        """Deactivate… or Reactivate, on Alt+D either way (setText takes a button's key away)."""
        self.active_button.setText(text)
        self.active_button.setShortcut(QKeySequence("Alt+D"))

    def _update_buttons(self) -> None:
        actor = self.actor_of()
        row = self.selected()
        owner = actor is not None and actor.role is Role.OWNER
        manager = actor is not None and actor.role.at_least(Role.MANAGER)
        inactive = row is not None and not row.active
        self._name_active_button("Reactivate" if inactive else "Deactivate…")

        def allow(button: QPushButton, can: bool, yes: str, no: str) -> None:
            button.setEnabled(can)
            button.setToolTip(yes if can else no)

        allow(self.add_button, owner, "Add a clerk, a manager or an owner", OWNER_ONLY)
        allow(self.role_button, owner and row is not None, "Make the selected person a clerk, manager or owner",
              OWNER_ONLY if not owner else "Pick a person first")
        mine = row is not None and actor is not None and row.id == actor.id
        may_reset = row is not None and not mine and (owner or (manager and row.role is Role.CLERK))
        allow(self.reset_button, may_reset,
              "They choose a new PIN at their next log-in (their name is unlocked too)",
              "Another owner resets your PIN" if mine else CLERKS_ONLY if manager and not owner else
              "Pick a person first" if manager else OWNER_ONLY)
        allow(self.active_button, owner and row is not None and not mine,
              "They can log in again" if inactive else "They can no longer log in; their history keeps their name",
              OWNER_ONLY if not owner else
              "You cannot turn off your own login while you are using it" if mine else "Pick a person first")

    # -- what the owner (or a manager) does ----------------------------------------------------
    def _done(self, text: str, select_id: int | None = None) -> None:
        self.refresh(select_id)
        self.say(text)

    def _failed(self, exc: LtoError) -> None:
        self.refresh()
        self.say(f"{exc.message} Nothing was changed.", "error")

    def add_person(self) -> None:
        typed, problem = None, ""
        while True:
            asked = AddPersonDialog.ask(self, typed, problem)
            actor = self.actor_of()  # the counter may have locked while the form was open
            if asked is None or actor is None:
                return
            try:
                person = staff.add_staff(actor, *asked)
            except LtoError as exc:
                typed, problem = asked, exc.message
                continue
            break
        name, role = asked
        self._done(f"Added {' '.join(name.split())} as a {role.value}. They choose their own PIN when they first "
                   "log in: ask them to do it soon.", person)

    def change_role(self) -> None:
        row = self.selected()
        if row is None:
            return
        role = RoleDialog.ask(self, row)
        actor = self.actor_of()
        if role is None or actor is None:
            return
        try:
            staff.change_role(actor, row.id, role)
        except LtoError as exc:
            self._failed(exc)
            return
        self._done(f"{row.name} is now a {role.value}; they log in again to use it.", row.id)

    def reset_pin(self) -> None:
        row = self.selected()
        if row is None or not StaffQuestion.ask(
                self, "Reset PIN", f"Reset {row.name}'s PIN?",
                f"{row.name}'s PIN stops working now; they choose a new one when they next pick their name at "
                "the log-in page. Until they do, anyone there could choose it: ask them to do it soon.",
                "&Reset PIN"):
            return
        actor = self.actor_of()
        if actor is None:
            return
        try:
            staff.reset_pin(actor, row.id)
        except LtoError as exc:
            self._failed(exc)
            return
        self._done(f"{row.name}'s PIN is reset: they choose a new one at their next log-in.", row.id)

    def deactivate_or_reactivate(self) -> None:
        row = self.selected()
        actor = self.actor_of()
        if row is None or actor is None:
            return
        if row.active and not StaffQuestion.ask(
                self, "Deactivate", f"Turn off {row.name}'s login?",
                f"{row.name} can no longer log in. Everything they did keeps their name; Reactivate lets "
                "them log in again with their PIN.", "&Deactivate"):
            return
        actor = self.actor_of()
        if actor is None:
            return
        try:
            if row.active:
                staff.deactivate(actor, row.id)
            else:
                staff.reactivate(actor, row.id)
        except LtoError as exc:
            self._failed(exc)
            return
        self._done(f"{row.name} can no longer log in." if row.active else f"{row.name} can log in again.", row.id)

    @classmethod
    def show_for(cls, parent: QWidget | None, actor_of: Callable[[], Actor | None]) -> None:
        dialog = cls(actor_of, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
