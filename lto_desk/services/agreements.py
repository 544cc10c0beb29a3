"""Agreements: opening one, its state, promises to pay, fee waivers, a vehicle return."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.ledger import AgreementState, EntryKind, Status
from ..domain.money import Cents, format_money
from ..domain.payment import Method, check_tender
from ..domain.roles import Role
from ..domain.terms import Terms
from ..store.database import now as clock
from ..store.models import Agreement, Customer, Installment as InstallmentRow, LedgerEntry, Promise, Vehicle
from .base import Actor, AgreementId, approver_for, require_role, required_text, unit_of_work
from .customers import touch
from .followups import return_follow_up, thank_you_follow_up
from .ledger import refresh, state_of
from .payments import PaymentResult, receipt_for, take_down_payment
from .vehicles import VehicleStatus, set_vehicle_status

#: How far in the past a first due date may be (a deal written up late).
FIRST_DUE_GRACE = dt.timedelta(days=7)


@dataclass(frozen=True)
class OpenedAgreement:
    agreement_id: AgreementId
    down_payment: PaymentResult | None


def open_agreement(
    actor: Actor,
    customer_id: int,
    vehicle_id: int,
    terms: Terms,
    *,
    down_method: Method | str = Method.CASH,
    down_tendered: Cents | None = None,
    down_reference: str = "",
    at: dt.datetime | None = None,
) -> OpenedAgreement:
    """Start an agreement (manager): schedule, vehicle on agreement, down payment receipt."""
    require_role(actor, Role.MANAGER, "start a new agreement")
    at = at or clock()
    if terms.first_due < at.date() - FIRST_DUE_GRACE:
        raise InvalidInput(
            f"The first due date ({terms.first_due:%b %d, %Y}) is more than a week in the past."
        )
    tender = check_tender(terms.down_payment, down_method, down_tendered, down_reference) if terms.down_payment else None
    schedule = terms.schedule()
    with unit_of_work(actor, "open_agreement", at) as work:
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFound("That customer is not on file.")
        vehicle = Vehicle.get_or_none(Vehicle.id == vehicle_id)
        if vehicle is None:
            raise NotFound("That vehicle is not in inventory.")
        if vehicle.status != VehicleStatus.AVAILABLE.value:
            raise Refused(
                f"The {vehicle.description} (stock {vehicle.stock_number}) is not available: "
                f"{VehicleStatus(vehicle.status).label.lower()}."
            )
        policy = terms.late_fee
        agreement = Agreement.create(
            customer=customer.id, vehicle=vehicle.id, cash_price=terms.cash_price,
            down_payment=terms.down_payment, payment_amount=terms.payment_amount,
            number_of_payments=terms.number_of_payments, frequency=terms.frequency.value,
            first_due=terms.first_due, semi_day_1=terms.semi_monthly_days[0],
            semi_day_2=terms.semi_monthly_days[1], grace_days=policy.grace_days, fee_flat=policy.flat,
            fee_percent_bp=policy.percent_bp, fee_cap=policy.cap, opened_on=at.date(), opened_at=at,
            opened_by=actor.id, status=Status.ACTIVE.value, installments_paid=0,
            principal_remaining=terms.amount_financed,
        )
        work.inserted(agreement)
        InstallmentRow.insert_many(
            [{"agreement": agreement.id, "number": i.number, "due_date": i.due, "amount": i.amount} for i in schedule]
        ).execute()
        work.record("installment", str(agreement.id), None, {"schedule": schedule_image(schedule)})
        set_vehicle_status(work, vehicle, VehicleStatus.ON_AGREEMENT)
        if customer.welcome_back:
            before = work.before(customer)
            customer.welcome_back = False
            customer.save(only=[Customer.welcome_back])
            work.updated(customer, before)
        down = take_down_payment(work, actor, agreement, terms.down_payment, tender, at) if tender else None
        thank_you_follow_up(work, agreement, at)
        touch(work, customer, at)
    return OpenedAgreement(AgreementId(agreement.id), receipt_for(down.receipt_number) if down else None)


def schedule_image(schedule) -> list:
    """The journal's form of a schedule: [[number, due date, amount], ...]."""
    return [[i.number, i.due.isoformat(), i.amount] for i in schedule]


def agreement_state(agreement_id: int, as_of: dt.date | None = None) -> AgreementState:
    agreement = Agreement.get_or_none(Agreement.id == agreement_id)
    if agreement is None:
        raise NotFound("That agreement is not on file.")
    return state_of(agreement, as_of or clock().date())


