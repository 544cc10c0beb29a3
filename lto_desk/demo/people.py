"""The demo's people and cars as planned before they are typed in, and how a new one is
made up (names, families, phones and VINs drawn from the tables, never repeated)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ..domain.payment import Method
from ..domain.text import fold
from ..domain.vin import with_check_digit
from .tables import (
    APELLIDOS,
    CARS,
    COLORS,
    DEALER,
    ELDERS,
    EMPLOYERS,
    HOMBRES,
    KID_AGES,
    KIDS,
    KIND_PRICE,
    MEN,
    MUJERES,
    PLACES,
    PREFERRED,
    STREETS,
    SURNAMES,
    VIN_CHARS,
    WOMEN,
    YEAR_CODES,
)


@dataclass
class Member:
    """Someone in a customer's household: spouse, son or daughter, or an elder."""

    name: str
    first: str
    relation: str
    birthday: dt.date


@dataclass
class Person:
    """A customer as planned before they are typed in; ``say`` fills a note's {pn}, {he},
    {his}, {him} and family names for them."""

    first: str
    last: str
    gender: str
    culture: str  # "en" or "es": names; language is what they print in
    language: str
    preferred: str
    phone: str
    email: str
    address1: str
    address2: str
    city: str
    postal_code: str
    birthday: dt.date
    employer: str
    consent: bool
    habit: int  # the minute of the day they tend to come in
    method: Method
    card_last4: str
    next_check: int
    household: list[Member] = field(default_factory=list)
    rng: random.Random = field(default_factory=random.Random, repr=False)
    used: set[str] = field(default_factory=set)
    referred_by: "Person | None" = None
    customer_id: int | None = None
    car: str = ""

    @property
    def pn(self) -> str:
        return self.preferred or self.first.split()[0]

    def words(self, on: dt.date) -> dict[str, str]:
        he, his, him = ("he", "his", "him") if self.gender == "m" else ("she", "her", "her")
        out = {"pn": self.pn, "he": he, "his": his, "him": him, "employer": self.employer, "car": self.car}
        if (on - self.birthday).days // 365 >= 42:
            out["grandparent"] = ""  # a note that needs it fits only someone old enough
        for m in self.household:
            if m.relation == "spouse":
                out.setdefault("spouse", m.first)
            elif m.relation in ("son", "daughter"):
                age = (on - m.birthday).days // 365
                for key, (young, old) in KID_AGES.items():
                    if young <= age <= old:
                        out.setdefault(key, m.first)
            else:
                out.setdefault("elder", f"{his} {m.relation} {m.first}")
        return out

    def say(self, text: str, on: dt.date) -> str | None:
        """``text`` about this person on day ``on``, or None when it names someone they
        do not have (or not of an age that fits)."""
        try:
            line = text.format(**self.words(on))
        except KeyError:
            return None
        return line[0].upper() + line[1:]

    def fresh(self, notes, on: dt.date) -> tuple[tuple[str, ...], str] | None:
        """A note from ``notes`` not yet used for this person that fits the month."""
        choices = [(tags, text) for tags, text, months in notes
                   if text not in self.used and (months is None or on.month in months)]
        self.rng.shuffle(choices)
        for tags, text in choices:
            line = self.say(text, on)
            if line:
                self.used.add(text)
                return tags, line
        return None


@dataclass
class Car:
    """A car as bought at auction, before (and after) it is added to the inventory."""

    make: str
    model: str
    trim: str
    year: int
    color: str
    odometer: int
    cost: int
    price: int
    vin: str
    stock: str = ""
    vehicle_id: int | None = None


