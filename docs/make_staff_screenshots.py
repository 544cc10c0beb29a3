"""The README's staff pictures as a 1366×768 counter screen shows them, offscreen.

    python docs/make_staff_screenshots.py

The staff page as the owner sees it (someone who needs a PIN, someone locked, someone
who left), and the log-in page asking a new person to choose their PIN. Writes PNGs to
docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_dialog_screenshots import OUT, counter_screen  # noqa: E402 - after the path is set

DEMO_KEY = "DE30-" * 15 + "DE30"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="lto-staff-shots-"))
    counter_screen(work)
    os.environ.setdefault("LTO_DESK_KEY", DEMO_KEY)

    from PySide6.QtCore import QCoreApplication

    from lto_desk.domain.errors import NotAllowed
    from lto_desk.services import clerks, staff
    from lto_desk.store.database import open_database
    from lto_desk.store.paths import Location
    from lto_desk.ui.app import make_app
    from lto_desk.ui.main_window import MainWindow
    from lto_desk.ui.staff_dialog import StaffDialog

    OUT.mkdir(parents=True, exist_ok=True)
    location = Location(str(work / "staff.sqlite3"), work)
    open_database(location)
    start = dt.datetime.now() - dt.timedelta(days=400)
    owner = clerks.create_clerk(None, "Rosa Martínez", "owner", "482913", at=start)
    for n, (name, role) in enumerate((("Dwayne Carter", "manager"), ("Kayla Brooks", "clerk"),
                                      ("Marcus Hill", "clerk"), ("Tanya Reed", "clerk"), ("Luis Ortega", "clerk"))):
        staff.add_staff(owner, name, role, at=start + dt.timedelta(days=30 * (n + 1)))
        if name != "Luis Ortega":  # just added: he chooses his PIN at his first log-in
            clerks.choose_pin(name, f"{5150 + n}", at=start + dt.timedelta(days=30 * (n + 1), hours=1))
    staff.deactivate(owner, clerks.log_in("Tanya Reed", "5153").id, at=dt.datetime.now() - dt.timedelta(days=20))
    for _ in range(5):  # Marcus typed five wrong PINs a moment ago
        try:
            clerks.log_in("Marcus Hill", "0000")
        except NotAllowed:
            pass
    make_app()

    def settle() -> None:
        for _ in range(5):
            QCoreApplication.processEvents()

    def grab(widget, name: str) -> None:
        widget.show()
        settle()
        widget.grab().save(str(OUT / name))
        print(f"{name}: {widget.width()}×{widget.height()}")

    page = StaffDialog(lambda: owner)
    page.table.selectRow(2)  # Luis Ortega, who needs a PIN
    page.say("Added Luis Ortega as a clerk. They choose their own PIN when they first log in: ask them to do it soon.")
    grab(page, "staff.png")
    page.close()

    window = MainWindow(location)
    window.resize(1366, 768 - 40 - 32)
    window.show()
    settle()
    login = window.login
    login.name_combo.setCurrentIndex(login.name_combo.findText("Luis Ortega"))
    login.pin_edit.returnPressed.emit()
    login.new_pin.setText("7391")
    settle()
    grab(window, "choose-pin.png")
    window.close()

    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
