"""Fuzzing every parser of typed input: each input gives a value that keeps the
parser's promise, or InvalidInput with a short message in plain words — never
a crash (any other exception fails the test).

The parsers (everything that turns what a person typed into a value):

domain (this module)
  money.parse_amount (+ format_money round trip), money.parse_percent,
  dates.parse_date, vin.check_vin, phone.normalise_phone (+ display_phone,
  phone_digits), text.clean_name, text.fold (search text), choices.parse_choice
  (every labelled choice), payment.check_tender (method and check/card number),
  terms.Terms (price, down payment, payment amount and count as typed)
services and screens (test_forms_fuzz.py)
  base.required_text (notes, reasons, clerk names), clerks.check_pin_format,
  customers.check_email / check_birthday / the new-customer form (names, phone,
  email, address, state, ZIP, birthday), relationship's profile fields,
  settings.validate_settings (dealer name, signer, late fee typed),
  vehicles' checks (VIN, year, stock number, make, model, odometer, cost, price),
  drawer.count_denominations, departures' and follow-ups' notes and choices,
  counter.lookup (the search box); the screens' own readers:
  drawer_dialogs.parse_count, household_dialogs.parse_year / parse_day,
  new_agreement._money / _count, return_dialog.parse_reading, the vehicle dialog
ui/test_fuzz_amount_entry.py
  the payment panel's amount, typed and posted in the real window.

There is no CSV import yet; `lto-desk demo --today` reads its date with
``date.fromisoformat`` and refuses a bad one with a plain message.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lto_desk.domain.choices import parse_choice
from lto_desk.domain.contacts import (
    AppointmentPurpose, AppointmentStatus, ComplaintSeverity, ComplaintStatus, ContactChannel, DecidingFactor,
)
from lto_desk.domain.dates import parse_date
from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.followups import Outcome
from lto_desk.domain.money import MAX_AMOUNT, format_money, parse_amount, parse_percent
from lto_desk.domain.payment import Method, check_tender
from lto_desk.domain.phone import display_phone, normalise_phone, phone_digits
from lto_desk.domain.terms import MAX_INSTALLMENTS, Frequency, Terms
from lto_desk.domain.text import clean_name, fold
from lto_desk.domain.vin import check_digit, check_vin, with_check_digit

from .typed_text import budget, clear_message, clear_refusal, ran, shows_plainly, typed, value_or_clear_refusal

TODAY = dt.date(2026, 3, 9)

# -- amounts --------------------------------------------------------------------------

AMOUNT_SHAPES = [
    lambda c: format_money(c), lambda c: format_money(c, symbol=False),
    lambda c: format_money(c, symbol=False).replace(",", ""), lambda c: f"{c // 100}",
    lambda c: f"${c // 100}.{c % 100 // 10}", lambda c: f"$ {c / 100:.2f}".replace(".00", ""),
]
valid_amounts = st.builds(lambda c, shape: shape(c), st.integers(0, MAX_AMOUNT + 100), st.sampled_from(AMOUNT_SHAPES))
NEAR_AMOUNTS = [
    "1,2,3.456", "$-0", "1e9", "٣٤", "１２", "  12.5 ", "(12.00)", "99999999999999999999", "9" * 5000,
    "0." + "0" * 5000 + "1", "$$5", "5$", "$", ".", "..", ",", "1,000,00", "1,,000", "1.", ".1", "+5", "5-",
    "12 .50", "\u200b12", "12\u00a0", "1\u202e2", "0", "0.00", "100000.00", "100000.01", "inf", "NaN", "-0",
]


def digits_of(text: str) -> Decimal:
    """What the typed amount says, read independently of the parser."""
    return Decimal(re.sub(r"[\s$,]", "", text) or "0")


@budget(400)
@given(text=typed(valid_amounts, NEAR_AMOUNTS), allow_zero=st.booleans(),
       ceiling=st.sampled_from([MAX_AMOUNT, 40_00, 1, 1_153_86, 10 ** 12]))
@example(text="9" * 5000, allow_zero=False, ceiling=MAX_AMOUNT)  # was a ValueError: a 5,000-digit int
@example(text="1" + "0" * 40, allow_zero=False, ceiling=MAX_AMOUNT)
def test_parse_amount(text, allow_zero, ceiling):
    ran("money.parse_amount")
    cents, _ = value_or_clear_refusal(parse_amount, text, allow_zero=allow_zero, ceiling=ceiling)
    if cents is None:
        return
    assert type(cents) is int
    assert (0 if allow_zero else 1) <= cents <= ceiling
    assert digits_of(text) * 100 == cents  # it reads exactly what was typed
    for shown in (format_money(cents), format_money(cents, symbol=False)):
        assert parse_amount(shown, allow_zero=True, ceiling=ceiling) == cents


def test_a_huge_amount_is_refused_in_a_short_message():
    with pytest.raises(InvalidInput) as caught:
        parse_amount("9" * 5000)
    assert "more than $100,000.00" in clear_refusal(caught.value)


valid_percents = st.builds(lambda bp, pct: f"{Decimal(bp) / 100}{pct}", st.integers(0, 10_000), st.sampled_from(["", "%", " %"]))


@budget(150)
@given(text=typed(valid_percents, ["7.25", "5%%", "%", "-0", "100.01", "1e2", "٥", "0." + "0" * 3000 + "1", "1" * 5000]))
@example(text="1" * 5000)  # was a 5,000-character message
def test_parse_percent(text):
    ran("money.parse_percent")
    bp, _ = value_or_clear_refusal(parse_percent, text)
    if bp is None:
        return
    assert type(bp) is int and 0 <= bp <= 10_000
    assert parse_percent(f"{Decimal(bp) / 100}") == bp


# -- dates ----------------------------------------------------------------------------

DATE_SHAPES = [
    lambda d: f"{d:%m/%d/%Y}", lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}", lambda d: d.isoformat(),
    lambda d: f"{d.month}-{d.day}-{d.year}", lambda d: f"{d.month}.{d.day}.{d.year}",
]
valid_dates = st.builds(lambda d, shape: shape(d), st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)), st.sampled_from(DATE_SHAPES))
NEAR_DATES = [
    "2/30/2025", "13/1/2025", "0000-00-00", "2/29/2025", "2/29/2024", "00/00/00", "1/1/0", "12/31/9999",
    "2025-13-01", "2025/01/01", "1/1/１９８８", "٠٣/١٥/١٩٨٨", "3/15/88 ", "3/15", "15.03.1988", "31/12/2025",
]


@budget(250)
@given(text=typed(valid_dates, NEAR_DATES))
@example(text="\u202e" + "1" * 400)  # the refusal repeated all of it, turned right-to-left
def test_parse_date(text):
    ran("dates.parse_date")
    day, message = value_or_clear_refusal(parse_date, text, what="birthday", today=TODAY)
    if message is not None:
        return
    if not text.strip():
        assert day is None
        return
    assert type(day) is dt.date
    assert parse_date(f"{day.month}/{day.day}/{day.year:04d}", today=TODAY) == day
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d\d", text.strip()):  # a two-digit year is the latest such year
        assert TODAY.year - 99 <= day.year <= TODAY.year


# -- VINs -----------------------------------------------------------------------------

VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
good_vins = st.text(alphabet=VIN_CHARS, min_size=17, max_size=17).map(with_check_digit)
valid_vins = st.one_of(
    good_vins, good_vins.map(str.lower), good_vins.map(lambda v: f"{v[:3]}-{v[3:9]} {v[9:]}"),
    st.text(alphabet=VIN_CHARS, min_size=17, max_size=17),  # a wrong check digit: a warning
)
NEAR_VINS = [
    "1HGCM82633A004352", "1HGCM82633A00435", "1HGCM82633A0043521", "IHGCM82633A004352", "1HGCM82633AO04352",
    "1HGQM82633A004352", "1hgcm82633a004352", "1ＨGCM82633A004352", "1HGCM82633A00435²", "ﬀHGCM82633A00435",
    "1HGCM82633A0043\u200b52", "1HGCM-82633-A004352", "ıHGCM82633A004352",
]


@budget(250)
@given(text=typed(valid_vins, NEAR_VINS))
@example(text="".join(map(chr, range(0x4E00, 0x4F00))))  # the refusal listed all 256 characters
def test_check_vin(text):
    ran("vin.check_vin")
    vin, _ = value_or_clear_refusal(check_vin, text)
    if vin is None:
        return
    assert len(vin.vin) == 17 and set(vin.vin) <= set(VIN_CHARS) and vin.tail == vin.vin[-6:]
    assert (vin.warning is None) == (vin.vin[8] == check_digit(vin.vin))
    if vin.warning:
        clear_message(vin.warning)  # shown to the person: the same standard
    assert check_vin(vin.vin) == vin


# -- phones ---------------------------------------------------------------------------

us_numbers = st.builds(
    lambda area, exchange, line, shape: shape.format(a=area, e=exchange, l=line),
    st.integers(200, 999), st.integers(200, 999), st.integers(0, 9999).map("{:04d}".format),
    st.sampled_from(["({a}) {e}-{l}", "{a}.{e}.{l}", "{a}{e}{l}", "+1 {a} {e} {l}", "1-{a}-{e}-{l}"]),
)
NEAR_PHONES = [
    "(205) 555-0142 x12", "205-555-0142 ext 3", "+44 20 7946 0958", "+1" + "5" * 30, "1" * 30, "205555014",
    "+", "++1 205 555 0142", "(205) 555-0142#12", "２０５５５５０１４２", "٢٠٥٥٥٥٠١٤٢", "205 555 O142", "911",
    "(205)\u200b555-0142", "+1 (205) 555-0142;ext=9", "0", "+0 123",
]


@budget(220)
@given(text=typed(us_numbers, NEAR_PHONES))
@example(text="5" * 3000)  # the refusal repeated all 3,000 digits
def test_normalise_phone(text):
    ran("phone.normalise_phone")
    stored, _ = value_or_clear_refusal(normalise_phone, text)
    if stored is None:
        return
    assert re.fullmatch(r"\+[1-9]\d{6,14}", stored), stored
    assert normalise_phone(stored) == stored
    assert normalise_phone(display_phone(stored)) == stored
    assert phone_digits(stored).isdigit()


# -- names and search text ----------------------------------------------------------------

valid_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÁÉÍÓÚáéíóúñÑüçØåœ’'-. ", min_size=1, max_size=40)
NEAR_NAMES = [
    "   ", "😀", "😀😀", "José" * 1000, "a" * 80, "a" * 81, "\u200b", "Ana\x00", "O'Brien", "Ana-María", "123",
    "Ana <b>", "\u202eanA", "María\u0301", "ß" * 80, "Ａｎａ", "\t\nAna\r", "李小龙", "محمد",
]


@budget(250)
@given(text=typed(valid_names, NEAR_NAMES), what=st.sampled_from(["first name", "last name", "household member's name"]))
@example(text="Ana\x00", what="first name")  # was accepted with the NUL (which ends the name in C strings and PDFs)
@example(text="\u202eanA", what="first name")  # a right-to-left override would turn the rest of a letter around
def test_clean_name(text, what):
    ran("text.clean_name")
    name, _ = value_or_clear_refusal(clean_name, text, what)
    if name is None:
        return
    assert name == " ".join(name.split()) and 1 <= len(name) <= 80
    assert any(ch.isalpha() for ch in name)
    shows_plainly(name)  # no controls or bidi overrides: it prints as it reads
    assert clean_name(name, what) == name


@budget(120)
@given(text=typed(valid_names, NEAR_NAMES))
def test_fold(text):
    ran("text.fold")
    folded = fold(text)
    assert folded == " ".join(folded.split()) and folded == folded.casefold()
    assert fold(folded) == folded


# -- choices and tenders ------------------------------------------------------------------

LABELLED = [ContactChannel, Outcome, AppointmentPurpose, AppointmentStatus, ComplaintSeverity, ComplaintStatus,
            DecidingFactor, Method]


@st.composite
def choice_inputs(draw):
    kind = draw(st.sampled_from(LABELLED))
    values = [m.value for m in kind]
    value = draw(typed(st.sampled_from(values), [v.upper() for v in values] + [m.label for m in kind]))
    return kind, value


@budget(120)
@given(kind_value=choice_inputs())
def test_parse_choice(kind_value):
    ran("choices.parse_choice")
    kind, value = kind_value
    chosen, message = value_or_clear_refusal(parse_choice, kind, value, "Please choose one")
    if chosen is None:
        assert all(m.label.lower() in message for m in kind)  # the refusal lists the choices
        return
    assert isinstance(chosen, kind) and chosen.value == value


references = st.one_of(st.text(alphabet="0123456789", min_size=1, max_size=6), st.text(alphabet="0123456789ABCDEFabc- ", max_size=25))


@budget(180)
@given(amount=st.integers(1, MAX_AMOUNT), method=typed(st.sampled_from([m.value for m in Method]), ["Cash", "CARD"]),
       tendered=st.one_of(st.none(), st.integers(0, MAX_AMOUNT)), reference=typed(references, ["１２３４", "٤٤٤٤", "12-34", "-", "4242 4242"]))
def test_check_tender(amount, method, tendered, reference):
    ran("payment.check_tender")
    tender, _ = value_or_clear_refusal(check_tender, amount, method, tendered, reference)
    if tender is None:
        return
    assert tender.method is Method(method)
    if tender.method is Method.CASH:
        assert tender.tendered >= amount and tender.change == tender.tendered - amount >= 0
    elif tender.method is Method.CARD:
        assert re.fullmatch(r"[0-9]{4}", tender.reference)
    else:
        assert re.fullmatch(r"[0-9A-Z-]{1,20}", tender.reference) and re.search(r"[0-9A-Z]", tender.reference)
    assert "None" not in tender.describe()


# -- terms as typed in the new-agreement dialog -----------------------------------------------


@budget(120)
@given(price=st.integers(-10, MAX_AMOUNT + 10), down=st.integers(-10, MAX_AMOUNT + 10),
       by_count=st.booleans(), count_or_payment=st.integers(-5, 10 ** 25),
       frequency=typed(st.sampled_from([f.value for f in Frequency])),
       first_due=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
       days=st.tuples(st.integers(-1, 32), st.integers(-1, 32)))
def test_terms(price, down, by_count, count_or_payment, frequency, first_due, days):
    ran("terms.Terms")
    make = Terms.by_number_of_payments if by_count else Terms.by_payment_amount
    key = "number_of_payments" if by_count else "payment_amount"
    terms, _ = value_or_clear_refusal(
        make, cash_price=price, down_payment=down, frequency=frequency, first_due=first_due, semi_monthly_days=days,
        **{key: count_or_payment},
    )
    if terms is None:
        return
    assert 0 < terms.cash_price <= MAX_AMOUNT and 0 <= terms.down_payment < terms.cash_price
    assert 1 <= terms.number_of_payments <= MAX_INSTALLMENTS
    schedule = terms.schedule()
    assert sum(i.amount for i in schedule) == terms.amount_financed
    assert all(0 < i.amount <= terms.payment_amount for i in schedule)
    assert [i.due for i in schedule] == sorted({i.due for i in schedule})
