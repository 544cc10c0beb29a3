"""Agreements: opening one, its state, promises to pay, fee waivers, a vehicle return."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.ledger import AgreementState, EntryKind, Status
from ..domain.money import Cents, format_money
from ..domain.payment import Method, check_tender
from ..domain.returns import ReturnRecord
from ..domain.roles import Role
from ..domain.terms import Terms, first_due_problem
from ..domain.vehicles import VehicleStatus
from peewee import fn

from ..store.database import now as clock, write_transaction
from ..store.models import Agreement, Customer, Installment as InstallmentRow, LedgerEntry, Promise, Vehicle
from .base import Actor, AgreementId, approver_for, optional_text, require_role, required_text, unit_of_work
from .customers import NewCustomer, add_customer, touch
from .dealership_events import agreement_opened, vehicle_returned
from .drawer import session_for_money
from .in_order import refuse_out_of_order
from .ledger import refresh, state_of
from .payments import PaymentResult, receipt_for, take_down_payment


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
    if problem := first_due_problem(terms.first_due, at.date()):
        raise InvalidInput(problem)
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
        agreement_opened(work, agreement, customer, vehicle)
        down = take_down_payment(work, actor, agreement, terms.down_payment, tender, at) if tender else None
        touch(work, customer, at)
    return OpenedAgreement(AgreementId(agreement.id), receipt_for(actor, down.receipt_number) if down else None)


def start_agreement(
    actor: Actor,
    customer: int | NewCustomer,
    vehicle_id: int,
    terms: Terms,
    *,
    down_method: Method | str = Method.CASH,
    down_tendered: Cents | None = None,
    down_reference: str = "",
    at: dt.datetime | None = None,
) -> OpenedAgreement:
    """A new agreement from the counter: for a customer on file (their id), or a
    new one typed in (added in the same transaction, so a refused agreement
    leaves no customer behind)."""
    require_role(actor, Role.MANAGER, "start a new agreement")
    at = at or clock()
    with write_transaction():
        customer_id = customer if isinstance(customer, int) else add_customer(actor, customer, at=at)
        return open_agreement(
            actor, customer_id, vehicle_id, terms, down_method=down_method, down_tendered=down_tendered,
            down_reference=down_reference, at=at,
        )


def schedule_image(schedule) -> list:
    """The journal's form of a schedule: [[number, due date, amount], ...]."""
    return [[i.number, i.due.isoformat(), i.amount] for i in schedule]


def agreement_state(actor: Actor, agreement_id: int, as_of: dt.date | None = None) -> AgreementState:
    require_role(actor, Role.CLERK, "see an agreement's balance")
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
    note = optional_text(note, "the note on the promise", maximum=500)
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
            note=note, clerk=actor.id, created_at=at,
        )
        work.inserted(promise)
        touch(work, Customer.get_by_id(agreement.customer_id), at)
    return promise.id


def waive_fee(
    actor: Actor, agreement_id: int, installment_number: int, reason: str,
    *, approved_by: Actor | None = None, at: dt.datetime | None = None,
) -> Cents:
    """Waive what is open of one installment's late fee (manager approval, reason)."""
    manager = approver_for(actor, approved_by, "waive a late fee")
    reason = required_text(reason, "the reason for the waiver", minimum=3, maximum=300)
    with unit_of_work(actor, "waive_fee", at) as work:
        at = work.at  # read inside the write lock when not given
        agreement = Agreement.get_or_none(Agreement.id == agreement_id)
        if agreement is None:
            raise NotFound("That agreement is not on file.")
        refuse_out_of_order(agreement.id, at, "waived", "waive the fee")
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
        refresh(work, agreement, at.date())  # a waiver never changes the agreement's status
    return line.fee_open


