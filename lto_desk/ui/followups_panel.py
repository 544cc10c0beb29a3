"""The follow-up list: the day's calls and letters, worked one at a time beside the
customer's card; each ends in an outcome that goes into the contact log.

Left, the tasks grouped Overdue / Today / Upcoming; middle, the customer's card;
right, the suggested words in the customer's language, the phone, the seven
outcomes (Alt+1…Alt+7), a note, and Record (Ctrl+Enter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.contacts import ContactChannel
from ..domain.errors import LtoError
from ..domain.followups import FollowUpKind, Outcome
from ..domain.roles import Role
from ..services import departures, followups
from ..services.base import Actor
from ..services.counter import customer_card
from ..services.files import now
from ..services.followups import FollowUpLine
from ..services.relationship import dates_that_matter
from .appointment_dialog import from_qdate, to_qdate
from .card import CardPanel
from .departure_dialog import DepartureDialog
from .note_box import note_box

if TYPE_CHECKING:
    from .operations import Changes

#: Item data roles of the list (the display text is the whole row in words).
TASK_ROLE = Qt.UserRole  # the task's id; None on a section heading
NAME_ROLE = Qt.UserRole + 1
WHAT_ROLE = Qt.UserRole + 2
DUE_ROLE = Qt.UserRole + 3
MANAGER_ROLE = Qt.UserRole + 4
BUCKET_ROLE = Qt.UserRole + 5
DETAIL_ROLE = Qt.UserRole + 6

SECTIONS = (("overdue", "Overdue"), ("today", "Today"), ("upcoming", "Upcoming"))

NOTHING_TODAY = "Nothing to follow up today."
CHOOSE_ONE = "Choose a follow-up on the left to see the customer and the suggested words."
FOR_MANAGER = "A manager works this one. Ask a manager to call them today."
ONLY_FOR_MANAGERS = "Nothing for you to follow up today; what is left is for a manager."

LANGUAGES = {"en": "English", "es": "Spanish"}

#: Outcomes after which calling again on a chosen day may be asked for (else nothing stays open).
_MAY_CALL_AGAIN = {Outcome.REACHED, Outcome.NO_ANSWER, Outcome.LEFT_MESSAGE}


def due_text(day: dt.date, today: dt.date) -> str:
    """When a task is due, said calmly: 'today', '2 days ago', 'tomorrow', 'Thu Nov 26'."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if -14 < days < -1:
        return f"{-days} days ago"
    if days == 1:
        return "tomorrow"
    text = f"{day:%a %b} {day.day}"
    return text if day.year == today.year else f"{text}, {day.year}"


def what_text(line: FollowUpLine) -> str:
    """The kind of task and, when there is one, its detail."""
    return f"{line.kind_label} — {line.detail}" if line.detail else line.kind_label


def outcome_name(outcome: Outcome) -> str:
    """The objectName of an outcome's button, e.g. ``outcomeLeftMessageButton``."""
    return "outcome" + "".join(part.title() for part in outcome.value.split("_")) + "Button"


@dataclass
class _Draft:
    """What was typed for a task, kept while the clerk looks at another one."""

    outcome: Outcome | None
    note: str
    call_again: bool
    call_back_on: dt.date
    channel: str


