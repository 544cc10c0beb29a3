"""A dealer's book as another system exports it: customers, inventory and accounts in
a layout unlike ours, for the import's tests and benchmark (issue 20).

    import source_book                      # tests/ on sys.path, as tests/helpers.py
    book = source_book.write_book(folder, today=dt.date(2026, 3, 16), errors=True)

Three files, ``customers.csv``, ``inventory.csv`` and ``accounts.csv`` (or ``.xlsx``):
the headers a small dealer's system prints ("Cust #", "Pmt Amt", "Freq" as W/BW/M…)
with a column or two we do not use ("Salesman", "Lot"); CSV in Windows-1252 as Excel
writes it, with accented names (José Muñoz, Zoë Peña), amounts like ``$1,234.50``,
dates as MM/DD/YYYY and phones typed every which way; ``.xlsx`` holds the same rows as
a dealer's Excel would: real date cells, amounts as numbers (1234.5).

Every account stands somewhere today: payments made, the balance the schedule leaves
(our own ``Terms.schedule()``, so the last installment's rounding is exact), the next
due date, late fees owed. ``Book.truth`` is that position per account, which an import
must reproduce to the cent. With ``errors=True`` thirty cells are spoilt the ways a
real export is (``Book.planted``: file, spreadsheet row, header, what), each one
problem in one cell, on rows nothing else depends on; every other cell is the same as
in the clean book of the same seed, so fixing the thirty cells gives the clean book.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.phone import normalise_phone
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms, add_months
from lto_desk.domain.vin import with_check_digit

ENCODING = "cp1252"

CUSTOMER_HEADERS = (
    "Cust #", "Last Name", "First Name", "Address", "City", "ST", "Zip",
    "Cell", "Home Phone", "Email", "DOB", "Salesman",
)
INVENTORY_HEADERS = ("Stock #", "Lot", "VIN", "Yr", "Make", "Model", "Color", "Miles", "Cost", "Price")
ACCOUNT_HEADERS = (
    "Acct #", "Cust #", "Stock #", "Salesman", "Contract Date", "Price", "Down", "Pmt Amt", "Freq",
    "Term", "First Due", "Pmts Made", "Balance", "Next Due", "Late Fees Due", "Last Pmt",
    "Late Fee", "Grace",
)
#: The columns no importer should map (they are ours to ignore).
UNUSED_HEADERS = ("Salesman", "Lot")

FILE_STEMS = {"customers": "customers", "vehicles": "inventory", "agreements": "accounts"}
HEADERS = {"customers": CUSTOMER_HEADERS, "vehicles": INVENTORY_HEADERS, "agreements": ACCOUNT_HEADERS}

#: The source's frequency codes.
FREQ_CODES = {Frequency.WEEKLY: "W", Frequency.BIWEEKLY: "BW", Frequency.MONTHLY: "M"}


class Position(NamedTuple):
    """Where one account stands today in the source (what the import must give).

    Attributes:
      balance: cents still owed on the payments (late fees not included).
      next_due: the due date of the first installment not paid (installment k + 1).
      late_fees_due: cents of late fees owed.
      payments_made: installments paid in full (k).
      customer_id: the customer's source id ("Cust #").
      stock_number: the vehicle's stock number ("Stock #").
    """

    balance: int
    next_due: dt.date
    late_fees_due: int
    payments_made: int
    customer_id: str
    stock_number: str


class Planted(NamedTuple):
    """One spoilt cell: the import must report exactly one problem at (file, row, header).

    Attributes:
      file: the file's name, e.g. "accounts.csv".
      row: the spreadsheet row (the header is row 1, the first data row 2).
      header: the file's header text of the column, e.g. "Pmt Amt".
      description: what is wrong, in a few words.
    """

    file: str
    row: int
    header: str
    description: str


@dataclass(frozen=True)
class Book:
    """A written book.

    Attributes:
      folder: where the files are.
      paths: kind ("customers", "vehicles", "agreements") -> the file.
      truth: account source id ("Acct #") -> its Position: always the clean book's
        (with errors=True: what an import gives once the planted cells are fixed).
      counts: kind -> data rows in its file.
      planted: the planted errors (empty when errors=False), by file then row.
      today: the day the positions are taken at.
    """

    folder: Path
    paths: dict[str, Path]
    truth: dict[str, Position]
    counts: dict[str, int]
    planted: list[Planted] = field(default_factory=list)
    today: dt.date | None = None

    @property
    def customers(self) -> Path:
        return self.paths["customers"]

    @property
    def vehicles(self) -> Path:
        return self.paths["vehicles"]

    @property
    def agreements(self) -> Path:
        return self.paths["agreements"]


# -- who and where ----------------------------------------------------------------

FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "David", "Elizabeth",
    "Richard", "Barbara", "Joseph", "Susan", "Thomas", "Jessica", "Charles", "Sarah", "Christopher", "Karen",
    "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley",
    "Steven", "Kimberly", "Paul", "Donna", "Andrew", "Emily", "Joshua", "Michelle", "Kenneth", "Carol",
    "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie", "Ronald", "Rebecca",
    "Jason", "Laura", "Tyler", "Brittany", "Dustin", "Crystal", "Travis", "Amber", "Cody", "Tasha",
    "Juan", "Carlos", "Luis", "Miguel", "Jorge", "Pedro", "Ana", "Rosa", "Carmen", "Guadalupe",
    "José", "María", "Jesús", "Raúl", "Inés", "Martín", "Sofía", "Andrés", "Ramón", "Joaquín",
    "Héctor", "Zoë", "François", "Renée", "Chloé", "Noël", "Belén", "Rubén", "Mary Ann", "Billy Ray",
)
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams",
    "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker",
    "Collins", "Edwards", "Stewart", "Morris", "Nguyen", "Murphy", "Cook", "Rogers", "Morgan", "Cooper",
    "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson",
    "Brooks", "Bennett", "Gray", "James", "Hughes", "Price", "Myers", "Long", "Foster", "Sanders",
    "Ross", "Powell", "Sullivan", "Russell", "Jenkins", "Perry", "Butler", "Barnes", "Fisher", "Henderson",
    "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton", "Graham", "Wallace", "Griffin", "Cole",
    "O'Brien", "McDonald", "Smith-Jones", "Flores", "Rivera", "Torres", "Reyes", "Cruz", "Morales", "Ortiz",
    "Ramos", "Castillo", "Mendoza", "Romero", "Herrera", "Medina", "Castro", "De La Cruz", "Garcia", "Vargas",
    "Muñoz", "Peña", "Nuñez", "Ibáñez", "Hernández", "Martínez", "Gómez", "Ramírez", "Domínguez", "Pérez",
    "Sánchez", "Rodríguez", "López", "Jiménez", "Gutiérrez", "González", "Chávez", "Álvarez", "Vásquez", "Díaz",
    "Fernández", "Bélanger", "Côté", "Lefèvre", "Müller", "Søndergård", "Brontë", "Tran",
)
STREETS = (
    "Oak", "Elm", "Maple", "Pine", "Cedar", "Walnut", "Cherry", "Hickory", "Main", "Church", "Market",
    "Glenstone", "Kearney", "Sunshine", "Battlefield", "Division", "Grand", "Chestnut", "Commercial",
    "National", "Campbell", "Fremont", "Delmar", "Jefferson", "Lincoln", "Washington", "Mulberry",
)
STREET_KINDS = ("St", "Ave", "Rd", "Dr", "Ln", "Blvd", "Ct", "Pl")
#: (city, state, first three digits of its ZIP codes, its area codes); the lot's town first.
PLACES = (
    ("Springfield", "MO", "658", ("417",)),
    ("Springfield", "MO", "658", ("417",)),
    ("Springfield", "MO", "658", ("417",)),
    ("Nixa", "MO", "657", ("417",)),
    ("Ozark", "MO", "657", ("417",)),
    ("Joplin", "MO", "648", ("417",)),
    ("Branson", "MO", "656", ("417",)),
    ("Lebanon", "MO", "654", ("417",)),
    ("St. Louis", "MO", "631", ("314",)),
    ("Kansas City", "MO", "641", ("816",)),
    ("Columbia", "MO", "652", ("573",)),
    ("Tulsa", "OK", "741", ("918",)),
    ("Fayetteville", "AR", "727", ("479",)),
    ("Little Rock", "AR", "722", ("501",)),
    ("Dallas", "TX", "752", ("214", "469", "972")),
)
EMAIL_DOMAINS = ("gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "att.net")
SALESPEOPLE = ("Rick", "Donna P.", "Manny", "Shawn", "Ramón", "")
LOTS = ("Main", "Main", "North", "Annex")

# -- what is on the lot -------------------------------------------------------------

#: (make, model, WMI)
MODELS = (
    ("Honda", "Accord", "1HG"), ("Honda", "Civic", "2HG"), ("Honda", "Odyssey", "5FN"), ("Honda", "CR-V", "2HK"),
    ("Ford", "Focus", "1FA"), ("Ford", "Fusion", "3FA"), ("Ford", "Escape", "1FM"), ("Ford", "F-150", "1FT"),
    ("Ford", "Explorer", "1FM"), ("Chevrolet", "Malibu", "1G1"), ("Chevrolet", "Impala", "2G1"),
    ("Chevrolet", "Equinox", "2GN"), ("Chevrolet", "Silverado 1500", "1GC"), ("Chevrolet", "Tahoe", "1GN"),
    ("Toyota", "Camry", "4T1"), ("Toyota", "Corolla", "2T1"), ("Toyota", "RAV4", "2T3"), ("Toyota", "Tacoma", "5TF"),
    ("Nissan", "Altima", "1N4"), ("Nissan", "Sentra", "3N1"), ("Nissan", "Rogue", "5N1"),
    ("Hyundai", "Elantra", "5NP"), ("Hyundai", "Sonata", "5NP"), ("Hyundai", "Santa Fe", "5XY"),
    ("Kia", "Optima", "5XX"), ("Kia", "Soul", "KND"), ("Kia", "Sorento", "5XY"),
    ("Dodge", "Grand Caravan", "2C4"), ("Dodge", "Charger", "2C3"), ("Ram", "1500", "1C6"),
    ("Jeep", "Grand Cherokee", "1C4"), ("Jeep", "Liberty", "1J4"), ("Chrysler", "200", "1C3"),
)
COLORS = ("White", "Black", "Silver", "Gray", "Red", "Blue", "Maroon", "Tan", "Green", "Gold", "Charcoal")
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # 2010 = A … 2030 = Y, 2031 = 1 …


def _year_code(year: int) -> str:
    return _YEAR_CODES[(year - 2010) % 30]


# -- cells ----------------------------------------------------------------------------
# A row holds typed values: str (text), int (a count or an id), dt.date, Decimal
# (dollars), None (empty). CSV writes them as the source's text, xlsx as native cells.


def dollars(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def csv_text(value: object) -> str:
    """How the source's export writes a cell."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        sign = "-" if value < 0 else ""
        return f"{sign}${abs(value):,f}"
    if isinstance(value, dt.date):
        return f"{value:%m/%d/%Y}"
    return str(value)


