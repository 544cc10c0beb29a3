"""Every paper the counter makes (receipts, slips, reports, letters): saved as a PDF
first, so a printer fault loses nothing, then printed, or shown on screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..domain.errors import LtoError
from . import printing

if TYPE_CHECKING:
    from .desk import Desk


def save_then_print(desk: Desk, make_pdf: Callable[[], Path], what: str, *, letter: bool = False) -> str | None:
    """Save the ``what`` (``make_pdf`` returns where), then print it: on the counter's
    printer, or with ``letter`` on the letter printer, or on screen with a Print
    button when none is set. Returns a status line, or None when a problem was said
    in the message bar (a page not printed shows on screen and says so in its line)."""
    try:
        path = make_pdf()
    except OSError as exc:
        again = "Make it again from the Agreements tab" if letter else "Reprint it from the history"
        kept = "could not be saved" if letter else "was recorded, but its PDF could not be saved"
        desk.say(f"The {what} {kept} ({exc.strerror}). {again} once the disk is fixed.", "error")
        return None
    except LtoError as exc:
        desk.say(exc.message, "error")
        return None
    if not letter:
        desk.last_receipt_path = path
    printer = desk.settings.page_printer if letter else desk.settings.printer
    if letter and not printer:
        note = shown = f"The {what} is saved at {path}. Press Print… to print it."
    else:
        try:
            printing.print_pdf(path, printer)
            return f"The {what} is printed and saved at {path}." if letter else f"Printed; saved at {path}."
        except printing.PrintProblem as problem:
            note = f"The {what} was not printed: {problem}. It is saved at {path}."
            shown = note if letter else f"Not printed: {problem}. Saved at {path}."
            if not letter:
                desk.say(note, "warning")
    preview = printing.PreviewDialog(path, shown, desk)
    desk.previews.append(preview)
    preview.show()
    return note if letter else None
