"""A vehicle handed back: why, its condition checklist, and the record kept of it
(one writer and one reader of what the return entry stores)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import InvalidInput
from .text import clean_text

#: Why a customer hands the vehicle back (key: what is stored; value: what a person reads).
RETURN_REASONS = {
    "cannot_afford": "Cannot afford it right now",
    "needs_changed": "Needs changed",
    "mechanical": "Mechanical trouble",
    "other": "Other",
}

#: The condition checklist at a return: each part is rated; mechanical is notes.
CONDITION_PARTS = {
    "exterior": "Exterior",
    "interior": "Interior",
    "tires": "Tires",
    "glass": "Glass",
    "lights": "Lights",
}
CONDITION_RATINGS = {"good": "Good", "fair": "Fair", "needs_work": "Needs work"}

MOST_KEYS = 10
MOST_ODOMETER = 2_000_000


def check_condition(condition: Mapping | None) -> dict:
    """The checklist as stored: ``{part: {"rating": r, "note": text}, ..., "mechanical": text}``.

    Every part must be rated; notes are optional (a "needs work" part asks for one)."""
    condition = condition or {}
    unknown = set(condition) - set(CONDITION_PARTS) - {"mechanical"}
    if unknown:
        raise InvalidInput(f"The checklist has no part called {sorted(unknown)[0]!r}.")
    out: dict = {}
    for part, label in CONDITION_PARTS.items():
        item = condition.get(part) or {}
        rating = item.get("rating", "") if isinstance(item, dict) else str(item)
        if rating not in CONDITION_RATINGS:
            raise InvalidInput(f"Rate the {label.lower()}: good, fair or needs work.")
        note = clean_text(item.get("note", "") if isinstance(item, dict) else "", f"the note on the {label.lower()}",
                          maximum=300)
        if rating == "needs_work" and not note:
            raise InvalidInput(f"Say what needs doing on the {label.lower()}.")
        out[part] = {"rating": rating, "note": note}
    out["mechanical"] = clean_text(condition.get("mechanical"), "the mechanical notes", maximum=1000, plural=True)
    return out


def in_good_condition(condition: Mapping) -> bool:
    """No part of the checklist needs work (the return letter thanks them for the care)."""
    return all((condition.get(part) or {}).get("rating") in ("good", "fair") for part in CONDITION_PARTS)


def checklist_lines(condition: Mapping) -> tuple[str, ...]:
    """The checklist in a line or two, parts grouped by rating ("Checklist not taken." when empty)."""
    if not condition:
        return ("Checklist not taken.",)
    groups: dict[str, list[str]] = {}
    for part, label in CONDITION_PARTS.items():
        item = condition.get(part) or {}
        rating = item.get("rating", "")
        if rating not in CONDITION_RATINGS:
            continue
        groups.setdefault(rating, []).append(label.lower() + (f" ({item['note']})" if item.get("note") else ""))
    lines = ["Checklist — " + "; ".join(
        f"{CONDITION_RATINGS[rating].lower()}: {', '.join(parts)}"
        for rating in CONDITION_RATINGS if (parts := groups.get(rating))
    )]
    if condition.get("mechanical"):
        lines.append(f"Mechanical: {condition['mechanical']}")
    return tuple(lines)


@dataclass(frozen=True)
class ReturnRecord:
    """What was recorded when a vehicle came back.

    Attributes:
      reason: a key of RETURN_REASONS.
      reason_text: the customer's words (required for "other"; may be empty otherwise).
      odometer: the reading at the return, or None when not taken.
      keys_returned: 0 to MOST_KEYS.
      condition: the checklist as :func:`check_condition` gives it; empty when not taken.
      notes: anything else the manager wrote.
    """

    reason: str
    reason_text: str = ""
    odometer: int | None = None
    keys_returned: int = 0
    condition: Mapping[str, Any] = field(default_factory=dict)
    notes: str = ""

    @classmethod
    def checked(
        cls, reason: str, *, reason_text: str = "", odometer: int | None = None, keys_returned: int = 0,
        condition: Mapping | None = None, notes: str = "",
    ) -> "ReturnRecord":
        """The record of what a person typed at a return, or InvalidInput naming the first problem.
        ``condition`` None: the checklist was not taken."""
        if reason not in RETURN_REASONS:
            raise InvalidInput("Choose the reason for the return.")
        reason_text = clean_text(
            reason_text, "the reason for the return", minimum=3 if reason == "other" else 0, maximum=300
        )
        if odometer is not None and not 0 <= odometer <= MOST_ODOMETER:
            raise InvalidInput("The odometer reading is not believable; please check it.")
        if not 0 <= keys_returned <= MOST_KEYS:
            raise InvalidInput(f"The number of keys returned is between 0 and {MOST_KEYS}.")
        checklist = check_condition(condition) if condition is not None else {}
        notes = clean_text(notes, "the notes", maximum=2000, plural=True)
        return cls(reason, reason_text, odometer, keys_returned, checklist, notes)

    @property
    def reason_label(self) -> str:
        """The reason in the customer's words, else as the list names it."""
        return self.reason_text or RETURN_REASONS.get(self.reason, "")

    @property
    def good_condition(self) -> bool:
        return in_good_condition(self.condition)

    def memo(self) -> str:
        """The text the return entry stores (read back by :meth:`from_memo`)."""
        return json.dumps({
            "reason": self.reason, "reason_text": self.reason_text, "odometer": self.odometer,
            "keys_returned": self.keys_returned, "condition": dict(self.condition), "notes": self.notes,
        }, sort_keys=True)

    @classmethod
    def from_memo(cls, memo: str | None) -> "ReturnRecord":
        details = json.loads(memo or "{}")
        odometer = details.get("odometer")
        return cls(
            reason=details.get("reason", ""), reason_text=details.get("reason_text") or "",
            odometer=None if odometer is None else int(odometer),
            keys_returned=int(details.get("keys_returned") or 0),
            condition=details.get("condition") or {}, notes=details.get("notes") or "",
        )

    def as_dict(self) -> dict:
        """The record as a plain mapping (what the return dialog and letters read)."""
        return json.loads(self.memo())

    def history_lines(self, fallback_reason: str = "") -> tuple[str, ...]:
        """The return as a vehicle's history shows it: reason, odometer and keys, checklist, notes."""
        facts = []
        if self.odometer is not None:
            facts.append(f"Odometer {self.odometer:,}")
        keys = self.keys_returned
        facts.append("no keys returned" if keys == 0 else f"{keys} key{'s' if keys != 1 else ''} returned")
        lines = [f"Reason: {self.reason_label or fallback_reason}", " · ".join(facts)]
        lines += checklist_lines(self.condition)
        if self.notes:
            lines.append(f"Notes: {self.notes}")
        return tuple(lines)