def record_promise(
    actor: Actor, agreement_id: int, promised_on: dt.date, amount: Cents, note: str = "",
    *, at: dt.datetime | None = None,
) -> int:
    """The customer's promise to pay ``amount`` by ``promised_on`` (any clerk)."""
    require_role(actor, Role.CLERK, "record a promise to pay")
    at = at or clock()
    if promised_on < at.date():
        raise InvalidInput("The promised date is in the past; choose today or a later day.")
    if promised_on > at.date() + dt.timedelta(days=90):
        raise InvalidInput("The promised date is more than 90 days away.")
    agreement = Agreement.get_or_none(Agreement.id == agreement_id)
    if agreement is None:
        raise NotFound("That agreement is not on file.")
    state = state_of(agreement, at.date())
    if state.status is not Status.ACTIVE:
        raise Refused("This agreement is closed; nothing is owed.")
    if amount <= 0:
        raise InvalidInput("The promised amount must be more than zero.")
    if amount > state.payoff:
        raise InvalidInput(f"The promised amount is more than the payoff of {format_money(state.payoff)}.")
    with unit_of_work(actor, "record_promise", at) as work:
        promise = Promise.create(
            agreement=agreement.id, promised_on=promised_on, amount=amount,
            note=" ".join(note.split())[:500], clerk=actor.id, created_at=at,
        )
        work.inserted(promise)
        touch(work, Customer.get_by_id(agreement.__data__["customer"]), at)
    return promise.id


def waive_fee(
    actor: Actor, agreement_id: int, installment_number: int, reason: str,
    *, approved_by: Actor | None = None, at: dt.datetime | None = None,
) -> Cents:
    """Waive what is open of one installment's late fee (manager approval, reason)."""
    manager = approver_for(actor, approved_by, "waive a late fee")
    reason = required_text(reason, "the reason for the waiver", minimum=3, maximum=300)
    at = at or clock()
    with unit_of_work(actor, "waive_fee", at) as work:
        agreement = Agreement.get_or_none(Agreement.id == agreement_id)
        if agreement is None:
            raise NotFound("That agreement is not on file.")
        state = state_of(agreement, at.date())
        line = next((i for i in state.installments if i.number == installment_number), None)
        if line is None or line.fee_open <= 0:
            raise Refused(f"Installment {installment_number} has no open late fee to waive.")
        entry = LedgerEntry.create(
            agreement=agreement.id, kind=EntryKind.FEE_WAIVER.value, entry_date=at.date(), created_at=at,
            amount=line.fee_open, clerk=actor.id, approved_by=manager.id,
            installment_number=installment_number, reason=reason,
        )
        work.inserted(entry)
        refresh(work, agreement, at.date())
    return line.fee_open


RETURN_REASONS = {
    "cannot_afford": "Cannot afford it right now",
    "needs_changed": "Needs changed",
    "mechanical": "Mechanical trouble",
    "other": "Other",
}


def return_vehicle(
    actor: Actor, agreement_id: int, reason: str, *, reason_text: str = "", odometer: int | None = None,
    keys_returned: int = 0, condition: dict | None = None, notes: str = "",
    approved_by: Actor | None = None, at: dt.datetime | None = None,
) -> AgreementState:
    """The customer hands the vehicle back: nothing more is owed, open fees are
    waived, the vehicle needs inspection, the customer is welcome back."""
    manager = approver_for(actor, approved_by, "take a vehicle return")
    if reason not in RETURN_REASONS:
        raise InvalidInput("Choose the reason for the return.")
    if reason == "other":
        reason_text = required_text(reason_text, "the reason for the return", minimum=3, maximum=300)
    if odometer is not None and odometer < 0:
        raise InvalidInput("The odometer reading cannot be negative.")
    at = at or clock()
    with unit_of_work(actor, "return_vehicle", at) as work:
        agreement = Agreement.get_or_none(Agreement.id == agreement_id)
        if agreement is None:
            raise NotFound("That agreement is not on file.")
        if state_of(agreement, at.date()).status is not Status.ACTIVE:
            raise Refused("Only an active agreement can be returned; this one is closed.")
        details = {
            "reason": reason, "reason_text": reason_text, "odometer": odometer,
            "keys_returned": keys_returned, "condition": condition or {}, "notes": notes.strip(),
        }
        entry = LedgerEntry.create(
            agreement=agreement.id, kind=EntryKind.RETURN.value, entry_date=at.date(), created_at=at,
            clerk=actor.id, approved_by=manager.id,
            reason=reason_text or RETURN_REASONS[reason], memo=json.dumps(details, sort_keys=True),
        )
        work.inserted(entry)
        state = refresh(work, agreement, at.date())
        vehicle = Vehicle.get_by_id(agreement.__data__["vehicle"])
        if odometer is not None and odometer > vehicle.odometer:
            before = work.before(vehicle)
            vehicle.odometer = odometer
            vehicle.save(only=[Vehicle.odometer])
            work.updated(vehicle, before)
        set_vehicle_status(work, vehicle, VehicleStatus.NEEDS_INSPECTION)
        customer = Customer.get_by_id(agreement.__data__["customer"])
        if not customer.welcome_back:
            before = work.before(customer)
            customer.welcome_back = True
            customer.save(only=[Customer.welcome_back])
            work.updated(customer, before)
        return_follow_up(work, agreement, at.date(), at)
        touch(work, customer, at)
    return state