class TaskDelegate(QStyledItemDelegate):
    """Paints a task as two or three lines (name, badge and due day; what to do;
    its detail when it has one) and a section heading as a band."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        height = QFontMetrics(option.font).height()
        if index.data(TASK_ROLE) is None:
            return QSize(200, height + 12)
        lines = 3 if index.data(DETAIL_ROLE) else 2
        return QSize(200, lines * height + 4 * (lines - 1) + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        try:
            if index.data(TASK_ROLE) is None:
                self._paint_heading(painter, option, index)
            else:
                self._paint_task(painter, option, index)
        finally:
            painter.restore()

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        rect = option.rect
        painter.fillRect(rect, QColor("#eef2f7"))
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1f4e79"))
        painter.drawText(rect.adjusted(self.PAD, 0, -self.PAD, 0), Qt.AlignLeft | Qt.AlignVCenter, index.data())

    def _paint_task(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.CE_ItemViewItem, opt, painter, widget)
        enabled = bool(option.state & QStyle.State_Enabled)
        selected = bool(option.state & QStyle.State_Selected)
        palette = option.palette
        main = palette.highlightedText().color() if selected else QColor("#1d2733")
        soft = palette.highlightedText().color() if selected else QColor("#5b6573")
        if not enabled:
            main = soft = QColor("#9aa3ad")
        rect = option.rect.adjusted(self.PAD, 6, -self.PAD, -6)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        bottom = QRect(rect.left(), rect.top() + line + 4, rect.width(), line)

        due = index.data(DUE_ROLE) or ""
        overdue = index.data(BUCKET_ROLE) == "overdue"
        due_font = QFont(option.font)
        due_font.setBold(overdue)
        due_width = QFontMetrics(due_font).horizontalAdvance(due)
        painter.setFont(due_font)
        painter.setPen(main if selected or not enabled else QColor("#9a4d00" if overdue else "#4a5563"))
        painter.drawText(top, Qt.AlignRight | Qt.AlignVCenter, due)

        badge = "Manager" if index.data(MANAGER_ROLE) else ""
        badge_font = QFont(option.font)
        badge_font.setBold(True)
        badge_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.8))
        badge_metrics = QFontMetrics(badge_font)
        badge_width = badge_metrics.horizontalAdvance(badge) + 12 if badge else 0

        name_font = QFont(option.font)
        name_font.setBold(True)
        name_metrics = QFontMetrics(name_font)
        room = max(0, top.width() - due_width - badge_width - 16)
        name = name_metrics.elidedText(index.data(NAME_ROLE) or "", Qt.ElideRight, room)
        painter.setFont(name_font)
        painter.setPen(main)
        painter.drawText(top, Qt.AlignLeft | Qt.AlignVCenter, name)

        if badge:
            left = top.left() + name_metrics.horizontalAdvance(name) + 8
            pill = QRect(left, top.top() + 1, badge_width, line - 2)
            painter.setRenderHint(QPainter.Antialiasing)
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor("#e6e0f5") if enabled else QColor("#eceef1"))
            painter.drawRoundedRect(pill, 6, 6)
            painter.setFont(badge_font)
            painter.setPen(QColor("#4b3a87") if enabled else QColor("#9aa3ad"))
            painter.drawText(pill, Qt.AlignCenter, badge)

        painter.setFont(option.font)
        painter.setPen(main)
        what = metrics.elidedText(index.data(WHAT_ROLE) or "", Qt.ElideRight, bottom.width())
        painter.drawText(bottom, Qt.AlignLeft | Qt.AlignVCenter, what)
        detail = index.data(DETAIL_ROLE) or ""
        if detail:
            third = bottom.translated(0, line + 4)
            painter.setPen(soft)
            painter.drawText(third, Qt.AlignLeft | Qt.AlignVCenter,
                             metrics.elidedText(detail, Qt.ElideRight, third.width()))


class TaskList(QListWidget):
    """The list of tasks. Letters typed on it are the start of a note (``typed``), not a
    search that would quietly choose another customer's task."""

    typed = Signal(str)

    def keyboardSearch(self, search: str) -> None:
        self.typed.emit(search)


class OutcomeButton(QPushButton):
    """An outcome; its Alt+digit chooses it at once (a button's own shortcut clicks it a
    moment later, after the clerk may already be typing the note or recording)."""

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.Shortcut:
            self.click()
            return True
        return super().event(e)


