"""The household tab on its own: rows shown, empty words, buttons asking; the dialogs' reading."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from lto_desk.services import customers
from lto_desk.services import relationship as rel
from lto_desk.services.household import household_of
from lto_desk.store.models import Customer
from lto_desk.ui.household_dialogs import CarDialog, CarInput, MemberDialog, MemberInput, parse_day
from lto_desk.ui.household_tab import HouseholdPanel

AT = dt.datetime(2025, 3, 4, 11, 0)
TODAY = AT.date()


@pytest.fixture
def maria(agreement):
    return Customer.get(Customer.first_name == "María").id


@pytest.fixture
def panel(qtbot):
    widget = HouseholdPanel()
    qtbot.addWidget(widget)
    return widget


def cells(table) -> list[list[str]]:
    model = table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def test_members_and_cars_are_listed(qtbot, panel, clerk, maria):
    ana = customers.add_household_member(clerk, maria, "Ana García", "daughter", dt.date(2007, 3, 5),
                                         "Graduates in May", at=AT)
    customers.add_household_member(clerk, maria, "José García", "spouse", at=AT)
    rel.add_household_car(clerk, maria, "Nissan", "Sentra", 2012, driver_member_id=ana,
                          replace_by=dt.date(2025, 5, 1), replace_note="high miles", at=AT)
    rel.add_household_car(clerk, maria, "Ford", "F-150", 2008, driver="José", notes="work truck", at=AT)
    panel.set_household(household_of(clerk, maria, TODAY))

    members = panel.findChild(type(panel.members_table), "householdTable")
    cars = panel.findChild(type(panel.cars_table), "householdCarsTable")
    assert cells(members) == [
        ["Ana García", "daughter", "Mar 05, 2007", "17", "Graduates in May"],
        ["José García", "spouse", "", "", ""],
    ]
    assert cells(cars) == [
        ["2012 Nissan Sentra", "Ana García", "May 01, 2025", "high miles", ""],
        ["2008 Ford F-150", "José", "", "", "work truck"],
    ]
    assert members.isVisibleTo(panel) and cars.isVisibleTo(panel)
    assert not panel.members_empty.isVisibleTo(panel) and not panel.cars_empty.isVisibleTo(panel)
    # the Sentra may need replacing within three months: its date stands out
    assert cars.model().index(0, 2).data(Qt.ToolTipRole).startswith("May need replacing by May 01, 2025")
    assert cars.model().index(1, 2).data(Qt.ForegroundRole) is None
    assert panel.member_choices() == [(ana, "Ana García"), (ana + 1, "José García")]


def test_an_empty_household_says_so_in_words(owner, qtbot, panel, maria):
    assert not panel.add_member.isEnabled()  # no customer yet
    panel.set_household(household_of(owner, maria, TODAY))
    assert panel.members_empty.text() == "No family members on file yet."
    assert panel.cars_empty.text() == "No other cars in the household on file yet."
    assert panel.members_empty.isVisibleTo(panel) and not panel.members_table.isVisibleTo(panel)
    assert panel.cars_empty.isVisibleTo(panel) and not panel.cars_table.isVisibleTo(panel)
    assert panel.add_member.isEnabled() and panel.add_car.isEnabled()


def test_the_buttons_ask_for_a_member_and_a_car(owner, qtbot, panel, maria):
    panel.set_household(household_of(owner, maria, TODAY))
    with qtbot.waitSignal(panel.member_requested, timeout=1000):
        qtbot.mouseClick(panel.findChild(type(panel.add_member), "addMemberButton"), Qt.LeftButton)
    with qtbot.waitSignal(panel.car_requested, timeout=1000):
        qtbot.mouseClick(panel.findChild(type(panel.add_car), "addCarButton"), Qt.LeftButton)
    assert panel.add_member.text() == "Add family member…" and panel.add_car.text() == "Add car…"


def test_the_panel_grabs_to_png(qtbot, panel, clerk, maria, tmp_path):
    customers.add_household_member(clerk, maria, "Ana García", "daughter", dt.date(2007, 3, 5), at=AT)
    panel.set_household(household_of(clerk, maria, TODAY))
    panel.resize(1100, 260)
    out = tmp_path / "household.png"
    assert panel.grab().save(str(out)) and out.stat().st_size > 0


# ----------------------------------------------------------------------------- dialogs


def member_dialog(qtbot, **typed) -> MemberDialog:
    dialog = MemberDialog("María García", today=TODAY)
    qtbot.addWidget(dialog)
    dialog.name.setText(typed.get("name", "Ana García"))
    dialog.relation.setCurrentText(typed.get("relation", "daughter"))
    dialog.birthday.setText(typed.get("birthday", ""))
    dialog.notes.setPlainText(typed.get("notes", ""))
    return dialog


@pytest.mark.parametrize("typed", ["2007-03-05", "03/05/2007", "3/5/2007", " 2007-3-5 "])
def test_a_birthday_is_read_in_either_form(qtbot, typed):
    dialog = member_dialog(qtbot, birthday=typed, notes=" Graduates in May ")
    assert dialog.value() == MemberInput("Ana García", "daughter", dt.date(2007, 3, 5), "Graduates in May")
    assert not dialog.message.isVisibleTo(dialog)


def test_no_birthday_and_a_typed_relation(qtbot):
    dialog = member_dialog(qtbot, relation="  niece ", birthday="")
    assert dialog.value() == MemberInput("Ana García", "niece", None, "")


@pytest.mark.parametrize(("typed", "words"), [
    ("next May", "is not a birthday; type it like 03/15/1988"),
    ("3/5", "is not a birthday"),
    ("02/30/2007", "is not a real birthday"),
    ("2031-01-01", "The birthday is in the future"),
    ("1880-01-01", "more than 120 years ago"),
])
def test_a_bad_birthday_gives_a_message_and_no_value(qtbot, typed, words):
    dialog = member_dialog(qtbot, birthday=typed)
    assert dialog.value() is None
    assert words in dialog.message.text() and dialog.message.isVisibleTo(dialog)
    dialog.accept()  # Save does not close it
    assert dialog.result() != MemberDialog.Accepted


def test_a_member_needs_a_name(qtbot):
    dialog = member_dialog(qtbot, name="   ")
    assert dialog.value() is None
    assert dialog.message.text() == "Please type the family member's name."


def test_relations_offered(qtbot):
    dialog = member_dialog(qtbot)
    assert [dialog.relation.itemText(i) for i in range(dialog.relation.count())] == [
        "spouse", "partner", "daughter", "son", "mother", "father", "grandchild", "other"]
    assert dialog.relation.isEditable()


def car_dialog(qtbot, members=((7, "Ana García"), (8, "José García")), **typed) -> CarDialog:
    dialog = CarDialog("María García", list(members), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.make.setText(typed.get("make", "Nissan"))
    dialog.model.setText(typed.get("model", "Sentra"))
    dialog.year.setText(typed.get("year", "2012"))
    dialog.driver.setCurrentText(typed.get("driver", ""))
    dialog.replace_by.setText(typed.get("replace_by", ""))
    dialog.replace_note.setText(typed.get("replace_note", ""))
    dialog.notes.setPlainText(typed.get("notes", ""))
    return dialog


def test_a_car_driven_by_a_member(qtbot):
    dialog = car_dialog(qtbot, driver="José García", replace_by="05/01/2025", replace_note="high miles")
    assert dialog.value() == CarInput("Nissan", "Sentra", 2012, "", 8, dt.date(2025, 5, 1), "high miles", "")


def test_a_car_driven_by_someone_typed(qtbot):
    dialog = car_dialog(qtbot, members=(), model="", year="", driver=" her brother  Tito", notes="work truck")
    assert dialog.value() == CarInput("Nissan", "", None, "her brother Tito", None, None, "", "work truck")


@pytest.mark.parametrize(("typed", "words"), [
    (dict(make=" "), "Please type the car's make"),
    (dict(year="12"), "“12” is not a model year"),
    (dict(year="1850"), "1850 is not a car's model year"),
    (dict(replace_by="soon"), "is not a date it may need replacing"),
])
def test_bad_car_input_gives_a_message_and_no_value(qtbot, typed, words):
    dialog = car_dialog(qtbot, **typed)
    assert dialog.value() is None
    assert words in dialog.message.text()


def test_parse_day_empty_is_none():
    assert parse_day("  ", "birthday") is None
