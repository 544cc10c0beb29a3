"""The pages of File → Import… (ui/import_dialog.py): the files chosen, each file's
columns matched to ours, and the preview of what the import would do.

The pages only show and collect; the dialog reads the files, runs the check and the
import (off the GUI thread) and moves between the pages. Nothing here touches the
database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.import_columns import (
    COLUMNS,
    REQUIRED_ONE_OF,
    ImportKind,
    guess_mapping,
    mapping_problems,
)
from .models import RowsModel
from .widgets import row_table

if TYPE_CHECKING:
    from ..services.import_files import SourceTable
    from ..services.importing import ImportPreview

#: The kinds in the order they are chosen and written: an agreement needs its customer and
#: vehicle, a past payment its agreement.
KINDS = (ImportKind.CUSTOMERS, ImportKind.VEHICLES, ImportKind.AGREEMENTS, ImportKind.PAYMENTS)

#: Words in a file's name that say which kind of file it is ("Inventory 2026-03.csv").
_KIND_WORDS = {
    ImportKind.CUSTOMERS: {"customer", "customers", "cust", "custs", "client", "clients", "buyer", "buyers"},
    ImportKind.VEHICLES: {"vehicle", "vehicles", "inventory", "inv", "stock", "car", "cars", "unit", "units"},
    ImportKind.AGREEMENTS: {"agreement", "agreements", "account", "accounts", "acct", "accts", "contract",
                            "contracts", "deal", "deals", "loan", "loans", "lease", "leases"},
    ImportKind.PAYMENTS: {"payment", "payments", "pmt", "pmts", "history", "transactions", "trans", "receipts"},
}


def kind_from_name(name: str) -> ImportKind | None:
    """The kind of file a name says, when it says one kind only ("accounts.csv" → agreements)."""
    words = set(re.findall(r"[a-z]+", Path(name).stem.casefold()))
    found = [kind for kind in KINDS if words & _KIND_WORDS[kind]]
    return found[0] if len(found) == 1 else None


def _note(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


# -- 1. the files -------------------------------------------------------------------------------


class FilesPage(QWidget):
    """Up to one file of each kind, typed or chosen with Browse…; the templates folder."""

    #: Each kind's label and Browse button text: every one its own Alt+letter.
    _TEXTS: ClassVar[dict[ImportKind, tuple[str, str]]] = {
        ImportKind.CUSTOMERS: ("&Customers file:", "B&rowse…"),
        ImportKind.VEHICLES: ("&Vehicles file:", "Br&owse…"),
        ImportKind.AGREEMENTS: ("&Agreements file:", "Bro&wse…"),
        ImportKind.PAYMENTS: ("Pa&yments file:", "Brows&e…"),
    }
    _HINTS: ClassVar[dict[ImportKind, str]] = {ImportKind.PAYMENTS: "Each account's past payments (optional): replayed instead of its position"}

    def __init__(self, browse: Callable[[ImportKind], None], open_templates: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("importFilesPage")
        layout = QVBoxLayout(self)
        layout.addWidget(_note(
            "Choose the files your other system or spreadsheet saved: CSV or Excel (.xlsx), one file for each "
            "kind you bring over. Customers and vehicles may come on their own; agreements need their customers "
            "and vehicles, in these files or already here. Each agreement comes in where it stands today, or, "
            "with a payments file, by its payments replayed. Nothing is written until you press Import at the end.",
            "importFilesIntro"))
        grid = QGridLayout()
        self.paths: dict[ImportKind, QLineEdit] = {}
        self.browse_buttons: dict[ImportKind, QPushButton] = {}
        for row, kind in enumerate(KINDS):
            label_text, button_text = self._TEXTS[kind]
            edit = QLineEdit()
            edit.setObjectName(f"import{kind.label}Path")
            edit.setPlaceholderText(self._HINTS.get(kind, f"The {kind.value} file (optional)"))
            edit.setClearButtonEnabled(True)
            label = QLabel(label_text)
            label.setBuddy(edit)
            button = QPushButton(button_text)
            button.setObjectName(f"import{kind.label}Browse")
            button.clicked.connect(lambda _checked=False, k=kind: browse(k))
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(button, row, 2)
            self.paths[kind] = edit
            self.browse_buttons[kind] = button
        layout.addLayout(grid)
        templates = QHBoxLayout()
        self.templates_button = QPushButton("Open the &templates folder")
        self.templates_button.setObjectName("importTemplatesButton")
        self.templates_button.clicked.connect(open_templates)
        templates.addWidget(self.templates_button)
        templates.addWidget(_note(
            "The templates show our own columns with a few sample rows; other systems' columns are matched "
            "on the next page.", "importTemplatesNote"), 1)
        layout.addLayout(templates)
        layout.addStretch(1)

    def chosen(self) -> dict[ImportKind, str]:
        """Each kind's file as typed (the kinds left empty are not there)."""
        return {kind: edit.text().strip().strip('"') for kind, edit in self.paths.items() if edit.text().strip()}

    def put(self, paths: list[str], asked_for: ImportKind) -> list[str]:
        """Place chosen files: each where its name says (else as ``asked_for``). What
        was placed where, for the message line."""
        said = []
        for path in paths:
            kind = kind_from_name(path) or asked_for
            self.paths[kind].setText(path)
            said.append(f"{Path(path).name} as the {kind.value} file")
        return said


