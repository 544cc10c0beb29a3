"""Dialogs for the household tab: a family member, another car in the household.

Like the other dialogs they collect input and return it; they never write to the
database. Each has a ``classmethod ask(...)`` so tests can stand in for the person.
What cannot be read (a birthday like "next May", a year with letters) is said in
plain words inside the dialog, and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..domain.errors import InvalidInput
from ..domain.dates import parse_date
from ..domain.text import quoted
from ..services.files import now as clock
from .dialogs import FormDialog

RELATIONS = ("spouse", "partner", "daughter", "son", "mother", "father", "grandchild", "other")



def parse_day(text: str, what: str, today: dt.date | None = None) -> dt.date | None:
    """A typed date (domain.dates rules, two-digit years read against ``today``,
    the clock's day unless given), or None when left empty."""
    return parse_date(text, what=what, today=today or clock().date())


def parse_year(text: str, today: dt.date) -> int | None:
    """A car's model year (four digits, 1900 to next year); None when left empty."""
    value = str(text or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value, re.ASCII):
        raise InvalidInput(f"“{quoted(value)}” is not a model year; type four digits, like 2012.")
    year = int(value)
    if not 1900 <= year <= today.year + 1:
        raise InvalidInput(f"{year} is not a car's model year; please check it.")
    return year


def _line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _notes(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(70)
    return edit


@dataclass(frozen=True)
class MemberInput:
    name: str
    relation: str
    birthday: dt.date | None
    notes: str


class MemberDialog(FormDialog):
    """A member of the customer's household: name, relation, birthday (optional), notes."""

    def __init__(self, customer_name: str, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__("memberDialog", f"Family member of {customer_name}", parent)
        self.today = today or clock().date()
        self.name = _line("memberNameEdit", "e.g. Ana García")
        self.relation = QComboBox()
        self.relation.setObjectName("memberRelationCombo")
        self.relation.setEditable(True)
        self.relation.addItems(RELATIONS)
        self.relation.setCurrentIndex(-1)
        self.relation.lineEdit().setPlaceholderText("choose or type, e.g. niece")
        self.birthday = _line("memberBirthdayEdit", "optional — e.g. 03/14/1988")
        self.notes = _notes("memberNotesEdit", "e.g. Starts nursing school in the fall")
        self.form.addRow("Name", self.name)
        self.form.addRow("Relation", self.relation)
        self.form.addRow("Birthday", self.birthday)
        self.form.addRow("Notes", self.notes)

    def read(self) -> MemberInput:
        name = " ".join(self.name.text().split())
        if not name:
            raise InvalidInput("Please type the family member's name.")
        birthday = parse_day(self.birthday.text(), "birthday", self.today)
        if birthday and birthday > self.today:
            raise InvalidInput("The birthday is in the future; please check the year.")
        if birthday and birthday.year < self.today.year - 120:
            raise InvalidInput("The birthday is more than 120 years ago; please check the year.")
        return MemberInput(name, " ".join(self.relation.currentText().split()), birthday,
                           self.notes.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, customer_name: str) -> MemberInput | None:
        return cls(customer_name, parent).run()


@dataclass(frozen=True)
class CarInput:
    """``driver_member_id`` when a household member was chosen (then ``driver`` is ""),
    else ``driver`` holds the name typed (may be "")."""

    make: str
    model: str
    year: int | None
    driver: str
    driver_member_id: int | None
    replace_by: dt.date | None
    replace_note: str
    notes: str


class CarDialog(FormDialog):
    """Another car in the household: make, model, year, who drives it, when it may need replacing."""

    def __init__(
        self, customer_name: str, members: list[tuple[int, str]], parent: QWidget | None = None,
        *, today: dt.date | None = None,
    ) -> None:
        super().__init__("carDialog", f"Another car in {customer_name}'s household", parent)
        self.today = today or clock().date()
        self.make = _line("carMakeEdit", "e.g. Nissan")
        self.model = _line("carModelEdit", "e.g. Sentra")
        self.year = _line("carYearEdit", "e.g. 2012")
        self.year.setMaxLength(4)
        self.year.setMaximumWidth(90)
        self.driver = QComboBox()
        self.driver.setObjectName("carDriverCombo")
        self.driver.setEditable(True)
        for member_id, name in members:
            self.driver.addItem(name, member_id)
        self.driver.setCurrentIndex(-1)
        self.driver.lineEdit().setPlaceholderText(
            "pick a family member or type a name" if members else "type a name (optional)"
        )
        self.replace_by = _line("carReplaceByEdit", "optional — e.g. 06/30/2026")
        self.replace_note = _line("carReplaceNoteEdit", "e.g. high miles, needs tires")
        self.notes = _notes("carNotesEdit", "anything else about this car")
        self.form.addRow("Make", self.make)
        self.form.addRow("Model", self.model)
        self.form.addRow("Year", self.year)
        self.form.addRow("Driven by", self.driver)
        self.form.addRow("May need replacing by", self.replace_by)
        self.form.addRow("Why", self.replace_note)
        self.form.addRow("Notes", self.notes)

    def read(self) -> CarInput:
        make = " ".join(self.make.text().split())
        if not make:
            raise InvalidInput("Please type the car's make (for example Nissan).")
        year = parse_year(self.year.text(), self.today)
        replace_by = parse_day(self.replace_by.text(), "date it may need replacing", self.today)
        typed = " ".join(self.driver.currentText().split())
        found = self.driver.findText(typed) if typed else -1  # exact, case-sensitive match
        member_id = self.driver.itemData(found) if found >= 0 else None
        return CarInput(
            make, " ".join(self.model.text().split()), year,
            "" if member_id is not None else typed, member_id,
            replace_by, " ".join(self.replace_note.text().split()), self.notes.toPlainText().strip(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, customer_name: str, members: list[tuple[int, str]]) -> CarInput | None:
        return cls(customer_name, members, parent).run()
