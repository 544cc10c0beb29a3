"""The printed receipt and void slip, read back from the PDF as a customer would read them."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from lto_desk.documents import fonts, i18n
from lto_desk.documents.receipt import DealerHeader, ReceiptPage, render_receipt
from lto_desk.documents.void_slip import VoidSlipPage, render_void_slip
from lto_desk.domain.payment import Method, Tender, check_tender

MM = 72 / 25.4
ROLL_WIDTH = 80 * MM  # 226.77 pt

DEALER = DealerHeader("Sunrise Auto Sales", "1420 W. Main Street, San Antonio, TX 78207", "(210) 555-0147")

CASH = ReceiptPage(
    dealer=DEALER,
    receipt_number=123,
    posted_at=dt.datetime(2025, 1, 20, 14, 5),
    clerk_first_name="Ana",
    customer_name="María José Peña",
    language="en",
    vehicle="2014 Honda Accord",
    vin_tail="004352",
    amount=150_00,
    tender=check_tender(150_00, Method.CASH, 200_00),
    fees=10_00,
    past_due=40_00,
    current=100_00,
    ahead=0,
    balance_after=4_321_00,
    installments_paid=33,
    number_of_payments=104,
    next_due=dt.date(2025, 1, 27),
    next_due_amount=125_00,
    paid_off=False,
    down_payment=False,
    memo="",
    thank_you="Thank you for being part of our family!",
    journal_code="3E7EAE28",
)
CARD = replace(CASH, tender=check_tender(150_00, Method.CARD, reference="1234"))
CHECK = replace(CASH, tender=check_tender(150_00, Method.CHECK, reference="10452"))
MONEY_ORDER = replace(CASH, tender=check_tender(150_00, Method.MONEY_ORDER, reference="mo-88123"))
DOWN = replace(
    CASH,
    down_payment=True,
    amount=1_500_00,
    tender=check_tender(1_500_00, Method.CASH, 1_500_00),
    fees=0,
    past_due=0,
    current=0,
    installments_paid=0,
    balance_after=7_500_00,
    next_due=dt.date(2025, 1, 27),
)
PAID_OFF = replace(
    CASH,
    paid_off=True,
    balance_after=0,
    installments_paid=104,
    next_due=None,
    next_due_amount=0,
    fees=0,
    past_due=0,
    current=150_00,
)
SPANISH = replace(CASH, language="es", thank_you="¡Gracias por ser parte de nuestra familia!")
VOID = VoidSlipPage(
    dealer=DEALER,
    receipt_number=123,
    customer_name="María José Peña",
    amount=150_00,
    reason="Posted to the wrong agreement.",
    approved_by="Roberto Salinas",
    clerk_first_name="Ana",
    voided_at=dt.datetime(2025, 1, 20, 15, 42),
    balance_after=4_471_00,
    journal_code="9AB01C44",
)

#: Words that must never be printed on anything a customer takes home.
SHAMING = (
    "delinquen", "overdue", "default", "repossess", "collection", "legal action", "warning",
    "final notice", "failure", "failed", "penalty", "moroso", "morosidad", "embargo",
    "incumplimiento", "advertencia", "demanda", "aviso final",
)  # fmt: skip


def pdf_page(pdf: bytes):
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0]


def words(pdf: bytes) -> str:
    """The printed text with runs of whitespace (line breaks between a label and its value) as one space."""
    return " ".join(pdf_page(pdf).extract_text().split())


# -- what the customer depends on ------------------------------------------------


def test_cash_receipt_shows_customer_amount_number_change_progress_and_next_due():
    t = words(render_receipt(CASH))
    assert "María José Peña" in t
    assert "Sunrise Auto Sales" in t and "(210) 555-0147" in t
    assert "RECEIPT" in t and "No. 000123" in t
    assert "Jan 20, 2025, 2:05 PM" in t
    assert "Served by Ana" in t
    assert "2014 Honda Accord" in t and "VIN …004352" in t
    assert "Amount paid $150.00" in t
    assert "Cash received $200.00" in t
    assert "Change $50.00" in t
    assert "Remaining balance $4,321.00" in t
    assert "Payment 33 of 104" in t
    assert "Next payment Monday, January 27, 2025 $125.00" in t
    assert "Thank you for being part of our family!" in t
    assert "Ref. 3E7EAE28" in t


def test_split_prints_only_the_lines_that_are_not_zero():
    t = words(render_receipt(CASH))
    assert "Late fees $10.00" in t and "Past due $40.00" in t and "This payment $100.00" in t
    assert "Paid ahead" not in t
    ahead_only = words(render_receipt(replace(CASH, fees=0, past_due=0, current=0, ahead=150_00)))
    assert "Paid ahead $150.00" in ahead_only
    assert "Late fees" not in ahead_only and "Past due" not in ahead_only and "This payment" not in ahead_only


def test_card_receipt_shows_only_the_last_four_digits():
    t = words(render_receipt(CARD))
    assert "Card ending 1234" in t
    assert "Change" not in t and "Cash received" not in t
    # Even if a full number slipped into the tender, only its last four are printed.
    leaked = replace(CARD, tender=Tender(Method.CARD, None, None, "4111111111111234"))
    t = words(render_receipt(leaked))
    assert "Card ending 1234" in t
    assert "4111" not in t and "111111" not in t


def test_check_and_money_order_receipts_show_their_numbers():
    assert "Paid with Check No. 10452" in words(render_receipt(CHECK))
    assert "Paid with Money order No. MO-88123" in words(render_receipt(MONEY_ORDER))


def test_down_payment_receipt():
    t = words(render_receipt(DOWN))
    assert "Amount paid $1,500.00" in t
    assert "Down payment $1,500.00" in t
    assert "This payment" not in t and "Late fees" not in t
    assert "First payment Monday, January 27, 2025 $125.00" in t
    assert "Payment 0 of" not in t


def test_paid_off_receipt_congratulates_and_promises_the_title():
    t = words(render_receipt(PAID_OFF))
    assert "Congratulations!" in t
    assert "Your 2014 Honda Accord is paid in full." in t
    assert "The title will be released to you." in t
    assert "Payment 104 of 104" in t
    assert "Remaining balance $0.00" in t
    assert "Next payment" not in t
    assert "Congratulations" not in words(render_receipt(CASH))


def test_copy_is_marked_and_the_original_is_not():
    copy = words(render_receipt(replace(CASH, copy=True)))
    assert "COPY — reprinted" in copy
    assert "María José Peña" in copy and "No. 000123" in copy
    for page in (CASH, CARD, CHECK, DOWN, PAID_OFF):
        assert "COPY" not in words(render_receipt(page)).upper()


def test_voided_receipt_is_marked_voided():
    t = words(render_receipt(replace(CASH, voided=True)))
    assert "VOIDED" in t
    assert "VOIDED" not in words(render_receipt(CASH))
    both = words(render_receipt(replace(CASH, voided=True, copy=True)))
    assert "VOIDED" in both and "COPY — reprinted" in both


def test_spanish_receipt_is_in_spanish_with_spanish_dates():
    t = words(render_receipt(SPANISH))
    assert "RECIBO" in t and "N.º 000123" in t
    assert "María José Peña" in t
    assert "Cantidad pagada $150.00" in t
    assert "Cargos por atraso $10.00" in t and "Pagos vencidos $40.00" in t and "Pago actual $100.00" in t
    assert "Forma de pago Efectivo" in t and "Efectivo recibido $200.00" in t and "Cambio $50.00" in t
    assert "Saldo restante $4,321.00" in t
    assert "Pago 33 de 104" in t
    assert "Próximo pago lunes, 27 de enero de 2025 $125.00" in t
    assert "20 ene 2025, 2:05 p.m." in t
    assert "Le atendió Ana" in t
    for english in ("RECEIPT", "Amount paid", "Change", "Payment 33", "January", "Next payment", "Served by"):
        assert english not in t


def test_spanish_copy_paid_off_and_card():
    card = check_tender(150_00, Method.CARD, reference="9876")
    copy = words(render_receipt(replace(SPANISH, copy=True, tender=card)))
    assert "COPIA — reimpresión" in copy
    assert "Tarjeta terminada en 9876" in copy
    paid = words(render_receipt(replace(PAID_OFF, language="es", thank_you="")))
    assert "¡Felicidades!" in paid and "pagado por completo" in paid and "título" in paid
    assert "¡Gracias!" in paid  # the default thank-you when none is set


@pytest.mark.parametrize(
    "page",
    [CASH, CARD, CHECK, MONEY_ORDER, DOWN, PAID_OFF, SPANISH, replace(CASH, copy=True, voided=True),
     replace(SPANISH, voided=True, copy=True), replace(CASH, fees=25_00, past_due=300_00)],
)  # fmt: skip
def test_nothing_printed_shames_or_threatens(page):
    t = words(render_receipt(page)).lower()
    for word in SHAMING:
        assert word not in t


# -- paper -----------------------------------------------------------------------


def _text_positions(page) -> list[tuple[float, float]]:
    """Page coordinates (x, y) of every piece of printed text."""
    found: list[tuple[float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            # text space -> user space: the text matrix then the current transformation
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y))

    page.extract_text(visitor_text=visit)
    return found


def test_roll_is_80_mm_wide_and_as_tall_as_its_content():
    page = pdf_page(render_receipt(CASH))
    assert float(page.mediabox.width) == pytest.approx(ROLL_WIDTH, abs=0.05)
    height = float(page.mediabox.height)
    ys = [y for _, y in _text_positions(page)]
    # no blank tail: the last line (the Ref. code) sits just above the 5 mm bottom margin
    assert 4 * MM < min(ys) < 9 * MM
    # and the dealer's name starts just below the top margin
    assert height - 14 * MM < max(ys) < height - 5 * MM
    # every line starts inside the 4.5 mm side margins
    assert all(4 * MM <= x <= ROLL_WIDTH - 4 * MM for x, _ in _text_positions(page))


def test_roll_grows_with_content():
    short = float(pdf_page(render_receipt(CARD)).mediabox.height)
    with_note = float(pdf_page(render_receipt(replace(CARD, memo="Paid for his brother too. " * 8))).mediabox.height)
    assert with_note > short + 30


def test_letter_paper_is_612_by_792_with_the_receipt_at_the_top():
    pdf = render_receipt(replace(CASH, paper="letter"))
    page = pdf_page(pdf)
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((612, 792))
    t = words(pdf)
    assert "María José Peña" in t and "No. 000123" in t and "Change $50.00" in t
    positions = _text_positions(page)
    ys = [y for _, y in positions]
    xs = [x for x, _ in positions]
    assert max(ys) > 792 - 1.5 * 72  # starts near the top of the sheet
    assert min(xs) > 72 and max(xs) < 612 - 72  # a centred block, not hugging the edges
    assert max(xs) - min(xs) > 3 * 72  # and bigger than the 80 mm roll (readable size)


def test_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="paper"):
        render_receipt(replace(CASH, paper="a4"))


def test_rendering_is_repeatable():
    assert render_receipt(CASH) == render_receipt(CASH)


# -- void slip -------------------------------------------------------------------


def test_void_slip_says_which_receipt_amount_reason_and_who_approved():
    pdf = render_void_slip(VOID)
    assert float(pdf_page(pdf).mediabox.width) == pytest.approx(ROLL_WIDTH, abs=0.05)
    t = words(pdf)
    assert "VOID of receipt No. 000123" in t
    assert "María José Peña" in t
    assert "Amount $150.00" in t
    assert "Posted to the wrong agreement." in t
    assert "Approved by Roberto Salinas" in t
    assert "Jan 20, 2025, 3:42 PM" in t
    assert "Balance now $4,471.00" in t
    assert "Ref. 9AB01C44" in t


def test_void_slip_in_spanish_on_letter():
    reason = "Se registró en el contrato equivocado."
    pdf = render_void_slip(replace(VOID, language="es", paper="letter", reason=reason))
    page = pdf_page(pdf)
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((612, 792))
    t = words(pdf)
    assert "ANULACIÓN del recibo N.º 000123" in t
    assert "Motivo Se registró en el contrato equivocado." in t
    assert "Aprobado por Roberto Salinas" in t
    assert "Saldo actual $4,471.00" in t
    assert "20 ene 2025, 3:42 p.m." in t
    assert "Approved" not in t


# -- words, money, dates ---------------------------------------------------------


def test_every_label_exists_in_both_languages():
    assert set(i18n.LABELS["en"]) == set(i18n.LABELS["es"])
    for key in i18n.LABELS["en"]:
        assert i18n.text(key, "es") != "" and i18n.text(key, "en") != ""


def test_text_language_codes():
    assert i18n.text("receipt", "es") == "RECIBO"
    assert i18n.text("receipt", "es_US") == "RECIBO"
    assert i18n.text("receipt", "ES") == "RECIBO"
    assert i18n.text("receipt", "fr") == "RECEIPT"  # unknown: English rather than no receipt
    assert i18n.text("progress", "en", paid=33, total=104) == "Payment 33 of 104"


def test_money_is_exact_and_locale_formatted():
    assert i18n.money(123456, "en") == "$1,234.56"
    assert i18n.money(123456, "es") == "$1,234.56"
    assert i18n.money(5, "en") == "$0.05"
    assert i18n.money(0, "es") == "$0.00"
    # 17 significant digits: a float would round this, Decimal does not
    assert i18n.money(12_345_678_901_234_567, "en") == "$123,456,789,012,345.67"


def test_dates():
    d = dt.date(2025, 1, 20)
    assert i18n.date_long(d, "es") == "20 de enero de 2025"
    assert i18n.date_long(d, "en") == "January 20, 2025"
    assert i18n.date_full(d, "es") == "lunes, 20 de enero de 2025"
    assert i18n.date_short(d, "en") == "Jan 20, 2025"
    assert i18n.datetime_short(dt.datetime(2025, 1, 20, 14, 5), "en") == "Jan 20, 2025, 2:05\u00a0PM"


# -- fonts -----------------------------------------------------------------------


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file(), reason="DejaVu Sans not installed"
)
def test_dejavu_is_embedded_when_installed():
    assert fonts.register_fonts().source is not None
    assert fonts.register_fonts().source.name == "DejaVuSans.ttf"
    page = pdf_page(render_receipt(CASH))
    names = {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in n for n in names), names


def test_without_any_font_file_helvetica_still_prints_accents(monkeypatch):
    monkeypatch.setattr(fonts, "find_font_files", lambda: None)
    monkeypatch.setattr(fonts, "_registered", None)
    assert fonts.register_fonts().regular == "Helvetica"
    t = words(render_receipt(SPANISH))
    assert "María José Peña" in t and "Próximo pago" in t and "¡Gracias por ser parte" in t
