"""The New agreement dialog's "1. Customer" box: a customer on file, found as the
name or phone is typed, or a new customer's name, phone, language and address."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidInput
from ..domain.phone import normalise_phone
from ..domain.text import clean_name
from ..services.agreement_summary import AgreementCustomer, agreement_customer
from ..services.base import Actor
from ..services.counter import lookup
from ..services.customers import LANGUAGES, NewCustomer
from .agreement_fields import html, rows_tall, two_lines
from .models import RowsModel
from .widgets import row_table


class CustomerChoices(RowsModel[AgreementCustomer]):
    columns = (
        ("Name", lambda c: c.name + ("  — welcome back!" if c.welcome_back else ""), False),
        ("Phone", lambda c: c.phone or "—", False),
        ("Latest agreement", lambda c: c.latest, False),
    )


class CustomerBox(QGroupBox):
    """Who the agreement is for; ``heading_changed`` gives the dialog's title for the choice."""

    heading_changed = Signal(str)

    #: The fields the dialog also shows under these names.
    fields = (
        "on_file_radio", "new_radio", "customer_search", "customer_model", "customer_table", "customer_chosen",
        "first_name", "last_name", "preferred_name", "phone", "language", "address1", "city", "state", "zip",
        "customer_pages",
    )  # fmt: skip

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("1. Customer", parent)
        self.actor = actor  # the manager starting the agreement: the customers are read for them
        self.on_file_radio = QRadioButton("Customer on file")
        self.on_file_radio.setObjectName("customerOnFileRadio")
        self.new_radio = QRadioButton("New customer")
        self.new_radio.setObjectName("newCustomerRadio")
        self.on_file_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.on_file_radio)
        group.addButton(self.new_radio)
        radios = QHBoxLayout()
        radios.addWidget(self.on_file_radio)
        radios.addWidget(self.new_radio)
        radios.addStretch(1)

        self.customer_pages = QStackedWidget()
        self.customer_pages.addWidget(self._on_file_page())
        self.customer_pages.addWidget(self._new_page())
        layout = QVBoxLayout(self)
        layout.addLayout(radios)
        layout.addWidget(self.customer_pages)

        self.on_file_radio.toggled.connect(self._customer_mode_changed)
        self.customer_search.textChanged.connect(self.search_customers)
        self.customer_table.selectionModel().currentRowChanged.connect(self._customer_changed)
        for edit in (self.first_name, self.last_name):
            edit.textChanged.connect(self.show_choice)
        self.language.currentIndexChanged.connect(self.show_choice)

    def _on_file_page(self) -> QWidget:
        """Search as you type, pick from the list."""
        self.customer_search = QLineEdit()
        self.customer_search.setObjectName("customerSearchEdit")
        self.customer_search.setPlaceholderText("Name or phone (4+ digits) of a customer on file")
        self.customer_search.setClearButtonEnabled(True)
        self.customer_model = CustomerChoices(self)
        self.customer_table = row_table(self.customer_model, "customerResults")
        rows_tall(self.customer_table, 4)
        header = self.customer_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.customer_chosen = QLabel("")
        self.customer_chosen.setObjectName("customerChosenLabel")
        two_lines(self.customer_chosen)
        on_file = QWidget()
        on_file_layout = QVBoxLayout(on_file)
        on_file_layout.setContentsMargins(0, 0, 0, 0)
        on_file_layout.addWidget(self.customer_search)
        on_file_layout.addWidget(self.customer_table)
        on_file_layout.addWidget(self.customer_chosen)
        return on_file

    def _new_page(self) -> QWidget:
        """The few things we need to start (the profile can be filled in later)."""
        self.first_name = QLineEdit()
        self.first_name.setObjectName("firstNameEdit")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("lastNameEdit")
        self.preferred_name = QLineEdit()
        self.preferred_name.setObjectName("preferredNameEdit")
        self.preferred_name.setPlaceholderText("what they like to be called (optional)")
        self.phone = QLineEdit()
        self.phone.setObjectName("phoneEdit")
        self.phone.setPlaceholderText("(555) 123-4567")
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.address1 = QLineEdit()
        self.address1.setObjectName("address1Edit")
        self.address1.setPlaceholderText("street and number")
        self.city = QLineEdit()
        self.city.setObjectName("cityEdit")
        self.city.setPlaceholderText("city")
        self.state = QLineEdit()
        self.state.setObjectName("stateEdit")
        self.state.setPlaceholderText("ST")
        self.state.setMaxLength(2)
        self.state.setMaximumWidth(60)
        self.zip = QLineEdit()
        self.zip.setObjectName("zipEdit")
        self.zip.setPlaceholderText("ZIP")
        self.zip.setMaxLength(10)
        self.zip.setMaximumWidth(100)
        names = QHBoxLayout()
        names.addWidget(self.first_name)
        names.addWidget(self.last_name)
        self.first_name.setPlaceholderText("first name")
        self.last_name.setPlaceholderText("last name")
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone, 1)
        phone_row.addWidget(QLabel("Language"))
        phone_row.addWidget(self.language)
        place = QHBoxLayout()
        place.addWidget(self.city, 1)
        place.addWidget(self.state)
        place.addWidget(self.zip)
        new = QWidget()
        form = QFormLayout(new)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Name", names)
        form.addRow("Preferred name", self.preferred_name)
        form.addRow("Phone", phone_row)
        form.addRow("Address", self.address1)
        form.addRow("", place)
        return new

    def tab_chain(self) -> list[QWidget]:
        """The box's fields in the order Tab visits them."""
        return [
            self.on_file_radio, self.new_radio, self.customer_search,
            self.first_name, self.last_name, self.preferred_name, self.phone, self.language,
            self.address1, self.city, self.state, self.zip,
        ]  # fmt: skip

    def is_new_customer(self) -> bool:
        return self.new_radio.isChecked()

    def _customer_mode_changed(self) -> None:
        self.customer_pages.setCurrentIndex(1 if self.is_new_customer() else 0)
        (self.first_name if self.is_new_customer() else self.customer_search).setFocus()
        self.show_choice()

    def search_customers(self, text: str | None = None) -> None:
        text = self.customer_search.text() if text is None else text
        rows = [agreement_customer(self.actor, r.customer_id) for r in lookup(self.actor, text)]
        self.customer_model.set_rows(rows)
        if len(rows) == 1:
            self.customer_table.selectRow(0)
        self.show_choice()

    def choose_customer_on_file(self, customer_id: int) -> None:
        """Pre-select a customer (the one open on the card)."""
        customer = agreement_customer(self.actor, customer_id)
        self.on_file_radio.setChecked(True)
        self.customer_search.blockSignals(True)
        self.customer_search.setText(customer.name)
        self.customer_search.blockSignals(False)
        self.customer_model.set_rows([customer])
        self.customer_table.selectRow(0)
        self.show_choice()

    def chosen_customer(self) -> AgreementCustomer | None:
        if self.is_new_customer():
            return None
        index = self.customer_table.currentIndex()
        return self.customer_model.row_at(index.row()) if index.isValid() else None

    def summary_language(self) -> str:
        """The language the draft summary is printed in: the customer's."""
        if self.is_new_customer():
            return self.language.currentData()
        chosen = self.chosen_customer()
        return chosen.language if chosen is not None else "en"

    def _customer_changed(self, *_args: QModelIndex) -> None:
        self.show_choice()

    def show_choice(self) -> None:
        """Say who is chosen (or how to choose), and give the dialog's title for it."""
        if self.is_new_customer():
            name = " ".join(f"{self.first_name.text()} {self.last_name.text()}".split())
            self.customer_chosen.setText("")
            self.heading_changed.emit(f"New agreement — {name} (new customer)" if name else "New agreement — new customer")
            return
        chosen = self.chosen_customer()
        if chosen is None:
            found = self.customer_model.rowCount()
            typed = self.customer_search.text().strip()
            self.customer_chosen.setText(
                f"{found} found — choose one with ↑ ↓ or a click." if found
                else ("No one on file matches. Try part of the name or 4 digits of the phone, or choose New customer."
                      if typed else "Type part of the name or phone, then choose the customer.")
            )  # fmt: skip
            self.heading_changed.emit("New agreement")
            return
        parts = [f"<b>{html(chosen.name)}</b>"]
        if chosen.phone:
            parts.append(html(chosen.phone))
        parts.append(html(chosen.latest))
        text = "Chosen: " + "  ·  ".join(parts)
        if chosen.welcome_back:
            text += "<br/>Welcome back! They brought a car back before and are always welcome."
        self.customer_chosen.setText(text)
        self.heading_changed.emit(f"New agreement — {chosen.name}")

    def read_new_customer(self) -> NewCustomer:
        if not self.first_name.text().strip() or not self.last_name.text().strip():
            raise InvalidInput("Type the new customer's first and last name.")
        first = clean_name(self.first_name.text(), "first name")
        last = clean_name(self.last_name.text(), "last name")
        preferred = clean_name(self.preferred_name.text(), "preferred name") if self.preferred_name.text().strip() else ""
        phone = self.phone.text().strip()
        if phone:
            normalise_phone(phone)  # a typo is said now, not after Start
        state = self.state.text().strip().upper()
        if state and (len(state) != 2 or not state.isalpha()):
            raise InvalidInput("The state is two letters, like TX.")
        return NewCustomer(
            first_name=first, last_name=last, preferred_name=preferred, phone=phone,
            address1=" ".join(self.address1.text().split()), city=" ".join(self.city.text().split()),
            state=state, postal_code=self.zip.text().strip(), language=self.language.currentData(),
        )  # fmt: skip

    def read_customer(self) -> int | NewCustomer:
        if self.is_new_customer():
            return self.read_new_customer()
        chosen = self.chosen_customer()
        if chosen is None:
            raise InvalidInput(
                "Choose the customer: type part of their name or phone and pick them from the list, "
                "or choose New customer."
            )
        return chosen.customer_id