def _fill_dollars(rng: random.Random, low: int, high: int, step: int) -> int:
    """Cents: whole dollars from low to high in steps."""
    return rng.randrange(low, high + 1, step) * 100


@functools.cache
def _exchanges(area: str) -> tuple[str, ...]:
    """Forty exchanges of this area code that phonenumbers takes as valid."""
    pick = random.Random(f"exchanges {area}")
    found: list[str] = []
    while len(found) < 40:
        exchange = f"{pick.randrange(200, 1000)}"
        if exchange in found or exchange[1:] == "11" or exchange in ("555", "950", "958", "959", "976"):
            continue
        try:
            normalise_phone(f"{area}{exchange}2345")
        except InvalidInput:
            continue
        found.append(exchange)
    return tuple(found)


_PHONE_FORMS = (
    "({a}) {e}-{l}", "({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "{a}{e}{l}", "{a} {e} {l}", "1-{a}-{e}-{l}",
)


def _phone(rng: random.Random, areas: tuple[str, ...], taken: set[str]) -> str:
    while True:
        area = rng.choice(areas)
        exchange = rng.choice(_exchanges(area))
        line = f"{rng.randrange(10000):04d}"
        if area + exchange + line not in taken:
            taken.add(area + exchange + line)
            return rng.choice(_PHONE_FORMS).format(a=area, e=exchange, l=line)


