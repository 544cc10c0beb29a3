"""Where the counter window opens: 1280×800 where the screen has room for it, the whole
screen where it has not (a 1366×768 counter), where it was left last time only if that
still fits. The place is kept in ``window.ini`` in the data folder (this machine's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import QWidget

#: The size the counter is laid out for.
OPENING = QSize(1280, 800)
#: What the window system adds around the window: borders, and a title bar on top.
BORDER = 8
TITLE = 32
PLACE_FILE = "window.ini"


def _fits(rect: QRect, available: QRect) -> bool:
    """The window at ``rect`` (inside its frame) is wholly on the screen's free area."""
    framed = rect.adjusted(-BORDER, -TITLE, BORDER, BORDER)
    return available.contains(framed)


def opening_place(available: QRect, saved: QRect | None = None, saved_maximized: bool = False) -> tuple[QRect, bool]:
    """The window's geometry (inside its frame) and whether it opens maximized, on a
    screen whose free area (without task bars) is ``available``."""
    if saved is not None and saved.isValid() and _fits(saved, available):
        return QRect(saved), saved_maximized
    width, height = OPENING.width(), OPENING.height()
    room = available.adjusted(BORDER, TITLE, -BORDER, -BORDER)
    if width <= room.width() and height <= room.height():
        left = room.left() + (room.width() - width) // 2
        top = room.top() + (room.height() - height) // 2
        return QRect(left, top, width, height), False
    # Maximized; un-maximized it still fits the screen.
    return room, True


def available_area(window: QWidget) -> QRect:
    """The free area (without task bars) of the screen ``window`` is on."""
    return window.screen().availableGeometry()


def place_window(window: QWidget, folder: Path) -> None:
    """Give ``window`` its opening place on its screen (before it is shown)."""
    settings = QSettings(str(folder / PLACE_FILE), QSettings.IniFormat)
    saved = settings.value("window/geometry")
    maximized = settings.value("window/maximized", False, type=bool)
    rect, maximize = opening_place(available_area(window), saved if isinstance(saved, QRect) else None, maximized)
    window.setGeometry(rect)
    if maximize:
        window.setWindowState(window.windowState() | Qt.WindowMaximized)


def remember_place(window: QWidget, folder: Path) -> None:
    """Keep where ``window`` is for its next opening (not when the data folder is
    missing: a USB stick not plugged in gets no folder made)."""
    if not folder.is_dir():
        return
    settings = QSettings(str(folder / PLACE_FILE), QSettings.IniFormat)
    settings.setValue("window/geometry", window.normalGeometry())
    settings.setValue("window/maximized", window.isMaximized())
    settings.sync()
