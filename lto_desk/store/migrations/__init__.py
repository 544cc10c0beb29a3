"""Numbered schema migrations. The database records its version in ``schema_info``.

Each migration is plain SQL with a ``{pk}`` placeholder for the dialect's
auto-increment primary key, so a migration never changes once released.
To add one: write ``mNNNN_what.py`` with DESCRIPTION and STATEMENTS and list
it in MIGRATIONS.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import m0001_initial, m0002_relationship, m0003_follow_ups, m0004_contacts, m0005_drawer


@dataclass(frozen=True)
class Migration:
    number: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = tuple(
    Migration(n, m.DESCRIPTION, tuple(m.STATEMENTS)) for n, m in enumerate(
        [m0001_initial, m0002_relationship, m0003_follow_ups, m0004_contacts, m0005_drawer], start=1
    )
)

LATEST = MIGRATIONS[-1].number

_DIALECT = {
    "sqlite": {"pk": "INTEGER PRIMARY KEY AUTOINCREMENT"},
    "postgresql": {"pk": "BIGSERIAL PRIMARY KEY"},
}


def statements_for(migration: Migration, dialect: str) -> list[str]:
    return [s.format(**_DIALECT[dialect]) for s in migration.statements]
