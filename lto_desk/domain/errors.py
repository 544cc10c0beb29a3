"""The one family of errors a person can cause; each carries a message fit for a dialog."""

from __future__ import annotations


class LtoError(Exception):
    """Something a person did or asked for that the program will not do.

    Attributes:
      message: plain words for the person at the counter (no jargon, no blame).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(LtoError):
    """Typed input that cannot be read: an amount with letters, a bad VIN, an empty name."""


class Refused(LtoError):
    """A well-formed request that the business rules do not allow."""


class NotAllowed(LtoError):
    """The acting clerk's role does not allow this action."""


class NotFound(LtoError):
    """The customer, agreement, receipt or clerk asked for does not exist."""


class StorageError(LtoError):
    """The database cannot be opened or written (locked, read-only, corrupt, newer)."""
