"""Letters made by events: thank-you (new agreement), congratulations and title
release (payoff), and the return letter. Each is made from the stored rows in
the customer's language and saved under ``letters/`` before anything prints, so
a printer fault never loses one. Making a letter again rewrites the same file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..documents.letters import (
    PaidOffLetter,
    ReturnLetter,
    ThankYouLetter,
    render_paid_off_letter,
    render_return_letter,
    render_thank_you_letter,
)
from ..domain.errors import NotFound, Refused
from ..domain.ledger import EntryKind, Status
from ..domain.returns import in_good_condition
from ..domain.roles import Role
from ..domain.text import fold
from ..store.models import Agreement, Clerk, Customer, Installment, LedgerEntry, Vehicle
from .agreements import return_details
from .base import Actor, require_role
from .customers import address_of
from .dealership_events import LetterKind, letter_owed
from .saved_pages import dealer_header, write_atomically
from .settings import DealerSettings, load_settings


_TITLES = {
    Role.OWNER.value: ("Owner", "Propietario"),
    Role.MANAGER.value: ("Manager", "Gerente"),
    Role.CLERK.value: ("Customer care", "Atención al cliente"),
}


def _signer(clerk_id: int | None, language: str, settings: DealerSettings) -> tuple[str, str]:
    """Who signs: the dealer's chosen signer (Settings), else the clerk who did it, with their role."""
    if settings.letter_signer.strip():
        return settings.letter_signer.strip(), ""
    clerk = Clerk.get_or_none(Clerk.id == clerk_id) if clerk_id else None
    if clerk is None:
        return "", ""
    en, es = _TITLES.get(clerk.role, ("", ""))
    if clerk.name.strip().lower() in (en.lower(), es.lower()):  # a login named just "Manager"
        return (es if language == "es" else en), ""
    return clerk.name, es if language == "es" else en


def _loaded(agreement_id: int) -> tuple[Agreement, Customer, Vehicle]:
    agreement = Agreement.get_or_none(Agreement.id == agreement_id)
    if agreement is None:
        raise NotFound("That agreement is not on file.")
    return (
        agreement,
        Customer.get_by_id(agreement.customer_id),
        Vehicle.get_by_id(agreement.vehicle_id),
    )


def _common(customer: Customer, vehicle: Vehicle, settings: DealerSettings) -> dict:
    return dict(
        dealer=dealer_header(settings),
        language=customer.language,
        preferred_name=customer.preferred_name or customer.first_name,
        vehicle=vehicle.description,
        recipient_name=customer.full_name,
        recipient_address=address_of(customer),
    )


def _thank_you_letter(actor: Actor, agreement_id: int, settings: DealerSettings | None = None) -> ThankYouLetter:
    """The thank-you letter for a new agreement, dated the day it was opened."""
    settings = settings or load_settings()
    agreement, customer, vehicle = _loaded(agreement_id)
    first = (
        Installment.select().where(Installment.agreement == agreement.id).order_by(Installment.number).first()
    )
    name, title = _signer(agreement.opened_by_id, customer.language, settings)
    return ThankYouLetter(
        **_common(customer, vehicle, settings),
        letter_date=agreement.opened_on,
        first_payment_on=first.due_date,
        first_payment_amount=first.amount,
        signer_name=name,
        signer_title=title,
    )


def _closing_entry(agreement: Agreement, kind: EntryKind) -> LedgerEntry | None:
    return (
        LedgerEntry.select()
        .where(LedgerEntry.agreement == agreement.id, LedgerEntry.kind == kind.value)
        .order_by(LedgerEntry.id.desc())
        .first()
    )


def _paid_off_letter(actor: Actor, agreement_id: int, settings: DealerSettings | None = None) -> PaidOffLetter:
    """The congratulations and title-release letter; only for a paid-off agreement."""
    settings = settings or load_settings()
    agreement, customer, vehicle = _loaded(agreement_id)
    if agreement.status != Status.PAID_OFF.value:
        raise Refused("This agreement is not paid off, so there is no congratulations letter yet.")
    last = _closing_entry(agreement, EntryKind.PAYMENT)
    paid_off_on = agreement.closed_on or (last.entry_date if last else agreement.opened_on)
    name, title = _signer(last.clerk_id if last else agreement.opened_by_id, customer.language, settings)
    ready = paid_off_on + dt.timedelta(days=settings.title_ready_days) if settings.title_ready_days else None
    return PaidOffLetter(
        **_common(customer, vehicle, settings),
        letter_date=paid_off_on,
        paid_off_on=paid_off_on,
        signer_name=name,
        signer_title=title,
        title_delivery=settings.title_delivery,
        title_ready_on=ready,
    )


def _return_letter(actor: Actor, agreement_id: int, settings: DealerSettings | None = None) -> ReturnLetter:
    """The return letter: closed, nothing more owed, welcome back. Signed by the approving manager."""
    settings = settings or load_settings()
    agreement, customer, vehicle = _loaded(agreement_id)
    details = return_details(actor, agreement.id)
    if agreement.status != Status.RETURNED.value or details is None:
        raise Refused("This vehicle has not been returned, so there is no return letter.")
    name, title = _signer(details["approved_by"], customer.language, settings)
    return ReturnLetter(
        **_common(customer, vehicle, settings),
        letter_date=details["returned_on"],
        returned_on=details["returned_on"],
        signer_name=name,
        signer_title=title,
        good_condition=in_good_condition(details.get("condition") or {}),
    )


def _letter_path(folder: Path, kind: LetterKind, agreement_id: int) -> Path:
    agreement, customer, _ = _loaded(agreement_id)
    slug = re.sub(r"[^a-z0-9]+", "-", fold(customer.last_name)).strip("-") or "customer"
    return folder / f"{kind.value}-{agreement.id:06d}-{slug}.pdf"


_MAKERS = {
    LetterKind.THANK_YOU: (_thank_you_letter, render_thank_you_letter),
    LetterKind.PAID_OFF: (_paid_off_letter, render_paid_off_letter),
    LetterKind.RETURN: (_return_letter, render_return_letter),
}


def save_letter(actor: Actor, folder: Path, kind: LetterKind | str, agreement_id: int) -> Path:
    """Make the letter from what is stored and save it under ``folder``; returns its path."""
    require_role(actor, Role.CLERK, "print a letter")
    kind = LetterKind(kind)
    build, render = _MAKERS[kind]
    pdf = render(build(actor, agreement_id))
    return write_atomically(_letter_path(folder, kind, agreement_id), pdf)


def letter_kind_for(actor: Actor, agreement_id: int) -> LetterKind:
    """The letter that fits the agreement as it stands: return, congratulations, or thank-you."""
    require_role(actor, Role.CLERK, "see which letter an agreement gets")
    agreement, _, _ = _loaded(agreement_id)
    return letter_owed(Status(agreement.status))