def _label(name: str, text: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class FollowUpPanel(QWidget):
    """The day's follow-ups, worked one at a time.

    Signals: ``count_changed(int)`` — tasks due today or overdue, after each
    refresh; ``open_customer(int)`` — the clerk wants this customer at the counter.
    ``actor_of`` returns the logged-in clerk (None when locked)."""

    count_changed = Signal(int)
    open_customer = Signal(int)

    def __init__(self, actor_of: Callable[[], Actor | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpPanel")
        self.actor_of = actor_of
        self.today = now().date()
        self.lines: dict[int, FollowUpLine] = {}
        self.current: FollowUpLine | None = None
        self.drafts: dict[int, _Draft] = {}

        # -- the list ------------------------------------------------------------------
        title = _label("panelTitle", "Follow-ups")
        self.summary = _label("followUpSummary", wrap=True)
        self.list = TaskList()
        self.list.setObjectName("followUpList")
        self.list.setItemDelegate(TaskDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setUniformItemSizes(False)
        self.list.setMouseTracking(True)
        self.empty = _label("followUpEmpty", NOTHING_TODAY, wrap=True)
        self.empty.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(title)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty, 1)

        # -- the customer's card -------------------------------------------------------
        self.card = CardPanel()
        self.card.setObjectName("followUpCard")
        self.card.cue_button.hide()  # cues are asked at the counter ("Open at the counter")
        self.card.empty.setText("The customer's card shows here.")

        # -- working the task ----------------------------------------------------------
        self.idle = _label("followUpIdle", NOTHING_TODAY, wrap=True)
        self.idle.setAlignment(Qt.AlignCenter)
        self.task_title = _label("followUpTitle", wrap=True)
        self.task_detail = _label("followUpDetail", wrap=True)
        self.phone = _label("followUpPhone")
        self.phone.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.script_title = _label("followUpSectionTitle", "Suggested words")
        self.script = _label("followUpScript", wrap=True)
        self.script.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.script.setAlignment(Qt.AlignLeft | Qt.AlignTop)

        self.outcomes = QButtonGroup(self)
        self.outcomes.setExclusive(True)
        self.outcome_buttons: dict[Outcome, QPushButton] = {}
        outcome_grid = QGridLayout()
        outcome_grid.setSpacing(6)
        for n, outcome in enumerate(Outcome, start=1):
            button = OutcomeButton(f"{outcome.label}  (Alt+{n})")
            button.setObjectName(outcome_name(outcome))
            button.setCheckable(True)
            # Never in the Tab order: a Space meant for the note must not choose an outcome.
            button.setFocusPolicy(Qt.NoFocus)
            button.setShortcut(QKeySequence(f"Alt+{n}"))
            button.setToolTip(f"{outcome.label} — Alt+{n}")
            self.outcomes.addButton(button)
            self.outcome_buttons[outcome] = button
            outcome_grid.addWidget(button, (n - 1) // 2, (n - 1) % 2)
        self.channel = QComboBox()
        self.channel.setObjectName("followUpChannelCombo")
        for channel in ContactChannel:
            self.channel.addItem(channel.label, channel.value)
        self.call_again = QCheckBox("Call again on")
        self.call_again.setObjectName("callAgainCheck")
        self.call_back_on = QDateEdit()
        self.call_back_on.setObjectName("callBackDateEdit")
        self.call_back_on.setCalendarPopup(True)
        self.call_back_on.setDisplayFormat("ddd MMM d, yyyy")
        self.call_back_on.setMaximumWidth(190)
        self.note = note_box("followUpNoteEdit", "What did they say? (optional)", saves=self.record, keys_on=self)
        self.note.setFixedHeight(64)
        self.record_button = QPushButton("Record  (Ctrl+Enter)")
        self.record_button.setObjectName("recordFollowUpButton")
        self.open_button = QPushButton("Open at the counter")
        self.open_button.setObjectName("openAtCounterButton")
        self.message = _label("followUpMessage", wrap=True)
        self.message.hide()

        how_row = QHBoxLayout()
        how_row.addWidget(QLabel("How"))
        how_row.addWidget(self.channel)
        how_row.addSpacing(12)
        how_row.addWidget(self.call_again)
        how_row.addWidget(self.call_back_on)
        how_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)

        self.work = QWidget()
        work_layout = QVBoxLayout(self.work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.task_title)
        work_layout.addWidget(self.task_detail)
        work_layout.addWidget(self.phone)
        work_layout.addWidget(self.script_title)
        work_layout.addWidget(self.script)
        work_layout.addWidget(_label("followUpSectionTitle", "What happened"))
        work_layout.addLayout(outcome_grid)
        work_layout.addLayout(how_row)
        work_layout.addWidget(self.note)
        work_layout.addLayout(buttons)
        work_layout.addStretch(1)
        right = QFrame()
        right.setObjectName("followUpWork")
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.idle, 1)
        right_layout.addWidget(self.work, 1)

        splitter = QSplitter(Qt.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([400, 440, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.list.currentItemChanged.connect(self._current_changed)
        self.list.typed.connect(self._write_note)
        self.outcomes.buttonClicked.connect(self._outcome_chosen)
        self.outcomes.buttonToggled.connect(self._fit_date)
        self.call_again.toggled.connect(self._fit_date)
        self.record_button.clicked.connect(self.record)
        self.open_button.clicked.connect(self._open_customer)
        self._show_task(None)

    # -- the list ---------------------------------------------------------------------------
    def heard(self, changes: Changes) -> None:
        """An operation's announcement: the list (and its count) read again when it
        may have made or closed tasks."""
        if changes.follow_ups:
            self.refresh(now().date())

    def refresh(self, today: dt.date | None = None, *, position: int | None = None) -> None:
        """Read the list again (for ``today``, default the real date). The task shown
        stays shown when it is still open; else the one at ``position`` (or the first).
        Nothing is read while nobody is logged in."""
        actor = self.actor_of()
        if actor is None:
            return
        self.today = today or now().date()
        board = followups.follow_up_board(actor, self.today)
        may_manage = actor.role.at_least(Role.MANAGER)
        keep = self.current.id if self.current is not None else None
        self.lines = {}
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for bucket, heading in SECTIONS:
                rows = getattr(board, bucket)
                if not rows:
                    continue
                head = QListWidgetItem(f"{heading}  ·  {len(rows)}")
                head.setData(TASK_ROLE, None)
                head.setFlags(Qt.NoItemFlags)
                self.list.addItem(head)
                for line in rows:
                    self.lines[line.id] = line
                    self.list.addItem(self._item(line, bucket, may_manage))
        finally:
            self.list.blockSignals(False)
        due = len(board.overdue) + len(board.today)
        self.summary.setText(self._summary(len(board.overdue), due, len(board.upcoming)))
        self.list.setVisible(bool(self.lines))
        self.empty.setVisible(not self.lines)
        self.drafts = {k: v for k, v in self.drafts.items() if k in self.lines}
        target = keep if keep in self.lines and self._selectable(keep) else None
        if target is None:
            target = self._task_at(position if position is not None else 0)
        if target is not None:
            self.select_task(target)
        else:
            self._show_task(None)
        self.count_changed.emit(due)

    def _item(self, line: FollowUpLine, bucket: str, may_manage: bool) -> QListWidgetItem:
        due = due_text(line.due_on, self.today)
        what = what_text(line)
        item = QListWidgetItem(f"{line.customer_name} — {what} — {due}")
        item.setData(TASK_ROLE, line.id)
        item.setData(NAME_ROLE, line.customer_name)
        item.setData(WHAT_ROLE, line.kind_label)
        item.setData(DETAIL_ROLE, line.detail)
        item.setData(DUE_ROLE, due)
        item.setData(MANAGER_ROLE, line.for_manager)
        item.setData(BUCKET_ROLE, bucket)
        tip = f"{what}\nDue {line.due_on:%A %b} {line.due_on.day}"
        if line.for_manager and not may_manage:
            item.setFlags(Qt.NoItemFlags)
            tip = f"{FOR_MANAGER}\n{tip}"
        item.setToolTip(tip)
        return item

    @staticmethod
    def _summary(overdue: int, due: int, upcoming: int) -> str:
        later = f"{upcoming} coming up this week." if upcoming else ""
        if not due:
            return f"{NOTHING_TODAY} {later}".strip()
        text = f"{due} to do today" + (f", {overdue} of them overdue" if overdue else "") + "."
        return f"{text} {later}".strip()

    def task_items(self) -> list[QListWidgetItem]:
        """The list's task rows, top to bottom (headings left out)."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item for item in items if item.data(TASK_ROLE) is not None]

    def _selectable(self, task_id: int) -> bool:
        item = self._find(task_id)
        return item is not None and bool(item.flags() & Qt.ItemIsSelectable)

    def _find(self, task_id: int) -> QListWidgetItem | None:
        return next((item for item in self.task_items() if item.data(TASK_ROLE) == task_id), None)

    def _task_at(self, position: int) -> int | None:
        """The selectable task at ``position`` among the selectable ones (the last if fewer)."""
        ids = [item.data(TASK_ROLE) for item in self.task_items() if item.flags() & Qt.ItemIsSelectable]
        if not ids:
            return None
        return ids[min(max(position, 0), len(ids) - 1)]

    def _position_of(self, task_id: int) -> int:
        ids = [item.data(TASK_ROLE) for item in self.task_items() if item.flags() & Qt.ItemIsSelectable]
        return ids.index(task_id) if task_id in ids else 0

    def select_task(self, task_id: int) -> bool:
        """Show the task ``task_id``; False when it is not in the list or not for this clerk."""
        item = self._find(task_id)
        if item is None or not item.flags() & Qt.ItemIsSelectable:
            return False
        self.list.setCurrentItem(item)
        if self.current is None or self.current.id != task_id:
            self._show_task(self.lines[task_id])
        return True

    def _current_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        task_id = current.data(TASK_ROLE) if current is not None else None
        if task_id is None or task_id not in self.lines:
            return
        if self.current is None or self.current.id != task_id:
            self._show_task(self.lines[task_id])

    # -- the task shown ---------------------------------------------------------------------
    def _show_task(self, line: FollowUpLine | None) -> None:
        if self.current is not None and (line is None or line.id != self.current.id):
            self.drafts[self.current.id] = self._draft()
        if self.message.property("level") == "error":
            self.say("")
        self.current = line
        self.work.setVisible(line is not None)
        self.idle.setVisible(line is None)
        if line is None:
            if not self.lines:
                self.idle.setText(NOTHING_TODAY)
            else:
                self.idle.setText(CHOOSE_ONE if self._task_at(0) is not None else ONLY_FOR_MANAGERS)
            self.card.clear()
            return
        actor = self.actor_of()
        card = customer_card(actor, line.customer_id, as_of=self.today, agreement_id=line.agreement_id)
        self.card.show_card(card, self.today, dates_that_matter(actor, line.customer_id, self.today))
        self.task_title.setText(line.kind_label)
        detail = f"Due {due_text(line.due_on, self.today)}"
        self.task_detail.setText(f"{line.detail}  ·  {detail}" if line.detail else detail)
        self.phone.setText(f"Call {line.phone}" if line.phone else
                           "No phone on file — send a note or see them at the counter.")
        language = LANGUAGES.get(line.language, "")
        self.script_title.setText(
            f"Suggested words ({language})" if language and line.language != "en" else "Suggested words"
        )
        self.script.setText(line.script)
        self._load(self.drafts.pop(line.id, None) or self._fresh(line))

    def _fresh(self, line: FollowUpLine) -> _Draft:
        channel = ContactChannel.LETTER if line.kind is FollowUpKind.THANK_YOU_LETTER else ContactChannel.CALL
        return _Draft(None, "", False, self.today + dt.timedelta(days=1), channel.value)

    def _draft(self) -> _Draft:
        return _Draft(
            self.chosen_outcome(), self.note.toPlainText(), self.call_again.isChecked(),
            from_qdate(self.call_back_on.date()), self.channel.currentData(),
        )

    def _load(self, draft: _Draft) -> None:
        self.outcomes.setExclusive(False)
        for outcome, button in self.outcome_buttons.items():
            button.setChecked(outcome is draft.outcome)
        self.outcomes.setExclusive(True)
        self.note.setPlainText(draft.note)
        self.call_back_on.setMinimumDate(to_qdate(self.today + dt.timedelta(days=1)))
        self.call_back_on.setDate(to_qdate(draft.call_back_on))
        self.call_again.setChecked(draft.call_again)
        self.channel.setCurrentIndex(max(0, self.channel.findData(draft.channel)))
        self._fit_date()

    def _outcome_chosen(self, _button=None) -> None:
        """After choosing what happened the clerk writes the note: the focus goes there."""
        if self.message.property("level") == "error":
            self.say("")
        self.note.setFocus(Qt.ShortcutFocusReason)

    def _write_note(self, text: str) -> None:
        if self.current is None:
            return
        self.note.setFocus(Qt.OtherFocusReason)
        self.note.moveCursor(QTextCursor.End)
        self.note.insertPlainText(text)

    def chosen_outcome(self) -> Outcome | None:
        return next((o for o, b in self.outcome_buttons.items() if b.isChecked()), None)

    def _fit_date(self, *_args) -> None:
        """'Call back on…' always needs its day; after reaching them, no answer or a
        message, calling again on a day is a choice; after the others nothing stays open."""
        outcome = self.chosen_outcome()
        if outcome is Outcome.CALL_BACK:
            self.call_again.blockSignals(True)
            self.call_again.setChecked(True)
            self.call_again.blockSignals(False)
            self.call_again.setEnabled(False)
            self.call_again.setText("Call back on")
        else:
            self.call_again.setEnabled(outcome in _MAY_CALL_AGAIN)
            self.call_again.setText("Call again on")
            if outcome not in _MAY_CALL_AGAIN and outcome is not None:
                self.call_again.setChecked(False)
        self.call_back_on.setEnabled(self.call_again.isChecked() and self.call_again.isEnabled()
                                     or outcome is Outcome.CALL_BACK)

    # -- recording --------------------------------------------------------------------------
    def say(self, text: str, level: str = "info") -> None:
        self.message.setProperty("level", level)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def record(self) -> None:
        """Record the chosen outcome for the task shown (Ctrl+Enter)."""
        line = self.current
        if line is None:
            return
        outcome = self.chosen_outcome()
        if outcome is None:
            self.say("Choose what happened first (Alt+1 to Alt+7), then Record.", "error")
            return
        call_back_on = from_qdate(self.call_back_on.date()) if self.call_back_on.isEnabled() else None
        actor = self.actor_of()
        try:
            if actor is None:
                raise LtoError("Please log in first; nothing was recorded.")
            followups.work_follow_up(
                actor, line.id, outcome, self.note.toPlainText(), call_back_on=call_back_on,
                channel=self.channel.currentData(),
            )
        except LtoError as exc:
            self.say(exc.message, "error")
            return
        text, level = self._recorded_text(line, outcome, call_back_on), "info"
        if outcome is Outcome.BOUGHT_ELSEWHERE:
            more, level = self._ask_departure(line, actor)
            text = f"{text} {more}"
        position = self._position_of(line.id)
        self.current = None  # worked: no draft to keep
        self.drafts.pop(line.id, None)
        self.refresh(self.today, position=position)
        self.say(text, level)
        self.list.setFocus(Qt.OtherFocusReason)  # ready for the next task's Alt+digit

    @staticmethod
    def _recorded_text(line: FollowUpLine, outcome: Outcome, call_back_on: dt.date | None) -> str:
        name = line.customer_name
        if outcome is Outcome.CALL_BACK and call_back_on is not None:
            return f"{name}: call back {call_back_on:%A %b} {call_back_on.day} — it is on the list for that day."
        if outcome is Outcome.STOP_CONTACTING:
            return f"{name} asked us to stop contacting them: no more calls about cars and no mail. It is noted."
        text = f"Recorded for {name}: {outcome.label.lower()}."
        if call_back_on is not None:
            text += f" We will try again {call_back_on:%A %b} {call_back_on.day}."
        return text

    def _ask_departure(self, line: FollowUpLine, actor: Actor) -> tuple[str, str]:
        """Bought elsewhere: ask what they told us and save it. Returns (words, level)."""
        answer = DepartureDialog.ask(self, line.customer_name)
        later = "Add them with “Bought elsewhere…” on the customer's Contact log tab."
        if answer is None:
            return f"What they told us about buying elsewhere was not recorded. {later}", "warning"
        try:
            departures.record_departure(actor, line.customer_id, answer)
        except LtoError as exc:
            return f"What they told us about buying elsewhere was not recorded: {exc.message} {later}", "warning"
        bits = ["What they told us is saved."]
        if not answer.taken_delivery and answer.stay_in_touch:
            bits.append("A manager has a task to call them today.")
        if not answer.stay_in_touch:
            bits.append("We will not contact them about cars again.")
        return " ".join(bits), "info"

    def _open_customer(self) -> None:
        if self.current is not None:
            self.open_customer.emit(self.current.customer_id)
