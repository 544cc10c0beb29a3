"""The apology shown when something unexpected went wrong: one sentence, where the
details are, OK (shown by ui.apology's hook)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def apology_text(log_path: Path | None) -> str:
    where = (f"The details were written to {log_path}. If it happens again, give that file to "
             "whoever looks after LTO Desk." if log_path is not None
             else "The details could not be written to a log file.")
    return f"Something went wrong. What you typed is still here, so you can try again.\n\n{where}"


class ApologyDialog(QMessageBox):
    """The apology: one sentence, where the details are, OK. It never blocks the caller."""

    def __init__(self, parent: QWidget | None, log_path: Path | None) -> None:
        super().__init__(parent)
        self.setObjectName("apologyDialog")
        self.setWindowTitle("LTO Desk")
        self.setIcon(QMessageBox.Warning)
        self.setText(apology_text(log_path))
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)  # the path can be copied
        self.setStandardButtons(QMessageBox.Ok)
        self.setAttribute(Qt.WA_DeleteOnClose)

    @classmethod
    def tell(cls, parent: QWidget | None, log_path: Path | None) -> QMessageBox:
        """Show it (window-modal, without waiting: the error's slot has long returned)."""
        dialog = cls(parent, log_path)
        dialog.open()
        return dialog
