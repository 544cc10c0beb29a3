"""The customer on the counter's screen: read once when opened, and read again when
an operation announces a change to them; the card and the tabs draw from ``shown``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal

from ..services import relationship
from ..services.counter import Card, customer_card
from ..services.household import Household, household_of
from ..services.relationship import DatesThatMatter
from .operations import Changes, Hub

if TYPE_CHECKING:
    from ..services.base import Actor


@dataclass(frozen=True)
class OnScreen:
    """What the counter shows of one customer.

    Attributes:
      card: the card (the agreement shown, history, notes, agreements).
      dates: birthdays and anniversaries for the card's banner.
      household: family and their cars, for the Household tab.
    """

    card: Card
    dates: DatesThatMatter
    household: Household


class ShownCustomer(QObject):
    """Signals: ``shown(OnScreen)`` after the customer is opened or read again.
    ``actor_of`` returns who is logged in: the reads are made for them."""

    shown = Signal(object)

    def __init__(self, hub: Hub, actor_of: Callable[[], Actor | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actor_of = actor_of
        self.on_screen: OnScreen | None = None
        hub.changed.connect(self.heard)

    @property
    def card(self) -> Card | None:
        return self.on_screen.card if self.on_screen is not None else None

    def open(self, customer_id: int, agreement_id: int | None = None) -> OnScreen:
        """Read ``customer_id`` (with ``agreement_id`` on the card, or their current one)
        and show them."""
        actor = self.actor_of()
        card = customer_card(actor, customer_id, agreement_id=agreement_id)
        self.on_screen = OnScreen(card, relationship.dates_that_matter(actor, card.customer_id),
                                  household_of(actor, card.customer_id))
        self.shown.emit(self.on_screen)
        return self.on_screen

    def reload(self) -> None:
        """Read the customer on screen again (nothing when there is none)."""
        if self.on_screen is not None:
            self.open(self.on_screen.card.customer_id, self.on_screen.card.agreement_id)

    def clear(self) -> None:
        self.on_screen = None

    def heard(self, changes: Changes) -> None:
        if self.on_screen is not None and changes.customer_id == self.on_screen.card.customer_id:
            self.reload()
