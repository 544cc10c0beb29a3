"""Every dialog and secondary window of the program, on a 1366×768 counter screen, with
the keyboard alone: it fits (a long one scrolls its fields, its action buttons stay in
sight), it opens with the focus in a field, Esc closes it, and every button has an
Alt+letter or a key of its own.

The list is written out: a new dialog is added here, or this test does not know it.
The program's file choosers (QFileDialog) are the system's own and are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Callable

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

from lto_desk.ui.app import make_app

#: What a dialog may take of a 1366×768 screen: a 40-pixel task bar below, and its own
#: title bar (about 32 pixels) above what Qt calls its height.
COUNTER_SCREEN = QSize(1366, 768 - 40 - 32)
TODAY = dt.date.today()
NOW = dt.datetime.combine(TODAY, dt.time(10, 30))

#: Dialogs with nothing to type, only a choice to make: they open on the button the
#: next step is (the start-up problem's first step, the restore's "Keep", the apology's OK).
CHOICE_ONLY = {"confirm restore", "start-up problem", "apology", "journal key", "staff question"}


# -- building each one with the data a counter has ---------------------------------------------

def _maria(counter_data) -> int:
    from lto_desk.store.models import Agreement

    return Agreement.get_by_id(counter_data["García"]).customer_id


def _vehicle_line(f):
    from lto_desk.services.vehicles import vehicle_line
    from lto_desk.store.models import Agreement

    return vehicle_line(f["manager"], Agreement.get_by_id(f["counter_data"]["García"]).vehicle_id)


def _profile(f):
    from lto_desk.services.relationship import customer_names, profile_of
    from lto_desk.ui.profile_dialog import ProfileDialog

    return ProfileDialog(profile_of(f["manager"], _maria(f["counter_data"])), customer_names(f["manager"]))


def _settings(f):
    from lto_desk.services.settings import load_settings
    from lto_desk.ui.settings_dialog import SettingsDialog

    manager = f["manager"]
    return SettingsDialog(load_settings(), None, lambda: manager)  # with its Staff… button, as in the window


def _change_pin(f):
    from lto_desk.ui.change_pin_dialog import ChangePinDialog

    manager = f["manager"]
    return ChangePinDialog(lambda: manager)


def _approval(f):
    from lto_desk.ui.dialogs import ApprovalDialog

    return ApprovalDialog("Void receipt 000012", "Receipt 000012, $95.00, María García.", True)


def _note(f):
    from lto_desk.ui.dialogs import NoteDialog

    return NoteDialog("María García")


def _cue(f):
    from lto_desk.ui.dialogs import CueDialog

    return CueDialog("Daughter Ana graduates in May — ask how it went")


def _new_agreement(f):
    from lto_desk.ui.new_agreement import NewAgreementDialog

    return NewAgreementDialog(f["location"], f["manager"])


def _new_agreement_for_maria(f):
    from lto_desk.ui.new_agreement import NewAgreementDialog

    return NewAgreementDialog(f["location"], f["manager"], customer_id=_maria(f["counter_data"]))


def _appointment(f):
    from lto_desk.ui.appointment_dialog import AppointmentDialog

    return AppointmentDialog("María García", now=NOW)


def _complaint(f):
    from lto_desk.ui.complaint_dialog import ComplaintDialog

    return ComplaintDialog("María García", [(f["counter_data"]["García"], "2014 Honda Accord · S1000")], today=TODAY)


def _complaint_status(f):
    from lto_desk.domain.contacts import ComplaintStatus
    from lto_desk.ui.complaint_dialog import ComplaintStatusDialog

    return ComplaintStatusDialog("Rattle in the dashboard", ComplaintStatus.OPEN)


def _departure(f):
    from lto_desk.ui.departure_dialog import DepartureDialog

    return DepartureDialog("María García")


def _contact(f):
    from lto_desk.ui.contact_log_tab import ContactDialog

    return ContactDialog("María García", today=TODAY)


def _open_drawer(f):
    from lto_desk.ui.drawer_dialogs import OpenDrawerDialog

    return OpenDrawerDialog("Counter 1")


def _paid_out(f):
    from lto_desk.services import drawer
    from lto_desk.ui.drawer_dialogs import MovementDialog

    return MovementDialog(drawer.PAID_OUT, cash_in_drawer=582_60)


def _close_drawer(f):
    from lto_desk.ui.drawer_dialogs import CloseDrawerDialog

    return CloseDrawerDialog("Counter 1", 4, expected=582_60, tolerance=5_00)


def _member(f):
    from lto_desk.ui.household_dialogs import MemberDialog

    return MemberDialog("María García", today=TODAY)


def _household_car(f):
    from lto_desk.ui.household_dialogs import CarDialog

    return CarDialog("María García", [(1, "Ana García")], today=TODAY)


def _add_vehicle(f):
    from lto_desk.ui.vehicle_dialogs import VehicleDialog

    return VehicleDialog(None)


def _edit_vehicle(f):
    from lto_desk.ui.vehicle_dialogs import VehicleDialog

    return VehicleDialog(_vehicle_line(f), vin_locked=True)


def _inspection(f):
    from lto_desk.ui.vehicle_dialogs import InspectionDialog

    return InspectionDialog(_vehicle_line(f))


def _remove_vehicle(f):
    from lto_desk.ui.vehicle_dialogs import RemoveDialog

    return RemoveDialog(_vehicle_line(f))


def _inventory(f):
    from lto_desk.ui.inventory import InventoryWindow

    manager = f["manager"]
    return InventoryWindow(lambda: manager)


def _reports(f):
    from lto_desk.ui.reports_window import ReportsWindow

    manager = f["manager"]
    return ReportsWindow(f["location"], lambda: manager)


def _restore(f):
    from lto_desk.services import backups
    from lto_desk.store.backup import make_backup
    from lto_desk.ui.restore_dialog import RestoreDialog

    location = f["location"]
    make_backup(location, at=NOW - dt.timedelta(days=1))
    return RestoreDialog(backups.backups_to_offer(location), location.files_dir / "backups")


def _confirm_restore(f):
    from lto_desk.services import backups
    from lto_desk.store.backup import make_backup
    from lto_desk.ui.restore_dialog import ConfirmRestoreDialog

    location = f["location"]
    make_backup(location, at=NOW - dt.timedelta(days=1))
    [choice] = backups.backups_to_offer(location)
    return ConfirmRestoreDialog(choice, location.path, location.files_dir / "backups" / "replaced.sqlite3")


def _secret(f):
    from lto_desk.store import secrets
    from lto_desk.store.secrets import SecretRequest
    from lto_desk.ui.secret_prompt import SecretPrompt

    what = "the mail password for counter@sunrise-autos.com"
    return SecretPrompt(SecretRequest("mail:counter@sunrise-autos.com", what, False, secrets.no_keyring_message(what)))


def _startup_problem(f):
    from lto_desk.store.file_check import CannotOpen
    from lto_desk.ui.startup_dialog import StartupProblemDialog

    location = f["location"]
    problem = CannotOpen("damaged", f"The database {location.path} is damaged.",
                         "Open a backup, or call your support person.", location.path)
    return StartupProblemDialog(problem, location, [])


def _return(f):
    from lto_desk.services.agreements import return_preview
    from lto_desk.ui.return_dialog import ReturnDialog

    return ReturnDialog(return_preview(f["manager"], f["counter_data"]["García"], TODAY), need_manager=True,
                        today=TODAY)


def _refund(f):
    from lto_desk.ui.refund_dialog import RefundDialog

    return RefundDialog(customer_name="María García", vehicle="2014 Honda Accord", most=95_000, need_manager=True)


def _preview(f):
    from lto_desk.services.customer_file import save_customer_file
    from lto_desk.ui.printing import PreviewDialog

    path = save_customer_file(f["manager"], f["location"].folder("reports"), _maria(f["counter_data"]))
    return PreviewDialog(path, f"Saved at {path}.")


def _apology(f):
    from lto_desk.ui.apology_dialog import ApologyDialog

    return ApologyDialog(None, f["location"].files_dir / "lto-desk.log")


def _journal_key(f):
    from lto_desk.ui.key_dialogs import JournalKeyDialog

    class Flows:  # what the window's seal flows would do: nothing here
        def print_sheet(self): ...
        def ask_for_key(self, why): return False
        def start_new_key(self): ...

    return JournalKeyDialog(Flows(), f["manager"])


def _key_entry(f):
    from lto_desk.ui.key_dialogs import KeyEntryDialog

    return KeyEntryDialog("This computer does not hold the books' key, so nothing can be saved yet.")


def _staff(f):
    from lto_desk.ui.staff_dialog import StaffDialog

    manager = f["manager"]
    return StaffDialog(lambda: manager)


def _add_person(f):
    from lto_desk.ui.staff_dialog import AddPersonDialog

    return AddPersonDialog(None)


def _staff_row(f):
    from lto_desk.services.staff import list_staff

    return next(r for r in list_staff(f["manager"]) if r.name == "Carla Clerk")


def _role(f):
    from lto_desk.ui.staff_dialog import RoleDialog

    return RoleDialog(_staff_row(f))


def _staff_question(f):
    from lto_desk.ui.staff_dialog import StaffQuestion

    return StaffQuestion("Reset PIN", "Reset Carla Clerk's PIN?", "Carla Clerk's PIN stops working now.", "&Reset PIN")


class _Desk:
    hub = None

    def say(self, text: str, level: str = "info") -> None:
        pass


def _import(f):
    from lto_desk.ui.import_dialog import ImportDialog

    manager = f["manager"]
    return ImportDialog(_Desk(), lambda: manager)


def _import_columns(f):
    import source_book

    dialog = _import(f)
    book = source_book.write_book(f["location"].files_dir / "book", today=TODAY, errors=False,
                                  customers=20, vehicles=20, agreements=5)
    for kind, path in book.paths.items():
        dialog.files_page.paths[kind].setText(str(path))
    assert dialog.read_files(), dialog.message.text()
    return dialog


#: name → how it is built (from the test's fixtures). Every dialog and secondary window.
EVERY_DIALOG: dict[str, Callable] = {
    "profile": _profile,
    "settings": _settings,
    "change my PIN": _change_pin,
    "approval": _approval,
    "note": _note,
    "asked about it": _cue,
    "new agreement": _new_agreement,
    "new agreement for the customer shown": _new_agreement_for_maria,
    "appointment": _appointment,
    "complaint": _complaint,
    "complaint status": _complaint_status,
    "departure": _departure,
    "contact": _contact,
    "open drawer": _open_drawer,
    "paid out": _paid_out,
    "close drawer": _close_drawer,
    "household member": _member,
    "household car": _household_car,
    "add vehicle": _add_vehicle,
    "edit vehicle": _edit_vehicle,
    "inspection done": _inspection,
    "remove vehicle": _remove_vehicle,
    "inventory": _inventory,
    "reports": _reports,
    "restore": _restore,
    "confirm restore": _confirm_restore,
    "password needed": _secret,
    "start-up problem": _startup_problem,
    "vehicle return": _return,
    "refund": _refund,
    "PDF preview": _preview,
    "apology": _apology,
    "journal key": _journal_key,
    "type the key": _key_entry,
    "staff": _staff,
    "add a person": _add_person,
    "change a role": _role,
    "staff question": _staff_question,
    "import": _import,
    "import, the columns": _import_columns,
}


#: Dialogs whose modules other engineers are changing for issue 18 as this test is
#: written (return_dialog.py, refund_dialog.py, printing.py): what each still lacks.
#: Take an entry out once its dialog passes.
@pytest.fixture
def built(request, qtbot, location, counter_data, manager, monkeypatch):
    from lto_desk.ui import widgets

    monkeypatch.setattr(widgets, "screen_room", lambda _widget: COUNTER_SCREEN + QSize(0, widgets.TITLE_BAR))
    make_app()
    fixtures = {"location": location, "counter_data": counter_data, "manager": manager}
    widget = EVERY_DIALOG[request.param](fixtures)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    yield widget
    if shiboken6.isValid(widget):  # some delete themselves when closed: qtbot.addWidget would close them twice
        widget.close()
        widget.deleteLater()


def every(names=EVERY_DIALOG):
    return pytest.mark.parametrize("built", list(names), indirect=True)


# -- what each must do --------------------------------------------------------------------------

def _shown_buttons(widget: QWidget) -> list[QAbstractButton]:
    buttons = [b for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)]
    return buttons + [b for b in widget.findChildren(QToolButton) if b.text() and b.isVisibleTo(widget)]


def _in_a_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@every()
def test_it_fits_a_1366x768_screen_with_its_buttons_in_sight(built):
    assert built.width() <= COUNTER_SCREEN.width() and built.height() <= COUNTER_SCREEN.height(), built.size()
    least = built.minimumSizeHint().expandedTo(built.minimumSize())
    assert least.width() <= COUNTER_SCREEN.width() and least.height() <= COUNTER_SCREEN.height(), least
    built.resize(built.size().boundedTo(COUNTER_SCREEN))
    QApplication.processEvents()
    for button in _shown_buttons(built):
        if _in_a_scroll_area(button, built):
            continue
        corner = button.mapTo(built, QPoint(0, 0))
        assert built.rect().contains(corner) and built.rect().contains(corner + button.rect().bottomRight()), (
            f"{button.text()!r} is outside the window"
        )


INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QCheckBox, QRadioButton)
#: A page shown to be read has its page as its field (the arrows and Page Down move it).
PAGES = {"PDF preview"}


@every(n for n in EVERY_DIALOG if n not in CHOICE_ONLY)
def test_it_opens_with_the_focus_in_a_field(request, qtbot, built):
    inputs = (QAbstractScrollArea,) if request.node.callspec.params["built"] in PAGES else INPUTS

    def in_a_field() -> bool:
        focus = QApplication.focusWidget()
        return isinstance(focus, inputs) and built.isAncestorOf(focus)

    qtbot.waitUntil(in_a_field, timeout=1000)


@every(CHOICE_ONLY)
def test_a_dialog_with_only_a_choice_opens_on_a_button(qtbot, built):
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPushButton), timeout=1000)


@every()
def test_esc_closes_it(qtbot, built):
    qtbot.keyClick(QApplication.focusWidget() or built, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(built) or not built.isVisible(), timeout=1000)


def _escape_presses(button: QAbstractButton, top: QWidget) -> bool:
    """Esc is the button's key: a box's Cancel or Close, a message box's escape button."""
    if isinstance(top, QMessageBox) and (top.escapeButton() is button or top.buttons() == [button]):
        return True  # a message box's only button is its escape button
    box = button.parentWidget()
    return isinstance(box, QDialogButtonBox) and box.buttonRole(button) == QDialogButtonBox.RejectRole