def _ascii(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in bare if ch.isalnum() and ch.isascii()).lower()


def _ids(rng: random.Random, start: int, count: int) -> tuple[list[int], list[int]]:
    """``count`` increasing ids with the gaps a system leaves (deleted, sold): (ids, gaps)."""
    ids, gaps, n = [], [], start
    while len(ids) < count:
        if rng.random() < 0.12:
            gaps.append(n)
        else:
            ids.append(n)
        n += 1
    return ids, gaps


# -- the three tables ------------------------------------------------------------------


@dataclass
class _Tables:
    customers: list[list]
    vehicles: list[list]
    accounts: list[list]
    customer_gaps: list[int]
    stock_gaps: list[int]
    busy_customers: set[int]  # row indexes of customers on an account
    busy_vehicles: set[int]  # row indexes of vehicles on an account
    terms: dict[int, Terms]  # account row index -> its terms
    truth: dict[str, Position]


def _customers(rng: random.Random, count: int, today: dt.date) -> tuple[list[list], list[int]]:
    ids, gaps = _ids(rng, 1001, count)
    phones: set[str] = set()
    rows = []
    for cust in ids:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city, state, zip3, areas = rng.choice(PLACES)
        street = f"{rng.randrange(100, 9999)} {rng.choice('NSEW') + ' ' if rng.random() < 0.3 else ''}"
        street += f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
        if rng.random() < 0.15:
            street += f" Apt {rng.randrange(1, 40)}"
        cell = _phone(rng, areas, phones)
        home = _phone(rng, areas, phones) if rng.random() < 0.35 else ""
        email = ""
        if rng.random() < 0.55:
            email = f"{_ascii(first)}{rng.choice(('.', '', '_'))}{_ascii(last)}"
            email += f"{rng.randrange(1, 99) if rng.random() < 0.5 else ''}@{rng.choice(EMAIL_DOMAINS)}"
        dob = None
        if rng.random() < 0.9:
            dob = dt.date(today.year - rng.randrange(19, 75), rng.randrange(1, 13), rng.randrange(1, 29))
        zip_code = f"{zip3}{rng.randrange(100):02d}"
        rows.append([cust, last, first, street, city, state, zip_code, cell, home, email, dob,
                     rng.choice(SALESPEOPLE)])
    return rows, gaps


