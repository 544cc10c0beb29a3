"""Who may do what: clerk < manager < owner."""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    CLERK = "clerk"
    MANAGER = "manager"
    OWNER = "owner"

    @property
    def rank(self) -> int:
        return {"clerk": 0, "manager": 1, "owner": 2}[self.value]

    def at_least(self, other: "Role") -> bool:
        return self.rank >= other.rank

    @property
    def label(self) -> str:
        return self.value.capitalize()
