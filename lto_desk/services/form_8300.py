"""The IRS Form 8300 reminder at the counter: after cash is taken, whether this
customer's cash today reaches the line (``domain.payment.needs_form_8300``)."""

from __future__ import annotations

import datetime as dt

from ..domain.payment import needs_form_8300
from ..domain.roles import Role
from .base import Actor, require_role
from .payments import cash_received_today, form_8300_message


def form_8300_reminder(actor: Actor, customer_id: int, on: dt.date) -> str | None:
    """What to tell the clerk about Form 8300 after cash from ``customer_id`` on
    ``on``, or None below the line."""
    require_role(actor, Role.CLERK, "see the Form 8300 reminder")
    total = cash_received_today(actor, customer_id, on)
    return form_8300_message(total) if needs_form_8300(total) else None
