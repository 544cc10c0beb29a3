"""Starting the window: the Qt application, the checked database, the stylesheet.

Only what the log-in page needs is read before the window shows (the file checked and
the clerks' names, with plain sqlite3); the database layer, the counter page and the
integrity check of the database follow right after its first paint."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ..log import log_file, start_log
from ..services.files import Location
from .apology import ErrorHook
from .backup_flows import backup_on_close
from .main_window import MainWindow
from .startup import IntegrityWatch, open_at_start

STYLE_FILE = Path(__file__).resolve().parent / "style.qss"

_log = logging.getLogger(__name__)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("LTO Desk")
    app.setOrganizationName("LTO Desk")
    if STYLE_FILE.exists():
        app.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))
    return app


def start_window(location: Location) -> MainWindow | None:
    """The database opened (or the person's next step taken when it cannot be), then
    the counter window on it; None when the person chose to quit. Once the window is
    painted, ``window.integrity`` checks the database in the background."""
    started = open_at_start(location, later=True)
    if started is None:
        return None
    if started.location != location and log_file() is not None:  # another file: its log goes beside it
        start_log(started.location.files_dir, chosen=started.location.chosen)
    window = MainWindow(started.location, first_look=started.first_look)
    if started.note:
        window.say(started.note)
    window.integrity = IntegrityWatch(window)
    window.integrity.sound.connect(lambda: _log.info("Opened and checked: %s", window.location.describe()))
    window.database_refused.connect(lambda problem: _log.warning("Could not open %s: %s",
                                                                 window.location.describe(), problem))
    return window


def run(location: Location) -> int:
    app = make_app()
    window = start_window(location)
    if window is None:
        return 2
    # The daily backup waits for the integrity check: a damaged file is not copied.
    window.integrity.sound.connect(window.backup_flows.start_daily_timer)
    hooks: list[ErrorHook] = []  # an error in a slot: logged, an apology, the window stays
    window.after_first_paint(lambda: hooks.append(ErrorHook(window).install()))
    window.show()
    try:
        code = app.exec()
        return 2 if window.integrity.refused else code  # 2: the person quit at the problem dialog
    finally:
        from ..services.files import close_database

        for hook in hooks:
            hook.uninstall()
        window.integrity.stop()
        window.backup_flows.wait()
        close_database()
        if not window.integrity.refused:  # a file refused as damaged is not copied either
            backup_on_close(window.location)
