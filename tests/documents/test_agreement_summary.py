"""The agreement summary PDF, read back as text: who, what, the terms, the whole schedule, both languages."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from lto_desk.documents.agreement_summary import (
    AgreementSummaryPage,
    SummaryCustomer,
    SummaryVehicle,
    late_fee_words,
    payments_words,
    render_agreement_summary,
)
from lto_desk.documents.receipt import DealerHeader
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms

DEALER = DealerHeader("Sunrise Auto Sales", "1420 W. Main Street, San Antonio, TX 78207", "(210) 555-0147")
CUSTOMER = SummaryCustomer("María José Peña Hernández", "812 Nogalitos St.\nSan Antonio, TX 78204", "(210) 555-0199")
VEHICLE = SummaryVehicle(2014, "Honda", "Accord", "1HGCM82633A004352", "S1001", 84_512, trim="EX-L", color="Silver")

#: Words that must never be printed on anything a customer takes home ("penalt…" only as "no penalties").
SHAMING = (
    "delinquen", "overdue", "default", "repossess", "repo ", "collection", "legal action", "warning",
    "final notice", "failure", "failed", "moroso", "morosidad", "embargo", "incumplimiento",
    "advertencia", "demanda", "aviso final", "atrasad", "cobranza",
)  # fmt: skip


def page_for(terms: Terms, **changes) -> AgreementSummaryPage:
    page = AgreementSummaryPage(
        dealer=DEALER,
        language="en",
        prepared_on=dt.date(2025, 1, 6),
        customer=CUSTOMER,
        vehicle=VEHICLE,
        cash_price=terms.cash_price,
        down_payment=terms.down_payment,
        payment_amount=terms.payment_amount,
        frequency=terms.frequency,
        late_fee=terms.late_fee,
        schedule=tuple(terms.schedule()),
        semi_monthly_days=terms.semi_monthly_days,
    )
    return replace(page, **changes)


WEEKLY_104 = Terms.by_number_of_payments(
    cash_price=900_000, down_payment=100_000, number_of_payments=104, frequency=Frequency.WEEKLY,
    first_due=dt.date(2025, 1, 13), late_fee=LateFeePolicy(3, 1000),
)  # fmt: skip
MONTHLY_24 = Terms.by_payment_amount(
    cash_price=600_000, down_payment=60_000, payment_amount=25_000, frequency=Frequency.MONTHLY,
    first_due=dt.date(2025, 1, 31), late_fee=LateFeePolicy(5, percent_bp=750, cap=2500),
)  # fmt: skip


def read(pdf: bytes) -> tuple[list[str], PdfReader]:
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    for p in reader.pages:
        assert (float(p.mediabox.width), float(p.mediabox.height)) == (612.0, 792.0)  # US Letter
    pages = [" ".join(p.extract_text().replace("\u00a0", " ").split()) for p in reader.pages]
    return pages, reader


def schedule_rows(text: str) -> list[tuple[int, str]]:
    """(number, amount) of every schedule row printed: a number, a short date, an amount."""
    pattern = r"(\d{1,3}) (?:[A-Z][a-z]{2} \d{1,2}, \d{4}|\d{1,2} [a-z]{3,4}\.? \d{4}) (\$[\d,]+\.\d\d)"
    return [(int(n), amount) for n, amount in re.findall(pattern, text)]


def test_a_draft_names_the_customer_vehicle_and_terms_and_is_marked_not_signed():
    pages, reader = read(render_agreement_summary(page_for(WEEKLY_104)))
    first = pages[0]
    assert "Sunrise Auto Sales" in first and "(210) 555-0147" in first
    assert "DRAFT — not signed" in first
    assert "Agreement No." not in first
    assert "María José Peña Hernández" in first and "812 Nogalitos St." in first and "(210) 555-0199" in first
    assert "2014 Honda Accord EX-L" in first and "Silver" in first and "1HGCM82633A004352" in first
    assert "S1001" in first and "84,512 miles" in first
    assert "Cash price $9,000.00" in first
    assert "Down payment $1,000.00" in first
    assert "Amount financed $8,000.00" in first
    assert "104 weekly payments of $76.93" in first
    assert "$76.21" in first  # the last, smaller payment
    assert "Total of payments $8,000.00" in first
    assert "First payment due January 13, 2025" in first
    assert "Last payment due January 4, 2027" in first
    assert "$10.00 when a payment is made more than 3 days after its due date" in first
    assert "You may bring the vehicle back at any time" in first
    assert "you owe nothing more — no penalties" in first
    assert "not refunded, although we may give some back as a goodwill gesture" in first
    assert "Customer — María José Peña Hernández" in first and "For Sunrise Auto Sales" in first
    assert all("DRAFT — not signed" in p for p in pages[1:])  # the running head of later pages
    assert reader.metadata.title == "Agreement summary — María José Peña Hernández"


def test_the_whole_schedule_prints_once_each_in_order_with_the_last_payment_smaller():
    pages, _ = read(render_agreement_summary(page_for(WEEKLY_104)))
    rows = schedule_rows(" ".join(pages))
    assert sorted(n for n, _ in rows) == list(range(1, 105))
    amounts = dict(rows)
    assert all(amounts[n] == "$76.93" for n in range(1, 104))
    assert amounts[104] == "$76.21"
    text = " ".join(pages)
    assert "Jan 13, 2025" in text and "Jan 4, 2027" in text


def test_a_long_weekly_schedule_fits_on_two_pages_with_page_numbers_and_headers():
    long = Terms.by_number_of_payments(
        cash_price=1_045_000, down_payment=95_000, number_of_payments=150, frequency=Frequency.WEEKLY,
        first_due=dt.date(2025, 1, 13),
    )  # fmt: skip
    pages, reader = read(render_agreement_summary(page_for(long, agreement_number=123)))
    assert len(reader.pages) == 2
    assert [p.count(f"Page {n} of 2") for n, p in enumerate(pages, start=1)] == [1, 1]
    assert len(schedule_rows(" ".join(pages))) == 150
    # Each of the three columns starts with its own header, on every page the schedule spans.
    assert pages[1].count("No. Due date Amount") == 3
    assert "Agreement No. 000123 · María José Peña Hernández" in pages[1]


def test_a_signed_agreement_prints_its_number_and_no_draft_mark():
    pages, _ = read(render_agreement_summary(page_for(MONTHLY_24, agreement_number=42)))
    text = " ".join(pages)
    assert "Agreement No. 000042" in pages[0]
    assert "DRAFT" not in text and "not signed" not in text


def test_monthly_terms_and_a_percent_late_fee_in_words():
    pages, _ = read(render_agreement_summary(page_for(MONTHLY_24)))
    first = pages[0]
    assert "22 monthly payments of $250.00" in first
    assert "Last payment $150.00 (the last one is a little smaller" in first
    assert "7.5% of the payment (at most $25.00) when a payment is made more than 5 days after its due date" in first
    assert "Last payment due October 31, 2026" in first
    assert len(schedule_rows(" ".join(pages))) == 22


def test_the_spanish_summary_speaks_spanish_throughout():
    pages, _ = read(render_agreement_summary(page_for(WEEKLY_104, language="es")))
    first, text = pages[0], " ".join(pages)
    assert "Resumen del contrato" in first and "BORRADOR — sin firmar" in first
    assert "Precio al contado $9,000.00" in first
    assert "Pago inicial $1,000.00" in first
    assert "Cantidad financiada $8,000.00" in first
    assert "104 pagos semanales de $76.93" in first
    assert "Primer pago vence 13 de enero de 2025" in first
    assert "$10.00 cuando un pago se hace más de 3 días después de su fecha" in first
    assert "Puede devolver el vehículo en cualquier momento" in first
    assert "no debe nada más: no hay penalidades" in first
    assert "84,512 millas" in first
    assert "Página 1 de" in first
    assert "Calendario de pagos" in text
    assert len(schedule_rows(text)) == 104
    for english in ("Cash price", "Payment schedule", "DRAFT", "weekly", "Page 1"):
        assert english not in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_nothing_printed_shames_and_penalties_appear_only_as_none(language):
    text = " ".join(read(render_agreement_summary(page_for(WEEKLY_104, language=language)))[0]).lower()
    for word in SHAMING:
        assert word not in text, word
    assert text.count("penalt") == (1 if language == "en" else 0)
    assert text.count("penalidad") == (1 if language == "es" else 0)
    assert "no penalties" in text or "no hay penalidades" in text


@pytest.mark.parametrize(
    "policy, language, expected",
    [
        (LateFeePolicy(), "en", "No late fee"),
        (LateFeePolicy(), "es", "Sin cargo por atraso"),
        (LateFeePolicy(1, 1500), "en", "$15.00 when a payment is made more than 1 day after its due date"),
        (LateFeePolicy(1, 1500), "es", "$15.00 cuando un pago se hace más de 1 día después de su fecha"),
        (LateFeePolicy(0, percent_bp=500), "en", "5% of the payment when a payment is made more than 0 days after its due date"),
        (LateFeePolicy(10, percent_bp=750, cap=2500), "es",
         "7,5\u00a0% del pago (como máximo $25.00) cuando un pago se hace más de 10 días después de su fecha"),
    ],
)  # fmt: skip
def test_late_fee_words(policy, language, expected):
    assert late_fee_words(policy, language) == expected


@pytest.mark.parametrize(
    "count, frequency, days, language, expected",
    [
        (1, Frequency.WEEKLY, (1, 15), "en", "1 payment of $95.00"),
        (26, Frequency.BIWEEKLY, (1, 15), "en", "26 payments of $95.00 every two weeks"),
        (48, Frequency.SEMI_MONTHLY, (1, 15), "en", "48 payments of $95.00 twice a month, on the 1st and the 15th"),
        (48, Frequency.SEMI_MONTHLY, (15, 31), "en",
         "48 payments of $95.00 twice a month, on the 15th and the last day of the month"),
        (48, Frequency.SEMI_MONTHLY, (15, 31), "es",
         "48 pagos de $95.00 dos veces al mes, el 15 y el último día del mes"),
        (24, Frequency.MONTHLY, (1, 15), "es", "24 pagos mensuales de $95.00"),
    ],
)  # fmt: skip
def test_payments_in_words(count, frequency, days, language, expected):
    assert payments_words(count, 9500, frequency, language, days) == expected


def test_a_summary_without_a_schedule_is_a_programming_error():
    with pytest.raises(ValueError):
        page_for(WEEKLY_104, schedule=())
