"""Printed words in English and Spanish, and locale formatting of money and dates.

Every word on a printed page comes from :data:`LABELS` through :func:`text`;
money and dates go through Babel for ``en_US`` / ``es_US``. Letters and
statements reuse these helpers.

Tone: warm and plain. Nothing printed ever shames or threatens (see
``tests/documents`` for the list of words that must never appear).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date, format_time
from babel.numbers import format_currency

LANGUAGES = ("en", "es")
LOCALES = {"en": "en_US", "es": "es_US"}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "receipt": "RECEIPT",
        "receipt_no": "No.\u00a0{number}",
        "date": "Date",
        "served_by": "Served by",
        "customer": "Customer",
        "vehicle": "Vehicle",
        "vin": "VIN …{tail}",
        "amount_paid": "Amount paid",
        "applied_to": "Applied to",
        "late_fees": "Late fees",
        "past_due": "Past due",
        "this_payment": "This payment",
        "paid_ahead": "Paid ahead",
        "down_payment": "Down payment",
        "paid_with": "Paid with",
        "cash": "Cash",
        "cash_received": "Cash received",
        "change": "Change",
        "check": "Check",
        "check_no": "Check No. {ref}",
        "money_order": "Money order",
        "money_order_no": "Money order No. {ref}",
        "card": "Card",
        "card_ending": "Card ending {last4}",
        "balance_after": "Remaining balance",
        "progress": "Payment {paid} of {total}",
        "next_payment": "Next payment",
        "first_payment": "First payment",
        "paid_off_title": "Congratulations!",
        "paid_off_body": "Your {vehicle} is paid in full.",
        "title_release": "The title will be released to you.",
        "paid_off_thanks": "Thank you for every payment along the way.",
        "note": "Note",
        "thank_you": "Thank you!",
        "keep": "Please keep this receipt.",
        "ref": "Ref. {code}",
        "copy_banner": "COPY — reprinted",
        "copy_mark": "COPY",
        "voided_banner": "VOIDED",
        "voided_note": "This payment was voided; it is not counted.",
        "void_title": "VOID",
        "void_of": "VOID of receipt No.\u00a0{number}",
        "amount": "Amount",
        "reason": "Reason",
        "approved_by": "Approved by",
        "voided_by": "Voided by",
        "balance_now": "Balance now",
        "void_explain": "This payment has been reversed; the balance above already reflects it.",
        "receipt_title": "Receipt {number}",
        "void_slip_title": "Void of receipt {number}",
    },
    "es": {
        "receipt": "RECIBO",
        "receipt_no": "N.º\u00a0{number}",
        "date": "Fecha",
        "served_by": "Le atendió",
        "customer": "Cliente",
        "vehicle": "Vehículo",
        "vin": "VIN …{tail}",
        "amount_paid": "Cantidad pagada",
        "applied_to": "Aplicado a",
        "late_fees": "Cargos por atraso",
        "past_due": "Pagos vencidos",
        "this_payment": "Pago actual",
        "paid_ahead": "Pago adelantado",
        "down_payment": "Pago inicial",
        "paid_with": "Forma de pago",
        "cash": "Efectivo",
        "cash_received": "Efectivo recibido",
        "change": "Cambio",
        "check": "Cheque",
        "check_no": "Cheque N.º {ref}",
        "money_order": "Giro postal",
        "money_order_no": "Giro postal N.º {ref}",
        "card": "Tarjeta",
        "card_ending": "Tarjeta terminada en {last4}",
        "balance_after": "Saldo restante",
        "progress": "Pago {paid} de {total}",
        "next_payment": "Próximo pago",
        "first_payment": "Primer pago",
        "paid_off_title": "¡Felicidades!",
        "paid_off_body": "Su {vehicle} está pagado por completo.",
        "title_release": "Le entregaremos el título.",
        "paid_off_thanks": "Gracias por cada pago a lo largo del camino.",
        "note": "Nota",
        "thank_you": "¡Gracias!",
        "keep": "Por favor, guarde este recibo.",
        "ref": "Ref. {code}",
        "copy_banner": "COPIA — reimpresión",
        "copy_mark": "COPIA",
        "voided_banner": "ANULADO",
        "voided_note": "Este pago fue anulado; no se cuenta.",
        "void_title": "ANULACIÓN",
        "void_of": "ANULACIÓN del recibo N.º\u00a0{number}",
        "amount": "Cantidad",
        "reason": "Motivo",
        "approved_by": "Aprobado por",
        "voided_by": "Anulado por",
        "balance_now": "Saldo actual",
        "void_explain": "Este pago fue revertido; el saldo indicado ya lo refleja.",
        "receipt_title": "Recibo {number}",
        "void_slip_title": "Anulación del recibo {number}",
    },
}


def language_of(language: str | None) -> str:
    """``"en"`` or ``"es"``: ``"es"``, ``"ES"``, ``"es_US"``, ``"es-MX"`` all mean Spanish; anything else English."""
    code = str(language or "").strip().lower()[:2]
    return code if code in LABELS else "en"


def locale_of(language: str | None) -> str:
    return LOCALES[language_of(language)]


def text(key: str, language: str | None, **fields: object) -> str:
    """The printed words for ``key`` in ``language``, with ``{fields}`` filled in.

    Falls back to English if a Spanish label is missing; an unknown key is a
    programming error and raises KeyError.
    """
    labels = LABELS[language_of(language)]
    template = labels[key] if key in labels else LABELS["en"][key]
    return template.format(**fields) if fields else template


def _tidy(s: str) -> str:
    # CLDR puts a narrow no-break space before AM/PM; print an ordinary no-break
    # space (every font has it) so "2:05 PM" stays together and reads back plainly.
    return s.replace("\u202f", "\u00a0")


def money(cents: int, language: str | None) -> str:
    """``$1,234.50`` for the language's US locale (Decimal, never float)."""
    value = Decimal(int(cents)).scaleb(-2)
    return _tidy(format_currency(value, "USD", locale=locale_of(language)))


def date_long(d: dt.date, language: str | None) -> str:
    """``January 20, 2025`` / ``20 de enero de 2025``."""
    return _tidy(format_date(d, format="long", locale=locale_of(language)))


def date_full(d: dt.date, language: str | None) -> str:
    """With the weekday: ``Monday, January 20, 2025`` / ``lunes, 20 de enero de 2025``."""
    return _tidy(format_date(d, format="full", locale=locale_of(language)))


def date_short(d: dt.date, language: str | None) -> str:
    """Compact but never ambiguous (no 1/2 vs 2/1 confusion): ``Jan 20, 2025`` / ``20 ene 2025``."""
    return _tidy(format_date(d, format="medium", locale=locale_of(language)))


def time_short(t: dt.datetime | dt.time, language: str | None) -> str:
    """``2:05 PM`` / ``2:05 p.m.``."""
    return _tidy(format_time(t, format="short", locale=locale_of(language)))


def datetime_short(t: dt.datetime, language: str | None) -> str:
    """``Jan 20, 2025, 2:05 PM`` / ``20 ene 2025, 2:05 p.m.``."""
    return f"{date_short(t, language)}, {time_short(t, language)}"
