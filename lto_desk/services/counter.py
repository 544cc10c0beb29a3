"""What the counter window reads: lookup as you type, the customer card, history."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from ..domain.errors import NotFound
from ..domain.ledger import AgreementState, Entry, EntryKind, Status
from ..domain.money import Cents
from ..domain.payment import Method
from ..domain.phone import display_phone
from ..domain.roles import Role
from ..domain.text import fold
from ..store.database import now as clock
from ..store.models import Agreement, Customer, Note, display_name, stored_day, vehicle_description
from ..store.reads import (
    agreements_of,
    clerk_names,
    entries_of_agreements,
    names_and_agreements,
    notes_of,
    number_matches,
)
from ..store.rows import by_id
from .base import Actor, require_role
from .complaints import ComplaintLine, open_complaints
from .ledger import ledger_with
from .outlooks import outlooks
from .relationship import search_notes
from ..store.search import CANDIDATES, customers_named, customers_with_phone

LOOKUP_LIMIT = 25
#: Longer searches are cut to this many characters (a name, a phone, a few note words).
LOOKUP_CHARS = 100
#: A receipt number as it prints: 000175.
RECEIPT_DIGITS = 6


class MatchKind(StrEnum):
    """What a lookup row was found by, as the row says it."""

    NAME = "name"
    PHONE = "phone"
    OTHER_PHONE = "other phone"
    RECEIPT = "receipt"
    STOCK = "stock"
    VIN = "VIN"
    NOTE = "note"


#: Kinds that may be another person than the one the clerk has in mind (a receipt
#: number that is also somebody's phone ending): opening one asks first.
ASK_BEFORE_OPENING = frozenset({MatchKind.RECEIPT, MatchKind.STOCK, MatchKind.VIN, MatchKind.NOTE})


@dataclass(frozen=True)
class LookupRow:
    """One lookup result.

    Attributes:
      customer_id; agreement_id: the agreement shown (the active one, else the latest).
      name: display name; vehicle: "2014 Honda Accord"; status: "Active" / "Paid off" / ...
      amount_due_now: cents due now on that agreement (0 when none).
      matched: what the typed text matched, when it was not the name ("phone", "receipt 123").
      kind: what it was found by; key: the receipt number as printed ("000175"), the stock
        number, "…" and the VIN's last six, or the note's words around the match.
    """

    customer_id: int
    agreement_id: int | None
    name: str
    vehicle: str
    status: str
    amount_due_now: Cents
    matched: str
    kind: MatchKind = MatchKind.NAME
    key: str = ""

    @property
    def found_by(self) -> str:
        """The kind as the row shows it: "phone", "receipt 000175", "VIN …004352", "note"."""
        return f"{self.kind} {self.key}" if self.kind in (MatchKind.RECEIPT, MatchKind.STOCK, MatchKind.VIN) else self.kind.value

    @property
    def asks_before_opening(self) -> bool:
        return self.kind in ASK_BEFORE_OPENING


def lookup(actor: Actor, text: str, *, limit: int = LOOKUP_LIMIT, as_of: dt.date | None = None) -> list[LookupRow]:
    """Customers matching what the clerk typed: any part of a name (case and
    accents ignored), 4+ phone digits, a stock number, the last 6 of a VIN, or
    a receipt number."""
    require_role(actor, Role.CLERK, "look up a customer")
    # Cut to what a search box means: a pasted page would make one SQL condition per word.
    raw = str(text or "").strip()[:LOOKUP_CHARS]
    if not raw:
        return []
    as_of = as_of or clock().date()
    found: dict[int, tuple[MatchKind, str, str]] = {}  # customer id -> (kind, key, matched); order = rank

    def add(ids, kind: MatchKind, key: str = "", how: str = "", room: int = limit) -> None:
        for cid in ids:
            if cid not in found and len(found) < room:
                found[cid] = (kind, key, how)

    digits = re.sub(r"\D", "", raw)
    compact = re.sub(r"[\s-]", "", raw).upper()
    only_number = bool(digits) and not re.search(r"[A-Za-z]", raw)
    # A receipt number, then a stock number, then the last 6 of a VIN: one query.
    receipt = int(digits) if only_number and len(digits) <= 9 else None
    vehicle_key = compact if compact.isalnum() and 3 <= len(compact) <= 12 else None
    numbers = number_matches(receipt, vehicle_key)
    # Digits that are a vehicle's stock number or VIN tail are not searched in phones
    # too: such a key is sparse (six characters of a 17-character serial, a lot's own
    # tag), so finding one means the clerk typed that key. A receipt number does not
    # stop the phone search: receipts are counted 1, 2, 3, ..., so once a dealer has
    # printed a few thousand, almost every phone ending is also some receipt's number.
    phones = []
    if only_number and len(digits) >= 4 and not any(by != "r" for _cid, by in numbers):
        # The main phone first, then the other phones; by name within each.
        phones = sorted(
            (digits not in phone_digits.split(" ", 1)[0], name, cid)
            for cid, phone_digits, name in customers_with_phone(digits, CANDIDATES)
        )

    def add_numbers() -> None:
        for cid, by in numbers:
            if by == "r":
                add((cid,), MatchKind.RECEIPT, f"{int(digits):0{RECEIPT_DIGITS}d}", f"receipt {int(digits)}")
            elif by == "s":
                add((cid,), MatchKind.STOCK, compact, f"stock {compact}")
            else:
                add((cid,), MatchKind.VIN, f"…{compact}", f"VIN …{compact}")

    def add_phones(room: int) -> None:
        for other, _name, cid in phones:
            kind = MatchKind.OTHER_PHONE if other else MatchKind.PHONE
            add((cid,), kind, "", kind.value, room)

    # Phones first: a clerk types a phone's last four far more often than a receipt
    # number, and a receipt row must not take the top (Enter) from the person whose
    # phone it is; the receipt's customer keeps a row below them. Only a receipt
    # typed as it prints (000175: no one types a phone that way) comes first.
    if len(digits) == RECEIPT_DIGITS and digits.startswith("0"):
        add_numbers()
        add_phones(limit)
    else:
        add_phones(limit - len({cid for cid, _by in numbers}))
        add_numbers()
    words = fold(raw).split()
    # Names hold no digits: text with one that found its vehicle or receipt is not a name.
    if words and not only_number and not (found and digits):
        add(customers_named(words, limit + len(found)), MatchKind.NAME)
        if len(found) < limit and len(raw) >= 3:
            # A word in a note finds the customer too, showing the words around it.
            for match in search_notes(actor, raw, limit - len(found)):
                # Whole-word starts only: "dust" should not find "industrial".
                note_words = re.findall(r"\w+", fold(match.snippet))
                if all(any(n.startswith(w) for n in note_words) for w in words):
                    add((match.customer_id,), MatchKind.NOTE, match.snippet, f"note: “{match.snippet}”")
    if not found:
        return []
    shown = _shown_agreements(list(found))
    due = outlooks(as_of, [row[3] for row in shown.values() if row[4] == Status.ACTIVE.value])
    rows = []
    for cid, (kind, key, how) in found.items():
        first, last, preferred, aid, status, year, make, model = shown[cid]
        rows.append(LookupRow(
            cid, aid, display_name(first, last, preferred), vehicle_description(year, make, model) if aid else "",
            Status(status).label if aid else "No agreement", due[aid].amount_due_now if aid in due else 0, how,
            kind, key,
        ))
    return rows


def _shown_agreements(customer_ids: list[int]) -> dict[int, tuple]:
    """Customer id -> (first, last, preferred, agreement id, status, year, make, model) of the
    agreement a lookup row shows: an active one first, else the latest (one query: it runs per keystroke)."""
    rows: dict[int, list[tuple]] = {}
    for cid, *rest in names_and_agreements(customer_ids):
        rows.setdefault(cid, []).append(tuple(rest))
    return {cid: _shown(found, lambda r: r[4]) for cid, found in rows.items()}


def _shown(agreements: list, status_of):
    """The agreement a customer is shown with: the latest active one, else the latest
    (``agreements`` oldest first; ``status_of`` reads one's status)."""
    active = [a for a in agreements if status_of(a) == Status.ACTIVE.value]
    return (active or agreements)[-1] if agreements else None


@dataclass(frozen=True)
class HistoryRow:
    """One line of a customer's payment history (voids visible)."""

    entry_id: int
    agreement_id: int
    receipt_number: int | None
    on: dt.date
    posted_at: dt.datetime
    kind: str
    description: str
    amount: Cents
    method: str
    clerk: str
    voided: bool
    void_reason: str


@dataclass(frozen=True)
class AgreementLine:
    """An agreement in the customer's whole history."""

    agreement_id: int
    vehicle: str
    stock_number: str
    opened_on: dt.date
    status: str
    closed_on: dt.date | None
    installments_paid: int
    number_of_payments: int
    note: str = ""  # why it was returned, for a returned one

    @property
    def progress(self) -> str:
        return f"{self.installments_paid} of {self.number_of_payments}"


@dataclass(frozen=True)
class NoteLine:
    note_id: int
    text: str
    tags: tuple[str, ...]
    author: str
    created_at: dt.datetime
    pinned: bool = False
    cue: bool = False


@dataclass(frozen=True)
class Card:
    """Everything the customer card shows when a customer is opened.

    Attributes:
      customer_id, name (display), preferred_name, phone (display), customer_since,
      last_visit (last touch), language, welcome_back.
      agreement_id / vehicle / vin_tail / stock_number / frequency: the agreement shown.
      state: that agreement's state as of today (None without an agreement).
      pinned: pinned notes; cues: open talk-about cues; notes: every note, newest first.
      history: payments and voids, newest first; agreements: all of them, newest first.
      complaints: the customer's complaints not yet resolved (they stay on the card until then).
    """

    customer_id: int
    name: str
    full_name: str
    preferred_name: str
    phone: str
    customer_since: dt.date
    last_visit: dt.datetime | None
    language: str
    welcome_back: bool
    agreement_id: int | None
    vehicle: str
    vin_tail: str
    stock_number: str
    frequency: str
    state: AgreementState | None
    pinned: tuple[NoteLine, ...]
    cues: tuple[NoteLine, ...]
    notes: tuple[NoteLine, ...]
    history: tuple[HistoryRow, ...]
    agreements: tuple[AgreementLine, ...]
    complaints: tuple[ComplaintLine, ...] = ()  # open ones (open or in repair), oldest first


_KIND_LABEL = {
    EntryKind.PAYMENT.value: "Payment",
    EntryKind.DOWN_PAYMENT.value: "Down payment",
    EntryKind.VOID.value: "Void",
    EntryKind.FEE_WAIVER.value: "Late fee waived",
    EntryKind.RETURN.value: "Vehicle returned",
    EntryKind.REFUND.value: "Goodwill refund",
    EntryKind.OPENING.value: "Paid before these books (brought over)",
    EntryKind.OPENING_FEE.value: "Late fees owed when brought over",
    EntryKind.PAST_PAYMENT.value: "Payment before these books (brought over)",
}


def _note_line(n: Note, clerks: dict[int, str]) -> NoteLine:
    return NoteLine(
        n.id, n.text, tuple(t for t in n.tags.split(",") if t), clerks.get(n.author_id, ""),
        n.created_at, n.pinned, n.is_cue,
    )


_METHOD_LABEL = {m.value: m.label for m in Method}


@dataclass(frozen=True)
class _Entry:
    id: int
    agreement: int
    receipt_number: int | None
    entry_date: dt.date
    created_at: dt.datetime
    kind: str
    amount: Cents
    method: str | None
    reference: str
    clerk: int
    reverses: int | None
    reason: str
    installment_number: int | None


def _entries_of(agreement_ids: list[int]) -> list[_Entry]:
    """Every entry of these agreements, newest first: plain rows (a long history is
    hundreds of them, and the card opens at every visit)."""
    if not agreement_ids:
        return []
    rows = entries_of_agreements(agreement_ids)
    instant = dt.datetime.fromisoformat
    return [
        _Entry(i, a, n, stored_day(on), instant(str(at)), kind, amount, method, reference or "", clerk, reverses,
               reason or "", number)
        for i, a, n, on, at, kind, amount, method, reference, clerk, reverses, reason, number in rows
    ]


def customer_card(
    actor: Actor, customer_id: int, *, as_of: dt.date | None = None, agreement_id: int | None = None,
) -> Card:
    """The card for one customer (the active agreement, or ``agreement_id``)."""
    require_role(actor, Role.CLERK, "open a customer's card")
    as_of = as_of or clock().date()
    # Query texts written out (or made once): the card opens at every visit, and peewee
    # building each query costs more than reading the rows.
    c = by_id(Customer, customer_id)
    if c is None:
        raise NotFound("That customer is not on file.")
    clerks = clerk_names()
    all_agreements = agreements_of(customer_id)
    shown = None
    if agreement_id is not None:
        shown = next((a for a in all_agreements if a.id == agreement_id), None)
    if shown is None:
        shown = _shown(all_agreements[::-1], lambda a: a.status)
    entries = _entries_of([a.id for a in all_agreements])
    state = None
    if shown is not None:  # replayed from the entries just read, not read again
        state = ledger_with(shown, [
            Entry(e.id, EntryKind(e.kind), e.entry_date, e.amount, e.reverses, e.installment_number)
            for e in reversed(entries) if e.agreement == shown.id
        ]).state(as_of)
    notes = notes_of(customer_id)
    entry_by_id = {e.id: e for e in entries}
    voids = {e.reverses: e for e in entries if e.kind == EntryKind.VOID.value}
    return_reasons = {e.agreement: e.reason for e in entries if e.kind == EntryKind.RETURN.value}
    history = []
    for e in entries:
        kind = e.kind
        description = _KIND_LABEL.get(kind, kind)
        if kind == EntryKind.VOID.value:
            original = entry_by_id.get(e.reverses)
            description = f"Void of receipt {original.receipt_number:06d}" if original and original.receipt_number else "Void"
        elif kind == EntryKind.FEE_WAIVER.value:
            description = f"Late fee waived (installment {e.installment_number})"
        method = _METHOD_LABEL.get(e.method, "")
        if e.reference and e.method == Method.CARD.value:
            method += f" …{e.reference}"
        elif e.reference:
            method += f" #{e.reference}"
        void = voids.get(e.id)
        history.append(
            HistoryRow(
                e.id, e.agreement, e.receipt_number, e.entry_date, e.created_at, kind, description,
                e.amount, method, clerks.get(e.clerk, ""), void is not None,
                void.reason if void is not None else (e.reason if kind == EntryKind.VOID.value else ""),
            )
        )
    return Card(
        customer_id=c.id,
        name=c.display_name,
        full_name=c.full_name,
        preferred_name=c.preferred_name or c.first_name,
        phone=display_phone(c.phone),
        customer_since=c.customer_since,
        last_visit=c.last_touch_at,
        language=c.language,
        welcome_back=c.welcome_back,
        agreement_id=shown.id if shown else None,
        vehicle=shown.vehicle.description if shown else "",
        vin_tail=shown.vehicle.vin_tail if shown else "",
        stock_number=shown.vehicle.stock_number if shown else "",
        frequency=shown.frequency if shown else "",
        state=state,
        pinned=tuple(_note_line(n, clerks) for n in notes if n.pinned and not n.is_cue),
        cues=tuple(_note_line(n, clerks) for n in notes if n.is_cue and n.cue_done_at is None),
        notes=tuple(_note_line(n, clerks) for n in notes),
        history=tuple(history),
        agreements=tuple(
            AgreementLine(
                a.id, a.vehicle.description, a.vehicle.stock_number, a.opened_on, Status(a.status).label,
                a.closed_on, a.installments_paid, a.number_of_payments, return_reasons.get(a.id, ""),
            )
            for a in all_agreements
        ),
        complaints=tuple(open_complaints(actor, customer_id)),
    )


def customer_of(actor: Actor, agreement_id: int) -> int:
    """The customer an agreement belongs to."""
    require_role(actor, Role.CLERK, "open an agreement's customer")
    row = Agreement.select(Agreement.customer).where(Agreement.id == agreement_id).first()
    if row is None:
        raise NotFound("That agreement is not on file.")
    return row.customer_id
