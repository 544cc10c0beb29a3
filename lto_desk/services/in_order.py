"""Money in time order: an agreement's entries are never dated before its latest one
(and their time is read once the write lock is held: ``base.unit_of_work`` with no ``at``).

Why refuse rather than re-sort: each payment's split (fees, past due, current, ahead)
is worked out and stored as of its moment, in the order the payments came, and the
agreement's cached figures are worked out as of the newest entry. An entry slipped in
before a later one would change the splits already printed on receipts. A counter
whose clock is behind is the usual cause, so the message names both times.
"""

from __future__ import annotations

import datetime as dt

from ..domain.errors import Refused
from ..domain.ledger import EntryKind
from ..store.models import LedgerEntry

#: How the message names the agreement's latest entry, by kind.
_ENTRY_NAMES = {
    EntryKind.PAYMENT.value: "a payment",
    EntryKind.DOWN_PAYMENT.value: "the down payment",
    EntryKind.VOID.value: "a void",
    EntryKind.FEE_WAIVER.value: "a late-fee waiver",
    EntryKind.RETURN.value: "the vehicle's return",
    EntryKind.REFUND.value: "a goodwill refund",
    EntryKind.OPENING.value: "the import that brought it over",
    EntryKind.OPENING_FEE.value: "the import that brought it over",
    EntryKind.PAST_PAYMENT.value: "the import that brought it over",
}


def moment(t: dt.datetime) -> str:
    """``Jan 13, 2025 at 9:05:07 AM``: to the second, as a clerk reads a clock."""
    return f"{t:%b} {t.day}, {t.year} at {t.hour % 12 or 12}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'}"


def refuse_out_of_order(agreement_id: int, at: dt.datetime, nothing_was: str, then: str) -> None:
    """Refuse (inside the writing transaction) an entry for ``agreement_id`` stamped ``at``
    when the agreement already has an entry stamped later (to the second).

    ``nothing_was``: what did not happen ("posted"); ``then``: what to do again ("take the payment")."""
    latest = (
        LedgerEntry.select(LedgerEntry.created_at, LedgerEntry.kind, LedgerEntry.receipt_number)
        .where(LedgerEntry.agreement == agreement_id)
        .order_by(LedgerEntry.created_at.desc(), LedgerEntry.id.desc())
        .first()
    )
    if latest is None or at.replace(microsecond=0) >= latest.created_at.replace(microsecond=0):
        return
    what = _ENTRY_NAMES.get(latest.kind, "an entry")
    if latest.receipt_number is not None:
        what += f", receipt {latest.receipt_number:06d}"
    raise Refused(
        f"Nothing was {nothing_was}: this computer's date and time, {moment(at)}, is before this "
        f"agreement's latest entry ({what}, {moment(latest.created_at)}), and entries stay in time order. "
        f"Please check this computer's date and time, then {then} again."
    )
