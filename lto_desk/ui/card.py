"""The customer card: who is at the counter, what is due, what to talk about."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QPushButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ..domain.ledger import Status
from ..domain.money import format_money
from ..domain.terms import Frequency
from ..services.counter import Card
from ..services.files import now as clock
from ..services.relationship import DatesThatMatter

if TYPE_CHECKING:
    from .shown_customer import OnScreen


def _label(name: str, text: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def when(value: dt.datetime | dt.date | None, today: dt.date | None = None) -> str:
    """'today', 'yesterday', '3 days ago', or the date."""
    if value is None:
        return "—"
    day = value.date() if isinstance(value, dt.datetime) else value
    today = today or clock().date()
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 1 < delta < 14:
        return f"{delta} days ago"
    return f"{day:%b %d, %Y}"


def calm_days(days: int) -> str:
    """Days behind said plainly, with no alarm words."""
    if days <= 0:
        return "Up to date"
    return f"{days} day{'s' if days != 1 else ''} since the due date"


def banner_text(dates: DatesThatMatter | None) -> str:
    """The card's line for the dates that matter this week (empty when none)."""
    if dates is None or not dates.any:
        return ""
    bits = []
    if dates.birthday:
        away = dates.birthday.days_away
        if away == 0:
            bits.append("Birthday today! Wish them a happy birthday.")
        elif away < 0:
            bits.append(f"Birthday was {dates.birthday.on:%A} — wish them a happy belated birthday.")
        else:
            bits.append(f"Birthday {dates.birthday.on:%A}! Wish them a happy birthday.")
    for a in dates.anniversaries:
        bits.append(f"{a.years} year{'s' if a.years != 1 else ''} with us this week — thank them.")
    for h in dates.household_this_week:
        bits.append(f"{h.who}{f' ({h.relation})' if h.relation else ''}: birthday {h.on:%a %b %d}")
    for h in dates.household_upcoming:
        bits.append(f"{h.who}{f' ({h.relation})' if h.relation else ''}: birthday {h.on:%b %d}")
    return "   ·   ".join(bits)


def past_text(card: Card) -> str:
    """The customer's other agreements in one line, newest first (empty when none)."""
    bits = []
    for a in card.agreements:
        if a.agreement_id == card.agreement_id:
            continue
        when_closed = f" {a.closed_on:%b %d, %Y}" if a.closed_on else ""
        status = a.status.lower() if a.status != "Active" else "active"
        bits.append(f"{a.vehicle} — {status}{when_closed}")
    return ("Also with us: " + "; ".join(bits) + ".") if bits else ""


def complaints_text(card: Card) -> str:
    """Open complaints, one line each: they stay on the card until resolved."""
    lines = []
    for c in card.complaints:
        days = "reported today" if c.days_open == 0 else f"{c.days_open} day{'s' if c.days_open != 1 else ''} open"
        about = f" ({c.vehicle})" if c.vehicle else ""
        lines.append(f"Open complaint{about}: {c.what} — {c.status_label.lower()}, {days}")
    return "\n".join(lines)


