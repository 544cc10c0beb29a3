"""Migration 2: relationship memory — contact preferences, several phones,
household cars, and a folded copy of note text for accent-free search."""

DESCRIPTION = "relationship: contact preferences, phones, household cars, note search"

STATEMENTS = [
    # How the customer likes to be reached (all off = nothing recorded yet).
    "ALTER TABLE customer ADD COLUMN contact_call BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE customer ADD COLUMN contact_text BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE customer ADD COLUMN contact_mail BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE customer ADD COLUMN contact_email BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE customer ADD COLUMN best_time TEXT NOT NULL DEFAULT ''",
    # More phones than the main one (which stays in customer.phone).
    """CREATE TABLE customer_phone (
        id {pk},
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT 'mobile',
        number TEXT NOT NULL,
        digits TEXT NOT NULL,
        created_at TIMESTAMP NOT NULL)""",
    "CREATE INDEX customer_phone_customer_id ON customer_phone (customer_id)",
    "CREATE INDEX customer_phone_number_digits ON customer_phone (digits)",
    "CREATE UNIQUE INDEX customer_phone_customer_id_number ON customer_phone (customer_id, number)",
    # Other cars in the household: the dealer wants to be the one they call.
    """CREATE TABLE household_car (
        id {pk},
        customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
        make TEXT NOT NULL,
        model TEXT NOT NULL DEFAULT '',
        year INTEGER,
        driver_id INTEGER REFERENCES household_member (id) ON DELETE SET NULL,
        driver TEXT NOT NULL DEFAULT '',
        replace_by DATE,
        replace_note TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TIMESTAMP NOT NULL)""",
    "CREATE INDEX household_car_customer_id ON household_car (customer_id)",
    "CREATE INDEX household_car_driver_id ON household_car (driver_id)",
    # Note text folded (lower case, no accents) for search. Notes written before
    # this migration keep '' and are folded when searched (see search_notes).
    "ALTER TABLE note ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
]
