"""Relationship memory: the profile, extra phones, mailing consent, editing notes
(with history), talk-about cues, household cars, referrals, note search and the
dates that matter (birthdays, agreement anniversaries).

Every change runs in one unit of work (one transaction, one journal row) and
any clerk may make it. Results are frozen dataclasses of plain values.
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass, fields

from ..domain.dates import birthday_in
from ..domain.errors import InvalidInput, NotFound, Refused
from ..domain.ledger import Status
from ..domain.phone import display_phone, normalise_phone, phone_digits
from ..domain.roles import Role
from ..domain.text import clean_name, fold
from ..store.database import now as clock, write_transaction
from ..store.models import (
    Agreement, Clerk, Customer, CustomerPhone, HouseholdCar, HouseholdMember, Note, NoteRevision, display_name,
)
from .base import Actor, optional_text, require_role, required_text, unit_of_work
from ..store.search import notes_holding
from .customers import NOTE_TAGS, check_birthday, check_email, check_language, search_name_for, touch

PHONE_LABELS = ("mobile", "home", "work", "other")
SNIPPET_WIDTH = 70
SEARCH_LIMIT = 25
UPCOMING_DAYS = 30


class Keep(enum.Enum):
    """Marks a profile field left as it is (so ``None`` can mean "clear it")."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class ProfileChanges:
    """The profile fields to change; each left at ``KEEP`` stays as it is.

    ``birthday=None`` clears the birthday, ``referred_by=None`` clears the referrer;
    an empty string clears a text field (except ``language``).
    """

    preferred_name: str | Keep = KEEP
    language: str | Keep = KEEP
    phone: str | Keep = KEEP
    email: str | Keep = KEEP
    address1: str | Keep = KEEP
    address2: str | Keep = KEEP
    city: str | Keep = KEEP
    state: str | Keep = KEEP
    postal_code: str | Keep = KEEP
    birthday: dt.date | None | Keep = KEEP
    employer: str | Keep = KEEP
    contact_call: bool | Keep = KEEP
    contact_text: bool | Keep = KEEP
    contact_mail: bool | Keep = KEEP
    contact_email: bool | Keep = KEEP
    best_time: str | Keep = KEEP
    referred_by: int | None | Keep = KEEP


@dataclass(frozen=True)
class Consent:
    """Mailing-list consent after a change: on the list or not, date given, date of opt-out."""

    mailing_consent: bool
    consent_on: dt.date | None
    opted_out_on: dt.date | None


@dataclass(frozen=True)
class CueAsked:
    """A cue marked as asked; ``answer_note_id`` is the new note holding the answer (or None)."""

    note_id: int
    answer_note_id: int | None


@dataclass(frozen=True)
class NoteVersion:
    """One text a note has had: who wrote it and when; ``current`` for the text it has now."""

    text: str
    tags: tuple[str, ...]
    written_by: str
    written_at: dt.datetime
    current: bool


@dataclass(frozen=True)
class PhoneLine:
    phone_id: int
    label: str
    number: str  # E.164
    display: str  # (205) 555-0142


@dataclass(frozen=True)
class ReferralLine:
    """A customer in a referral list."""

    customer_id: int
    name: str
    customer_since: dt.date


@dataclass(frozen=True)
class NoteMatch:
    """A note matching a search: whose it is and the words around the match."""

    customer_id: int
    name: str
    note_id: int
    snippet: str


@dataclass(frozen=True)
class DateThatMatters:
    """A birthday or anniversary near ``today``.

    Attributes:
      kind: "birthday" (the customer), "anniversary" (an agreement), "household_birthday".
      who: the customer's or household member's name; relation: for household members.
      on: the day it falls this time; days_away: from today (negative: earlier this week).
      years: the age turned, or years since the agreement was opened (None when unknown).
      agreement_id: for an anniversary.
    """

    kind: str
    who: str
    on: dt.date
    days_away: int
    years: int | None
    relation: str = ""
    agreement_id: int | None = None


