"""Inventory: vehicles added and corrected (VIN checked), their status, and each one's history."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum

from peewee import fn

from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.ledger import EntryKind, Status
from ..domain.money import MAX_AMOUNT, Cents, format_money
from ..domain.returns import ReturnRecord
from ..domain.roles import Role
from ..domain.vehicles import (
    REMOVAL_REASONS,
    VehicleStatus,
    check_model_year,
    check_odometer,
    check_removal_reason,
    status_when_put_back,
    why_not_removable,
)
from ..domain.vin import check_vin
from ..store import journal
from ..store.database import now as clock
from ..store.models import Agreement, Clerk, Customer, JournalRow, LedgerEntry, Vehicle, VehicleEvent as EventRow
from .base import Actor, UnitOfWork, VehicleId, optional_text, require_role, required_text, unit_of_work

__all__ = ["REMOVAL_REASONS", "VehicleStatus"]  # with the use cases below; the rules live in domain.vehicles


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


def _checked(new: NewVehicle, at: dt.datetime, *, same_vin: str | None = None) -> dict:
    """The typed vehicle as columns, or InvalidInput naming what is wrong.

    ``same_vin``: the VIN already on file (an edit); its check-digit warning was
    accepted when it was added, so keeping it asks for nothing again."""
    vin = check_vin(new.vin)
    if vin.warning and not new.accept_vin_warning and vin.vin != same_vin:
        raise InvalidInput(vin.warning)
    year = check_model_year(new.year, at.year)
    check_odometer(new.odometer)
    if not (0 <= new.cost <= MAX_AMOUNT and 0 <= new.price <= MAX_AMOUNT):
        raise InvalidInput("The cost and price must be between $0 and $100,000.")
    return {
        "stock_number": required_text(str(new.stock_number or "").upper(), "the stock number", maximum=20),
        "vin": vin.vin,
        "vin_tail": vin.tail,
        "year": year,
        "make": required_text(new.make, "the make", maximum=40),
        "model": required_text(new.model, "the model", maximum=40),
        "trim": _optional_text(new.trim, "The trim"),
        "color": _optional_text(new.color, "The colour"),
        "odometer": new.odometer,
        "cost": new.cost,
        "price": new.price,
    }


def _optional_text(text: str, what: str, maximum: int = 40) -> str:
    return optional_text(text, what, maximum=maximum)


def _refuse_duplicates(fields: dict, vehicle_id: int | None) -> None:
    """VIN and stock number belong to one vehicle each (other than ``vehicle_id``)."""
    others = Vehicle.select()
    if vehicle_id is not None:
        others = others.where(Vehicle.id != vehicle_id)
    same = others.where(Vehicle.vin == fields["vin"]).first()
    if same is not None:
        raise Refused(
            f"A vehicle with VIN {fields['vin']} is already in inventory: the {same.description} "
            f"(stock {same.stock_number})."
        )
    same = others.where(Vehicle.stock_number == fields["stock_number"]).first()
    if same is not None:
        raise Refused(
            f"Stock number {fields['stock_number']} is already used by the {same.description}; "
            "please choose another."
        )


def add_vehicle(actor: Actor, new: NewVehicle, *, at: dt.datetime | None = None) -> VehicleId:
    """Add a vehicle to inventory (manager). A VIN check-digit warning must be accepted explicitly."""
    require_role(actor, Role.MANAGER, "add a vehicle to inventory")
    at = at or clock()
    fields = _checked(new, at)
    _refuse_duplicates(fields, None)
    with unit_of_work(actor, "add_vehicle", at) as work:
        _refuse_duplicates(fields, None)  # again inside the transaction: another counter may have been quicker
        vehicle = Vehicle.create(**fields, status=VehicleStatus.AVAILABLE.value, created_at=at)
        work.inserted(vehicle)
    return VehicleId(vehicle.id)


def ever_on_agreement(actor: Actor, vehicle_id: int) -> bool:
    """Whether the vehicle has been on an agreement (its paperwork names its VIN)."""
    require_role(actor, Role.CLERK, "see whether a vehicle was ever on an agreement")
    return Agreement.select().where(Agreement.vehicle == vehicle_id).exists()


def edit_vehicle(actor: Actor, vehicle_id: int, new: NewVehicle, *, at: dt.datetime | None = None) -> None:
    """Correct a vehicle's details (manager), with the same checks as adding one.

    The VIN of a vehicle that has been on an agreement stays as it is: the
    agreement's paperwork names it."""
    require_role(actor, Role.MANAGER, "edit a vehicle in inventory")
    at = at or clock()
    vehicle = _vehicle(vehicle_id)
    fields = _checked(new, at, same_vin=vehicle.vin)
    if fields["vin"] != vehicle.vin and ever_on_agreement(actor, vehicle.id):
        raise Refused(
            f"The VIN of the {vehicle.description} (stock {vehicle.stock_number}) cannot be changed: it has "
            f"been on an agreement and the paperwork names VIN {vehicle.vin}. Everything else can still be edited."
        )
    _refuse_duplicates(fields, vehicle.id)
    with unit_of_work(actor, "edit_vehicle", at) as work:
        _refuse_duplicates(fields, vehicle.id)
        vehicle = _vehicle(vehicle_id)
        before = work.before(vehicle)
        for name, value in fields.items():
            setattr(vehicle, name, value)
        vehicle.save(only=[getattr(Vehicle, name) for name in fields])
        work.updated(vehicle, before)


