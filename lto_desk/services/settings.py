"""Dealership settings kept in the database (not QSettings): name, address, fees..."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields, replace
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.money import MAX_AMOUNT
from ..domain.roles import Role
from ..domain.terms import LateFeePolicy
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


def save_settings(actor: Actor, new: DealerSettings, *, at: dt.datetime | None = None) -> DealerSettings:
    """Save changed settings (manager or owner)."""
    require_role(actor, Role.MANAGER, "change settings")
    validate_settings(new)
    old = load_settings()
    with unit_of_work(actor, "save_settings", at or clock()) as work:
        for f in fields(DealerSettings):
            before, after = getattr(old, f.name), getattr(new, f.name)
            if before != after or not Setting.select().where(Setting.key == f.name).exists():
                Setting.insert(key=f.name, value=json.dumps(after)).on_conflict_replace().execute()
                work.record("setting", f.name, {"value": before}, {"value": after})
    return new


def update_settings(actor: Actor, **changes: Any) -> DealerSettings:
    """Change some settings by name (manager or owner)."""
    require_role(actor, Role.MANAGER, "change settings")
    return save_settings(actor, replace(load_settings(), **changes))
