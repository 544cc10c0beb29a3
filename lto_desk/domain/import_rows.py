"""Each row of an import file checked with the program's own parsers, so a problem reads
as the window would say it ("row 12, Pmt Amt: “ninety” has letters in it"), and the
rules across the rows of one file (a VIN twice, an account number twice).

Every problem of every row is reported. Row 1 is the header, as in a spreadsheet; a
problem with the column mapping itself is reported on row 1. Rows left completely
blank between others are skipped. Nothing here reads the database: whether a customer
or vehicle is already on file is the import service's question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .customer_rules import check_birthday, check_email, check_language
from .dates import parse_date
from .errors import InvalidInput
from .import_columns import ImportKind, mapping_problems
from .money import Cents, parse_amount, parse_percent
from .payment import Method
from .phone import normalise_phone
from .terms import MAX_GRACE_DAYS, MAX_INSTALLMENTS, Frequency, LateFeePolicy
from .text import NOTE_MAX, clean_name, clean_text, fold, quoted, spreadsheet_text
from .vehicles import check_model_year, check_odometer
from .vin import check_vin

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in one cell (or one row) of the file.

    Attributes:
      row: the spreadsheet's row: the header is row 1, the first data row is 2.
      column: the file's header of the cell ("" when it is about the whole row).
      message: the parser's own sentence, e.g. '“ninety” has letters in it; …'.
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CustomerRecord:
    """A customer row as it will be kept.

    Attributes:
      row: the spreadsheet row it came from.
      source_id: the customer's number in the other system ("" when the file has none).
      phone, other_phone: E.164 (``+15551234567``) or "".
      language: "en" or "es".
      customer_since: None when the file does not say (the import uses its own day).
    """

    row: int
    source_id: str
    first_name: str
    last_name: str
    preferred_name: str
    phone: str
    other_phone: str
    email: str
    address1: str
    address2: str
    city: str
    state: str
    postal_code: str
    birthday: dt.date | None
    employer: str
    customer_since: dt.date | None
    language: str
    note: str


@dataclass(frozen=True)
class VehicleRecord:
    """A vehicle row as it will be kept.

    Attributes:
      source_id: the other system's id; the stock number when the file has none.
      vin: checked (17 characters, upper case, its check digit right unless accepted).
      cost, price: cents (0 when empty).
    """

    row: int
    source_id: str
    stock_number: str
    vin: str
    year: int
    make: str
    model: str
    trim: str
    color: str
    odometer: int
    cost: Cents
    price: Cents


@dataclass(frozen=True)
class AgreementRecord:
    """A running agreement as the other system has it today: its terms and its position.

    Attributes:
      customer_id: the customer's source id (in this batch or on file).
      stock_number, vin: the vehicle's; at least one is given ("" for the other).
      fee_flat, fee_percent_bp, fee_cap: the late-fee policy (percent in basis points).
      payments_made: payments made in full, or None when the file gives the balance.
      balance: what is still owed on the payments (late fees not included), or None.
      next_due: the due date of the first payment not paid in full.
      late_fees_due: late fees owed today, in cents.
    """

    row: int
    source_id: str
    customer_id: str
    stock_number: str
    vin: str
    cash_price: Cents
    down_payment: Cents
    payment_amount: Cents
    frequency: Frequency
    number_of_payments: int
    first_due: dt.date | None
    opened_on: dt.date | None
    grace_days: int
    fee_flat: Cents
    fee_percent_bp: int
    fee_cap: Cents
    payments_made: int | None
    balance: Cents | None
    next_due: dt.date
    late_fees_due: Cents
    last_payment_on: dt.date | None

    @property
    def financed(self) -> Cents:
        """The amount financed: the cash price less the down payment."""
        return self.cash_price - self.down_payment


@dataclass(frozen=True)
class PaymentRecord:
    """One payment of an agreement's history in the other system (``agreement_id``: the
    account's source id); the history is replayed instead of the account's position."""

    row: int
    agreement_id: str
    paid_on: dt.date
    amount: Cents
    method: Method
    reference: str

    @property
    def source_id(self) -> str:
        return self.agreement_id


Record = CustomerRecord | VehicleRecord | AgreementRecord | PaymentRecord


@dataclass(frozen=True)
class CheckedRows:
    """A file's rows checked.

    Attributes:
      records: the records of the rows with no problem, in file order.
      problems: every problem of every row, by row (then by column, left to right).
    """

    kind: ImportKind
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]

    @property
    def rows_with_problems(self) -> int:
        return len({p.row for p in self.problems})


class Table(Protocol):
    """What the checks read of a file (services/import_files.SourceTable is one)."""

    @property
    def headers(self) -> Sequence[str]: ...

    @property
    def rows(self) -> Sequence[Sequence[str]]: ...


def check_rows(
    kind: ImportKind | str, table: Table, mapping: dict[str, str], today: dt.date, *,
    accept_vin_warnings: bool = False,
) -> CheckedRows:
    """Check every row of ``table`` (its ``headers`` and ``rows``, ``rows[i]`` being
    spreadsheet row ``i + 2``) with ``mapping`` (our key → the file's header).

    ``today`` is the dealership's day (birthdays and contract dates are not after it).
    ``accept_vin_warnings``: a VIN whose check digit does not match is taken (as the
    vehicle form lets a person accept it) instead of reported."""
    kind = ImportKind(kind)
    headers = list(table.headers)
    trouble = mapping_problems(kind, mapping, headers)
    if trouble:
        return CheckedRows(kind, (), tuple(Problem(1, "", m) for m in trouble))
    columns = {key: headers.index(header) for key, header in mapping.items()}
    read_row = _READERS[kind]
    records: list[Record] = []
    problems: list[Problem] = []
    seen = _Seen(kind, mapping)
    for index, cells in enumerate(table.rows):
        if not any(str(c).strip() for c in cells):
            continue  # a blank line between rows in the spreadsheet
        row = _Row(index + 2, cells, columns, mapping, today, accept_vin_warnings)
        if len(cells) > len(headers):
            row.whole_row(
                f"The row has {len(cells)} cells but the header has {len(headers)}; a value with a comma "
                "in it (like $1,234.50) needs quotes around it, or the CSV has to use another delimiter."
            )
        record = read_row(row)
        seen.check(row)
        problems.extend(sorted(row.problems, key=lambda p: (headers.index(p.column) if p.column else -1)))
        if record is not None and not row.problems:
            records.append(record)
    return CheckedRows(kind, tuple(records), tuple(problems))


# ---------------------------------------------------------------------------------------
# One row's cells, read with the program's parsers.


@dataclass
class _Row:
    number: int
    cells: Sequence[str]
    columns: dict[str, int]
    mapping: dict[str, str]
    today: dt.date
    accept_vin_warnings: bool
    problems: list[Problem] = field(default_factory=list)

    def has(self, key: str) -> bool:
        """Whether the file has a column for ``key``."""
        return key in self.columns

    def text(self, key: str) -> str:
        """The cell for ``key`` stripped, "" when the file has no such column; text a
        spreadsheet export kept from running as a formula (``'=…``, ``'+1 555…``: our own
        export's, OWASP's advice) without its apostrophe."""
        index = self.columns.get(key)
        if index is None or index >= len(self.cells):
            return ""
        return spreadsheet_text(str(self.cells[index] or "").strip()).strip()

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.number, self.mapping.get(key, ""), message))

    def whole_row(self, message: str) -> None:
        self.problems.append(Problem(self.number, "", message))

    def check(self, key: str, rule: Callable[[], object]) -> None:
        """Run a rule about the row; what it refuses is a problem in ``key``'s column."""
        try:
            rule()
        except InvalidInput as exc:
            self.problem(key, exc.message)

    def read(self, key: str, parse: Callable[[str], T], default: T) -> T:
        """``parse`` of the cell, ``default`` for an empty cell; a problem (and ``default``)
        when the parser refuses it."""
        raw = self.text(key)
        if not raw:
            return default
        try:
            return parse(raw)
        except InvalidInput as exc:
            self.problem(key, exc.message)
            return default

    def need(self, key: str, parse: Callable[[str], T], empty: str) -> T | None:
        """``parse`` of a cell that must be filled; ``empty`` is said when it is not."""
        if not self.text(key):
            self.problem(key, empty)
            return None
        return self.read(key, parse, None)

    def date(self, key: str) -> dt.date | None:
        return self.read(key, lambda s: parse_date(s, what="date", today=self.today), None)

    def line(self, key: str, what: str, maximum: int = 200) -> str:
        return self.read(key, lambda s: clean_text(s, what, maximum=maximum), "")


def whole_number(text: str) -> int:
    """A count typed or exported: ``36``, ``1,200``, ``36.0``. InvalidInput otherwise."""
    raw = str(text or "").strip()
    body = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.0*)?", raw) else raw
    if re.fullmatch(r"\d+(\.0*)?", body):
        return int(body.split(".")[0])
    if raw.startswith("-"):
        raise InvalidInput(f"“{quoted(raw)}” has a minus sign; it should be a count, 0 or more.")
    raise InvalidInput(f"“{quoted(raw)}” is not a whole number.")


