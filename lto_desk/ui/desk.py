"""What the counter's flows may use of the window they work in (``MainWindow`` is
one): who is logged in, the settings, the database's place, the hub to announce
changes on, the customer on screen, and the message bar. Flows know this, never
the window's class, so no flow imports the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStackedWidget, QStatusBar, QWidget

    from ..services.base import Actor
    from ..services.counter import LookupRow
    from ..services.files import Location
    from ..services.settings import DealerSettings
    from .card import CardPanel
    from .operations import Hub
    from .printing import PreviewDialog
    from .shown_customer import ShownCustomer


class Desk(Protocol):
    """The window as its flows see it. It is also the parent of their dialogs."""

    actor: Actor | None
    settings: DealerSettings | None
    location: Location
    hub: Hub
    previews: list[PreviewDialog]
    last_receipt_path: Path | None  # the last paper saved for the counter's printer

    @property
    def shown(self) -> ShownCustomer: ...

    @property
    def card(self) -> CardPanel: ...

    @property
    def counter(self) -> QWidget: ...

    stack: QStackedWidget
    followups_action: QAction

    def say(self, text: str, level: str = "info") -> None:
        """Show ``text`` in the message bar ("info", "warning" or "error")."""

    def said(self) -> str:
        """What the message bar says now."""

    def open_customer(self, row: LookupRow, *, focus_payment: bool = True) -> None:
        """Put a customer (from a lookup row) on the counter."""

    def show_agreement(self, agreement_id: int) -> None:
        """Put one agreement, and its customer, on the counter."""

    def statusBar(self) -> QStatusBar: ...

    def setEnabled(self, enabled: bool) -> None: ...
