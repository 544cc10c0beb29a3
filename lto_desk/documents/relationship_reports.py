"""The relationship reports: why customers left, referrals, follow-up outcomes by week.

Each report is a frozen dataclass of plain values (the services fill it from the
database). From it come the tables the window shows and exports
(``*_tables``) and the printed report (``*_document`` → :func:`render_report`);
the PDF is built from the very tables the screen shows, so the two agree.

Layer: plain data in, ReportLab out (through :mod:`.report_table`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .receipt import DealerHeader
from .report_table import (
    Bar,
    BarChart,
    Column,
    KeyFigures,
    Note,
    ReportDocument,
    ReportTable,
    SideBySide,
    day_text,
    percent_text,
    share,
)

__all__ = [
    "DepartureLine",
    "WhyLeft",
    "ReferralRow",
    "ReferrerTotal",
    "Referrals",
    "WeekRow",
    "FollowUpOutcomes",
    "period_text",
    "why_left_figures",
    "why_left_tables",
    "why_left_document",
    "referrals_figures",
    "referrals_tables",
    "referrals_document",
    "outcomes_figures",
    "outcomes_tables",
    "outcomes_document",
]


def period_text(start: dt.date, end: dt.date) -> str:
    """``Jan 1 – Mar 31, 2026`` (the year once when both days share it)."""
    if start == end:
        return day_text(start)
    if start.year == end.year:
        return f"{start:%b} {start.day} – {day_text(end)}"
    return f"{day_text(start)} – {day_text(end)}"


def _with_share(count: int, total: int) -> str:
    part = share(count, total)
    return f"{count}" if part is None else f"{count} · {percent_text(part)}"


# -- why customers left -------------------------------------------------------------


@dataclass(frozen=True)
class DepartureLine:
    """One customer who bought elsewhere.

    Attributes:
        departure_id, customer_id: the rows it came from.
        on: the day it was recorded.
        customer: the customer's name as the counter shows it.
        factor: the deciding factor in words; factor_text: what they added ('' if nothing).
        where: where they bought ('' when they did not say).
        taken_delivery: they already had the other car when we heard.
        referrals_asked: we asked them for referrals; referral_names: the names they gave.
        stay_in_touch: they said we may stay in touch.
    """

    departure_id: int
    customer_id: int
    on: dt.date
    customer: str
    factor: str
    factor_text: str
    where: str
    taken_delivery: bool
    referrals_asked: bool
    referral_names: str
    stay_in_touch: bool

    @property
    def factor_words(self) -> str:
        return f"{self.factor} — {self.factor_text}" if self.factor_text else self.factor

    @property
    def referrals_words(self) -> str:
        if not self.referrals_asked:
            return "No"
        return f"Yes — {self.referral_names}" if self.referral_names else "Yes"


@dataclass(frozen=True)
class WhyLeft:
    """Customers who bought elsewhere between ``start`` and ``end`` (both days counted).

    Attributes:
        rows_by_factor: (deciding factor, customers) for every factor, most first.
        rows_by_place: (where they bought, customers), most first; "Not said" when they did not say.
        departures: each one, oldest first.
    """

    start: dt.date
    end: dt.date
    rows_by_factor: tuple[tuple[str, int], ...]
    rows_by_place: tuple[tuple[str, int], ...]
    departures: tuple[DepartureLine, ...]

    @property
    def total(self) -> int:
        return len(self.departures)

    @property
    def not_delivered(self) -> int:
        return sum(1 for d in self.departures if not d.taken_delivery)

    @property
    def stay_in_touch(self) -> int:
        return sum(1 for d in self.departures if d.stay_in_touch)

    @property
    def referrals_asked(self) -> int:
        return sum(1 for d in self.departures if d.referrals_asked)


_NONE_LEFT = "Nobody told us they bought elsewhere in this period."


def why_left_tables(w: WhyLeft) -> tuple[ReportTable, ...]:
    """By deciding factor, where they went (both summaries), and each departure."""
    total = w.total
    by_factor = ReportTable(
        name="By deciding factor",
        title="By deciding factor",
        columns=(Column("Deciding factor", width=2.2), Column("Customers", "count"), Column("Share", "percent", 0.8)),
        rows=tuple((label, count, share(count, total)) for label, count in w.rows_by_factor) if total else (),
        totals=("", total, share(total, total)),
        empty_text=_NONE_LEFT,
        summary=True,
    )
    by_place = ReportTable(
        name="Where they went",
        title="Where they went",
        columns=(Column("Where they bought", width=2.2), Column("Customers", "count"), Column("Share", "percent", 0.8)),
        rows=tuple((place, count, share(count, total)) for place, count in w.rows_by_place),
        totals=("", total, share(total, total)),
        empty_text=_NONE_LEFT,
        summary=True,
    )
    each = ReportTable(
        name="Each customer",
        title="Each customer who left",
        columns=(
            Column("Date", "date", 0.9),
            Column("Customer", width=1.2),
            Column("Deciding factor", width=2.0),
            Column("Where they bought", width=1.2),
            Column("Had the car", "yes_no", 0.72),
            Column("Referrals asked", width=1.05),
            Column("Stay in touch", "yes_no", 0.72),
        ),
        rows=tuple(
            (d.on, d.customer, d.factor_words, d.where, d.taken_delivery, d.referrals_words, d.stay_in_touch)
            for d in w.departures
        ),
        empty_text=_NONE_LEFT,
    )
    return by_factor, by_place, each


def why_left_figures(w: WhyLeft) -> KeyFigures:
    return KeyFigures(
        (
            ("Customers who left", f"{w.total}"),
            ("Had not taken the car yet", f"{w.not_delivered}"),
            ("We asked for referrals", f"{w.referrals_asked}"),
            ("We may stay in touch", f"{w.stay_in_touch}"),
        )
    )


def why_left_document(w: WhyLeft, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    by_factor, by_place, each = why_left_tables(w)
    chart = BarChart(
        "Deciding factor",
        tuple(Bar(label, count, _with_share(count, w.total)) for label, count in w.rows_by_factor),
        empty_text=_NONE_LEFT,
    )
    blocks: tuple = (why_left_figures(w),)
    if w.total:
        blocks += (
            SideBySide(by_factor, chart),
            SideBySide(by_place, Note(
                "When a customer had not taken the other car yet, a manager was asked to call them "
                "the same day. Everyone who left stays welcome; we stop contacting only those who asked us to."
            )),
            each,
        )
    else:
        blocks += (Note(_NONE_LEFT),)
    return ReportDocument(dealer, "Why customers left", period_text(w.start, w.end), printed_at, blocks)


# -- referrals -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralRow:
    """A customer who came through another: who sent whom, since when, and whether
    the one sent has (or had) an agreement with us."""

    referrer_id: int
    referrer: str
    referred_id: int
    referred: str
    since: dt.date
    became_agreement: bool


@dataclass(frozen=True)
class ReferrerTotal:
    """How many customers one referrer sent us, and how many became agreements."""

    referrer_id: int
    referrer: str
    sent: int
    became_agreements: int


@dataclass(frozen=True)
class Referrals:
    """Every referral on file.

    Attributes:
        rows: who sent whom, by referrer then oldest first.
        totals: one line per referrer, most sent first (then most agreements, then name).
    """

    rows: tuple[ReferralRow, ...]
    totals: tuple[ReferrerTotal, ...]

    @property
    def sent(self) -> int:
        return len(self.rows)

    @property
    def became_agreements(self) -> int:
        return sum(1 for r in self.rows if r.became_agreement)


_NO_REFERRALS = "No customer is on file as referred by another yet."


def referrals_tables(r: Referrals) -> tuple[ReportTable, ...]:
    """Totals per referrer (summary) and who sent whom."""
    per_referrer = ReportTable(
        name="Per referrer",
        title="Per referrer",
        columns=(
            Column("Referrer", width=2.0),
            Column("Sent us", "count", 0.8),
            Column("Became agreements", "count", 1.1),
            Column("Share", "percent", 0.7),
        ),
        rows=tuple(
            (t.referrer, t.sent, t.became_agreements, share(t.became_agreements, t.sent)) for t in r.totals
        ),
        totals=("", r.sent, r.became_agreements, share(r.became_agreements, r.sent)),
        empty_text=_NO_REFERRALS,
        summary=True,
    )
    who = ReportTable(
        name="Who sent whom",
        title="Who sent whom",
        columns=(
            Column("Referrer", width=1.6),
            Column("Customer they sent", width=1.6),
            Column("Customer since", "date", 1.0),
            Column("Became an agreement", "yes_no", 0.9),
        ),
        rows=tuple((x.referrer, x.referred, x.since, x.became_agreement) for x in r.rows),
        empty_text=_NO_REFERRALS,
    )
    return per_referrer, who


def referrals_figures(r: Referrals) -> KeyFigures:
    return KeyFigures(
        (
            ("Customers referred", f"{r.sent}"),
            ("Became agreements", _with_share(r.became_agreements, r.sent)),
            ("Customers who referred", f"{len(r.totals)}"),
        )
    )


def referrals_document(r: Referrals, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    per_referrer, who = referrals_tables(r)
    figures = referrals_figures(r)
    blocks: tuple = (figures, per_referrer, who) if r.rows else (figures, Note(_NO_REFERRALS))
    return ReportDocument(dealer, "Referrals", "Every referral on file", printed_at, blocks)


# -- follow-up outcomes by week --------------------------------------------------------


@dataclass(frozen=True)
class WeekRow:
    """One week (Monday to Sunday): how many follow-ups ended in each outcome.

    Attributes:
        week_start: the Monday.
        counts: one count per outcome, in the order of :attr:`FollowUpOutcomes.outcomes`.
    """

    week_start: dt.date
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class FollowUpOutcomes:
    """Follow-ups worked in each of the last weeks, by outcome.

    Attributes:
        outcomes: (stored value, words) of each outcome, in column order.
        weeks: oldest week first, the week of ``today`` last; a week with none is all zeros.
        today: the day the report was asked for.
    """

    outcomes: tuple[tuple[str, str], ...]
    weeks: tuple[WeekRow, ...]
    today: dt.date

    @property
    def start(self) -> dt.date:
        return self.weeks[0].week_start if self.weeks else self.today

    @property
    def end(self) -> dt.date:
        return self.weeks[-1].week_start + dt.timedelta(days=6) if self.weeks else self.today

    def total_of(self, value: str) -> int:
        i = [v for v, _ in self.outcomes].index(value)
        return sum(w.counts[i] for w in self.weeks)

    @property
    def total(self) -> int:
        return sum(w.total for w in self.weeks)


def _column_words(label: str) -> str:
    """"Call back on…" heads a column of counts as "Call back"."""
    return label.removesuffix(" on…").removesuffix("…")


def outcomes_tables(o: FollowUpOutcomes) -> tuple[ReportTable, ...]:
    table = ReportTable(
        name="By week",
        title="Follow-ups worked, by week",
        columns=(
            Column("Week of (Monday)", "date", 1.3),
            *(Column(_column_words(label), "count", 0.85) for _, label in o.outcomes),
            Column("Total", "count", 0.7),
        ),
        rows=tuple((w.week_start, *w.counts, w.total) for w in o.weeks),
        totals=("", *(o.total_of(v) for v, _ in o.outcomes), o.total),
        empty_text="No weeks to show.",
    )
    return (table,)


def outcomes_figures(o: FollowUpOutcomes) -> KeyFigures:
    reached = o.total_of("reached") if any(v == "reached" for v, _ in o.outcomes) else 0
    busiest = max(o.weeks, key=lambda w: (w.total, w.week_start), default=None)
    return KeyFigures(
        (
            ("Follow-ups worked", f"{o.total}"),
            ("Reached the customer", _with_share(reached, o.total)),
            ("Busiest week", f"{busiest.week_start:%b} {busiest.week_start.day} ({busiest.total})" if busiest and busiest.total else "—"),
        )
    )


def outcomes_document(o: FollowUpOutcomes, dealer: DealerHeader, printed_at: dt.datetime) -> ReportDocument:
    (table,) = outcomes_tables(o)
    weeks = len(o.weeks)
    figures = outcomes_figures(o)
    chart = BarChart(
        "Follow-ups worked each week",
        tuple(Bar(f"{w.week_start:%b} {w.week_start.day}", w.total, f"{w.total}") for w in o.weeks),
        horizontal=False,
        height=120,
        empty_text="No follow-ups were worked in these weeks.",
    )
    period = f"Last {weeks} week{'s' if weeks != 1 else ''}: {period_text(o.start, o.end)}"
    return ReportDocument(
        dealer,
        "Follow-up outcomes by week",
        period,
        printed_at,
        (figures, chart, table, Note("Weeks start on Monday. Each follow-up counts once, in the week it was worked.")),
    )
