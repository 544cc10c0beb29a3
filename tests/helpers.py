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


def answer(monkeypatch, module, cls_name: str, value) -> list:
    """Stand in for the person at a dialog: ``module.cls_name.ask`` returns ``value``;
    the calls are recorded in the list returned."""
    calls = []

    def ask(cls, *args, **kwargs):
        calls.append((args, kwargs))
        return value

    monkeypatch.setattr(getattr(module, cls_name), "ask", classmethod(ask))
    return calls
