"""Any table read whole, as plain columns and rows, for the export of everything a dealer
owns (services/exporting.py): its columns with what each holds, its rows in key order,
and one consistent read of every table while the counters go on writing."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Iterator, Sequence

from peewee import (
    BigIntegerField,
    BooleanField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    SqliteDatabase,
)

from .models import Model, db


@dataclass(frozen=True)
class TableColumn:
    """One column of a table.

    Attributes:
      name: the column's name in the database (a link to another row ends in ``_id``).
      kind: "id", "link", "whole number", "big number" (money is kept as cents in these),
        "date", "date and time", "yes/no" or "text".
      links_to: for a link, the table whose row it names ("" otherwise).
    """

    name: str
    kind: str
    links_to: str = ""


def table_name(model: type[Model]) -> str:
    return model._meta.table_name


def _kind(field) -> tuple[str, str]:
    if field.primary_key and isinstance(field, IntegerField):
        return "id", ""
    if isinstance(field, ForeignKeyField):
        return "link", field.rel_model._meta.table_name
    if isinstance(field, BooleanField):
        return "yes/no", ""
    if isinstance(field, DateTimeField):
        return "date and time", ""
    if isinstance(field, DateField):
        return "date", ""
    if isinstance(field, BigIntegerField):
        return "big number", ""
    if isinstance(field, IntegerField):
        return "whole number", ""
    return "text", ""


def columns_of(model: type[Model], *, leave_out: Sequence[str] = ()) -> list[TableColumn]:
    """The table's columns in the order the model declares them, but those named in ``leave_out``."""
    return [TableColumn(f.column_name, *_kind(f)) for f in model._meta.sorted_fields
            if f.column_name not in leave_out and f.name not in leave_out]


def rows_of(model: type[Model], columns: Sequence[TableColumn]) -> Iterator[tuple]:
    """Every row of the table (those ``columns``), in the order of its key: dates as
    dates, yes/no as bools, links as the other row's id. Read as it goes, not all at once."""
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    key = model._meta.primary_key
    if key is None or key is False:
        order = []
    elif hasattr(key, "field_names"):  # a key of several columns
        order = [model._meta.fields[name] for name in key.field_names]
    else:
        order = [key]
    query = model.select(*[fields[c.name] for c in columns]).order_by(*order).tuples()
    return iter(query.iterator())


def count_of(model: type[Model]) -> int:
    return model.select().count()


@contextlib.contextmanager
def one_reading() -> Iterator[None]:
    """Every read inside sees the database as it was at the first one (a deferred
    transaction on SQLite: in WAL mode the counters go on writing meanwhile, and none
    of their payments lands half in one file of an export and not in another)."""
    database = db.obj
    if isinstance(database, SqliteDatabase):
        with database.atomic(lock_type="DEFERRED"):
            yield
    else:
        with database.atomic():
            yield
