"""What a customer file holds: the plain records the services fill and
:mod:`.customer_file` prints (profile, household, agreements, notes, referrals).

Layer: plain frozen dataclasses only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .receipt import DealerHeader

__all__ = [
    "AgreementStatus",
    "STATUSES",
    "Phone",
    "ContactPreferences",
    "MailingConsent",
    "CustomerProfile",
    "HouseholdMember",
    "HouseholdCar",
    "PaymentSummary",
    "AgreementLine",
    "NoteLine",
    "ReferralLine",
    "CustomerFile",
    "ordered_notes",
]

AgreementStatus = Literal["active", "paid_off", "returned"]
STATUSES: tuple[str, ...] = ("active", "paid_off", "returned")


# -- data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Phone:
    """One phone number.

    Attributes:
        label: what the number is: ``"mobile"``, ``"home"``, ``"work"``, ``"other"``
            (printed translated) or any other word (printed as given).
        number: the number as it should be dialled/printed, e.g. ``"(210) 555-0199"``.
    """

    label: str
    number: str


@dataclass(frozen=True)
class ContactPreferences:
    """How the customer likes to be reached.

    Attributes:
        call: phone calls are welcome.
        text: text messages are welcome.
        mail: letters by post are welcome.
        email: email is welcome.
        best_time: free text, e.g. ``"after 5 pm"``; empty if not given.
    """

    call: bool = False
    text: bool = False
    mail: bool = False
    email: bool = False
    best_time: str = ""


@dataclass(frozen=True)
class MailingConsent:
    """Mailing-list consent: kept in touch until they ask to stop.

    Attributes:
        given_on: the date consent was given, or None if never given.
        opted_out_on: the date they asked to stop, or None if still on the list.
    """

    given_on: dt.date | None = None
    opted_out_on: dt.date | None = None


@dataclass(frozen=True)
class CustomerProfile:
    """Who the customer is.

    Attributes:
        full_name: legal full name, e.g. ``"María José Peña Hernández"``.
        preferred_name: what they like to be called (empty: the full name).
        language: ``"en"`` or ``"es"``: the language of their letters and receipts.
        phones: numbers with labels, the main one first.
        email: email address, empty if none.
        address: postal address; may span lines (``"\\n"``).
        birthday: date of birth, or None.
        customer_since: date of the first agreement (or first contact), or None.
        employer: where they work, empty if not given.
        contact: contact preferences.
        mailing: mailing-list consent.
        welcome_back: marked welcome back (e.g. after a returned car).
        referred_by: name of the customer who referred them, empty if none.
    """

    full_name: str
    preferred_name: str = ""
    language: str = "en"
    phones: tuple[Phone, ...] = ()
    email: str = ""
    address: str = ""
    birthday: dt.date | None = None
    customer_since: dt.date | None = None
    employer: str = ""
    contact: ContactPreferences = ContactPreferences()
    mailing: MailingConsent = MailingConsent()
    welcome_back: bool = False
    referred_by: str = ""


@dataclass(frozen=True)
class HouseholdMember:
    """Someone in the customer's household.

    Attributes:
        name: their name.
        relation: free text as recorded, e.g. ``"daughter"`` / ``"hija"``.
        birthday: date of birth, or None.
        notes: anything worth remembering, empty if none.
    """

    name: str
    relation: str = ""
    birthday: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class HouseholdCar:
    """Another car in the household (the dealer wants to be the one they call).

    Attributes:
        make: e.g. ``"Toyota"``.
        model: e.g. ``"Corolla"``.
        year: model year, or None if unknown.
        driver: who drives it, empty if unknown.
        may_replace_by: roughly when it may need replacing (printed as month and
            year), or None.
    """

    make: str
    model: str
    year: int | None = None
    driver: str = ""
    may_replace_by: dt.date | None = None


@dataclass(frozen=True)
class PaymentSummary:
    """What was paid on one agreement (amounts in integer cents).

    Attributes:
        total_paid: everything paid, down payment and fees included.
        payments_count: number of payments made (not voided).
        late_fees_charged: late fees charged.
        late_fees_paid: late fees paid.
        late_fees_waived: late fees waived.
        last_payment_on: date of the last payment, or None.
    """

    total_paid: int = 0
    payments_count: int = 0
    late_fees_charged: int = 0
    late_fees_paid: int = 0
    late_fees_waived: int = 0
    last_payment_on: dt.date | None = None


@dataclass(frozen=True)
class AgreementLine:
    """One agreement and its vehicle (amounts in integer cents).

    Attributes:
        vehicle: year make model, e.g. ``"2014 Honda Accord"``.
        vin_tail: last 6 of the VIN.
        stock_number: the dealer's stock number, empty if none.
        opened_on: the date the agreement started.
        status: ``"active"``, ``"paid_off"`` or ``"returned"``.
        closed_on: the date it was paid off or the car came back; None while active.
        installments_paid: payments made so far (n of N).
        number_of_payments: payments in the schedule (N).
        due_now: for active agreements: the amount due now (0: up to date).
        days_since_due: for active agreements: days since the oldest unpaid due date (0: none).
        payoff: for active agreements: the amount that pays it off today, or None.
        payments: the payment summary of this agreement.
    """

    vehicle: str
    vin_tail: str
    stock_number: str
    opened_on: dt.date
    status: AgreementStatus
    closed_on: dt.date | None = None
    installments_paid: int = 0
    number_of_payments: int = 0
    due_now: int = 0
    days_since_due: int = 0
    payoff: int | None = None
    payments: PaymentSummary = PaymentSummary()

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Unknown agreement status {self.status!r}; expected one of {', '.join(STATUSES)}.")


@dataclass(frozen=True)
class NoteLine:
    """A note on the customer.

    Attributes:
        text: the note as written; may span lines.
        written_at: when it was written.
        tags: tag keys (``family``, ``work``, ``health``, ``hobby``, ``car``,
            ``payment``, ``complaint``, ``other``: printed translated) or other words.
        author: who wrote it (a first name).
        pinned: pinned notes print first, marked "Pinned".
        cue: a talk-about cue still to ask ("Ask next visit").
    """

    text: str
    written_at: dt.datetime
    tags: tuple[str, ...] = ()
    author: str = ""
    pinned: bool = False
    cue: bool = False


@dataclass(frozen=True)
class ReferralLine:
    """A customer this one referred.

    Attributes:
        name: the referred customer's name.
        referred_on: the date of the referral, or None.
        started_agreement: whether they started an agreement.
    """

    name: str
    referred_on: dt.date | None = None
    started_agreement: bool = False


@dataclass(frozen=True)
class CustomerFile:
    """Everything printed in one customer file.

    Attributes:
        dealer: dealer name, address and phone for the header and footer.
        profile: the customer's profile.
        printed_on: the print date shown in the footer.
        household: household members.
        cars: other cars in the household.
        agreements: agreements with their vehicles (and payment summaries), in
            the order to print (usually newest first).
        notes: notes in any order (printed pinned first, then newest first).
        referrals: customers this one referred.
        language: the page's language, ``"en"`` or ``"es"`` (usually the customer's).
    """

    dealer: DealerHeader
    profile: CustomerProfile
    printed_on: dt.date
    household: tuple[HouseholdMember, ...] = ()
    cars: tuple[HouseholdCar, ...] = ()
    agreements: tuple[AgreementLine, ...] = ()
    notes: tuple[NoteLine, ...] = ()
    referrals: tuple[ReferralLine, ...] = ()
    language: str = "en"


def ordered_notes(notes: tuple[NoteLine, ...] | list[NoteLine]) -> list[NoteLine]:
    """Pinned notes first, then the rest; newest first within each group."""
    return sorted(notes, key=lambda n: (not n.pinned, -n.written_at.timestamp()))
