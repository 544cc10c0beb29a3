"""Migration 8: the journal's key and its anchors; growing lockouts.

* ``chain_key``: from which journal row on the chain is keyed (an HMAC-SHA-256 whose key
  the owner keeps in the keyring and on a printed recovery sheet), one row per key, with
  a check value made with that key, so a person with only the file can neither re-chain
  the journal nor move where the keyed part starts. ``lost_at``: when the owner said a
  key was lost and started a new one (its rows are then checked against anchors only).
* ``anchor``: the journal position and hash a backup copy was sealed at (written into
  the copy only; the live file's anchors are kept outside it, in each machine's
  anchors file and beside each backup).
* ``clerk.lockouts``: how many lockouts in a row a person has had (1 minute, then 15,
  then until a manager unlocks).
"""

from __future__ import annotations

DESCRIPTION = "journal key and anchors; growing lockouts"

STATEMENTS = [
    """CREATE TABLE chain_key (
        since BIGINT PRIMARY KEY,
        made_at TIMESTAMP NOT NULL,
        key_check TEXT NOT NULL,
        lost_at TIMESTAMP)""",
    """CREATE TABLE anchor (
        id {pk},
        at TIMESTAMP NOT NULL,
        journal_id BIGINT NOT NULL,
        hash TEXT NOT NULL,
        what TEXT NOT NULL)""",
    "ALTER TABLE clerk ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0",
]