@dataclass(frozen=True)
class ReturnPreview:
    """What a return of this agreement would do, for the summary the manager confirms.

    Attributes:
      agreement_id, customer_id, customer_name, language, vehicle, stock_number, vin_tail.
      odometer_out: the vehicle's odometer on file (a return reading must not be lower).
      installments_paid / number_of_payments: "n of N" so far.
      installments_cancelled: installments not yet paid in full, cancelled by the return.
      balance_cancelled: what those installments still had owing (no longer owed).
      fees_waived: open late fees waived by the return.
      paid_so_far: down payment plus payments made (they stay as they are).
      last_payment_on: the latest payment's date (a return cannot be dated before it).
    """

    agreement_id: int
    customer_id: int
    customer_name: str
    language: str
    vehicle: str
    stock_number: str
    vin_tail: str
    odometer_out: int
    installments_paid: int
    number_of_payments: int
    installments_cancelled: int
    balance_cancelled: Cents
    fees_waived: Cents
    paid_so_far: Cents
    last_payment_on: dt.date | None
    opened_on: dt.date


def return_preview(actor: Actor, agreement_id: int, on: dt.date | None = None) -> ReturnPreview:
    """The summary of a return before it is made; refuses an agreement that is not active."""
    require_role(actor, Role.CLERK, "see what a return would do")
    on = on or clock().date()
    agreement = Agreement.get_or_none(Agreement.id == agreement_id)
    if agreement is None:
        raise NotFound("That agreement is not on file.")
    state = state_of(agreement, on)
    if state.status is not Status.ACTIVE:
        raise Refused(f"Only an active agreement can be returned; this one is {state.status.label.lower()}.")
    customer = Customer.get_by_id(agreement.customer_id)
    vehicle = Vehicle.get_by_id(agreement.vehicle_id)
    last = (
        LedgerEntry.select(fn.MAX(LedgerEntry.entry_date))
        .where(LedgerEntry.agreement == agreement.id, LedgerEntry.kind == EntryKind.PAYMENT.value)
        .scalar()
    )
    return ReturnPreview(
        agreement_id=agreement.id, customer_id=customer.id, customer_name=customer.display_name,
        language=customer.language, vehicle=vehicle.description, stock_number=vehicle.stock_number,
        vin_tail=vehicle.vin_tail, odometer_out=vehicle.odometer, installments_paid=state.installments_paid,
        number_of_payments=state.number_of_payments,
        installments_cancelled=sum(1 for i in state.installments if i.owed > 0),
        balance_cancelled=state.principal_remaining, fees_waived=state.open_fees,
        paid_so_far=state.paid_in, last_payment_on=last, opened_on=agreement.opened_on,
    )


def return_vehicle(
    actor: Actor, agreement_id: int, reason: str, *, reason_text: str = "", odometer: int | None = None,
    keys_returned: int = 0, condition: dict | None = None, notes: str = "",
    returned_on: dt.date | None = None, approved_by: Actor | None = None, at: dt.datetime | None = None,
) -> AgreementState:
    """The customer hands the vehicle back: nothing more is owed, open fees are
    waived, the vehicle needs inspection, the customer is welcome back.

    ``returned_on``: the day the vehicle came back (default today; not in the
    future, not before the agreement or its latest payment). ``condition``: the
    checklist (:func:`check_condition`); None records it as not taken."""
    manager = approver_for(actor, approved_by, "take a vehicle return")
    record = ReturnRecord.checked(
        reason, reason_text=reason_text, odometer=odometer, keys_returned=keys_returned, condition=condition,
        notes=notes,
    )
    at = at or clock()
    returned_on = returned_on or at.date()
    if returned_on > at.date():
        raise InvalidInput("The return date is in the future.")
    preview = return_preview(actor, agreement_id, at.date())
    if returned_on < preview.opened_on or (preview.last_payment_on and returned_on < preview.last_payment_on):
        raise InvalidInput(
            "The return date is before the agreement's latest payment or its start; please check the date."
        )
    if odometer is not None and odometer < preview.odometer_out:
        raise InvalidInput(
            f"The odometer reading ({odometer:,}) is lower than the {preview.odometer_out:,} on file; please check it."
        )
    with unit_of_work(actor, "return_vehicle", at) as work:
        agreement = Agreement.get_by_id(agreement_id)
        refuse_out_of_order(agreement.id, at, "recorded", "record the return")
        if state_of(agreement, at.date()).status is not Status.ACTIVE:
            raise Refused("Only an active agreement can be returned; this one is closed.")
        entry = LedgerEntry.create(
            agreement=agreement.id, kind=EntryKind.RETURN.value, entry_date=returned_on, created_at=at,
            clerk=actor.id, approved_by=manager.id, reason=record.reason_label, memo=record.memo(),
        )
        work.inserted(entry)
        state = refresh(work, agreement, at.date())
        customer = vehicle_returned(work, agreement, record, returned_on)
        touch(work, customer, at)
    return state


