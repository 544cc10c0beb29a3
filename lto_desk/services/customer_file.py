"""The customer file: everything we know about one customer, gathered from the
database into :class:`~lto_desk.documents.customer_file.CustomerFile` and saved as a PDF.

``customer_file_data(customer_id)`` only reads: it writes no row and no journal
entry. Agreement statuses, amounts and payment summaries come from a replay of
each agreement's ledger as of ``today`` (not from the cached columns), so the
file says what the counter would say that day. Everything is read inside one
deferred (read-only) transaction, so a payment posted at another counter while
the file is gathered shows either entirely or not at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..documents.customer_file import (
    AgreementLine,
    ContactPreferences,
    CustomerFile,
    CustomerProfile,
    HouseholdCar,
    HouseholdMember,
    MailingConsent,
    NoteLine,
    PaymentSummary,
    Phone,
    ReferralLine,
    render_customer_file,
)
from ..domain.errors import NotFound
from ..domain.ledger import AgreementState, Entry, EntryKind, Status, voided
from ..domain.phone import display_phone
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import (
    Agreement,
    Clerk,
    Customer,
    HouseholdCar as HouseholdCarRow,
    HouseholdMember as HouseholdMemberRow,
    Note,
    Vehicle,
    db,
)
from .base import Actor, require_role
from .customers import address_of
from .ledger import load_ledger
from .saved_pages import dealer_header, write_atomically
from .relationship import phones_of, referrals_of, referred_by
from .settings import load_settings

__all__ = ["customer_file_data", "customer_file_name", "save_customer_file"]


def _customer(customer_id: int) -> Customer:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("That customer is not on file.")
    return customer


def _profile(actor: Actor, c: Customer) -> CustomerProfile:
    phones = [Phone("", display_phone(c.phone))] if c.phone else []  # the main phone, unlabelled
    phones += [Phone(p.label, p.display) for p in phones_of(actor, c.id)]
    referrer = referred_by(actor, c.id)
    return CustomerProfile(
        full_name=c.full_name,
        preferred_name=c.preferred_name,
        language=c.language,
        phones=tuple(phones),
        email=c.email,
        address=address_of(c),
        birthday=c.birthday,
        customer_since=c.customer_since,
        employer=c.employer,
        contact=ContactPreferences(
            call=bool(c.contact_call),
            text=bool(c.contact_text),
            mail=bool(c.contact_mail),
            email=bool(c.contact_email),
            best_time=c.best_time,
        ),
        mailing=MailingConsent(given_on=c.consent_on, opted_out_on=c.opted_out_on),
        welcome_back=bool(c.welcome_back),
        referred_by=referrer.name if referrer else "",
    )


def _household(customer_id: int) -> tuple[tuple[HouseholdMember, ...], tuple[HouseholdCar, ...]]:
    members = list(
        HouseholdMemberRow.select().where(HouseholdMemberRow.customer == customer_id).order_by(HouseholdMemberRow.id)
    )
    names = {m.id: m.name for m in members}
    people = tuple(HouseholdMember(m.name, m.relation, m.birthday, m.notes) for m in members)
    cars = tuple(
        HouseholdCar(
            make=car.make,
            model=car.model,
            year=car.year,
            # the member's name as it is now; the typed name when no member was chosen (or they were removed)
            driver=names.get(car.driver_id, "") or car.driver,
            may_replace_by=car.replace_by,
        )
        for car in HouseholdCarRow.select()
        .where(HouseholdCarRow.customer == customer_id)
        .order_by(HouseholdCarRow.id)
    )
    return people, cars


def _live_payments(entries: tuple[Entry, ...], state: AgreementState) -> list[Entry]:
    """The money received that the replay counted: down payments and allocated payments, not voided."""
    known = [e for e in entries if e.on <= state.as_of]
    taken_back = voided(known)
    return [
        e
        for e in known
        if e.id not in taken_back
        and (e.kind is EntryKind.DOWN_PAYMENT or (e.kind is EntryKind.PAYMENT and e.id in state.allocations))
    ]


def _closed_on(a: Agreement, state: AgreementState, entries: tuple[Entry, ...], paid: list[Entry]) -> dt.date | None:
    if state.status is Status.ACTIVE:
        return None
    if a.status == state.status.value and a.closed_on is not None:
        return a.closed_on
    if state.status is Status.RETURNED:
        returns = [e.on for e in entries if e.kind is EntryKind.RETURN and e.on <= state.as_of]
        return min(returns) if returns else None
    return max((e.on for e in paid), default=None)


def _agreement_line(a: Agreement, today: dt.date) -> AgreementLine:
    ledger = load_ledger(a)
    state = ledger.state(max(today, a.opened_on))
    paid = _live_payments(ledger.entries, state)
    active = state.status is Status.ACTIVE
    vehicle: Vehicle = a.vehicle
    return AgreementLine(
        vehicle=vehicle.description,
        vin_tail=vehicle.vin_tail,
        stock_number=vehicle.stock_number,
        opened_on=a.opened_on,
        status=state.status.value,  # type: ignore[arg-type]
        closed_on=_closed_on(a, state, ledger.entries, paid),
        installments_paid=state.installments_paid,
        number_of_payments=state.number_of_payments,
        due_now=state.amount_due_now if active else 0,
        days_since_due=state.days_late if active else 0,
        payoff=state.payoff if active else None,
        payments=PaymentSummary(
            total_paid=state.total_paid + state.down_payment,
            payments_count=len(paid),
            late_fees_charged=state.fees_charged,
            late_fees_paid=state.fees_paid,
            late_fees_waived=state.fees_waived,
            last_payment_on=max((e.on for e in paid), default=None),
        ),
    )


def _notes(customer_id: int) -> tuple[NoteLine, ...]:
    clerks = {k.id: k.name for k in Clerk.select(Clerk.id, Clerk.name)}
    notes = Note.select().where(Note.customer == customer_id).order_by(Note.created_at.desc(), Note.id.desc())
    lines = []
    for n in notes:
        author = clerks.get(n.author_id, "")
        lines.append(
            NoteLine(
                text=n.text,
                written_at=n.created_at,
                tags=tuple(t for t in n.tags.split(",") if t),
                author=author.split()[0] if author.split() else "",
                pinned=bool(n.pinned),
                cue=bool(n.is_cue) and n.cue_done_at is None,  # an asked cue is an ordinary note now
            )
        )
    return tuple(lines)


def _referrals(actor: Actor, customer_id: int) -> tuple[ReferralLine, ...]:
    referred = referrals_of(actor, customer_id)
    started = {
        a.customer_id
        for a in Agreement.select(Agreement.customer).where(Agreement.customer.in_([r.customer_id for r in referred]))
    } if referred else set()
    # No referral date is stored: the referred customer's first day on file stands for it.
    return tuple(ReferralLine(r.name, r.customer_since, r.customer_id in started) for r in referred)


def customer_file_data(actor: Actor, customer_id: int, *, today: dt.date | None = None) -> CustomerFile:
    """Everything we know about the customer, ready for :func:`render_customer_file`,
    for any logged-in clerk.

    Agreements are newest first; each one's status, amounts and payment summary
    are replayed from its ledger as of ``today``. Only reads.
    """
    require_role(actor, Role.CLERK, "print a customer's file")
    today = today or clock().date()
    with db.atomic(lock_type="DEFERRED"):  # one consistent read; never takes the write lock
        c = _customer(customer_id)
        household, cars = _household(c.id)
        agreements = tuple(
            _agreement_line(a, today)
            for a in Agreement.select(Agreement, Vehicle)
            .join(Vehicle)
            .where(Agreement.customer == c.id)
            .order_by(Agreement.opened_on.desc(), Agreement.id.desc())
        )
        return CustomerFile(
            dealer=dealer_header(load_settings()),
            profile=_profile(actor, c),
            printed_on=today,
            household=household,
            cars=cars,
            agreements=agreements,
            notes=_notes(c.id),
            referrals=_referrals(actor, c.id),
            language=c.language,
        )


def customer_file_name(customer_id: int, at: dt.datetime) -> str:
    return f"customer-file-{customer_id:05d}-{at:%Y%m%d-%H%M%S}.pdf"


def save_customer_file(actor: Actor, folder: Path, customer_id: int, *, at: dt.datetime | None = None) -> Path:
    """Render the customer file as of ``at`` and save it under ``folder`` (written
    to a temporary file, then renamed) for any logged-in clerk; returns the file's path."""
    at = at or clock()
    pdf = render_customer_file(customer_file_data(actor, customer_id, today=at.date()))
    return write_atomically(Path(folder) / customer_file_name(customer_id, at), pdf)
