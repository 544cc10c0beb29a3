"""What an import file's columns may be: our fields for each kind of file, the other
system's headers recognised by themselves, and a mapping saved to reuse next time.

Headers are compared as a person reads them: case, accents, spaces and punctuation do
not count, and "#", "No", "Num", "Nbr" and "Number" are one word ("Cust #" is "CUST NO."
is "cust number"); "%", "Pct" and "Percent" are one word too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from .errors import InvalidInput
from .text import quoted


class ImportKind(str, Enum):
    CUSTOMERS = "customers"
    VEHICLES = "vehicles"
    AGREEMENTS = "agreements"
    PAYMENTS = "payments"  # an agreement's payment history, replayed instead of its position

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Column:
    """One of our fields in an import file.

    Attributes:
      key: our name, the header the export and the templates write (``payment_amount``).
      label: shown to people (``Payment amount``); never used as a header by us.
      aliases: other systems' headers recognised by themselves.
      required: the field must be mapped and filled on every row (fields required
        only as one of several, a name or a stock number or VIN, are in
        ``REQUIRED_ONE_OF`` instead).
      help: one line for the column guide and the templates.
    """

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    help: str = ""


def _c(key: str, label: str, aliases: str = "", required: bool = False, help: str = "") -> Column:
    return Column(key, label, tuple(a.strip() for a in aliases.split("|") if a.strip()), required, help)


_DATE_HELP = "a date, 03/15/2024 or 2024-03-15"

COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.CUSTOMERS: (
        _c("source_id", "Customer number", "Cust # | Customer ID | Cust ID | Customer # | Account | Account # "
           "| Acct #", help="the customer's number in the other system; keeps a second import "
           "from making them twice"),
        _c("name", "Name", "Customer Name | Full Name | Customer",
           help='the whole name in one column: "Last, First" or "First Last" (the last word is the last name)'),
        _c("first_name", "First name", "First | FName | Given Name"),
        _c("last_name", "Last name", "Last | LName | Surname | Family Name"),
        _c("preferred_name", "Goes by", "Goes By | Nickname | Preferred | Preferred Name | Nick Name"),
        _c("phone", "Phone", "Cell | Cell Phone | Mobile | Mobile Phone | Phone | Phone Number | Primary Phone "
           "| Cell # | Telephone", help="the number to call or text first, (555) 123-4567"),
        _c("other_phone", "Other phone", "Home Phone | Work Phone | Alt Phone | Alternate Phone | Other Phone "
           "| Phone 2 | Second Phone", help="another number, kept in a note"),
        _c("email", "Email", "E-mail | Email Address | E-mail Address"),
        _c("address1", "Address", "Address | Street | Street Address | Address 1 | Address Line 1 | Addr"),
        _c("address2", "Address line 2", "Address 2 | Address Line 2 | Apt | Unit | Suite | Apt #"),
        _c("city", "City", "Town"),
        _c("state", "State", "ST | Province", help="two letters, e.g. TX"),
        _c("postal_code", "ZIP code", "Zip | Zip Code | Postal Code | Postcode | Zip+4"),
        _c("birthday", "Birthday", "DOB | Birth Date | Date of Birth | Birthdate", help=_DATE_HELP),
        _c("employer", "Employer", "Work Place | Workplace | Employed At | Job"),
        _c("customer_since", "Customer since", "Since | Created | Date Added | Customer Since | Created On "
           "| Added", help=_DATE_HELP + "; empty means today"),
        _c("language", "Language", "Lang | Language | Preferred Language",
           help="en or es (English or Spanish), for printed pages; empty means English"),
        _c("note", "Note", "Notes | Comments | Comment | Remarks | Memo"),
    ),
    ImportKind.VEHICLES: (
        _c("source_id", "Vehicle number", "Vehicle ID | Unit # | Inventory ID | Vehicle #",
           help="the vehicle's id in the other system; the stock number when empty"),
        _c("stock_number", "Stock number", "Stock # | Stock | Stk # | Stk | Stock Number", True),
        _c("vin", "VIN", "VIN # | Vehicle Identification Number | Serial", True,
           help="17 characters; the check digit (9th) is checked"),
        _c("year", "Year", "Yr | Model Year | Year", True),
        _c("make", "Make", "Manufacturer | Mfr", True),
        _c("model", "Model", "", True),
        _c("trim", "Trim", "Series | Style"),
        _c("color", "Colour", "Color | Colour | Ext Color | Exterior Color | Exterior Colour"),
        _c("odometer", "Odometer", "Miles | Mileage | Odometer Reading | Odo"),
        _c("cost", "Cost", "Cost | Purchase Price | Our Cost | Acquisition Cost", help="an amount, e.g. $3,200.00"),
        _c("price", "Price", "Cash Price | Sale Price | Asking | Asking Price | Price | Retail | List Price",
           help="an amount, e.g. $7,995.00"),
    ),
    ImportKind.AGREEMENTS: (
        _c("source_id", "Account number", "Acct # | Account # | Contract # | Deal # | Account | Agreement # "
           "| Loan # | Acct", True, help="the account's number in the other system"),
        _c("customer_id", "Customer number", "Cust # | Customer ID | Cust ID | Customer # | Customer Number",
           True, help="the customer's number, as in the customers file"),
        _c("stock_number", "Stock number", "Stock # | Stock | Stk # | Stk",
           help="the vehicle's stock number (or give its VIN)"),
        _c("vin", "VIN", "VIN # | Vehicle Identification Number", help="the vehicle's VIN (or give its stock number)"),
        _c("cash_price", "Cash price", "Price | Sale Price | Cash Price | Selling Price | Contract Price", True,
           help="an amount, e.g. $7,995.00"),
        _c("down_payment", "Down payment", "Down | Down Pmt | Down Payment | Cash Down", help="an amount; empty is 0"),
        _c("payment_amount", "Payment amount", "Pmt Amt | Payment | Pmt | Payment Amount | Pmt Amount "
           "| Installment | Regular Payment", True, help="the amount of each payment"),
        _c("frequency", "Frequency", "Freq | Schedule | Pmt Freq | Payment Frequency | Pay Frequency",
           True, help="W, BW, SM or M (weekly, every two weeks, twice a month, monthly)"),
        _c("number_of_payments", "Number of payments", "Term | # Pmts | Number of Payments | # of Payments "
           "| Num Pmts | Total Payments | Pmts", True, help="how many payments in all"),
        _c("first_due", "First due date", "First Due | First Due Date | First Pmt Date | First Payment Date "
           "| First Payment Due",
           help=_DATE_HELP),
        _c("opened_on", "Contract date", "Contract Date | Sale Date | Deal Date | Date Sold | Open Date "
           "| Opened | Start Date", help=_DATE_HELP),
        _c("grace_days", "Grace days", "Grace | Grace Period | Grace Days", help="days after the due date "
           "before a late fee; empty is 0"),
        _c("late_fee", "Late fee", "Late Fee | Late Fee Amt | Late Charge | Late Fee Amount",
           help="a flat amount per late payment"),
        _c("late_fee_percent", "Late fee percent", "Late Fee % | Late Fee Percent | Late %",
           help="a percent of the payment, e.g. 5%"),
        _c("late_fee_cap", "Late fee cap", "Late Fee Cap | Max Late Fee | Late Fee Max",
           help="the most a percent late fee may be"),
        _c("payments_made", "Payments made", "Pmts Made | Payments Made | # Paid | Pmts Paid | Paid Pmts",
           help="payments made in full so far (or give the balance)"),
        _c("balance", "Balance", "Bal | Principal Balance | Balance Due | Current Balance | Remaining Balance",
           help="what is still owed on the payments, late fees not included (or give payments made)"),
        _c("next_due", "Next due date", "Next Due | Next Due Date | Due Date | Next Pmt Date | Next Payment Date",
           True, help="the due date of the first payment not paid in full"),
        _c("late_fees_due", "Late fees due", "Late Fees Due | Fees Due | Late Fees Owed | Late Fees "
           "| Unpaid Late Fees", help="late fees owed today; empty is 0"),
        _c("last_payment_on", "Last payment date", "Last Pmt | Last Payment Date | Last Paid | Last Pmt Date "
           "| Last Payment", help=_DATE_HELP),
    ),
    ImportKind.PAYMENTS: (
        _c("agreement_id", "Account number", "Acct # | Account # | Contract # | Deal # | Account | Agreement # "
           "| Loan # | Acct", True, help="the account's number, as in the agreements file"),
        _c("paid_on", "Date paid", "Date | Pmt Date | Payment Date | Paid On | Date Paid | Trans Date "
           "| Transaction Date", True, help=_DATE_HELP),
        _c("amount", "Amount", "Amt | Pmt Amt | Payment | Amount Paid | Paid | Pmt", True,
           help="the amount paid, e.g. $125.00 (down payments are not listed here)"),
        _c("method", "Method", "Type | Pay Type | Payment Type | Tender | Pmt Type | Paid By",
           help="cash, check, card or money order; empty is cash"),
        _c("reference", "Reference", "Ref | Ref # | Check # | Receipt # | Reference # | Memo"),
    ),
}

#: Fields required as one of several: each group is a list of choices, and one choice
#: (all of its keys) must be mapped. A customer needs a name, in one column or two; an
#: agreement its vehicle, by stock number or VIN, and its position, by payments made
#: or balance.
REQUIRED_ONE_OF: dict[ImportKind, tuple[tuple[tuple[str, ...], ...], ...]] = {
    ImportKind.CUSTOMERS: ((("name",), ("first_name", "last_name")),),
    ImportKind.VEHICLES: (),
    ImportKind.AGREEMENTS: ((("stock_number",), ("vin",)), (("payments_made",), ("balance",))),
    ImportKind.PAYMENTS: (),
}


def column(kind: ImportKind, key: str) -> Column:
    """Our column ``key`` of ``kind``; KeyError for one we do not have."""
    for col in COLUMNS[kind]:
        if col.key == key:
            return col
    raise KeyError(key)


_SAME_WORD = {"#": "number", "no": "number", "num": "number", "nbr": "number", "nr": "number",
              "%": "percent", "pct": "percent", "colour": "color"}
_TOKENS = re.compile(r"[a-z0-9]+|[#%]")


def header_words(header: str) -> tuple[str, ...]:
    """A header as the words compared: ``"Cust. #"`` → ``("cust", "number")``;
    ``"payment_amount"`` → ``("payment", "amount")``; ``"E-mail"`` → ``("email",)``."""
    bare = unicodedata.normalize("NFKD", str(header or "")).casefold()
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    bare = re.sub(r"\be-(?=mail)", "e", bare)
    return tuple(_SAME_WORD.get(w, w) for w in _TOKENS.findall(bare))


def same_header(a: str, b: str) -> bool:
    """Whether two headers are the same to a person (see :func:`header_words`)."""
    return "".join(header_words(a)) == "".join(header_words(b))


def _names(col: Column) -> list[str]:
    return [col.key, col.label, *col.aliases]


def guess_mapping(kind: ImportKind, headers: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Our key → the file's header, for each of our fields a header stands for.

    First every header that is one of a field's names (its key, label or an alias);
    then, for fields still without one, a header that holds such a name among its
    words ("Customer Cell Phone" is a phone, "Vehicle VIN" a VIN), the longest name
    first. Each header serves one field. A file whose only phone is "Home Phone"
    gets it as the phone."""
    kind = ImportKind(kind)
    squashed = ["".join(header_words(h)) for h in headers]
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for col in COLUMNS[kind]:  # exact names first, in our order
        wanted = {"".join(header_words(n)) for n in _names(col)}
        for i, s in enumerate(squashed):
            if i not in used and s and s in wanted:
                mapping[col.key] = headers[i]
                used.add(i)
                break
    words = [header_words(h) for h in headers]
    for col in COLUMNS[kind]:
        if col.key in mapping or col.key in _NOT_BY_WORDS.get(kind, ()):
            continue
        best: tuple[int, int] | None = None  # (length of the name found, -index)
        for name in _names(col):
            needle = header_words(name)
            if not needle or (len(needle) == 1 and len(needle[0]) < 3):
                continue  # "ST" would be found in "1st Street"
            for i, hw in enumerate(words):
                if i not in used and _contains(hw, needle):
                    score = (len(needle), -i)
                    if best is None or score > best:
                        best = score
        if best is not None:
            index = -best[1]
            mapping[col.key] = headers[index]
            used.add(index)
    if kind is ImportKind.CUSTOMERS and "phone" not in mapping and "other_phone" in mapping:
        mapping["phone"] = mapping.pop("other_phone")
    return mapping