def return_details(actor: Actor, agreement_id: int) -> dict | None:
    """What was recorded at the return (reason, odometer, keys, checklist, notes, date), or None."""
    require_role(actor, Role.CLERK, "see what was recorded at a return")
    entry = LedgerEntry.get_or_none(
        (LedgerEntry.agreement == agreement_id) & (LedgerEntry.kind == EntryKind.RETURN.value)
    )
    if entry is None:
        return None
    details = ReturnRecord.from_memo(entry.memo).as_dict()
    details["returned_on"] = entry.entry_date
    details["approved_by"] = entry.approved_by_id
    return details


@dataclass(frozen=True)
class RefundResult:
    """A goodwill refund as its slip prints it (amounts in cents)."""

    entry_id: int
    agreement_id: int
    customer_name: str
    customer_language: str
    vehicle: str
    amount: Cents
    reason: str
    approved_by: str
    clerk_name: str
    refunded_at: dt.datetime
    total_refunded: Cents
    journal_code: str


def refundable(actor: Actor, agreement_id: int, on: dt.date | None = None) -> Cents:
    """What a goodwill refund could still pay back: only after a return, at most
    what was paid (down payment and payments) less refunds already made."""
    require_role(actor, Role.CLERK, "see what a refund could pay back")
    agreement = Agreement.get_or_none(Agreement.id == agreement_id)
    if agreement is None:
        raise NotFound("That agreement is not on file.")
    return state_of(agreement, on or clock().date()).refundable


def goodwill_refund(
    actor: Actor, agreement_id: int, amount: Cents, reason: str, *,
    approved_by: Actor | None = None, at: dt.datetime | None = None,
) -> RefundResult:
    """Pay cash back to a customer who returned the vehicle (manager, reason):
    a cash-out entry; the payments themselves stay as they are."""
    manager = approver_for(actor, approved_by, "give a goodwill refund")
    reason = required_text(reason, "the reason for the refund", minimum=3, maximum=300)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise InvalidInput("The refund must be more than zero.")
    with unit_of_work(actor, "goodwill_refund", at) as work:
        at = work.at  # read inside the write lock when not given
        agreement = Agreement.get_or_none(Agreement.id == agreement_id)
        if agreement is None:
            raise NotFound("That agreement is not on file.")
        refuse_out_of_order(agreement.id, at, "refunded", "give the refund")
        state = state_of(agreement, at.date())
        if state.status is not Status.RETURNED:
            raise Refused("A goodwill refund is only for an agreement whose vehicle was returned.")
        if amount > state.refundable:
            raise InvalidInput(
                f"The refund is more than the {format_money(state.refundable)} that can still be paid back."
            )
        entry = LedgerEntry.create(
            agreement=agreement.id, kind=EntryKind.REFUND.value, entry_date=at.date(), created_at=at,
            amount=amount, clerk=actor.id, approved_by=manager.id, method=Method.CASH.value, reason=reason,
            drawer_session=session_for_money("give the refund"),
        )
        work.inserted(entry)
        refresh(work, agreement, at.date())
        customer = Customer.get_by_id(agreement.customer_id)
        touch(work, customer, at)
    vehicle = Vehicle.get_by_id(agreement.vehicle_id)
    return RefundResult(
        entry_id=entry.id, agreement_id=agreement.id, customer_name=customer.display_name,
        customer_language=customer.language, vehicle=vehicle.description, amount=amount, reason=reason,
        approved_by=manager.name, clerk_name=actor.name, refunded_at=at,
        total_refunded=state.refunded + amount, journal_code=work.code,
    )
