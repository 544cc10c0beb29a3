"""Every paper the counter makes (receipts, slips, reports, letters): saved as a PDF
first, so a printer fault loses nothing, then printed on its printer, or shown on screen."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..domain.errors import LtoError
from . import printing
from .print_jobs import Answer, JobWatch, SentJob

if TYPE_CHECKING:
    from ..services.settings import DealerSettings
    from .desk import Desk


class Page(Enum):
    """The kinds of paper the counter prints; printer_for says where each goes."""

    RECEIPT = "receipt"  # a payment's receipt, and its copies
    SLIP = "slip"  # void and refund slips, signed at the counter
    DRAWER_REPORT = "drawer report"  # the X and Z reports, on the receipt paper
    LETTER = "letter"  # thank-you, congratulations and return letters
    AGREEMENT_SUMMARY = "agreement summary"
    CUSTOMER_FILE = "customer file"
    REPORT = "report"  # the business reports


#: The pages on US Letter sheets: the letter printer's. The rest are the receipt printer's.
LETTER_PRINTER_PAGES = frozenset({Page.LETTER, Page.AGREEMENT_SUMMARY, Page.CUSTOMER_FILE, Page.REPORT})


def printer_for(page: Page, settings: DealerSettings | None) -> str:
    """The printer a page goes to (empty: none is set): letters, agreement summaries,
    the customer file and reports to the letter printer; receipts, slips and the
    drawer's reports to the receipt printer."""
    if settings is None:
        return ""
    return settings.page_printer if page in LETTER_PRINTER_PAGES else settings.printer


def save_then_print(desk: Desk, make_pdf: Callable[[], Path], what: str, page: Page | None = None, *,
                    letter: bool = False) -> str | None:
    """Save the ``what`` (``make_pdf`` returns where), then print it on the printer of
    its ``page`` (``letter=True`` says Page.LETTER), or on screen with a Print button
    when a letter printer is not set. Returns a status line, or None when a problem
    was said in the message bar (a page not printed shows on screen and says so in its
    line). A job the print system takes is watched: the line is put right in the
    message bar when it prints, will not print (then it shows on screen) or stays queued."""
    page = page or (Page.LETTER if letter else Page.RECEIPT)
    letter = page in LETTER_PRINTER_PAGES
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
    printer = printer_for(page, desk.settings)
    if letter and not printer:
        note = shown = f"The {what} is saved at {path}. Press Print… to print it."
    else:
        try:
            job = printing.print_pdf(path, printer)
        except printing.PrintProblem as problem:
            note, shown = not_printed(what, str(problem), path, letter)
            if not letter:
                desk.say(note, "warning")
        else:
            if job is not None:
                return watch(desk, job, what, path, letter)
            return f"The {what} is printed and saved at {path}." if letter else f"Printed; saved at {path}."
    show(desk, path, shown)
    return note if letter else None


def not_printed(what: str, why: str, path: Path, letter: bool) -> tuple[str, str]:
    """What the message bar says of a page not printed, and what its preview says."""
    note = f"The {what} was not printed: {why}. It is saved at {path}."
    return note, (note if letter else f"Not printed: {why}. Saved at {path}.")


def show(desk: Desk, path: Path, note: str) -> None:
    """The saved PDF on screen, with a Print… button."""
    preview = printing.PreviewDialog(path, note, desk)
    desk.previews.append(preview)
    preview.show()


def watch(desk: Desk, job: SentJob, what: str, path: Path, letter: bool) -> str:
    """The line for a page the print system took, put right in the message bar as the
    print system answers: printed; not printed (and shown on screen); or, still queued
    after a few seconds, sent but not confirmed yet."""
    said = {"line": (f"The {what} is sent to {job.printer} and saved at {path}." if letter
                     else f"Sent to {job.printer}; saved at {path}.")}

    def put_right(line: str, level: str) -> None:
        now = desk.said()
        if said["line"] in now:
            desk.say(now.replace(said["line"], line), level)
        elif level != "info":  # the clerk moved on; a page that may not print is still said
            desk.say(f"{now} {line}".strip(), level)
        said["line"] = line

    def answered(answer: Answer) -> None:
        watching.deleteLater()
        if answer.printed:
            put_right(f"The {what} is printed on {job.printer} and saved at {path}." if letter
                      else f"Printed on {job.printer}; saved at {path}.", "info")
            return
        note, shown = not_printed(what, answer.why, path, letter)
        put_right(note, "warning")
        show(desk, path, shown)

    def unconfirmed(printer_says: str) -> None:
        also = f" (the printer says: {printer_says.rstrip('.')})" if printer_says else ""
        put_right(f"The {what} is sent to {job.printer}, not confirmed yet{also}; it is saved at {path}." if letter
                  else f"Sent to {job.printer}, not confirmed yet{also}; saved at {path}.", "warning")

    watching = JobWatch(job, desk)
    watching.answered.connect(answered)
    watching.unconfirmed.connect(unconfirmed)
    return said["line"]