_FREQUENCY_WORDS = {
    Frequency.WEEKLY: ("w", "wk", "week", "weekly", "every week"),
    Frequency.BIWEEKLY: ("bw", "biweekly", "bi weekly", "every two weeks", "every 2 weeks", "every other week",
                         "fortnightly", "2w"),
    Frequency.SEMI_MONTHLY: ("sm", "semimonthly", "semi monthly", "twice a month", "twice monthly",
                             "2x month", "twice per month"),
    Frequency.MONTHLY: ("m", "mo", "month", "monthly", "every month"),
}
_FREQUENCIES = {word: freq for freq, words in _FREQUENCY_WORDS.items() for word in words}


def parse_frequency(text: str) -> Frequency:
    """How often payments fall due, as other systems write it: W, BW, SM, M, or the
    words (weekly, bi-weekly, every two weeks, every other week, semi-monthly, twice a
    month, monthly), in any case."""
    words = " ".join(re.sub(r"[-_./]", " ", fold(text)).split())
    found = _FREQUENCIES.get(words) or _FREQUENCIES.get(words.replace(" ", ""))
    if found is None:
        raise InvalidInput(
            f"“{quoted(str(text).strip())}” is not a payment frequency; use W, BW, SM or M "
            "(weekly, every two weeks, twice a month, monthly)."
        )
    return found


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}


