"""The inventory window as a manager and a clerk use it: adding a vehicle through
the form (a VIN check-digit warning must be accepted), correcting one, marking a
returned vehicle inspected, taking one out and putting it back, finding vehicles."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import make_vin
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDialog, QLineEdit, QPlainTextEdit, QWidget

from lto_desk.services import agreements, vehicles
from lto_desk.services.integrity import verify
from lto_desk.services.vehicles import NewVehicle
from lto_desk.ui.inventory import InventoryModel, InventoryWindow
from lto_desk.ui.vehicle_dialogs import InspectionDialog, RemoveDialog, VehicleDialog

RETURNED_AT = dt.datetime(2025, 1, 27, 16, 0)


def _wrong_check_digit(serial: int) -> str:
    vin = make_vin(serial)
    return vin[:8] + ("0" if vin[8] != "0" else "1") + vin[9:]


CIVIC = {
    "vinEdit": make_vin(7001), "yearEdit": "2016", "makeEdit": "Honda", "modelEdit": "Civic", "trimEdit": "LX",
    "colorEdit": "Blue", "odometerEdit": "98,500", "stockEdit": "s2001", "costEdit": "4,200", "priceEdit": "$7,995",
}


class Person:
    """Stands in for the person at a form: each time one opens, types the next
    steps' fields (and ticks boxes), pressing Save after each; notes what the
    form showed on opening and what it said after each Save."""

    def __init__(self, monkeypatch, dialog_class, *visits):
        self.visits = list(visits)
        self.opened: list[dict] = []
        self.said: list[str] = []
        monkeypatch.setattr(dialog_class, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog) -> int:
        self.opened.append({
            "message": dialog.message.text() if dialog.message.isVisibleTo(dialog) else "",
            **{e.objectName(): e.text() for e in dialog.findChildren(QLineEdit) if e.objectName()},
        })
        steps = self.visits.pop(0) if self.visits else []
        for step in steps:
            for name, value in step.items():
                widget = dialog.findChild(QWidget, name)
                if isinstance(widget, QCheckBox):
                    widget.setChecked(value)
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(widget.findData(value))
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(value)
                else:
                    assert isinstance(widget, QLineEdit), name
                    widget.setText(value)
            dialog.accept()  # Save
            self.said.append(dialog.message.text() if dialog.message.isVisibleTo(dialog) else "")
            if dialog.result() == QDialog.Accepted:
                return QDialog.Accepted
        dialog.reject()  # Cancel
        return QDialog.Rejected


@pytest.fixture
def who(manager):
    return {"actor": manager}


@pytest.fixture
def window(qtbot, who):
    win = InventoryWindow(lambda: who["actor"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def cells(win) -> list[list[str]]:
    model = win.table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_a_manager_adds_a_vehicle_and_a_vin_warning_must_be_accepted(qtbot, monkeypatch, manager, window):
    vin = _wrong_check_digit(7002)
    person = Person(monkeypatch, VehicleDialog, [{**CIVIC, "vinEdit": vin}, {"vinAcceptCheck": True}])
    qtbot.mouseClick(window.add_button, Qt.LeftButton)

    assert "check digit" in person.said[0] and "tick “The VIN is typed correctly; keep it”" in person.said[0]
    assert person.said[1] == ""
    assert cells(window) == [["S2001", "2016 Honda Civic LX", "Blue", "98,500", "$7,995.00", "Available"]]
    line = vehicles.list_vehicles(manager)[0]
    assert (line.vin, line.cost, line.price) == (vin, 420_000, 799_500)
    assert window.message.text() == "Added the 2016 Honda Civic LX (stock S2001); it is available."
    assert "Added to inventory" in window.history.toPlainText()
    assert verify().ok


def test_the_vin_is_checked_as_it_is_typed(qtbot, manager):
    dialog = VehicleDialog(None)
    qtbot.addWidget(dialog)
    label, tick = dialog.vin_check, dialog.vin_accept
    qtbot.keyClicks(dialog.vin, "1hgcm")
    assert label.text() == "5 of 17 characters so far." and tick.isHidden()
    qtbot.keyClicks(dialog.vin, "8I")
    assert label.text().startswith("A VIN never has the letter I") and label.property("state") == "error"
    dialog.vin.setText(make_vin(7001))
    assert label.text().startswith("✓ The VIN reads right") and label.property("state") == "ok"
    assert tick.isHidden()
    dialog.vin.setText(_wrong_check_digit(7001))
    assert label.property("state") == "warning" and "check digit" in label.text()
    assert not tick.isHidden() and not tick.isChecked()
    tick.setChecked(True)
    dialog.vin.setText(_wrong_check_digit(7003))  # a different VIN: the tick was for the other one
    assert not tick.isChecked()
    dialog.vin.setText(make_vin(7001) + "9")
    assert label.text() == "A VIN has 17 characters; this one has 18." and tick.isHidden()


def test_what_the_service_refuses_comes_back_with_everything_typed(qtbot, monkeypatch, manager, window):
    vehicles.add_vehicle(manager, NewVehicle(make_vin(7100), 2015, "Ford", "Focus", "S2001", price=500_000))
    window.refresh()
    person = Person(monkeypatch, VehicleDialog, [CIVIC], [{"stockEdit": "S2002"}])
    window.add_vehicle()

    second = person.opened[1]
    assert second["message"].startswith("Stock number S2001 is already used by the 2015 Ford Focus")
    assert {k: second[k] for k in ("vinEdit", "makeEdit", "modelEdit", "colorEdit", "odometerEdit", "priceEdit")} == {
        "vinEdit": make_vin(7001), "makeEdit": "Honda", "modelEdit": "Civic", "colorEdit": "Blue",
        "odometerEdit": "98,500", "priceEdit": "7,995.00",
    }
    assert [r[0] for r in cells(window)] == ["S2001", "S2002"]


def test_cancelling_after_a_refusal_saves_nothing(qtbot, monkeypatch, manager, window):
    Person(monkeypatch, VehicleDialog, [{**CIVIC, "yearEdit": "1949"}], [])
    window.add_vehicle()
    assert vehicles.list_vehicles(manager) == []
    assert "not a model year" in window.message.text() and "Nothing was saved" in window.message.text()


def test_the_form_reads_what_was_typed_before_saving(qtbot, manager):
    dialog = VehicleDialog(None)
    qtbot.addWidget(dialog)
    for name, value in CIVIC.items():
        dialog.findChild(QWidget, name).setText(value)
    for field, text, said in [
        ("yearEdit", "16", "Type the model year as four digits"),
        ("odometerEdit", "about 90k", "Type the odometer reading in miles"),
        ("priceEdit", "", "Price: "),
        ("costEdit", "4,2OO", "Cost: "),
        ("makeEdit", " ", "Please type the make."),
    ]:
        edit = dialog.findChild(QWidget, field)
        before = edit.text()
        edit.setText(text)
        assert dialog.value() is None and dialog.message.text().startswith(said), field
        edit.setText(before)
    dialog.odometer.setText("98,500 miles")
    dialog.cost.setText("")
    got = dialog.value()
    assert (got.odometer, got.cost, got.price, got.year) == (98_500, 0, 799_500, 2016)


def test_enter_on_a_row_edits_it_and_the_vin_of_a_leased_vehicle_stays(qtbot, monkeypatch, manager, agreement, window):
    person = Person(monkeypatch, VehicleDialog, [{"colorEdit": "Silver", "priceEdit": "9,250"}])
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key_Return)

    assert person.opened[0]["stockEdit"] == "S1001" and person.opened[0]["makeEdit"] == "Honda"
    assert cells(window)[0][2] == "Silver" and cells(window)[0][4] == "$9,250.00"
    assert window.message.text() == "Saved the changes to the 2014 Honda Accord (stock S1001)."
    assert "Colour: (blank) → Silver" in window.history.toPlainText()
    dialog = VehicleDialog(vehicles.vehicle_line(manager, window.selected().id), vin_locked=True)
    qtbot.addWidget(dialog)
    assert dialog.vin.isReadOnly() and "paperwork names this VIN" in dialog.vin.toolTip()


def test_inspection_done_moves_a_returned_vehicle_to_available(qtbot, monkeypatch, manager, agreement, window):
    agreements.return_vehicle(manager, agreement, "needs_changed", keys_returned=2, at=RETURNED_AT)
    window.refresh()
    assert cells(window)[0][5] == "Returned — needs inspection"
    assert window.inspected_button.isEnabled()
    Person(monkeypatch, InspectionDialog, [{"inspectionNoteEdit": "New front tires"}])
    qtbot.mouseClick(window.inspected_button, Qt.LeftButton)

    assert cells(window)[0][5] == "Available"
    assert window.message.text() == "Inspection done: the 2014 Honda Accord (stock S1001) is available again."
    history = window.history.toPlainText()
    assert "Returned by María García" in history and "Inspection done — available again" in history
    assert "Note: New front tires" in history
    assert not window.inspected_button.isEnabled()
    assert window.status_combo.itemText(1) == "Available (1)"


def test_remove_and_put_back(qtbot, monkeypatch, manager, window):
    vehicles.add_vehicle(manager, NewVehicle(make_vin(7200), 2015, "Ford", "Focus", "S3000", price=500_000))
    window.refresh()
    person = Person(monkeypatch, RemoveDialog, [{"removeReasonCombo": "other"}, {"removeReasonEdit": "Given to the school"}])
    qtbot.mouseClick(window.remove_button, Qt.LeftButton)
    assert person.said[0] == "Please type why the vehicle is leaving."
    assert cells(window)[0][5] == "Removed"
    assert "Removed from inventory: Other" in window.history.toPlainText()
    assert window.remove_button.text() == "Put back"
    qtbot.mouseClick(window.remove_button, Qt.LeftButton)
    assert cells(window)[0][5] == "Available" and window.remove_button.text() == "Remove…"
    assert window.message.text() == "The 2015 Ford Focus (stock S3000) is back in inventory and available."


def test_a_clerk_sees_the_list_and_history_but_cannot_change_it(qtbot, monkeypatch, clerk, agreement, who, window):
    who["actor"] = clerk
    window.refresh()
    monkeypatch.setattr(VehicleDialog, "ask", classmethod(lambda *a, **k: pytest.fail("a clerk got the form")))
    for button in window.write_buttons:
        assert not button.isEnabled() and "A manager must do this" in button.toolTip()
    assert window.role_note.text() == "Only a manager can change inventory."
    assert cells(window)[0][0] == "S1001" and "On agreement with María García" in window.history.toPlainText()
    assert "cost" not in window.facts.text()
    window.add_vehicle()
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert window.message.text() == "A manager must do this; ask a manager to log in."
    assert vehicles.list_vehicles(clerk)[0].color == ""


def test_a_locked_counter_changes_nothing(qtbot, monkeypatch, manager, who, window):
    who["actor"] = None
    window.refresh()
    monkeypatch.setattr(VehicleDialog, "ask", classmethod(lambda *a, **k: pytest.fail("the form opened while locked")))
    window.add_vehicle()
    assert not window.add_button.isEnabled() and "locked" in window.add_button.toolTip()


def test_a_lock_while_the_form_is_open_drops_the_answer(qtbot, monkeypatch, manager, who, window):
    def typed_then_locked(cls, *args, **kwargs):
        who["actor"] = None
        return NewVehicle(make_vin(7001), 2016, "Honda", "Civic", "S2001", price=799_500)

    monkeypatch.setattr(VehicleDialog, "ask", classmethod(typed_then_locked))
    window.add_vehicle()
    assert vehicles.list_vehicles(manager) == []


def test_find_and_filter_with_counts(qtbot, manager, agreement, window):
    for n, (make, model, color) in enumerate([("Ford", "Focus", "Red"), ("Toyota", "Camry", "Red")]):
        vehicles.add_vehicle(manager, NewVehicle(make_vin(7300 + n), 2015, make, model, f"S4{n:03d}", color=color,
                                                 price=500_000))
    window.refresh()
    assert window.counts.text() == (
        "3 vehicles: 2 available · 1 on agreement · 0 waiting for inspection · 0 titled to customers · 0 removed"
    )
    assert [window.status_combo.itemText(i) for i in range(3)] == ["All (3)", "Available (2)", "On agreement (1)"]
    window.status_combo.setCurrentIndex(2)
    assert [r[0] for r in cells(window)] == ["S1001"]
    window.status_combo.setCurrentIndex(0)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is window.search
    qtbot.keyClicks(window.search, "red toyota")
    assert [r[1] for r in cells(window)] == ["2015 Toyota Camry"]
    window.search.setText("chevrolet")
    assert cells(window) == [] and window.facts.text() == "Nothing matches; try fewer words or show all."


def test_the_table_model_is_sound(qtmodeltester, manager, agreement):
    model = InventoryModel()
    model.set_rows(vehicles.list_vehicles(manager))
    qtmodeltester.check(model)
    assert model.index(0, 5).data() == "On agreement"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the headless test platform
def test_opening_inventory_again_brings_the_open_window_forward(qtbot, manager, who):
    from lto_desk.ui.inventory import open_inventory

    parent = QWidget()
    qtbot.addWidget(parent)
    first = open_inventory(parent, lambda: who["actor"])
    qtbot.waitExposed(first)
    assert open_inventory(parent, lambda: who["actor"]) is first
    first.close()  # closing frees it (it deletes itself); the next open makes a new one
    second = open_inventory(parent, lambda: who["actor"])
    assert second is not first and second.isVisible()
    second.close()
