"""Follow-up tasks: what kind each is, what it is called, and a short, kind script.

The scripts are suggestions for the person at the counter or on the phone: warm,
never blaming, never pressing. ``{name}`` is the customer's preferred name.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum


class FollowUpKind(str, Enum):
    """Why a customer should hear from the dealership."""

    THANK_YOU_LETTER = "thank_you_letter"  # a new agreement: send the thank-you letter today
    PAYOFF_NEXT_CAR = "payoff_next_car"  # 60 days after a payoff: their next car, referrals
    RETURN_CHECK_IN = "return_check_in"  # 30 days after a vehicle return: how are they doing
    LATE_PAYMENT_CALL = "late_payment_call"  # an installment is some days late: a friendly call
    PROMISE_DUE = "promise_due"  # the day a customer promised to pay has come
    MISSED_APPOINTMENT = "missed_appointment"  # the day after a missed appointment: "sorry I missed you"
    OPEN_COMPLAINT = "open_complaint"  # a complaint not yet resolved: how is it going
    BIRTHDAY = "birthday"  # a birthday this week
    BOUGHT_ELSEWHERE = "bought_elsewhere"  # they bought elsewhere: a check-in months later
    WIN_BACK = "win_back"  # bought elsewhere but not yet delivered: a manager tries today
    CALL_BACK = "call_back"  # the customer asked to be called back on a day

    @property
    def label(self) -> str:
        return _LABELS[self.value]

    @property
    def marketing(self) -> bool:
        """True for tasks that sell or keep in touch (not service): none is made, and open
        ones are cancelled, for a customer who asked us to stop contacting them."""
        return self.value in _MARKETING

    @property
    def for_manager(self) -> bool:
        """True when only a manager (or owner) works this kind of task."""
        return self is FollowUpKind.WIN_BACK

    @property
    def days_after_event(self) -> int:
        """How many days after its event the task is due."""
        return _DAYS[self.value]

    def due_after(self, event_day: dt.date) -> dt.date:
        return event_day + dt.timedelta(days=self.days_after_event)

    def script(self, language: str = "en", name: str = "") -> str:
        """The suggested words in the customer's language (English when it has none)."""
        scripts = _SCRIPTS[self.value]
        language = language if language in scripts else "en"
        text = scripts[language]
        if not name:
            if language != "en":
                return text.replace(" {name}", "")
            name = "there"
        return text.format(name=name)


class Outcome(str, Enum):
    """How working a follow-up (or any contact) went."""

    REACHED = "reached"
    LEFT_MESSAGE = "left_message"
    NO_ANSWER = "no_answer"
    CALL_BACK = "call_back"  # they asked to be called back on a day (needs the date)
    NOT_INTERESTED = "not_interested"
    BOUGHT_ELSEWHERE = "bought_elsewhere"
    STOP_CONTACTING = "stop_contacting"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self.value]

    @property
    def needs_date(self) -> bool:
        """"Call back on…" needs the day they asked for."""
        return self is Outcome.CALL_BACK


_OUTCOME_LABELS = {
    "reached": "Reached",
    "left_message": "Left a message",
    "no_answer": "No answer",
    "call_back": "Call back on…",
    "not_interested": "Not interested",
    "bought_elsewhere": "Bought elsewhere",
    "stop_contacting": "Stop contacting",
}


def outcome_label(value: str) -> str:
    """The words for a stored outcome; older free-text outcomes are shown as typed."""
    try:
        return Outcome(value).label
    except ValueError:
        return value


class FollowUpStatus(str, Enum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"open": "Open", "done": "Done", "cancelled": "Cancelled"}[self.value]


def source_key(kind: FollowUpKind, table: str, row_id: int | str) -> str:
    """The name of the event that makes a task, e.g. ``thank_you:agreement:12``.

    ``row_id`` may carry more than the row (``late:installment:12-7`` is installment
    7 of agreement 12; ``birthday:customer:5-2025`` is customer 5's birthday in 2025)."""
    return f"{_KEY_PREFIX[kind.value]}:{table}:{row_id}"


#: Days between a complaint's follow-ups while it stays open (the first is due 2 days after it is reported).
COMPLAINT_FIRST_DAYS = 2
COMPLAINT_REPEAT_DAYS = 7

_MARKETING = {"payoff_next_car", "return_check_in", "birthday", "bought_elsewhere", "win_back"}

_LABELS = {
    "thank_you_letter": "Send the thank-you letter",
    "payoff_next_car": "Payoff: ask about the next car and for referrals",
    "return_check_in": "Check in after the vehicle return",
    "late_payment_call": "Friendly call: a payment is late",
    "promise_due": "Promised payment day",
    "missed_appointment": "Missed appointment: sorry we missed you",
    "open_complaint": "Complaint: how is the repair going",
    "birthday": "Birthday this week",
    "bought_elsewhere": "Bought elsewhere: check in",
    "win_back": "Win them back today (manager)",
    "call_back": "Call back: they asked us to",
}

_DAYS = {
    "thank_you_letter": 0, "payoff_next_car": 60, "return_check_in": 30, "late_payment_call": 0,
    "promise_due": 0, "missed_appointment": 1, "open_complaint": COMPLAINT_FIRST_DAYS, "birthday": 0,
    "bought_elsewhere": 90, "win_back": 0, "call_back": 0,
}

