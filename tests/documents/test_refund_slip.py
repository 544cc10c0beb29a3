"""The goodwill refund slip, read back from the PDF as the customer who signs it would read it."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from lto_desk.documents import refund_slip
from lto_desk.documents.receipt import DealerHeader
from lto_desk.documents.refund_slip import RefundSlipPage, render_refund_slip

MM = 72 / 25.4

SLIP = RefundSlipPage(
    dealer=DealerHeader("Sunrise Auto Sales", "1420 W. Main Street, San Antonio, TX 78207", "(210) 555-0147"),
    customer_name="María José Peña",
    vehicle="2014 Honda Accord",
    amount=1_250_50,
    reason="Kept the car in great shape for eight months; a thank-you.",
    approved_by="Roberto Salinas",
    clerk_first_name="Ana",
    refunded_at=dt.datetime(2025, 2, 3, 15, 42),
    journal_code="9AB01C44",
)

#: Words that must never be printed to a customer (a return is not a repossession).
SHAMING = (
    "delinquen", "overdue", "default", "repossess", "collection", "legal action", "warning",
    "final notice", "failure", "failed", "penalty", "moroso", "morosidad", "embargo",
    "incumplimiento", "advertencia", "demanda", "aviso final",
)  # fmt: skip


def page_of(pdf: bytes):
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0]


def words(pdf: bytes) -> str:
    return " ".join(page_of(pdf).extract_text().split())


def test_the_slip_says_who_was_paid_back_how_much_why_and_who_approved():
    pdf = render_refund_slip(SLIP)
    assert float(page_of(pdf).mediabox.width) == pytest.approx(80 * MM, abs=0.05)
    t = words(pdf)
    assert "Sunrise Auto Sales" in t
    assert "GOODWILL REFUND" in t
    assert "Feb 3, 2025, 3:42 PM" in t
    assert "Customer María José Peña" in t
    assert "Vehicle 2014 Honda Accord" in t
    assert "Amount paid back $1,250.50" in t
    assert "Kept the car in great shape for eight months; a thank-you." in t
    assert "Approved by Roberto Salinas" in t
    assert "Paid out by Ana" in t
    assert "The payments on file stay as they are." in t
    assert "Received by: María José Peña" in t
    assert "Ref. 9AB01C44" in t


def test_the_signature_line_has_room_above_it():
    """The customer signs on a line with space above it, below the amount and reason."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font_dict, font_size):
        for key in ("Amount paid back", "Received by", "Paid back in cash"):
            if text.startswith(key):
                found[key] = tm[5] * cm[3] + cm[5]

    page_of(render_refund_slip(SLIP)).extract_text(visitor_text=visit)
    assert found["Amount paid back"] > found["Paid back in cash"] > found["Received by"]
    assert found["Paid back in cash"] - found["Received by"] > 45  # three explanation lines, then room to sign


def test_spanish_slip_on_letter_paper():
    reason = "Lo cuidó muy bien; un detalle de agradecimiento."
    pdf = render_refund_slip(replace(SLIP, language="es", paper="letter", reason=reason))
    page = page_of(pdf)
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((612, 792))
    t = words(pdf)
    assert "REEMBOLSO DE CORTESÍA" in t
    assert "3 feb 2025, 3:42 p.m." in t
    assert "Cliente María José Peña" in t
    assert "Cantidad devuelta $1,250.50" in t
    assert f"Motivo {reason}" in t
    assert "Aprobado por Roberto Salinas" in t
    assert "Entregado por Ana" in t
    assert "Los pagos registrados quedan tal como están." in t
    assert "Recibido por: María José Peña" in t
    for english in ("Amount", "Approved", "Received", "goodwill"):
        assert english not in t


def test_every_slip_label_exists_in_both_languages():
    assert set(refund_slip.LABELS["en"]) == set(refund_slip.LABELS["es"])
    assert all(refund_slip.LABELS["es"][key].strip() for key in refund_slip.LABELS["es"])


@pytest.mark.parametrize("language", ["en", "es"])
def test_nothing_printed_shames_or_threatens(language):
    t = words(render_refund_slip(replace(SLIP, language=language))).lower()
    for word in SHAMING:
        assert word not in t


def test_a_long_reason_wraps_inside_the_roll():
    reason = "They brought it back washed, with a full tank and every key. " * 4
    pdf = render_refund_slip(replace(SLIP, reason=reason))
    # the roll grows by the extra lines (a reason running off the paper would not)
    assert float(page_of(pdf).mediabox.height) > float(page_of(render_refund_slip(SLIP)).mediabox.height) + 20
    assert " ".join(reason.split()) in words(pdf)


def test_rendering_is_repeatable():
    assert render_refund_slip(SLIP) == render_refund_slip(SLIP)
