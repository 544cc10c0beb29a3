"""File → Import… (a manager or owner): a dealer's customers, vehicles and running
agreements from another system or a spreadsheet, in four steps on one dialog.

1. Files: up to one file of each kind (Browse…, or the path typed), the kind taken
   from the file's name when it says it; the templates folder a button away.
2. Columns: each file's headers matched to ours (guessed, changed with a combo each,
   saved and loaded as a map); what a mapping lacks said plainly.
3. Check: ``services.importing.check_import`` on a worker thread; the preview shows
   the summary, every problem exactly as ``problem_lines()`` says it (savable as CSV)
   and the rows to be made. Import is pressable only when there is no problem.
4. Import: ``run_import`` on a worker thread with a progress bar and Cancel (which
   writes nothing), then what was made; the window hears of it through its hub.

Nothing is written before the person presses Import. Long work runs on a plain
thread with its own database connection (``ReportWorker``, as the reports do), polled
by a timer; widgets are only touched here, on the GUI thread. The services are
imported when first used: this module is loaded when the menu item is first chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import LtoError
from ..domain.import_columns import ImportKind
from ..domain.roles import Role
from .import_pages import KINDS, ColumnsPage, FilesPage, PreviewPage
from .operations import Changes
from .widgets import fit_to_screen, start_in_first_field

if TYPE_CHECKING:
    from ..services.base import Actor
    from ..services.import_files import SourceTable
    from ..services.importing import ImportPreview, ImportResult
    from .report_worker import ReportWorker

FILES, COLUMNS, PREVIEW, RUNNING = range(4)
#: The file types the Browse… dialogs offer.
FILE_FILTER = "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"


def templates_folder() -> Path:
    """The folder of the import templates: the source checkout's, or the one bundled beside the package."""
    here = Path(__file__).resolve()
    for folder in (here.parents[2] / "resources" / "import", here.parents[1] / "resources" / "import"):
        if folder.is_dir():
            return folder
    return here.parents[2] / "resources" / "import"


