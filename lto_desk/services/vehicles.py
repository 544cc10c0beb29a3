"""Inventory: adding vehicles (VIN checked) and their status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.money import MAX_AMOUNT, Cents
from ..domain.vin import check_vin
from ..store.database import now as clock
from ..store.models import Vehicle
from .base import Actor, VehicleId, required_text, unit_of_work


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


@dataclass(frozen=True)
class NewVehicle:
    vin: str
    year: int
    make: str
    model: str
    stock_number: str
    trim: str = ""
    color: str = ""
    odometer: int = 0
    cost: Cents = 0
    price: Cents = 0
    accept_vin_warning: bool = False


def add_vehicle(actor: Actor, new: NewVehicle, *, at: dt.datetime | None = None) -> VehicleId:
    """Add a vehicle to inventory. A VIN check-digit warning must be accepted explicitly."""
    at = at or clock()
    vin = check_vin(new.vin)
    if vin.warning and not new.accept_vin_warning:
        raise InvalidInput(vin.warning)
    if not 1950 <= int(new.year) <= at.year + 1:
        raise InvalidInput(f"The year {new.year} is not a model year between 1950 and {at.year + 1}.")
    if new.odometer < 0 or new.odometer > 2_000_000:
        raise InvalidInput("The odometer reading is not believable; please check it.")
    if not (0 <= new.cost <= MAX_AMOUNT and 0 <= new.price <= MAX_AMOUNT):
        raise InvalidInput("The cost and price must be between $0 and $100,000.")
    stock = required_text(new.stock_number, "the stock number", maximum=20).upper()
    if Vehicle.select().where(Vehicle.vin == vin.vin).exists():
        raise Refused(f"A vehicle with VIN {vin.vin} is already in inventory.")
    if Vehicle.select().where(Vehicle.stock_number == stock).exists():
        raise Refused(f"Stock number {stock} is already used.")
    with unit_of_work(actor, "add_vehicle", at) as work:
        vehicle = Vehicle.create(
            stock_number=stock, vin=vin.vin, vin_tail=vin.tail, year=int(new.year),
            make=required_text(new.make, "the make", maximum=40),
            model=required_text(new.model, "the model", maximum=40),
            trim=new.trim.strip(), color=new.color.strip(), odometer=new.odometer,
            cost=new.cost, price=new.price, status=VehicleStatus.AVAILABLE.value, created_at=at,
        )
        work.inserted(vehicle)
    return VehicleId(vehicle.id)


def set_vehicle_status(work, vehicle: Vehicle, status: VehicleStatus) -> None:
    """Change a vehicle's status inside a unit of work (journaled)."""
    if vehicle.status != status.value:
        before = work.before(vehicle)
        vehicle.status = status.value
        vehicle.save(only=[Vehicle.status])
        work.updated(vehicle, before)


@dataclass(frozen=True)
class VehicleLine:
    """One vehicle as a list shows it (amounts in cents)."""

    id: int
    stock_number: str
    vin: str
    year: int
    make: str
    model: str
    trim: str
    color: str
    odometer: int
    cost: Cents
    price: Cents
    status: VehicleStatus

    @property
    def description(self) -> str:
        return f"{self.year} {self.make} {self.model}".strip()


def _line(v: Vehicle) -> VehicleLine:
    return VehicleLine(
        v.id, v.stock_number, v.vin, v.year, v.make, v.model, v.trim, v.color, v.odometer, v.cost, v.price,
        VehicleStatus(v.status),
    )


def list_vehicles(status: VehicleStatus | None = None, text: str = "") -> list[VehicleLine]:
    """Inventory, by stock number; ``status`` narrows it, ``text`` matches stock, VIN, make, model or colour."""
    query = Vehicle.select()
    if status is not None:
        query = query.where(Vehicle.status == status.value)
    for word in str(text or "").split():
        like = f"%{word}%"
        query = query.where(
            Vehicle.stock_number ** like | Vehicle.vin ** like | Vehicle.make ** like
            | Vehicle.model ** like | Vehicle.color ** like | Vehicle.trim ** like
            | (Vehicle.year.cast("TEXT") == word)
        )
    return [_line(v) for v in query.order_by(Vehicle.stock_number)]


def available_vehicles() -> list[VehicleLine]:
    """Vehicles that can go on a new agreement."""
    return list_vehicles(VehicleStatus.AVAILABLE)


def vehicle_line(vehicle_id: int) -> VehicleLine:
    vehicle = Vehicle.get_or_none(Vehicle.id == vehicle_id)
    if vehicle is None:
        raise NotFound("That vehicle is not in inventory.")
    return _line(vehicle)