def split_name(text: str) -> tuple[str, str]:
    """One "Name" cell as (first, last): "Muñoz, José" or "José Muñoz" (the last word is
    the last name, the words before it the first name; "Jr.", "Sr.", "II" … stay with
    the last name: "John Smith Jr." is John / Smith Jr.). InvalidInput for one word."""
    raw = " ".join(str(text or "").split())
    if "," in raw:
        last, _, first = raw.partition(",")
        first, last = first.strip(), last.strip()
        # "Smith, John, Jr." or "Smith, John Jr.": the suffix goes back with the last name.
        tail = first.split()
        if len(tail) > 1 and tail[-1].rstrip(".").casefold() in _SUFFIXES | {","}:
            first, last = " ".join(tail[:-1]).rstrip(","), f"{last} {tail[-1]}"
        first = first.rstrip(",").strip()
    else:
        words = raw.split()
        cut = len(words) - 1
        if len(words) > 2 and words[-1].rstrip(".").casefold() in _SUFFIXES:
            cut -= 1
        first, last = " ".join(words[:cut]), " ".join(words[cut:])
    if not first or not last:
        raise InvalidInput(
            f"“{quoted(raw)}” is one name; write it as First Last or Last, First "
            "(or use a first-name and a last-name column)."
        )
    return first, last


def _language(text: str) -> str:
    word = fold(text)
    code = {"en": "en", "eng": "en", "english": "en", "ingles": "en",
            "es": "es", "sp": "es", "spa": "es", "spanish": "es", "espanol": "es"}.get(word, word)
    return check_language(code)


