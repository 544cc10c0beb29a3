"""Settings (manager/owner): the dealership's name and address, receipts, printer, fees.

What Save returns is the settings stored when Save is pressed with the person's changes
on top (every setting they left alone as it is stored, whatever this window read when
it opened): another counter's change is never undone by a form opened before it. A
setting both changed is not decided for them: a question names it, with both values.
Staff… (Alt+T) opens the staff page (File → Staff…) over it; Settings stays as it was."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..domain.errors import InvalidInput, LtoError
from ..domain.money import format_money, parse_amount, parse_percent
from ..services.settings import (
    LABELS,
    Clash,
    DealerSettings,
    find_clashes,
    load_settings,
    on_top_of,
    shown,
    validate_settings,
)
from .dialogs import FormDialog
from .printing import printer_names

if TYPE_CHECKING:
    from ..services.base import Actor

NO_PRINTER = "(none — save PDFs only)"


class SettingsDialog(FormDialog):
    def __init__(self, current: DealerSettings, parent: QWidget | None = None,
                 actor_of: Callable[[], Actor | None] | None = None) -> None:
        super().__init__("settingsDialog", "Settings", parent)
        if actor_of is None and hasattr(parent, "actor"):  # the counter window: whoever is logged in there
            actor_of = lambda: parent.actor  # noqa: E731
        self.actor_of = actor_of  # who is logged in, for the staff page (no Staff… button without)
        self.current = current  # what the form shows: the person's changes are made from it
        self.chosen: DealerSettings | None = None  # what Save settled on (see ``accept``)
        self.stored: DealerSettings | None = None  # the settings stored when it did
        self.dealer_name = QLineEdit(current.dealer_name)
        self.dealer_name.setObjectName("dealerNameEdit")
        self.address = QLineEdit(current.address)
        self.phone = QLineEdit(current.phone)
        self.thank_en = QLineEdit(current.thank_you_en)
        self.thank_es = QLineEdit(current.thank_you_es)
        self.receipt_format = QComboBox()
        self.receipt_format.addItem("80 mm receipt roll", "roll80")
        self.receipt_format.addItem("US Letter page", "letter")
        self.receipt_format.setCurrentIndex(max(0, self.receipt_format.findData(current.receipt_format)))
        self.printer = QComboBox()
        self.printer.setObjectName("printerCombo")
        self.printer.addItem(NO_PRINTER, "")
        for name in printer_names():
            self.printer.addItem(name, name)
        if current.printer and self.printer.findData(current.printer) < 0:
            self.printer.addItem(f"{current.printer} (not found)", current.printer)
        self.printer.setCurrentIndex(max(0, self.printer.findData(current.printer)))
        self.page_printer = QComboBox()
        self.page_printer.setObjectName("pagePrinterCombo")
        self.page_printer.addItem("(none — show letters on screen to print)", "")
        for name in printer_names():
            self.page_printer.addItem(name, name)
        if current.page_printer and self.page_printer.findData(current.page_printer) < 0:
            self.page_printer.addItem(f"{current.page_printer} (not found)", current.page_printer)
        self.page_printer.setCurrentIndex(max(0, self.page_printer.findData(current.page_printer)))
        self.idle = QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setSuffix(" minutes")
        self.idle.setValue(current.idle_lock_minutes)
        self.grace = QSpinBox()
        self.grace.setRange(0, 60)
        self.grace.setSuffix(" days")
        self.grace.setValue(current.late_fee_grace_days)
        self.fee_kind = QComboBox()
        self.fee_kind.addItem("Flat amount", "flat")
        self.fee_kind.addItem("Percent of the installment", "percent")
        self.fee_kind.addItem("No late fee", "none")
        kind = "percent" if current.late_fee_percent_bp else ("flat" if current.late_fee_flat else "none")
        self.fee_kind.setCurrentIndex(self.fee_kind.findData(kind))
        self.fee_flat = QLineEdit(format_money(current.late_fee_flat, symbol=False))
        self.fee_percent = QLineEdit(f"{current.late_fee_percent_bp / 100:g}")
        self.fee_cap = QLineEdit(format_money(current.late_fee_cap, symbol=False))
        self.counter_name = QLineEdit(current.counter_name)
        self.drawer_tolerance = QLineEdit(format_money(current.drawer_tolerance_cents, symbol=False))
        self.drawer_tolerance.setObjectName("drawerToleranceEdit")
        self.drawer_tolerance.setToolTip(
            "Closing the drawer further over or short than this asks for a note saying why."
        )
        self.letter_signer = QLineEdit(current.letter_signer)
        self.letter_signer.setObjectName("letterSignerEdit")
        self.letter_signer.setPlaceholderText("empty: the manager or clerk who did it")
        self.title_delivery = QComboBox()
        self.title_delivery.setObjectName("titleDeliveryCombo")
        self.title_delivery.addItem("We mail the title", "mail")
        self.title_delivery.addItem("The customer picks it up", "pickup")
        self.title_delivery.setCurrentIndex(max(0, self.title_delivery.findData(current.title_delivery)))
        self.title_days = QSpinBox()
        self.title_days.setRange(0, 60)
        self.title_days.setSpecialValueText("not said in the letter")
        self.title_days.setSuffix(" days after payoff")
        self.title_days.setValue(current.title_ready_days)
        self.late_call = QSpinBox()
        self.late_call.setObjectName("lateCallDaysSpin")
        self.late_call.setRange(1, 60)
        self.late_call.setSuffix(" days late")
        self.late_call.setValue(current.late_call_days)
        self.late_call.setToolTip("The follow-up list gets a friendly call to make once a payment is this late.")
        form = self.form
        for name, field in (
            ("dealer_name", self.dealer_name), ("address", self.address), ("phone", self.phone),
            ("thank_you_en", self.thank_en), ("thank_you_es", self.thank_es),
            ("receipt_format", self.receipt_format), ("printer", self.printer), ("page_printer", self.page_printer),
            ("idle_lock_minutes", self.idle), ("late_fee_grace_days", self.grace), ("", self.fee_kind),
            ("late_fee_flat", self.fee_flat), ("late_fee_percent_bp", self.fee_percent),
            ("late_fee_cap", self.fee_cap), ("late_call_days", self.late_call), ("letter_signer", self.letter_signer),
            ("title_delivery", self.title_delivery), ("title_ready_days", self.title_days),
            ("counter_name", self.counter_name), ("drawer_tolerance_cents", self.drawer_tolerance),
        ):
            form.addRow(LABELS[name] if name else "Late fee", field)
        self.fee_kind.currentIndexChanged.connect(self._fee_kind_changed)
        self._fee_kind_changed()
        if actor_of is not None:
            self.staff_button = QPushButton("S&taff…")
            self.staff_button.setObjectName("settingsStaffButton")
            self.staff_button.setToolTip("Who can log in: add people, change roles, reset PINs")
            self.staff_button.setAutoDefault(False)  # Enter still saves the settings
            self.buttons.addButton(self.staff_button, QDialogButtonBox.ActionRole)
            self.staff_button.clicked.connect(self.show_staff)

    def show_staff(self) -> None:
        """The staff page (as File → Staff… opens it), over Settings; back here when it closes."""
        from .staff_dialog import StaffDialog

        if self.actor_of is not None and self.actor_of() is not None:
            StaffDialog.show_for(self, self.actor_of)

    def _fee_kind_changed(self) -> None:
        kind = self.fee_kind.currentData()
        self.fee_flat.setEnabled(kind == "flat")
        self.fee_percent.setEnabled(kind == "percent")
        self.fee_cap.setEnabled(kind == "percent")

    def read(self) -> DealerSettings:
        """The settings as typed; InvalidInput names the field that is wrong."""
        kind = self.fee_kind.currentData()
        try:
            flat = parse_amount(self.fee_flat.text(), allow_zero=True) if kind == "flat" else 0
            percent = parse_percent(self.fee_percent.text()) if kind == "percent" else 0
            cap = parse_amount(self.fee_cap.text(), allow_zero=True) if kind == "percent" else 0
        except InvalidInput as exc:
            raise InvalidInput(f"Late fee: {exc.message}") from None
        try:
            tolerance = parse_amount(self.drawer_tolerance.text(), allow_zero=True)
        except InvalidInput as exc:
            raise InvalidInput(f"Drawer over/short: {exc.message}") from None
        new = replace(
            self.current,
            dealer_name=self.dealer_name.text().strip(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
            thank_you_en=self.thank_en.text().strip(),
            thank_you_es=self.thank_es.text().strip(),
            receipt_format=self.receipt_format.currentData(),
            printer=self.printer.currentData(),
            page_printer=self.page_printer.currentData(),
            idle_lock_minutes=self.idle.value(),
            late_fee_grace_days=self.grace.value(),
            late_fee_flat=flat,
            late_fee_percent_bp=percent,
            late_fee_cap=cap,
            counter_name=self.counter_name.text().strip() or "Counter 1",
            letter_signer=" ".join(self.letter_signer.text().split()),
            title_delivery=self.title_delivery.currentData(),
            title_ready_days=self.title_days.value(),
            late_call_days=self.late_call.value(),
            drawer_tolerance_cents=tolerance,
        )
        validate_settings(new)
        return new

    def accept(self) -> None:
        """Save: what was typed, put on top of the settings stored now. A setting another
        counter changed meanwhile to something else is asked about; Esc on that question
        comes back to the form with nothing decided."""
        typed = self.value()
        if typed is None:
            return
        try:
            stored = load_settings()
        except LtoError as exc:
            self.say(f"{exc.message} Nothing was saved; press Save again.")
            return
        keep_theirs = set()
        for clash in find_clashes(self.current, typed, stored):
            keep = ClashQuestion.ask(self, clash)
            if keep is None:
                self.say("Nothing was saved. Press Save when you are ready.")
                return
            if keep == THEIRS:
                keep_theirs.add(clash.name)
        self.stored, self.chosen = stored, on_top_of(stored, self.current, typed, keep_theirs)
        QDialog.accept(self)

    def run(self) -> DealerSettings | None:
        return self.chosen if self.exec() == QDialog.Accepted else None

    @classmethod
    def ask_changes(
        cls, parent: QWidget | None, current: DealerSettings
    ) -> tuple[DealerSettings, DealerSettings] | None:
        """(the settings stored when Save was pressed, the settings to save), or None.
        Saved with the first as ``base``, only the person's changes are written, and a
        counter that saves the same setting in between is not overwritten. The form
        opens on the settings stored now (``current`` when they cannot be read)."""
        try:
            current = load_settings()
        except LtoError:
            pass
        dialog = cls(current, parent)
        new = dialog.run()
        return None if new is None or dialog.stored is None else (dialog.stored, new)

    @classmethod
    def ask(cls, parent: QWidget | None, current: DealerSettings) -> DealerSettings | None:
        """The settings to save, or None (see ``ask_changes``)."""
        asked = cls.ask_changes(parent, current)
        return None if asked is None else asked[1]


MINE, THEIRS = "mine", "theirs"


class ClashQuestion(QMessageBox):
    """One setting both this person and another counter changed: which to keep."""

    def __init__(self, clash: Clash, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsClashQuestion")
        self.setIcon(QMessageBox.Question)
        self.setWindowTitle("Changed at another counter")
        self.setText(f"Another counter changed “{clash.label}” while Settings was open here.")
        self.setInformativeText(
            f"The other counter saved: {shown(clash.name, clash.theirs)}\n"
            f"You set: {shown(clash.name, clash.mine)}\n\n"
            "Which should be kept? Esc goes back to Settings without saving."
        )
        self.mine = self.addButton("Keep &mine", QMessageBox.AcceptRole)
        self.theirs = self.addButton("Keep the &other counter's", QMessageBox.RejectRole)
        back = self.addButton(QMessageBox.Cancel)
        back.hide()
        self.setEscapeButton(back)  # Esc: back to the form, nothing decided
        self.setDefaultButton(self.theirs)  # Enter undoes nobody's work without a look

    def answer(self) -> str | None:
        self.exec()
        return {self.mine: MINE, self.theirs: THEIRS}.get(self.clickedButton())

    @classmethod
    def ask(cls, parent: QWidget | None, clash: Clash) -> str | None:
        """MINE, THEIRS, or None (Esc: back to the form)."""
        question = cls(clash, parent)
        try:
            return question.answer()
        finally:
            question.deleteLater()
