"""The house fonts embed each subset once per process and reuse it: every receipt still
carries the glyphs and text of exactly what it prints, whatever was printed before it."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from lto_desk.documents import fonts
from lto_desk.documents.receipt import DealerHeader, ReceiptPage, render_receipt
from lto_desk.domain.payment import Method, check_tender

CASH = ReceiptPage(
    dealer=DealerHeader("Sunrise Auto Sales", "1420 W. Main Street, San Antonio, TX 78207", "(210) 555-0147"),
    receipt_number=123, posted_at=dt.datetime(2025, 1, 20, 14, 5), clerk_first_name="Ana",
    customer_name="John Smith", language="en", vehicle="2014 Honda Accord", vin_tail="004352",
    amount=150_00, tender=check_tender(150_00, Method.CASH, 200_00), fees=10_00, past_due=40_00,
    current=100_00, ahead=0, balance_after=4_321_00, installments_paid=33, number_of_payments=104,
    next_due=dt.date(2025, 1, 27), next_due_amount=125_00, paid_off=False, down_payment=False, memo="",
    thank_you="Thank you for being part of our family!", journal_code="3E7EAE28",
)
SPANISH = replace(CASH, language="es", thank_you="¡Gracias por ser parte de nuestra familia!")


def text_of(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf), strict=True).pages[0].extract_text().split())


def embedded_fonts(pdf: bytes) -> dict[str, tuple[int, int]]:
    """Each embedded font's name: (Length1, length of its decompressed program)."""
    out = {}
    page = PdfReader(io.BytesIO(pdf), strict=True).pages[0]
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        program = font.get("/FontDescriptor", {}).get("/FontFile2") if "/FontDescriptor" in font else None
        if program is not None:
            program = program.get_object()
            out[str(font["/BaseFont"])] = (int(program["/Length1"]), len(program.get_data()))
    return out


def test_receipts_made_one_after_another_each_print_their_own_names():
    names = ["John Smith", "María José Peña", "Ивана Đorđević", "Łukasz Wróbel", "John Smith", "Óscar Núñez"]
    for i, name in enumerate(names):
        page = replace(SPANISH if i % 2 else CASH, customer_name=name, memo=f"Nota {name} — “{i}”")
        text = text_of(render_receipt(page))
        assert name in text and f"Nota {name} — “{i}”" in text


def test_the_same_receipt_is_the_same_file_after_others_were_made():
    first = render_receipt(CASH)
    render_receipt(replace(CASH, customer_name="Ωμέγα Ærø", memo="☺"))
    assert render_receipt(CASH) == first


def test_every_embedded_subset_is_whole():
    pdf = render_receipt(replace(SPANISH, customer_name="Ивана Łukasz Peña"))
    found = embedded_fonts(pdf)
    if fonts.register_fonts().source is None:  # Helvetica: nothing to embed
        assert not found
        return
    assert len(found) >= 2
    for length, data in found.values():
        assert length == data > 1000


def test_an_uncompressed_page_embeds_the_same_subsets_plainly():
    pair = fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    canvas.setFont(pair.regular, 12)
    canvas.drawString(72, 720, "Peña paid $150.00 — gracias")
    canvas.setFont(pair.bold, 12)
    canvas.drawString(72, 700, "Próximo pago: lunes")
    canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    assert text_of(pdf) == "Peña paid $150.00 — gracias Próximo pago: lunes"
    if pair.source is not None:
        assert b"/FlateDecode" not in pdf
        for length, data in embedded_fonts(pdf).values():
            assert length == data
