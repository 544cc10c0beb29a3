"""The relationship reports on known data, made through the services; the expected
counts are worked out by hand in each test."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from pypdf import PdfReader

from helpers import make_vin
from lto_desk.documents.relationship_reports import outcomes_tables, referrals_tables, why_left_tables
from lto_desk.domain.errors import InvalidInput
from lto_desk.domain.terms import Frequency, Terms
from lto_desk.services import agreements, customers, departures, followups, vehicles
from lto_desk.services import relationship_reports as reports
from lto_desk.services.contacts import log_contact
from lto_desk.services.departures import DepartureInput
from lto_desk.services.settings import update_settings

AT = dt.datetime(2026, 1, 5, 10, 0)


def add(owner, first: str, last: str, *, referred_by: int | None = None, at: dt.datetime = AT) -> int:
    return customers.add_customer(owner, customers.NewCustomer(first, last, referred_by=referred_by), at=at)


def open_for(owner, customer_id: int, serial: int, at: dt.datetime = AT) -> int:
    """An agreement for the customer (which also makes its thank-you task)."""
    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(serial), 2015, "Toyota", "Corolla", f"T{serial}", price=800_000), at=at
    )
    terms = Terms.by_number_of_payments(
        cash_price=800_000, down_payment=100_000, number_of_payments=52, frequency=Frequency.WEEKLY,
        first_due=at.date() + dt.timedelta(days=7),
    )
    return agreements.open_agreement(owner, customer_id, vid, terms, at=at).agreement_id


def left(clerk, customer_id: int, factor: str, where: str = "", *, at: dt.datetime, **kw) -> int:
    return departures.record_departure(
        clerk, customer_id, DepartureInput(taken_delivery=kw.pop("taken_delivery", True), deciding_factor=factor,
                                           where_bought=where, **kw), at=at,
    )


# -- why customers left ----------------------------------------------------------------------


@pytest.fixture
def three_left(owner, clerk):
    """In March 2026: two left over price (both to Smith Motors, typed two ways), one over
    credit (did not say where). One left over payment in February, outside the period."""
    ana = add(owner, "Ana", "Peña")
    beto = add(owner, "Beto", "Ruiz")
    carla = add(owner, "Carla", "Soto")
    dora = add(owner, "Dora", "Vega")
    left(clerk, dora, "payment", "a private seller", at=dt.datetime(2026, 2, 28, 17, 0))
    left(clerk, ana, "price", "Smith Motors", at=dt.datetime(2026, 3, 2, 10, 0), taken_delivery=False)
    left(clerk, beto, "credit", at=dt.datetime(2026, 3, 10, 11, 0), referrals_asked=True,
         referral_names="Luis Ruiz", stay_in_touch=False)
    left(clerk, carla, "price", "  smith   MOTORS ", at=dt.datetime(2026, 3, 31, 23, 59))
    return {"ana": ana, "beto": beto, "carla": carla, "dora": dora}


def test_why_left_counts_by_factor_with_shares_and_where_they_went(three_left, clerk):
    w = reports.why_left(clerk, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    # 3 in March (Dora's February one is outside): price 2, credit 1 → 2/3 = 67%, 1/3 = 33%
    assert w.total == 3
    assert w.rows_by_factor[:2] == (("Price", 2), ("Credit", 1))
    assert dict(w.rows_by_factor) == {
        "Price": 2, "Credit": 1, "Payment": 0, "The vehicle": 0, "Another dealer's offer": 0, "Other": 0,
    }
    by_factor, by_place, each = why_left_tables(w)
    assert by_factor.rows[0] == ("Price", 2, Fraction(2, 3)) and by_factor.rows[1] == ("Credit", 1, Fraction(1, 3))
    assert by_factor.totals == ("", 3, Fraction(1))
    # "Smith Motors" and "  smith   MOTORS " are the same place; the one who did not say comes last
    assert w.rows_by_place == (("Smith Motors", 2), ("Not said", 1))
    assert by_place.rows[0][2] == Fraction(2, 3)
    # the list, oldest first, the last day counted to its last minute
    assert [(d.on, d.customer, d.factor, d.where) for d in w.departures] == [
        (dt.date(2026, 3, 2), "Ana Peña", "Price", "Smith Motors"),
        (dt.date(2026, 3, 10), "Beto Ruiz", "Credit", ""),
        (dt.date(2026, 3, 31), "Carla Soto", "Price", "smith MOTORS"),
    ]
    ana, beto, _carla = w.departures
    assert (ana.taken_delivery, ana.stay_in_touch) == (False, True)
    assert (beto.referrals_asked, beto.referral_names, beto.stay_in_touch) == (True, "Luis Ruiz", False)
    assert each.rows[1][5] == "Yes — Luis Ruiz"
    assert (w.not_delivered, w.referrals_asked, w.stay_in_touch) == (1, 1, 2)


def test_why_left_period_edges_and_bad_periods(three_left, clerk):
    february = reports.why_left(clerk, dt.date(2026, 2, 28), dt.date(2026, 2, 28))  # one day: Dora
    assert february.total == 1 and february.rows_by_place == (("A private seller", 1),)
    assert february.departures[0].where == "a private seller"  # the list keeps it as typed
    assert reports.why_left(clerk, dt.date(2026, 4, 1), dt.date(2026, 4, 30)).total == 0
    nobody = reports.why_left(clerk, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert nobody.rows_by_place == () and all(count == 0 for _label, count in nobody.rows_by_factor)
    with pytest.raises(InvalidInput, match="swap the days"):
        reports.why_left(clerk, dt.date(2026, 3, 31), dt.date(2026, 3, 1))
    with pytest.raises(InvalidInput, match="not a date"):
        reports.why_left(clerk, "2026-03-01", dt.date(2026, 3, 31))  # type: ignore[arg-type]


def test_why_left_pdf_is_saved_under_the_folder_with_the_dealer_and_the_counts(three_left, owner, tmp_path, clerk):
    update_settings(owner, dealer_name="Sunrise Auto Sales")
    w = reports.why_left(clerk, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    path = reports.save_why_left(tmp_path / "reports", w, at=dt.datetime(2026, 4, 1, 9, 30))
    assert path == tmp_path / "reports" / "why-customers-left-20260301-20260331-20260401-093000.pdf"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)
    assert "Sunrise Auto Sales" in text and "Mar 1 – Mar 31, 2026" in text
    assert "Price 2 67%" in text and "Credit 1 33%" in text and "Ana Peña" in text
    assert not list((tmp_path / "reports").glob(".tmp-*"))  # written whole, nothing left behind


# -- referrals -------------------------------------------------------------------------------


def test_referrals_who_sent_whom_and_how_many_became_agreements(owner, clerk):
    rosa = add(owner, "Rosa", "Díaz", at=dt.datetime(2025, 1, 10, 9, 0))
    tom = add(owner, "Tom", "Lee", at=dt.datetime(2025, 1, 11, 9, 0))
    # Rosa sent three; Ana and Carla took agreements (2 of 3), Beto did not.
    ana = add(owner, "Ana", "Ruiz", referred_by=rosa, at=dt.datetime(2025, 3, 1, 9, 0))
    beto = add(owner, "Beto", "Ruiz", referred_by=rosa, at=dt.datetime(2025, 6, 1, 9, 0))
    carla = add(owner, "Carla", "Ruiz", referred_by=rosa, at=dt.datetime(2025, 9, 1, 9, 0))
    # Tom sent one, who has no agreement; Eva came on her own.
    dan = add(owner, "Dan", "Lee", referred_by=tom, at=dt.datetime(2025, 7, 1, 9, 0))
    add(owner, "Eva", "Solo", at=dt.datetime(2025, 7, 2, 9, 0))
    open_for(owner, ana, 101, dt.datetime(2025, 3, 2, 10, 0))
    open_for(owner, carla, 102, dt.datetime(2025, 9, 2, 10, 0))

    r = reports.referrals_report(clerk)
    assert [(x.referrer, x.referred, x.since, x.became_agreement) for x in r.rows] == [
        ("Rosa Díaz", "Ana Ruiz", dt.date(2025, 3, 1), True),
        ("Rosa Díaz", "Beto Ruiz", dt.date(2025, 6, 1), False),
        ("Rosa Díaz", "Carla Ruiz", dt.date(2025, 9, 1), True),
        ("Tom Lee", "Dan Lee", dt.date(2025, 7, 1), False),
    ]
    assert [x.referred_id for x in r.rows] == [ana, beto, carla, dan]
    # per referrer, most sent first: Rosa 3 sent, 2 agreements; Tom 1 sent, 0
    assert [(t.referrer, t.sent, t.became_agreements) for t in r.totals] == [("Rosa Díaz", 3, 2), ("Tom Lee", 1, 0)]
    assert (r.sent, r.became_agreements) == (4, 2)
    per, _who = referrals_tables(r)
    assert per.rows[0][3] == Fraction(2, 3) and per.totals == ("", 4, 2, Fraction(1, 2))


def test_referrals_with_nobody_referred(owner, clerk):
    add(owner, "Eva", "Solo")
    r = reports.referrals_report(clerk)
    assert r.rows == () and r.totals == ()


# -- follow-up outcomes by week ------------------------------------------------------------------


def tasks(owner, n: int) -> list[int]:
    """``n`` open tasks (each new agreement makes a thank-you task)."""
    ids = []
    for i in range(n):
        cid = add(owner, f"Cliente{chr(65 + i)}", "Núñez", at=dt.datetime(2026, 3, 1, 9, 0))
        open_for(owner, cid, 200 + i, dt.datetime(2026, 3, 2, 10, 0))
        (line,) = followups.open_follow_ups(owner, dt.date(2026, 3, 2), customer_id=cid)
        ids.append(line.id)
    return ids


def test_outcomes_land_in_the_week_they_were_worked(owner, clerk):
    # today is Wednesday 2026-04-15; its week starts Monday 2026-04-13
    t = tasks(owner, 6)
    followups.work_follow_up(clerk, t[0], "left_message", at=dt.datetime(2026, 3, 20, 10, 0))  # week of Mar 16
    followups.work_follow_up(clerk, t[1], "reached", at=dt.datetime(2026, 4, 7, 10, 0))  # Tue → week of Apr 6
    followups.work_follow_up(clerk, t[2], "no_answer", at=dt.datetime(2026, 4, 12, 23, 30))  # Sun → week of Apr 6
    followups.work_follow_up(clerk, t[3], "reached", at=dt.datetime(2026, 4, 13, 8, 0))  # Mon → week of Apr 13
    followups.complete_follow_up(clerk, t[4], "Talked about her next car", at=dt.datetime(2026, 4, 14, 9, 0))
    # a contact no task asked for is not a follow-up worked; t[5] stays open
    walk_in = add(owner, "Walk", "In", at=dt.datetime(2026, 4, 14, 11, 0))
    log_contact(clerk, walk_in, "visit", "reached", at=dt.datetime(2026, 4, 14, 12, 0))

    o = reports.follow_up_outcomes(clerk, 2, dt.date(2026, 4, 15))
    assert [v for v, _ in o.outcomes] == [
        "reached", "left_message", "no_answer", "call_back", "not_interested", "bought_elsewhere", "stop_contacting",
        "other",
    ]
    assert [w.week_start for w in o.weeks] == [dt.date(2026, 4, 6), dt.date(2026, 4, 13)]
    by_week = {w.week_start: dict(zip([v for v, _ in o.outcomes], w.counts)) for w in o.weeks}
    assert by_week[dt.date(2026, 4, 6)] == dict.fromkeys(by_week[dt.date(2026, 4, 6)], 0) | {"reached": 1, "no_answer": 1}
    assert by_week[dt.date(2026, 4, 13)] == dict.fromkeys(by_week[dt.date(2026, 4, 13)], 0) | {"reached": 1, "other": 1}
    assert [w.total for w in o.weeks] == [2, 2] and o.total == 4
    assert o.total_of("reached") == 2

    five = reports.follow_up_outcomes(clerk, 5, dt.date(2026, 4, 15))
    assert [w.week_start for w in five.weeks] == [
        dt.date(2026, 3, 16), dt.date(2026, 3, 23), dt.date(2026, 3, 30), dt.date(2026, 4, 6), dt.date(2026, 4, 13),
    ]
    assert [w.total for w in five.weeks] == [1, 0, 0, 2, 2]
    (table,) = outcomes_tables(five)
    assert table.columns[4].title == "Call back" and table.columns[-1].title == "Total"
    assert table.rows[0][:3] == (dt.date(2026, 3, 16), 0, 1)  # week, reached 0, left a message 1
    assert table.totals == ("", 2, 1, 1, 0, 0, 0, 0, 1, 5)


def test_outcomes_without_old_typed_outcomes_has_no_other_column(owner, clerk):
    (task,) = tasks(owner, 1)
    followups.work_follow_up(clerk, task, "not_interested", at=dt.datetime(2026, 4, 14, 9, 0))
    o = reports.follow_up_outcomes(clerk, 1, dt.date(2026, 4, 19))  # Sunday: the same week
    assert "other" not in [v for v, _ in o.outcomes]
    assert o.weeks[0].week_start == dt.date(2026, 4, 13) and o.total_of("not_interested") == 1


@pytest.mark.parametrize("weeks", [0, -1, reports.MAX_WEEKS + 1, 2.5, True])
def test_outcomes_refuses_a_silly_number_of_weeks(weeks, clerk):
    with pytest.raises(InvalidInput):
        reports.follow_up_outcomes(clerk, weeks, dt.date(2026, 4, 15))  # type: ignore[arg-type]
