"""The counter page's load after the window's first paint: the modules it reads, one
per turn of the event loop, and its parts as attributes of the window, built on the
spot when something asks for one sooner."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

#: Service modules the counter never uses (the demo builder, the verify command, the
#: words of a password prompt, which bring the keyring).
_NOT_AT_THE_COUNTER = {"demo", "demo_data", "integrity", "passwords"}

#: The libraries most of the counter page's load is, each a step of its own.
_LIBRARIES = ("phonenumbers", "reportlab.lib.colors", "reportlab.platypus")


def counter_modules() -> list[str]:
    """The modules the counter page loads, in an order where each brings little with
    it: the big libraries, the services and the printed documents, then the page's own."""
    import pkgutil

    from .. import documents, services

    return [*_LIBRARIES] + [
        f"{package.__name__}.{found.name}"
        for package in (services, documents)
        for found in pkgutil.iter_modules(package.__path__)
        if found.name not in _NOT_AT_THE_COUNTER
    ] + [f"{__package__}.counter_page"]


class CounterPart:
    """A part of the counter page: built with the rest of the page after the first
    paint, or on the spot when it is asked for before then."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: QMainWindow | None, owner: type | None = None):
        if window is None:
            return self
        window.build_counter()  # MainWindow.build_counter: once
        return window.__dict__[self.name]
