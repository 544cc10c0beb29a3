"""The log-in page (also the idle-lock screen), and first-run owner creation.

A name locked until a manager unlocks it (after three lockouts in a row) says
"Locked: a manager can unlock" and shows two more rows: a manager (or the owner)
picks their name, types their PIN and presses Enter; Esc puts the rows away.

A person with no PIN yet (the owner just added them, or reset theirs) who picks their
name and presses Enter is asked to choose one, typed twice, and is then logged in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import LtoError
from ..services.files import FirstLook

if TYPE_CHECKING:
    from ..services.base import Actor


#: The PIN length the first owner is told is safer (a PIN may have 4 to 8 digits:
#: services.clerks.check_pin_format).
SAFER_PIN_DIGITS = 6


def _pin_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.Password)
    edit.setMaxLength(8)
    edit.setPlaceholderText("PIN")
    return edit


class LoginPage(QWidget):
    """Pick your name, type your PIN. With no clerks yet, create the owner.

    ``database_ready`` opens the database when the window left it for after its first
    paint (``MainWindow.ensure_database``); False when it cannot be used."""

    logged_in = Signal(object)  # Actor

    def __init__(self, database_ready: Callable[[], bool] = lambda: True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_ready = database_ready
        self.setObjectName("loginPage")
        self.box = QFrame()
        self.box.setObjectName("loginBox")
        self.box.setFixedWidth(380)
        self.title = QLabel("LTO Desk")
        self.title.setObjectName("loginTitle")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)

        self.name_combo = QComboBox()
        self.name_combo.setObjectName("loginNameCombo")
        self.pin_edit = _pin_edit("loginPinEdit")
        self.login_button = QPushButton("Log in")
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.login_form = QWidget()
        form = QFormLayout(self.login_form)
        form.addRow("Name", self.name_combo)
        form.addRow("PIN", self.pin_edit)
        form.addRow("", self.login_button)

        self.unlock_manager = QComboBox()
        self.unlock_manager.setObjectName("unlockManagerCombo")
        self.unlock_pin = _pin_edit("unlockPinEdit")
        self.unlock_pin.setPlaceholderText("Manager's PIN")
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_box = QWidget()
        uform = QFormLayout(self.unlock_box)
        uform.addRow("Manager", self.unlock_manager)
        uform.addRow("Manager's PIN", self.unlock_pin)
        uform.addRow("", self.unlock_button)
        self.unlock_box.setVisible(False)
        self._locked_id: int | None = None
        # The unlock rows' fields line up under the Name and PIN fields.
        labels = [f.labelForField(w) for f, ws in ((form, (self.name_combo, self.pin_edit)),
                                                  (uform, (self.unlock_manager, self.unlock_pin))) for w in ws]
        widest = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(widest)

        self.new_pin = _pin_edit("newPinEdit")
        self.new_pin.setPlaceholderText(f"{SAFER_PIN_DIGITS} digits")
        self.new_pin2 = _pin_edit("newPinConfirmEdit")
        self.new_pin2.setPlaceholderText("PIN again")
        self.new_pin_button = QPushButton("&Save PIN and log in")
        self.new_pin_button.setObjectName("saveNewPinButton")
        self.new_pin_form = QWidget()
        nform = QFormLayout(self.new_pin_form)
        nform.addRow("New PIN", self.new_pin)
        nform.addRow("PIN again", self.new_pin2)
        nform.addRow("", self.new_pin_button)
        self.new_pin_form.setVisible(False)
        self._choosing: str | None = None  # whose new PIN the rows ask for
        self._said_before = ""  # the subtitle to put back when they are put away

        self.owner_name = QLineEdit()
        self.owner_name.setObjectName("ownerNameEdit")
        self.owner_name.setPlaceholderText("Your name")
        self.owner_pin = _pin_edit("ownerPinEdit")
        self.owner_pin2 = _pin_edit("ownerPinConfirmEdit")
        self.owner_pin2.setPlaceholderText("PIN again")
        self.owner_button = QPushButton("Create the owner's login")
        self.owner_button.setObjectName("createOwnerButton")
        self.owner_form = QWidget()
        oform = QFormLayout(self.owner_form)
        self.owner_pin.setPlaceholderText(f"{SAFER_PIN_DIGITS} digits")
        self.owner_hint = QLabel(f"{SAFER_PIN_DIGITS} digits or more is safer.")
        self.owner_hint.setObjectName("ownerPinHint")
        oform.addRow("Owner's name", self.owner_name)
        oform.addRow("PIN (4–8 digits)", self.owner_pin)
        oform.addRow("", self.owner_hint)
        oform.addRow("PIN again", self.owner_pin2)
        oform.addRow("", self.owner_button)

        inner = QVBoxLayout(self.box)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addWidget(self.login_form)
        inner.addWidget(self.new_pin_form)
        inner.addWidget(self.owner_form)
        inner.addWidget(self.message)
        inner.addWidget(self.unlock_box)
        row = QHBoxLayout()  # centred by stretches: Qt's alignment enums take ~30 ms to load
        row.addStretch(1)
        row.addWidget(self.box)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.login_button.clicked.connect(self._log_in)
        self.pin_edit.returnPressed.connect(self._log_in)
        self.owner_button.clicked.connect(self._create_owner)
        self.owner_pin2.returnPressed.connect(self._create_owner)
        self.unlock_button.clicked.connect(self._unlock)
        self.unlock_pin.returnPressed.connect(self._unlock)
        self.name_combo.currentTextChanged.connect(self._put_unlock_away)
        self.new_pin.returnPressed.connect(self.new_pin2.setFocus)
        self.new_pin2.returnPressed.connect(self._save_new_pin)
        self.new_pin_button.clicked.connect(self._save_new_pin)
        for widget in (self.unlock_manager, self.unlock_pin, self.unlock_button,
                       self.new_pin, self.new_pin2, self.new_pin_button):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Esc in the unlock rows, or in the new PIN's, puts them away and goes back to the PIN."""
        if event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape and (
                self.unlock_box.isVisible() or self.new_pin_form.isVisible()):
            self._put_unlock_away()
            self._put_new_pin_away()
            self.message.clear()
            self.pin_edit.setFocus()
            return True
        return super().eventFilter(watched, event)

    def prepare(self, *, locked_for: str | None = None, quiet: bool = False,
                first_look: FirstLook | None = None) -> None:
        """Fill the names (from ``first_look`` when the database is yet to open, else
        from the clerks on file); on a lock, pre-select who was working and say who
        locked it (``locked_for`` themselves, or the idle timer when ``quiet``)."""
        self.message.clear()
        self.pin_edit.clear()
        self._put_unlock_away()
        self._put_new_pin_away()
        if first_look is None:
            from ..services import clerks

            first_look = FirstLook(clerks.has_clerks(), tuple(c.name for c in clerks.list_clerks()))
        first_run = not first_look.any_clerks
        self.login_form.setVisible(not first_run)
        self.owner_form.setVisible(first_run)
        if first_run:
            self.subtitle.setText("Welcome! First, make the owner's login. The owner adds the other clerks later.")
            self.owner_name.setFocus()
            return
        if not locked_for:
            said = "Pick your name and type your PIN."
        else:
            said = (f"Locked after a quiet spell. {locked_for}," if quiet
                    else f"Locked by {locked_for}. {locked_for.split()[0]},")
            said += (" type your PIN to carry on — nothing was lost. "
                     "Anyone else picks their name and starts with an empty counter.")
        self.subtitle.setText(said)
        current = locked_for or self.name_combo.currentText()
        self.name_combo.clear()
        self.name_combo.addItems(list(first_look.clerk_names))
        if current:
            i = self.name_combo.findText(current)
            if i >= 0:
                self.name_combo.setCurrentIndex(i)
        self.pin_edit.setFocus()

    def _log_in(self) -> None:
        if not self.database_ready():
            return
        from ..services import clerks

        try:
            actor = clerks.log_in(self.name_combo.currentText(), self.pin_edit.text())
        except clerks.NewPinNeeded:
            self._ask_for_new_pin(self.name_combo.currentText())
            return
        except clerks.LockedOut as exc:
            self.pin_edit.clear()
            if exc.needs_manager:
                self._offer_unlock(exc.clerk_id, self.name_combo.currentText())
            else:
                self.message.setText(exc.message)
                self.pin_edit.setFocus()
            return
        except LtoError as exc:
            self.message.setText(exc.message)
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            return
        self.pin_edit.clear()
        self.logged_in.emit(actor)

    # -- a person with no PIN yet chooses one ---------------------------------------------------------
    def _ask_for_new_pin(self, name: str) -> None:
        self._choosing = name
        self._said_before = self.subtitle.text()
        self.pin_edit.clear()
        self.message.clear()
        self.login_form.setVisible(False)
        self.new_pin_form.setVisible(True)
        first = name.split()[0] if name else ""
        self.subtitle.setText(f"Welcome, {first}! Choose your own PIN: 4 to 8 digits that only you know "
                              f"({SAFER_PIN_DIGITS} or more is safer). Type it twice; Esc goes back.")
        self.new_pin.setFocus()

    def _put_new_pin_away(self) -> None:
        if self._choosing is None:
            return
        self._choosing = None
        self.new_pin.clear()
        self.new_pin2.clear()
        self.new_pin_form.setVisible(False)
        self.login_form.setVisible(True)
        self.subtitle.setText(self._said_before)

    def _save_new_pin(self) -> None:
        if self._choosing is None:
            return
        if self.new_pin.text() != self.new_pin2.text():
            self.message.setText("The two PINs are not the same; please type them again.")
            self.new_pin.clear()
            self.new_pin2.clear()
            self.new_pin.setFocus()
            return
        if not self.database_ready():
            return
        from ..services import clerks

        try:
            actor = clerks.choose_pin(self._choosing, self.new_pin.text())
        except LtoError as exc:
            self.message.setText(exc.message)
            self.new_pin.clear()
            self.new_pin2.clear()
            self.new_pin.setFocus()
            return
        self._put_new_pin_away()
        self.logged_in.emit(actor)

    # -- a name locked until a manager unlocks it ------------------------------------------------
    def _offer_unlock(self, clerk_id: int, name: str) -> None:
        from ..domain.roles import Role
        from ..services import clerks

        managers = [c.name for c in clerks.list_clerks() if c.role.at_least(Role.MANAGER) and c.id != clerk_id]
        if not managers:  # nobody else could: the lock lasts a day instead (clerks.py), so not said here
            self.message.setText(f"{name} is locked after too many wrong PINs.")
            self.pin_edit.setFocus()
            return
        self._locked_id = clerk_id
        self.message.setText(f"Locked: a manager can unlock. {name} typed too many wrong PINs; "
                             "a manager or the owner picks their name below and types their PIN.")
        self.unlock_manager.clear()
        self.unlock_manager.addItems(managers)
        self.unlock_pin.clear()
        self.unlock_box.setVisible(True)
        self.unlock_pin.setFocus()

    def _put_unlock_away(self) -> None:
        self._locked_id = None
        self.unlock_pin.clear()
        self.unlock_box.setVisible(False)

    def _unlock(self) -> None:
        if self._locked_id is None or not self.database_ready():
            return
        from ..services import clerks

        name = self.name_combo.currentText()
        try:
            manager = clerks.approve(self.unlock_manager.currentText(), self.unlock_pin.text(), f"unlock {name}")
            clerks.unlock_clerk(manager, self._locked_id)
        except LtoError as exc:
            self.message.setText(exc.message)
            self.unlock_pin.clear()
            self.unlock_pin.setFocus()
            return
        self._put_unlock_away()
        first = name.split()[0] if name else ""
        self.message.setText(f"{manager.name} unlocked {name}. {first}, type your PIN.")
        self.pin_edit.setFocus()

    def _create_owner(self) -> None:
        if self.owner_pin.text() != self.owner_pin2.text():
            self.message.setText("The two PINs are not the same; please type them again.")
            self.owner_pin.clear()
            self.owner_pin2.clear()
            self.owner_pin.setFocus()
            return
        if not self.database_ready():
            return
        from ..services import clerks

        try:
            actor: Actor = clerks.create_clerk(None, self.owner_name.text(), "owner", self.owner_pin.text())
        except LtoError as exc:
            self.message.setText(exc.message)
            return
        self.owner_pin.clear()
        self.owner_pin2.clear()
        self.logged_in.emit(actor)
