"""The household as the tab shows it: members with ages, cars with their drivers."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.errors import NotFound
from lto_desk.services import customers
from lto_desk.services import relationship as rel
from lto_desk.services.household import Household, age_on, household_of
from lto_desk.store.models import Customer, HouseholdMember

AT = dt.datetime(2025, 3, 4, 11, 0)
TODAY = AT.date()


@pytest.fixture
def maria(agreement):
    return Customer.get(Customer.first_name == "María").id


def test_an_empty_household(owner, maria):
    assert household_of(owner, maria, TODAY) == Household(maria, TODAY, (), ())


def test_members_in_the_order_added_with_their_age_today(clerk, maria):
    ana = customers.add_household_member(clerk, maria, "Ana García", "daughter", dt.date(2007, 3, 5),
                                         "Graduates in May", at=AT)
    jose = customers.add_household_member(clerk, maria, "José García", "spouse", at=AT)
    h = household_of(clerk, maria, TODAY)
    assert [(m.member_id, m.name, m.relation, m.birthday, m.age, m.notes) for m in h.members] == [
        (ana, "Ana García", "daughter", dt.date(2007, 3, 5), 17, "Graduates in May"),  # 18 tomorrow
        (jose, "José García", "spouse", None, None, ""),
    ]
    assert household_of(clerk, maria, dt.date(2025, 3, 5)).members[0].age == 18
    assert h.member_choices == [(ana, "Ana García"), (jose, "José García")]


def test_age_on_a_leap_day_birthday():
    born = dt.date(2004, 2, 29)
    assert age_on(born, dt.date(2025, 2, 28)) == 20
    assert age_on(born, dt.date(2025, 3, 1)) == 21


def test_cars_name_the_driver_and_when_they_may_need_replacing(clerk, maria):
    son = customers.add_household_member(clerk, maria, "Luis", "son", dt.date(2005, 3, 8), at=AT)
    sentra = rel.add_household_car(clerk, maria, "Nissan", "Sentra", 2012, driver_member_id=son,
                                   replace_by=dt.date(2025, 5, 1), replace_note="high miles", at=AT)
    truck = rel.add_household_car(clerk, maria, "Ford", "", None, driver="her brother Tito",
                                  replace_by=dt.date(2026, 1, 1), notes="work truck", at=AT)
    bare = rel.add_household_car(clerk, maria, "Toyota", "Camry", 2009, at=AT)
    cars = household_of(clerk, maria, TODAY).cars
    assert [(c.car_id, c.description, c.driver, c.replace_by, c.replace_note, c.notes, c.replace_soon)
            for c in cars] == [
        (sentra, "2012 Nissan Sentra", "Luis", dt.date(2025, 5, 1), "high miles", "", True),
        (truck, "Ford", "her brother Tito", dt.date(2026, 1, 1), "", "work truck", False),
        (bare, "2009 Toyota Camry", "", None, "", "", False),
    ]
    assert (cars[0].make, cars[0].model, cars[0].year) == ("Nissan", "Sentra", 2012)


def test_the_driver_is_the_members_name_as_it_is_now(clerk, maria):
    son = customers.add_household_member(clerk, maria, "Luis", "son", at=AT)
    rel.add_household_car(clerk, maria, "Nissan", "Sentra", 2012, driver_member_id=son, at=AT)
    HouseholdMember.update(name="Luis Alberto").where(HouseholdMember.id == son).execute()
    assert household_of(clerk, maria, TODAY).cars[0].driver == "Luis Alberto"


def test_other_customers_households_are_not_shown(clerk, owner, maria):
    other = customers.add_customer(owner, customers.NewCustomer("Pedro", "López"), at=AT)
    customers.add_household_member(clerk, other, "Rosa López", "spouse", at=AT)
    rel.add_household_car(clerk, other, "Honda", "Civic", 2015, at=AT)
    assert household_of(owner, maria, TODAY) == Household(maria, TODAY, (), ())
    assert [m.name for m in household_of(owner, other, TODAY).members] == ["Rosa López"]


def test_an_unknown_customer(owner, database):
    with pytest.raises(NotFound):
        household_of(owner, 999)
