"""The counter window on a 1366×768 screen (issue 18, item 9): it opens no bigger than
the screen, its status bar (clerk, drawer, printer) and toolbar stay on it, and a
place kept from last time is used only while it fits."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QToolButton

from helpers import log_in
from lto_desk.ui import window_place
from lto_desk.ui.window_place import OPENING, opening_place

COUNTER_SCREEN = QRect(0, 0, 1366, 768)
WIDE_SCREEN = QRect(0, 0, 1920, 1080)


@contextlib.contextmanager
def window_on(qtbot, location, monkeypatch, screen: QRect):
    """The real window, made as if its screen's free area were ``screen``."""
    from lto_desk.ui.app import make_app
    from lto_desk.ui.main_window import MainWindow

    make_app()
    monkeypatch.setattr(window_place, "available_area", lambda _window: QRect(screen))
    win = MainWindow(location)
    try:
        yield win
    finally:
        win.close()
        win.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def framed(rect: QRect) -> QRect:
    return rect.adjusted(-window_place.BORDER, -window_place.TITLE, window_place.BORDER, window_place.BORDER)


def test_on_a_1366_by_768_screen_the_window_opens_maximized_and_fits(qtbot, location, counter_data, monkeypatch):
    with window_on(qtbot, location, monkeypatch, COUNTER_SCREEN) as win:
        assert win.windowState() & Qt.WindowMaximized
        assert COUNTER_SCREEN.contains(framed(win.normalGeometry()))


def test_on_a_1920_by_1080_screen_it_opens_1280_by_800_in_the_middle(qtbot, location, counter_data, monkeypatch):
    with window_on(qtbot, location, monkeypatch, WIDE_SCREEN) as win:
        assert not win.windowState() & Qt.WindowMaximized
        assert win.geometry().size() == OPENING
        assert WIDE_SCREEN.contains(framed(win.geometry()))
        assert abs(win.geometry().center().x() - WIDE_SCREEN.center().x()) <= 1


def test_the_place_it_was_left_in_is_kept_only_while_it_fits(qtbot, location, counter_data, monkeypatch):
    location.files_dir.mkdir(parents=True, exist_ok=True)
    with window_on(qtbot, location, monkeypatch, WIDE_SCREEN) as win:
        win.setGeometry(QRect(100, 80, 1500, 950))
    with window_on(qtbot, location, monkeypatch, WIDE_SCREEN) as win:
        assert win.geometry() == QRect(100, 80, 1500, 950)  # kept
    with window_on(qtbot, location, monkeypatch, COUNTER_SCREEN) as win:  # the same on a smaller screen
        assert win.windowState() & Qt.WindowMaximized
        assert COUNTER_SCREEN.contains(framed(win.normalGeometry()))


@pytest.mark.parametrize("screen", [QRect(0, 0, 1366, 768), QRect(0, 0, 1024, 700), QRect(0, 0, 1920, 1080),
                                    QRect(0, 40, 1366, 688)])
def test_the_opening_place_is_always_on_the_screen(screen):
    rect, _maximized = opening_place(screen, QRect(0, 0, 1280, 800), False)
    assert screen.contains(framed(rect))


def test_at_1366_by_768_the_status_bar_and_the_toolbar_are_all_on_screen(qtbot, location, counter_data,
                                                                         monkeypatch):
    with window_on(qtbot, location, monkeypatch, COUNTER_SCREEN) as win:
        # What the maximized window is on a 1366×768 screen (the test platform's own
        # screen is another size), laid out and painted at that size.
        win.setWindowState(Qt.WindowNoState)
        win.setGeometry(COUNTER_SCREEN.adjusted(0, window_place.TITLE, 0, 0))
        with qtbot.waitActive(win):
            win.show()
            win.activateWindow()
        log_in(qtbot, win)
        qtbot.keyClick(win, Qt.Key_F2)
        qtbot.keyClicks(QApplication.focusWidget(), "garcia")
        qtbot.waitUntil(lambda: win.lookup.model.rowCount() > 0)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        qtbot.wait(50)  # the status bar laid out again for the texts logging in changed
        assert win.minimumSizeHint().height() <= win.height()
        toolbar_button = next(b for b in win.findChildren(QToolButton) if b.defaultAction() is win.followups_action)
        for part in (win.clerk_status, win.drawer_flows.status_label, win.printer_label, toolbar_button):
            assert part.isVisible(), part.objectName()
            place = QRect(part.mapTo(win, QPoint(0, 0)), part.size())
            assert win.rect().contains(place), (part.objectName(), place, win.rect())
            assert part.width() >= min(part.sizeHint().width(), 120), part.objectName()
        assert "Logged in: Carla Clerk" in win.clerk_status.text()