def _vehicles(rng: random.Random, count: int, today: dt.date) -> tuple[list[list], list[int]]:
    stocks, gaps = _ids(rng, 4100, count)
    vins: set[str] = set()
    rows = []
    for stock in stocks:
        make, model, wmi = rng.choice(MODELS)
        year = rng.randrange(2006, min(2020, today.year))
        while True:
            body = "".join(rng.choice(_VIN_CHARS) for _ in range(5))
            vin = with_check_digit(f"{wmi}{body}0{_year_code(year)}{rng.choice(_VIN_CHARS)}{rng.randrange(10**6):06d}")
            if vin not in vins:
                vins.add(vin)
                break
        price = rng.randrange(3500, 12001, 500) * 100 - 500  # $7,995.00
        cost = round(price * rng.uniform(0.35, 0.6) / 2500) * 2500
        miles = rng.randrange(60_000, 230_000)
        rows.append([stock, rng.choice(LOTS), vin, year, make, model, rng.choice(COLORS), miles,
                     dollars(cost), dollars(price)])
    return rows, gaps


_PAYMENTS = {  # frequency -> (lowest, highest, step) in whole dollars
    Frequency.WEEKLY: (60, 150, 5),
    Frequency.BIWEEKLY: (120, 300, 10),
    Frequency.MONTHLY: (250, 600, 25),
}
_PERIOD = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}


