"""Migration 4: the relationship at work — contact log, appointments, complaints,
customers who bought elsewhere, and "stop contacting".

``customer.contact_stopped_on``: the day the customer asked us to stop reaching
out; no marketing task is made for them and they are never on the mailing list.
A follow-up gains a ``detail`` line ("Installment 12 ($95.00) is 8 days late"),
``for_manager`` (a task only a manager works, e.g. winning a customer back), and
optional links to the appointment or complaint that made it.
"""

DESCRIPTION = "contact log, appointments, complaints, departures, stop contacting"

STATEMENTS = [
    "ALTER TABLE customer ADD COLUMN contact_stopped_on DATE",
    """CREATE TABLE appointment (
        id {pk},
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        agreement_id INTEGER REFERENCES agreement (id),
        purpose TEXT NOT NULL CHECK (purpose IN ('look_at_car', 'paperwork', 'service', 'other')),
        starts_at TIMESTAMP NOT NULL,
        status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'kept', 'missed', 'cancelled')),
        note TEXT NOT NULL DEFAULT '',
        booked_by_id INTEGER NOT NULL REFERENCES clerk (id),
        created_at TIMESTAMP NOT NULL,
        marked_at TIMESTAMP,
        marked_by_id INTEGER REFERENCES clerk (id))""",
    "CREATE INDEX appointment_customer_id ON appointment (customer_id)",
    "CREATE INDEX appointment_agreement_id ON appointment (agreement_id)",
    "CREATE INDEX appointment_starts_at ON appointment (starts_at)",
    """CREATE TABLE complaint (
        id {pk},
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        agreement_id INTEGER REFERENCES agreement (id),
        vehicle_id INTEGER REFERENCES vehicle (id),
        what TEXT NOT NULL,
        reported_on DATE NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('minor', 'serious', 'safety')),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_repair', 'resolved')),
        assigned_to_id INTEGER REFERENCES clerk (id),
        resolved_on DATE,
        resolved_by_id INTEGER REFERENCES clerk (id),
        resolution TEXT NOT NULL DEFAULT '',
        created_at TIMESTAMP NOT NULL,
        created_by_id INTEGER NOT NULL REFERENCES clerk (id))""",
    "CREATE INDEX complaint_customer_id ON complaint (customer_id)",
    "CREATE INDEX complaint_agreement_id ON complaint (agreement_id)",
    "CREATE INDEX complaint_vehicle_id ON complaint (vehicle_id)",
    "CREATE INDEX complaint_status ON complaint (status)",
    """CREATE TABLE departure (
        id {pk},
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        recorded_at TIMESTAMP NOT NULL,
        clerk_id INTEGER NOT NULL REFERENCES clerk (id),
        taken_delivery BOOLEAN NOT NULL,
        deciding_factor TEXT NOT NULL
            CHECK (deciding_factor IN ('price', 'payment', 'vehicle', 'other_offer', 'credit', 'other')),
        factor_text TEXT NOT NULL DEFAULT '',
        where_bought TEXT NOT NULL DEFAULT '',
        referrals_asked BOOLEAN NOT NULL DEFAULT FALSE,
        referral_names TEXT NOT NULL DEFAULT '',
        stay_in_touch BOOLEAN NOT NULL DEFAULT TRUE,
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX departure_customer_id ON departure (customer_id)",
    "CREATE INDEX departure_recorded_at ON departure (recorded_at)",
    "ALTER TABLE follow_up ADD COLUMN detail TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE follow_up ADD COLUMN for_manager BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE follow_up ADD COLUMN appointment_id INTEGER REFERENCES appointment (id)",
    "ALTER TABLE follow_up ADD COLUMN complaint_id INTEGER REFERENCES complaint (id)",
    """CREATE TABLE contact_log (
        id {pk},
        customer_id INTEGER NOT NULL REFERENCES customer (id),
        at TIMESTAMP NOT NULL,
        clerk_id INTEGER NOT NULL REFERENCES clerk (id),
        channel TEXT NOT NULL CHECK (channel IN ('call', 'text', 'visit', 'letter', 'email')),
        outcome TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        follow_up_id INTEGER REFERENCES follow_up (id),
        call_back_on DATE)""",
    "CREATE INDEX contact_log_customer_id_at ON contact_log (customer_id, at)",
    "CREATE INDEX contact_log_at ON contact_log (at)",
    "CREATE INDEX contact_log_follow_up_id ON contact_log (follow_up_id)",
]