def new_person(rng: random.Random, first_seen: dt.date, used_names: set[str], used_phones: set[str]) -> Person:
    """Someone new to the dealership, first seen on ``first_seen``, with a name and a phone
    number not yet in ``used_names`` and ``used_phones`` (both are added to)."""
    culture = "es" if rng.random() < 0.4 else "en"
    gender = rng.choice("mf")
    while True:
        pool = (HOMBRES if gender == "m" else MUJERES) if culture == "es" else (MEN if gender == "m" else WOMEN)
        first = rng.choice(pool)
        last = rng.choice(APELLIDOS if culture == "es" else SURNAMES)
        if f"{first} {last}" not in used_names:
            used_names.add(f"{first} {last}")
            break
    preferred = PREFERRED.get(first, "") if rng.random() < 0.65 else ""
    age = rng.randrange(21, 68)
    birthday = some_day(rng, first_seen.year - age)
    city, zip_code = rng.choice(PLACES[:10] * 2 + PLACES[10:])
    area = rng.choices(("334", "205", "251"), (7, 2, 2))[0]
    while True:
        phone = f"({area}) 555-01{rng.randrange(100):02d}"
        if phone not in used_phones and phone != DEALER.phone:
            used_phones.add(phone)
            break
    email = ""
    if rng.random() < 0.45:
        handle = fold(f"{(preferred or first).split()[0]}.{last}").replace(" ", "")
        email = f"{handle}{rng.choice(['', str(rng.randrange(10, 99))])}@example.com"
    method = rng.choices(list(Method), (70, 7, 15, 8))[0]
    person = Person(
        first=first, last=last, gender=gender, culture=culture,
        language="es" if culture == "es" and rng.random() < 0.5 else "en",
        preferred=preferred, phone=phone, email=email,
        address1=f"{rng.randrange(100, 5000)} {rng.choice(STREETS)}",
        address2=f"Apt {rng.randrange(1, 40)}{rng.choice('ABCD')}" if rng.random() < 0.25 else "",
        city=city, postal_code=zip_code, birthday=birthday,
        employer=rng.choice(EMPLOYERS), consent=rng.random() < 0.85,
        habit=rng.choice((570, 600, 660, 735, 765, 990, 1020, 1040)),
        method=method, card_last4=f"{rng.randrange(10000):04d}", next_check=rng.randrange(1001, 4800),
        rng=rng,
    )
    add_household(rng, person, first_seen, age)
    return person


def some_day(rng: random.Random, year: int) -> dt.date:
    """Any day of ``year``."""
    start = dt.date(year, 1, 1)
    return start + dt.timedelta(days=rng.randrange(365 if year % 4 else 366))


def add_household(rng: random.Random, p: Person, first_seen: dt.date, age: int) -> None:
    """Most people get a spouse, children of fitting ages, or a parent who lives with them."""
    if rng.random() < 0.25:
        return
    if rng.random() < 0.6:
        pool = (HOMBRES if p.gender == "f" else MUJERES) if p.culture == "es" else (MEN if p.gender == "f" else WOMEN)
        first = rng.choice(pool)
        p.household.append(Member(f"{first} {p.last}", first, "spouse",
                                  some_day(rng, first_seen.year - age - rng.randrange(-4, 5))))
    if age >= 24:
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            kid, sex = rng.choice(KIDS[p.culture])
            if any(m.first == kid for m in p.household):
                continue
            oldest = min(age - 19, 20)
            born = some_day(rng, first_seen.year - rng.randrange(2, max(3, oldest)))
            p.household.append(Member(f"{kid} {p.last}", kid, "son" if sex == "m" else "daughter", born))
    if age < 60 and rng.random() < 0.2:
        elder, relation = rng.choice([e for e in ELDERS[p.culture] if age < 40 or e[1] != "grandmother"])
        older = rng.randrange(42, 50) if relation == "grandmother" else rng.randrange(20, 30)
        p.household.append(Member(elder, elder.split()[0], relation,
                                  some_day(rng, first_seen.year - age - older)))


def new_car(rng: random.Random, bought: dt.date, used_vins: set[str], *, cheap: bool = False,
            catalogue=CARS) -> Car:
    """A car bought at auction for sale on ``bought``, its VIN not yet in ``used_vins``
    (which it is added to); ``cheap`` for an older one, from ``catalogue``."""
    make, model, trims, wmi, vds, kind = rng.choice(catalogue)
    age = rng.randrange(7, 12) if cheap else rng.randrange(4, 11)
    year = bought.year - age
    odometer = min(195_000, age * rng.randrange(10_500, 15_500) + rng.randrange(-4000, 4000))
    price = KIND_PRICE[kind] - (age - 4) * 950 - max(0, odometer - 60_000) // 40
    price = max(6_000, min(16_000, price + rng.randrange(-600, 600)))
    price = (price // 500) * 500 - 5 if price % 1000 else price - 5
    price = max(5_995, min(15_995, price)) if not cheap else max(5_995, min(7_495, price))
    while True:
        serial = f"{rng.randrange(1_000_000):06d}"
        body = f"{wmi}{vds}{rng.choice(VIN_CHARS)}0{YEAR_CODES[(year - 1980) % 30]}{rng.choice(VIN_CHARS)}{serial}"
        vin = with_check_digit(body)
        if vin not in used_vins:
            used_vins.add(vin)
            break
    cost = int(price * rng.uniform(0.52, 0.66)) // 50 * 50
    return Car(make, model, rng.choice(trims), year, rng.choice(COLORS), odometer, cost * 100, price * 100, vin)
