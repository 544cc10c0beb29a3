"""File → Import… as a 1366×768 counter screen shows it, offscreen: the columns of an
accounts file from another system, the preview of the spoilt sample (its 30 planted
errors) and the preview of the clean one, 1,000 customers, 300 vehicles, 250 accounts.

    python docs/make_import_screenshots.py

The sample is tests/source_book.py's. Writes PNGs to docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "docs")]


class _Desk:
    """What the dialog asks of the window, for pictures: nothing is imported here."""

    hub = None

    def say(self, text: str, level: str = "info") -> None:
        print(text)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="lto-import-shots-"))
    from make_dialog_screenshots import counter_screen

    counter_screen(work)

    import source_book
    from PySide6.QtCore import QCoreApplication

    from lto_desk.domain.import_columns import ImportKind
    from lto_desk.services import clerks
    from lto_desk.store.database import open_database
    from lto_desk.store.paths import Location
    from lto_desk.ui.app import make_app
    from lto_desk.ui.import_dialog import PREVIEW, ImportDialog

    OUT.mkdir(parents=True, exist_ok=True)
    open_database(Location(str(work / "shots.sqlite3"), work))
    make_app()
    owner = clerks.create_clerk(None, "Olivia Owner", "owner", "1111")
    clerks.create_clerk(owner, "Marcus Manager", "manager", "2222")
    manager = clerks.log_in("Marcus Manager", "2222")
    today = dt.date.today()

    def settle() -> None:
        for _ in range(5):
            QCoreApplication.processEvents()

    def grab(widget, name: str) -> None:
        settle()
        widget.grab().save(str(OUT / name))
        print(f"{name}: {widget.width()}×{widget.height()}")

    def checked(book) -> ImportDialog:
        dialog = ImportDialog(_Desk(), lambda: manager)
        dialog.show()
        for kind, path in book.paths.items():
            dialog.files_page.paths[ImportKind(kind)].setText(str(path))
        dialog.go_on()
        dialog.columns_page.tabs.setCurrentIndex(2)  # the accounts: the most to match
        grab(dialog, "import-columns.png")
        dialog.go_on()
        deadline = time.monotonic() + 120
        while dialog.page != PREVIEW and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.02)
        return dialog

    spoilt = checked(source_book.write_book(work / "spoilt", today=today, errors=True))
    spoilt.preview_page.problems.setCurrentRow(3)
    grab(spoilt, "import-problems.png")
    spoilt.close()
    clean = checked(source_book.write_book(work / "clean", today=today, errors=False))
    grab(clean, "import-preview.png")
    clean.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
