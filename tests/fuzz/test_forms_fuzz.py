"""Fuzzing the services' checks of typed fields and the screens' own readers
(the list of every parser is in test_parsers_fuzz.py): each input gives a value
that keeps its promise, or a clear refusal — never a crash."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lto_desk.domain.contacts import DecidingFactor
from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.followups import FollowUpKind
from lto_desk.domain.money import MAX_AMOUNT
from lto_desk.services import base, clerks, customers, departures, drawer, follow_up_tasks, relationship, settings, vehicles
from lto_desk.ui.agreement_fields import typed_amount as _money, typed_count as _count
from lto_desk.ui.drawer_dialogs import parse_count
from lto_desk.ui.household_dialogs import parse_day, parse_year
from lto_desk.ui.return_dialog import parse_reading

from .test_parsers_fuzz import NEAR_NAMES, NEAR_PHONES, VIN_CHARS, us_numbers, valid_names
from .typed_text import budget, ran, shows_plainly, typed, value_or_clear_refusal

TODAY = dt.date(2026, 3, 9)
AT = dt.datetime(2026, 3, 9, 10, 0)

words = st.text(alphabet="abcdefghij klmnopqrstuvwxyz.,'-ÁéñÜ0123456789", max_size=60)
NEAR_TEXT = ["", "   ", "\u200b", "\x00", "a" * 4001, "ab", "abc", " a  b ", "\t\n", "😀" * 300, "\u202eabc"]


def trimmed(value: str) -> bool:
    return value == " ".join(value.split())


# -- free text: notes, reasons, names of clerks, profile fields ---------------------------------

SHORT_TEXTS = [
    ("base.required_text", lambda t: base.required_text(t, "the note", maximum=4000), 1, 4000),
    ("base.required_text", lambda t: base.required_text(t, "the reason", minimum=3, maximum=200), 3, 200),
    ("base.required_text", lambda t: base.required_text(t, "the clerk's name", maximum=60), 1, 60),
    ("follow_up_tasks.clean_note", follow_up_tasks.clean_note, 0, follow_up_tasks.NOTE_MAX),
    ("departures._short", lambda t: departures._short(t, "Where they bought", 120), 0, 120),
    ("relationship._short_text", lambda t: relationship._short_text(t, "address (line 1)"), 0, 200),
    ("vehicles._optional_text", lambda t: vehicles._optional_text(t, "The trim"), 0, 40),
]


@pytest.mark.parametrize(("name", "read", "least", "most"), SHORT_TEXTS, ids=[f"{s[0]}-{s[3]}" for s in SHORT_TEXTS])
@budget(60)
@given(text=typed(words, NEAR_TEXT))
def test_free_text(name, read, least, most, text):
    ran(name)
    value, _ = value_or_clear_refusal(read, text)
    if value is not None:
        assert trimmed(value) and least <= len(value) <= most


# -- clerks' PINs ---------------------------------------------------------------------------------


@budget(80)
@given(pin=typed(st.text(alphabet="0123456789", min_size=4, max_size=8),
                 ["١٢٣٤", "１２３４", "12 34", " 1234 ", "123", "123456789", "12\u200b34", "²³⁴⁵"]))
def test_check_pin_format(pin):
    ran("clerks.check_pin_format")
    value, _ = value_or_clear_refusal(clerks.check_pin_format, pin)
    if value is not None:
        assert re.fullmatch(r"[0-9]{4,8}", value) and value == pin.strip()


# -- customers --------------------------------------------------------------------------------------

emails = st.builds(lambda a, b, c: f"{a}@{b}.{c}", *(st.text(alphabet="abcxyz019._-+", min_size=1, max_size=12),) * 3)
NEAR_EMAILS = ["@.", "a@.", "@b.c", "a@b.", "a@@b.c", "a@b .c", "a@b\t.c", "a b@c.d", "ana@mail", "ana.mail.com",
               "ana@mail.com\n", "ana@mail.com\x00", "a" * 300 + "@b.com", "ana@\u202email.com"]


@budget(80)
@given(text=typed(emails, NEAR_EMAILS))
@example(text="@.")  # was taken as an email address
@example(text="a@b\t.c")  # was taken, tab and all
def test_check_email(text):
    ran("customers.check_email")
    value, _ = value_or_clear_refusal(customers.check_email, text)
    if value is None or value == "":
        assert value is None or not text.strip()
        return
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) and len(value) <= 254
    shows_plainly(value)  # nothing in it hides or scrambles a letter's envelope


new_customers = st.builds(
    customers.NewCustomer,
    first_name=typed(valid_names, NEAR_NAMES), last_name=typed(valid_names, NEAR_NAMES),
    preferred_name=st.one_of(st.just(""), typed(valid_names, NEAR_NAMES)),
    phone=st.one_of(st.just(""), typed(us_numbers, NEAR_PHONES)), email=st.one_of(st.just(""), typed(emails, NEAR_EMAILS)),
    address1=typed(words, NEAR_TEXT), city=typed(words), state=typed(st.sampled_from(["AL", "al", "Alabama"])),
    postal_code=typed(st.sampled_from(["35203", "35203-1234", " 35203 "])),
    birthday=st.one_of(st.none(), st.dates(dt.date(1850, 1, 1), dt.date(2100, 1, 1))),
    language=st.sampled_from(["en", "es", "fr", ""]), employer=typed(words),
)


@budget(100)
@given(new=new_customers)
@example(new=customers.NewCustomer("Ana", "Ruiz", address1="1 Main St " * 400))  # was kept whole: 4,000 characters
@example(new=customers.NewCustomer("Ana", "Ruiz", state="ß" * 40))  # was 80 letters once upper-cased ("SS" each)
def test_the_new_customer_form(new):
    ran("customers.new_customer_form")
    values, _ = value_or_clear_refusal(customers._validate, new, TODAY)
    if values is None:
        return
    for field in ("first_name", "last_name", "preferred_name", "email", "address1", "city", "state", "postal_code",
                  "employer"):
        assert trimmed(values[field]) and len(values[field]) <= 200, field
    assert values["phone"] == "" or values["phone_digits"] in values["phone"]
    assert values["birthday"] is None or TODAY.year - 120 <= values["birthday"].year and values["birthday"] <= TODAY


# -- settings -----------------------------------------------------------------------------------------

ints = st.one_of(st.integers(-5, 300), st.integers(-10 ** 12, 10 ** 12))


@budget(80)
@given(dealer_name=typed(words), letter_signer=typed(valid_names, NEAR_NAMES), counter_name=typed(words),
       receipt_format=st.sampled_from(["roll80", "letter", "a4"]), title_delivery=st.sampled_from(["mail", "pickup", "fax"]),
       numbers=st.tuples(*(ints,) * 9))
def test_validate_settings(dealer_name, letter_signer, counter_name, receipt_format, title_delivery, numbers):
    ran("settings.validate_settings")
    days, late_call, tolerance, idle, grace, flat, percent, cap, _ = numbers
    typed_settings = replace(
        settings.DealerSettings(), dealer_name=dealer_name, letter_signer=letter_signer, counter_name=counter_name,
        receipt_format=receipt_format, title_delivery=title_delivery, title_ready_days=days, late_call_days=late_call,
        drawer_tolerance_cents=tolerance, idle_lock_minutes=idle, late_fee_grace_days=grace, late_fee_flat=flat,
        late_fee_percent_bp=percent, late_fee_cap=cap,
    )
    _, message = value_or_clear_refusal(settings.validate_settings, typed_settings)
    if message is None:
        assert dealer_name.strip() and len(letter_signer) <= 80
        assert 0 <= flat <= MAX_AMOUNT and 0 <= cap <= MAX_AMOUNT and 0 <= percent <= 10_000
        assert 0 <= tolerance <= 100_00 and 1 <= idle <= 240


# -- vehicles -------------------------------------------------------------------------------------------

vins = st.text(alphabet=VIN_CHARS, min_size=17, max_size=17)


@budget(100)
@given(vin=typed(vins), year=st.one_of(st.integers(-5, 3000), typed(st.integers(1950, 2027).map(str))),
       stock=typed(st.text(alphabet="S0123456789-", min_size=1, max_size=8), ["ß" * 20, "ﬀ" * 12, "s-1"]),
       make=typed(words), model=typed(words), trim=typed(words), odometer=st.integers(-1, 3_000_000),
       cost=st.integers(-1, MAX_AMOUNT + 1), price=st.integers(-1, MAX_AMOUNT + 1), accept=st.booleans())
@example(vin="1HGCM82633A004352", year=2016, stock="ß" * 20, make="Honda", model="Civic", trim="", odometer=0, cost=0,
         price=1, accept=False)  # was stored as 40 letters: "SS" * 20, the upper case made after the length check
@example(vin="1HGCM82633A004352", year="9" * 500, stock="S1", make="Honda", model="Civic", trim="", odometer=0,
         cost=0, price=1, accept=False)  # the refusal repeated all 500 nines
def test_vehicle_checks(vin, year, stock, make, model, trim, odometer, cost, price, accept):
    ran("vehicles.checks")
    new = vehicles.NewVehicle(vin, year, make, model, stock, trim=trim, odometer=odometer, cost=cost, price=price,
                              accept_vin_warning=accept)
    fields, _ = value_or_clear_refusal(vehicles._checked, new, AT)
    if fields is None:
        return
    assert len(fields["vin"]) == 17 and fields["vin_tail"] == fields["vin"][-6:]
    assert 1950 <= fields["year"] <= AT.year + 1
    assert 1 <= len(fields["stock_number"]) <= 20 and fields["stock_number"] == fields["stock_number"].upper()
    assert 1 <= len(fields["make"]) <= 40 and 1 <= len(fields["model"]) <= 40 and len(fields["trim"]) <= 40
    assert 0 <= fields["odometer"] <= 2_000_000 and 0 <= fields["cost"] <= MAX_AMOUNT and 0 <= fields["price"] <= MAX_AMOUNT


# -- the drawer count, choices ------------------------------------------------------------------------------

counts = typed(st.integers(0, 200_000).map(str), ["1,000", "1,0", "١٠", "１０", "²", "-1", "1e3", "9" * 5000, "0" * 5000])


@budget(100)
@given(typed_counts=st.dictionaries(st.sampled_from(list(drawer.DENOMINATIONS) + ["bill_3", ""]), counts, max_size=5))
@example(typed_counts={"bill_20": "9" * 5000})  # was a ValueError: a 5,000-digit int
@example(typed_counts={"bill_20": "\x00"})  # the refusal showed '\x00', a Python repr
def test_counting_the_drawer(typed_counts):
    ran("drawer.count")
    total = 0
    for key, text in typed_counts.items():
        label = drawer.DENOMINATIONS.get(key, ("Bills",))[0]
        count, message = value_or_clear_refusal(parse_count, text, label)
        if message is not None:
            return
        assert type(count) is int and 0 <= count <= drawer.MAX_COUNT
        total += count * drawer.DENOMINATIONS.get(key, ("", 0))[1]
    counted, _ = value_or_clear_refusal(drawer.count_denominations, {k: parse_count(t, "x") for k, t in typed_counts.items()})
    if counted is not None:
        assert counted == total


@budget(80)
@given(factor=typed(st.sampled_from([f.value for f in DecidingFactor])), kind=typed(st.sampled_from([k.value for k in FollowUpKind])))
@example(factor="", kind="\x1f" + "9" * 500)  # the refusal carried the control character and all 500 nines
def test_departure_and_follow_up_choices(factor, kind):
    ran("departures/followups choices")
    chosen, _ = value_or_clear_refusal(departures._factor, factor)
    assert chosen is None or chosen.value == factor
    chosen, _ = value_or_clear_refusal(follow_up_tasks._kind, kind)
    assert chosen is None or chosen.value == kind


# -- the screens' own readers -------------------------------------------------------------------------------

digits = st.integers(0, 10 ** 7).map(str)
NEAR_NUMBERS = ["85,102", "85,10", "8,5102", "1e5", "²", "٣٤", "１２", "-5", "+5", "5 000", "9" * 5000, "0" * 5000, ""]


@budget(80)
@given(text=typed(digits, NEAR_NUMBERS))
@example(text="9" * 5000)  # was a ValueError: a 5,000-digit int
def test_return_odometer_reading(text):
    ran("return_dialog.parse_reading")
    miles, message = value_or_clear_refusal(parse_reading, text)
    if message is None:
        assert miles is None if not text.strip() else type(miles) is int and 0 <= miles


@budget(80)
@given(text=typed(digits, NEAR_NUMBERS))
@example(text="9" * 5000)  # was a ValueError: a 5,000-digit int
def test_number_of_payments(text):
    ran("new_agreement._count")
    count, _ = value_or_clear_refusal(_count, text)
    if count is not None:
        assert type(count) is int and count >= 0


@budget(80)
@given(text=typed(st.integers(0, MAX_AMOUNT).map(lambda c: f"{c / 100:,.2f}"), ["", " "]))
def test_agreement_amounts(text):
    ran("new_agreement._money")
    cents, message = value_or_clear_refusal(_money, text, "Price")
    if message is None:
        assert cents is None if not text.strip() else 0 <= cents <= MAX_AMOUNT


@budget(80)
@given(year=typed(st.integers(1890, 2030).map(str), ["٢٠١٢", "２０１２", "12", "20120", "²⁰¹²"]),
       day=typed(st.dates().map(lambda d: f"{d:%m/%d/%Y}")))
def test_household_year_and_day(year, day):
    ran("household_dialogs")
    value, message = value_or_clear_refusal(parse_year, year[:4], TODAY)  # the field holds 4 characters
    if message is None:
        assert value is None if not year[:4].strip() else 1900 <= value <= TODAY.year + 1
    value, message = value_or_clear_refusal(parse_day, day, "birthday")
    if message is None:
        assert value is None if not day.strip() else isinstance(value, dt.date)


def test_the_vehicle_dialog(qtbot, manager):
    """What the Add-a-vehicle form reads from its fields (limited to their lengths),
    then what the service checks."""
    from lto_desk.ui.inventory import VehicleDialog

    dialog = VehicleDialog(None)
    qtbot.addWidget(dialog)

    @budget(40)
    @given(vin=typed(vins), year=typed(st.integers(1950, 2027).map(str), ["٢٠١٦"]),
           odometer=typed(st.integers(0, 3_000_000).map(lambda n: f"{n:,} miles"), ["²", "1²", "85,102 mi", "٣٤"]),
           cost=typed(st.integers(0, MAX_AMOUNT).map(lambda c: f"{c / 100:.2f}"), [""]),
           price=typed(st.integers(0, MAX_AMOUNT).map(lambda c: f"{c / 100:.2f}")), make=typed(words), stock=typed(words))
    @example(vin="1HGCM82633A004352", year="2016", odometer="²", cost="", price="100", make="Honda", stock="S1")
    def fill_in(vin, year, odometer, cost, price, make, stock):  # "²" was a ValueError: int("²")
        ran("inventory.VehicleDialog")
        for edit, text in ((dialog.vin, vin), (dialog.year, year), (dialog.odometer, odometer), (dialog.cost, cost),
                           (dialog.price, price), (dialog.make, make), (dialog.model, make), (dialog.stock, stock)):
            edit.setText(text)
        dialog.vin_accept.setChecked(True)
        new, _ = value_or_clear_refusal(dialog.read)
        if new is not None:
            value_or_clear_refusal(vehicles._checked, new, AT)

    fill_in()


def test_the_search_box(owner, agreement):
    """Whatever is typed in the look-up box finds customers or nothing."""
    from lto_desk.services.counter import LOOKUP_LIMIT, lookup

    @budget(50)
    @given(text=typed(st.sampled_from(["garc", "María", "205-555", "0142", "S1001", "004352", "1", "7"]),
                      ["%", "_", "'; drop table customer; --", "\\", "000000001", "9" * 40, "٤٣٥٢"]))
    @example(text="¤\x1c" * 1640)  # was a RecursionError: one SQL condition per word, 1,640 words deep
    def search(text):
        ran("counter.lookup")
        rows, _ = value_or_clear_refusal(lookup, owner, text, as_of=TODAY)
        assert rows is not None and len(rows) <= LOOKUP_LIMIT

    search()


def test_a_pasted_page_in_the_search_box_still_finds_the_customer(owner, agreement):
    from lto_desk.services.counter import lookup

    rows = lookup(owner, "garcía " * 2000, as_of=TODAY)  # was a RecursionError
    assert [r.name for r in rows] == ["María García"]


def test_a_state_typed_in_lower_case_keeps_its_limit_once_upper_cased(owner):
    cid = customers.add_customer(owner, customers.NewCustomer("Ana", "Ruiz"), at=AT)
    with pytest.raises(InvalidInput, match="too long"):  # was stored as 80 letters
        relationship.update_profile(owner, cid, relationship.ProfileChanges(state="ß" * 40), at=AT)
