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
from ..store.models import Agreement, db, stored_day
from .ledger import state_of

# Each active agreement's cached figures, and its schedule lines still owed up to the
# first one due after the day (none when it owes only fees): the bound comes from the
# (agreement, number) index, one short scan each. ``later``: the agreement has an entry
# dated after the day (a report for a past day), found once by the entry-date index.
_ROWS = """
WITH chosen AS MATERIALIZED (
    SELECT a.id, a.installments_paid AS paid, a.grace_days, a.fee_flat, a.fee_percent_bp, a.fee_cap,
        a.paid_toward_next, a.fee_carry, a.principal_remaining,
        a.id IN (SELECT agreement_id FROM ledger_entry INDEXED BY ledger_entry_entry_date WHERE entry_date > :day)
            AS later,
        (SELECT j.number FROM installment j
         WHERE j.agreement_id = a.id AND j.number > a.installments_paid AND j.due_date > :day
         ORDER BY j.number LIMIT 1) AS upto
    FROM agreement a WHERE a.status = 'active' {only})
SELECT chosen.id, chosen.grace_days, chosen.fee_flat, chosen.fee_percent_bp, chosen.fee_cap,
    chosen.paid_toward_next, chosen.fee_carry, chosen.principal_remaining, chosen.later,
    i.number, i.due_date, i.amount
FROM chosen LEFT JOIN installment i
    ON i.agreement_id = chosen.id AND i.number > chosen.paid AND i.number <= coalesce(chosen.upto, 1e18)
ORDER BY chosen.id, i.number
"""

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
    only, args = "", {"day": as_of}
    if ids is not None:
        only = f"AND a.id IN ({', '.join(f':a{n}' for n in range(len(ids)))})"
        args.update((f"a{n}", aid) for n, aid in enumerate(ids))
    policies: dict[tuple, LateFeePolicy] = {}
    out: dict[int, Outlook] = {}
    later: list[int] = []
    for (aid, *cached, is_later), rows in groupby(db.execute_sql(_ROWS.format(only=only), args), _head):
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
