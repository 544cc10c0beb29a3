"""The Qt print path: the saved receipt PDF drawn onto a printer, page size kept."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from lto_desk.ui.printing import PrintProblem, paint_pdf, print_pdf, printer_status


def _receipt_pdf(tmp_path):
    import datetime as dt

    from lto_desk.documents.receipt import DealerHeader, ReceiptPage, render_receipt
    from lto_desk.domain.payment import Method, Tender

    page = ReceiptPage(
        dealer=DealerHeader("Sunrise Auto Sales", "4120 Atlanta Hwy", "(334) 555-0100"),
        receipt_number=42, posted_at=dt.datetime(2026, 11, 20, 10, 5), clerk_first_name="Carla",
        customer_name="María García", language="en", vehicle="2014 Honda Accord", vin_tail="004352",
        amount=9500, tender=Tender(Method.CASH, 10000, 500, ""), fees=0, past_due=0, current=9500, ahead=0,
        balance_after=700000, installments_paid=33, number_of_payments=104, next_due=dt.date(2026, 11, 27),
        next_due_amount=9500, paid_off=False, down_payment=False, memo="", thank_you="Thank you!",
        journal_code="ABCD1234",
    )
    path = tmp_path / "receipt-000042.pdf"
    path.write_bytes(render_receipt(page))
    return path


def test_the_receipt_is_drawn_onto_the_printer_at_its_own_page_size(qapp, tmp_path):
    source = _receipt_pdf(tmp_path)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)  # a printer that writes a file, so the test can look
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    paint_pdf(source, printer)
    printed = PdfReader(io.BytesIO((tmp_path / "printed.pdf").read_bytes()))
    original = PdfReader(io.BytesIO(source.read_bytes()))
    assert len(printed.pages) == len(original.pages) == 1
    assert float(printed.pages[0].mediabox.width) == pytest.approx(float(original.pages[0].mediabox.width), abs=1.5)
    assert float(printed.pages[0].mediabox.height) == pytest.approx(float(original.pages[0].mediabox.height), abs=1.5)
    # The page carries the rendered receipt (an image), not a blank sheet.
    images = printed.pages[0].images
    assert len(images) == 1 and images[0].image.width > 500


def test_no_printer_and_a_missing_printer_are_clear_problems(qapp, tmp_path):
    source = _receipt_pdf(tmp_path)
    with pytest.raises(PrintProblem, match="no printer is set up"):
        print_pdf(source, "")
    with pytest.raises(PrintProblem, match="cannot be found"):
        print_pdf(source, "Front Desk Epson")
    assert "not found" in printer_status("Front Desk Epson")


def test_a_damaged_pdf_is_a_clear_problem(qapp, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    with pytest.raises(PrintProblem, match="could not be read back"):
        paint_pdf(bad, printer)
