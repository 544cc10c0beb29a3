"""A vehicle's place on the lot: its statuses, why it may leave inventory, and what
it goes back to when it is put back."""

from __future__ import annotations

from enum import Enum

from .errors import InvalidInput
from .text import clean_text, quoted


class VehicleStatus(str, Enum):
    AVAILABLE = "available"
    ON_AGREEMENT = "on_agreement"
    NEEDS_INSPECTION = "needs_inspection"  # returned; available again once inspected
    TITLED = "titled"  # paid off and titled to the customer
    REMOVED = "removed"

    @property
    def label(self) -> str:
        return {
            "available": "Available",
            "on_agreement": "On agreement",
            "needs_inspection": "Returned — needs inspection",
            "titled": "Paid off — titled to customer",
            "removed": "Removed",
        }[self.value]


#: Why a vehicle leaves inventory without an agreement.
REMOVAL_REASONS = {
    "sold": "Sold outright",
    "wholesaled": "Wholesaled",
    "totalled": "Totalled",
    "other": "Other",
}

#: Why a vehicle in each of these statuses cannot be taken out of inventory.
_NOT_REMOVABLE = {
    VehicleStatus.ON_AGREEMENT: "it is on an agreement; a customer is driving it",
    VehicleStatus.TITLED: "it was paid off and is titled to the customer",
    VehicleStatus.REMOVED: "it is already removed from inventory",
}


def why_not_removable(status: VehicleStatus) -> str | None:
    """Why a vehicle with ``status`` cannot leave inventory, or None when it can
    (only one available or waiting for inspection can)."""
    return _NOT_REMOVABLE.get(status)


def check_removal_reason(reason: str, reason_text: str) -> str:
    """The note kept with a removal (their words, one line), or InvalidInput;
    "other" needs a note of its own."""
    if reason not in REMOVAL_REASONS:
        raise InvalidInput("Choose why the vehicle is leaving: sold outright, wholesaled, totalled or other.")
    if reason == "other":
        return clean_text(reason_text, "why the vehicle is leaving", minimum=3, maximum=300)
    return clean_text(reason_text, "the note", maximum=300)


def status_when_put_back(removed_from: VehicleStatus | None) -> VehicleStatus:
    """A removed vehicle put back is available again, unless it was removed while
    waiting for inspection: then it still needs it."""
    return VehicleStatus.NEEDS_INSPECTION if removed_from is VehicleStatus.NEEDS_INSPECTION else VehicleStatus.AVAILABLE


#: The most miles an odometer reading may believably show.
MAX_ODOMETER = 2_000_000


def check_model_year(year: object, this_year: int) -> int:
    """A model year as typed, between 1950 and next year's models; InvalidInput otherwise."""
    try:
        value = int(year)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvalidInput("Please type the model year, e.g. 2016.") from None
    if not 1950 <= value <= this_year + 1:
        typed = quoted(str(year).strip(), 12)
        raise InvalidInput(f"The year {typed} is not a model year between 1950 and {this_year + 1}.")
    return value


def check_odometer(miles: object) -> int:
    """An odometer reading in whole miles, 0 to MAX_ODOMETER; InvalidInput otherwise."""
    if not isinstance(miles, int) or isinstance(miles, bool) or not 0 <= miles <= MAX_ODOMETER:
        raise InvalidInput("The odometer reading is not believable; please check it.")
    return miles
