"""The three letters, read back from the PDF as the customer would read them, in English and Spanish."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from lto_desk.documents import i18n
from lto_desk.documents.letters import (
    PaidOffLetter,
    ReturnLetter,
    ThankYouLetter,
    render_paid_off_letter,
    render_return_letter,
    render_thank_you_letter,
)
from lto_desk.documents.receipt import DealerHeader

DEALER = DealerHeader("Sunrise Auto Sales", "1420 W. Main Street, San Antonio, TX 78207", "(210) 555-0147")

#: Words that must never be printed on a letter ("penalt…" is checked separately: only "no penalties" may appear).
SHAMING = (
    "delinquen", "overdue", "default", "repossess", "repo ", "collection", "legal action", "warning",
    "final notice", "failure", "failed", "moroso", "morosidad", "embargo", "incumplimiento",
    "advertencia", "demanda", "aviso final", "atrasad", "cobranza", "must ", "deberá",
)  # fmt: skip

COMMON = dict(
    dealer=DEALER,
    preferred_name="Majo",
    vehicle="2016 Toyota Camry",
    signer_name="Roberto Ibáñez",
    recipient_name="María José Peña Hernández",
    recipient_address="812 Nogalitos St.\nSan Antonio, TX 78204",
)

THANK_YOU_EN = ThankYouLetter(
    language="en",
    letter_date=dt.date(2025, 1, 17),
    first_payment_on=dt.date(2025, 1, 24),
    first_payment_amount=1_095_50,
    signer_title="Manager",
    **COMMON,
)
THANK_YOU_ES = replace(THANK_YOU_EN, language="es", signer_title="Gerente")

PAID_OFF_EN = PaidOffLetter(
    language="en",
    letter_date=dt.date(2028, 3, 11),
    paid_off_on=dt.date(2028, 3, 10),
    title_delivery="mail",
    title_ready_on=dt.date(2028, 3, 24),
    signer_title="Manager",
    **COMMON,
)
PAID_OFF_ES = replace(PAID_OFF_EN, language="es", signer_title="Gerente")

RETURN_EN = ReturnLetter(
    language="en",
    letter_date=dt.date(2025, 9, 6),
    returned_on=dt.date(2025, 9, 5),
    signer_title="Manager",
    **COMMON,
)
RETURN_ES = replace(RETURN_EN, language="es", signer_title="Gerente")

NOTHING_OWED = {
    "en": "No further payments are owed, and there are no penalties.",
    "es": "No debe ningún pago más, y no hay penalidades.",
}

RENDER = {ThankYouLetter: render_thank_you_letter, PaidOffLetter: render_paid_off_letter, ReturnLetter: render_return_letter}
ALL = [THANK_YOU_EN, THANK_YOU_ES, PAID_OFF_EN, PAID_OFF_ES, RETURN_EN, RETURN_ES]


def words(pdf: bytes) -> str:
    """The one page's text, whitespace runs (line breaks, no-break spaces) as one space."""
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612.0, 792.0)  # US Letter
    return " ".join(page.extract_text().replace("\u00a0", " ").split())


def read(letter) -> str:
    return words(RENDER[type(letter)](letter))


# -- every letter ----------------------------------------------------------------


@pytest.mark.parametrize("letter", ALL, ids=lambda x: f"{type(x).__name__}-{x.language}")
def test_letterhead_date_greeting_and_signature(letter):
    t = read(letter)
    assert t.startswith("Sunrise Auto Sales")
    assert "1420 W. Main Street, San Antonio, TX 78207" in t and "(210) 555-0147" in t
    assert i18n.date_long(letter.letter_date, letter.language) in t
    assert "María José Peña Hernández 812 Nogalitos St. San Antonio, TX 78204" in t
    greeting = {"en": "Dear Majo,", "es": "Hola, Majo:"}[letter.language]
    assert greeting in t
    assert "2016 Toyota Camry" in t
    title = {"en": "Manager", "es": "Gerente"}[letter.language]
    assert t.endswith(f"Roberto Ibáñez {title} Sunrise Auto Sales")


@pytest.mark.parametrize("letter", ALL, ids=lambda x: f"{type(x).__name__}-{x.language}")
def test_nothing_printed_shames_or_threatens(letter):
    t = read(letter).lower()
    for word in SHAMING:
        assert word not in t, word
    # "penalty" only ever in the promise that there are none
    rest = t.replace(NOTHING_OWED[letter.language].lower(), "")
    assert "penal" not in rest


def test_no_address_block_when_no_recipient_name():
    t = read(replace(THANK_YOU_EN, recipient_name="", recipient_address=""))
    assert "Nogalitos" not in t and "María José Peña Hernández" not in t
    assert "Dear Majo," in t


