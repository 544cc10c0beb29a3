"""The New agreement dialog's "2. Vehicle" box: the available vehicles, narrowed
as the stock number, make, model, year or color is typed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidInput
from ..domain.money import format_money
from ..services.vehicles import VehicleLine
from .agreement_fields import html, rows_tall, two_lines
from .models import RowsModel
from .widgets import row_table


class VehicleChoices(RowsModel[VehicleLine]):
    columns = (
        ("Stock", lambda v: v.stock_number, False),
        ("Vehicle", lambda v: " ".join(p for p in (v.description, v.trim) if p), False),
        ("Color", lambda v: v.color, False),
        ("Miles", lambda v: f"{v.odometer:,}", True),
        ("Price", lambda v: format_money(v.price) if v.price else "—", True),
    )


class VehicleBox(QGroupBox):
    """Which vehicle goes on the agreement; ``price_chosen`` gives the price (cents)
    of a newly chosen vehicle that has one."""

    price_chosen = Signal(int)

    #: The fields the dialog also shows under these names.
    fields = ("vehicle_filter", "vehicle_model", "vehicle_table", "vehicle_chosen")

    def __init__(self, vehicles: list[VehicleLine], parent: QWidget | None = None) -> None:
        super().__init__("2. Vehicle", parent)
        self._vehicles = vehicles
        self._priced_vehicle_id: int | None = None
        self.vehicle_filter = QLineEdit()
        self.vehicle_filter.setObjectName("vehicleFilterEdit")
        self.vehicle_filter.setPlaceholderText("Narrow the list: stock no., make, model, year, color")
        self.vehicle_filter.setClearButtonEnabled(True)
        self.vehicle_model = VehicleChoices(self)
        self.vehicle_table = row_table(self.vehicle_model, "vehicleList")
        rows_tall(self.vehicle_table, 6)
        header = self.vehicle_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.vehicle_chosen = QLabel("")
        self.vehicle_chosen.setObjectName("vehicleChosenLabel")
        two_lines(self.vehicle_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.vehicle_filter)
        layout.addWidget(self.vehicle_table)
        layout.addWidget(self.vehicle_chosen)
        self.vehicle_model.set_rows(self._vehicles)
        self.vehicle_filter.textChanged.connect(self.filter_vehicles)
        self.vehicle_table.selectionModel().currentRowChanged.connect(self._vehicle_changed)

    def filter_vehicles(self, text: str | None = None) -> None:
        keep = self.chosen_vehicle()
        words = (self.vehicle_filter.text() if text is None else text).casefold().split()

        def matches(v: VehicleLine) -> bool:
            hay = " ".join(str(x) for x in (v.stock_number, v.vin, v.year, v.make, v.model, v.trim, v.color)).casefold()
            return all(w in hay for w in words)

        rows = [v for v in self._vehicles if matches(v)]
        self.vehicle_model.set_rows(rows)
        if keep is not None and keep in rows:
            self.vehicle_table.selectRow(rows.index(keep))
        elif len(rows) == 1:
            self.vehicle_table.selectRow(0)
        self.show_choice()

    def chosen_vehicle(self) -> VehicleLine | None:
        index = self.vehicle_table.currentIndex()
        return self.vehicle_model.row_at(index.row()) if index.isValid() else None

    def _vehicle_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        vehicle = self.vehicle_model.row_at(current.row()) if current.isValid() else None
        # Only a different vehicle brings its price: narrowing the list keeps a price typed over.
        if vehicle is not None and vehicle.id != self._priced_vehicle_id:
            self._priced_vehicle_id = vehicle.id
            if vehicle.price:
                self.price_chosen.emit(vehicle.price)
        self.show_choice()

    def show_choice(self) -> None:
        """Say which vehicle is chosen, or how to choose one."""
        chosen = self.chosen_vehicle()
        if chosen is not None:
            what = " ".join(p for p in (chosen.description, chosen.trim) if p)
            color = f", {chosen.color}" if chosen.color else ""
            self.vehicle_chosen.setText(
                f"Chosen: <b>{html(what)}</b>{html(color)}  ·  stock {html(chosen.stock_number)}  ·  "
                f"VIN …{html(chosen.vin[-6:])}  ·  {chosen.odometer:,} miles"
            )
        elif not self._vehicles:
            self.vehicle_chosen.setText("No vehicles are available right now. Add one to inventory first.")
        elif not self.vehicle_model.rowCount():
            self.vehicle_chosen.setText("No available vehicle matches; clear the box to see them all.")
        else:
            self.vehicle_chosen.setText("Choose the vehicle from the list (↑ ↓ or a click).")

    def read_vehicle(self) -> int:
        chosen = self.chosen_vehicle()
        if chosen is None:
            raise InvalidInput("Choose the vehicle from the list of available vehicles.")
        return chosen.id
