"""The peewee models. The tables themselves are made by the numbered migrations.

Money columns are integer cents (BigIntegerField), never DecimalField: peewee's
DecimalField is NUMERIC on SQLite and comes back as a float.
"""

from __future__ import annotations

import datetime as dt
import functools

from peewee import (
    BigIntegerField,
    BooleanField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

db = DatabaseProxy()


def display_name(first: str, last: str, preferred: str) -> str:
    """What the counter calls a customer: the preferred first name when there is one."""
    if preferred and preferred != first:
        return f"{preferred} {last}".strip()
    return f"{first} {last}".strip()


def vehicle_description(year: int | None, make: str, model: str) -> str:
    return f"{year} {make} {model}".strip()


@functools.lru_cache(maxsize=8192)
def stored_day(value: object) -> dt.date:
    """A date column as a plain query returns it (ISO text, perhaps with a time part, on
    SQLite). Cached: a few thousand distinct days stand among millions of rows."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class SchemaInfo(BaseModel):
    """One row: the schema version this database is at."""

    version = IntegerField()

    class Meta:
        table_name = "schema_info"
        primary_key = False


class Setting(BaseModel):
    """A dealership setting: key -> JSON value."""

    key = TextField(primary_key=True)
    value = TextField()


class Clerk(BaseModel):
    name = TextField(unique=True)
    role = TextField()
    pin_hash = TextField()
    active = BooleanField(default=True)
    failed_pins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()
    #: Migration 8: lockouts in a row (1 minute, then 15, then until a manager unlocks).
    lockouts = IntegerField(default=0)


class Customer(BaseModel):
    first_name = TextField()
    last_name = TextField()
    preferred_name = TextField(default="")
    language = TextField(default="en")
    phone = TextField(default="")
    phone_digits = TextField(default="", index=True)
    email = TextField(default="")
    address1 = TextField(default="")
    address2 = TextField(default="")
    city = TextField(default="")
    state = TextField(default="")
    postal_code = TextField(default="")
    birthday = DateField(null=True)
    employer = TextField(default="")
    customer_since = DateField()
    last_touch_at = DateTimeField(null=True)
    welcome_back = BooleanField(default=False)
    mailing_consent = BooleanField(default=False)
    consent_on = DateField(null=True)
    opted_out_on = DateField(null=True)
    referred_by = ForeignKeyField("self", null=True, backref="referrals", column_name="referred_by_id")
    search_name = TextField(default="", index=True)
    created_at = DateTimeField()
    # Migration 2: how the customer likes to be reached.
    contact_call = BooleanField(default=False)
    contact_text = BooleanField(default=False)
    contact_mail = BooleanField(default=False)
    contact_email = BooleanField(default=False)
    best_time = TextField(default="")
    source_id = TextField(null=True)  # the previous system's id of an imported row
    # Migration 4: the day the customer asked us to stop reaching out (no marketing, no mailing list).
    contact_stopped_on = DateField(null=True)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.preferred_name)


class HouseholdMember(BaseModel):
    customer = ForeignKeyField(Customer, backref="household", on_delete="CASCADE")
    name = TextField()
    relation = TextField(default="")
    birthday = DateField(null=True)
    notes = TextField(default="")


class CustomerPhone(BaseModel):
    """A phone besides the main one (``Customer.phone``): label, E.164 number, digits for lookup."""

    customer = ForeignKeyField(Customer, backref="phones", on_delete="CASCADE")
    label = TextField(default="mobile")
    number = TextField()
    digits = TextField(index=True)
    created_at = DateTimeField()

    class Meta:
        table_name = "customer_phone"
        indexes = ((("customer", "number"), True),)


class HouseholdCar(BaseModel):
    """Another car in the customer's household, and when it may need replacing."""

    customer = ForeignKeyField(Customer, backref="household_cars", on_delete="CASCADE")
    make = TextField()
    model = TextField(default="")
    year = IntegerField(null=True)
    driver_member = ForeignKeyField(
        HouseholdMember, null=True, backref="cars", on_delete="SET NULL", column_name="driver_id"
    )
    driver = TextField(default="")
    replace_by = DateField(null=True)
    replace_note = TextField(default="")
    notes = TextField(default="")
    created_at = DateTimeField()

    class Meta:
        table_name = "household_car"


class Vehicle(BaseModel):
    stock_number = TextField(unique=True)
    vin = TextField(unique=True)
    vin_tail = TextField(index=True)
    year = IntegerField()
    make = TextField()
    model = TextField()
    trim = TextField(default="")
    color = TextField(default="")
    odometer = IntegerField(default=0)
    cost = BigIntegerField(default=0)
    price = BigIntegerField(default=0)
    status = TextField(default="available")
    created_at = DateTimeField()
    source_id = TextField(null=True)  # the previous system's id of an imported row

    @property
    def description(self) -> str:
        return vehicle_description(self.year, self.make, self.model)


class VehicleEvent(BaseModel):
    """What a person recorded about a vehicle outside its agreements: an inspection
    (its note), a removal from inventory (reason, note, the status it left), being
    put back (the status it went back to)."""

    vehicle = ForeignKeyField(Vehicle, backref="events")
    kind = TextField()
    at = DateTimeField()
    clerk_id = IntegerField(null=True)
    reason = TextField(default="")
    note = TextField(default="")
    from_status = TextField(default="")
    status = TextField(default="")

    class Meta:
        table_name = "vehicle_event"


class Agreement(BaseModel):
    customer = ForeignKeyField(Customer, backref="agreements")
    vehicle = ForeignKeyField(Vehicle, backref="agreements")
    cash_price = BigIntegerField()
    down_payment = BigIntegerField()
    payment_amount = BigIntegerField()
    number_of_payments = IntegerField()
    frequency = TextField()
    first_due = DateField()
    semi_day_1 = IntegerField(default=1)
    semi_day_2 = IntegerField(default=15)
    grace_days = IntegerField(default=0)
    fee_flat = BigIntegerField(default=0)
    fee_percent_bp = IntegerField(default=0)
    fee_cap = BigIntegerField(default=0)
    opened_on = DateField()
    opened_at = DateTimeField()
    opened_by = ForeignKeyField(Clerk, backref="+")
    # Cached from the ledger in the same transaction as every entry; `verify` recomputes them.
    status = TextField(default="active", index=True)
    paid_through = DateField(null=True)
    installments_paid = IntegerField(default=0)
    principal_remaining = BigIntegerField(default=0)
    closed_on = DateField(null=True)
    # Migration 6 (see domain/outlook.py): what is paid toward the first installment
    # still owed, and the late fees open beyond those of the installments still owed.
    paid_toward_next = BigIntegerField(default=0)
    fee_carry = BigIntegerField(default=0)
    source_id = TextField(null=True)  # the previous system's id of an imported row


class Installment(BaseModel):
    agreement = ForeignKeyField(Agreement, backref="installments")
    number = IntegerField()
    due_date = DateField()
    amount = BigIntegerField()

    class Meta:
        indexes = ((("agreement", "number"), True),)


class DrawerSession(BaseModel):
    """One cash drawer session at a counter (migration 5): opened with a float,
    closed by counting, then sealed. ``number`` is the Z number, gapless per counter."""

    counter_name = TextField()
    number = IntegerField()
    opened_at = DateTimeField()
    opened_by = ForeignKeyField(Clerk, backref="+")
    float_cents = BigIntegerField()
    status = TextField(default="open")  # open | sealed
    closed_at = DateTimeField(null=True)
    closed_by = ForeignKeyField(Clerk, null=True, backref="+")
    counted_cents = BigIntegerField(null=True)
    denominations = TextField(default="")  # JSON {denomination key: count}; '' when a total was typed
    expected_cents = BigIntegerField(null=True)
    over_short_cents = BigIntegerField(null=True)
    note = TextField(default="")
    #: Collections of every sealed session of this counter up to this one (set when sealed).
    grand_total_cents = BigIntegerField(null=True)

    class Meta:
        table_name = "drawer_session"
        indexes = ((("counter_name", "number"), True),)


class DrawerMovement(BaseModel):
    """Cash put in or taken out of the drawer without a sale, or the drawer opened for no sale."""

    session = ForeignKeyField(DrawerSession, backref="movements")
    kind = TextField()  # paid_in | paid_out | no_sale
    amount = BigIntegerField(default=0)
    reason = TextField()
    at = DateTimeField()
    clerk = ForeignKeyField(Clerk, backref="+")

    class Meta:
        table_name = "drawer_movement"


class LedgerEntry(BaseModel):
    """A money event on an agreement. Never updated, never deleted."""

    agreement = ForeignKeyField(Agreement, backref="entries")
    kind = TextField()
    entry_date = DateField()
    created_at = DateTimeField()
    amount = BigIntegerField(default=0)
    clerk = ForeignKeyField(Clerk, backref="+")
    approved_by = ForeignKeyField(Clerk, null=True, backref="+")
    reverses = ForeignKeyField("self", null=True, backref="reversals", column_name="reverses_id")
    installment_number = IntegerField(null=True)
    reason = TextField(default="")
    method = TextField(default="")
    tendered = BigIntegerField(null=True)
    change_given = BigIntegerField(null=True)
    reference = TextField(default="")
    memo = TextField(default="")
    receipt_number = IntegerField(null=True, unique=True)
    request_id = TextField(null=True, unique=True)
    # Migration 5: the drawer session money taken or given back at the counter went through.
    drawer_session = ForeignKeyField(
        DrawerSession, null=True, backref="entries", column_name="drawer_session_id"
    )


class Allocation(BaseModel):
    """How a payment was split when it was posted (what its receipt printed)."""

    entry = ForeignKeyField(LedgerEntry, backref="allocations")
    bucket = TextField()
    installment_number = IntegerField()
    amount = BigIntegerField()


class Counter(BaseModel):
    """Gapless counters (receipt numbers), advanced inside the paying transaction."""

    name = TextField(primary_key=True)
    value = BigIntegerField(default=0)


class Promise(BaseModel):
    agreement = ForeignKeyField(Agreement, backref="promises")
    promised_on = DateField()
    amount = BigIntegerField()
    note = TextField(default="")
    clerk = ForeignKeyField(Clerk, backref="+")
    created_at = DateTimeField()


class Note(BaseModel):
    customer = ForeignKeyField(Customer, backref="notes", on_delete="CASCADE")
    text = TextField()
    tags = TextField(default="")
    pinned = BooleanField(default=False)
    is_cue = BooleanField(default=False)
    cue_done_at = DateTimeField(null=True)
    author = ForeignKeyField(Clerk, backref="+")
    created_at = DateTimeField()
    updated_at = DateTimeField()
    #: ``fold(text)`` for search; derived, so not journaled ('' on notes older than migration 2).
    search_text = TextField(default="")


class NoteRevision(BaseModel):
    """An earlier text of an edited note."""

    note = ForeignKeyField(Note, backref="revisions", on_delete="CASCADE")
    text = TextField()
    tags = TextField(default="")
    edited_by = ForeignKeyField(Clerk, backref="+")
    edited_at = DateTimeField()


class Appointment(BaseModel):
    """A visit booked for a customer (migration 4): look at a car, paperwork, service."""

    customer = ForeignKeyField(Customer, backref="appointments")
    agreement = ForeignKeyField(Agreement, null=True, backref="appointments")
    purpose = TextField()
    starts_at = DateTimeField()
    status = TextField(default="booked")
    note = TextField(default="")
    booked_by = ForeignKeyField(Clerk, backref="+")
    created_at = DateTimeField()
    marked_at = DateTimeField(null=True)
    marked_by = ForeignKeyField(Clerk, null=True, backref="+")


class Complaint(BaseModel):
    """Something wrong with a vehicle, followed until it is resolved (migration 4)."""

    customer = ForeignKeyField(Customer, backref="complaints")
    agreement = ForeignKeyField(Agreement, null=True, backref="complaints")
    vehicle = ForeignKeyField(Vehicle, null=True, backref="complaints")
    what = TextField()
    reported_on = DateField()
    severity = TextField()
    status = TextField(default="open")
    assigned_to = ForeignKeyField(Clerk, null=True, backref="+")
    resolved_on = DateField(null=True)
    resolved_by = ForeignKeyField(Clerk, null=True, backref="+")
    resolution = TextField(default="")
    created_at = DateTimeField()
    created_by = ForeignKeyField(Clerk, backref="+")


class FollowUp(BaseModel):
    """A task to reach a customer, made by an event (migration 3).

    ``source_key`` names that event ("thank_you:agreement:12") and is unique, so
    running the event's code again never makes a second task."""

    customer = ForeignKeyField(Customer, backref="follow_ups")
    agreement = ForeignKeyField(Agreement, null=True, backref="follow_ups")
    kind = TextField()
    due_on = DateField()
    status = TextField(default="open")
    source_key = TextField(unique=True)
    created_at = DateTimeField()
    done_at = DateTimeField(null=True)
    done_by = ForeignKeyField(Clerk, null=True, backref="+")
    outcome = TextField(default="")
    note = TextField(default="")
    # Migration 4.
    detail = TextField(default="")  # e.g. "Installment 12 ($95.00) is 8 days late"
    for_manager = BooleanField(default=False)  # only a manager works it (e.g. win a customer back)
    appointment = ForeignKeyField(Appointment, null=True, backref="follow_ups", column_name="appointment_id")
    complaint = ForeignKeyField(Complaint, null=True, backref="follow_ups", column_name="complaint_id")

    class Meta:
        table_name = "follow_up"
        indexes = ((("status", "due_on"), False),)


class Departure(BaseModel):
    """A customer who bought elsewhere, and why (migration 4)."""

    customer = ForeignKeyField(Customer, backref="departures")
    recorded_at = DateTimeField()
    clerk = ForeignKeyField(Clerk, backref="+")
    taken_delivery = BooleanField()
    deciding_factor = TextField()
    factor_text = TextField(default="")
    where_bought = TextField(default="")
    referrals_asked = BooleanField(default=False)
    referral_names = TextField(default="")
    stay_in_touch = BooleanField(default=True)
    note = TextField(default="")


class ContactLog(BaseModel):
    """One contact with a customer (migration 4): a call, text, visit, letter or email and how it went."""

    customer = ForeignKeyField(Customer, backref="contacts")
    at = DateTimeField()
    clerk = ForeignKeyField(Clerk, backref="+")
    channel = TextField()
    outcome = TextField()
    note = TextField(default="")
    follow_up = ForeignKeyField(FollowUp, null=True, backref="contacts")
    call_back_on = DateField(null=True)

    class Meta:
        table_name = "contact_log"


class JournalRow(BaseModel):
    """Append-only: each row's hash covers the previous row's hash and its change."""

    at = DateTimeField()
    clerk_id = IntegerField(null=True)
    action = TextField()
    changes = TextField()
    prev_hash = TextField()
    hash = TextField()

    class Meta:
        table_name = "journal"


class JournalTouch(BaseModel):
    """Which rows (table, key) each journal row touched: the index that finds a row's
    journal entries without searching the journal's text (kept by journal.append)."""

    table_name = TextField()
    row_key = TextField()
    journal_id = BigIntegerField()

    class Meta:
        table_name = "journal_touch"
        primary_key = CompositeKey("table_name", "row_key", "journal_id")


ALL_MODELS = [
    SchemaInfo,
    Setting,
    Clerk,
    Customer,
    HouseholdMember,
    CustomerPhone,
    HouseholdCar,
    Vehicle,
    VehicleEvent,
    Agreement,
    Installment,
    DrawerSession,
    DrawerMovement,
    LedgerEntry,
    Allocation,
    Counter,
    Promise,
    Note,
    NoteRevision,
    FollowUp,
    Appointment,
    Complaint,
    Departure,
    ContactLog,
    JournalRow,
    JournalTouch,
]


class ChainKey(BaseModel):
    """From which journal row on the chain is keyed, and a check made with that key (migration 8)."""

    since = BigIntegerField(primary_key=True)
    made_at = DateTimeField()
    key_check = TextField()
    lost_at = DateTimeField(null=True)

    class Meta:
        table_name = "chain_key"


class Anchor(BaseModel):
    """The journal position a backup copy was sealed at, written into the copy (migration 8)."""

    at = DateTimeField()
    journal_id = BigIntegerField()
    hash = TextField()
    what = TextField()
