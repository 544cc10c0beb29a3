"""Bought elsewhere: what the customer told us when they bought a car somewhere else.

Asks had they taken delivery yet, what decided it, where they bought, whether we
asked for referrals (and whom they named) and whether we may stay in touch, and
returns a ``DepartureInput``; it never writes to the database.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from ..domain.contacts import DecidingFactor
from ..domain.errors import InvalidInput
from ..services.departures import DepartureInput
from .dialogs import FormDialog


def _yes_no(name: str, yes: str = "Yes", no: str = "No") -> tuple[QHBoxLayout, QRadioButton, QRadioButton]:
    """Two radio buttons, neither chosen: the clerk must answer, not accept a default."""
    yes_button = QRadioButton(yes)
    yes_button.setObjectName(f"{name}Yes")
    no_button = QRadioButton(no)
    no_button.setObjectName(f"{name}No")
    group = QButtonGroup(yes_button)
    group.addButton(yes_button)
    group.addButton(no_button)
    row = QHBoxLayout()
    row.addWidget(yes_button)
    row.addWidget(no_button)
    row.addStretch(1)
    return row, yes_button, no_button


def _answer(yes: QRadioButton, no: QRadioButton, missing: str) -> bool:
    if yes.isChecked():
        return True
    if no.isChecked():
        return False
    raise InvalidInput(missing)


class DepartureDialog(FormDialog):
    def __init__(self, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__("departureDialog", f"Bought elsewhere — {customer_name}", parent)
        self.setMinimumWidth(560)
        intro = QLabel(
            f"Thank {customer_name} for telling us. What they say helps us do better; "
            "they are welcome back any time."
        )
        intro.setObjectName("departureIntro")
        intro.setWordWrap(True)

        delivery_row, self.delivered_yes, self.delivered_no = _yes_no(
            "deliveredRadio", "Yes, they have the car", "Not yet"
        )
        self.win_back_hint = QLabel("A manager gets a task to call them today, while there is still time.")
        self.win_back_hint.setObjectName("departureHint")
        self.win_back_hint.setWordWrap(True)
        self.win_back_hint.hide()

        self.factor_group = QButtonGroup(self)
        factors = QGridLayout()
        factors.setContentsMargins(0, 0, 0, 0)
        self.factor_buttons: dict[DecidingFactor, QRadioButton] = {}
        for n, factor in enumerate(DecidingFactor):
            button = QRadioButton(factor.label)
            button.setObjectName(f"factorRadio_{factor.value}")
            self.factor_group.addButton(button)
            self.factor_buttons[factor] = button
            factors.addWidget(button, n // 2, n % 2)
        self.factor_text = QLineEdit()
        self.factor_text.setObjectName("factorTextEdit")
        self.factor_text.setMaxLength(200)
        self.factor_text.setPlaceholderText("in their words (needed for Other)")
        self.where = QLineEdit()
        self.where.setObjectName("whereBoughtEdit")
        self.where.setMaxLength(120)
        self.where.setPlaceholderText("optional — e.g. Smith Motors on Route 9")

        referral_row, self.referrals_yes, self.referrals_no = _yes_no("referralsRadio")
        self.referral_names = QLineEdit()
        self.referral_names.setObjectName("referralNamesEdit")
        self.referral_names.setMaxLength(500)
        self.referral_names.setPlaceholderText("names they gave us, if any")
        self.referral_names.setEnabled(False)

        touch_row, self.touch_yes, self.touch_no = _yes_no(
            "stayInTouchRadio", "Yes, stay in touch", "No, please stop"
        )
        self.stop_hint = QLabel("We will not call them about cars again or send them mail.")
        self.stop_hint.setObjectName("departureHint")
        self.stop_hint.setWordWrap(True)
        self.stop_hint.hide()
        self.note = QPlainTextEdit()
        self.note.setObjectName("departureNoteEdit")
        self.note.setPlaceholderText("anything else they said (optional)")
        self.note.setFixedHeight(60)

        self.form.addRow(intro)
        self.form.addRow("Taken delivery yet?", delivery_row)
        self.form.addRow("", self.win_back_hint)
        self.form.addRow("What decided it?", factors)
        self.form.addRow("", self.factor_text)
        self.form.addRow("Where they bought", self.where)
        self.form.addRow("Asked for referrals?", referral_row)
        self.form.addRow("", self.referral_names)
        self.form.addRow("May we stay in touch?", touch_row)
        self.form.addRow("", self.stop_hint)
        self.form.addRow("Note", self.note)
        save = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Save)
        save.setObjectName("departureSaveButton")

        self.delivered_no.toggled.connect(self._fit_hints)
        self.touch_no.toggled.connect(self._fit_hints)
        self.referrals_yes.toggled.connect(self.referral_names.setEnabled)

    def _fit_hints(self, *_args) -> None:
        """Say what follows from the answers: a manager's call today, or no more contact."""
        self.win_back_hint.setVisible(self.delivered_no.isChecked() and not self.touch_no.isChecked())
        self.stop_hint.setVisible(self.touch_no.isChecked())

    def factor(self) -> DecidingFactor | None:
        return next((f for f, b in self.factor_buttons.items() if b.isChecked()), None)

    def read(self) -> DepartureInput:
        delivered = _answer(self.delivered_yes, self.delivered_no, "Please say whether they have taken delivery yet.")
        factor = self.factor()
        if factor is None:
            raise InvalidInput("Please choose what decided it for them (Other if none fits).")
        factor_text = " ".join(self.factor_text.text().split())
        if factor is DecidingFactor.OTHER and not factor_text:
            raise InvalidInput("Please type what decided it, in their words.")
        referrals = _answer(self.referrals_yes, self.referrals_no, "Please say whether you asked them for referrals.")
        stay = _answer(self.touch_yes, self.touch_no, "Please say whether we may stay in touch with them.")
        return DepartureInput(
            taken_delivery=delivered,
            deciding_factor=factor,
            factor_text=factor_text,
            where_bought=" ".join(self.where.text().split()),
            referrals_asked=referrals,
            referral_names=" ".join(self.referral_names.text().split()) if referrals else "",
            stay_in_touch=stay,
            note=self.note.toPlainText().strip(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, customer_name: str) -> DepartureInput | None:
        """Show it; the answers once Save is accepted, else None."""
        dialog = cls(customer_name, parent)
        try:
            return dialog.run()
        finally:
            dialog.deleteLater()
