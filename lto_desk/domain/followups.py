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

    @property
    def label(self) -> str:
        return _LABELS[self.value]

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


class FollowUpStatus(str, Enum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"open": "Open", "done": "Done", "cancelled": "Cancelled"}[self.value]


def source_key(kind: FollowUpKind, table: str, row_id: int) -> str:
    """The name of the event that makes a task, e.g. ``thank_you:agreement:12``."""
    return f"{_KEY_PREFIX[kind.value]}:{table}:{row_id}"


_LABELS = {
    "thank_you_letter": "Send thank-you letter — today",
    "payoff_next_car": "Payoff: ask about the next car and for referrals",
    "return_check_in": "Check in after the vehicle return",
}

_DAYS = {"thank_you_letter": 0, "payoff_next_car": 60, "return_check_in": 30}

_KEY_PREFIX = {"thank_you_letter": "thank_you", "payoff_next_car": "payoff", "return_check_in": "return"}

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
}