def _postal_code(text: str) -> str:
    value = clean_text(text, "the ZIP code", maximum=200)
    # A spreadsheet keeps 02134 as the number 2134; a US ZIP code has five digits.
    return value.zfill(5) if value.isdigit() and 3 <= len(value) < 5 else value


def _amount(text: str) -> Cents:
    return parse_amount(text, allow_zero=True)


# ---------------------------------------------------------------------------------------
# Each kind's row.


def _customer(row: _Row) -> CustomerRecord | None:
    first, last = _names(row)
    birthday = row.date("birthday")
    row.check("birthday", lambda: check_birthday(birthday, row.today))
    since = row.date("customer_since")
    if since is not None and since > row.today:
        row.problem("customer_since", "The date is after today; a customer cannot have started in the future.")
    return CustomerRecord(
        row=row.number,
        source_id=row.line("source_id", "the customer number", maximum=40),
        first_name=first,
        last_name=last,
        preferred_name=row.read("preferred_name", lambda s: clean_name(s, "preferred name"), ""),
        phone=row.read("phone", normalise_phone, ""),
        other_phone=row.read("other_phone", normalise_phone, ""),
        email=row.read("email", check_email, ""),
        address1=row.line("address1", "the address (line 1)"),
        address2=row.line("address2", "the address (line 2)"),
        city=row.line("city", "the city"),
        state=row.read("state", lambda s: clean_text(s.upper(), "the state", maximum=40), ""),
        postal_code=row.read("postal_code", _postal_code, ""),
        birthday=birthday,
        employer=row.line("employer", "the employer"),
        customer_since=since,
        language=row.read("language", _language, "en"),
        note=row.read("note", lambda s: clean_text(s, "the note", maximum=NOTE_MAX, lines=True), ""),
    )


def _names(row: _Row) -> tuple[str, str]:
    """First and last name, from their own columns when the row fills them, else from
    the one "Name" column."""
    if row.text("first_name") or row.text("last_name") or not row.has("name"):
        first = row.read("first_name", lambda s: clean_name(s, "first name"), "")
        last = row.read("last_name", lambda s: clean_name(s, "last name"), "")
        for key, value, what in (("first_name", first, "first name"), ("last_name", last, "last name")):
            if not row.text(key):
                row.problem(key, f"Please type the {what}.")
        return first, last
    parts = row.need("name", split_name, "Please type the name.")
    if parts is None:
        return "", ""
    first = row.read("name", lambda _: clean_name(parts[0], "first name"), "")
    last = row.read("name", lambda _: clean_name(parts[1], "last name"), "")
    return first, last


def _vin(row: _Row, key: str = "vin") -> str:
    def checked(text: str) -> str:
        vin = check_vin(text)
        if vin.warning and not row.accept_vin_warnings:
            raise InvalidInput(vin.warning)
        return vin.vin

    return row.read(key, checked, "")


def _vehicle(row: _Row) -> VehicleRecord | None:
    stock = row.need("stock_number", lambda s: clean_text(s.upper(), "the stock number", maximum=20),
                     "Please type the stock number.") or ""
    vin = _vin(row)
    if not row.text("vin"):
        row.problem("vin", "Please type the VIN (17 characters, on the dashboard or door pillar).")
    year = row.need("year", lambda s: check_model_year(s, row.today.year), "Please type the model year, e.g. 2016.")
    make = row.need("make", lambda s: clean_text(s, "the make", maximum=40), "Please type the make.") or ""
    model = row.need("model", lambda s: clean_text(s, "the model", maximum=40), "Please type the model.") or ""
    return VehicleRecord(
        row=row.number,
        source_id=row.line("source_id", "the vehicle's id", maximum=40) or stock,
        stock_number=stock,
        vin=vin,
        year=year or 0,
        make=make,
        model=model,
        trim=row.line("trim", "the trim", maximum=40),
        color=row.line("color", "the colour", maximum=40),
        odometer=row.read("odometer", lambda s: check_odometer(whole_number(s)), 0),
        cost=row.read("cost", _amount, 0),
        price=row.read("price", _amount, 0),
    )


