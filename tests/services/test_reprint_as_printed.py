"""A reprint (COPY) prints what the original printed, even after the customer's row changed."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from lto_desk.services import payments, receipts
from lto_desk.services.relationship import ProfileChanges, update_profile


def _words(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def test_a_reprint_prints_the_name_the_original_printed(clerk, agreement, location):
    paid = payments.take_payment(clerk, agreement, 76_93, "cash", tendered=80_00, at=dt.datetime(2025, 1, 13, 9, 40))
    folder = location.folder("receipts")
    original = _words(receipts.save_receipt(clerk, folder, paid.receipt_number))
    assert "María García" in original and "COPY" not in original.upper()

    update_profile(clerk, paid.customer_id, ProfileChanges(preferred_name="Majo", language="es"),
                   at=dt.datetime(2025, 1, 14, 10, 0))
    # a later payment touches the customer's row again; the reprint still looks through it
    later = payments.take_payment(clerk, agreement, 76_93, "cash", tendered=80_00, at=dt.datetime(2025, 1, 20, 9, 0))
    assert later.customer_name == "Majo García"

    again = payments.receipt_for(clerk, paid.receipt_number)
    assert (again.customer_name, again.customer_language) == ("María García", "en")
    copy = _words(receipts.save_receipt(
        clerk, folder, paid.receipt_number, copy=True, at=dt.datetime(2025, 1, 21, 9, 0),
    ))
    assert "COPY" in copy and "María García" in copy and "Majo" not in copy
    assert payments.receipt_for(clerk, later.receipt_number).customer_name == "Majo García"