class CardPanel(QFrame):
    cue_asked = Signal(int, str)  # note id, cue text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.card: Card | None = None
        self.banner = _label("cardBanner", wrap=True)
        self.banner.hide()
        self.name = _label("cardName")
        self.badge = _label("cardBadge")
        self.contact = _label("cardContact", wrap=True)
        self.vehicle = _label("cardVehicle", wrap=True)
        self.past = _label("cardPast", wrap=True)
        self.complaints = _label("cardComplaints", wrap=True)
        self.complaints.hide()
        self.due = _label("cardDue")
        self.days = _label("cardDays")
        self.progress_text = _label("cardProgressText")
        self.progress = QProgressBar()
        self.progress.setObjectName("cardProgress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.next_due = _label("cardNextDue")
        self.extra = _label("cardExtra", wrap=True)
        self.pinned = QListWidget()
        self.pinned.setObjectName("pinnedNotesList")
        self.cues = QListWidget()
        self.cues.setObjectName("talkAboutList")
        for lst in (self.pinned, self.cues):
            # In the Tab order, so arrows and PgUp/PgDn read them; as tall as the card allows.
            lst.setWordWrap(True)
            lst.setFocusPolicy(Qt.StrongFocus)
            lst.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
            lst.setMinimumHeight(44)
        self.cue_button = QPushButton("As&ked about it…")
        self.cue_button.setObjectName("cueAskedButton")
        self.cue_button.setToolTip("Alt+K: the cue chosen in the list (↑ ↓ to choose, Enter to mark it asked)")
        self.cue_button.setFocusPolicy(Qt.NoFocus)
        self.cue_button.clicked.connect(self._ask_cue)
        self.cues.itemDoubleClicked.connect(lambda _item: self._ask_cue())
        for keys in (Qt.Key_Return, Qt.Key_Enter):
            enter = QShortcut(QKeySequence(keys), self.cues)
            enter.setContext(Qt.WidgetShortcut)
            enter.activated.connect(self._ask_cue)
        self.empty = _label("cardEmpty", "Find a customer to see their card.")
        self.empty.setAlignment(Qt.AlignCenter)

        self.body = QWidget()
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.name)
        head.addWidget(self.badge)
        head.addStretch(1)
        grid.addLayout(head, 0, 0, 1, 2)
        grid.addWidget(self.contact, 1, 0, 1, 2)
        vehicle_box = QVBoxLayout()
        vehicle_box.setSpacing(2)
        vehicle_box.addWidget(self.vehicle)
        vehicle_box.addWidget(self.past)
        vehicle_box.addWidget(self.complaints)
        grid.addLayout(vehicle_box, 2, 0, 1, 2)
        money = QVBoxLayout()
        money.addWidget(self.due)
        money.addWidget(self.days)
        grid.addLayout(money, 3, 0)
        prog = QVBoxLayout()
        prog.addWidget(self.progress_text)
        prog.addWidget(self.progress)
        prog.addWidget(self.next_due)
        grid.addLayout(prog, 3, 1)
        grid.addWidget(self.extra, 4, 0, 1, 2)
        cues_title = QHBoxLayout()  # the button beside its title: one more line for the notes
        cues_title.addWidget(_label("cardSectionTitle", "Talk about"))
        cues_title.addStretch(1)
        cues_title.addWidget(self.cue_button)
        pinned_title = _label("cardSectionTitle", "Pinned notes")
        grid.addLayout(cues_title, 5, 0)
        grid.addWidget(pinned_title, 5, 1, Qt.AlignBottom)
        grid.addWidget(self.cues, 6, 0)
        grid.addWidget(self.pinned, 6, 1)
        grid.setRowStretch(6, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.body.hide()

    def clear(self) -> None:
        self.card = None
        self.body.hide()
        self.banner.hide()
        self.empty.show()

    def show_customer(self, shown: OnScreen) -> None:
        """The customer on screen, opened or read again."""
        self.show_card(shown.card, dates=shown.dates)

    def show_card(self, card: Card, today: dt.date | None = None, dates: DatesThatMatter | None = None) -> None:
        self.card = card
        banner = banner_text(dates)
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        today = today or clock().date()
        self.empty.hide()
        self.body.show()
        self.name.setText(card.name)
        self.badge.setText("Welcome back" if card.welcome_back else "")
        self.badge.setVisible(card.welcome_back)
        bits = [card.phone or "no phone on file", f"customer since {card.customer_since:%b %Y}",
                f"last visit {when(card.last_visit, today)}"]
        self.contact.setText("  ·  ".join(bits))
        complaints = complaints_text(card)
        self.complaints.setText(complaints)
        self.complaints.setVisible(bool(complaints))
        past = past_text(card)
        self.past.setText(past)
        self.past.setVisible(bool(past))
        state = card.state
        if state is None:
            self.vehicle.setText("No agreement yet.")
            for w in (self.due, self.days, self.progress_text, self.next_due, self.extra):
                w.clear()
            self.progress.hide()
        else:
            freq = Frequency(card.frequency).label.lower() if card.frequency else ""
            self.vehicle.setText(
                f"{card.vehicle}  ·  stock {card.stock_number}  ·  VIN …{card.vin_tail}  ·  {state.status.label}"
                + (f", {freq}" if state.status is Status.ACTIVE and freq else "")
            )
            self._show_state(card, today)
        self._fill(self.cues, [(c.text, c.note_id) for c in card.cues], "Nothing to ask about yet.")
        self._fill(self.pinned, [(n.text, n.note_id) for n in card.pinned], "No pinned notes.")
        self.cue_button.setEnabled(bool(card.cues))

    def _show_state(self, card: Card, today: dt.date) -> None:
        state = card.state
        assert state is not None
        self.progress.show()
        self.progress.setRange(0, max(1, state.number_of_payments))
        self.progress.setValue(state.installments_paid)
        self.progress_text.setText(f"Payment {state.installments_paid} of {state.number_of_payments}")
        closed = next((a.closed_on for a in card.agreements if a.agreement_id == card.agreement_id), None)
        if state.status is Status.PAID_OFF:
            self.due.setText("Paid in full")
            self.days.setText(f"Paid off {closed:%b %d, %Y} — thank you!" if closed else "Thank you!")
            self.next_due.setText("")
        elif state.status is Status.RETURNED:
            self.due.setText("Nothing owed")
            self.days.setText(f"Vehicle returned {closed:%b %d, %Y}" if closed else "Vehicle returned")
            self.next_due.setText("")
        else:
            self.due.setText(f"{format_money(state.amount_due_now)} due now" if state.amount_due_now else "Nothing due today")
            self.days.setText(calm_days(state.days_late))
            self.next_due.setText(
                f"Next: {state.next_due:%a %b %d} — {format_money(state.next_due_amount)}" if state.next_due else ""
            )
        extra = []
        if state.open_fees:
            extra.append(f"Open late fees {format_money(state.open_fees)}")
        if state.credit_ahead:
            extra.append(f"Paid ahead {format_money(state.credit_ahead)}")
        if state.status is Status.ACTIVE:
            extra.append(f"Payoff {format_money(state.payoff)}")
        self.extra.setText("  ·  ".join(extra))

    def _ask_cue(self) -> None:
        """The cue chosen in the list (it has the focus), or the only one; with several
        and none chosen, the list takes the focus so the clerk can choose with ↑ ↓."""
        cues = [self.cues.item(i) for i in range(self.cues.count()) if self.cues.item(i).data(Qt.UserRole)]
        item = self.cues.currentItem() if self.cues.hasFocus() else None
        if item is None and len(cues) == 1:
            item = cues[0]
        if item is not None and item.data(Qt.UserRole):
            self.cue_asked.emit(int(item.data(Qt.UserRole)), item.text())
        elif cues:
            self.cues.setCurrentItem(self.cues.currentItem() or cues[0])
            self.cues.setFocus(Qt.ShortcutFocusReason)

    @staticmethod
    def _fill(widget: QListWidget, rows: list[tuple[str, int]], empty: str) -> None:
        widget.clear()
        for text, note_id in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, note_id)
            widget.addItem(item)
        if not rows:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.NoItemFlags)
            widget.addItem(item)