def _agreement(row: _Row) -> AgreementRecord | None:
    source_id = row.need("source_id", lambda s: clean_text(s, "the account number", maximum=40),
                         "Please type the account number.") or ""
    customer_id = row.need("customer_id", lambda s: clean_text(s, "the customer number", maximum=40),
                           "Please type the customer number (as in the customers file).") or ""
    stock = row.line("stock_number", "the stock number", maximum=20).upper()
    vin = _vin(row)
    if not row.text("stock_number") and not row.text("vin"):
        row.problem("stock_number" if row.has("stock_number") else "vin",
                    "Please give the vehicle's stock number or VIN.")
    cash_price = row.need("cash_price", parse_amount, "Please type the cash price.")
    down = row.read("down_payment", _amount, 0)
    payment = row.need("payment_amount", parse_amount, "Please type the payment amount.")
    frequency = row.need("frequency", parse_frequency, "Please type how often payments are due (W, BW, SM or M).")
    count = row.need("number_of_payments", whole_number, "Please type the number of payments.")
    if count is not None and not 1 <= count <= MAX_INSTALLMENTS:
        row.problem("number_of_payments", f"The number of payments must be between 1 and {MAX_INSTALLMENTS}.")
        count = None
    financed = cash_price - down if cash_price is not None else None
    if financed is not None and financed < 0:
        row.problem("down_payment", "The down payment is more than the cash price.")
        financed = None
    if payment is not None and financed is not None and payment > financed:
        row.problem("payment_amount", "The payment is more than the amount financed (cash price less down payment).")
    first_due, opened_on = row.date("first_due"), row.date("opened_on")
    if opened_on is not None and opened_on > row.today:
        row.problem("opened_on", "The contract date is after today; only running agreements are imported.")
    policy = _late_fee_policy(row)
    made = row.read("payments_made", whole_number, None)
    if made is not None and count is not None and made > count:
        row.problem("payments_made", f"{made} payments made is more than the {count} payments of the agreement.")
    balance = row.read("balance", _amount, None)
    if balance is not None and financed is not None and balance > financed:
        row.problem("balance", "The balance is more than the amount financed (cash price less down payment).")
    if not row.text("payments_made") and not row.text("balance"):
        row.problem("payments_made" if row.has("payments_made") else "balance",
                    "Please give the payments made or the balance.")
    next_due = row.need("next_due", lambda s: parse_date(s, what="date", today=row.today),
                        "Please type the next due date.")
    if next_due is not None and first_due is not None and next_due < first_due:
        row.problem("next_due", "The next due date is before the first due date.")
    last_paid = row.date("last_payment_on")
    if last_paid is not None and last_paid > row.today:
        row.problem("last_payment_on", "The last payment date is after today.")
    fees_due = row.read("late_fees_due", _amount, 0)
    if row.problems:
        return None
    assert cash_price is not None and payment is not None and frequency is not None and count is not None
    assert next_due is not None and policy is not None
    return AgreementRecord(
        row=row.number, source_id=source_id, customer_id=customer_id, stock_number=stock, vin=vin,
        cash_price=cash_price, down_payment=down, payment_amount=payment, frequency=frequency,
        number_of_payments=count, first_due=first_due, opened_on=opened_on, grace_days=policy.grace_days,
        fee_flat=policy.flat, fee_percent_bp=policy.percent_bp, fee_cap=policy.cap, payments_made=made,
        balance=balance, next_due=next_due, late_fees_due=fees_due,
        last_payment_on=last_paid,
    )