_KEY_PREFIX = {
    "thank_you_letter": "thank_you", "payoff_next_car": "payoff", "return_check_in": "return",
    "late_payment_call": "late", "promise_due": "promise", "missed_appointment": "missed",
    "open_complaint": "complaint", "birthday": "birthday", "bought_elsewhere": "elsewhere",
    "win_back": "win_back", "call_back": "call_back",
}

_SCRIPTS = {
    "thank_you_letter": {
        "en": (
            "Sign and mail the thank-you letter today. If you call: \"Hi {name}, thank you for choosing us "
            "for your car. We're glad to have you, and if anything comes up, just call us — we're here to help.\""
        ),
        "es": (
            "Firme y envíe hoy la carta de agradecimiento. Si llama: \"Hola {name}, gracias por elegirnos "
            "para su carro. Nos alegra tenerle con nosotros; si algo se le ofrece, llámenos, estamos para ayudarle.\""
        ),
    },
    "payoff_next_car": {
        "en": (
            "\"Hi {name}, congratulations again on paying off your car — that's a real accomplishment. "
            "How is it running? Is anyone in your household thinking about a car soon? And if you know "
            "someone who could use a good car, we'd be glad to help them the same way.\""
        ),
        "es": (
            "\"Hola {name}, felicidades otra vez por terminar de pagar su carro; es un gran logro. "
            "¿Cómo le está funcionando? ¿Alguien en su familia está pensando en un carro pronto? "
            "Y si conoce a alguien que necesite un buen carro, con gusto le ayudamos igual.\""
        ),
    },
    "return_check_in": {
        "en": (
            "\"Hi {name}, we were thinking of you and wanted to see how you're doing. You don't owe us "
            "anything, and you're always welcome back. When the time is right for another car, "
            "we'd love to help — no pressure at all.\""
        ),
        "es": (
            "\"Hola {name}, nos acordamos de usted y queríamos saber cómo está. No nos debe nada, "
            "y siempre es bienvenido de vuelta. Cuando sea el momento para otro carro, "
            "con mucho gusto le ayudamos, sin ninguna presión.\""
        ),
    },
    "late_payment_call": {
        "en": (
            "\"Hi {name}, this is a friendly call from the dealership — just checking in. We noticed the last "
            "payment hasn't come through yet, and we wanted to make sure everything is all right. If something "
            "came up, tell us; we can usually work out a day that fits. When would be a good day for you?\""
        ),
        "es": (
            "\"Hola {name}, le llamamos de la agencia, solo para saludarle. Vimos que el último pago todavía no "
            "nos ha llegado y queríamos saber si todo está bien. Si se le presentó algo, cuéntenos; casi siempre "
            "podemos acordar un día que le convenga. ¿Qué día le queda bien?\""
        ),
    },
    "promise_due": {
        "en": (
            "\"Hi {name}, just a friendly reminder that today is the day we talked about for your payment. "
            "Thank you for keeping us in the loop — if the day needs to change, just let us know.\""
        ),
        "es": (
            "\"Hola {name}, solo un recordatorio amable: hoy es el día que acordamos para su pago. "
            "Gracias por mantenernos al tanto; si necesita cambiar el día, solo avísenos.\""
        ),
    },
    "missed_appointment": {
        "en": (
            "\"Hi {name}, I'm sorry I missed you at your appointment — I hope everything is okay. "
            "Would you like to pick another day and time that works better for you?\""
        ),
        "es": (
            "\"Hola {name}, siento no haberle visto en su cita; espero que todo esté bien. "
            "¿Quiere que busquemos otro día y hora que le quede mejor?\""
        ),
    },
    "open_complaint": {
        "en": (
            "\"Hi {name}, I'm calling about the problem you told us about with your car. We haven't forgotten — "
            "here is where the repair stands. Is there anything else you need from us in the meantime?\""
        ),
        "es": (
            "\"Hola {name}, le llamo por el problema que nos contó con su carro. No lo hemos olvidado; "
            "le cuento cómo va la reparación. ¿Necesita algo más de nosotros mientras tanto?\""
        ),
    },
    "birthday": {
        "en": "\"Hi {name}, we just wanted to wish you a very happy birthday from all of us at the dealership!\"",
        "es": "\"Hola {name}, ¡todos en la agencia le deseamos un muy feliz cumpleaños!\"",
    },
    "bought_elsewhere": {
        "en": (
            "\"Hi {name}, we were thinking of you and wanted to see how the car is treating you. "
            "If you ever need anything — or someone you know needs a car — we're always glad to help.\""
        ),
        "es": (
            "\"Hola {name}, nos acordamos de usted y queríamos saber cómo le va con el carro. "
            "Si alguna vez necesita algo, o alguien que conoce necesita un carro, con gusto le ayudamos.\""
        ),
    },
    "win_back": {
        "en": (
            "\"Hi {name}, thank you for telling us. Before you sign anything, may we take one more look? "
            "Tell us what mattered most — the price, the payment, the car — and we'll see honestly "
            "what we can do. Either way, you're always welcome here.\""
        ),
        "es": (
            "\"Hola {name}, gracias por avisarnos. Antes de firmar, ¿nos deja intentarlo una vez más? "
            "Díganos qué le importó más — el precio, el pago, el carro — y veremos con honestidad "
            "qué podemos hacer. De cualquier forma, aquí siempre es bienvenido.\""
        ),
    },
    "call_back": {
        "en": "\"Hi {name}, you asked us to call you back today — is now still a good time?\"",
        "es": "\"Hola {name}, nos pidió que le llamáramos hoy. ¿Es buen momento para hablar?\"",
    },
}