def _vehicle(vehicle_id: int) -> Vehicle:
    vehicle = Vehicle.get_or_none(Vehicle.id == vehicle_id)
    if vehicle is None:
        raise NotFound("That vehicle is not in inventory.")
    return vehicle


def _where(vehicle: Vehicle) -> str:
    return f"The {vehicle.description} (stock {vehicle.stock_number})"


def mark_inspected(actor: Actor, vehicle_id: int, note: str = "", *, at: dt.datetime | None = None) -> None:
    """A returned vehicle has been inspected (manager): it is available again."""
    require_role(actor, Role.MANAGER, "mark an inspection done")
    note = optional_text(note, "the inspection note", maximum=1000)
    at = at or clock()
    with unit_of_work(actor, "mark_inspected", at) as work:
        vehicle = _vehicle(vehicle_id)
        if vehicle.status != VehicleStatus.NEEDS_INSPECTION.value:
            raise Refused(
                f"{_where(vehicle)} is {VehicleStatus(vehicle.status).label.lower()}; only a returned "
                "vehicle waiting for inspection can be marked inspected."
            )
        set_vehicle_status(work, vehicle, VehicleStatus.AVAILABLE)
        _record_event(work, vehicle, "inspected", note=note)


def _record_event(work: UnitOfWork, vehicle: Vehicle, kind: str, **facts: str) -> None:
    event = EventRow.create(vehicle=vehicle.id, kind=kind, at=work.at, clerk_id=work.actor.id, **facts)
    work.inserted(event)


def remove_vehicle(
    actor: Actor, vehicle_id: int, reason: str, *, reason_text: str = "", at: dt.datetime | None = None
) -> None:
    """Take a vehicle out of inventory (manager): only one that is available or
    waiting for inspection. ``reason``: a key of REMOVAL_REASONS; "other" asks
    for ``reason_text`` (a note for the others)."""
    require_role(actor, Role.MANAGER, "remove a vehicle from inventory")
    reason_text = check_removal_reason(reason, reason_text)
    at = at or clock()
    with unit_of_work(actor, "remove_vehicle", at) as work:
        vehicle = _vehicle(vehicle_id)
        status = VehicleStatus(vehicle.status)
        why = why_not_removable(status)
        if why is not None:
            raise Refused(f"{_where(vehicle)} cannot be removed: {why}.")
        set_vehicle_status(work, vehicle, VehicleStatus.REMOVED)
        _record_event(work, vehicle, "removed", reason=reason, note=reason_text, from_status=status.value)


def restore_vehicle(actor: Actor, vehicle_id: int, *, at: dt.datetime | None = None) -> VehicleStatus:
    """Put a removed vehicle back in inventory (manager). It is available again,
    unless it was removed while waiting for inspection: then it still needs it."""
    require_role(actor, Role.MANAGER, "put a vehicle back in inventory")
    at = at or clock()
    with unit_of_work(actor, "restore_vehicle", at) as work:
        vehicle = _vehicle(vehicle_id)
        if vehicle.status != VehicleStatus.REMOVED.value:
            raise Refused(
                f"{_where(vehicle)} is {VehicleStatus(vehicle.status).label.lower()}, not removed; "
                "there is nothing to put back."
            )
        removal = (
            EventRow.select().where((EventRow.vehicle == vehicle.id) & (EventRow.kind == "removed"))
            .order_by(EventRow.id.desc()).first()
        )
        status = status_when_put_back(VehicleStatus(removal.from_status) if removal and removal.from_status else None)
        set_vehicle_status(work, vehicle, status)
        _record_event(work, vehicle, "restored", status=status.value)
    return status


