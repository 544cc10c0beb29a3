"""The amount due (and the rest of the outlook) of many active agreements at once,
from their cached state: two queries, however long their histories are.

The lookup list and the late-accounts report read this; the counter's payment
form still replays the one agreement being paid. ``verify`` checks this against
a replay of every active agreement.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Iterable

from ..domain.outlook import Outlook, of_state, outlook
from ..domain.terms import LateFeePolicy
from ..store.models import Agreement, stored_day
from ..store.reads import outlook_rows
from .ledger import state_of

_CHUNK = 500


def outlooks(as_of: dt.date, ids: Iterable[int] | None = None) -> dict[int, Outlook]:
    """Agreement id -> its outlook on ``as_of``, for the active agreements among
    ``ids`` (every active agreement when None). An agreement with an entry dated
    after ``as_of`` (a report for a past day) is replayed instead."""
    if ids is not None:
        ids = list(dict.fromkeys(ids))
        out: dict[int, Outlook] = {}
        for start in range(0, len(ids), _CHUNK):
            out.update(_outlooks(as_of, ids[start:start + _CHUNK]))
        return out
    return _outlooks(as_of, None)


def _outlooks(as_of: dt.date, ids: list[int] | None) -> dict[int, Outlook]:
    policies: dict[tuple, LateFeePolicy] = {}
    out: dict[int, Outlook] = {}
    later: list[int] = []
    for (aid, *cached, is_later), rows in groupby(outlook_rows(as_of, ids), _head):
        if is_later:
            later.append(aid)
            continue
        grace, flat, bp, cap, toward_next, carry, principal = cached
        policy = policies.get((grace, flat, bp, cap))
        if policy is None:
            policy = policies[(grace, flat, bp, cap)] = LateFeePolicy(grace, flat, bp, cap)
        lines = [(n, stored_day(due), amount) for *_, n, due, amount in rows if n is not None]
        out[aid] = outlook(
            policy=policy, lines=lines, paid_toward_next=toward_next, fee_carry=carry,
            principal_remaining=principal, as_of=as_of,
        )
    for aid in later:
        agreement = Agreement.get_by_id(aid)
        out[aid] = of_state(state_of(agreement, max(as_of, agreement.opened_on)))
    return out


def _head(row: tuple) -> tuple:
    return row[:9]