# -- 2. the columns -----------------------------------------------------------------------------

NOT_IMPORTED = "Not imported"
#: Our columns' labels by kind and key.
COLUMNS_BY_KEY = {kind: {c.key: c.label for c in cols} for kind, cols in COLUMNS.items()}


def _example(table: SourceTable, index: int) -> str:
    """The first value in the file's column ``index``, shortened, to show what it holds."""
    for row in table.rows[:200]:
        if index < len(row) and row[index].strip():
            text = " ".join(row[index].split())
            return text if len(text) <= 28 else text[:27] + "…"
    return ""


def _marks(kind: ImportKind) -> dict[str, str]:
    """What each of our columns says of itself in the combos: " (needed)", or which
    others it may stand in for (" (needed: this or VIN)")."""
    marks = {c.key: " (needed)" for c in COLUMNS[kind] if c.required}
    for group in REQUIRED_ONE_OF[kind]:
        for choice in group:
            others = " or ".join(" + ".join(COLUMNS_BY_KEY[kind][k] for k in other) for other in group
                                 if other != choice)
            for key in choice:
                marks[key] = f" (needed: this or {others})"
    return marks


class ColumnsTab(QWidget):
    """One file's columns: its header, an example value, and which of ours it is."""

    def __init__(self, kind: ImportKind, table: SourceTable, mapping: dict[str, str] | None = None) -> None:
        super().__init__()
        self.kind, self.table = kind, table
        self.setObjectName(f"import{kind.label}Columns")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.problems = _note("", "importMappingProblems")
        self.problems.setStyleSheet("color: #9a4d00;")
        layout.addWidget(self.problems)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        grid = QGridLayout(inner)
        for col, text in enumerate(("Your column", "First value", "Our column")):
            head = QLabel(f"<b>{text}</b>")
            grid.addWidget(head, 0, col)
        self.combos: list[QComboBox] = []
        marks = _marks(kind)
        for i, header in enumerate(table.headers):
            combo = QComboBox()
            combo.setObjectName(f"columnFor{i}")
            combo.addItem(NOT_IMPORTED, "")
            for c in COLUMNS[kind]:
                combo.addItem(c.label + marks.get(c.key, ""), c.key)
                if c.help:
                    combo.setItemData(combo.count() - 1, c.help, Qt.ToolTipRole)
            combo.setAccessibleName(f"Our column for {header or f'column {i + 1}'}")
            combo.setMinimumWidth(320)
            combo.currentIndexChanged.connect(self.show_problems)
            name = QLabel(header or f"(column {i + 1}, no name)")
            name.setBuddy(combo)
            grid.addWidget(name, i + 1, 0)
            grid.addWidget(QLabel(_example(table, i)), i + 1, 1)
            grid.addWidget(combo, i + 1, 2)
            self.combos.append(combo)
        grid.setColumnMinimumWidth(1, 220)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(table.headers) + 1, 1)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.set_mapping(guess_mapping(kind, table.headers) if mapping is None else mapping)

    def set_mapping(self, mapping: dict[str, str]) -> list[str]:
        """Show ``mapping`` (our key → the file's header); every other header Not imported.
        The headers it names that the file does not have."""
        by_header = {header: key for key, header in mapping.items()}
        for header, combo in zip(self.table.headers, self.combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(by_header.get(header, "")), 0))
            combo.blockSignals(False)
        self.show_problems()
        return [h for h in by_header if h not in self.table.headers]

    def mapping(self) -> dict[str, str]:
        """Our key → the file's header, as chosen (a key chosen twice: its first header)."""
        mapping: dict[str, str] = {}
        for header, combo in zip(self.table.headers, self.combos):
            key = combo.currentData()
            if key and key not in mapping:
                mapping[key] = header
        return mapping

    def problem_lines(self) -> list[str]:
        """What must change before the file can be checked, in plain sentences."""
        chosen: dict[str, list[str]] = {}
        for header, combo in zip(self.table.headers, self.combos):
            if combo.currentData():
                chosen.setdefault(combo.currentData(), []).append(header)
        twice = [
            f"{COLUMNS_BY_KEY[self.kind][key]} is chosen for both “{'” and “'.join(headers)}”; choose it for one."
            for key, headers in chosen.items() if len(headers) > 1
        ]
        return twice + mapping_problems(self.kind, self.mapping(), self.table.headers)

    def show_problems(self) -> None:
        lines = self.problem_lines()
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))



