"""What a report is for the reports window: its spec (name, kind of period, how to
run it), the period chosen and what a run returns; and the reports the window offers.

Each report is a :class:`ReportSpec` whose ``run`` returns a :class:`ReportResult`
— the :class:`~lto_desk.documents.report_table.ReportTable` blocks to show, a few
key figures, charts and how to save the PDF. The business reports are
:data:`BUSINESS_REPORTS`, the three relationship reports :data:`RELATIONSHIP_REPORTS`,
and the window offers :data:`ALL_REPORTS`. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal

from ..documents import business_reports as biz_docs
from ..documents import relationship_reports as rel_docs
from ..documents.report_table import BarChart, KeyFigures, ReportTable, day_text
from ..domain.roles import Role
from ..services import business_reports as biz
from ..services import relationship_reports as rel
from ..services.base import Actor
from ..services.business_reports import Progress

__all__ = [
    "Period",
    "PeriodKind",
    "ReportResult",
    "ReportSpec",
    "ALL_REPORTS",
    "BUSINESS_REPORTS",
    "RELATIONSHIP_REPORTS",
]

PeriodKind = Literal["dates", "week", "weeks", "agreement", "none"]

# -- what a report is -------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The period chosen in the window.

    Attributes:
        start, end: the first and last day (both counted) for a report over days,
            or the Monday and Sunday for a report of one week.
        weeks: how many weeks back, for a report by week.
        agreement_id: the agreement chosen, for a report of one agreement (None: none chosen).
        today: the day the window takes as today.
        actor: who the report is read for (each report checks their role; None: refused).
    """

    today: dt.date
    start: dt.date | None = None
    end: dt.date | None = None
    weeks: int | None = None
    agreement_id: int | None = None
    actor: Actor | None = None


@dataclass(frozen=True)
class ReportResult:
    """What a report shows.

    Attributes:
        tables: the tables; ``summary`` ones sit side by side above the others.
        figures: a few key figures across the top (None for none).
        save_pdf: saves the printed report under the folder given; returns the file.
        file_stem: the start of the CSV file names ("why-customers-left-20260101-20260331").
        period_words: the period in words, shown above the tables.
        charts: bar charts shown beside the summary tables (the PDF prints the same ones).
    """

    tables: tuple[ReportTable, ...]
    save_pdf: Callable[[Path], Path]
    file_stem: str
    figures: KeyFigures | None = None
    period_words: str = ""
    charts: tuple[BarChart, ...] = ()


@dataclass(frozen=True)
class ReportSpec:
    """A report the window offers.

    Attributes:
        key: a stable name ("why_left") to open it by.
        title: its name in the picker.
        description: one sentence on what it shows.
        period: "dates" (from/to), "week" (Monday to Sunday of a chosen day), "weeks"
            (the last N weeks), "agreement" (one agreement, picked by number or name) or "none".
        run: makes the report for a period (may raise LtoError with a message to show);
            with ``background``, ``run(period, progress)`` where ``progress(done, total)``
            is called per account (it raises ReportCancelled when the person cancels).
        default_preset: for "dates", the preset chosen at first (see :func:`~lto_desk.ui.period_picker.date_presets`).
        default_weeks: for "weeks", the number chosen at first.
        min_role: who may see it.
        background: runs on a worker thread with a progress bar (reports over every account).
        max_weeks: for "weeks", the most that may be chosen.
        none_words: for "none", what the report covers, shown where a period would be.
    """

    key: str
    title: str
    description: str
    period: PeriodKind
    run: Callable[[Period], ReportResult]
    default_preset: str = "last_12_months"
    default_weeks: int = 8
    min_role: Role = Role.CLERK
    background: bool = False
    max_weeks: int = rel.MAX_WEEKS
    none_words: str = "Everything on file"


# -- the relationship reports ----------------------------------------------------------------


def _why_left(period: Period) -> ReportResult:
    assert period.start is not None and period.end is not None
    w = rel.why_left(period.actor, period.start, period.end)
    return ReportResult(
        tables=rel_docs.why_left_tables(w),
        figures=rel_docs.why_left_figures(w),
        save_pdf=lambda folder: rel.save_why_left(folder, w),
        file_stem=f"why-customers-left-{w.start:%Y%m%d}-{w.end:%Y%m%d}",
        period_words=rel_docs.period_text(w.start, w.end),
    )


def _referrals(period: Period) -> ReportResult:
    r = rel.referrals_report(period.actor)
    return ReportResult(
        tables=rel_docs.referrals_tables(r),
        figures=rel_docs.referrals_figures(r),
        save_pdf=lambda folder: rel.save_referrals(folder, r),
        file_stem="referrals",
        period_words="Every referral on file",
    )


def _outcomes(period: Period) -> ReportResult:
    assert period.weeks is not None
    o = rel.follow_up_outcomes(period.actor, period.weeks, period.today)
    return ReportResult(
        tables=rel_docs.outcomes_tables(o),
        figures=rel_docs.outcomes_figures(o),
        save_pdf=lambda folder: rel.save_follow_up_outcomes(folder, o),
        file_stem=f"follow-up-outcomes-{o.start:%Y%m%d}-{o.end:%Y%m%d}",
        period_words=f"Weeks starting Monday, {rel_docs.period_text(o.start, o.end)}",
    )