@dataclass(frozen=True)
class DatesThatMatter:
    """What the card's banner needs.

    Attributes:
      birthday: the customer's birthday when it falls this week (Monday–Sunday), else None.
      anniversaries: active agreements opened on this week's date in an earlier year.
      household_this_week: household birthdays this week.
      household_upcoming: household birthdays after this week, up to 30 days from today.
    """

    birthday: DateThatMatters | None
    anniversaries: tuple[DateThatMatters, ...]
    household_this_week: tuple[DateThatMatters, ...]
    household_upcoming: tuple[DateThatMatters, ...]

    @property
    def any(self) -> bool:
        return bool(self.birthday or self.anniversaries or self.household_this_week or self.household_upcoming)


# ----------------------------------------------------------------------------- helpers


def _customer(customer_id: int) -> Customer:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound("That customer is not on file.")
    return customer


def _note(note_id: int) -> Note:
    note = Note.get_or_none(Note.id == note_id)
    if note is None:
        raise NotFound("That note is not on file.")
    return note


def _tags(tags: tuple[str, ...] | list[str]) -> str:
    unknown = [t for t in tags if t not in NOTE_TAGS]
    if unknown:
        raise InvalidInput(f"Unknown tag: {', '.join(unknown)}. Tags are {', '.join(NOTE_TAGS)}.")
    return ",".join(dict.fromkeys(tags))


def _split_tags(tags: str) -> tuple[str, ...]:
    return tuple(t for t in tags.split(",") if t)


def _short_text(value: str, what: str, maximum: int = 200) -> str:
    return optional_text(value, f"the {what}", maximum=maximum)


def _check_referrer(customer_id: int, referrer_id: int) -> None:
    """Refuses a customer as their own referrer, or a referral that would go round in a circle."""
    if referrer_id == customer_id:
        raise Refused("A customer cannot be their own referrer; choose the customer who sent them.")
    referrer = Customer.get_or_none(Customer.id == referrer_id)
    if referrer is None:
        raise NotFound("The customer named as the referrer is not on file.")
    seen = {referrer_id}
    step = referrer.referred_by_id
    while step is not None:
        if step == customer_id:
            who = _customer(customer_id).display_name
            raise Refused(
                f"{referrer.display_name} was (directly or through others) referred by {who}, "
                f"so {who} cannot have been referred by {referrer.display_name}."
            )
        if step in seen:  # an old circle elsewhere: stop walking
            break
        seen.add(step)
        row = Customer.select(Customer.referred_by).where(Customer.id == step).first()
        step = row.referred_by_id if row else None


# ----------------------------------------------------------------------------- profile

_FIELD_WORDS = {"address1": "address (line 1)", "address2": "address (line 2)", "best_time": "best time to reach them"}


def update_profile(
    actor: Actor, customer_id: int, changes: ProfileChanges, *, at: dt.datetime | None = None
) -> None:
    """Change the customer's profile. Everything is checked before anything is saved."""
    require_role(actor, Role.CLERK, "change a customer's profile")
    at = at or clock()
    customer = _customer(customer_id)
    values: dict[str, object] = {}
    given = {f.name: getattr(changes, f.name) for f in fields(changes) if getattr(changes, f.name) is not KEEP}
    for name, value in given.items():
        if name == "preferred_name":
            values[name] = clean_name(value, "preferred name") if str(value or "").strip() else ""
        elif name == "language":
            values[name] = check_language(value)
        elif name == "phone":
            number = normalise_phone(value) if str(value or "").strip() else ""
            values["phone"] = number
            values["phone_digits"] = phone_digits(number)
        elif name == "email":
            values[name] = check_email(value)
        elif name == "birthday":
            if value is not None and not isinstance(value, dt.date):
                raise InvalidInput("The birthday is not a date.")
            values[name] = check_birthday(value, at.date())
        elif name.startswith("contact_"):
            values[name] = bool(value)
        elif name == "state":
            values[name] = _short_text(str(value or "").upper(), "state", 40)
        elif name == "referred_by":
            if value is not None:
                _check_referrer(customer.id, int(value))
            values[name] = value
        else:
            values[name] = _short_text(value, _FIELD_WORDS.get(name, name.replace("_", " ")))
    with unit_of_work(actor, "update_profile", at) as work:
        before = work.before(customer)
        for name, value in values.items():
            setattr(customer, name, value)
        customer.search_name = search_name_for(customer.first_name, customer.last_name, customer.preferred_name)
        customer.save()
        work.updated(customer, before)


