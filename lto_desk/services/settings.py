"""Dealership settings kept in the database (not QSettings): name, address, fees..."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields, replace
from typing import Any, Collection

from ..domain.errors import InvalidInput, Refused
from ..domain.money import MAX_AMOUNT, format_money
from ..domain.roles import Role
from ..domain.terms import LateFeePolicy
from ..domain.text import clean_text
from ..store.database import now as clock
from ..store.models import Setting
from .base import Actor, require_role, unit_of_work


@dataclass(frozen=True)
class DealerSettings:
    """Attributes: what the dealer sets once; every field has a sensible default."""

    dealer_name: str = "Our Dealership"
    address: str = ""
    phone: str = ""
    thank_you_en: str = "Thank you for being part of our family. See you next week!"
    thank_you_es: str = "Gracias por ser parte de nuestra familia. ¡Nos vemos la próxima semana!"
    receipt_format: str = "roll80"  # roll80 (80 mm roll) or letter
    printer: str = ""  # the receipt printer
    page_printer: str = ""  # letters and agreement summaries (US Letter pages)
    idle_lock_minutes: int = 10
    late_fee_grace_days: int = 3
    late_fee_flat: int = 1000
    late_fee_percent_bp: int = 0
    late_fee_cap: int = 0
    counter_name: str = "Counter 1"
    letter_signer: str = ""  # who signs every letter (e.g. the owner); empty: the clerk who did it
    title_delivery: str = "mail"  # at payoff the title is mailed, or ready to pick up
    title_ready_days: int = 10  # days after payoff the title is mailed / ready (0: not said)
    late_call_days: int = 5  # a friendly follow-up call once a payment is this many days late
    drawer_tolerance_cents: int = 500  # closing the drawer further over or short than this needs a note

    @property
    def late_fee_policy(self) -> LateFeePolicy:
        return LateFeePolicy(
            grace_days=self.late_fee_grace_days,
            flat=self.late_fee_flat,
            percent_bp=self.late_fee_percent_bp,
            cap=self.late_fee_cap,
        )


def load_settings() -> DealerSettings:
    stored = {row.key: json.loads(row.value) for row in Setting.select()}
    known = {f.name for f in fields(DealerSettings)}
    return DealerSettings(**{k: v for k, v in stored.items() if k in known})


#: The typed settings, each with its bound (and whether it keeps its line breaks).
_TYPED = {
    "dealer_name": (80, False), "address": (300, True), "phone": (40, False),
    "thank_you_en": (200, False), "thank_you_es": (200, False), "printer": (200, False),
    "page_printer": (200, False), "counter_name": (40, False), "letter_signer": (80, False),
}


def cleaned_settings(s: DealerSettings) -> DealerSettings:
    """The typed settings through the one free-text sanitiser (hidden and control characters
    out, spaces tidied, lengths bounded with a plain message)."""
    return replace(s, **{
        name: clean_text(getattr(s, name), f"the {LABELS[name].lower()}" if name in LABELS else name,
                         maximum=most, lines=lines)
        for name, (most, lines) in _TYPED.items()
    })


def validate_settings(s: DealerSettings) -> None:
    if not s.dealer_name.strip():
        raise InvalidInput("Please type the dealership's name.")
    if s.receipt_format not in ("roll80", "letter"):
        raise InvalidInput("The receipt format is either an 80 mm roll or US Letter.")
    if len(s.letter_signer) > 80:
        raise InvalidInput("The name that signs letters is too long (at most 80 characters).")
    if s.title_delivery not in ("mail", "pickup"):
        raise InvalidInput("At payoff the title is either mailed or picked up at the office.")
    if not 0 <= s.title_ready_days <= 60:
        raise InvalidInput("The title is ready within 0 to 60 days of the payoff.")
    if not 1 <= s.late_call_days <= 60:
        raise InvalidInput("The friendly call about a late payment is made 1 to 60 days after the due date.")
    if not isinstance(s.drawer_tolerance_cents, int) or not 0 <= s.drawer_tolerance_cents <= 100_00:
        raise InvalidInput("The drawer tolerance is between $0.00 and $100.00.")
    if not 1 <= s.idle_lock_minutes <= 240:
        raise InvalidInput("The idle lock is between 1 and 240 minutes.")
    if s.late_fee_flat > MAX_AMOUNT or s.late_fee_cap > MAX_AMOUNT:
        raise InvalidInput("The late fee is too large.")
    s.late_fee_policy  # raises InvalidInput for bad fee values


#: What each setting is called where the person sets it (the Settings dialog's rows).
LABELS = {
    "dealer_name": "Dealership name",
    "address": "Address",
    "phone": "Phone",
    "thank_you_en": "Thank-you line (English)",
    "thank_you_es": "Thank-you line (Spanish)",
    "receipt_format": "Receipt paper",
    "printer": "Receipt printer",
    "page_printer": "Letter printer",
    "idle_lock_minutes": "Lock when idle after",
    "late_fee_grace_days": "Late fee after",
    "late_fee_flat": "Flat fee ($)",
    "late_fee_percent_bp": "Percent (%)",
    "late_fee_cap": "Percent fee at most ($)",
    "counter_name": "This counter's name",
    "letter_signer": "Letters are signed by",
    "title_delivery": "At payoff, the title",
    "title_ready_days": "Title ready",
    "late_call_days": "Friendly call when",
    "drawer_tolerance_cents": "Drawer over/short note beyond ($)",
}


_MONEY = ("late_fee_flat", "late_fee_cap", "drawer_tolerance_cents")
_CHOICES = {
    "receipt_format": {"roll80": "80 mm receipt roll", "letter": "US Letter page"},
    "title_delivery": {"mail": "we mail the title", "pickup": "the customer picks it up"},
}
_UNITS = {"idle_lock_minutes": "minutes", "late_fee_grace_days": "days", "title_ready_days": "days after payoff",
          "late_call_days": "days late"}


def shown(name: str, value: Any) -> str:
    """A setting's value as the person reads it ($15.00, 7.5%, 10 minutes, none)."""
    if name in _MONEY:
        return format_money(value)
    if name == "late_fee_percent_bp":
        return f"{value / 100:g}%"
    if name in _CHOICES:
        return _CHOICES[name].get(value, str(value))
    if name in _UNITS:
        return f"{value} {_UNITS[name]}"
    return str(value) if value != "" else "none"


