"""The program's log: ``<data folder>/logs/lto-desk.log``, rotating at about 1 MB, which
never holds a PIN, a card number or a Social Security number.

Standard library only (plus the domain's rule for what a card or Social Security number
looks like), so the command line, the window and every layer can log without loading
anything heavy. Everything under the ``lto_desk`` logger goes to the file."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from .domain.sensitive import find_card_number, find_ssn
from .store.paths import make_private_folder

LOG_FOLDER = "logs"
LOG_NAME = "lto-desk.log"
MAX_BYTES = 1_000_000
BACKUPS = 4  # lto-desk.log.1 … .4: a few busy weeks at a counter

#: The program's own logger; modules log under it (``logging.getLogger(__name__)``).
PROGRAM_LOGGER = "lto_desk"

# A digit run after the word PIN ("PIN 1234", "pin=1234", "manager_pin='2222'"), on the
# same line; "spin", "pinned" and "opinion" are other words.
_PIN = re.compile(r"(?<![a-z])(pins?(?![a-z])[^\d\n]{0,20}?)\d+", re.IGNORECASE)

_log = logging.getLogger(__name__)
# With no log file (it could not be written) records go nowhere, rather than to the
# terminal beside the "lto-desk: …" line that already said what stopped.
logging.getLogger(PROGRAM_LOGGER).addHandler(logging.NullHandler())


def masked(text: str) -> str:
    """``text`` with every digit run after "PIN", every full card number and every Social
    Security number replaced by a mark (what counts as one is ``domain.sensitive``'s rule)."""
    text = _PIN.sub(r"\1****", text)
    for find, mark in ((find_card_number, "[card number]"), (find_ssn, "[SSN]")):
        while (digits := find(text)) is not None:
            # Found as typed: in one run or in groups with spaces or dashes between.
            where = re.search(r"[ -]?".join(digits), text)
            if where is None:  # (cannot happen: the digits were read from this text)
                break
            text = text[:where.start()] + mark + text[where.end():]
    return text


class KeepSecretsOut(logging.Filter):
    """Masks PINs, card numbers and Social Security numbers in a record's message, its
    traceback and its stack, before any handler writes it."""

    _tracebacks = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: written as they are
            message = f"{record.msg} {record.args}"
        record.msg, record.args = masked(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._tracebacks.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = masked(record.exc_text)
        if record.stack_info:
            record.stack_info = masked(record.stack_info)
        return True


_handler: logging.FileHandler | None = None  # the log file (log_handler.LogFile) while started


def start_log(files_dir: Path, *, chosen: bool = False, max_bytes: int = MAX_BYTES,
              backups: int = BACKUPS) -> Path | None:
    """Write the program's log to ``<files_dir>/logs/lto-desk.log`` from now on (once
    started, again for another folder moves it there); the file's path. None when it
    cannot be written (a log never stops the counter or changes what it says: a folder
    that cannot be reached, made or written means no log), or when ``chosen`` (a folder
    the person named) and ``files_dir`` is not there: a USB stick not plugged in gets no
    folder made in its place."""
    global _handler
    folder = files_dir / LOG_FOLDER
    path = folder / LOG_NAME
    try:
        if _handler is not None and Path(_handler.baseFilename) == path.absolute():
            return path
        # Inside the try: is_dir() raises, rather than saying False, for a folder whose
        # parent this user may not enter (another user's data folder).
        if chosen and not files_dir.is_dir():
            return None
        make_private_folder(folder)  # 0o700, and any folder above it it makes: the log names customers
        from .log_handler import LogFile  # logging.handlers costs the first paint ~10 ms

        handler = LogFile(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: a path the system cannot take
        _log.warning("The log cannot be written in %s: %s", folder, exc)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(KeepSecretsOut())
    stop_log()
    logger = logging.getLogger(PROGRAM_LOGGER)
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    _handler = handler
    return path


def log_file() -> Path | None:
    """The log being written, or None when there is none."""
    return Path(_handler.baseFilename) if _handler is not None else None


def stop_log() -> None:
    """Close the log file (the program ends, or the log moves)."""
    global _handler
    if _handler is not None:
        handler, _handler = _handler, None
        logging.getLogger(PROGRAM_LOGGER).removeHandler(handler)
        try:
            handler.close()
        except OSError:  # the last lines could not be flushed: the command's outcome stands
            pass


def log_start(version: str, what: str) -> None:
    """The first line of a run: which program, doing what, on which Python and system."""
    import platform

    _log.info("LTO Desk %s started: %s (Python %s, %s)", version, what,
              platform.python_version(), sys.platform)