def add_phone(
    actor: Actor, customer_id: int, number: str, label: str = "mobile", *, at: dt.datetime | None = None
) -> int:
    """Another phone for the customer (the main one stays in the profile)."""
    require_role(actor, Role.CLERK, "add a phone number")
    at = at or clock()
    label = str(label or "").strip().lower() or "mobile"
    if label not in PHONE_LABELS:
        raise InvalidInput(f"The phone's label is one of: {', '.join(PHONE_LABELS)}.")
    e164 = normalise_phone(number)
    customer = _customer(customer_id)
    if customer.phone == e164 or CustomerPhone.select().where(
        (CustomerPhone.customer == customer_id) & (CustomerPhone.number == e164)
    ).exists():
        raise Refused(f"{display_phone(e164)} is already on file for {customer.display_name}.")
    with unit_of_work(actor, "add_phone", at) as work:
        phone = CustomerPhone.create(
            customer=customer_id, label=label, number=e164, digits=phone_digits(e164), created_at=at
        )
        work.inserted(phone)
    return phone.id


def remove_phone(actor: Actor, phone_id: int, *, at: dt.datetime | None = None) -> None:
    """Remove one of the extra phones (the journal keeps what it was)."""
    require_role(actor, Role.CLERK, "remove a phone number")
    at = at or clock()
    phone = CustomerPhone.get_or_none(CustomerPhone.id == phone_id)
    if phone is None:
        raise NotFound("That phone number is not on file (it may have been removed already).")
    with unit_of_work(actor, "remove_phone", at) as work:
        work.deleted(phone)
        CustomerPhone.delete().where(CustomerPhone.id == phone_id).execute()


def phones_of(actor: Actor, customer_id: int) -> tuple[PhoneLine, ...]:
    """The customer's extra phones, in the order they were added."""
    require_role(actor, Role.CLERK, "see a customer's phone numbers")
    return tuple(
        PhoneLine(p.id, p.label, p.number, display_phone(p.number))
        for p in CustomerPhone.select().where(CustomerPhone.customer == customer_id).order_by(CustomerPhone.id)
    )


def set_mailing_consent(
    actor: Actor, customer_id: int, consent: bool, *, at: dt.datetime | None = None
) -> Consent:
    """On or off the mailing list. Consent records the day given (and clears an
    earlier opt-out); withdrawing records the day of opt-out and keeps the day
    consent was given. Asking for what is already so changes nothing."""
    require_role(actor, Role.CLERK, "change mailing-list consent")
    at = at or clock()
    customer = _customer(customer_id)
    with unit_of_work(actor, "set_mailing_consent", at) as work:
        before = work.before(customer)
        if consent and not customer.mailing_consent:
            customer.mailing_consent = True
            customer.consent_on = at.date()
            customer.opted_out_on = None
        elif not consent and (customer.mailing_consent or customer.opted_out_on is None):
            customer.mailing_consent = False
            customer.opted_out_on = at.date()
        customer.save()
        work.updated(customer, before)
    return Consent(customer.mailing_consent, customer.consent_on, customer.opted_out_on)


# ----------------------------------------------------------------------------- notes


def edit_note(
    actor: Actor, note_id: int, text: str, tags: tuple[str, ...], pinned: bool,
    *, at: dt.datetime | None = None,
) -> None:
    """Change a note's text, tags or pin (all three given, as the edit box shows them).
    The earlier text and tags are kept as a revision; changing only the pin keeps none."""
    require_role(actor, Role.CLERK, "edit a note")
    at = at or clock()
    text = required_text(text, "the note", maximum=4000)
    tag_text = _tags(tags)
    note = _note(note_id)
    with unit_of_work(actor, "edit_note", at) as work:
        if text != note.text or tag_text != note.tags:
            revision = NoteRevision.create(
                note=note.id, text=note.text, tags=note.tags, edited_by=actor.id, edited_at=at
            )
            work.inserted(revision)
        before = work.before(note)
        if (text, tag_text, bool(pinned)) != (note.text, note.tags, bool(note.pinned)):
            note.updated_at = at
        note.text, note.tags, note.pinned = text, tag_text, bool(pinned)
        note.search_text = fold(text)
        note.save()
        work.updated(note, before)


