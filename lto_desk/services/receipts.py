"""Receipt and void-slip PDFs: made from the stored payment and saved before printing,
so a printer fault never loses a receipt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..documents.receipt import ReceiptPage, render_receipt
from ..documents.void_slip import VoidSlipPage, render_void_slip
from ..store.database import now as clock
from .payments import PaymentResult, VoidResult, receipt_for
from ..domain.roles import Role
from .base import Actor, require_role
from .saved_pages import dealer_header, write_atomically
from .settings import DealerSettings, load_settings



def thank_you_line(settings: DealerSettings, language: str) -> str:
    return settings.thank_you_es if language == "es" else settings.thank_you_en


def receipt_page(result: PaymentResult, settings: DealerSettings, *, copy: bool = False) -> ReceiptPage:
    return ReceiptPage(
        dealer=dealer_header(settings),
        receipt_number=result.receipt_number,
        posted_at=result.posted_at,
        clerk_first_name=result.clerk_name.split()[0] if result.clerk_name else "",
        customer_name=result.customer_name,
        language=result.customer_language,
        vehicle=result.vehicle,
        vin_tail=result.vin_tail,
        amount=result.amount,
        tender=result.tender,
        fees=result.fees,
        past_due=result.past_due,
        current=result.current,
        ahead=result.ahead,
        balance_after=result.balance_after,
        installments_paid=result.installments_paid,
        number_of_payments=result.number_of_payments,
        next_due=result.next_due,
        next_due_amount=result.next_due_amount,
        paid_off=result.paid_off,
        down_payment=result.down_payment,
        memo=result.memo,
        thank_you=thank_you_line(settings, result.customer_language),
        journal_code=result.journal_code,
        copy=copy,
        voided=result.voided,
        paper=settings.receipt_format,
    )


def save_receipt(
    actor: Actor, folder: Path, receipt_number: int, *, copy: bool = False, at: dt.datetime | None = None,
) -> Path:
    """Save receipt ``receipt_number`` as a PDF under ``folder``; a copy gets its own file."""
    require_role(actor, Role.CLERK, "print a receipt")
    result = receipt_for(actor, receipt_number)
    pdf = render_receipt(receipt_page(result, load_settings(), copy=copy))
    name = f"receipt-{receipt_number:06d}.pdf"
    if copy:
        name = f"receipt-{receipt_number:06d}-copy-{(at or clock()):%Y%m%d-%H%M%S}.pdf"
    return write_atomically(folder / name, pdf)


def save_void_slip(actor: Actor, folder: Path, void: VoidResult, language: str = "en") -> Path:
    require_role(actor, Role.CLERK, "print a void slip")
    settings = load_settings()
    page = VoidSlipPage(
        dealer=dealer_header(settings),
        receipt_number=void.receipt_number,
        customer_name=void.customer_name,
        amount=void.amount,
        reason=void.reason,
        approved_by=void.approved_by,
        clerk_first_name=void.clerk_name.split()[0] if void.clerk_name else "",
        voided_at=void.voided_at,
        balance_after=void.balance_after,
        journal_code=void.journal_code,
        language=language,
        paper=settings.receipt_format,
    )
    return write_atomically(folder / f"void-{void.receipt_number:06d}.pdf", render_void_slip(page))
