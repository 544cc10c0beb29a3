"""Small helpers shared by the tests."""

from __future__ import annotations


def make_vin(serial: int, wmi: str = "1HG") -> str:
    """A VIN with a correct check digit (for test vehicles)."""
    from lto_desk.domain.vin import with_check_digit

    return with_check_digit(f"{wmi}CM82600A{serial:06d}")


def log_in(qtbot, win, name: str = "Carla Clerk", pin: str = "3333") -> None:
    from PySide6.QtCore import Qt

    combo = win.login.name_combo
    combo.setCurrentIndex(combo.findText(name))
    qtbot.keyClicks(win.login.pin_edit, pin)
    qtbot.keyClick(win.login.pin_edit, Qt.Key_Return)
    assert win.actor is not None and win.actor.name == name
