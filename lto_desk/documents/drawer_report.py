"""The drawer's X report (the session still open) and Z report (the session sealed).

Printed on the receipt roll (or Letter, per the receipt setting), in English:
the dealer, counter and session number, who opened and closed it and when, the
float, money in by method and by clerk, paid in / paid out with their reasons,
no-sales, expected cash, the count (with its bills and coins), over/short, the
closer's note and the counter's running grand total. A Z report ends with its seal:
the journal row of the close and the short seal of its hash, so the paper can later
show the books were cut or rewritten after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import i18n
from .layout import BODY, SMALL, Sheet, render
from .receipt import DealerHeader, add_dealer_header, receipt_no

__all__ = ["DrawerReportPage", "build_drawer_report", "render_drawer_report", "seal_line"]

LANG = "en"


@dataclass(frozen=True)
class DrawerReportPage:
    """``report`` is a :class:`lto_desk.services.drawer.DrawerReport` (plain data)."""

    dealer: DealerHeader
    report: object
    paper: str = "roll80"


def _money(cents: int) -> str:
    return i18n.money(cents, LANG)


def _signed(cents: int) -> str:
    return f"−{_money(-cents)}" if cents < 0 else _money(cents)


def _when(t) -> str:
    return i18n.datetime_short(t, LANG) if t else ""


def _over_short(cents: int) -> tuple[str, str]:
    if cents == 0:
        return "Over/short", "Balanced"
    return ("Over" if cents > 0 else "Short"), _money(abs(cents))


def build_drawer_report(page: DrawerReportPage) -> Sheet:
    r = page.report
    s = Sheet()
    add_dealer_header(s, page.dealer)
    s.space(2)
    if r.sealed:
        s.banner("Z REPORT — session sealed", size=10.5, filled=True)
    else:
        s.banner("X REPORT — drawer still open", size=10.5)
    s.space(5)
    s.row("Counter", r.counter_name, bold=True)
    s.row("Session (Z number)", f"{r.number:05d}", bold=True)
    s.row("Opened", _when(r.opened_at))
    s.row("Opened by", r.opened_by)
    if r.sealed:
        s.row("Closed", _when(r.closed_at))
        s.row("Closed by", r.closed_by)
    else:
        s.row("As of", _when(r.as_of))
    s.rule(dashed=True)

    s.text("CASH IN THE DRAWER", size=SMALL + 0.5, bold=True, align="left", gray=0.3)
    s.space(1.5)
    s.row("Starting cash (float)", _money(r.float_cents))
    s.row("Cash payments", f"+{_money(r.cash_payments)}")
    if r.cash_refunds:
        s.row("Cash refunds given", f"−{_money(r.cash_refunds)}")
    if r.cash_voids:
        s.row("Cash handed back (voids)", f"−{_money(r.cash_voids)}")
    s.row("Paid in", f"+{_money(r.paid_in)}")
    s.row("Paid out", f"−{_money(r.paid_out)}")
    s.space(1)
    s.row("Expected cash", _money(r.expected_cents), bold=True, size=BODY + 0.5)
    if r.counted_cents is not None:
        s.row("Counted cash", _money(r.counted_cents), bold=True, size=BODY + 0.5)
        label, value = _over_short(r.over_short_cents or 0)
        s.row(label, value, bold=True, size=BODY + 0.5)
        if r.denominations:
            s.space(2)
            for line in r.denominations:
                s.row(f"   {line.label} × {line.count}", _money(line.cents), size=SMALL + 0.5, gray=0.25)
        s.field("Note", r.note)
    s.rule(dashed=True)

    s.text("COLLECTED BY METHOD", size=SMALL + 0.5, bold=True, align="left", gray=0.3)
    s.space(1.5)
    for label, cents in r.by_method:
        s.row(label, _signed(cents))
    s.row("Total collected", _signed(r.collections), bold=True)
    if r.by_clerk:
        s.space(3)
        s.text("BY CLERK", size=SMALL + 0.5, bold=True, align="left", gray=0.3)
        s.space(1.5)
        for name, cents in r.by_clerk:
            s.row(name, _signed(cents))
    s.space(3)
    if r.receipts:
        # Run by run: a number another counter's drawer took in between is not this session's.
        runs = r.receipt_runs or ((r.first_receipt, r.last_receipt),)
        s.row("Receipts", ", ".join(
            receipt_no(a) if a == b else f"{receipt_no(a)} – {receipt_no(b)}" for a, b in runs
        ) + f" ({r.receipts})")
    else:
        s.row("Receipts", "none")
    s.row("No sales (drawer opened)", str(r.no_sales))
    money_moves = [m for m in r.movements if m.kind != "no_sale"]
    if money_moves:
        s.rule(dashed=True)
        s.text("PAID IN AND OUT", size=SMALL + 0.5, bold=True, align="left", gray=0.3)
        s.space(1.5)
        for m in money_moves:
            sign = "+" if m.kind == "paid_in" else "−"
            s.row(f"{m.label} {i18n.time_short(m.at, LANG)}", f"{sign}{_money(m.amount)}")
            s.text(f"{m.reason} ({m.clerk_name})", size=SMALL, align="left", gray=0.3)
            s.space(1)
    s.rule(dashed=True)
    s.row("Previous grand total", _money(r.previous_grand_total), size=SMALL + 0.5, gray=0.25)
    s.row("Grand total" if r.sealed else "Grand total so far", _money(r.grand_total), bold=True)
    if r.sealed:
        s.space(8)
        s.row("Counted by", "_" * 18)
        if r.sealed_row is not None:
            s.space(6)
            s.text(seal_line(r.sealed_row, r.seal), size=SMALL, gray=0.3)
    return s


def seal_line(journal_row: int, seal: str) -> str:
    """``Sealed at journal row 41,220 · seal 3F9A-12BC``."""
    return f"Sealed at journal row {journal_row:,} · seal {seal}"


def render_drawer_report(page: DrawerReportPage) -> bytes:
    """The X or Z report as PDF bytes (roll80 or letter, per ``page.paper``)."""
    r = page.report
    kind = "Z report" if r.sealed else "X report"
    return render(
        build_drawer_report(page),
        paper=page.paper,
        title=f"{kind} — {r.counter_name} session {r.number}",
        author=page.dealer.name,
    )