def test_long_text_still_fits_on_one_page():
    long_note = "Please bring a photo ID and this letter. " * 40
    t = read(replace(PAID_OFF_EN, title_note=long_note))  # words() asserts one page
    assert "Please bring a photo ID" in t


# -- thank-you -------------------------------------------------------------------


def test_thank_you_en_names_vehicle_first_payment_and_open_door():
    t = read(THANK_YOU_EN)
    assert "Thank you for choosing Sunrise Auto Sales for your 2016 Toyota Camry." in t
    assert "Your first payment of $1,095.50 is due on January 24, 2025." in t
    assert "If anything ever comes up" in t and "please call us at (210) 555-0147" in t


def test_thank_you_es():
    t = read(THANK_YOU_ES)
    assert "¡Gracias por elegirnos!" in t
    assert "Gracias por elegir a Sunrise Auto Sales para su 2016 Toyota Camry." in t
    assert "Su primer pago de $1,095.50 vence el 24 de enero de 2025." in t
    assert "llámenos al (210) 555-0147" in t


# -- paid off --------------------------------------------------------------------


def test_paid_off_en_congratulates_releases_title_and_asks_for_referrals():
    t = read(PAID_OFF_EN)
    assert "Congratulations" in t
    assert "Your 2016 Toyota Camry is paid in full as of March 10, 2028." in t
    assert "We will mail the title to you by March 24, 2028." in t
    assert "Thank you" in t
    assert "When your household needs another car, or your friends and family do, we would be glad to help." in t
    assert "call us at (210) 555-0147" in t


def test_paid_off_es():
    t = read(PAID_OFF_ES)
    assert "¡Felicidades" in t
    assert "Su 2016 Toyota Camry quedó pagado por completo el 10 de marzo de 2028." in t
    assert "Le enviaremos el título por correo a más tardar el 24 de marzo de 2028." in t
    assert "Gracias" in t
    assert (
        "Cuando en su hogar necesiten otro auto, o lo necesiten sus amigos y familiares, con gusto les ayudaremos." in t
    )


@pytest.mark.parametrize(
    ("delivery", "ready_on", "en", "es"),
    [
        ("mail", None, "We will mail the title to you in the next few days.", "Le enviaremos el título por correo en los próximos días."),
        ("pickup", dt.date(2028, 3, 17), "ready for you to pick up at our office from March 17, 2028.", "listo para que lo recoja en nuestra oficina a partir del 17 de marzo de 2028."),
        ("pickup", None, "Your title is ready for you to pick up at our office any time.", "Su título ya está listo para que lo recoja en nuestra oficina cuando guste."),
    ],
)  # fmt: skip
def test_title_release_says_how_and_when(delivery, ready_on, en, es):
    assert en in read(replace(PAID_OFF_EN, title_delivery=delivery, title_ready_on=ready_on))
    assert es in read(replace(PAID_OFF_ES, title_delivery=delivery, title_ready_on=ready_on))


def test_title_note_is_printed_as_given():
    t = read(replace(PAID_OFF_ES, title_note="Traiga una identificación con foto."))
    assert "Traiga una identificación con foto." in t


def test_unknown_title_delivery_is_refused():
    with pytest.raises(ValueError, match="title delivery"):
        replace(PAID_OFF_EN, title_delivery="courier")


# -- return ----------------------------------------------------------------------


def test_return_en_says_closed_nothing_owed_thanks_and_welcome_back():
    t = read(RETURN_EN)
    assert "Your agreement is closed" in t
    assert NOTHING_OWED["en"] in t
    assert "Thank you for bringing back the 2016 Toyota Camry on September 5, 2025, and for returning it in good shape." in t
    assert "You are welcome back any time." in t and "different car" in t


def test_return_es_says_closed_nothing_owed_thanks_and_welcome_back():
    t = read(RETURN_ES)
    assert "Su contrato está cerrado" in t
    assert NOTHING_OWED["es"] in t
    assert "Gracias por devolvernos el 2016 Toyota Camry el 5 de septiembre de 2025, y por entregarlo en buen estado." in t
    assert "Cuando sea el momento de otro auto" in t


def test_return_without_good_condition_only_thanks_them():
    t = read(replace(RETURN_EN, good_condition=False))
    assert "Thank you for bringing back the 2016 Toyota Camry on September 5, 2025." in t
    assert "good shape" not in t
    assert NOTHING_OWED["en"] in t


def test_language_codes_like_es_mx_print_spanish():
    assert NOTHING_OWED["es"] in read(replace(RETURN_EN, language="es-MX"))