class ColumnsPage(QWidget):
    """A tab for each file; Save mapping… and Load mapping… for the tab shown."""

    def __init__(self, save: Callable[[], None], load: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("importColumnsPage")
        layout = QVBoxLayout(self)
        layout.addWidget(_note(
            "For each column of your file, choose the column it is here, or Not imported. Common names are "
            "matched already; check them, and choose the ones marked needed. Save the mapping to use it again "
            "for the next file from the same system.", "importColumnsIntro"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("importColumnTabs")
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save mapping…")
        self.save_button.setObjectName("saveMappingButton")
        self.save_button.clicked.connect(save)
        self.load_button = QPushButton("&Load mapping…")
        self.load_button.setObjectName("loadMappingButton")
        self.load_button.clicked.connect(load)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.load_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_tables(self, tables: dict[ImportKind, SourceTable]) -> None:
        """A tab for each file read; a file read again with the same headers keeps the columns chosen."""
        kept = {tab.kind: tab for tab in self.tab_list() if tab.kind in tables
                and tab.table.headers == tables[tab.kind].headers}
        while self.tabs.count():
            self.tabs.removeTab(0)
        for kind, table in tables.items():
            old = kept.get(kind)
            tab = ColumnsTab(kind, table, old.mapping() if old else None)
            self.tabs.addTab(tab, f"{kind.label}: {table.name}")
            if old is not None:
                old.deleteLater()
            for combo in tab.combos:
                combo.currentIndexChanged.connect(self._mark_tabs)
        self._mark_tabs()

    def tab_list(self) -> list[ColumnsTab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def tab_for(self, kind: ImportKind) -> ColumnsTab:
        return next(tab for tab in self.tab_list() if tab.kind is kind)

    def current(self) -> ColumnsTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ColumnsTab) else None

    def problem_lines(self) -> list[str]:
        """Every file's mapping problems, each with its file's name."""
        return [f"{tab.table.name}: {line}" for tab in self.tab_list() for line in tab.problem_lines()]

    def _mark_tabs(self) -> None:
        for i, tab in enumerate(self.tab_list()):
            count = len(tab.problem_lines())
            title = f"{tab.kind.label}: {tab.table.name}" + (f" ({count} to fix)" if count else "")
            self.tabs.setTabText(i, title)


# -- 3. the preview -----------------------------------------------------------------------------


class PlannedModel(RowsModel["PlannedRow"]):
    columns = (
        ("File", lambda r: r.file, False),
        ("Row", lambda r: str(r.row), True),
        ("Id", lambda r: r.source_id, False),
        ("What", lambda r: r.words, False),
        ("Status", lambda r: "Already here" if r.already_here else "New", False),
    )

    def extra(self, row: Any, role: int) -> Any:
        if role == Qt.ToolTipRole and row.already_here:
            return "Already here: left as it is, not made twice."
        return None


class PreviewPage(QWidget):
    """What the import would do: the summary, every problem, and the rows to be made."""

    def __init__(self, save_problems: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("importPreviewPage")
        layout = QVBoxLayout(self)
        self.summary = _note("", "importSummary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.problem_box = QWidget()
        problem_layout = QVBoxLayout(self.problem_box)
        problem_layout.setContentsMargins(0, 0, 0, 0)
        self.problem_title = _note("", "importProblemsTitle")
        self.problem_title.setStyleSheet("color: #7a2e12;")
        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setAlternatingRowColors(True)
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        problem_layout.addWidget(self.problem_title)
        problem_layout.addWidget(self.problems, 1)
        row = QHBoxLayout()
        self.save_button = QPushButton("Save the &problems as CSV…")
        self.save_button.setObjectName("saveProblemsButton")
        self.save_button.clicked.connect(save_problems)
        row.addWidget(self.save_button)
        row.addStretch(1)
        problem_layout.addLayout(row)
        layout.addWidget(self.problem_box, 2)
        self.difference_title = _note("", "importDifferencesTitle")
        self.differences = QListWidget()
        self.differences.setObjectName("importDifferences")
        self.differences.setWordWrap(True)
        self.differences.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        layout.addWidget(self.difference_title)
        layout.addWidget(self.differences, 1)
        layout.addWidget(self.summary)
        self.rows_title = _note("", "importRowsTitle")
        layout.addWidget(self.rows_title)
        self.model = PlannedModel(self)
        self.table = row_table(self.model, "importPlannedRows")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        layout.addWidget(self.table, 3)

    def show_preview(self, preview: ImportPreview) -> None:
        self.summary.setText(preview.summary() + ".")
        lines = preview.problem_lines()
        self.problems.clear()
        self.problems.addItems(lines)
        for i, line in enumerate(lines):
            self.problems.item(i).setToolTip(line)
        self.problem_box.setVisible(bool(lines))
        if lines:
            self.problem_title.setText(
                f"{len(lines):,} problem{'s' if len(lines) != 1 else ''} to fix in the "
                f"file{'s' if len(preview.sources) > 1 else ''} first. Nothing has been written. Fix them in the "
                "spreadsheet (save the list as CSV to work through it), save the file, then go Back and Next "
                "to read it again.")
            self.problems.setCurrentRow(0)
        self.differences.clear()
        self.differences.addItems(list(preview.differences))
        self.difference_title.setText(
            f"{len(preview.differences):,} account{'s' if len(preview.differences) != 1 else ''} where the "
            "payments replayed do not give what the agreements file says (the payments are what will count):")
        for widget in (self.difference_title, self.differences):
            widget.setVisible(bool(preview.differences))
        self.model.set_rows(preview.planned)
        made = sum(1 for p in preview.planned if not p.already_here)
        here = len(preview.planned) - made
        self.rows_title.setText(
            ("The rows that pass" if lines else "The rows to be made") + f": {made:,} new"
            + (f", {here:,} already here (left as they are, not made twice)" if here else "") + "."
            if preview.planned else "No row passes yet.")