def mark_cue_asked(
    actor: Actor, note_id: int, answer: str | None = None, *, at: dt.datetime | None = None
) -> CueAsked:
    """Mark a talk-about cue as asked; a typed answer becomes a new note (with the cue's tags)."""
    require_role(actor, Role.CLERK, "mark a cue as asked")
    at = at or clock()
    answer_text = required_text(answer, "the answer", maximum=4000) if str(answer or "").strip() else None
    note = _note(note_id)
    if not note.is_cue:
        raise Refused("This note is not an ask-next-visit cue, so it cannot be marked as asked.")
    if note.cue_done_at is not None:
        raise Refused(f"This cue was already marked as asked on {note.cue_done_at:%m/%d/%Y}.")
    customer = _customer(note.customer_id)
    answer_id = None
    with unit_of_work(actor, "mark_cue_asked", at) as work:
        before = work.before(note)
        note.cue_done_at = at
        note.updated_at = at
        note.save()
        work.updated(note, before)
        if answer_text is not None:
            answer_note = Note.create(
                customer=customer.id, text=answer_text, tags=note.tags, pinned=False, is_cue=False,
                author=actor.id, created_at=at, updated_at=at, search_text=fold(answer_text),
            )
            work.inserted(answer_note)
            answer_id = answer_note.id
        touch(work, customer, at)
    return CueAsked(note.id, answer_id)


def note_history(actor: Actor, note_id: int) -> tuple[NoteVersion, ...]:
    """Every text the note has had, oldest first; the last one is its text now."""
    require_role(actor, Role.CLERK, "see a note's history")
    note = _note(note_id)
    clerks = {k.id: k.name for k in Clerk.select(Clerk.id, Clerk.name)}
    revisions = list(NoteRevision.select().where(NoteRevision.note == note_id).order_by(NoteRevision.id))
    versions: list[NoteVersion] = []
    by, when = clerks.get(note.author_id, ""), note.created_at
    for r in revisions:
        versions.append(NoteVersion(r.text, _split_tags(r.tags), by, when, False))
        by, when = clerks.get(r.edited_by_id, ""), r.edited_at
    versions.append(NoteVersion(note.text, _split_tags(note.tags), by, when, True))
    return tuple(versions)


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold`` without collapsing spaces, and for each folded character the original index."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).casefold()
        if ch.isspace():
            bare = " "
        out.append(bare)
        where.extend([i] * len(bare))
    return "".join(out), where


