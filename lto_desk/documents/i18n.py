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
        # -- customer file --------------------------------------------------
        "cf_title": "Customer file",
        "cf_doc_title": "Customer file — {name}",
        "cf_confidential": "Confidential — customer file",
        "cf_page": "Page {page} of {pages}",
        "cf_printed": "Printed {date}",
        "cf_goes_by": "Goes by {name}",
        "cf_since": "Customer since {date}",
        "cf_welcome_back": "Welcome back any time — ask about the next car.",
        "cf_profile": "Profile",
        "cf_full_name": "Full name",
        "cf_preferred_name": "Preferred name",
        "cf_language": "Language for letters",
        "cf_lang_en": "English",
        "cf_lang_es": "Spanish",
        "cf_phones": "Phones",
        "cf_phone_mobile": "Mobile",
        "cf_phone_home": "Home",
        "cf_phone_work": "Work",
        "cf_phone_other": "Other",
        "cf_email": "Email",
        "cf_address": "Address",
        "cf_birthday": "Birthday",
        "cf_customer_since": "Customer since",
        "cf_employer": "Employer",
        "cf_referred_by": "Referred by",
        "cf_welcome_back_label": "Welcome back",
        "cf_yes": "Yes",
        "cf_no": "No",
        "cf_contact": "Staying in touch",
        "cf_ways": "How to reach",
        "cf_call": "Call",
        "cf_text": "Text message",
        "cf_mail": "Mail",
        "cf_email_pref": "Email",
        "cf_no_ways": "No preference given",
        "cf_best_time": "Best time",
        "cf_mailing": "Mailing list",
        "cf_mailing_yes": "Yes, since {date}",
        "cf_mailing_yes_undated": "Yes",
        "cf_mailing_out": "Asked to stop on {date}",
        "cf_mailing_joined_out": "Joined {given}; asked to stop on {date}",
        "cf_mailing_no": "Not on the list",
        "cf_household": "Household",
        "cf_name": "Name",
        "cf_relation": "Relation",
        "cf_notes": "Notes",
        "cf_cars": "Other cars in the household",
        "cf_car": "Car",
        "cf_driver": "Driven by",
        "cf_replace_by": "May need replacing by",
        "cf_agreements": "Agreements and vehicles",
        "cf_vehicle": "Vehicle",
        "cf_stock": "Stock {stock}",
        "cf_opened": "Opened",
        "cf_status": "Status",
        "cf_status_active": "Active",
        "cf_status_paid_off": "Paid off",
        "cf_status_returned": "Returned",
        "cf_closed_on": "closed {date}",
        "cf_progress": "Payments",
        "cf_progress_value": "{paid} of {total}",
        "cf_now": "Now",
        "cf_due_now": "Due now {amount}",
        "cf_up_to_date": "Up to date",
        "cf_days_since_due_one": "1 day since the due date",
        "cf_days_since_due": "{days} days since the due date",
        "cf_payoff": "Payoff {amount}",
        "cf_nothing_owed": "Nothing owed",
        "cf_payment_summary": "Payment summary",
        "cf_total_paid": "Total paid",
        "cf_payments_made": "Payments made",
        "cf_late_fees": "Late fees",
        "cf_fees_charged": "Charged",
        "cf_fees_paid": "Paid",
        "cf_fees_waived": "Waived",
        "cf_last_payment": "Last payment",
        "cf_pinned": "Pinned",
        "cf_cue": "Ask next visit",
        "cf_tag_family": "family",
        "cf_tag_work": "work",
        "cf_tag_health": "health",
        "cf_tag_hobby": "hobby",
        "cf_tag_car": "car",
        "cf_tag_payment": "payment",
        "cf_tag_complaint": "complaint",
        "cf_tag_other": "other",
        "cf_referrals": "Referrals",
        "cf_referred_on": "Referred on",
        "cf_started": "Started an agreement",
        "cf_not_yet": "Not yet",
        "cf_none": "Nothing recorded yet.",
        "cf_dash": "—",
        # -- letters --------------------------------------------------------
        "lt_dear": "Dear {name},",
        "lt_closing": "With warm regards,",
        "lt_ty_doc_title": "Thank-you letter — {name}",
        "lt_ty_heading": "Thank you for choosing us!",
        "lt_ty_body": "Thank you for choosing {dealer} for your {vehicle}. We are glad to have you with us, and we hope it serves you and your family well for many miles.",
        "lt_ty_first_payment": "Your first payment of {amount} is due on {date}. You can pay at our counter, and we look forward to seeing you.",
        "lt_ty_open_door": "If anything ever comes up — with the car, with a payment, or with life — please call us at {phone}. We would much rather hear from you early, and we will work it out together.",
        "lt_ty_thanks": "Thank you again for your trust; you are part of our family now.",
        "lt_po_doc_title": "Congratulations — {name}",
        "lt_po_heading": "Congratulations — it’s yours!",
        "lt_po_body": "Your {vehicle} is paid in full as of {date}. Every payment along the way brought you here, and we are proud of you.",
        "lt_po_title_mail_on": "We will mail the title to you by {date}.",
        "lt_po_title_mail": "We will mail the title to you in the next few days.",
        "lt_po_title_pickup_on": "Your title will be ready for you to pick up at our office from {date}.",
        "lt_po_title_pickup": "Your title is ready for you to pick up at our office any time.",
        "lt_po_thanks": "Thank you for trusting us, and for being part of our family.",
        "lt_po_referral": "When your household needs another car, or your friends and family do, we would be glad to help.",
        "lt_po_call": "Just call us at {phone} or stop by — it is always good to see you.",
        "lt_rt_doc_title": "Return letter — {name}",
        "lt_rt_heading": "Your agreement is closed",
        "lt_rt_thanks": "Thank you for bringing back the {vehicle} on {date}, and for returning it in good shape.",
        "lt_rt_thanks_plain": "Thank you for bringing back the {vehicle} on {date}.",
        "lt_rt_closed": "Your agreement for the {vehicle} is closed.",
        "lt_rt_nothing_owed": "No further payments are owed, and there are no penalties.",
        "lt_rt_welcome": "You are welcome back any time. When the time is right for a different car, come see us or call us at {phone} — we would be glad to help you again.",
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
        # -- customer file --------------------------------------------------
        "cf_title": "Expediente del cliente",
        "cf_doc_title": "Expediente del cliente — {name}",
        "cf_confidential": "Confidencial — expediente del cliente",
        "cf_page": "Página {page} de {pages}",
        "cf_printed": "Impreso el {date}",
        "cf_goes_by": "Prefiere que le llamen {name}",
        "cf_since": "Cliente desde el {date}",
        "cf_welcome_back": "Le damos la bienvenida de nuevo en cualquier momento — pregunte por el próximo auto.",
        "cf_profile": "Perfil",
        "cf_full_name": "Nombre completo",
        "cf_preferred_name": "Nombre preferido",
        "cf_language": "Idioma de las cartas",
        "cf_lang_en": "Inglés",
        "cf_lang_es": "Español",
        "cf_phones": "Teléfonos",
        "cf_phone_mobile": "Celular",
        "cf_phone_home": "Casa",
        "cf_phone_work": "Trabajo",
        "cf_phone_other": "Otro",
        "cf_email": "Correo electrónico",
        "cf_address": "Dirección",
        "cf_birthday": "Cumpleaños",
        "cf_customer_since": "Cliente desde",
        "cf_employer": "Empleador",
        "cf_referred_by": "Le recomendó",
        "cf_welcome_back_label": "Bienvenida de nuevo",
        "cf_yes": "Sí",
        "cf_no": "No",
        "cf_contact": "Cómo mantenernos en contacto",
        "cf_ways": "Cómo comunicarse",
        "cf_call": "Llamada",
        "cf_text": "Mensaje de texto",
        "cf_mail": "Correo postal",
        "cf_email_pref": "Correo electrónico",
        "cf_no_ways": "Sin preferencia indicada",
        "cf_best_time": "Mejor horario",
        "cf_mailing": "Lista de correo",
        "cf_mailing_yes": "Sí, desde el {date}",
        "cf_mailing_yes_undated": "Sí",
        "cf_mailing_out": "Pidió no recibir más el {date}",
        "cf_mailing_joined_out": "Se unió el {given}; pidió no recibir más el {date}",
        "cf_mailing_no": "No está en la lista",
        "cf_household": "Hogar",
        "cf_name": "Nombre",
        "cf_relation": "Parentesco",
        "cf_notes": "Notas",
        "cf_cars": "Otros autos en el hogar",
        "cf_car": "Auto",
        "cf_driver": "Lo maneja",
        "cf_replace_by": "Posible cambio para",
        "cf_agreements": "Contratos y vehículos",
        "cf_vehicle": "Vehículo",
        "cf_stock": "Inventario {stock}",
        "cf_opened": "Inicio",
        "cf_status": "Estado",
        "cf_status_active": "Activo",
        "cf_status_paid_off": "Pagado",
        "cf_status_returned": "Devuelto",
        "cf_closed_on": "cerrado el {date}",
        "cf_progress": "Pagos",
        "cf_progress_value": "{paid} de {total}",
        "cf_now": "Ahora",
        "cf_due_now": "A pagar ahora {amount}",
        "cf_up_to_date": "Al día",
        "cf_days_since_due_one": "1 día desde la fecha de pago",
        "cf_days_since_due": "{days} días desde la fecha de pago",
        "cf_payoff": "Para liquidar {amount}",
        "cf_nothing_owed": "Nada pendiente",
        "cf_payment_summary": "Resumen de pagos",
        "cf_total_paid": "Total pagado",
        "cf_payments_made": "Pagos hechos",
        "cf_late_fees": "Cargos por atraso",
        "cf_fees_charged": "Aplicados",
        "cf_fees_paid": "Pagados",
        "cf_fees_waived": "Perdonados",
        "cf_last_payment": "Último pago",
        "cf_pinned": "Fijada",
        "cf_cue": "Preguntar en la próxima visita",
        "cf_tag_family": "familia",
        "cf_tag_work": "trabajo",
        "cf_tag_health": "salud",
        "cf_tag_hobby": "pasatiempo",
        "cf_tag_car": "auto",
        "cf_tag_payment": "pago",
        "cf_tag_complaint": "queja",
        "cf_tag_other": "otro",
        "cf_referrals": "Recomendaciones",
        "cf_referred_on": "Fecha",
        "cf_started": "Inició un contrato",
        "cf_not_yet": "Todavía no",
        "cf_none": "Nada registrado todavía.",
        "cf_dash": "—",
        # -- letters --------------------------------------------------------
        "lt_dear": "Hola, {name}:",
        "lt_closing": "Con un cordial saludo,",
        "lt_ty_doc_title": "Carta de agradecimiento — {name}",
        "lt_ty_heading": "¡Gracias por elegirnos!",
        "lt_ty_body": "Gracias por elegir a {dealer} para su {vehicle}. Nos da mucho gusto tenerle con nosotros y esperamos que le sirva a usted y a su familia por muchos kilómetros.",
        "lt_ty_first_payment": "Su primer pago de {amount} vence el {date}. Puede pagar en nuestro mostrador; será un gusto verle.",
        "lt_ty_open_door": "Si algo llega a pasar — con el auto, con un pago o con cualquier cosa en la vida — llámenos al {phone}. Preferimos saber de usted a tiempo, y juntos lo resolveremos.",
        "lt_ty_thanks": "Gracias de nuevo por su confianza; ahora ya es parte de nuestra familia.",
        "lt_po_doc_title": "Felicidades — {name}",
        "lt_po_heading": "¡Felicidades, ya es suyo!",
        "lt_po_body": "Su {vehicle} quedó pagado por completo el {date}. Cada pago a lo largo del camino le trajo hasta aquí, y estamos orgullosos de usted.",
        "lt_po_title_mail_on": "Le enviaremos el título por correo a más tardar el {date}.",
        "lt_po_title_mail": "Le enviaremos el título por correo en los próximos días.",
        "lt_po_title_pickup_on": "Su título estará listo para que lo recoja en nuestra oficina a partir del {date}.",
        "lt_po_title_pickup": "Su título ya está listo para que lo recoja en nuestra oficina cuando guste.",
        "lt_po_thanks": "Gracias por su confianza y por ser parte de nuestra familia.",
        "lt_po_referral": "Cuando en su hogar necesiten otro auto, o lo necesiten sus amigos y familiares, con gusto les ayudaremos.",
        "lt_po_call": "Solo llámenos al {phone} o venga a vernos; siempre es un gusto verle.",
        "lt_rt_doc_title": "Carta de devolución — {name}",
        "lt_rt_heading": "Su contrato está cerrado",
        "lt_rt_thanks": "Gracias por devolvernos el {vehicle} el {date}, y por entregarlo en buen estado.",
        "lt_rt_thanks_plain": "Gracias por devolvernos el {vehicle} el {date}.",
        "lt_rt_closed": "Su contrato por el {vehicle} está cerrado.",
        "lt_rt_nothing_owed": "No debe ningún pago más, y no hay penalidades.",
        "lt_rt_welcome": "Las puertas siempre están abiertas para usted. Cuando sea el momento de otro auto, venga a vernos o llámenos al {phone}; con gusto le ayudaremos de nuevo.",
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
