"""The mailing list: consenting customers only, accents intact, never opted-out ones."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from lto_desk.domain.errors import StorageError
from lto_desk.services import contacts, customers, mailing, relationship
from lto_desk.services.integrity import verify

AT = dt.datetime(2025, 5, 1, 9)


def add(owner, first, last, **kw):
    base = dict(address1="1 Main St", city="Montgomery", state="AL", postal_code="36104", mailing_consent=True)
    base.update(kw)
    return customers.add_customer(owner, customers.NewCustomer(first, last, **base), at=AT)


def test_the_csv_has_consenting_customers_with_accents_and_never_opted_out_ones(owner, clerk, tmp_path):
    add(owner, "José", "Núñez", preferred_name="Pepe", language="es", address1="15 Calle Peña", address2="Apt 2")
    add(owner, "Zoë", "Adams")
    add(owner, "Never", "Asked", mailing_consent=False)
    opted = add(owner, "Opted", "Out")
    relationship.set_mailing_consent(clerk, opted, False, at=AT)
    stopped = add(owner, "Stopped", "Calls")
    contacts.stop_contacting(clerk, stopped, at=AT)
    add(owner, "No", "Address", address1="")

    path = tmp_path / "out" / "mailing.csv"
    assert mailing.export_mailing_list(owner, path) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Name", "Preferred name", "Address", "Address line 2", "City", "State", "ZIP", "Language"]
    assert rows[1] == ["Zoë Adams", "Zoë", "1 Main St", "", "Montgomery", "AL", "36104", "en"]
    assert rows[2] == ["José Núñez", "Pepe", "15 Calle Peña", "Apt 2", "Montgomery", "AL", "36104", "es"]
    text = raw.decode("utf-8-sig")
    for name in ("Never", "Opted", "Stopped", "No Address"):
        assert name not in text
    assert not list(path.parent.glob(".tmp-*"))  # written whole, nothing left behind
    assert verify().ok


def test_an_empty_list_still_has_its_header(owner, tmp_path):
    path = tmp_path / "empty.csv"
    assert mailing.export_mailing_list(owner, path) == 0
    assert path.read_bytes().decode("utf-8-sig").splitlines() == [
        "Name,Preferred name,Address,Address line 2,City,State,ZIP,Language"
    ]


def test_a_folder_that_cannot_be_written_gives_a_clear_message(owner, tmp_path):
    add(owner, "Ana", "Ruiz")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="could not be saved"):
        mailing.export_mailing_list(owner, blocker / "mailing.csv")
