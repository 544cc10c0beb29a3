"""Migration 9: where an imported row came from.

``source_id`` on customers, vehicles and agreements: the id the dealer's previous
system gave the row (its customer number, stock number, account number), so importing
the same file again finds the rows already here instead of making them twice. Empty
(NULL) for everything made in LTO Desk; unique where given.
"""

from __future__ import annotations

DESCRIPTION = "source ids of imported customers, vehicles and agreements"

STATEMENTS = [
    "ALTER TABLE customer ADD COLUMN source_id TEXT",
    "ALTER TABLE vehicle ADD COLUMN source_id TEXT",
    "ALTER TABLE agreement ADD COLUMN source_id TEXT",
    "CREATE UNIQUE INDEX customer_source_id ON customer (source_id) WHERE source_id IS NOT NULL",
    "CREATE UNIQUE INDEX vehicle_source_id ON vehicle (source_id) WHERE source_id IS NOT NULL",
    "CREATE UNIQUE INDEX agreement_source_id ON agreement (source_id) WHERE source_id IS NOT NULL",
]
