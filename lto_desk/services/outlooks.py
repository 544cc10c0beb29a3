"""The amount due (and the rest of the outlook) of many active agreements at once,
from their cached state: two queries, however long their histories are.

The lookup list and the late-accounts report read this; the counter's payment
form still replays the one agreement being paid. ``verify`` checks this against
a replay of every active agreement.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterable

from ..domain.ledger import Status
from ..domain.outlook import Outlook, of_state, outlook
from ..domain.terms import LateFeePolicy
from ..store.models import Agreement, db
from .ledger import state_of

# The schedule lines still owed of each agreement, up to the first one due after
# the day: the bound comes from the (agreement, number) index, one short scan each.
_LINES = """
WITH chosen AS MATERIALIZED (
    SELECT a.id, a.installments_paid AS paid,
        (SELECT j.number FROM installment j
         WHERE j.agreement_id = a.id AND j.number > a.installments_paid AND j.due_date > ?
         ORDER BY j.number LIMIT 1) AS upto
    FROM agreement a WHERE a.status = 'active' {only})
SELECT i.agreement_id, i.number, i.due_date, i.amount
FROM chosen JOIN installment i ON i.agreement_id = chosen.id
WHERE i.number > chosen.paid AND i.number <= coalesce(chosen.upto, 1e18)
ORDER BY i.agreement_id, i.number
"""

_CACHED = """
SELECT a.id, a.grace_days, a.fee_flat, a.fee_percent_bp, a.fee_cap, a.paid_toward_next, a.fee_carry,
    a.principal_remaining
FROM agreement a WHERE a.status = 'active' {only}
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
    if ids is not None and not ids:
        return {}
    only, args = "", [as_of]
    if ids is not None:
        only = f"AND a.id IN ({', '.join('?' * len(ids))})"
        args += ids
    cached = db.execute_sql(_CACHED.format(only=only), args[1:])
    lines: dict[int, list] = defaultdict(list)
    for aid, number, due, amount in db.execute_sql(_LINES.format(only=only), args):
        lines[aid].append((number, due if isinstance(due, dt.date) else dt.date.fromisoformat(due), amount))
    # Entries after the day (none, unless it is a report for a past day), by the date index.
    later = {aid for (aid,) in db.execute_sql(
        "SELECT agreement_id FROM ledger_entry INDEXED BY ledger_entry_entry_date WHERE entry_date > ?", (as_of,))}
    policies: dict[tuple, LateFeePolicy] = {}
    out = {}
    for aid, grace, flat, bp, cap, toward_next, carry, principal in cached:
        if aid in later:
            continue
        policy = policies.get((grace, flat, bp, cap))
        if policy is None:
            policy = policies[(grace, flat, bp, cap)] = LateFeePolicy(grace, flat, bp, cap)
        out[aid] = outlook(
            policy=policy, lines=lines.get(aid, ()), paid_toward_next=toward_next, fee_carry=carry,
            principal_remaining=principal, as_of=as_of,
        )
    for aid in later if ids is None else later & set(ids):
        agreement = Agreement.get_by_id(aid)
        if agreement.status == Status.ACTIVE.value:
            out[aid] = of_state(state_of(agreement, max(as_of, agreement.opened_on)))
    return out
