"""File → Export all data… (the owner): the folder is chosen, then ``services.exporting``
writes every table there on a worker thread (``ReportWorker``, its own database
connection, polled by a timer) with a progress bar and Cancel; then what was written,
with "Open the folder". Loaded when the menu item is first chosen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from ..domain.roles import Role

if TYPE_CHECKING:
    from ..services.base import Actor
    from ..services.exporting import ExportResult
    from ..services.files import Location
    from .report_worker import ReportWorker


class ExportDialog(QDialog):
    """The export under way, then its result. Esc or Cancel stops it (nothing is kept)."""

    def __init__(self, parent, actor: Actor, folder: Path, location: Location | None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export all data")
        self.actor, self.folder, self.location = actor, Path(folder), location
        self.result: ExportResult | None = None
        self.worker: ReportWorker | None = None
        self.text = QLabel(f"Writing every customer, vehicle, agreement, payment, note and the journal into a "
                           f"new folder in {self.folder}…")
        self.text.setObjectName("exportText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 0)
        self.open_button = QPushButton("&Open the folder")
        self.open_button.setObjectName("openExportFolderButton")
        self.open_button.clicked.connect(self.open_folder)
        self.open_button.hide()
        self.close_button = QPushButton("Cancel")
        self.close_button.setObjectName("exportCloseButton")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._look_at_worker)

    @classmethod
    def ask_folder(cls, parent) -> Path | None:
        """The folder to export into, from the system's folder chooser (None: not chosen)."""
        chosen = QFileDialog.getExistingDirectory(parent, "Export all data into which folder?", str(Path.home()))
        return Path(chosen) if chosen else None

    def start(self) -> None:
        from ..domain.errors import StorageError
        from ..services import exporting
        from ..services.business_reports import ReportCancelled
        from .report_worker import ReportWorker

        actor, folder, location = self.actor, self.folder, self.location

        def job(progress):
            try:
                return exporting.export_all(actor, folder, progress=progress, location=location)
            except (ReportCancelled, StorageError):
                raise
            except OSError as exc:
                raise StorageError(f"The export stopped ({exc.strerror or exc}); nothing was kept.") from None

        self.worker = ReportWorker(job)
        self.worker.start()
        self._poll.start()

    def _look_at_worker(self) -> None:
        worker = self.worker
        if worker is None:
            self._poll.stop()
            return
        if worker.total:
            self.progress.setRange(0, worker.total)
            self.progress.setValue(worker.done)
        if not worker.is_finished():
            return
        self._poll.stop()
        self.worker = None
        self.progress.hide()
        self.close_button.setText("Close")
        self.close_button.setEnabled(True)
        if worker.result is not None:
            self.result = worker.result  # type: ignore[assignment]
            assert self.result is not None
            self.text.setText(self.result.describe() + " README.txt there says what each file and column is.")
            self.open_button.show()
            self.open_button.setDefault(True)
            self.open_button.setFocus()
        elif worker.is_cancelled:
            self.text.setText("The export was stopped; nothing was kept.")
            self.close_button.setFocus()
        else:
            self.text.setText(worker.message)
            self.text.setProperty("level", "error")
            self.close_button.setFocus()

    def open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.folder)))

    def reject(self) -> None:
        """Esc or Cancel while writing stops the export; else the dialog closes."""
        if self.worker is not None:
            self.worker.cancel()
            self.close_button.setEnabled(False)
            self.text.setText("Stopping…")
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.worker is not None:  # the window's own close: stop it, and wait
            self.worker.cancel()
            self.worker.wait(60)
            self.worker = None
            self._poll.stop()
        super().closeEvent(event)


def may_export(actor: Actor | None) -> bool:
    return actor is not None and actor.role is Role.OWNER


def open_export(window, actor_of: Callable[[], Actor | None], location: Location | None) -> ExportDialog | None:
    """File → Export all data…: the owner chooses a folder, and the export starts there."""
    actor = actor_of()
    if not may_export(actor):
        window.say("Exporting all of the data is for the owner; ask the owner to log in.", "warning")
        return None
    folder = ExportDialog.ask_folder(window)
    if folder is None:
        return None
    dialog = ExportDialog(window, actor, folder, location)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    dialog.start()
    return dialog