class ImportDialog(QDialog):
    """The four steps. ``desk``: the window (its ``hub`` hears what the import changed,
    its ``say`` shows the result); ``actor_of``: who is logged in now."""

    def __init__(self, desk, actor_of: Callable[[], Actor | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import customers, vehicles and agreements")
        self.desk, self.actor_of = desk, actor_of
        self.tables: dict[ImportKind, SourceTable] = {}
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.worker: ReportWorker | None = None
        self._job = ""  # "check" or "import": what the worker does
        self._started = False
        self.stack = QStackedWidget()
        self.files_page = FilesPage(self.browse, self.open_templates)
        self.columns_page = ColumnsPage(self.save_mapping, self.load_mapping)
        self.preview_page = PreviewPage(self.save_problems)
        self.running_page = QWidget()
        self.running_page.setObjectName("importRunningPage")
        running = QVBoxLayout(self.running_page)
        self.running_text = QLabel("")
        self.running_text.setObjectName("importRunningText")
        self.running_text.setWordWrap(True)
        running.addWidget(self.running_text)
        running.addStretch(1)
        for page in (self.files_page, self.columns_page, self.preview_page, self.running_page):
            self.stack.addWidget(page)
        self.step = QLabel("")
        self.step.setObjectName("importStep")
        self.step.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.message = QLabel("")
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        self.back_button = QPushButton("&Back")
        self.back_button.setObjectName("importBackButton")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton("&Next")
        self.next_button.setObjectName("importNextButton")
        self.next_button.clicked.connect(self.go_on)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("importCloseButton")
        self.close_button.clicked.connect(self.reject)
        box = QDialogButtonBox()  # Close is the box's Reject button: Esc (its clicked is connected above)
        box.addButton(self.close_button, QDialogButtonBox.RejectRole)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for button in self.findChildren(QPushButton):  # Enter is the page's next step, never a Browse…
            button.setAutoDefault(False)
        self.next_button.setDefault(True)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._look_at_worker)
        fit_to_screen(self, QSize(1120, 700))
        self.show_page(FILES)

    # -- moving between the pages --------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started and not event.spontaneous():
            self._started = True
            self._focus_page()

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        titles = {FILES: "1 of 4 · Choose the files", COLUMNS: "2 of 4 · Match the columns",
                  PREVIEW: "3 of 4 · Check what will be imported", RUNNING: "4 of 4 · Import"}
        self.step.setText(titles[index])
        self.back_button.setVisible(index in (COLUMNS, PREVIEW))
        self.next_button.setVisible(index != RUNNING)
        self.next_button.setText({FILES: "&Next", COLUMNS: "Chec&k", PREVIEW: "&Import"}.get(index, "&Next"))
        self.next_button.setEnabled(index != PREVIEW or (self.preview is not None and self.preview.ok))
        self.next_button.setToolTip("There are problems to fix first." if index == PREVIEW
                                    and not self.next_button.isEnabled() else "")
        self._focus_page()

    def _focus_page(self) -> None:
        """Tab through the page in the order it is laid out, the focus where the page starts:
        the first file, the first column's choice, Import (or the problems) on the preview."""
        page = self.page
        start_in_first_field(self.stack.currentWidget())
        if page == FILES:
            self.files_page.paths[ImportKind.CUSTOMERS].setFocus(Qt.TabFocusReason)
        elif page == COLUMNS:
            current = self.columns_page.current()
            if current is not None and current.combos:
                current.combos[0].setFocus(Qt.TabFocusReason)
        elif page == PREVIEW:
            if self.next_button.isEnabled():
                self.next_button.setFocus(Qt.TabFocusReason)
            elif self.preview_page.problem_box.isVisibleTo(self.preview_page):
                self.preview_page.problems.setFocus(Qt.TabFocusReason)
            else:
                self.preview_page.table.setFocus(Qt.TabFocusReason)
        else:
            self.close_button.setFocus(Qt.TabFocusReason)

    def go_on(self) -> None:
        """Next, Check or Import, as the page says."""
        if self.worker is not None:
            return
        if self.page == FILES:
            self.read_files()
        elif self.page == COLUMNS:
            self.check()
        elif self.page == PREVIEW:
            self.start_import()

    def go_back(self) -> None:
        if self.worker is None and self.page in (COLUMNS, PREVIEW):
            self.say("")
            self.show_page(self.page - 1)

    def say(self, text: str, level: str = "info") -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #7a2e12;" if level == "error" else "")
        self.message.setVisible(bool(text))

    # -- 1. files -------------------------------------------------------------------------------
    def ask_open_paths(self, title: str) -> list[str]:
        """The system's Open dialog (several files at once); empty when cancelled."""
        paths, _filter = QFileDialog.getOpenFileNames(self, title, str(Path.home()), FILE_FILTER)
        return paths

    def browse(self, kind: ImportKind) -> None:
        paths = self.ask_open_paths(f"Choose the {kind.value} file")
        if paths:
            self.say("Chose " + "; ".join(self.files_page.put(paths[:3], kind)) + ".")

    def open_templates(self) -> None:
        folder = templates_folder()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.say(f"The templates are in {folder}.")

    def read_files(self) -> bool:
        """Read every file chosen (again: it may have been fixed meanwhile); on to the columns."""
        from ..services.import_files import read_table

        chosen = self.files_page.chosen()
        if not chosen:
            self.say("Choose at least one file: customers, vehicles or agreements.", "error")
            return False
        tables: dict[ImportKind, SourceTable] = {}
        failed = []
        for kind in KINDS:
            if kind in chosen:
                try:
                    tables[kind] = read_table(chosen[kind])
                except LtoError as exc:
                    failed.append(f"{kind.label}: {exc.message}")
        if failed:
            self.say("\n".join(failed), "error")
            return False
        self.tables = tables
        self.preview = None
        self.columns_page.show_tables(tables)
        self.say("")
        self.show_page(COLUMNS)
        return True

    # -- 2. columns -----------------------------------------------------------------------------
    def ask_save_path(self, title: str, suggested: Path, kinds: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, str(suggested), kinds)
        return Path(path) if path else None

    def save_mapping(self, path: Path | None = None) -> Path | None:
        """Save the shown file's columns as a map (JSON) to use for the next file from the same system."""
        from ..domain.import_columns import mapping_to_json

        tab = self.columns_page.current()
        if tab is None:
            return None
        if path is None:
            path = self.ask_save_path("Save the column map", Path.home() / f"{tab.kind.value}-columns.json",
                                      "Column maps (*.json)")
            if path is None:
                return None
        try:
            path.write_text(mapping_to_json(tab.kind, tab.mapping()), encoding="utf-8")
        except OSError as exc:
            self.say(f"The column map could not be saved ({exc.strerror or exc}). Choose another folder.", "error")
            return None
        self.say(f"The {tab.kind.value} columns are saved in {path}.")
        return path

    def load_mapping(self, path: Path | None = None) -> bool:
        """Use a saved map for the shown file; a map that cannot be used changes nothing."""
        from ..domain.import_columns import mapping_from_json

        tab = self.columns_page.current()
        if tab is None:
            return False
        if path is None:
            paths, _filter = QFileDialog.getOpenFileName(self, "Load a column map", str(Path.home()),
                                                         "Column maps (*.json);;All files (*)")
            if not paths:
                return False
            path = Path(paths)
        try:
            kind, mapping = mapping_from_json(path.read_text(encoding="utf-8"))
        except OSError as exc:
            self.say(f"{path.name} cannot be read ({exc.strerror or exc}).", "error")
            return False
        except UnicodeDecodeError:
            self.say(f"{path.name} is not a column map the program saved; nothing was changed.", "error")
            return False
        except LtoError as exc:
            self.say(f"{path.name}: {exc.message} Nothing was changed.", "error")
            return False
        if kind is not tab.kind:
            self.say(f"{path.name} is a map for a {kind.value} file, and this is the {tab.kind.value} file; "
                     "nothing was changed.", "error")
            return False
        missing = tab.set_mapping(mapping)
        self.columns_page._mark_tabs()
        self.say(f"The columns from {path.name} are chosen." + (
            f" This file has no column “{'”, “'.join(missing)}”; choose those again." if missing else ""))
        return True

    # -- 3. check -------------------------------------------------------------------------------
    def check(self) -> None:
        """Check every row (on a worker thread); the preview shows what it found. Nothing is written."""
        from ..services.importing import ImportSource, check_import

        problems = self.columns_page.problem_lines()
        if problems:
            self.say("Choose the columns first:\n" + "\n".join(problems), "error")
            return
        actor = self.actor_of()
        if actor is None:
            self.say("Log in again to check the files.", "error")
            return
        sources = [ImportSource(tab.kind, tab.table, tab.mapping()) for tab in self.columns_page.tab_list()]
        rows = sum(len(s.table.rows) for s in sources)
        self.say(f"Checking {rows:,} rows… Esc stops.")
        self._start("check", lambda _progress: check_import(actor, sources))

    def save_problems(self, path: Path | None = None) -> Path | None:
        """The problems as a CSV (file, row, column, problem), to work through in the spreadsheet."""
        from ..services.importing import problems_csv

        actor = self.actor_of()
        if self.preview is None or actor is None:
            return None
        if path is None:
            first = next(iter(self.tables.values()), None)
            folder = Path(self.files_page.chosen().get(next(iter(self.tables), ImportKind.CUSTOMERS), "")).parent \
                if first else Path.home()
            path = self.ask_save_path("Save the problems", folder / "import-problems.csv", "CSV files (*.csv)")
            if path is None:
                return None
        try:
            text = problems_csv(actor, self.preview)
            path.write_text(text, encoding="utf-8-sig", newline="")
        except LtoError as exc:
            self.say(exc.message, "error")
            return None
        except OSError as exc:
            self.say(f"The problems could not be saved ({exc.strerror or exc}). Choose another folder.", "error")
            return None
        self.say(f"{len(self.preview.problems):,} problems saved in {path}.")
        return path

    # -- 4. import ------------------------------------------------------------------------------
    def start_import(self) -> None:
        from ..services.business_reports import ReportCancelled
        from ..services.importing import run_import

        preview, actor = self.preview, self.actor_of()
        if preview is None or not preview.ok:
            return
        if actor is None:
            self.say("Log in again to import.", "error")
            return

        def job(progress):
            worker = self.worker
            try:
                return run_import(actor, preview, progress=progress,
                                  cancelled=lambda: worker is not None and worker.is_cancelled)
            except (LtoError, ReportCancelled):
                raise
            except Exception as exc:
                raise LtoError(f"The import could not be written ({exc}); nothing was written. "
                               "Check the database, then press Import again.") from exc

        self.running_text.setText("Writing… Cancel (Esc) stops the import; nothing is written until it ends.")
        self.show_page(RUNNING)
        self.say("")
        self._start("import", job)

    # -- the worker ------------------------------------------------------------------------------
    def _start(self, job_name: str, job) -> None:
        from .report_worker import ReportWorker

        self._job = job_name
        self.worker = ReportWorker(job)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.next_button.setEnabled(False)
        self.back_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self.worker.start()
        self._poll.start()

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def cancel_work(self) -> None:
        """Cancel (the button or Esc) while checking or importing."""
        if self.worker is not None:
            self.worker.cancel()
            self.close_button.setEnabled(False)
            self.say("Stopping…")

    def _look_at_worker(self) -> None:
        worker = self.worker
        if worker is None:
            self._poll.stop()
            return
        if worker.total:
            self.progress.setRange(0, worker.total)
            self.progress.setValue(worker.done)
            if self._job == "import":
                self.running_text.setText(f"Writing row {worker.done:,} of {worker.total:,}… Cancel (Esc) stops "
                                          "the import; nothing is written until it ends.")
        if not worker.is_finished():
            return
        self._poll.stop()
        self.worker = None
        self.progress.hide()
        self.close_button.setEnabled(True)
        self.close_button.setText("Close")
        self.back_button.setEnabled(True)
        if self._job == "check":
            self._checked(worker)
        else:
            self._imported(worker)

    def _checked(self, worker: ReportWorker) -> None:
        self.show_page(COLUMNS)
        if worker.result is None and worker.is_cancelled:
            self.say("The check was stopped. Press Check to check the files again.")
        elif worker.outcome == "failed":
            self.say(worker.message, "error")
        else:
            self.preview = worker.result  # type: ignore[assignment]
            assert self.preview is not None
            self.preview_page.show_preview(self.preview)
            self.say("")
            self.show_page(PREVIEW)

    def _imported(self, worker: ReportWorker) -> None:
        # A result means the transaction was committed, even when Cancel came too late to stop it.
        if worker.result is None:
            self.show_page(PREVIEW)
            self.say("The import was cancelled; nothing was written." if worker.is_cancelled else worker.message,
                     "info" if worker.is_cancelled else "error")
            return
        self.result = worker.result  # type: ignore[assignment]
        assert self.result is not None
        text = self.result.describe()
        self.running_text.setText(text)
        self.progress.hide()
        self.close_button.setFocus()
        self.desk.hub.announce(Changes(follow_ups=True))
        self.desk.say(text)

    # -- closing ---------------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc or Close: while checking or importing it cancels that; else the dialog closes."""
        if self.worker is not None:
            self.cancel_work()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.worker is not None:  # the window's own close: stop, and wait (the import rolls back)
            self.worker.cancel()
            self.worker.wait(60)
            self.worker = None
            self._poll.stop()
        super().closeEvent(event)


def may_import(actor: Actor | None) -> bool:
    return actor is not None and actor.role.at_least(Role.MANAGER)


def open_import(window, actor_of: Callable[[], Actor | None]) -> ImportDialog | None:
    """File → Import…: the dialog for a manager or owner (one at a time); a clerk is told plainly."""
    actor = actor_of()
    if not may_import(actor):
        window.say("Importing data is for a manager or the owner; ask one to log in.", "warning")
        return None
    for dialog in window.findChildren(ImportDialog):
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = ImportDialog(window, actor_of, window)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.open()
    return dialog