def set_vehicle_status(work: UnitOfWork, vehicle: Vehicle, status: VehicleStatus) -> None:
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


def list_vehicles(actor: Actor, status: VehicleStatus | None = None, text: str = "") -> list[VehicleLine]:
    """Inventory, by stock number; ``status`` narrows it, ``text`` matches stock, VIN, make, model or colour."""
    require_role(actor, Role.CLERK, "see the inventory")
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


def available_vehicles(actor: Actor) -> list[VehicleLine]:
    """Vehicles that can go on a new agreement."""
    require_role(actor, Role.CLERK, "see the vehicles for sale")
    return list_vehicles(actor, VehicleStatus.AVAILABLE)


def vehicle_line(actor: Actor, vehicle_id: int) -> VehicleLine:
    require_role(actor, Role.CLERK, "see a vehicle")
    vehicle = Vehicle.get_or_none(Vehicle.id == vehicle_id)
    if vehicle is None:
        raise NotFound("That vehicle is not in inventory.")
    return _line(vehicle)


def status_counts(actor: Actor) -> dict[VehicleStatus, int]:
    """How many vehicles have each status (every status present, zero when none)."""
    require_role(actor, Role.CLERK, "see the inventory")
    counts = {status: 0 for status in VehicleStatus}
    for status, n in Vehicle.select(Vehicle.status, fn.COUNT(Vehicle.id)).group_by(Vehicle.status).tuples():
        counts[VehicleStatus(status)] = n
    return counts


# -- a vehicle's history ----------------------------------------------------------------

class EventKind(str, Enum):
    ADDED = "added"
    EDITED = "edited"
    AGREEMENT = "agreement"
    PAID_OFF = "paid_off"
    RETURNED = "returned"
    INSPECTED = "inspected"
    REMOVED = "removed"
    RESTORED = "restored"


@dataclass(frozen=True)
class VehicleEvent:
    """One thing in a vehicle's life, as its history shows it.

    Attributes:
      on: the day it happened (a return: the day the vehicle came back).
      at: when it was recorded (orders events of the same day).
      kind: what happened.
      title: one line, e.g. "On agreement with María García".
      details: further lines (installments paid, the return checklist, a note...).
      by: who recorded it ("" when not known).
      agreement_id: the agreement it belongs to, if any.
      customer_name: the customer of that agreement, if any.
    """

    on: dt.date
    at: dt.datetime
    kind: EventKind
    title: str
    details: tuple[str, ...] = ()
    by: str = ""
    agreement_id: int | None = None
    customer_name: str = ""


_FIELD_NAMES = {
    "stock_number": "Stock number", "vin": "VIN", "year": "Year", "make": "Make", "model": "Model",
    "trim": "Trim", "color": "Colour", "odometer": "Odometer", "cost": "Cost", "price": "Price",
}


