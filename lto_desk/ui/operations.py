"""Running one thing a person does at the counter: the service call, its refusal
shown as the window shows errors, and an announcement of what changed.

Learned from Anki's ``CollectionOp`` and ``operation_did_execute``: no flow calls
another screen to redraw it; it says what changed (``Changes``) on the window's one
``Hub``, and each panel decides for itself what to draw again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from ..domain.errors import LtoError

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What one operation changed.

    Attributes:
      customer_id: the customer whose card, history, notes, household, agreements or
        contact log changed (None: no customer's).
      agreement_id: the agreement it changed, when one did.
      drawer: the cash drawer was opened or closed.
      follow_ups: follow-up tasks may have been made or closed (the list and its count).
    """

    customer_id: int | None = None
    agreement_id: int | None = None
    drawer: bool = False
    follow_ups: bool = False


class Hub(QObject):
    """The window's one place where operations announce what they changed.

    ``changed(Changes)`` is emitted once per operation that went through; panels
    connect to it (the customer on screen, the follow-up count, the drawer status)."""

    changed = Signal(object)

    def announce(self, changes: Changes) -> None:
        self.changed.emit(changes)


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation that went through, and what its service call returned."""

    result: T


class Says(Protocol):
    """Where an operation is run from: the window's hub and its message bar."""

    hub: Hub

    def say(self, text: str, level: str = "info") -> None: ...


def run(
    desk: Says,
    work: Callable[[], T],
    changes: Changes | Callable[[T], Changes],
    *,
    failed: str = "",
    level: str = "error",
    show_error: Callable[[str], None] | None = None,
) -> Done[T] | None:
    """Do ``work`` (one service call). When it raises an ``LtoError``, its message
    (followed by ``failed``, e.g. " Nothing was saved.") goes to the message bar at
    ``level`` (or to ``show_error``) and the answer is None; else ``changes`` (or what
    ``changes(result)`` says) is announced on the hub and the result returned."""
    try:
        result = work()
    except LtoError as exc:
        if show_error is not None:
            show_error(exc.message + failed)
        else:
            desk.say(exc.message + failed, level)
        return None
    desk.hub.announce(changes(result) if callable(changes) else changes)
    return Done(result)
