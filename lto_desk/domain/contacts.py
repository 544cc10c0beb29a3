"""Words for the relationship records: how a contact was made, appointments,
complaints and why a customer bought elsewhere. Each enum's ``label`` is what a
person reads; its value is what is stored."""

from __future__ import annotations

from enum import Enum

from .followups import Outcome, outcome_label

__all__ = [
    "AppointmentPurpose", "AppointmentStatus", "ComplaintSeverity", "ComplaintStatus", "ContactChannel",
    "DecidingFactor", "Outcome", "outcome_label",
]


class _Labelled(str, Enum):
    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs in order, for a combo box."""
        return [(m.value, m.label) for m in cls]


class ContactChannel(_Labelled):
    CALL = "call"
    TEXT = "text"
    VISIT = "visit"
    LETTER = "letter"
    EMAIL = "email"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"call": "Phone call", "text": "Text message", "visit": "Visit", "letter": "Letter", "email": "Email"}


class AppointmentPurpose(_Labelled):
    LOOK_AT_CAR = "look_at_car"
    PAPERWORK = "paperwork"
    SERVICE = "service"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"look_at_car": "Look at a car", "paperwork": "Paperwork", "service": "Service", "other": "Other"}


class AppointmentStatus(_Labelled):
    BOOKED = "booked"
    KEPT = "kept"
    MISSED = "missed"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"booked": "Booked", "kept": "Kept", "missed": "Missed", "cancelled": "Cancelled"}


class ComplaintSeverity(_Labelled):
    MINOR = "minor"
    SERIOUS = "serious"
    SAFETY = "safety"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"minor": "Minor", "serious": "Serious", "safety": "Safety problem"}


class ComplaintStatus(_Labelled):
    OPEN = "open"
    IN_REPAIR = "in_repair"
    RESOLVED = "resolved"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"open": "Open", "in_repair": "In repair", "resolved": "Resolved"}

    @property
    def is_open(self) -> bool:
        """Open and in repair both still need following up."""
        return self is not ComplaintStatus.RESOLVED

    def can_move_to(self, new: "ComplaintStatus") -> bool:
        """open → in repair → resolved; open may be resolved directly; resolved stays resolved."""
        return (self, new) in {
            (ComplaintStatus.OPEN, ComplaintStatus.IN_REPAIR),
            (ComplaintStatus.OPEN, ComplaintStatus.RESOLVED),
            (ComplaintStatus.IN_REPAIR, ComplaintStatus.RESOLVED),
        }


class DecidingFactor(_Labelled):
    PRICE = "price"
    PAYMENT = "payment"
    VEHICLE = "vehicle"
    OTHER_OFFER = "other_offer"
    CREDIT = "credit"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "price": "Price", "payment": "Payment", "vehicle": "The vehicle", "other_offer": "Another dealer's offer",
            "credit": "Credit", "other": "Other",
        }
