"""Who approves what a clerk may not do alone (a void, a return, a refund), and the
manager's name and PIN fields each of those forms shares.

One way for every form that asks a manager's PIN after the clerk filled it in: the
form asks the clerks' service whether the PIN approves *before* it closes
(:meth:`ApprovalFields.approved`). A wrong PIN, a lockout or a clerk who is not a
manager is said beside the PIN field, the PIN is cleared with the cursor in it, and
everything else typed stays; only a PIN that approves lets the form close. The
flow then passes the same name and PIN to :func:`approving_manager` inside its
operation, so what is saved is approved where it is saved (and a stand-in for the
dialog in a test is checked the same way); that second look costs one more hash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from ..domain.errors import InvalidInput, LtoError, NotAllowed
from ..domain.roles import Role
from ..services import clerks

if TYPE_CHECKING:
    from ..services.base import Actor


def approving_manager(actor: Actor, name: str, pin: str, what: str) -> Actor | None:
    """Who approves ``what``: None when the clerk at the counter is a manager (they
    approve it themselves), else the manager whose name and PIN were typed."""
    if actor.role.at_least(Role.MANAGER):
        return None
    if not pin.strip():
        raise NotAllowed(f"A manager must type their PIN to {what}. Nothing was changed.")
    return clerks.approve(name, pin, what)


class ApprovalFields:
    """The "Manager" and "Manager's PIN" rows of a form, with a line beside the PIN
    for why it did not approve.

    ``what`` is what the manager approves, as the clerks' service says it ("take a
    vehicle return"); ``thing`` names it in the form's words ("return"). With
    ``need_manager`` False (a manager at the counter) the rows are never shown and
    everything approves.
    """

    def __init__(self, name: str, *, what: str, thing: str, need_manager: bool, parent: QWidget) -> None:
        self.what = what
        self.thing = thing
        self.need_manager = need_manager
        # Made without a parent: the form adopts them in add_rows, so Tab reaches them
        # after the fields above (a child made earlier would come first in the Tab order).
        self.manager = QComboBox()
        self.manager.setObjectName(f"{name}ManagerCombo")
        self.manager.addItems([c.name for c in clerks.list_clerks() if c.role.at_least(Role.MANAGER)])
        self.pin = QLineEdit()
        self.pin.setObjectName(f"{name}PinEdit")
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setMaxLength(8)
        self.pin.setMaximumWidth(180)
        self.problem = QLabel("")
        self.problem.setObjectName(f"{name}PinProblem")
        self.problem.setStyleSheet("color: #b42318;")
        self.problem.setWordWrap(True)
        if not need_manager:  # never shown; the form still owns them
            for widget in (self.manager, self.pin, self.problem):
                widget.setParent(parent)
                widget.hide()
        self.problem.hide()

    def add_rows(self, form: QFormLayout) -> None:
        if not self.need_manager:
            return
        beside = QHBoxLayout()
        beside.addWidget(self.pin)
        beside.addWidget(self.problem, 1)
        form.addRow("Manager", self.manager)
        form.addRow("Manager's PIN", beside)

    def read(self) -> tuple[str, str]:
        """The manager's name and PIN as typed ("", "" when no manager is asked);
        InvalidInput while there is no manager to choose or no PIN that could be one."""
        if not self.need_manager:
            return "", ""
        if self.manager.count() == 0:
            raise InvalidInput(f"There is no manager login to approve a {self.thing}; ask the owner to add one.")
        try:
            pin = clerks.check_pin_format(self.pin.text())
        except InvalidInput:
            raise InvalidInput(f"{self.manager.currentText()} types their PIN to approve the {self.thing}.") from None
        return self.manager.currentText(), pin

    def approved(self) -> bool:
        """Whether the typed PIN approves (always, with no manager asked). When it does
        not, why is said beside the PIN, which is cleared and focused for another try."""
        if not self.need_manager:
            return True
        try:
            name, pin = self.read()
            clerks.approve(name, pin, self.what)
        except LtoError as exc:  # a wrong PIN, a lockout, not a manager, the database busy
            self.pin.clear()
            self.problem.setText(exc.message)
            self.problem.show()
            self.pin.setFocus()
            return False
        self.problem.clear()
        self.problem.hide()
        return True