def _back(frequency: Frequency, day: dt.date, periods: int) -> dt.date:
    if frequency is Frequency.MONTHLY:
        return add_months(day, -periods)
    return day - dt.timedelta(days=_PERIOD[frequency] * periods)


def _account(rng: random.Random, price: int, today: dt.date) -> tuple[Terms, list, int, dt.date, int]:
    """Terms and the source's columns from "Contract Date" on, for a vehicle of this price."""
    frequency = rng.choices(list(_PAYMENTS), weights=(5, 3, 2))[0]
    cash_price = price - rng.choice((0, 0, 0, 0, 10000, 20000, 30000))  # a little off the sticker
    down = min(_fill_dollars(rng, 300, 1500, 50), cash_price - 200000)
    low, high, step = _PAYMENTS[frequency]
    fee = rng.choices((1500, 1000, 2000, 2500), weights=(6, 2, 1, 1))[0]
    grace = rng.choice((0, 3, 5, 5, 7, 10))
    payment = _fill_dollars(rng, low, high, step)
    count = -(-(cash_price - down) // payment)  # as Terms.by_payment_amount makes it
    # Up to two years into the schedule, at least one installment due and one still to pay.
    periods_per_year = {Frequency.WEEKLY: 52, Frequency.BIWEEKLY: 26, Frequency.MONTHLY: 12}[frequency]
    due_so_far = rng.randint(1, max(1, min(count - 1, periods_per_year * 2)))
    first_due = _back(frequency, today - dt.timedelta(days=rng.randrange(_PERIOD.get(frequency, 28))), due_so_far - 1)
    rest = {"cash_price": cash_price, "down_payment": down, "frequency": frequency, "first_due": first_due,
            "late_fee": LateFeePolicy(grace_days=grace, flat=fee)}
    if rng.random() < 0.35:  # a term chosen, the payment worked out to the cent ($104.81)
        terms = Terms.by_number_of_payments(number_of_payments=count, **rest)
    else:
        terms = Terms.by_payment_amount(payment_amount=payment, **rest)
    schedule = terms.schedule()
    dues = [i.due for i in schedule]
    n_due = bisect.bisect_right(dues, today)
    status = rng.random()
    if status < 0.68:  # current
        paid = n_due
    elif status < 0.73:  # a payment ahead
        paid = n_due + 1
    else:  # behind
        paid = n_due - rng.choice((1, 1, 1, 2, 2, 3, 4, 6))
    paid = max(0, min(paid, terms.number_of_payments - 1))
    late = sum(1 for i in schedule[paid:n_due] if i.due + dt.timedelta(days=grace) < today)
    if late == 0 and paid >= n_due and rng.random() < 0.05:
        late = 1  # paid the installment, not yet its fee
    fees_due = late * fee
    balance = terms.amount_financed - sum(i.amount for i in schedule[:paid])
    next_due = schedule[paid].due
    opened = _back(frequency, first_due, 1)
    last_paid = None
    if paid:
        last_paid = schedule[paid - 1].due + dt.timedelta(days=rng.randint(-3, 4))
        last_paid = max(opened, min(last_paid, today))
    columns = [opened, dollars(cash_price), dollars(down), dollars(terms.payment_amount), FREQ_CODES[frequency],
               terms.number_of_payments, first_due, paid, dollars(balance), next_due, dollars(fees_due),
               last_paid, dollars(fee), grace]
    return terms, columns, balance, next_due, fees_due


def _tables(rng: random.Random, customers: int, vehicles: int, agreements: int, today: dt.date) -> _Tables:
    if agreements > min(customers, vehicles):
        raise ValueError("Each account needs a customer and a vehicle of its own.")
    customer_rows, customer_gaps = _customers(rng, customers, today)
    vehicle_rows, stock_gaps = _vehicles(rng, vehicles, today)
    who = rng.sample(range(customers), agreements)
    what = sorted(rng.sample(range(vehicles), agreements))
    account_ids, _ = _ids(rng, 20001, agreements)
    accounts, truth, terms = [], {}, {}
    for index, (acct, c, v) in enumerate(zip(account_ids, who, what)):
        vehicle = vehicle_rows[v]
        cust, stock = customer_rows[c][0], vehicle[0]
        t, columns, balance, next_due, fees_due = _account(rng, int(vehicle[9] * 100), today)
        accounts.append([acct, cust, stock, rng.choice(SALESPEOPLE), *columns])
        terms[index] = t
        truth[str(acct)] = Position(balance, next_due, fees_due, columns[7], str(cust), str(stock))
    return _Tables(customer_rows, vehicle_rows, accounts, customer_gaps, stock_gaps,
                   set(who), set(what), terms, truth)


# -- the thirty planted errors ----------------------------------------------------------


class _Planter:
    """Spoils one cell at a time, each on a row no other planted error and (for customers
    and vehicles) no account uses, so each makes one problem and nothing follows from it."""

    def __init__(self, rng: random.Random, t: _Tables, names: dict[str, str]) -> None:
        self.rng, self.t, self.names = rng, t, names
        self.tables = {"customers": t.customers, "vehicles": t.vehicles, "agreements": t.accounts}
        self.busy = {"customers": t.busy_customers, "vehicles": t.busy_vehicles, "agreements": set()}
        self.used: dict[str, set[int]] = {kind: set() for kind in self.tables}
        self.planted: list[Planted] = []

    def row(self, kind: str, after: int = -1) -> int:
        free = [i for i in range(after + 1, len(self.tables[kind]))
                if i not in self.used[kind] and i not in self.busy[kind]]
        if not free:
            raise ValueError(f"Too few rows in the {kind} file to plant its errors.")
        index = self.rng.choice(free[: len(free) - 1] if after < 0 and len(free) > 1 else free)
        self.used[kind].add(index)
        return index

    def cell(self, kind: str, index: int, header: str) -> object:
        return self.tables[kind][index][HEADERS[kind].index(header)]

    def spoil(self, kind: str, header: str, description: str, value: object | Callable[[int], object]) -> None:
        index = self.row(kind)
        self.put(kind, index, header, description, value(index) if callable(value) else value)

    def put(self, kind: str, index: int, header: str, description: str, value: object) -> None:
        self.tables[kind][index][HEADERS[kind].index(header)] = value
        self.planted.append(Planted(self.names[kind], index + 2, header, description))

    def twice(self, kind: str, header: str, what: str) -> None:
        """A later row given an earlier row's value: the later one is the problem."""
        first = self.row(kind)
        second = self.row(kind, after=first)
        self.put(kind, second, header, f"{what} as row {first + 2}", self.cell(kind, first, header))


def _plant(rng: random.Random, t: _Tables, names: dict[str, str]) -> list[Planted]:
    """The thirty, 8 + 8 + 14, each to be reported at (file, row, the header named here):
    a value twice on the later row; an account's missing customer or vehicle on its
    "Cust #" or "Stock #"; a VIN whose check digit is wrong on "VIN" (the window only
    warns of it, an import from another system must stop on it); a Balance above the
    price less the down on "Balance"; more payments made than the term on "Pmts Made"."""
    p = _Planter(rng, t, names)
    C, V, A = "customers", "vehicles", "agreements"

    p.twice(C, "Cust #", "the same Cust #")
    p.spoil(C, "Last Name", "no last name", "")
    p.spoil(C, "Cell", "a phone with 5 digits", "86233")
    p.spoil(C, "Home Phone", "a phone with letters", "417-862-CASH")
    p.spoil(C, "Cell", "a phone with no such area code", "(555) 201-3344")
    p.spoil(C, "Email", "an email with no domain", "bob@")
    p.spoil(C, "Email", "an email whose domain has no dot", "maria.pena@gmail")
    p.spoil(C, "DOB", "no such date (month 13, day 45)", "13/45/2025")

    def vin(index: int) -> str:
        return str(p.cell(V, index, "VIN"))

    def wrong_check_digit(index: int) -> str:
        v = vin(index)
        return v[:8] + ("3" if v[8] != "3" else "4") + v[9:]

    p.spoil(V, "VIN", "a VIN whose check digit is wrong", wrong_check_digit)
    p.spoil(V, "VIN", "a VIN of 16 characters", lambda i: vin(i)[:16])
    p.spoil(V, "VIN", "a VIN with the letter O for a zero", lambda i: vin(i)[:12] + "O" + vin(i)[13:])
    p.twice(V, "VIN", "the same VIN")
    p.twice(V, "Stock #", "the same Stock #")
    p.spoil(V, "Yr", "a model year of 1850", 1850)
    p.spoil(V, "Miles", 'miles of "lots"', "lots")
    p.spoil(V, "Cost", "a cost with a comma in the wrong place", "$4,50.00")

    def terms(index: int) -> Terms:
        return t.terms[index]

    p.twice(A, "Acct #", "the same Acct #")
    p.spoil(A, "Cust #", "a Cust # not in the customers file", rng.choice(t.customer_gaps))
    p.spoil(A, "Stock #", "a Stock # not in the inventory file", rng.choice(t.stock_gaps))
    p.spoil(A, "Pmt Amt", 'a payment of "ninety"', "ninety")
    p.spoil(A, "Down", "a negative down payment", Decimal("-500.00"))
    p.spoil(A, "Late Fee", "a late fee with three decimals", Decimal("12.345"))
    p.spoil(A, "Freq", 'a frequency "Q"', "Q")
    p.spoil(A, "Term", 'a term of "abc"', "abc")
    p.spoil(A, "Pmts Made", "more payments made than the term", lambda i: terms(i).number_of_payments + rng.randint(1, 9))
    p.spoil(A, "Balance", "a balance larger than price less down",
            lambda i: dollars(terms(i).amount_financed + rng.randrange(100, 900) * 100))
    p.spoil(A, "First Due", "no such date (February 30)", "02/30/2024")
    p.spoil(A, "Next Due", "no such date (September 31)", "09/31/2025")
    p.spoil(A, "Late Fees Due", "negative late fees due", Decimal("-5.00"))
    p.spoil(A, "Grace", "a grace of 90 days (60 at most)", 90)
    order = list(names.values())
    return sorted(p.planted, key=lambda e: (order.index(e.file), e.row))


# -- writing ------------------------------------------------------------------------------


def _write_csv(path: Path, headers: tuple[str, ...], rows: list[list]) -> None:
    with open(path, "w", encoding=ENCODING, newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(headers)
        out.writerows([csv_text(v) for v in row] for row in rows)


def _write_xlsx(path: Path, title: str, headers: tuple[str, ...], rows: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, float(value))
                cell.number_format = '"$"#,##0.00'
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = "mm/dd/yyyy"
            else:
                cell = value  # text and counts need no format
            cells.append(cell)
        sheet.append(cells)
    book.save(path)


def write_book(
    folder: Path, *, customers: int = 1000, vehicles: int = 300, agreements: int = 250,
    today: dt.date, errors: bool, fmt: str = "csv", seed: int = 2026,
) -> Book:
    """Write the three files into ``folder`` and say what they hold.

    The same seed gives the same rows; ``errors=True`` differs from ``errors=False``
    only in the thirty planted cells (``Book.planted``)."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError('fmt is "csv" or "xlsx"')
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    t = _tables(rng, customers, vehicles, agreements, today)
    names = {kind: f"{stem}.{fmt}" for kind, stem in FILE_STEMS.items()}
    planted = _plant(random.Random(f"{seed} planted errors"), t, names) if errors else []
    paths = {kind: folder / name for kind, name in names.items()}
    rows = {"customers": t.customers, "vehicles": t.vehicles, "agreements": t.accounts}
    for kind, path in paths.items():
        if fmt == "csv":
            _write_csv(path, HEADERS[kind], rows[kind])
        else:
            _write_xlsx(path, FILE_STEMS[kind].title(), HEADERS[kind], rows[kind])
    return Book(folder, paths, t.truth, {kind: len(r) for kind, r in rows.items()}, planted, today)