def snippet(text: str, words: list[str], width: int = SNIPPET_WIDTH) -> str:
    """The words of ``text`` around the first matching word (case and accents ignored)."""
    folded, where = _fold_with_map(text)
    hits = [folded.find(w) for w in words if w and folded.find(w) >= 0]
    if not hits or len(text) <= width:
        return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + " …"
    first = where[min(hits)]
    start = max(0, first - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    return ("… " if start > 0 else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def search_notes(actor: Actor, text: str, limit: int = SEARCH_LIMIT) -> list[NoteMatch]:
    """Customers whose notes hold every typed word (case and accents ignored),
    newest note first, one line per customer."""
    require_role(actor, Role.CLERK, "search customers' notes")
    words = fold(text).split()
    if not words or limit <= 0:
        return []

    found: list[NoteMatch] = []
    seen: set[int] = set()
    for note_id, text, customer_id, first, last, preferred in notes_holding(words):
        if len(found) >= limit:
            break
        if customer_id in seen:
            continue
        seen.add(customer_id)
        found.append(NoteMatch(customer_id, display_name(first, last, preferred), note_id, snippet(text, words)))
    return found


# ----------------------------------------------------------------------------- household & referrals


def add_household_car(
    actor: Actor, customer_id: int, make: str, model: str = "", year: int | None = None, *,
    driver: str = "", driver_member_id: int | None = None, replace_by: dt.date | None = None,
    replace_note: str = "", notes: str = "", at: dt.datetime | None = None,
) -> int:
    """Another car in the customer's household: who drives it and when it may need replacing."""
    require_role(actor, Role.CLERK, "add a household car")
    at = at or clock()
    make = required_text(make, "the car's make", maximum=60)
    model = _short_text(model, "car's model", 60)
    if year is not None and not (1900 <= int(year) <= at.year + 1):
        raise InvalidInput(f"{year} is not a car's model year; please check it.")
    driver = _short_text(driver, "driver's name", 80)
    replace_note = _short_text(replace_note, "note on replacing", 200)
    notes = optional_text(notes, "the notes", maximum=2000, plural=True)
    _customer(customer_id)
    if driver_member_id is not None:
        member = HouseholdMember.get_or_none(HouseholdMember.id == driver_member_id)
        if member is None or member.customer_id != customer_id:
            raise Refused("The driver chosen is not a member of this customer's household.")
        driver = driver or member.name
    with unit_of_work(actor, "add_household_car", at) as work:
        car = HouseholdCar.create(
            customer=customer_id, make=make, model=model, year=year, driver_member=driver_member_id,
            driver=driver, replace_by=replace_by, replace_note=replace_note, notes=notes, created_at=at,
        )
        work.inserted(car)
    return car.id


def _referral_line(c: Customer) -> ReferralLine:
    return ReferralLine(c.id, c.display_name, c.customer_since)


def referrals_of(actor: Actor, customer_id: int) -> tuple[ReferralLine, ...]:
    """The customers this one referred, oldest first."""
    require_role(actor, Role.CLERK, "see whom a customer referred")
    _customer(customer_id)
    return tuple(
        _referral_line(c)
        for c in Customer.select()
        .where(Customer.referred_by == customer_id)
        .order_by(Customer.customer_since, Customer.id)
    )


def referred_by(actor: Actor, customer_id: int) -> ReferralLine | None:
    """The customer who referred this one, if any."""
    require_role(actor, Role.CLERK, "see who referred a customer")
    referrer_id = _customer(customer_id).referred_by_id
    referrer = Customer.get_or_none(Customer.id == referrer_id) if referrer_id else None
    return _referral_line(referrer) if referrer else None


# ----------------------------------------------------------------------------- dates that matter


def _next_between(day: dt.date, start: dt.date, end: dt.date) -> dt.date | None:
    """The yearly recurrence of ``day`` that falls in [start, end], if any."""
    for year in (start.year, start.year + 1):
        when = birthday_in(day, year)
        if start <= when <= end:
            return when
    return None


def dates_that_matter(actor: Actor, customer_id: int, today: dt.date | None = None) -> DatesThatMatter:
    """The customer's birthday this week (Monday–Sunday), anniversaries of active
    agreements this week, and household birthdays this week and in the next 30 days."""
    require_role(actor, Role.CLERK, "see a customer's dates")
    today = today or clock().date()
    customer = _customer(customer_id)
    week_start = today - dt.timedelta(days=today.weekday())
    week_end = week_start + dt.timedelta(days=6)

    birthday = None
    if customer.birthday:
        when = _next_between(customer.birthday, week_start, week_end)
        if when is not None:
            birthday = DateThatMatters(
                "birthday", customer.display_name, when, (when - today).days, when.year - customer.birthday.year
            )

    anniversaries = []
    for a in Agreement.select().where(
        (Agreement.customer == customer_id) & (Agreement.status == Status.ACTIVE.value)
    ).order_by(Agreement.id):
        when = _next_between(a.opened_on, week_start, week_end)
        if when is not None and when.year > a.opened_on.year:
            anniversaries.append(
                DateThatMatters(
                    "anniversary", customer.display_name, when, (when - today).days,
                    when.year - a.opened_on.year, agreement_id=a.id,
                )
            )

    this_week: list[DateThatMatters] = []
    upcoming: list[DateThatMatters] = []
    horizon = max(week_end, today + dt.timedelta(days=UPCOMING_DAYS))
    for m in HouseholdMember.select().where(
        (HouseholdMember.customer == customer_id) & HouseholdMember.birthday.is_null(False)
    ):
        when = _next_between(m.birthday, week_start, horizon)
        if when is None:
            continue
        line = DateThatMatters(
            "household_birthday", m.name, when, (when - today).days, when.year - m.birthday.year, m.relation
        )
        (this_week if when <= week_end else upcoming).append(line)
    this_week.sort(key=lambda d: d.on)
    upcoming.sort(key=lambda d: d.on)
    return DatesThatMatter(birthday, tuple(anniversaries), tuple(this_week), tuple(upcoming))


__all__ = [
    "KEEP", "Consent", "CueAsked", "DateThatMatters", "DatesThatMatter", "Keep", "NoteMatch",
    "NoteVersion", "PhoneLine", "ProfileChanges", "ReferralLine", "add_household_car", "add_phone",
    "dates_that_matter", "edit_note", "mark_cue_asked", "note_history", "phones_of", "referrals_of",
    "referred_by", "remove_phone", "search_notes", "set_mailing_consent", "snippet", "update_profile",
]


# ----------------------------------------------------------------------------- reading a profile


@dataclass(frozen=True)
class Profile:
    """A customer's profile as the profile dialog shows it.

    Attributes: the customer's fields as stored (phone in display form), their
    extra phones, who referred them (id and name) and whom they referred.
    """

    customer_id: int
    name: str
    preferred_name: str
    language: str
    phone: str
    email: str
    address1: str
    address2: str
    city: str
    state: str
    postal_code: str
    birthday: dt.date | None
    employer: str
    contact_call: bool
    contact_text: bool
    contact_mail: bool
    contact_email: bool
    best_time: str
    mailing_consent: bool
    consent_on: dt.date | None
    opted_out_on: dt.date | None
    referred_by_id: int | None
    referred_by_name: str
    referrals: tuple[ReferralLine, ...]
    phones: tuple[PhoneLine, ...]


def profile_of(actor: Actor, customer_id: int) -> Profile:
    require_role(actor, Role.CLERK, "see a customer's profile")
    c = _customer(customer_id)
    referrer = referred_by(actor, customer_id)
    return Profile(
        customer_id=c.id, name=c.full_name, preferred_name=c.preferred_name, language=c.language,
        phone=display_phone(c.phone), email=c.email, address1=c.address1, address2=c.address2, city=c.city,
        state=c.state, postal_code=c.postal_code, birthday=c.birthday, employer=c.employer,
        contact_call=c.contact_call, contact_text=c.contact_text, contact_mail=c.contact_mail,
        contact_email=c.contact_email, best_time=c.best_time, mailing_consent=c.mailing_consent,
        consent_on=c.consent_on, opted_out_on=c.opted_out_on,
        referred_by_id=referrer.customer_id if referrer else None,
        referred_by_name=referrer.name if referrer else "",
        referrals=referrals_of(actor, customer_id), phones=phones_of(actor, customer_id),
    )


def customer_names(actor: Actor) -> list[tuple[int, str]]:
    """Everyone on file as (id, "Last, First"), for choosing a referrer."""
    require_role(actor, Role.CLERK, "list the customers")
    rows = Customer.select(Customer.id, Customer.first_name, Customer.last_name).order_by(
        Customer.last_name, Customer.first_name
    )
    return [(c.id, f"{c.last_name}, {c.first_name}") for c in rows]


def save_profile(
    actor: Actor, customer_id: int, changes: ProfileChanges, *, consent: bool | None = None,
    remove_phones: tuple[int, ...] = (), add: tuple[str, str] | None = None, at: dt.datetime | None = None,
) -> None:
    """Everything the profile form changed, all or nothing: profile fields, mailing-list
    consent, phones removed and a phone added (``add`` = (number, label))."""
    require_role(actor, Role.CLERK, "change a customer's profile")
    at = at or clock()
    with write_transaction():
        update_profile(actor, customer_id, changes, at=at)
        if consent is not None and consent != _customer(customer_id).mailing_consent:
            set_mailing_consent(actor, customer_id, consent, at=at)
        for phone_id in remove_phones:
            remove_phone(actor, phone_id, at=at)
        if add is not None:
            add_phone(actor, customer_id, add[0], add[1], at=at)
