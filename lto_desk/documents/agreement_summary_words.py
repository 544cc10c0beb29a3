"""The words of the agreement summary, in English and Spanish: its labels, and the
payments and the late-fee policy said in plain words.

Layer: plain text only (the policy and the frequency come from the domain).
"""

from __future__ import annotations

from decimal import Decimal

from ..domain.terms import Frequency, LateFeePolicy
from . import i18n

__all__ = ["WORDS", "words", "late_fee_words", "payments_words"]

#: The words of this page (i18n.LABELS holds the words shared by every page).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "kicker": "Lease-to-own",
        "title": "Agreement summary",
        "doc_title": "Agreement summary — {name}",
        "draft": "DRAFT — not signed",
        "draft_mark": "DRAFT",
        "draft_note": "A preview of the terms to talk over together. It becomes an agreement once it is "
                      "signed and given a number.",
        "agreement_no": "Agreement No.\u00a0{number}",
        "prepared": "Prepared {date}",
        "page": "Page {page} of {pages}",
        "name": "Name",
        "address": "Address",
        "phone": "Phone",
        "year_make_model": "Vehicle",
        "color": "Color",
        "vin": "VIN",
        "stock": "Stock No.",
        "odometer": "Odometer",
        "miles": "{miles} miles",
        "terms": "Terms",
        "cash_price": "Cash price",
        "amount_financed": "Amount financed",
        "payments": "Payments",
        "last_payment": "Last payment",
        "total_of_payments": "Total of payments",
        "first_due": "First payment due",
        "last_due": "Last payment due",
        "late_fee": "Late fee",
        "pay_one": "1 payment of {amount}",
        "pay_weekly": "{count} weekly payments of {amount}",
        "pay_biweekly": "{count} payments of {amount} every two weeks",
        "pay_semi_monthly": "{count} payments of {amount} twice a month, on the {a} and the {b}",
        "pay_monthly": "{count} monthly payments of {amount}",
        "month_end": "last day of the month",
        "last_smaller": "{amount} (the last one is a little smaller to come out even)",
        "no_late_fee": "No late fee",
        "fee_percent": "{pct} of the payment",
        "fee_percent_cap": "{pct} of the payment (at most {cap})",
        "fee_when_one": "{what} when a payment is made more than 1 day after its due date",
        "fee_when": "{what} when a payment is made more than {days} days after its due date",
        "return_heading": "If your plans change",
        "return_body": "You may bring the vehicle back at any time. If you do, the agreement ends and you owe "
                       "nothing more — no penalties and no charge for bringing it back. Payments made up to "
                       "then are not refunded, although we may give some back as a goodwill gesture. "
                       "Either way, you are always welcome here.",
        "call_us": "Questions about a payment or the car? Call us at {phone} — we would much rather hear "
                   "from you early.",
        "schedule": "Payment schedule",
        "schedule_count": "{count} payments, {first} to {last}",
        "col_no": "No.",
        "col_due": "Due date",
        "col_amount": "Amount",
        "signatures": "Signatures",
        "sign_intro": "By signing, we both agree to the terms above and to the payment schedule that follows.",
        "sign_customer": "Customer",
        "sign_dealer": "For {dealer}",
        "sign_date": "Date",
        "continued": "{what} · {name}",
    },
    "es": {
        "kicker": "Arrendamiento con opción a compra",
        "title": "Resumen del contrato",
        "doc_title": "Resumen del contrato — {name}",
        "draft": "BORRADOR — sin firmar",
        "draft_mark": "BORRADOR",
        "draft_note": "Una vista previa de las condiciones para conversarlas juntos. Se convierte en contrato "
                      "cuando se firma y recibe un número.",
        "agreement_no": "Contrato N.º\u00a0{number}",
        "prepared": "Preparado el {date}",
        "page": "Página {page} de {pages}",
        "name": "Nombre",
        "address": "Dirección",
        "phone": "Teléfono",
        "year_make_model": "Vehículo",
        "color": "Color",
        "vin": "VIN",
        "stock": "N.º de inventario",
        "odometer": "Odómetro",
        "miles": "{miles} millas",
        "terms": "Condiciones",
        "cash_price": "Precio al contado",
        "amount_financed": "Cantidad financiada",
        "payments": "Pagos",
        "last_payment": "Último pago",
        "total_of_payments": "Total de los pagos",
        "first_due": "Primer pago vence",
        "last_due": "Último pago vence",
        "late_fee": "Cargo por atraso",
        "pay_one": "1 pago de {amount}",
        "pay_weekly": "{count} pagos semanales de {amount}",
        "pay_biweekly": "{count} pagos de {amount} cada dos semanas",
        "pay_semi_monthly": "{count} pagos de {amount} dos veces al mes, el {a} y el {b}",
        "pay_monthly": "{count} pagos mensuales de {amount}",
        "month_end": "último día del mes",
        "last_smaller": "{amount} (el último es un poco menor para que la cuenta salga exacta)",
        "no_late_fee": "Sin cargo por atraso",
        "fee_percent": "{pct} del pago",
        "fee_percent_cap": "{pct} del pago (como máximo {cap})",
        "fee_when_one": "{what} cuando un pago se hace más de 1 día después de su fecha",
        "fee_when": "{what} cuando un pago se hace más de {days} días después de su fecha",
        "return_heading": "Si sus planes cambian",
        "return_body": "Puede devolver el vehículo en cualquier momento. Si lo hace, el contrato termina y no "
                       "debe nada más: no hay penalidades ni cargos por devolverlo. Los pagos hechos hasta "
                       "entonces no se reembolsan, aunque podemos devolver una parte como gesto de buena "
                       "voluntad. Pase lo que pase, aquí siempre será bienvenido.",
        "call_us": "¿Preguntas sobre un pago o el auto? Llámenos al {phone}; preferimos saber de usted a tiempo.",
        "schedule": "Calendario de pagos",
        "schedule_count": "{count} pagos, del {first} al {last}",
        "col_no": "N.º",
        "col_due": "Fecha",
        "col_amount": "Cantidad",
        "signatures": "Firmas",
        "sign_intro": "Al firmar, ambas partes aceptamos las condiciones de arriba y el calendario de pagos que sigue.",
        "sign_customer": "Cliente",
        "sign_dealer": "Por {dealer}",
        "sign_date": "Fecha",
        "continued": "{what} · {name}",
    },
}


