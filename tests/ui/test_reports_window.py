"""The reports window as an owner uses it: pick a report and a period, sort a
table by clicking its header (numbers as numbers, the totals row stays last),
export a table to CSV and read it back, save the PDF and read what it says."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from lto_desk.documents.report_table import Column, ReportTable
from lto_desk.services import customers, departures
from lto_desk.services.departures import DepartureInput
from lto_desk.ui.printing import PreviewDialog
from lto_desk.ui.report_specs import ALL_REPORTS, RELATIONSHIP_REPORTS
from lto_desk.ui.report_tables import ReportSortProxy, ReportTableModel
from lto_desk.ui.reports_window import ReportsWindow, open_reports

TODAY = dt.date(2026, 4, 15)  # a Wednesday


def add(owner, first: str, last: str, *, referred_by: int | None = None) -> int:
    return customers.add_customer(
        owner, customers.NewCustomer(first, last, referred_by=referred_by), at=dt.datetime(2025, 6, 1, 9, 0)
    )


@pytest.fixture
def data(owner, clerk):
    """Three departures in the last year: Zoë (price, Apr 2), Ángel (credit, Feb 10),
    Bea (price, Mar 5); one two years ago (Old Timer, payment). Referrals: Rosa sent
    ten customers, Tom nine, Ugo two (no agreements)."""
    for first, factor, where, day in (
        ("Zoë", "price", "Smith Motors", dt.datetime(2026, 4, 2, 10, 0)),
        ("Ángel", "credit", "Lot 9", dt.datetime(2026, 2, 10, 10, 0)),
        ("Bea", "price", "Smith Motors", dt.datetime(2026, 3, 5, 10, 0)),
        ("Old", "payment", "Far Away Autos", dt.datetime(2024, 4, 1, 10, 0)),
    ):
        cid = add(owner, first, "Núñez" if first != "Old" else "Timer")
        departures.record_departure(clerk, cid, DepartureInput(True, factor, where_bought=where), at=day)
    for referrer, count in (("Rosa", 10), ("Tom", 9), ("Ugo", 2)):
        rid = add(owner, referrer, "Referrer")
        for n in range(count):
            add(owner, f"{referrer}friend{n}", "Amigo", referred_by=rid)


@pytest.fixture
def who(owner):
    return {"actor": owner}


@pytest.fixture
def window(qtbot, location, database, who):
    win = ReportsWindow(location, lambda: who["actor"], today=lambda: TODAY, reports=RELATIONSHIP_REPORTS)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win  # pytest-qt closes it (and it deletes itself) after the test


def cells(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def column(view, title: str) -> int:
    model = view.model()
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Horizontal) == title)


def click_header(qtbot, view, title: str) -> None:
    header = view.horizontalHeader()
    section = column(view, title)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))


def test_why_customers_left_shows_the_last_twelve_months(qtbot, data, window):
    assert window.report_combo.currentText() == "Why customers left"
    assert window.preset_combo.currentText() == "Last 12 months"
    assert window.from_edit.date() == QDate(2025, 4, 16) and window.to_edit.date() == QDate(2026, 4, 15)
    factor = cells(window.table_view("By deciding factor"))
    # 3 in the period (the one from 2024 is not): price 2 of 3 = 67%, credit 1 of 3 = 33%
    assert factor[0] == ["Price", "2", "67%"] and factor[1] == ["Credit", "1", "33%"]
    assert factor[-1] == ["Total", "3", "100%"]
    assert cells(window.table_view("Where they went"))[:2] == [["Smith Motors", "2", "67%"], ["Lot 9", "1", "33%"]]
    each = cells(window.table_view("Each customer"))
    assert [row[:2] for row in each] == [["Feb 10, 2026", "Ángel Núñez"], ["Mar 5, 2026", "Bea Núñez"],
                                         ["Apr 2, 2026", "Zoë Núñez"]]
    figures = [label.text() for label in window.figure_labels]
    assert "Customers who left" in figures[0] and ">3<" in figures[0]
    assert window.period_words.text() == "Apr 16, 2025 – Apr 15, 2026"


def test_choosing_days_reads_the_report_again_and_a_backwards_period_is_explained(qtbot, data, window):
    window.to_edit.setDate(QDate(2026, 3, 31))  # typed by hand: the preset becomes "Chosen days"
    assert window.preset_combo.currentData() == "custom"
    assert [r[1] for r in cells(window.table_view("Each customer"))] == ["Ángel Núñez", "Bea Núñez"]
    window.from_edit.setDate(QDate(2026, 4, 1))
    assert window.message.isVisible() and "swap the days" in window.message.text()
    assert not window.csv_button.isEnabled() and not window.pdf_button.isEnabled()
    window.preset_combo.setCurrentIndex(window.preset_combo.findData("this_month"))
    assert not window.message.isVisible()
    assert [r[1] for r in cells(window.table_view("Each customer"))] == ["Zoë Núñez"]


def test_sorting_orders_numbers_as_numbers_and_keeps_the_totals_last(qtbot, data, window):
    window.show_report("referrals")
    figures = [f.text() for f in window.findChildren(QLabel, "reportFigure")]
    assert len(figures) == 3 and "Customers referred" in figures[0] and ">21<" in figures[0]  # none left from before
    qtbot.waitUntil(lambda: all(f.isVisibleTo(window) for f in window.findChildren(QLabel, "reportFigure")))
    view = window.table_view("Per referrer")
    assert [r[:2] for r in cells(view)] == [["Rosa Referrer", "10"], ["Tom Referrer", "9"], ["Ugo Referrer", "2"],
                                            ["Total", "21"]]
    click_header(qtbot, view, "Sent us")
    once = [r[1] for r in cells(view)]
    click_header(qtbot, view, "Sent us")
    twice = [r[1] for r in cells(view)]
    # one click sorts one way, the next the other; as text it would be 10, 2, 9
    assert sorted([once, twice]) == [["10", "9", "2", "21"], ["2", "9", "10", "21"]]
    view.sortByColumn(column(view, "Sent us"), Qt.AscendingOrder)
    assert [r[1] for r in cells(view)] == ["2", "9", "10", "21"]
    view.sortByColumn(column(view, "Referrer"), Qt.DescendingOrder)
    assert [r[0] for r in cells(view)] == ["Ugo Referrer", "Tom Referrer", "Rosa Referrer", "Total"]


def test_dates_sort_as_dates(qtbot, data, window):
    view = window.table_view("Each customer")
    view.sortByColumn(column(view, "Date"), Qt.DescendingOrder)
    # as text "Apr" < "Feb" < "Mar"; as dates Apr 2 is the newest
    assert [r[0] for r in cells(view)] == ["Apr 2, 2026", "Mar 5, 2026", "Feb 10, 2026"]


def test_export_csv_round_trip_in_the_order_shown_with_accents(qtbot, monkeypatch, tmp_path, data, window):
    target = tmp_path / "out" / "left.csv"
    asked = []
    monkeypatch.setattr(window, "ask_csv_path", lambda suggested: asked.append(suggested) or target)
    view = window.table_view("Each customer")
    view.sortByColumn(column(view, "Customer"), Qt.AscendingOrder)
    actions = {a.text(): a for a in window.csv_button.menu().actions()}
    assert set(actions) == {"By deciding factor (6 rows)…", "Where they went (2 rows)…", "Each customer (3 rows)…"}
    actions["Each customer (3 rows)…"].trigger()
    assert asked[0].parent == window.location.files_dir / "reports"
    assert asked[0].name.startswith("why-customers-left-20250416-20260415-each-customer")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Date", "Customer", "Deciding factor"]
    assert [r[:2] for r in rows[1:]] == [["2026-02-10", "Ángel Núñez"], ["2026-03-05", "Bea Núñez"],
                                         ["2026-04-02", "Zoë Núñez"]]
    assert "3 rows saved to" in window.message.text()

    actions["By deciding factor (6 rows)…"].trigger()
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"), newline="")))
    assert rows[1] == ["Price", "2", "67%"] and rows[-1] == ["Total", "3", "100%"]


def test_a_cancelled_or_failed_export_saves_nothing_and_says_why(qtbot, monkeypatch, tmp_path, data, window):
    monkeypatch.setattr(window, "ask_csv_path", lambda suggested: None)
    assert window.export_csv("Each customer") is None
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(window, "ask_csv_path", lambda suggested: blocked / "left.csv")
    assert window.export_csv("Each customer") is None
    assert window.message.property("level") == "error" and "could not be saved" in window.message.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_save_pdf_saves_under_reports_and_shows_it(qtbot, data, window):
    qtbot.mouseClick(window.pdf_button, Qt.LeftButton)
    (path,) = (window.location.files_dir / "reports").glob("why-customers-left-*.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)
    assert "Why customers left" in text and "Price 2 67%" in text and "Zoë Núñez" in text
    (preview,) = window.previews
    assert isinstance(preview, PreviewDialog) and preview.isVisible() and preview.path == path
    assert str(path) in window.message.text()


def test_follow_up_outcomes_by_the_number_of_weeks(qtbot, data, window):
    window.show_report("follow_up_outcomes")
    assert window.period_stack.currentIndex() == 1 and window.weeks_spin.value() == 8
    view = window.table_view("By week")
    assert len(cells(view)) == 8 + 1  # eight weeks and the totals
    view.sortByColumn(0, Qt.DescendingOrder)
    window.weeks_spin.setValue(3)
    assert window.weeks_spin.text() == "3 weeks"
    assert window.table_view("By week") is view  # the same table read again keeps its sorting
    assert [r[0] for r in cells(view)] == ["Apr 13, 2026", "Apr 6, 2026", "Mar 30, 2026", "Total"]
    view.sortByColumn(0, Qt.AscendingOrder)
    rows = cells(view)
    assert [r[0] for r in rows] == ["Mar 30, 2026", "Apr 6, 2026", "Apr 13, 2026", "Total"]
    assert window.period_words.text() == "Weeks starting Monday, Mar 30 – Apr 19, 2026"


def test_a_locked_counter_shows_no_report(qtbot, data, who, window):
    who["actor"] = None
    window.refresh()
    assert "locked" in window.message.text()
    assert window.sections == [] and not window.pdf_button.isEnabled() and not window.csv_button.isEnabled()


def test_the_table_model_is_sound(qtmodeltester):
    table = ReportTable(
        "t", (Column("Name"), Column("n", "count")), (("b", 10), ("a", 9)), totals=("", 19)
    )
    model = ReportTableModel()
    model.set_table(table)
    qtmodeltester.check(model)
    proxy = ReportSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.AscendingOrder)
    assert [proxy.index(r, 1).data() for r in range(3)] == ["9", "10", "19"]
    assert model.index(2, 0).data() == "Total" and model.index(2, 0).data(Qt.FontRole).bold()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_opening_reports_again_brings_the_open_window_forward(qtbot, location, data, who):
    parent = QWidget()
    qtbot.addWidget(parent)
    first = open_reports(parent, location, lambda: who["actor"])
    qtbot.waitExposed(first)
    assert open_reports(parent, location, lambda: who["actor"], "referrals") is first
    assert first.report_combo.currentData() == "referrals"
    first.close()
    second = open_reports(parent, location, lambda: who["actor"])
    assert second is not first and second.isVisible()
    second.close()


# -- the business reports -------------------------------------------------------------------


@pytest.fixture
def book(owner, manager, clerk, agreement):
    """The fixture agreement (María García, $1,000.00 down on Jan 6, 2025, receipt 1) and
    Jan 13, 2025: Carla takes $76.93 cash (receipt 2) and $50.00 by check (receipt 3);
    Marcus voids receipt 2 ("Wrong amount")."""
    from lto_desk.services import payments

    day = dt.datetime(2025, 1, 13, 9, 0)
    payments.take_payment(clerk, agreement, 7693, "cash", at=day)
    payments.take_payment(clerk, agreement, 5000, "check", reference="77", at=day + dt.timedelta(minutes=5))
    payments.void_payment(manager, 2, "Wrong amount", at=day + dt.timedelta(hours=1))
    return agreement


def business_window(qtbot, location, actor, **kw):
    win = ReportsWindow(location, lambda: actor, today=lambda: dt.date(2025, 1, 15), **kw)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: not win.busy, timeout=10_000)
    return win


def test_a_manager_opens_on_daily_collections_by_method_and_clerk(qtbot, location, book, manager):
    win = business_window(qtbot, location, manager)
    assert win.report_combo.currentData() == "collections"
    assert [win.report_combo.itemData(i) for i in range(6)] == [
        "collections", "due_this_week", "aging", "statement", "portfolio", "receipt_check",
    ]
    win.set_dates(dt.date(2025, 1, 13), dt.date(2025, 1, 13))
    # cash 76.93 received and voided -> 0.00; check 50.00
    assert cells(win.table_view("By method")) == [
        ["Check", "1", "$50.00", "0", "$0.00", "$50.00"],
        ["Cash", "1", "$76.93", "1", "$76.93", "$0.00"],
        ["Total", "2", "$126.93", "1", "$76.93", "$50.00"],
    ]
    assert cells(win.table_view("By clerk"))[0] == ["Carla Clerk", "2", "$126.93", "1", "$76.93", "$50.00"]
    assert win.figure_labels[0].text().endswith("$50.00</span>")


def test_a_clerk_opens_on_what_a_clerk_may_see_and_is_told_about_the_rest(qtbot, location, book, clerk):
    win = business_window(qtbot, location, clerk)
    assert win.report_combo.currentData() == "due_this_week"
    win.show_report("portfolio")
    assert win.result is None and "Only a manager" in win.message.text()


def test_payments_due_in_the_chosen_week(qtbot, location, book, owner):
    win = business_window(qtbot, location, owner)
    win.show_report("due_this_week")
    qtbot.waitUntil(lambda: not win.busy and win.result is not None, timeout=10_000)
    assert win.week_words.text() == "Monday to Sunday, Jan 13 – Jan 19, 2025"
    # payment 1 (Jan 13) was paid by the $50.00 check: 26.93 of it still owed
    assert cells(win.table_view("Due this week"))[0][1:] == ["María García", "(205) 555-0142", "2014 Honda Accord", "1", "$76.93", "$26.93"]
    qtbot.mouseClick(win.next_week, Qt.LeftButton)
    qtbot.waitUntil(lambda: not win.busy and win.result is not None, timeout=10_000)
    assert win.period().start == dt.date(2025, 1, 20)
    assert cells(win.table_view("Due this week"))[0][-2:] == ["$76.93", "$76.93"]


def test_late_accounts_run_in_the_background_and_show_the_buckets(qtbot, location, book, owner):
    win = business_window(qtbot, location, owner, reports=[s for s in ALL_REPORTS if s.key == "aging"])
    # as of Jan 15, 2025: payment 1 (due Jan 13) is 26.93 short -> 2 days late;
    # payoff 8,000.00 - 50.00 = 7,950.00 (no fee before Jan 17)
    assert cells(win.table_view("By age"))[0] == ["1–7 days", "1", "$26.93", "$0.00", "$7,950.00"]
    assert cells(win.table_view("Late accounts"))[0][:6] == [
        "1–7 days", "María García", "(205) 555-0142", "2014 Honda Accord", "2", "$26.93",
    ]


def test_statement_opens_for_the_counters_agreement_and_can_be_picked_by_name(qtbot, location, book, owner):
    parent = QWidget()
    qtbot.addWidget(parent)
    opened = open_reports(parent, location, lambda: owner, agreement_id=book)
    assert opened.report_combo.currentData() == "statement" and opened.chosen_agreement() == book
    opened.close()
    win = business_window(qtbot, location, owner, agreement_id=book)
    win.show_report("statement")
    rows = cells(win.table_view("Statement"))
    # 9,000.00 price; -1,000.00 down; -76.93; -50.00; +76.93 the void (as of Jan 15: no fee yet)
    assert [r[-1] for r in rows] == ["$9,000.00", "$8,000.00", "$7,923.07", "$7,873.07", "$7,950.00", "$7,950.00"]
    assert rows[4][1] == "Void of receipt 2: Wrong amount" and rows[-1][0] == "Total"
    # a clerk types a name that is not on file: told so; then picks María by name
    win.agreement_combo.setEditText("Nobody")
    win.agreement_combo.lineEdit().returnPressed.emit()
    assert win.result is None and "No agreement matches “Nobody”" in win.message.text()
    win.agreement_combo.setEditText(str(book))
    win.agreement_combo.lineEdit().returnPressed.emit()
    assert win.result is not None and "María García" in win.period_words.text()


def test_portfolio_shows_its_weekly_chart_on_screen(qtbot, location, book, owner, tmp_path):
    win = business_window(qtbot, location, owner)
    win.show_report("portfolio")
    qtbot.waitUntil(lambda: not win.busy and win.result is not None, timeout=10_000)
    assert len(win.charts) == 1 and win.charts[0].isVisible()
    bars = win.charts[0].chart.bars
    # 13 weeks to the week of Jan 13: the down payment week (1,000.00), then 50.00 (126.93 - 76.93)
    assert [b.value for b in bars[-2:]] == [100000, 5000]
    win.grab().save(str(tmp_path / "portfolio-window.png"))
    path = win.save_pdf()
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "Collected each week" in text and "$7,950.00" in text


def test_receipt_check_lists_the_voided_receipt(qtbot, location, book, owner):
    win = business_window(qtbot, location, owner)
    win.show_report("receipt_check")
    assert cells(win.table_view("Voided receipts"))[0][:6] == [
        "000002", "Jan 13, 2025", "María García", "$76.93", "Jan 13, 2025", "Wrong amount",
    ]
    assert "All is in order: receipts 1 to 3" in win.period_words.text()