def _mnemonic(button: QAbstractButton) -> str:
    found = re.search(r"&([^&\s])", button.text().replace("&&", ""))
    return found.group(1).lower() if found else ""


@every()
def test_every_button_has_an_alt_letter_or_a_key(built):
    buttons = _shown_buttons(built)
    keyless = [b.text() or b.objectName() for b in buttons
               if not (_mnemonic(b) or not b.shortcut().isEmpty() or _escape_presses(b, built))]
    assert keyless == []
    twice = [letter for letter, n in Counter(_mnemonic(b) for b in buttons if _mnemonic(b)).items() if n > 1]
    assert twice == [], [b.text() for b in buttons]


@every()
def test_tab_leaves_every_table(built):
    """Arrows move in a table; Tab goes on to the next field (a table used to keep it)."""
    trapping = [view.objectName() for view in built.findChildren(QAbstractItemView) if view.tabKeyNavigation()]
    assert trapping == []


def test_a_report_preview_takes_the_screen_s_height(qtbot, location, counter_data, manager, monkeypatch):
    """A Letter page in a 460×640 box could not be read: the preview is as tall as the screen allows."""
    from lto_desk.ui import widgets
    from lto_desk.ui.reports_window import ReportsWindow

    monkeypatch.setattr(widgets, "screen_room", lambda _widget: COUNTER_SCREEN + QSize(0, widgets.TITLE_BAR))
    make_app()
    window = ReportsWindow(location, lambda: manager)
    window.show()
    qtbot.waitUntil(lambda: window.pdf_button.isEnabled(), timeout=5000)
    assert window.save_pdf() is not None
    [preview] = window.previews
    assert (preview.width(), preview.height()) == (900, COUNTER_SCREEN.height())
    window.close()