def _late_fee_policy(row: _Row) -> LateFeePolicy | None:
    grace = row.read("grace_days", whole_number, 0)
    if not 0 <= grace <= MAX_GRACE_DAYS:
        row.problem("grace_days", f"Grace days must be between 0 and {MAX_GRACE_DAYS}.")
        return None
    flat = row.read("late_fee", _amount, 0)
    percent = row.read("late_fee_percent", parse_percent, 0)
    cap = row.read("late_fee_cap", _amount, 0)
    if flat and percent:
        row.problem("late_fee_percent", "The row has a flat late fee and a percent; give one of them.")
        return None
    try:
        return LateFeePolicy(grace_days=grace, flat=flat, percent_bp=percent, cap=cap)
    except InvalidInput as exc:
        row.problem("late_fee", exc.message)
        return None


_METHOD_WORDS = {
    Method.CASH: ("cash", "csh", "ca"), Method.CHECK: ("check", "cheque", "chk", "ck"),
    Method.MONEY_ORDER: ("money order", "mo", "m/o", "moneyorder"),
    Method.CARD: ("card", "credit card", "debit card", "credit", "debit", "cc", "visa", "mastercard", "mc", "amex",
                  "discover"),
}


def _method(text: str) -> Method:
    word = " ".join(text.casefold().replace("_", " ").split())
    for method, words in _METHOD_WORDS.items():
        if word in words:
            return method
    raise InvalidInput(f"“{quoted(text)}” is not a way to pay we know: cash, check, card or money order.")


def _payment(row: _Row) -> PaymentRecord | None:
    account = row.need("agreement_id", lambda s: clean_text(s, "the account number", maximum=40),
                       "Please type the account number.") or ""
    paid_on = row.need("paid_on", lambda s: parse_date(s, what="date", today=row.today),
                       "Please type the date it was paid.")
    if paid_on is not None and paid_on > row.today:
        row.problem("paid_on", "The payment's date is after today.")
    amount = row.need("amount", parse_amount, "Please type the amount paid.")
    method = row.read("method", _method, Method.CASH)
    reference = row.line("reference", "the reference", maximum=40)
    if row.problems:
        return None
    assert paid_on is not None and amount is not None
    return PaymentRecord(row.number, account, paid_on, amount, method, reference)


_READERS: dict[ImportKind, Callable[[_Row], Any]] = {
    ImportKind.CUSTOMERS: _customer,
    ImportKind.VEHICLES: _vehicle,
    ImportKind.AGREEMENTS: _agreement,
    ImportKind.PAYMENTS: _payment,
}


# ---------------------------------------------------------------------------------------
# Across the rows of one file.


#: What one row of each kind may not share with another: (our key, how it is said).
_UNIQUE = {
    ImportKind.CUSTOMERS: (("source_id", "Customer number"),),
    ImportKind.VEHICLES: (("source_id", "Vehicle id"), ("stock_number", "Stock number"), ("vin", "VIN")),
    ImportKind.AGREEMENTS: (("source_id", "Account number"), ("stock_number", "Stock number"), ("vin", "VIN")),
    ImportKind.PAYMENTS: (),  # two payments of the same amount on one day are two payments
}


class _Seen:
    """What earlier rows had, for the rules across rows: the second row with the same
    account number, VIN or stock number is reported, naming the first."""

    def __init__(self, kind: ImportKind, mapping: dict[str, str]) -> None:
        self.keys = [(k, what) for k, what in _UNIQUE[kind] if k in mapping]
        self.kind = kind
        self.first: dict[tuple[str, str], int] = {}

    def check(self, row: _Row) -> None:
        for key, what in self.keys:
            value = _plain(key, row.text(key))
            if not value:
                continue
            earlier = self.first.setdefault((key, fold(value)), row.number)
            if earlier == row.number:
                continue
            if self.kind is ImportKind.AGREEMENTS and key in ("stock_number", "vin"):
                row.problem(key, f"{what} {value} is also on the agreement on row {earlier}; "
                                 "a vehicle is on one agreement at a time.")
            else:
                row.problem(key, f"{what} {value} is also on row {earlier}.")


def _plain(key: str, text: str) -> str:
    """A cell as the rules across rows compare it when its row did not make a record."""
    if key == "vin":
        return "".join(text.split()).replace("-", "").upper()
    if key == "stock_number":
        return " ".join(text.split()).upper()
    return " ".join(text.split())
