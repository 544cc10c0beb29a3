"""The customer's household as the counter shows it: family members and their
other cars (who drives each one, and when it may need replacing). Read-only;
adding goes through ``customers.add_household_member`` and
``relationship.add_household_car``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.dates import age_on
from ..domain.errors import NotFound
from ..domain.roles import Role
from ..store.database import now as clock
from ..store.models import Customer, HouseholdCar, HouseholdMember
from .base import Actor, require_role

#: A car whose "may need replacing by" date is this close (or past) is marked as time to call.
REPLACE_SOON_DAYS = 90


@dataclass(frozen=True)
class MemberLine:
    """A family member: ``age`` is in whole years on the day asked (None without a birthday)."""

    member_id: int
    name: str
    relation: str
    birthday: dt.date | None
    age: int | None
    notes: str


@dataclass(frozen=True)
class CarLine:
    """Another car in the household.

    Attributes:
      description: "2012 Nissan Sentra" (the parts known, in that order).
      driver: the member's name as it is now when one was chosen, else the name typed.
      replace_by: when it may need replacing (None: nobody said).
      replace_soon: ``replace_by`` is past or within ``REPLACE_SOON_DAYS`` — time to call.
    """

    car_id: int
    description: str
    make: str
    model: str
    year: int | None
    driver: str
    replace_by: dt.date | None
    replace_note: str
    notes: str
    replace_soon: bool = False


@dataclass(frozen=True)
class Household:
    """Members in the order they were added; cars likewise; ages and "soon" as of ``as_of``."""

    customer_id: int
    as_of: dt.date
    members: tuple[MemberLine, ...]
    cars: tuple[CarLine, ...]

    @property
    def member_choices(self) -> list[tuple[int, str]]:
        """(member id, name) for choosing a car's driver."""
        return [(m.member_id, m.name) for m in self.members]


def car_description(year: int | None, make: str, model: str) -> str:
    return " ".join(str(p) for p in (year, make, model) if p)


def household_of(actor: Actor, customer_id: int, today: dt.date | None = None) -> Household:
    """The customer's household members and other cars."""
    require_role(actor, Role.CLERK, "see a customer's household")
    if not Customer.select().where(Customer.id == customer_id).exists():
        raise NotFound("That customer is not on file.")
    today = today or clock().date()
    members = list(
        HouseholdMember.select().where(HouseholdMember.customer == customer_id).order_by(HouseholdMember.id)
    )
    names = {m.id: m.name for m in members}
    soon = today + dt.timedelta(days=REPLACE_SOON_DAYS)
    member_lines = tuple(
        MemberLine(
            m.id, m.name, m.relation, m.birthday,
            age_on(m.birthday, today) if m.birthday and m.birthday <= today else None,
            m.notes,
        )
        for m in members
    )
    car_lines = tuple(
        CarLine(
            car.id,
            car_description(car.year, car.make, car.model),
            car.make,
            car.model,
            car.year,
            names.get(car.driver_id, "") or car.driver,
            car.replace_by,
            car.replace_note,
            car.notes,
            car.replace_by is not None and car.replace_by <= soon,
        )
        for car in HouseholdCar.select().where(HouseholdCar.customer == customer_id).order_by(HouseholdCar.id)
    )
    return Household(customer_id, today, member_lines, car_lines)


__all__ = ["REPLACE_SOON_DAYS", "CarLine", "Household", "MemberLine", "age_on", "car_description", "household_of"]
