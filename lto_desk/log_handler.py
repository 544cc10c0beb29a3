"""The log file's handler: rotating, and silent when it cannot write (loaded when the
log starts, not with the program)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler


class LogFile(RotatingFileHandler):
    """The log file, which never speaks on the terminal nor stops the program: a record
    that cannot be masked or written (a full disk, a stick pulled out) is left out."""

    def handle(self, record: logging.LogRecord) -> bool:
        try:
            return super().handle(record)
        except Exception:  # the filter failed: a record not masked is not written
            return False

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # logging's default prints "--- Logging error ---" beside what the command says
