"""Numbered schema migrations. The database records its version in ``schema_info``.

Each migration is plain SQL with a ``{pk}`` placeholder for the dialect's
auto-increment primary key, so a migration never changes once released.
To add one: write ``mNNNN_what.py`` with DESCRIPTION and STATEMENTS and list
it in MIGRATIONS. Optional: SQLITE_STATEMENTS (SQLite only, e.g. full-text
search), POSTGRES_STATEMENTS (the server's own way to the same end, e.g. trigram
indexes) and ``after(database)``, run in the same transaction to fill new
columns from the rows already on file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import (
    m0001_initial,
    m0002_relationship,
    m0003_follow_ups,
    m0004_contacts,
    m0005_drawer,
    m0006_outlook_and_search,
    m0007_vehicle_events_and_journal_index,
    m0008_seal_and_lockouts,
    m0009_source_ids,
)


@dataclass(frozen=True)
class Migration:
    number: int
    description: str
    statements: tuple[str, ...]
    sqlite_statements: tuple[str, ...] = ()
    after: Callable | None = None
    postgres_statements: tuple[str, ...] = ()


MIGRATIONS: tuple[Migration, ...] = tuple(
    Migration(
        n, m.DESCRIPTION, tuple(m.STATEMENTS), tuple(getattr(m, "SQLITE_STATEMENTS", ())), getattr(m, "after", None),
        tuple(getattr(m, "POSTGRES_STATEMENTS", ())),
    )
    for n, m in enumerate(
        [m0001_initial, m0002_relationship, m0003_follow_ups, m0004_contacts, m0005_drawer, m0006_outlook_and_search,
         m0007_vehicle_events_and_journal_index, m0008_seal_and_lockouts, m0009_source_ids],
        start=1,
    )
)

LATEST = MIGRATIONS[-1].number

_DIALECT = {
    "sqlite": {"pk": "INTEGER PRIMARY KEY AUTOINCREMENT", "without_rowid": " WITHOUT ROWID"},
    "postgresql": {"pk": "BIGSERIAL PRIMARY KEY", "without_rowid": ""},
}


def statements_for(migration: Migration, dialect: str) -> list[str]:
    extra = migration.sqlite_statements if dialect == "sqlite" else migration.postgres_statements
    return [s.format(**_DIALECT[dialect]) for s in migration.statements] + list(extra)
