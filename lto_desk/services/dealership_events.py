"""What the dealership does when an agreement opens, is paid off, has its payoff
undone by a void, or when its vehicle comes back: the one owner of each event's
consequences (the vehicle's status, the follow-ups, welcome back, the letter owed).

The use cases (open_agreement, take_payment, void_payment, return_vehicle...) record
the entry and call these; ``ledger.refresh`` only refreshes the agreement's cache.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from ..domain.ledger import AgreementState, Status
from ..domain.returns import ReturnRecord
from ..domain.vehicles import VehicleStatus
from ..store.models import Agreement, Customer, Vehicle
from ..store.rows import by_id
from .base import UnitOfWork
from .follow_up_tasks import cancel_payoff_follow_up, payoff_follow_up, return_follow_up, thank_you_follow_up
from .vehicles import set_vehicle_status


class LetterKind(str, Enum):
    """The letters the dealership sends when an agreement opens or closes."""

    THANK_YOU = "thank-you"
    PAID_OFF = "paid-off"
    RETURN = "return"

    @property
    def label(self) -> str:
        return {"thank-you": "Thank-you letter", "paid-off": "Congratulations letter", "return": "Return letter"}[
            self.value
        ]


def letter_owed(status: Status) -> LetterKind:
    """The letter an agreement in ``status`` is owed: return, congratulations, or thank-you."""
    return {Status.RETURNED: LetterKind.RETURN, Status.PAID_OFF: LetterKind.PAID_OFF}.get(status, LetterKind.THANK_YOU)


def _set_welcome_back(work: UnitOfWork, customer: Customer, welcome: bool) -> None:
    if customer.welcome_back != welcome:
        before = work.before(customer)
        customer.welcome_back = welcome
        customer.save(only=[Customer.welcome_back])
        work.updated(customer, before)


def agreement_opened(work: UnitOfWork, agreement: Agreement, customer: Customer, vehicle: Vehicle) -> None:
    """A new agreement: the vehicle goes out on it, a customer who came back is no longer
    "welcome back" but a customer again, and the thank-you call is booked."""
    set_vehicle_status(work, vehicle, VehicleStatus.ON_AGREEMENT)
    _set_welcome_back(work, customer, False)
    thank_you_follow_up(work, agreement, work.at)


def paid_off(work: UnitOfWork, agreement: Agreement) -> None:
    """Paid in full: the vehicle is titled to the customer and the next-car call is
    booked from the day it was paid off (the congratulations letter is owed)."""
    set_vehicle_status(work, by_id(Vehicle, agreement.vehicle_id), VehicleStatus.TITLED)
    payoff_follow_up(work, agreement, agreement.closed_on, work.at)


def payoff_undone(work: UnitOfWork, agreement: Agreement) -> None:
    """A void took the agreement back from paid off: the vehicle is on the agreement
    again and the next-car call is cancelled."""
    vehicle = by_id(Vehicle, agreement.vehicle_id)
    if vehicle.status == VehicleStatus.TITLED.value:
        set_vehicle_status(work, vehicle, VehicleStatus.ON_AGREEMENT)
    cancel_payoff_follow_up(work, agreement)


def standing_changed(work: UnitOfWork, agreement: Agreement, was: str, state: AgreementState) -> None:
    """After an entry is refreshed into the agreement (``was``: its status before):
    a payoff, or a payoff undone, brings what the dealership does then."""
    if state.status is Status.PAID_OFF and was != Status.PAID_OFF.value:
        paid_off(work, agreement)
    elif state.status is Status.ACTIVE and was == Status.PAID_OFF.value:
        payoff_undone(work, agreement)


def vehicle_returned(work: UnitOfWork, agreement: Agreement, record: ReturnRecord, returned_on: dt.date) -> Customer:
    """The vehicle came back: its odometer as read, it waits for inspection, the customer
    is welcome back, and the call after a return is booked (the return letter is owed).
    Returns the customer."""
    vehicle = by_id(Vehicle, agreement.vehicle_id)
    if record.odometer is not None and record.odometer > vehicle.odometer:
        before = work.before(vehicle)
        vehicle.odometer = record.odometer
        vehicle.save(only=[Vehicle.odometer])
        work.updated(vehicle, before)
    set_vehicle_status(work, vehicle, VehicleStatus.NEEDS_INSPECTION)
    customer = by_id(Customer, agreement.customer_id)
    _set_welcome_back(work, customer, True)
    return_follow_up(work, agreement, returned_on, work.at)
    return customer
