"""The README's dialogs as a 1366×768 counter screen shows them, from the demo data, offscreen.

    python docs/make_dialog_screenshots.py

Qt's offscreen screen is made 1366×768 (its ``configfile``), so each dialog sizes itself
as it would at a real counter: the new-agreement dialog (filled in for a customer on
file), the vehicle dialog, the reports window and the vehicle return at its summary.
Writes PNGs to docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "screenshots"


def counter_screen(work: Path) -> None:
    """Make Qt's offscreen screen 1366×768, the most common counter screen (before Qt starts)."""
    screen = work / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "Counter", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="lto-dialog-shots-"))
    counter_screen(work)

    from PySide6.QtCore import QCoreApplication

    from lto_desk.demo import build_demo
    from lto_desk.services import clerks
    from lto_desk.services.vehicles import available_vehicles, vehicle_line
    from lto_desk.store.database import open_database
    from lto_desk.store.models import Customer
    from lto_desk.store.paths import Location
    from lto_desk.ui.app import make_app
    from lto_desk.ui.new_agreement import NewAgreementDialog
    from lto_desk.ui.reports_window import ReportsWindow
    from lto_desk.ui.vehicle_dialogs import VehicleDialog

    OUT.mkdir(parents=True, exist_ok=True)
    location = Location(str(work / "demo.sqlite3"), work, demo=True)
    open_database(location)
    build_demo(dt.date.today())
    make_app()
    manager = clerks.log_in("Manager", "2222")

    def settle() -> None:
        for _ in range(5):
            QCoreApplication.processEvents()

    def grab(widget, name: str) -> None:
        widget.show()
        settle()
        widget.grab().save(str(OUT / name))
        print(f"{name}: {widget.width()}×{widget.height()}")
        widget.close()

    # The new agreement, as a manager fills it in with a returning customer at the desk.
    customer = Customer.select().order_by(Customer.id).first()
    dialog = NewAgreementDialog(location, manager, customer_id=customer.id)
    vehicle = available_vehicles(manager)[0]
    dialog.vehicle_filter.setText(vehicle.stock_number)
    dialog.down_payment.setText("1000")
    dialog.payment_amount.setText("95")
    dialog.down_tendered.setText("1000")
    grab(dialog, "new-agreement.png")

    grab(VehicleDialog(vehicle_line(manager, vehicle.id)), "vehicle-dialog.png")

    reports = ReportsWindow(location, lambda: manager)
    grab(reports, "reports-window.png")

    # The vehicle return, every step answered, at the summary the manager confirms.
    from lto_desk.domain.ledger import Status
    from lto_desk.domain.returns import CONDITION_PARTS
    from lto_desk.services.agreements import return_preview
    from lto_desk.store.models import Agreement
    from lto_desk.ui.return_dialog import ReturnDialog

    active = Agreement.select().where(Agreement.status == Status.ACTIVE.value).order_by(Agreement.id).first()
    wizard = ReturnDialog(return_preview(manager, active.id), need_manager=False, today=dt.date.today())
    wizard.reason_buttons["needs_changed"].setChecked(True)
    wizard.reason_text.setText("New job across town; needs a truck")
    wizard.next_page()
    wizard.odometer.setText(f"{return_preview(manager, active.id).odometer_out + 4_210:,}")
    wizard.keys.setValue(2)
    wizard.next_page()
    for part in CONDITION_PARTS:
        wizard.rating_buttons[(part, "good" if part != "tires" else "fair")].setChecked(True)
    wizard.next_page()
    grab(wizard, "vehicle-return.png")

    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
