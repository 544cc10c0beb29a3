"""The cash drawer's dialogs: open with a float, paid in / paid out / no sale, and the
closing count (bills and coins or a total, with expected and over/short shown live).

They collect what is typed and never write; each has ``ask(...)`` so tests can
stand in for the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from ..domain.drawer import close_check
from ..domain.errors import InvalidInput
from ..domain.money import format_money, parse_amount
from ..domain.text import quoted
from ..services.drawer import (
    DENOMINATIONS,
    MAX_COUNT,
    MOVEMENT_LABELS,
    NO_SALE,
    PAID_IN,
    PAID_OUT,
)
from .dialogs import FormDialog


class OpenDrawerDialog(FormDialog):
    """The starting cash (float) for a new drawer session on this counter."""

    def __init__(self, counter_name: str, parent: QWidget | None = None, *, intro: str = "",
                 suggested: int | None = None) -> None:
        super().__init__("openDrawerDialog", f"Open the drawer — {counter_name}", parent)
        self.intro = QLabel(intro or "Count the starting cash in the drawer and type it here.")
        self.intro.setObjectName("openDrawerIntro")
        self.intro.setWordWrap(True)
        self.float_edit = QLineEdit(format_money(suggested, symbol=False) if suggested is not None else "")
        self.float_edit.setObjectName("drawerFloatEdit")
        self.float_edit.setPlaceholderText("e.g. 150.00")
        self.form.addRow(self.intro)
        self.form.addRow("Starting cash ($)", self.float_edit)
        self.float_edit.setFocus()

    def read(self) -> int:
        try:
            return parse_amount(self.float_edit.text(), allow_zero=True)
        except InvalidInput as exc:
            raise InvalidInput(f"Starting cash: {exc.message}") from None

    @classmethod
    def ask(cls, parent: QWidget | None, counter_name: str, *, intro: str = "",
            suggested: int | None = None) -> int | None:
        return cls(counter_name, parent, intro=intro, suggested=suggested).run()


@dataclass(frozen=True)
class MovementInput:
    kind: str  # paid_in | paid_out | no_sale
    amount: int  # 0 for a no sale
    reason: str


_MOVEMENT_HINTS = {
    PAID_IN: ("Cash put into the drawer without a sale.", "e.g. Change from the bank"),
    PAID_OUT: ("Cash taken out of the drawer for an expense.", "e.g. Postage for title mailings"),
    NO_SALE: ("The drawer was opened without a sale; it is counted on the reports.",
              "e.g. Change for a customer's $20"),
}


class MovementDialog(FormDialog):
    """Paid in, paid out (with the cash in the drawer shown) or no sale, with its reason."""

    def __init__(self, kind: str, parent: QWidget | None = None, *, cash_in_drawer: int | None = None) -> None:
        super().__init__("movementDialog", MOVEMENT_LABELS[kind], parent)
        self.kind = kind
        hint, placeholder = _MOVEMENT_HINTS[kind]
        intro = QLabel(hint)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.amount = QLineEdit()
        self.amount.setObjectName("movementAmountEdit")
        self.cash_in_drawer = cash_in_drawer
        if kind != NO_SALE:
            self.form.addRow("Amount ($)", self.amount)
            if kind == PAID_OUT and cash_in_drawer is not None:
                cash = QLabel(f"Cash in the drawer now: {format_money(cash_in_drawer)}")
                cash.setObjectName("cashInDrawerLabel")
                self.form.addRow("", cash)
        self.reason = QLineEdit()
        self.reason.setObjectName("movementReasonEdit")
        self.reason.setPlaceholderText(placeholder)
        self.reason.setMaxLength(200)
        self.form.addRow("Reason", self.reason)
        (self.amount if kind != NO_SALE else self.reason).setFocus()

    def read(self) -> MovementInput:
        amount = 0
        if self.kind != NO_SALE:
            try:
                amount = parse_amount(self.amount.text())
            except InvalidInput as exc:
                raise InvalidInput(f"Amount: {exc.message}") from None
            if self.kind == PAID_OUT and self.cash_in_drawer is not None and amount > self.cash_in_drawer:
                raise InvalidInput(
                    f"There is only {format_money(self.cash_in_drawer)} of cash in the drawer; "
                    f"{format_money(amount)} cannot come out of it."
                )
        reason = " ".join(self.reason.text().split())
        if len(reason) < 3:
            raise InvalidInput(f"Please type the reason for the {MOVEMENT_LABELS[self.kind].lower()}.")
        return MovementInput(self.kind, amount, reason)

    @classmethod
    def ask(cls, parent: QWidget | None, kind: str, *, cash_in_drawer: int | None = None) -> MovementInput | None:
        return cls(kind, parent, cash_in_drawer=cash_in_drawer).run()


@dataclass(frozen=True)
class CloseInput:
    """The closing count: ``denominations`` (bills and coins) or ``counted_cents`` (a total)."""

    counted_cents: int | None
    denominations: dict[str, int] | None
    note: str

    @property
    def total(self) -> int:
        if self.denominations is not None:
            return sum(DENOMINATIONS[k][1] * n for k, n in self.denominations.items())
        return self.counted_cents or 0


def parse_count(text: str, label: str) -> int:
    """A count of bills or coins: empty is none; digits only."""
    value = text.strip().replace(",", "")
    if not value:
        return 0
    if not (value.isascii() and value.isdigit()):
        raise InvalidInput(f"The count of {label.lower()} must be a whole number (digits only), not “{quoted(text.strip())}”.")
    if len(value) > len(str(MAX_COUNT)) or int(value) > MAX_COUNT:
        raise InvalidInput(f"The count of {label.lower()} is too large; please count again.")
    return int(value)


class CloseDrawerDialog(FormDialog):
    """Count the drawer: bills and coins (a live total) or one total; expected and
    over/short shown as you type; a note is required beyond the tolerance."""

    def __init__(self, counter_name: str, number: int, expected: int, tolerance: int,
                 parent: QWidget | None = None) -> None:
        super().__init__("closeDrawerDialog", f"Close the drawer — {counter_name}, session {number}", parent)
        self.setMinimumWidth(560)
        self.expected = expected
        self.tolerance = tolerance
        self.by_bills = QRadioButton("Count bills and coins")
        self.by_bills.setObjectName("countByDenominationRadio")
        self.by_total = QRadioButton("Type the total")
        self.by_total.setObjectName("countByTotalRadio")
        self.by_bills.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_bills)
        group.addButton(self.by_total)
        modes = QHBoxLayout()
        modes.addWidget(self.by_bills)
        modes.addWidget(self.by_total)
        modes.addStretch(1)
        self.form.addRow(modes)

        self.grid_box = QGroupBox("Bills and coins in the drawer")
        self.grid_box.setObjectName("denominationGrid")
        grid = QGridLayout(self.grid_box)
        grid.setHorizontalSpacing(10)
        self.count_edits: dict[str, QLineEdit] = {}
        self.value_labels: dict[str, QLabel] = {}
        bills = [k for k in DENOMINATIONS if k.startswith("bill_")]
        coins = [k for k in DENOMINATIONS if k.startswith("coin_")]
        for column, keys in ((0, bills), (3, coins)):
            for row, key in enumerate(keys):
                label, _value = DENOMINATIONS[key]
                edit = QLineEdit()
                edit.setObjectName(f"count_{key}")
                edit.setPlaceholderText("0")
                edit.setMaximumWidth(70)
                edit.setAlignment(Qt.AlignRight)
                edit.textChanged.connect(self._recount)
                shown = QLabel("")
                shown.setMinimumWidth(70)
                shown.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
                grid.addWidget(QLabel(label), row, column)
                grid.addWidget(edit, row, column + 1)
                grid.addWidget(shown, row, column + 2)
                self.count_edits[key] = edit
                self.value_labels[key] = shown
        grid.setColumnMinimumWidth(3, 100)
        self.form.addRow(self.grid_box)

        self.total_edit = QLineEdit()
        self.total_edit.setObjectName("countedTotalEdit")
        self.total_edit.setPlaceholderText("e.g. 582.60")
        self.total_edit.textChanged.connect(self._recount)
        self.form.addRow("Counted total ($)", self.total_edit)

        self.expected_label = QLabel(format_money(expected))
        self.expected_label.setObjectName("expectedCashLabel")
        self.counted_label = QLabel("")
        self.counted_label.setObjectName("countedCashLabel")
        self.over_short_label = QLabel("")
        self.over_short_label.setObjectName("overShortLabel")
        self.form.addRow("Expected cash", self.expected_label)
        self.form.addRow("Counted", self.counted_label)
        self.form.addRow("Over/short", self.over_short_label)
        self.note = QLineEdit()
        self.note.setObjectName("closeNoteEdit")
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(f"required when over or short by more than {format_money(tolerance)}")
        self.form.addRow("Note", self.note)
        self.by_bills.toggled.connect(self._mode_changed)
        self._mode_changed()

    # -- reading ------------------------------------------------------------------
    def _counts(self) -> dict[str, int]:
        return {key: parse_count(edit.text(), DENOMINATIONS[key][0]) for key, edit in self.count_edits.items()}

    def _counted(self) -> int:
        if self.by_bills.isChecked():
            return sum(DENOMINATIONS[k][1] * n for k, n in self._counts().items())
        try:
            return parse_amount(self.total_edit.text(), allow_zero=True)
        except InvalidInput as exc:
            raise InvalidInput(f"Counted total: {exc.message}") from None

    def _mode_changed(self) -> None:
        by_bills = self.by_bills.isChecked()
        self.grid_box.setEnabled(by_bills)
        self.total_edit.setEnabled(not by_bills)
        # A clerk counts from the biggest bills down: the first box is the $100 bills.
        (next(iter(self.count_edits.values())) if by_bills else self.total_edit).setFocus()
        self._recount()

    def _recount(self) -> None:
        for key, edit in self.count_edits.items():
            try:
                n = parse_count(edit.text(), DENOMINATIONS[key][0])
                self.value_labels[key].setText(format_money(n * DENOMINATIONS[key][1]) if n else "")
            except InvalidInput:
                self.value_labels[key].setText("digits only")
        try:
            counted = self._counted()
        except InvalidInput as exc:
            self.counted_label.setText("—")
            self.over_short_label.setText("")
            self.say(exc.message if self._typed() else "")
            return
        self.say("")
        if not self._typed():  # nothing counted yet: no over/short to show
            self.counted_label.setText("—")
            self.over_short_label.setText("count the cash to see it")
            self.over_short_label.setProperty("level", "info")
            return
        check = close_check(self.expected, counted, self.tolerance, self.note.text())
        self.counted_label.setText(format_money(counted))
        self.over_short_label.setText(check.summary)
        self.over_short_label.setProperty("level", "warning" if check.needs_note else ("info" if check.over_short else "ok"))

    def _typed(self) -> bool:
        if self.by_bills.isChecked():
            return any(e.text().strip() for e in self.count_edits.values())
        return bool(self.total_edit.text().strip())

    def read(self) -> CloseInput:
        note = " ".join(self.note.text().split())
        if self.by_bills.isChecked():
            counts = {k: n for k, n in self._counts().items() if n}
            result = CloseInput(None, counts, note)
        else:
            if not self.total_edit.text().strip():
                raise InvalidInput("Type the total of the cash counted, or count the bills and coins.")
            result = CloseInput(self._counted(), None, note)
        problem = close_check(self.expected, result.total, self.tolerance, note).problem
        if problem:
            raise InvalidInput(problem)
        return result

    def accept(self) -> None:
        """Save; refused for want of a note (over or short beyond the tolerance), the cursor goes to the note."""
        super().accept()
        if self.isVisible() and not self.note.text().strip():
            try:
                counted = self._counted()
            except InvalidInput:
                return
            if close_check(self.expected, counted, self.tolerance, "").needs_note:
                self.note.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, counter_name: str, number: int, expected: int,
            tolerance: int) -> CloseInput | None:
        return cls(counter_name, number, expected, tolerance, parent).run()


__all__ = [
    "CloseDrawerDialog", "CloseInput", "MovementDialog", "MovementInput", "OpenDrawerDialog", "parse_count",
]
