"""The cash drawer flows of the counter window: open, paid in / out, no sale, X report,
close (count, seal, Z report), and ``ensure_open`` before money is taken.

Each reads top to bottom: ask (a dialog that never writes), do (one service
call), then save and print what it made (PDFs under the ``drawer`` folder).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from ..domain.errors import LtoError
from ..domain.money import format_money
from ..services import drawer
from ..services.files import now as clock
from ..services.settings import load_settings
from .drawer_dialogs import CloseDrawerDialog, MovementDialog, OpenDrawerDialog
from .operations import Changes, run
from .printouts import save_then_print

if TYPE_CHECKING:
    from .desk import Desk


def _clock_time(t: dt.datetime) -> str:
    return t.strftime("%I:%M %p").lstrip("0")


def status_text(session: drawer.SessionInfo | None, today: dt.date | None = None) -> str:
    """"Drawer open since 9:02 AM (float $150.00)" / "Drawer closed"."""
    if session is None:
        return "Drawer closed"
    today = today or clock().date()
    since = _clock_time(session.opened_at)
    if session.opened_at.date() != today:
        since = f"{session.opened_at:%a %b} {session.opened_at.day}, {since}"
    return f"Drawer open since {since} (float {format_money(session.float_cents)})"


class DrawerFlows(QObject):
    """The Drawer menu's actions. The drawer's status in the status bar is drawn again
    whenever an operation announces that the drawer opened or closed."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self.window = desk
        self.status_label = QLabel()
        self.status_label.setObjectName("drawerStatus")
        desk.hub.changed.connect(self.heard)

    # -- shared -----------------------------------------------------------------
    @property
    def counter_name(self) -> str:
        return load_settings().counter_name

    def heard(self, changes: Changes) -> None:
        if changes.drawer:
            self.refresh_status()

    def refresh_status(self) -> None:
        """The drawer's line in the status bar; empty while nobody is logged in (the drawer's
        money is read for the person at the counter only)."""
        if self.window.actor is None:
            self.status_label.setText("")
            return
        try:
            self.status_label.setText(status_text(drawer.current_session(self.window.actor)))
        except LtoError as exc:
            self.status_label.setText(exc.message)

    def _session(self, what: str) -> drawer.SessionInfo | None:
        session = drawer.current_session(self.window.actor)
        if session is None:
            self.window.say(drawer.not_open_message(what), "warning")
        return session

    # -- opening ----------------------------------------------------------------
    def open_drawer(self, *, intro: str = "") -> bool:
        """Ask for the float and open a session; True when the drawer is open afterwards."""
        window = self.window
        if window.actor is None:
            return False
        current = drawer.current_session(self.window.actor)
        if current is not None:
            window.say(f"The drawer is already open: session {current.number}, "
                       f"{status_text(current).removeprefix('Drawer ')}.", "info")
            return True
        name = self.counter_name
        float_cents = OpenDrawerDialog.ask(window, name, intro=intro)
        if float_cents is None or window.actor is None:
            return False
        done = run(window, lambda: drawer.open_drawer(window.actor, float_cents), Changes(drawer=True),
                   failed=" The drawer was not opened.")
        if done is None:  # refused: the status is drawn again as the drawer is now
            window.hub.announce(Changes(drawer=True))
            return drawer.current_session(self.window.actor) is not None
        session = done.result
        window.say(f"Drawer of {session.counter_name} open (session {session.number}) with "
                   f"{format_money(session.float_cents)} of starting cash.", "info")
        return True

    def ensure_open(self) -> bool:
        """Before money is taken: True when the drawer is open, else offer to open it now."""
        if drawer.current_session(self.window.actor) is not None:
            return True
        opened = self.open_drawer(intro=(
            "The cash drawer is not open yet. Count the starting cash and type it here "
            "to open the drawer now, then the payment goes through."
        ))
        if not opened:
            self.window.say(drawer.not_open_message(), "warning")
        return opened

    # -- paid in / out, no sale ------------------------------------------------------
    def _movement(self, kind: str) -> None:
        window = self.window
        label = drawer.MOVEMENT_LABELS[kind].lower()
        if window.actor is None:
            return
        session = self._session(f"record the {label}")
        if session is None:
            return
        cash = drawer.x_report(window.actor, session.session_id).expected_cents if kind == drawer.PAID_OUT else None
        answer = MovementDialog.ask(window, kind, cash_in_drawer=cash)
        if answer is None or window.actor is None:
            return
        if kind == drawer.PAID_IN:
            done = run(window, lambda: drawer.paid_in(window.actor, answer.amount, answer.reason), Changes())
        elif kind == drawer.PAID_OUT:
            done = run(window, lambda: drawer.paid_out(window.actor, answer.amount, answer.reason), Changes())
        else:
            done = run(window, lambda: drawer.no_sale(window.actor, answer.reason), Changes())
        if done is None:
            return
        line = done.result
        amount = f" of {format_money(line.amount)}" if kind != drawer.NO_SALE else ""
        window.say(f"{line.label}{amount} recorded: {line.reason}.", "info")

    def paid_in(self) -> None:
        self._movement(drawer.PAID_IN)

    def paid_out(self) -> None:
        self._movement(drawer.PAID_OUT)

    def no_sale(self) -> None:
        self._movement(drawer.NO_SALE)

    # -- reports and closing ---------------------------------------------------------
    def x_report(self) -> None:
        window = self.window
        if window.actor is None:
            return
        session = self._session("print its X report")
        if session is None:
            return
        report = drawer.x_report(window.actor, session.session_id)
        printed = save_then_print(
            window, lambda: drawer.save_x_report(window.actor, window.location.folder("drawer"), session.session_id), "X report"
        )
        if printed is not None:
            window.say(f"X report of session {session.number}: expected cash {format_money(report.expected_cents)}, "
                       f"collected {format_money(report.collections)}. " + printed, "info")

    def close_drawer(self) -> None:
        window = self.window
        if window.actor is None:
            return
        session = self._session("count it")
        if session is None:
            return
        report = drawer.x_report(window.actor, session.session_id)
        answer = CloseDrawerDialog.ask(window, session.counter_name, session.number, report.expected_cents,
                                       load_settings().drawer_tolerance_cents)
        if answer is None or window.actor is None:
            return
        done = run(window, lambda: drawer.close_drawer(window.actor, session.session_id,
                                                       counted_cents=answer.counted_cents,
                                                       denominations=answer.denominations, note=answer.note),
                   Changes(drawer=True), failed=" The drawer is still open.")
        if done is None:
            return
        z = done.result
        text = (f"Drawer session {z.number} sealed: counted {format_money(z.counted_cents)}, expected "
                f"{format_money(z.expected_cents)} — {drawer.describe_over_short(z.over_short_cents).lower()}. "
                f"Grand total {format_money(z.grand_total)}.")
        printed = save_then_print(
            window, lambda: drawer.save_z_report(window.actor, window.location.folder("drawer"), z.session_id), "Z report"
        )
        if printed is not None:
            window.say(text + " " + printed, "warning" if z.over_short_cents else "info")
        else:
            window.say(text + " " + window.said(), "warning")
