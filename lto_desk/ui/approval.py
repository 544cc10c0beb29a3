"""Who approves what a clerk may not do alone (a void, a return, a refund)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.errors import NotAllowed
from ..domain.roles import Role

if TYPE_CHECKING:
    from ..services.base import Actor


def approving_manager(actor: Actor, name: str, pin: str, what: str) -> Actor | None:
    """Who approves ``what``: None when the clerk at the counter is a manager (they
    approve it themselves), else the manager whose name and PIN were typed."""
    if actor.role.at_least(Role.MANAGER):
        return None
    if not pin.strip():
        raise NotAllowed(f"A manager must type their PIN to {what}. Nothing was changed.")
    from ..services import clerks

    return clerks.approve(name, pin, what)