def _day(d: dt.date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def _vehicle_changes(vehicle_id: int) -> list[tuple[JournalRow, dict]]:
    """The journal rows that added or corrected the vehicle, oldest first, each with
    its change to the vehicle's row ({"before": ..., "after": ...})."""
    out = []
    for row in journal.rows_touching("vehicle", str(vehicle_id), ("add_vehicle", "edit_vehicle")):
        for table, key, before, after in json.loads(row.changes):
            if table == "vehicle" and key == str(vehicle_id):
                out.append((row, {"before": before, "after": after}))
                break
    return out


def _shown(field: str, value) -> str:
    if value in (None, ""):
        return "(blank)"
    if field in ("cost", "price"):
        return format_money(int(value))
    if field == "odometer":
        return f"{int(value):,}"
    return str(value)


def _return_event(entry: LedgerEntry, name: str, agreement_id: int, names: dict) -> VehicleEvent:
    lines = ReturnRecord.from_memo(entry.memo).history_lines(fallback_reason=entry.reason)
    by = names.get(entry.clerk_id, "")
    approver = names.get(entry.approved_by_id, "")
    if approver and approver != by:
        by = f"{by}, approved by {approver}"
    return VehicleEvent(
        entry.entry_date, entry.created_at, EventKind.RETURNED, f"Returned by {name}", lines, by,
        agreement_id, name,
    )


def _recorded_event(event: EventRow, by: str) -> VehicleEvent:
    day = event.at.date()
    if event.kind == "inspected":
        lines = (f"Note: {event.note}",) if event.note else ()
        return VehicleEvent(day, event.at, EventKind.INSPECTED, "Inspection done — available again", lines, by)
    if event.kind == "removed":
        reason = REMOVAL_REASONS.get(event.reason, "Other")
        lines = (event.note,) if event.note else ()
        return VehicleEvent(day, event.at, EventKind.REMOVED, f"Removed from inventory: {reason}", lines, by)
    title = "Put back in inventory" + (
        " — still needs inspection" if event.status == VehicleStatus.NEEDS_INSPECTION.value else ""
    )
    return VehicleEvent(day, event.at, EventKind.RESTORED, title, (), by)


def vehicle_history(actor: Actor, vehicle_id: int) -> list[VehicleEvent]:
    """The vehicle's life in date order: added, corrected, each agreement (customer,
    opened, status, installments paid of N), its payoff or return (reason, odometer,
    keys, checklist), inspections, removal from inventory and being put back."""
    require_role(actor, Role.CLERK, "see a vehicle's history")
    vehicle = _vehicle(vehicle_id)
    names = {c.id: c.name for c in Clerk.select(Clerk.id, Clerk.name)}
    events: list[VehicleEvent] = []
    added_by = ""
    for row, change in _vehicle_changes(vehicle.id):
        by = names.get(row.clerk_id, "")
        if row.action == "add_vehicle":
            added_by = by
        else:
            before, after = change["before"] or {}, change["after"] or {}
            lines = tuple(
                f"{label}: {_shown(field, before.get(field))} → {_shown(field, after.get(field))}"
                for field, label in _FIELD_NAMES.items() if field in after
            )
            events.append(VehicleEvent(row.at.date(), row.at, EventKind.EDITED, "Details corrected", lines, by))
    for event in EventRow.select().where(EventRow.vehicle == vehicle.id).order_by(EventRow.id):
        events.append(_recorded_event(event, names.get(event.clerk_id, "")))
    events.append(VehicleEvent(
        vehicle.created_at.date(), vehicle.created_at, EventKind.ADDED, "Added to inventory",
        (f"Stock {vehicle.stock_number} · VIN {vehicle.vin}",), added_by,
    ))
    agreements = (
        Agreement.select(Agreement, Customer)
        .join(Customer)
        .where(Agreement.vehicle == vehicle.id)
        .order_by(Agreement.opened_at)
    )
    for agreement in agreements:
        name = agreement.customer.display_name
        status = Status(agreement.status)
        state = status.label + (f" {_day(agreement.closed_on)}" if agreement.closed_on else "")
        events.append(VehicleEvent(
            agreement.opened_on, agreement.opened_at, EventKind.AGREEMENT, f"On agreement with {name}",
            (
                f"Opened {_day(agreement.opened_on)} · {state}",
                f"{agreement.installments_paid} of {agreement.number_of_payments} installments paid",
            ),
            names.get(agreement.opened_by_id, ""), agreement.id, name,
        ))
        if status is Status.PAID_OFF and agreement.closed_on:
            last = (
                LedgerEntry.select(fn.MAX(LedgerEntry.created_at)).where(LedgerEntry.agreement == agreement.id).scalar()
            )
            at = last if isinstance(last, dt.datetime) else dt.datetime.combine(agreement.closed_on, dt.time(23, 59))
            events.append(VehicleEvent(
                agreement.closed_on, at, EventKind.PAID_OFF, f"Paid off — titled to {name}",
                (f"Paid off {_day(agreement.closed_on)}; the title goes to {name}.",), "", agreement.id, name,
            ))
        entry = LedgerEntry.get_or_none(
            (LedgerEntry.agreement == agreement.id) & (LedgerEntry.kind == EntryKind.RETURN.value)
        )
        if entry is not None:
            events.append(_return_event(entry, name, agreement.id, names))
    # Same day and time (one recorded straight after another): in the order a life goes.
    order = list(EventKind)
    return sorted(events, key=lambda e: (e.on, e.at, order.index(e.kind)))
