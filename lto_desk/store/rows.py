"""One row read or written from a query text made once, and the one name for running
hand-written SQL: the payment path reads several rows, and peewee building a query
naming every column cost many times more than reading the row."""

from __future__ import annotations

import functools
from typing import Any, Sequence, TypeVar

from peewee import Field, PostgresqlDatabase

from .models import Model, db

M = TypeVar("M", bound=Model)


def run(sql: str, params: Sequence[Any] | dict = ()):
    """Run a hand-written statement on the open database; its cursor. Only the store's
    modules hold SQL text (the services build theirs with the query builder)."""
    return db.execute_sql(sql, params)


@functools.cache
def _select_sql(table: str, column: str) -> str:
    return f'SELECT * FROM "{table}" WHERE "{column}" = ? LIMIT 1'


def by_key(field: Field, value: object) -> Model | None:
    """The row whose unique ``field`` (e.g. ``LedgerEntry.receipt_number``) is ``value``, or None.

    The same instance as ``model.get_or_none(field == value)``, from a query text made
    once: peewee builds a query naming every column each time, which costs many times
    more than reading the row (a payment reads several)."""
    model = field.model
    return next(iter(model.raw(_select_sql(model._meta.table_name, field.column_name), field.db_value(value))), None)


def by_id(model: type[M], key: object) -> M | None:
    """The row of ``model`` whose primary key is ``key``, or None (see :func:`by_key`)."""
    return by_key(model._meta.primary_key, key)


def on_server(database=None) -> bool:
    """True when ``database`` (by default the open one) is on a PostgreSQL server (False: a SQLite file)."""
    return isinstance(db.obj if database is None else database, PostgresqlDatabase)


@functools.cache
def _insert_sql(model: type[Model], columns: tuple[str, ...], returning: bool) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    return f'{sql} RETURNING "{model._meta.primary_key.column_name}"' if returning else sql


def insert_row(instance: M) -> M:
    """Insert a new row as ``instance.save(force_insert=True)`` does (the fields it holds,
    each through its field's ``db_value``) from a query text made once, and give it its id."""
    meta = instance._meta
    key = meta.primary_key
    fields = [meta.fields[name] for name in instance.__data__ if name != key.name]
    server = on_server()  # no lastrowid there: the new id comes back from the INSERT
    sql = _insert_sql(type(instance), tuple(f.column_name for f in fields), server)
    cursor = meta.database.execute_sql(sql, [f.db_value(instance.__data__[f.name]) for f in fields])
    instance.__data__[key.name] = cursor.fetchone()[0] if server else cursor.lastrowid
    instance._dirty.clear()
    return instance
