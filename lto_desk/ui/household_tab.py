"""The household tab: family members (relation, birthday, age, notes) beside the
other cars in the household (who drives each, when it may need replacing).

The panel only shows and asks: its buttons emit ``member_requested`` and
``car_requested``; the main window opens the dialog and saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ..services.household import CarLine, Household, MemberLine
from .models import Index, RowsModel
from .widgets import row_table

if TYPE_CHECKING:
    from .shown_customer import OnScreen

MEMBERS_EMPTY = "No family members on file yet."
CARS_EMPTY = "No other cars in the household on file yet."
NO_CUSTOMER = "Find a customer to see their household."


def _day(day) -> str:
    return f"{day:%b %d, %Y}" if day else ""


class MembersModel(RowsModel[MemberLine]):
    columns = (
        ("Name", lambda m: m.name, False),
        ("Relation", lambda m: m.relation, False),
        ("Birthday", lambda m: _day(m.birthday), False),
        ("Age", lambda m: "" if m.age is None else str(m.age), True),
        ("Notes", lambda m: m.notes, False),
    )

    def extra(self, row: MemberLine, role: int) -> Any:
        if role == Qt.ToolTipRole and row.notes:
            return row.notes
        return None


class CarsModel(RowsModel[CarLine]):
    columns = (
        ("Car", lambda c: c.description, False),
        ("Driven by", lambda c: c.driver, False),
        ("May need replacing by", lambda c: _day(c.replace_by), False),
        ("Why", lambda c: c.replace_note, False),
        ("Notes", lambda c: c.notes, False),
    )

    REPLACE_COLUMN = 2

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and row.replace_soon and index.column() == self.REPLACE_COLUMN:
            if role == Qt.ForegroundRole:
                return QColor("#9a4d00")
            if role == Qt.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ToolTipRole:
                return f"May need replacing by {_day(row.replace_by)}: a good time to call about their next car."
        return super().data(index, role)

    def extra(self, row: CarLine, role: int) -> Any:
        if role == Qt.ToolTipRole and row.notes:
            return row.notes
        return None


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("cardSectionTitle")
    return label


def _empty_label(name: str) -> QLabel:
    label = QLabel(MEMBERS_EMPTY)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
    return label


class HouseholdPanel(QWidget):
    member_requested = Signal()
    car_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdPanel")
        # Greyed words for an empty list (the same grey as the card's empty state).
        self.setStyleSheet("#householdEmpty, #householdCarsEmpty { color: #7b8794; padding: 6px 2px; }")
        self.household: Household | None = None

        self.members_model = MembersModel(self)
        self.members_table = self._table(self.members_model, "householdTable", stretch=4)
        self.members_empty = _empty_label("householdEmpty")
        self.add_member = QPushButton("Add family member…")
        self.add_member.setObjectName("addMemberButton")

        self.cars_model = CarsModel(self)
        self.cars_table = self._table(self.cars_model, "householdCarsTable", stretch=4)
        self.cars_empty = _empty_label("householdCarsEmpty")
        self.add_car = QPushButton("Add car…")
        self.add_car.setObjectName("addCarButton")

        layout = QHBoxLayout(self)
        layout.addLayout(self._column("Family", self.members_table, self.members_empty, self.add_member), 1)
        layout.addSpacing(12)
        layout.addLayout(
            self._column("Other cars in the household", self.cars_table, self.cars_empty, self.add_car), 1
        )

        self.add_member.clicked.connect(self._ask_member)
        self.add_car.clicked.connect(self._ask_car)
        self.clear()

    @staticmethod
    def _table(model: RowsModel, name: str, stretch: int) -> QTableView:
        table = row_table(model, name)
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.Stretch)  # notes take what is left
        table.setWordWrap(False)
        return table

    @staticmethod
    def _column(title: str, table: QTableView, empty: QLabel, button: QPushButton) -> QVBoxLayout:
        buttons = QHBoxLayout()
        buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(_section_title(title))
        column.addWidget(table, 1)
        column.addWidget(empty, 1)
        column.addLayout(buttons)
        return column

    def clear(self) -> None:
        """No customer open: nothing listed, nothing to add to."""
        self.household = None
        self.members_model.set_rows(())
        self.cars_model.set_rows(())
        for table, empty in ((self.members_table, self.members_empty), (self.cars_table, self.cars_empty)):
            table.hide()
            empty.setText(NO_CUSTOMER)
            empty.show()
        self.add_member.setEnabled(False)
        self.add_car.setEnabled(False)

    def show_customer(self, shown: OnScreen) -> None:
        self.set_household(shown.household)

    def set_household(self, household: Household) -> None:
        self.household = household
        self.members_model.set_rows(household.members)
        self.cars_model.set_rows(household.cars)
        for table, empty, rows, words in (
            (self.members_table, self.members_empty, household.members, MEMBERS_EMPTY),
            (self.cars_table, self.cars_empty, household.cars, CARS_EMPTY),
        ):
            table.setVisible(bool(rows))
            empty.setText(words)
            empty.setVisible(not rows)
        self.add_member.setEnabled(True)
        self.add_car.setEnabled(True)

    def _ask_member(self) -> None:
        self.member_requested.emit()

    def _ask_car(self) -> None:
        self.car_requested.emit()

    def member_choices(self) -> list[tuple[int, str]]:
        """(member id, name) of the household shown, for choosing a car's driver."""
        return self.household.member_choices if self.household else []

    def selected_member(self) -> MemberLine | None:
        index = self.members_table.currentIndex()
        return self.members_model.row_at(index.row()) if index.isValid() else None

    def selected_car(self) -> CarLine | None:
        index = self.cars_table.currentIndex()
        return self.cars_model.row_at(index.row()) if index.isValid() else None
