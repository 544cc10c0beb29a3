"""The printed customer file, read back from the PDF as the clerk or owner would read it."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from lto_desk.documents import i18n
from lto_desk.documents.customer_file import (
    AgreementLine,
    ContactPreferences,
    CustomerFile,
    CustomerProfile,
    HouseholdCar,
    HouseholdMember,
    MailingConsent,
    NoteLine,
    PaymentSummary,
    Phone,
    ReferralLine,
    ordered_notes,
    render_customer_file,
)
from lto_desk.documents.receipt import DealerHeader

DEALER = DealerHeader("Sunrise Auto Sales", "1420 W. Main Street, San Antonio, TX 78207", "(210) 555-0147")

#: Words that must never be printed (the receipt list plus the ones this page could drift into).
SHAMING = (
    "delinquen", "overdue", "default", "repossess", "repo ", "collection", "legal action", "warning",
    "final notice", "failure", "failed", "penalty", "moroso", "morosidad", "embargo", "incumplimiento",
    "advertencia", "demanda", "aviso final", "late payer", "deadbeat", "atrasad",
)  # fmt: skip

PINNED_OLD = NoteLine(
    text="Prefiere que la llamen Majo. Su hija Sofía se gradúa en junio.",
    tags=("family",),
    author="Ana",
    written_at=dt.datetime(2023, 3, 2, 10, 15),
    pinned=True,
)
NEWER_UNPINNED = NoteLine(
    text="Cambió de turno en la panadería; ahora paga los viernes.",
    tags=("work", "payment"),
    author="Luis",
    written_at=dt.datetime(2025, 1, 10, 16, 40),
)
CUE = NoteLine(
    text="Preguntar cómo le fue a Sofía en la graduación.",
    tags=("family",),
    author="Ana",
    written_at=dt.datetime(2025, 1, 14, 9, 5),
    cue=True,
)
OLDEST = NoteLine(
    text="Devolvió el Civic con cuidado, con las dos llaves. Bienvenida de nuevo.",
    tags=("car",),
    author="Roberto",
    written_at=dt.datetime(2022, 8, 30, 12, 0),
)

RETURNED = AgreementLine(
    vehicle="2011 Honda Civic",
    vin_tail="A81234",
    stock_number="S-0912",
    opened_on=dt.date(2021, 5, 3),
    status="returned",
    closed_on=dt.date(2022, 8, 30),
    installments_paid=62,
    number_of_payments=156,
    payments=PaymentSummary(
        total_paid=6_915_00,
        payments_count=63,
        late_fees_charged=75_00,
        late_fees_paid=35_00,
        late_fees_waived=40_00,
        last_payment_on=dt.date(2022, 8, 19),
    ),
)
ACTIVE = AgreementLine(
    vehicle="2016 Toyota Camry",
    vin_tail="004352",
    stock_number="S-1187",
    opened_on=dt.date(2023, 2, 27),
    status="active",
    installments_paid=96,
    number_of_payments=156,
    due_now=187_50,
    days_since_due=9,
    payoff=5_432_10,
    payments=PaymentSummary(
        total_paid=10_877_25,
        payments_count=97,
        late_fees_charged=30_00,
        late_fees_paid=15_00,
        late_fees_waived=15_00,
        last_payment_on=dt.date(2025, 1, 10),
    ),
)

PROFILE = CustomerProfile(
    full_name="María José Peña Hernández",
    preferred_name="Majo",
    language="es",
    phones=(Phone("mobile", "(210) 555-0199"), Phone("work", "(210) 555-0123")),
    email="majo.pena@example.com",
    address="2719 Calle Río Grande, Apt. 4\nSan Antonio, TX 78207",
    birthday=dt.date(1986, 4, 12),
    customer_since=dt.date(2021, 5, 3),
    employer="Panadería La Espiga",
    contact=ContactPreferences(call=True, text=True, mail=False, email=False, best_time="después de las 5 p. m."),
    mailing=MailingConsent(given_on=dt.date(2021, 5, 3), opted_out_on=dt.date(2024, 11, 5)),
    welcome_back=True,
    referred_by="Jesús Ortiz",
)

FILE_ES = CustomerFile(
    dealer=DEALER,
    profile=PROFILE,
    household=(
        HouseholdMember("Sofía Peña", "hija", dt.date(2006, 6, 21), "Se gradúa de la preparatoria en junio."),
        HouseholdMember("Andrés Núñez", "esposo", dt.date(1984, 10, 2), "Trabaja en construcción."),
    ),
    cars=(
        HouseholdCar("Ford", "Ranger", 2008, "Andrés Núñez", dt.date(2025, 9, 1)),
        HouseholdCar("Nissan", "Sentra", 2012, "Sofía Peña", None),
    ),
    agreements=(ACTIVE, RETURNED),
    # deliberately out of order: the page sorts them
    notes=(OLDEST, NEWER_UNPINNED, PINNED_OLD, CUE),
    referrals=(
        ReferralLine("Lucía Ramírez", dt.date(2023, 6, 14), started_agreement=True),
        ReferralLine("Tomás Ibáñez", dt.date(2024, 9, 3), started_agreement=False),
    ),
    printed_on=dt.date(2025, 1, 20),
    language="es",
)
FILE_EN = replace(FILE_ES, language="en")


def pages(pdf: bytes) -> list[str]:
    """Each page's text with whitespace runs collapsed to one space."""
    return [" ".join(p.extract_text().replace("\u00a0", " ").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def words(pdf: bytes) -> str:
    return " ".join(pages(pdf))


@pytest.fixture(scope="module")
def es_text() -> str:
    return words(render_customer_file(FILE_ES))


@pytest.fixture(scope="module")
def en_text() -> str:
    return words(render_customer_file(FILE_EN))


# -- content ---------------------------------------------------------------------


def test_is_a_letter_pdf():
    reader = PdfReader(io.BytesIO(render_customer_file(FILE_ES)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "María José Peña Hernández" in reader.metadata.title


def test_spanish_file_has_every_section_heading(es_text):
    for heading in (
        "EXPEDIENTE DEL CLIENTE",
        "Perfil",
        "Cómo mantenernos en contacto",
        "Hogar",
        "Otros autos en el hogar",
        "Contratos y vehículos",
        "Resumen de pagos",
        "Notas",
        "Recomendaciones",
    ):
        assert heading in es_text, heading


def test_spanish_profile_with_accents_and_spanish_dates(es_text):
    for value in (
        "María José Peña Hernández",
        "Prefiere que le llamen Majo",
        "Cliente desde el 3 de mayo de 2021",
        "12 de abril de 1986",  # birthday
        "Español",
        "Celular: (210) 555-0199",
        "Trabajo: (210) 555-0123",
        "majo.pena@example.com",
        "2719 Calle Río Grande, Apt. 4",
        "Panadería La Espiga",
        "Jesús Ortiz",
        "Llamada, Mensaje de texto",
        "después de las 5 p. m.",
        "Se unió el 3 de mayo de 2021; pidió no recibir más el 5 de noviembre de 2024",
        "Le recomendó Jesús Ortiz",
        "Le damos la bienvenida de nuevo",
        "Bienvenida de nuevo Sí",
    ):
        assert value in es_text, value


def test_household_members_and_cars(es_text):
    for value in (
        "Sofía Peña",
        "hija",
        "21 de junio de 2006",
        "Se gradúa de la preparatoria en junio.",
        "Andrés Núñez",
        "esposo",
        "2 de octubre de 1984",
        "2008 Ford Ranger",
        "2012 Nissan Sentra",
        "septiembre de 2025",  # may need replacing by
    ):
        assert value in es_text, value


def test_agreements_show_vehicle_status_progress_and_what_is_due(es_text):
    for value in (
        "2016 Toyota Camry",
        "VIN …004352",
        "Inventario S-1187",
        "Activo",
        "96 de 156",
        "A pagar ahora $187.50",
        "9 días desde la fecha de pago",
        "Para liquidar $5,432.10",
        "2011 Honda Civic",
        "VIN …A81234",
        "Devuelto",
        "cerrado el 30 ago 2022",
        "62 de 156",
        "Nada pendiente",
    ):
        assert value in es_text, value


def test_payment_summary_per_agreement(es_text):
    for value in ("$10,877.25", "97", "$30.00", "$15.00", "10 ene 2025", "$6,915.00", "63", "$75.00", "$35.00", "$40.00"):
        assert value in es_text, value
    for head in ("Total pagado", "Pagos hechos", "Cargos por atraso", "Aplicados", "Pagados", "Perdonados", "Último pago"):
        assert head in es_text, head


def test_notes_with_pinned_and_cue_marks_and_translated_tags(es_text):
    for n in (PINNED_OLD, NEWER_UNPINNED, CUE, OLDEST):
        assert n.text in es_text, n.text
    assert "FIJADA" in es_text
    assert "Preguntar en la próxima visita" in es_text
    assert "trabajo, pago" in es_text  # tags in Spanish


def test_pinned_note_prints_before_a_newer_unpinned_one_then_newest_first(es_text):
    pinned = es_text.index(PINNED_OLD.text)
    cue = es_text.index(CUE.text)  # 14 Jan 2025
    newer = es_text.index(NEWER_UNPINNED.text)  # 10 Jan 2025
    oldest = es_text.index(OLDEST.text)  # 2022
    assert pinned < cue < newer < oldest


def test_ordered_notes_pinned_first_then_newest():
    assert ordered_notes(FILE_ES.notes) == [PINNED_OLD, CUE, NEWER_UNPINNED, OLDEST]


def test_referrals_with_whether_they_started_an_agreement(es_text):
    section = es_text[es_text.index("Recomendaciones") :]
    assert re.search(r"Lucía Ramírez 14 de junio de 2023 Sí", section)
    assert re.search(r"Tomás Ibáñez 3 de septiembre de 2024 Todavía no", section)


def test_footer_on_every_page_in_spanish():
    texts = pages(render_customer_file(FILE_ES))
    for number, page in enumerate(texts, start=1):
        assert "Confidencial — expediente del cliente" in page
        assert f"Página {number} de {len(texts)}" in page
        assert "Sunrise Auto Sales" in page
        assert "Impreso el 20 de enero de 2025" in page


def test_english_file_is_in_english(en_text):
    for value in (
        "CUSTOMER FILE",
        "Profile",
        "Staying in touch",
        "Household",
        "Other cars in the household",
        "Agreements and vehicles",
        "Payment summary",
        "Referrals",
        "Goes by Majo",
        "Customer since May 3, 2021",
        "April 12, 1986",
        "Spanish",  # her language, named in English
        "Mobile: (210) 555-0199",
        "Joined May 3, 2021; asked to stop on November 5, 2024",
        "September 2025",
        "Due now $187.50",
        "9 days since the due date",
        "Payoff $5,432.10",
        "96 of 156",
        "closed Aug 30, 2022",
        "Nothing owed",
        "PINNED",
        "Ask next visit",
        "work, payment",
        "Not yet",
        "Confidential — customer file",
        "Page 1 of",
        "Printed January 20, 2025",
    ):
        assert value in en_text, value
    for spanish in ("Perfil", "Contratos", "Página", "enero", "Activo", "Devuelto", "Nada pendiente"):
        assert spanish not in en_text, spanish


def test_one_day_is_singular():
    one = replace(FILE_EN, agreements=(replace(ACTIVE, days_since_due=1),))
    t = words(render_customer_file(one))
    assert "1 day since the due date" in t and "1 days" not in t


def test_up_to_date_active_agreement_says_so():
    current = replace(FILE_EN, agreements=(replace(ACTIVE, due_now=0, days_since_due=0),))
    t = words(render_customer_file(current))
    assert "Up to date" in t and "Due now" not in t and "since the due date" not in t


def test_still_on_the_mailing_list():
    on = replace(FILE_EN, profile=replace(PROFILE, mailing=MailingConsent(dt.date(2021, 5, 3), None)))
    assert "Yes, since May 3, 2021" in words(render_customer_file(on))


@pytest.mark.parametrize("data", [FILE_ES, FILE_EN], ids=["es", "en"])
def test_nothing_printed_shames_or_threatens(data):
    t = words(render_customer_file(data)).lower()
    for word in SHAMING:
        assert word not in t, word


# -- length ----------------------------------------------------------------------


def _many_notes(count: int) -> tuple[NoteLine, ...]:
    return tuple(
        NoteLine(
            text=f"Nota número {i}: vino con su familia, platicamos de la escuela de Sofía y del trabajo nuevo de Andrés.",
            tags=("family",),
            author="Ana",
            written_at=dt.datetime(2024, 1, 1, 9, 0) + dt.timedelta(days=i),
        )
        for i in range(count)
    )


@pytest.mark.parametrize("data", [FILE_ES, FILE_EN], ids=["es", "en"])
def test_a_long_notes_list_spills_onto_more_pages_with_page_numbers(data):
    long = replace(data, notes=(PINNED_OLD, *_many_notes(40)))
    texts = pages(render_customer_file(long))
    assert len(texts) >= 3
    word = "Página" if data.language == "es" else "Page"
    of = "de" if data.language == "es" else "of"
    assert f"{word} 2 {of} {len(texts)}" in texts[1]
    assert f"{word} {len(texts)} {of} {len(texts)}" in texts[-1]
    everything = " ".join(texts)
    for i in range(40):
        assert f"número {i}:" in everything, i  # no note lost at a page break
    # newest first: note 39 before note 0, pinned before both
    assert everything.index(PINNED_OLD.text) < everything.index("número 39:") < everything.index("número 0:")
    # the referrals still come after the notes, on the last page
    assert (("Recomendaciones" if data.language == "es" else "Referrals") in texts[-1])


def test_short_file_is_one_or_two_pages_and_says_so():
    texts = pages(render_customer_file(FILE_ES))
    n = len(texts)
    assert n in (1, 2)
    assert f"Página 1 de {n}" in texts[0]


def test_empty_sections_say_nothing_is_recorded():
    bare = CustomerFile(dealer=DEALER, profile=CustomerProfile(full_name="Ana López"), printed_on=dt.date(2025, 1, 20))
    t = words(render_customer_file(bare))
    assert "Ana López" in t
    assert t.count("Nothing recorded yet.") == 5  # household, cars, agreements, notes, referrals
    assert "Page 1 of 1" in t


def test_text_that_looks_like_markup_prints_as_written():
    odd = replace(FILE_EN, notes=(NoteLine("Brother <Tony> & cousin said 5 < 7", written_at=dt.datetime(2025, 1, 2)),))
    assert "Brother <Tony> & cousin said 5 < 7" in words(render_customer_file(odd))


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        replace(ACTIVE, status="gone")


def test_rendering_is_repeatable():
    assert render_customer_file(FILE_ES) == render_customer_file(FILE_ES)


def test_customer_file_labels_exist_in_both_languages():
    cf = {k for k in i18n.LABELS["en"] if k.startswith("cf_")}
    assert cf and cf == {k for k in i18n.LABELS["es"] if k.startswith("cf_")}
    changed = [k for k in cf if i18n.LABELS["en"][k] != i18n.LABELS["es"][k]]
    assert len(changed) >= len(cf) - 3  # "No", "—" and similar are allowed to match


def test_a_note_longer_than_a_page_runs_on_and_keeps_its_heading():
    paragraph = "Una nota muy larga sobre la familia y el trabajo. " * 30
    huge = NoteLine(text="\n".join(f"{i}. {paragraph}" for i in range(12)), written_at=dt.datetime(2025, 1, 1), pinned=True)
    texts = pages(render_customer_file(replace(FILE_EN, notes=(huge, NEWER_UNPINNED))))
    first = next(i for i, t in enumerate(texts) if "PINNED" in t)
    assert "Notes" in texts[first]  # the heading is on the page where the note starts
    everything = " ".join(texts)
    for i in range(12):
        assert f"{i}. Una nota" in everything
    assert everything.index("11. Una nota") < everything.index(NEWER_UNPINNED.text)


def test_a_long_dealer_name_keeps_every_footer_part():
    long_name = replace(DEALER, name="Sunrise Auto Sales & Family Lease-to-Own Center of the Greater San Antonio Area")
    t = pages(render_customer_file(replace(FILE_ES, dealer=long_name)))[0]
    assert "Confidencial — expediente del cliente" in t and "Página 1 de" in t and "Impreso el 20 de enero de 2025" in t
