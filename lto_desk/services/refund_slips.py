"""Goodwill refund slips: made from the stored refund and saved before printing."""

from __future__ import annotations

from pathlib import Path

from ..documents.refund_slip import RefundSlipPage, render_refund_slip
from .agreements import RefundResult
from ..domain.roles import Role
from .base import Actor, require_role
from .saved_pages import dealer_header, write_atomically
from .settings import load_settings


def refund_slip_page(result: RefundResult) -> RefundSlipPage:
    settings = load_settings()
    return RefundSlipPage(
        dealer=dealer_header(settings),
        customer_name=result.customer_name,
        vehicle=result.vehicle,
        amount=result.amount,
        reason=result.reason,
        approved_by=result.approved_by,
        clerk_first_name=result.clerk_name.split()[0] if result.clerk_name else "",
        refunded_at=result.refunded_at,
        journal_code=result.journal_code,
        language=result.customer_language,
        paper=settings.receipt_format,
    )


def save_refund_slip(actor: Actor, folder: Path, result: RefundResult) -> Path:
    """Save the slip as ``refund-<entry id>.pdf`` under ``folder`` (in the customer's language)."""
    require_role(actor, Role.CLERK, "print a refund slip")
    pdf = render_refund_slip(refund_slip_page(result))
    return write_atomically(folder / f"refund-{result.entry_id:06d}.pdf", pdf)
