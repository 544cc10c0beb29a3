"""The period a report covers, as the reports window asks for it: days from/to with
quick choices, one week (Monday to Sunday), the last N weeks, one agreement, or none."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from ..documents import relationship_reports as rel_docs
from ..domain.errors import LtoError
from ..services import business_reports as biz
from ..services import relationship_reports as rel
from ..services.base import Actor
from .report_specs import Period, PeriodKind, ReportSpec

__all__ = ["PeriodPicker", "date_presets"]


def date_presets(today: dt.date) -> list[tuple[str, str, dt.date, dt.date]]:
    """(key, words, first day, last day) of the quick choices for a period of days."""
    month_start = today.replace(day=1)
    last_month_end = month_start - dt.timedelta(days=1)
    year_ago = today.replace(year=today.year - 1) if not (today.month == 2 and today.day == 29) else today - dt.timedelta(days=365)
    monday = today - dt.timedelta(days=today.weekday())
    return [
        ("today", "Today", today, today),
        ("yesterday", "Yesterday", today - dt.timedelta(days=1), today - dt.timedelta(days=1)),
        ("this_week", "This week", monday, today),
        ("last_30_days", "Last 30 days", today - dt.timedelta(days=29), today),
        ("last_90_days", "Last 90 days", today - dt.timedelta(days=89), today),
        ("last_12_months", "Last 12 months", year_ago + dt.timedelta(days=1), today),
        ("this_month", "This month", month_start, today),
        ("last_month", "Last month", last_month_end.replace(day=1), last_month_end),
        ("this_year", "This year", dt.date(today.year, 1, 1), today),
        ("last_year", "Last year", dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
    ]

class PeriodPicker(QStackedWidget):
    """The boxes for the chosen report's kind of period, one page each; tells
    ``on_change`` when the person chooses another period (not when the window
    sets one up for a report just chosen)."""

    def __init__(
        self,
        today: Callable[[], dt.date],
        actor_of: Callable[[], Actor | None],
        on_change: Callable[[], None],
        say: Callable[[str, str], None],
        parent: QWidget | None = None,
        *,
        agreement_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportPeriodStack")
        self.today = today
        self.actor_of = actor_of
        self.on_change = on_change
        self.say = say
        self.kind: PeriodKind = "none"
        self.agreement_id = agreement_id
        self._quiet = False

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("reportPresetCombo")
        self.from_edit = self._date_edit("reportFromEdit")
        self.to_edit = self._date_edit("reportToEdit")
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(self.preset_combo)
        dates_row.addSpacing(8)
        dates_row.addWidget(QLabel("From"))
        dates_row.addWidget(self.from_edit)
        dates_row.addWidget(QLabel("to"))
        dates_row.addWidget(self.to_edit)
        dates_row.addStretch(1)

        self.weeks_spin = QSpinBox()
        self.weeks_spin.setObjectName("reportWeeksSpin")
        self.weeks_spin.setRange(1, rel.MAX_WEEKS)
        self.weeks_spin.setSuffix(" weeks")
        weeks = QWidget()
        weeks_row = QHBoxLayout(weeks)
        weeks_row.setContentsMargins(0, 0, 0, 0)
        weeks_row.addWidget(QLabel("The last"))
        weeks_row.addWidget(self.weeks_spin)
        weeks_row.addWidget(QLabel("(this week last)"))
        weeks_row.addStretch(1)

        self.everything = QLabel("Everything on file")
        self.everything.setObjectName("reportPeriodWords")

        # one week, Monday to Sunday
        self.week_edit = self._date_edit("reportWeekEdit")
        self.week_edit.setToolTip("Any day of the week; the report covers its Monday to Sunday")
        self.prev_week = QPushButton("◀")
        self.prev_week.setObjectName("reportPrevWeekButton")
        self.prev_week.setToolTip("The week before")
        self.next_week = QPushButton("▶")
        self.next_week.setObjectName("reportNextWeekButton")
        self.next_week.setToolTip("The week after")
        for b in (self.prev_week, self.next_week):
            b.setFixedWidth(34)
        self.week_words = QLabel()
        self.week_words.setObjectName("reportPeriodWords")
        week = QWidget()
        week_row = QHBoxLayout(week)
        week_row.setContentsMargins(0, 0, 0, 0)
        week_row.addWidget(QLabel("Week of"))
        week_row.addWidget(self.prev_week)
        week_row.addWidget(self.week_edit)
        week_row.addWidget(self.next_week)
        week_row.addSpacing(6)
        week_row.addWidget(self.week_words)
        week_row.addStretch(1)

        # one agreement, by number or the customer's name
        self.agreement_combo = QComboBox()
        self.agreement_combo.setObjectName("reportAgreementCombo")
        self.agreement_combo.setEditable(True)
        self.agreement_combo.setInsertPolicy(QComboBox.NoInsert)
        self.agreement_combo.setMinimumContentsLength(42)
        self.agreement_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.agreement_combo.lineEdit().setPlaceholderText("Agreement number or customer's name")
        self.agreement_combo.setToolTip("Type the agreement number or part of the customer's name, then pick it")
        completer = QCompleter(self.agreement_combo.model(), self.agreement_combo)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.agreement_combo.setCompleter(completer)
        self._agreements_loaded = False
        agreement = QWidget()
        agreement_row = QHBoxLayout(agreement)
        agreement_row.setContentsMargins(0, 0, 0, 0)
        agreement_row.addWidget(QLabel("Agreement"))
        agreement_row.addWidget(self.agreement_combo)
        agreement_row.addStretch(1)

        self.addWidget(dates)
        self.addWidget(weeks)
        self.addWidget(self.everything)
        self.addWidget(week)
        self.addWidget(agreement)

        self.preset_combo.currentIndexChanged.connect(lambda _i: self._preset_chosen())
        self.from_edit.dateChanged.connect(lambda _d: self._dates_typed())
        self.to_edit.dateChanged.connect(lambda _d: self._dates_typed())
        self.weeks_spin.valueChanged.connect(lambda n: self.weeks_spin.setSuffix(" week" if n == 1 else " weeks"))
        self.weeks_spin.valueChanged.connect(lambda _n: self._period_changed())
        self.week_edit.dateChanged.connect(lambda _d: self._week_changed())
        self.prev_week.clicked.connect(lambda: self.week_edit.setDate(self.week_edit.date().addDays(-7)))
        self.next_week.clicked.connect(lambda: self.week_edit.setDate(self.week_edit.date().addDays(7)))
        self.agreement_combo.activated.connect(lambda _i: self._period_changed())
        self.agreement_combo.lineEdit().returnPressed.connect(self._period_changed)
        completer.activated.connect(lambda _text: self._agreement_typed())

    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("MMM d, yyyy")
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setMaximumDate(QDate(2100, 12, 31))
        return edit

    def set_up_for(self, spec: ReportSpec) -> None:
        """Set the boxes up for ``spec``'s kind of period, at its defaults (quietly)."""
        self.kind = spec.period
        self._quiet = True
        try:
            self.setCurrentIndex({"dates": 0, "weeks": 1, "none": 2, "week": 3, "agreement": 4}[spec.period])
            if spec.period == "dates":
                self._fill_presets(spec.default_preset)
                self._apply_preset()
            elif spec.period == "weeks":
                self.weeks_spin.setRange(1, spec.max_weeks)
                self.weeks_spin.setValue(min(spec.default_weeks, spec.max_weeks))
                self.weeks_spin.setSuffix(" week" if self.weeks_spin.value() == 1 else " weeks")
            elif spec.period == "week":
                today = self.today()
                self.week_edit.setDate(QDate(today.year, today.month, today.day))
                self._say_week()
            elif spec.period == "agreement":
                self._fill_agreements()
            else:
                self.everything.setText(spec.none_words)
        finally:
            self._quiet = False

    def _fill_presets(self, chosen: str) -> None:
        self.preset_combo.clear()
        for key, words, _start, _end in date_presets(self.today()):
            self.preset_combo.addItem(words, key)
        self.preset_combo.addItem("Chosen days", "custom")
        index = self.preset_combo.findData(chosen)
        self.preset_combo.setCurrentIndex(index if index >= 0 else 0)

    def _apply_preset(self) -> None:
        key = self.preset_combo.currentData()
        for k, _words, start, end in date_presets(self.today()):
            if k == key:
                self.from_edit.setDate(QDate(start.year, start.month, start.day))
                self.to_edit.setDate(QDate(end.year, end.month, end.day))

    def _preset_chosen(self) -> None:
        if self._quiet:
            return
        if self.preset_combo.currentData() == "custom":
            return
        self._quiet = True
        try:
            self._apply_preset()
        finally:
            self._quiet = False
        self.on_change()

    def _dates_typed(self) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
        finally:
            self._quiet = False
        self.on_change()

    def _period_changed(self) -> None:
        if not self._quiet:
            self.on_change()

    def _week(self) -> tuple[dt.date, dt.date]:
        day = self.week_edit.date().toPython()
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)

    def _say_week(self) -> None:
        monday, sunday = self._week()
        self.week_words.setText(f"Monday to Sunday, {rel_docs.period_text(monday, sunday)}")

    def _week_changed(self) -> None:
        self._say_week()
        self._period_changed()

    def set_week(self, day: dt.date) -> None:
        """Choose the week of ``day`` for a report of one week (as with the date box)."""
        self.week_edit.setDate(QDate(day.year, day.month, day.day))

    def _fill_agreements(self) -> None:
        """The agreements to pick from (newest first), the chosen one selected."""
        if not self._agreements_loaded:
            self.agreement_combo.clear()
            try:
                choices = biz.agreement_choices(self.actor_of())
            except LtoError as exc:
                self.say(exc.message, "error")
                choices = []
            for agreement_id, words in choices:
                self.agreement_combo.addItem(words, agreement_id)
            self._agreements_loaded = True
        index = self.agreement_combo.findData(self.agreement_id) if self.agreement_id is not None else -1
        self.agreement_combo.setCurrentIndex(index)
        if index < 0:
            self.agreement_combo.setEditText("")

    def _agreement_typed(self) -> None:
        """A choice from the list that pops up while typing."""
        text = self.agreement_combo.currentText()
        index = self.agreement_combo.findText(text)
        if index >= 0:
            self.agreement_combo.setCurrentIndex(index)
        self._period_changed()

    def chosen_agreement(self) -> int | None:
        """The agreement picked: the item shown, or a number typed that is on the list."""
        combo = self.agreement_combo
        text = combo.currentText().strip()
        index = combo.currentIndex()
        if index >= 0 and combo.itemText(index) == combo.currentText():
            return combo.itemData(index)
        if text.isdigit():
            found = combo.findData(int(text))
            if found >= 0:
                return combo.itemData(found)
        found = combo.findText(text, Qt.MatchFixedString)
        return combo.itemData(found) if text and found >= 0 else None

    def set_agreement(self, agreement_id: int) -> None:
        """Choose the agreement for a statement (as a person picks it from the list)."""
        self.agreement_id = agreement_id
        if self.kind == "agreement":
            self._quiet = True
            try:
                self._fill_agreements()
            finally:
                self._quiet = False
            self.on_change()

    def set_dates(self, start: dt.date, end: dt.date) -> None:
        """Choose the days of a report over days (as a person would with the date boxes)."""
        self._quiet = True
        try:
            self.from_edit.setDate(QDate(start.year, start.month, start.day))
            self.to_edit.setDate(QDate(end.year, end.month, end.day))
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
        finally:
            self._quiet = False
        self.on_change()

    def period(self) -> Period:
        """The period chosen, for the kind of period set up last."""
        kind = self.kind
        today = self.today()
        if kind == "dates":
            return Period(today, actor=self.actor_of(), start=self.from_edit.date().toPython(), end=self.to_edit.date().toPython())
        if kind == "weeks":
            return Period(today, actor=self.actor_of(), weeks=self.weeks_spin.value())
        if kind == "week":
            monday, sunday = self._week()
            return Period(today, actor=self.actor_of(), start=monday, end=sunday)
        if kind == "agreement":
            return Period(today, actor=self.actor_of(), agreement_id=self.chosen_agreement())
        return Period(today, actor=self.actor_of())