RELATIONSHIP_REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "why_left",
        "Why customers left",
        "Customers who told us they bought elsewhere: the deciding factor, where they went, and each one.",
        "dates",
        _why_left,
    ),
    ReportSpec(
        "referrals",
        "Referrals",
        "Who sent us whom, and how many of the customers they sent became agreements.",
        "none",
        _referrals,
    ),
    ReportSpec(
        "follow_up_outcomes",
        "Follow-up outcomes by week",
        "How the follow-ups worked each week ended: reached, left a message, no answer and so on.",
        "weeks",
        _outcomes,
    ),
)


# -- the business reports ------------------------------------------------------------------


def _collections(period: Period) -> ReportResult:
    assert period.start is not None and period.end is not None
    c = biz.daily_collections(period.actor, period.start, period.end)
    return ReportResult(
        tables=biz_docs.collections_tables(c),
        figures=biz_docs.collections_figures(c),
        save_pdf=lambda folder: biz.save_collections(folder, c),
        file_stem=f"collections-{c.start:%Y%m%d}-{c.end:%Y%m%d}",
        period_words=rel_docs.period_text(c.start, c.end),
    )


def _due(period: Period, progress: Progress) -> ReportResult:
    assert period.start is not None
    d = biz.due_this_week(period.actor, period.start, period.today, progress)
    return ReportResult(
        tables=biz_docs.due_tables(d),
        figures=biz_docs.due_figures(d),
        save_pdf=lambda folder: biz.save_due_this_week(folder, d),
        file_stem=f"due-week-of-{d.start:%Y%m%d}",
        period_words=f"Monday to Sunday, {rel_docs.period_text(d.start, d.end)}",
    )


def _aging(period: Period, progress: Progress) -> ReportResult:
    a = biz.aging(period.actor, period.today, progress)
    return ReportResult(
        tables=biz_docs.aging_tables(a),
        figures=biz_docs.aging_figures(a),
        save_pdf=lambda folder: biz.save_aging(folder, a),
        file_stem=f"late-accounts-{a.as_of:%Y%m%d}",
        period_words=f"As of {day_text(a.as_of)}",
    )


def _statement(period: Period) -> ReportResult:
    assert period.agreement_id is not None
    s = biz.statement(period.actor, period.agreement_id, period.today)
    return ReportResult(
        tables=biz_docs.statement_tables(s),
        figures=biz_docs.statement_figures(s),
        save_pdf=lambda folder: biz.save_statement(folder, s),
        file_stem=f"statement-agreement-{s.agreement_id}",
        period_words=biz_docs.statement_heading(s),
    )


def _portfolio(period: Period, progress: Progress) -> ReportResult:
    assert period.weeks is not None
    p = biz.portfolio(period.actor, period.weeks, period.today, progress)
    return ReportResult(
        tables=biz_docs.portfolio_tables(p),
        figures=biz_docs.portfolio_figures(p),
        charts=(biz_docs.portfolio_chart(p),),
        save_pdf=lambda folder: biz.save_portfolio(folder, p),
        file_stem=f"portfolio-{p.as_of:%Y%m%d}",
        period_words=f"As of {day_text(p.as_of)}",
    )


def _receipts(period: Period) -> ReportResult:
    r = biz.receipt_check(period.actor)
    return ReportResult(
        tables=biz_docs.receipt_check_tables(r),
        figures=biz_docs.receipt_check_figures(r),
        save_pdf=lambda folder: biz.save_receipt_check(folder, r),
        file_stem="receipt-check",
        period_words=biz_docs.receipt_check_words(r),
    )


BUSINESS_REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "collections",
        "Daily collections",
        "Money taken, by method and by clerk: payments and down payments less voids; refunds apart.",
        "dates",
        _collections,
        default_preset="today",
        min_role=Role.MANAGER,
    ),
    ReportSpec(
        "due_this_week",
        "Payments due this week",
        "Every payment that falls due from Monday to Sunday, with the customer's phone and what is still owed.",
        "week",
        _due,  # type: ignore[arg-type]
        background=True,
    ),
    ReportSpec(
        "aging",
        "Late accounts by age",
        "Accounts with a payment past due, by days late (1–7, 8–14, 15–30, 31–60, over 60), with phone and last touch.",
        "none",
        _aging,  # type: ignore[arg-type]
        background=True,
        none_words="As of today",
    ),
    ReportSpec(
        "statement",
        "Customer statement",
        "Every entry of one agreement with the running balance; print it for the customer.",
        "agreement",
        _statement,
    ),
    ReportSpec(
        "portfolio",
        "Portfolio",
        "Active agreements, what they owe, how late they run, and money collected each week.",
        "weeks",
        _portfolio,  # type: ignore[arg-type]
        default_weeks=13,
        min_role=Role.MANAGER,
        background=True,
        max_weeks=biz.MAX_PORTFOLIO_WEEKS,
    ),
    ReportSpec(
        "receipt_check",
        "Receipt-number check",
        "Every receipt number on file: first and last, any number missing, and each voided receipt.",
        "none",
        _receipts,
        min_role=Role.MANAGER,
    ),
)

#: What the reports window offers by default: the business reports, then the relationship ones.
ALL_REPORTS: tuple[ReportSpec, ...] = BUSINESS_REPORTS + RELATIONSHIP_REPORTS