@dataclass(frozen=True)
class Clash:
    """A setting the person changed that another counter changed too, to something else,
    since the person's form was filled.

    Attributes:
      name: the DealerSettings field; label: what the dialog calls it.
      mine: what the person set; theirs: what the other counter saved (stored now).
    """

    name: str
    label: str
    mine: Any
    theirs: Any


class SettingsChanged(Refused):
    """Another counter changed a setting this save changes too: nothing was saved.

    Attributes:
      clashes: each such setting, with both values.
    """

    def __init__(self, clashes: tuple[Clash, ...]) -> None:
        said = "; ".join(
            f"{c.label} is now “{shown(c.name, c.theirs)}”, and you set “{shown(c.name, c.mine)}”" for c in clashes
        )
        super().__init__(
            f"Another counter changed the same settings a moment ago: {said}. Your settings were not saved. "
            "Open Settings again to see theirs and choose which to keep."
        )
        self.clashes = clashes


def changed_fields(base: DealerSettings, new: DealerSettings) -> tuple[str, ...]:
    """The settings ``new`` changes from ``base``, in the dialog's order."""
    return tuple(f.name for f in fields(DealerSettings) if getattr(new, f.name) != getattr(base, f.name))


def find_clashes(base: DealerSettings, new: DealerSettings, stored: DealerSettings) -> tuple[Clash, ...]:
    """The settings ``new`` changes from ``base`` that are stored now with a third value
    (another counter changed them since ``base`` was read). The same change made at two
    counters is no clash."""
    return tuple(
        Clash(name, LABELS.get(name, name), getattr(new, name), getattr(stored, name))
        for name in changed_fields(base, new)
        if getattr(stored, name) not in (getattr(base, name), getattr(new, name))
    )


def on_top_of(stored: DealerSettings, base: DealerSettings, new: DealerSettings,
              keep_theirs: Collection[str] = ()) -> DealerSettings:
    """``stored`` with the settings ``new`` changes from ``base`` set as in ``new``, but
    those named in ``keep_theirs``: what the person's save makes of the settings stored
    now (saved with ``stored`` as its base, it writes only those)."""
    mine = {name: getattr(new, name) for name in changed_fields(base, new) if name not in keep_theirs}
    return replace(stored, **mine)


def save_settings(
    actor: Actor, new: DealerSettings, *, base: DealerSettings | None = None, at: dt.datetime | None = None
) -> DealerSettings:
    """Save the settings (manager or owner); the settings as stored after it.

    ``base``: the settings the person's form started from. Only the settings ``new``
    changes from it are written, so what another counter saved meanwhile in any other
    setting stays; one that counter changed too, to something else, raises
    SettingsChanged (with both values) and nothing is saved: the person chooses, and
    saves ``on_top_of(stored, base, new, keep_theirs)`` with what is stored now as
    ``base``. Without ``base``, every setting
    that differs from what is stored is written (the demo's set-up).
    """
    require_role(actor, Role.MANAGER, "change settings")
    new = cleaned_settings(new)
    validate_settings(new)
    with unit_of_work(actor, "save_settings", at or clock()) as work:
        stored = load_settings()  # inside the write lock: no counter saves between this read and the writes
        if base is None:
            base = stored
        clashes = find_clashes(base, new, stored)
        if clashes:
            raise SettingsChanged(clashes)
        result = on_top_of(stored, base, new)
        validate_settings(result)
        for f in fields(DealerSettings):
            before, after = getattr(stored, f.name), getattr(result, f.name)
            if before != after or not Setting.select().where(Setting.key == f.name).exists():
                Setting.insert(key=f.name, value=json.dumps(after)).on_conflict_replace().execute()
                work.record("setting", f.name, {"value": before}, {"value": after})
    return result


def update_settings(actor: Actor, **changes: Any) -> DealerSettings:
    """Change the settings named (manager or owner); every other stays as stored."""
    require_role(actor, Role.MANAGER, "change settings")
    base = load_settings()
    return save_settings(actor, replace(base, **changes), base=base)
