"""The mailing list: customers who said yes to mail, never anyone who opted out or
asked us to stop contacting them. Exported as a CSV a mail-merge or Excel opens
with accents intact (UTF-8 with a byte-order mark)."""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from ..domain.errors import StorageError
from ..domain.roles import Role
from ..domain.text import spreadsheet_safe
from ..store.models import Customer
from .base import Actor, require_role
from .saved_pages import write_atomically

HEADER = ("Name", "Preferred name", "Address", "Address line 2", "City", "State", "ZIP", "Language")


@dataclass(frozen=True)
class MailingRow:
    """One addressee: full name, preferred name, postal address, language (en / es)."""

    name: str
    preferred_name: str
    address1: str
    address2: str
    city: str
    state: str
    postal_code: str
    language: str


def mailing_list(actor: Actor) -> list[MailingRow]:
    """Consenting customers with a street address, by last then first name; for a
    manager or the owner (every customer's address at once).

    Never a customer who opted out of mail or asked us to stop contacting them."""
    require_role(actor, Role.MANAGER, "read the mailing list")
    query = (
        Customer.select()
        .where(
            (Customer.mailing_consent == True)  # noqa: E712 (peewee expression)
            & Customer.opted_out_on.is_null(True)
            & Customer.contact_stopped_on.is_null(True)
            & (Customer.address1 != "")
        )
        .order_by(Customer.last_name, Customer.first_name, Customer.id)
    )
    return [
        MailingRow(
            name=c.full_name, preferred_name=c.preferred_name or c.first_name, address1=c.address1,
            address2=c.address2, city=c.city, state=c.state, postal_code=c.postal_code, language=c.language,
        )
        for c in query
    ]


def mailing_csv(rows: list[MailingRow]) -> bytes:
    """The CSV bytes: a header row, then one row per addressee; UTF-8 with a BOM."""
    assert len(HEADER) == len(fields(MailingRow))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:  # every cell is typed text: none may run as a formula in a spreadsheet
        writer.writerow([spreadsheet_safe(cell) for cell in astuple(row)])
    return out.getvalue().encode("utf-8-sig")


def export_mailing_list(actor: Actor, path: str | Path) -> int:
    """Write the mailing list to ``path`` as CSV (all at once: never half a file), for a
    manager or the owner (the window offers it only to them). Returns how many addressees."""
    require_role(actor, Role.MANAGER, "export the mailing list")
    rows = mailing_list(actor)
    try:
        write_atomically(Path(path), mailing_csv(rows))
    except OSError as exc:
        raise StorageError(
            f"The mailing list could not be saved as {path} ({exc.strerror or exc}). "
            "Please choose another folder or close the file if it is open in another program."
        ) from None
    return len(rows)