#: Fields never guessed from a word inside a longer header: a customer's "name" would be
#: found in "Last Name" when the file has no first name, a "source_id" in "Customer Since".
_NOT_BY_WORDS = {
    ImportKind.CUSTOMERS: ("name", "source_id"),
    ImportKind.VEHICLES: ("source_id",),
    ImportKind.AGREEMENTS: ("source_id",),
}


def _contains(words: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(words[i:i + n] == needle for i in range(len(words) - n + 1))


def mapping_problems(kind: ImportKind, mapping: dict[str, str], headers: tuple[str, ...] | list[str]) -> list[str]:
    """What is wrong with a mapping for a file with ``headers``, in plain sentences:
    a field we do not have, a header the file does not have (or has twice), a header
    used for two fields, a required field not mapped. Empty when it can be used."""
    kind = ImportKind(kind)
    problems: list[str] = []
    ours = {col.key: col for col in COLUMNS[kind]}
    for key in mapping:
        if key not in ours:
            problems.append(f"{quoted(key)} is not a column of a {kind.value} file.")
    counts: dict[str, int] = {}
    for h in headers:
        counts[h] = counts.get(h, 0) + 1
    by_header: dict[str, list[str]] = {}
    for key, header in mapping.items():
        if key not in ours:
            continue
        by_header.setdefault(header, []).append(ours[key].label)
        if header not in counts:
            problems.append(f"The file has no column “{quoted(header)}” (for {ours[key].label}).")
        elif counts[header] > 1:
            problems.append(
                f"The file has {counts[header]} columns named “{quoted(header)}”; rename them in the "
                "spreadsheet so each name is used once."
            )
    for header, labels in by_header.items():
        if len(labels) > 1:
            problems.append(f"The column “{quoted(header)}” is chosen for both {' and '.join(labels)}; "
                            "choose it for one.")
    mapped = {k for k in mapping if k in ours}
    for col in COLUMNS[kind]:
        if col.required and col.key not in mapped:
            problems.append(f"Choose the file's column for {col.label}; it is needed.")
    for group in REQUIRED_ONE_OF[kind]:
        if not any(all(k in mapped for k in choice) for choice in group):
            problems.append(f"Choose the file's column for {_choices(kind, group)}; one of them is needed.")
    return list(dict.fromkeys(problems))  # a header named twice is said once


def _choices(kind: ImportKind, group: tuple[tuple[str, ...], ...]) -> str:
    return " or ".join(
        column(kind, choice[0]).label if len(choice) == 1
        else "both " + " and ".join(column(kind, k).label for k in choice)
        for choice in group
    )


def mapping_to_json(kind: ImportKind, mapping: dict[str, str]) -> str:
    """A mapping as saved for next time: ``{"kind": "customers", "columns":
    {"File header": "our_key", …}}``, in our column order."""
    kind = ImportKind(kind)
    order = [col.key for col in COLUMNS[kind]]
    columns = {mapping[k]: k for k in order if k in mapping}
    return json.dumps({"kind": kind.value, "columns": columns}, indent=2, ensure_ascii=False) + "\n"


def mapping_from_json(text: str) -> tuple[ImportKind, dict[str, str]]:
    """A saved mapping read back: its kind and our key → the file's header.
    InvalidInput when the text is not a saved mapping."""
    bad = "The column map is not one the program saved; save the columns again from the import."
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        raise InvalidInput(bad) from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise InvalidInput(bad)
    try:
        kind = ImportKind(data.get("kind"))
    except ValueError:
        raise InvalidInput("The column map does not say whether it is for customers, vehicles or agreements.") \
            from None
    ours = {col.key for col in COLUMNS[kind]}
    mapping: dict[str, str] = {}
    for header, key in data["columns"].items():
        if not isinstance(key, str) or key not in ours:
            raise InvalidInput(f"The column map names {quoted(str(key))}, which is not a column of a "
                               f"{kind.value} file.")
        if key in mapping:
            raise InvalidInput(f"The column map gives two columns for {column(kind, key).label}.")
        mapping[key] = header
    return kind, mapping
