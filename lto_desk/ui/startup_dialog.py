"""The start-up dialog: why the database cannot be opened, that nothing was changed,
and the way on (a backup, another file, try again, quit). Loaded only when there is
a problem to show (``ui.startup``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.errors import StorageError
from ..services.files import CannotOpen, Location
from .startup_choices import BACKUP, OTHER_FILE, QUIT, RETRY

if TYPE_CHECKING:
    from ..services.backups import BackupInfo

#: The step offered first for each kind of trouble (see CannotOpen.kind).
_FIRST_STEP = {
    "damaged": BACKUP, "empty": BACKUP, "unreadable": BACKUP,
    "foreign": OTHER_FILE, "missing": OTHER_FILE, "not-a-file": OTHER_FILE, "newer": OTHER_FILE,
    "locked": RETRY, "missing-folder": RETRY, "read-only": RETRY, "disk-full": RETRY,
}


def _label(text: str, name: str, *, size: float | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    if size or bold:
        font = QFont(label.font())
        if size:
            font.setPointSizeF(size)
        font.setBold(bold)
        label.setFont(font)
    return label


def backups_line(location: Location, backups: list["BackupInfo"]) -> str:
    from ..services.files import backups_folder
    from .restore_dialog import when

    folder = backups_folder(location)
    if not backups:
        return (f"No backups of this database were found in {folder}. A backup kept elsewhere "
                "(a USB stick) can be picked with “Open a backup…”.")
    count = f"{len(backups)} backup{'s' if len(backups) != 1 else ''}"
    return f"{count} of this database in {folder}; the latest is from {when(backups[0].taken_at)}."


class StartupProblemDialog(QDialog):
    """Why the database cannot be opened, in three short paragraphs, and the way on."""

    def __init__(self, problem: StorageError, location: Location, backups: list["BackupInfo"],
                 note: str = "", parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt  # Qt's enums and QStyle's load only when a problem is shown
        from PySide6.QtWidgets import QStyle

        super().__init__(parent)
        self.setObjectName("startupProblemDialog")
        self.setWindowTitle("LTO Desk cannot open the database")
        self.setMinimumWidth(660)
        self.choice = QUIT
        detailed = isinstance(problem, CannotOpen)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(48, 48))
        icon.setObjectName("startupIcon")
        path = problem.path if detailed else None
        headline = problem.problem if detailed else problem.message
        if path is not None:  # the name in the sentence, the whole path on its own line
            headline = headline.replace(str(path), path.name)
        self.problem = _label(headline, "startupProblem", size=13, bold=True)
        self.file = _label(f"File: {path}" if path is not None else "", "startupFile")
        self.file.setVisible(path is not None)
        self.file.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.file.setStyleSheet("color: #4a5563;")
        self.unchanged = _label(problem.unchanged if detailed else "", "startupUnchanged", bold=True)
        self.unchanged.setStyleSheet("color: #256b33;")  # the reassuring part
        self.unchanged.setVisible(bool(self.unchanged.text()))
        self.next_step = _label(f"What to do: {problem.next_step}" if detailed else "", "startupNextStep")
        self.next_step.setVisible(bool(detailed and problem.next_step))
        self.backups = _label(backups_line(location, backups), "startupBackups")
        self.note = _label(note, "formMessage")
        self.note.setVisible(bool(note))

        self.backup_button = self._button("Open a &backup…", "openBackupButton", BACKUP)
        self.file_button = self._button("Choose another &file…", "chooseFileButton", OTHER_FILE)
        self.retry_button = self._button("&Try again", "tryAgainButton", RETRY)
        self.quit_button = self._button("&Quit", "quitButton", QUIT)
        # A backup cannot be brought back into a folder that is not there (a USB stick not plugged in).
        self.backup_button.setEnabled(location.path is not None and location.path.parent.is_dir())
        first = _FIRST_STEP.get(problem.kind if detailed else "", RETRY)
        if first == BACKUP and not (backups and self.backup_button.isEnabled()):
            first = OTHER_FILE
        self.first = {BACKUP: self.backup_button, OTHER_FILE: self.file_button, RETRY: self.retry_button}[first]
        self.first.setDefault(True)
        self.backups.setVisible(self.backup_button.isEnabled())

        text = QVBoxLayout()
        text.setSpacing(10)
        for widget in (self.problem, self.file, self.unchanged, self.next_step, self.note, self.backups):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignTop)
        top.addLayout(text, 1)
        top.setSpacing(16)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.file_button, self.retry_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.first.setFocus()  # Enter takes the step offered first

    def _button(self, text: str, name: str, choice: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, problem: StorageError, location: Location,
            backups: list["BackupInfo"], note: str = "") -> str:
        """BACKUP, OTHER_FILE, RETRY or QUIT (closing the dialog is QUIT)."""
        dialog = cls(problem, location, backups, note, parent)
        return dialog.choice if dialog.exec() == QDialog.Accepted else QUIT
