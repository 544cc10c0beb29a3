"""Starting the window: the Qt application, the database, the stylesheet."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain.errors import LtoError
from ..store.database import close_database, open_database
from ..store.paths import Location
from .main_window import MainWindow

STYLE_FILE = Path(__file__).resolve().parent / "style.qss"


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("LTO Desk")
    app.setOrganizationName("LTO Desk")
    if STYLE_FILE.exists():
        app.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))
    return app


def run(location: Location) -> int:
    app = make_app()
    try:
        open_database(location)
    except LtoError as exc:
        QMessageBox.critical(None, "LTO Desk cannot open the database", exc.message)
        return 2
    window = MainWindow(location)
    window.show()
    try:
        return app.exec()
    finally:
        close_database()