def words(key: str, language: str | None, **fields: object) -> str:
    """This page's words for ``key`` in ``language`` (English when Spanish has none)."""
    table = WORDS[i18n.language_of(language)]
    template = table[key] if key in table else WORDS["en"][key]
    return template.format(**fields) if fields else template


def _ordinal_en(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day_words(day: int, lang: str) -> str:
    if day >= 31:
        return words("month_end", lang)
    return _ordinal_en(day) if lang == "en" else str(day)


def _percent(basis_points: int, lang: str) -> str:
    """``7.5%`` / ``7,5 %`` from basis points (no float)."""
    value = format(Decimal(basis_points).scaleb(-2).normalize(), "f")
    return f"{value}%" if lang == "en" else f"{value.replace('.', ',')}\u00a0%"


def late_fee_words(policy: LateFeePolicy, language: str | None) -> str:
    """The late-fee policy in plain words, English or Spanish."""
    lang = i18n.language_of(language)
    if not policy.charges_fees:
        return words("no_late_fee", lang)
    if policy.percent_bp:
        pct = _percent(policy.percent_bp, lang)
        what = (
            words("fee_percent_cap", lang, pct=pct, cap=i18n.money(policy.cap, lang))
            if policy.cap
            else words("fee_percent", lang, pct=pct)
        )
    else:
        what = i18n.money(policy.flat, lang)
    if policy.grace_days == 1:
        return words("fee_when_one", lang, what=what)
    return words("fee_when", lang, what=what, days=policy.grace_days)


def payments_words(
    count: int, amount: int, frequency: Frequency, language: str | None, semi_monthly_days: tuple[int, int] = (1, 15)
) -> str:
    """``104 weekly payments of $76.93`` / ``104 pagos semanales de $76.93``."""
    lang = i18n.language_of(language)
    money = i18n.money(amount, lang)
    if count == 1:
        return words("pay_one", lang, amount=money)
    frequency = Frequency(frequency)
    a, b = semi_monthly_days
    return words(
        f"pay_{frequency.value}", lang, count=count, amount=money, a=_day_words(a, lang), b=_day_words(b, lang)
    )
