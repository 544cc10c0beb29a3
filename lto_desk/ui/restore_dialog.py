"""Choosing a backup to restore, and the last word before the database is replaced.

The dialogs only look at files (read-only) and return the choice; the restore itself
is done by `ui.backup_flows` through `services.backups.restore_as`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ..domain.errors import InvalidInput
from ..services.backups import BackupChoice, describe_file
from ..services.files import format_size
from .dialogs import FormDialog
from .models import RowsModel
from .widgets import row_table


def when(moment: dt.datetime) -> str:
    """"Mon Nov 23, 2026, 6:15 PM"."""
    return f"{moment:%a %b} {moment.day}, {moment.year}, " + f"{moment:%I:%M %p}".lstrip("0")


class BackupsModel(RowsModel[BackupChoice]):
    columns = (
        ("Taken", lambda c: when(c.info.taken_at) if c.info.taken_at != dt.datetime.min else "—", False),
        ("Kind", lambda c: c.info.kind_label, False),
        ("Size", lambda c: format_size(c.info.size), True),
        ("What is in it", lambda c: c.check.describe() if c.check else "Cannot be used: " + c.problem, False),
    )

    def extra(self, row: BackupChoice, role: int) -> Any:
        if role == Qt.ForegroundRole and row.check is None:
            return QColor("#8a3b12")
        if role == Qt.ToolTipRole:
            return str(row.info.path) if row.check else row.explanation
        return None


class RestoreDialog(FormDialog):
    """The backups, newest first, with the date, size and what is in each; "Choose another
    file…" adds one from elsewhere (a USB stick). Returns the BackupChoice picked."""

    def __init__(self, choices: list[BackupChoice], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__("restoreDialog", "Restore from a backup", parent)
        self.setMinimumWidth(820)
        self.folder = folder
        intro = QLabel(
            "Pick the backup to bring back. Everything in the database is replaced by what the backup holds; "
            "the database as it is now is kept as a copy first, so nothing is lost."
        )
        intro.setObjectName("restoreIntro")
        intro.setWordWrap(True)
        self.model = BackupsModel(self)
        self.model.set_rows(choices)
        self.table = row_table(self.model, "backupTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.setMinimumHeight(240)
        self.table.doubleClicked.connect(self.accept)
        self.empty = QLabel(
            f"There are no backups in {folder} yet. Choose a backup file, or make one first with "
            "File → Back up now."
        )
        self.empty.setObjectName("restoreEmpty")
        self.empty.setWordWrap(True)
        self.empty.setVisible(not choices)
        self.choose_button = QPushButton("C&hoose another file…")
        self.choose_button.setObjectName("chooseBackupFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        where = QLabel(f"Backups are kept in {folder}")
        where.setObjectName("restoreFolder")
        where.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(where, 1)
        row.addWidget(self.choose_button)
        self.form.addRow(intro)
        self.form.addRow(self.table)
        self.form.addRow(self.empty)
        self.form.addRow(row)
        go = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        go.setText("&Restore this backup…")
        go.setObjectName("restoreButton")
        if choices:
            self.table.selectRow(0)
        self.table.setFocus()

    def add_file(self, path: Path) -> BackupChoice:
        """Put a file chosen by hand at the top of the list, selected, and say if it cannot be used."""
        choice = describe_file(path)
        self.model.set_rows([choice, *[self.model.row_at(r) for r in range(self.model.rowCount())]])
        self.empty.hide()
        self.table.selectRow(0)
        self.say("" if choice.check else choice.explanation)
        return choice

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choose a backup file", str(self.folder), "LTO Desk databases (*.sqlite3 *.db);;All files (*)"
        )
        if name:
            self.add_file(Path(name))

    def read(self) -> BackupChoice:
        rows = self.table.selectionModel().selectedRows()
        choice = self.model.row_at(rows[0].row()) if rows else None
        if choice is None:
            raise InvalidInput("Pick a backup from the list, or choose another file.")
        if choice.check is None:
            raise InvalidInput(choice.explanation)
        return choice

    @classmethod
    def ask(cls, parent: QWidget | None, choices: list[BackupChoice], folder: Path) -> BackupChoice | None:
        return cls(choices, folder, parent).run()


def confirmation_text(choice: BackupChoice, database: Path, kept_at: Path) -> tuple[str, str]:
    """The question and its detail: what is replaced, by what, and where the copy is kept."""
    check = choice.check
    assert check is not None
    cut = check.last_change_at or choice.info.taken_at
    question = f"Replace the database with the backup of {when(choice.info.taken_at)}?"
    if choice.info.kind == "chosen":
        question = f"Replace the database with {choice.info.path.name}?"
    detail = (
        f"The database {database} will hold what the backup holds: {check.describe()}. "
        f"Anything entered after {when(cut)} will no longer be in it.\n\n"
        f"The database as it is now is kept first at {kept_at}, so it can be brought back the same way.\n\n"
        "Everyone logs in again afterwards. Counters on other computers should close LTO Desk and start it again."
    )
    return question, detail


class ConfirmRestoreDialog(QMessageBox):
    """The last word before a restore: names what will be replaced and where the copy is kept."""

    def __init__(self, choice: BackupChoice, database: Path, kept_at: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmRestoreDialog")
        self.setIcon(QMessageBox.Warning)
        self.setWindowTitle("Replace the database?")
        question, detail = confirmation_text(choice, database, kept_at)
        self.setText(question)
        self.setInformativeText(detail)
        # The buttons are made here, not taken from addButton's answer: in a long run PySide
        # once handed back a stale wrapper of another type (a QWidgetItem) for it.
        self.replace_button = QPushButton("&Replace with this backup", self)
        self.replace_button.setObjectName("confirmRestoreButton")
        self.addButton(self.replace_button, QMessageBox.DestructiveRole)
        cancel = QPushButton("Cancel", self)
        self.addButton(cancel, QMessageBox.RejectRole)
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    @classmethod
    def ask(cls, parent: QWidget | None, choice: BackupChoice, database: Path, kept_at: Path) -> bool:
        dialog = cls(choice, database, kept_at, parent)
        dialog.exec()
        return dialog.clickedButton() is dialog.replace_button
