"""The agreement summary's data and its PDF: a draft from typed terms before the
agreement exists, or the stored agreement; also the customer as a new agreement shows them.

Only reads: nothing here writes a row or a journal entry. A draft is marked
"DRAFT — not signed"; a stored agreement's summary prints its number and the
installments as stored (not recomputed), so a reprint says what was agreed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..documents.agreement_summary import (
    AgreementSummaryPage,
    SummaryCustomer,
    SummaryVehicle,
    render_agreement_summary,
)
from ..domain.errors import NotFound
from ..domain.ledger import Status
from ..domain.phone import display_phone, normalise_phone
from ..domain.roles import Role
from ..domain.terms import Frequency, Installment, LateFeePolicy, Terms
from ..domain.text import clean_name, fold
from ..store.database import now as clock
from ..store.models import Agreement, Customer, Installment as InstallmentRow, Vehicle
from .base import Actor, require_role
from .customers import NewCustomer, address_of, check_language, postal_address
from .saved_pages import dealer_header, write_atomically
from .settings import load_settings

__all__ = [
    "AgreementCustomer",
    "agreement_customer",
    "draft_summary",
    "summary_for_agreement",
    "summary_file_name",
    "save_agreement_summary",
]


@dataclass(frozen=True)
class AgreementCustomer:
    """A customer on file as the new-agreement screen shows them.

    Attributes:
      customer_id; name: the display name (preferred name first); full_name: as signed.
      phone: the main phone for display ("" when none); address: lines joined by ``\\n``.
      language: "en" or "es" (the summary's language).
      welcome_back: they returned a vehicle before and are welcome back.
      latest: their current or latest agreement in words, e.g. "Active — 2014 Honda Accord"
        or "No agreement yet".
    """

    customer_id: int
    name: str
    full_name: str
    phone: str
    address: str
    language: str
    welcome_back: bool
    latest: str


def _customer_row(customer_id: int) -> Customer:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("That customer is not on file.")
    return customer


def _latest_agreement(customer_id: int) -> str:
    rows = list(
        Agreement.select(Agreement, Vehicle).join(Vehicle).where(Agreement.customer == customer_id)
        .order_by(Agreement.id.desc())
    )
    if not rows:
        return "No agreement yet"
    shown = next((a for a in rows if a.status == Status.ACTIVE.value), rows[0])
    return f"{Status(shown.status).label} — {shown.vehicle.description}"


def agreement_customer(actor: Actor, customer_id: int) -> AgreementCustomer:
    """The customer on file with what a new agreement needs to show and print."""
    require_role(actor, Role.MANAGER, "start a new agreement")
    c = _customer_row(customer_id)
    return AgreementCustomer(
        customer_id=c.id,
        name=c.display_name,
        full_name=c.full_name,
        phone=display_phone(c.phone),
        address=address_of(c),
        language=c.language if c.language in ("en", "es") else "en",
        welcome_back=c.welcome_back,
        latest=_latest_agreement(c.id),
    )


def _new_customer(new: NewCustomer) -> tuple[SummaryCustomer, str]:
    """A typed-in customer as the summary prints them, and their language (checked like add_customer)."""
    first = clean_name(new.first_name, "first name")
    last = clean_name(new.last_name, "last name")
    phone = display_phone(normalise_phone(new.phone)) if new.phone.strip() else ""
    address = postal_address(new.address1, new.address2, city=new.city, state=new.state, postal_code=new.postal_code)
    return SummaryCustomer(f"{first} {last}", address, phone), check_language(new.language)


def _vehicle(vehicle_id: int) -> SummaryVehicle:
    v = Vehicle.get_or_none(Vehicle.id == vehicle_id)
    if v is None:
        raise NotFound("That vehicle is not in inventory.")
    return SummaryVehicle(
        year=v.year, make=v.make, model=v.model, vin=v.vin, stock_number=v.stock_number,
        odometer=v.odometer, trim=v.trim, color=v.color,
    )


def draft_summary(
    actor: Actor,
    customer: int | NewCustomer,
    vehicle_id: int,
    terms: Terms,
    *,
    language: str | None = None,
    today: dt.date | None = None,
) -> AgreementSummaryPage:
    """The summary of terms not yet agreed, marked "DRAFT — not signed".

    ``customer``: a customer on file (their id) or one being typed in.
    ``language``: "en" or "es"; default the customer's language."""
    require_role(actor, Role.MANAGER, "start a new agreement")
    if isinstance(customer, NewCustomer):
        who, their_language = _new_customer(customer)
    else:
        c = _customer_row(customer)
        who = SummaryCustomer(
            c.full_name,
            address_of(c),
            display_phone(c.phone),
        )
        their_language = c.language
    return AgreementSummaryPage(
        dealer=dealer_header(load_settings()),
        language=check_language(language) if language else their_language,
        prepared_on=today or clock().date(),
        customer=who,
        vehicle=_vehicle(vehicle_id),
        cash_price=terms.cash_price,
        down_payment=terms.down_payment,
        payment_amount=terms.payment_amount,
        frequency=terms.frequency,
        late_fee=terms.late_fee,
        schedule=tuple(terms.schedule()),
        semi_monthly_days=terms.semi_monthly_days,
        agreement_number=None,
    )


def summary_for_agreement(actor: Actor, agreement_id: int, *, language: str | None = None) -> AgreementSummaryPage:
    """The summary of a stored agreement: its number, its terms and its installments
    as stored, dated the day it was opened."""
    require_role(actor, Role.CLERK, "print an agreement's summary")
    agreement = Agreement.get_or_none(Agreement.id == agreement_id)
    if agreement is None:
        raise NotFound("That agreement is not on file.")
    c = _customer_row(agreement.customer_id)
    schedule = tuple(
        Installment(row.number, row.due_date, row.amount)
        for row in InstallmentRow.select().where(InstallmentRow.agreement == agreement.id).order_by(InstallmentRow.number)
    )
    return AgreementSummaryPage(
        dealer=dealer_header(load_settings()),
        language=check_language(language) if language else c.language,
        prepared_on=agreement.opened_on,
        customer=SummaryCustomer(
            c.full_name,
            address_of(c),
            display_phone(c.phone),
        ),
        vehicle=_vehicle(agreement.vehicle_id),
        cash_price=agreement.cash_price,
        down_payment=agreement.down_payment,
        payment_amount=agreement.payment_amount,
        frequency=Frequency(agreement.frequency),
        late_fee=LateFeePolicy(agreement.grace_days, agreement.fee_flat, agreement.fee_percent_bp, agreement.fee_cap),
        schedule=schedule,
        semi_monthly_days=(agreement.semi_day_1, agreement.semi_day_2),
        agreement_number=agreement.id,
    )


def _slug(name: str) -> str:
    """``María José Peña`` → ``maria-jose-pena`` (ASCII, for a file name)."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    return slug[:40].rstrip("-") or "customer"


def summary_file_name(page: AgreementSummaryPage, at: dt.datetime) -> str:
    """``agreement-000123-maria-garcia.pdf``, or ``draft-20250106-103000-maria-garcia.pdf`` before it exists."""
    who = _slug(page.customer.full_name)
    if page.agreement_number is None:
        return f"draft-{at:%Y%m%d-%H%M%S}-{who}.pdf"
    return f"agreement-{page.agreement_number:06d}-{who}.pdf"


def save_agreement_summary(folder: Path, page: AgreementSummaryPage, *, at: dt.datetime | None = None) -> Path:
    """Render the summary and save it under ``folder`` (written to a temporary file,
    then renamed); returns the file's path."""
    pdf = render_agreement_summary(page)
    return write_atomically(Path(folder) / summary_file_name(page, at or clock()), pdf)
