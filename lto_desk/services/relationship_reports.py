"""The relationship reports read from the database: why customers left, referrals,
follow-up outcomes by week; and saving any report as a PDF under ``reports/``.

Reading only: nothing here writes to the database. Each report takes the actor it
is read for and refuses anyone not logged in (every clerk may read them, as the
reports window offers them). The results are the plain dataclasses of
:mod:`lto_desk.documents.relationship_reports`, which also turns them into tables
and printed pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..documents.relationship_reports import (
    DepartureLine,
    FollowUpOutcomes,
    ReferralRow,
    Referrals,
    ReferrerTotal,
    WeekRow,
    WhyLeft,
    outcomes_document,
    referrals_document,
    why_left_document,
)
from ..documents.report_table import ReportDocument, render_report
from ..domain.dates import as_day
from ..domain.contacts import DecidingFactor
from ..domain.errors import InvalidInput
from ..domain.followups import FollowUpStatus, Outcome
from ..domain.roles import Role
from ..domain.text import fold
from ..store.database import now as clock
from ..store.models import Agreement, Customer, Departure, FollowUp
from .base import Actor, require_role
from .saved_pages import dealer_header, write_atomically
from .settings import load_settings

__all__ = [
    "MAX_WEEKS",
    "NOT_SAID",
    "why_left",
    "referrals_report",
    "follow_up_outcomes",
    "week_start",
    "save_report_pdf",
    "save_why_left",
    "save_referrals",
    "save_follow_up_outcomes",
]

#: The longest look back the outcomes report takes (two years of weeks).
MAX_WEEKS = 104
NOT_SAID = "Not said"


_day = as_day  # a day from a date or date-time, or a clear refusal


def _factor_label(value: str) -> str:
    try:
        return DecidingFactor(value).label
    except ValueError:
        return value.replace("_", " ").capitalize() or "Other"


def why_left(actor: Actor, start: dt.date, end: dt.date) -> WhyLeft:
    """Customers recorded as having bought elsewhere from ``start`` to ``end`` (both days counted):
    counts by deciding factor (every factor, most first), where they went (most first;
    the same place typed differently — case, accents, spaces — counts as one, named
    as first typed with a capital) and each one."""
    require_role(actor, Role.CLERK, "see why customers left")
    start, end = _day(start, "first day"), _day(end, "last day")
    if start > end:
        raise InvalidInput(
            f"The period starts on {start:%b} {start.day}, {start.year}, after it ends "
            f"({end:%b} {end.day}, {end.year}); please swap the days."
        )
    since = dt.datetime.combine(start, dt.time.min)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
    query = (
        Departure.select(Departure, Customer)
        .join(Customer)
        .where((Departure.recorded_at >= since) & (Departure.recorded_at < until))
        .order_by(Departure.recorded_at, Departure.id)
    )
    lines: list[DepartureLine] = []
    factor_counts: dict[str, int] = {f.value: 0 for f in DecidingFactor}
    places: dict[str, list] = {}  # folded name -> [words as first typed, count, first seen]
    for n, d in enumerate(query):
        factor_counts[d.deciding_factor] = factor_counts.get(d.deciding_factor, 0) + 1
        where = " ".join(d.where_bought.split())
        key = fold(where)
        place = places.setdefault(key, [where[:1].upper() + where[1:] if where else NOT_SAID, 0, n])
        place[1] += 1
        lines.append(
            DepartureLine(
                departure_id=d.id,
                customer_id=d.customer.id,
                on=d.recorded_at.date(),
                customer=d.customer.display_name,
                factor=_factor_label(d.deciding_factor),
                factor_text=" ".join(d.factor_text.split()),
                where=where,
                taken_delivery=bool(d.taken_delivery),
                referrals_asked=bool(d.referrals_asked),
                referral_names=" ".join(d.referral_names.split()),
                stay_in_touch=bool(d.stay_in_touch),
            )
        )
    order = list(factor_counts)
    by_factor = sorted(factor_counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    # "Not said" goes last whatever its count: it is not a place
    by_place = sorted(places.items(), key=lambda kv: (kv[0] == "", -kv[1][1], kv[1][2]))
    return WhyLeft(
        start=start,
        end=end,
        rows_by_factor=tuple((_factor_label(value), count) for value, count in by_factor),
        rows_by_place=tuple((words, count) for _key, (words, count, _first) in by_place),
        departures=tuple(lines),
    )


def referrals_report(actor: Actor) -> Referrals:
    """Every customer on file as referred by another: who sent whom, since when, and
    whether the customer sent has an agreement with us (open or closed); and per
    referrer how many they sent and how many became agreements, most first."""
    require_role(actor, Role.CLERK, "see the referrals")
    referrer = Customer.alias()
    with_agreement = {a.customer_id for a in Agreement.select(Agreement.customer).distinct()}
    query = (
        Customer.select(Customer, referrer)
        .join(referrer, on=(Customer.referred_by == referrer.id), attr="sender")
        .where(Customer.referred_by.is_null(False))
    )
    rows: list[ReferralRow] = []
    for c in query:
        sender = c.sender
        rows.append(
            ReferralRow(
                referrer_id=sender.id,
                referrer=sender.display_name,
                referred_id=c.id,
                referred=c.display_name,
                since=c.customer_since,
                became_agreement=c.id in with_agreement,
            )
        )
    rows.sort(key=lambda r: (fold(r.referrer), r.referrer_id, r.since, fold(r.referred), r.referred_id))
    per: dict[int, list] = {}
    for r in rows:
        line = per.setdefault(r.referrer_id, [r.referrer, 0, 0])
        line[1] += 1
        line[2] += int(r.became_agreement)
    totals = [ReferrerTotal(rid, name, sent, became) for rid, (name, sent, became) in per.items()]
    totals.sort(key=lambda t: (-t.sent, -t.became_agreements, fold(t.referrer), t.referrer_id))
    return Referrals(tuple(rows), tuple(totals))


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def follow_up_outcomes(actor: Actor, weeks: int, today: dt.date | None = None) -> FollowUpOutcomes:
    """Follow-up tasks finished in each of the last ``weeks`` weeks (Monday to
    Sunday, the week of ``today`` last), counted by outcome. Each task counts
    once, in the week it was worked; cancelled tasks are not counted. An outcome
    typed in words before the outcomes were fixed counts under "Other"."""
    require_role(actor, Role.CLERK, "see the follow-up outcomes")
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise InvalidInput("The number of weeks is a whole number, such as 8.")
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"Choose from 1 to {MAX_WEEKS} weeks.")
    today = _day(today or clock().date(), "day")
    first = week_start(today) - dt.timedelta(weeks=weeks - 1)
    since = dt.datetime.combine(first, dt.time.min)
    until = dt.datetime.combine(week_start(today) + dt.timedelta(days=7), dt.time.min)
    known = [o.value for o in Outcome]
    counts: dict[dt.date, dict[str, int]] = {}
    others = False
    query = FollowUp.select(FollowUp.done_at, FollowUp.outcome).where(
        (FollowUp.status == FollowUpStatus.DONE.value) & (FollowUp.done_at >= since) & (FollowUp.done_at < until)
    )
    for task in query:
        value = task.outcome if task.outcome in known else "other"
        others |= value == "other"
        week = counts.setdefault(week_start(task.done_at.date()), {})
        week[value] = week.get(value, 0) + 1
    columns = [(o.value, o.label) for o in Outcome] + ([("other", "Other")] if others else [])
    rows = []
    for n in range(weeks):
        monday = first + dt.timedelta(weeks=n)
        week = counts.get(monday, {})
        rows.append(WeekRow(monday, tuple(week.get(value, 0) for value, _ in columns)))
    return FollowUpOutcomes(tuple(columns), tuple(rows), today)


# -- saving --------------------------------------------------------------------------


def save_report_pdf(folder: Path, document: ReportDocument, stem: str) -> Path:
    """Render ``document`` and save it under ``folder`` as ``<stem>-<printed at>.pdf``
    (written whole or not at all); an earlier copy of the same report is kept."""
    name = f"{stem}-{document.printed_at:%Y%m%d-%H%M%S}.pdf"
    return write_atomically(Path(folder) / name, render_report(document))


def _dealer():
    return dealer_header(load_settings())


def save_why_left(folder: Path, report: WhyLeft, *, at: dt.datetime | None = None) -> Path:
    document = why_left_document(report, _dealer(), at or clock())
    return save_report_pdf(folder, document, f"why-customers-left-{report.start:%Y%m%d}-{report.end:%Y%m%d}")


def save_referrals(folder: Path, report: Referrals, *, at: dt.datetime | None = None) -> Path:
    return save_report_pdf(folder, referrals_document(report, _dealer(), at or clock()), "referrals")


def save_follow_up_outcomes(folder: Path, report: FollowUpOutcomes, *, at: dt.datetime | None = None) -> Path:
    document = outcomes_document(report, _dealer(), at or clock())
    return save_report_pdf(folder, document, f"follow-up-outcomes-{report.start:%Y%m%d}-{report.end:%Y%m%d}")
