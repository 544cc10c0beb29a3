"""Business reports on known data, every expected sum worked out by hand here.

Two weekly agreements, both opened Mon 2025-01-06 by the owner with cash down:
  A (the ``agreement`` fixture, María García): $1,000.00 down (receipt 1),
    104 payments of $76.93 from Jan 13, $10 late fee after 3 days.
  B (Ben Baker): $500.00 down (receipt 2), 50 payments of $50.00 from Jan 13, same fee.
Mon 2025-01-13:
  Carla (clerk)   A  cash   $76.93  receipt 3  — voided the same day by Marcus ("Wrong account")
  Carla (clerk)   B  check  $50.00  receipt 4  (pays B's payment 1)
  Marcus (manager) B cash   $20.00  receipt 5  (toward B's payment 2, due Jan 20)
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from helpers import make_vin

from lto_desk.domain.errors import InvalidInput, NotFound
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import agreements, business_reports as br, customers, payments, vehicles

OPENED = dt.datetime(2025, 1, 6, 10, 0)


def open_b(owner) -> int:
    cid = customers.add_customer(owner, customers.NewCustomer("Ben", "Baker", phone="(205) 555-0199"), at=OPENED)
    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(7781), 2012, "Toyota", "Corolla", "S2002", price=300_000), at=OPENED
    )
    terms = Terms.by_number_of_payments(
        cash_price=300_000, down_payment=50_000, number_of_payments=50,
        frequency=Frequency.WEEKLY, first_due=dt.date(2025, 1, 13), late_fee=LateFeePolicy(3, 1000),
    )
    return agreements.open_agreement(owner, cid, vid, terms, at=OPENED + dt.timedelta(minutes=30)).agreement_id


@pytest.fixture
def book(owner, manager, clerk, agreement):
    a, b = agreement, open_b(owner)
    day = dt.datetime(2025, 1, 13, 9, 0)
    payments.take_payment(clerk, a, 7693, "cash", at=day)  # receipt 3
    payments.take_payment(clerk, b, 5000, "check", reference="1001", at=day + dt.timedelta(minutes=5))  # 4
    payments.take_payment(manager, b, 2000, "cash", at=day + dt.timedelta(minutes=10))  # 5
    payments.void_payment(manager, 3, "Wrong account", at=day + dt.timedelta(hours=1))
    return {"a": a, "b": b}


def rows_of(groups):
    return [(g.name, g.received_count, g.received, g.voided_count, g.voided, g.net) for g in groups]


def test_daily_collections_by_method_and_clerk_less_voids(book, manager):
    c = br.daily_collections(manager, dt.date(2025, 1, 13))
    # Cash: 76.93 + 20.00 = 96.93 received, 76.93 voided -> 20.00; Check: 50.00.
    assert rows_of(c.by_method) == [("Check", 1, 5000, 0, 0, 5000), ("Cash", 2, 9693, 1, 7693, 2000)]
    # Carla: 76.93 + 50.00 = 126.93, less her voided 76.93 -> 50.00; Marcus: 20.00.
    assert rows_of(c.by_clerk) == [("Carla Clerk", 2, 12693, 1, 7693, 5000), ("Marcus Manager", 1, 2000, 0, 0, 2000)]
    assert (c.received_count, c.received, c.voided, c.net) == (3, 14693, 7693, 7000)
    assert [(l.kind, l.receipt_number or l.voids_receipt, l.signed) for l in c.lines] == [
        ("Payment", 3, 7693), ("Payment", 4, 5000), ("Payment", 5, 2000), ("Void", 3, -7693),
    ]
    assert c.refunds == ()


def test_collections_over_a_period_count_the_down_payments(book, manager):
    c = br.daily_collections(manager, dt.date(2025, 1, 6), dt.date(2025, 1, 13))
    # the two down payments (1,000.00 + 500.00, cash, by Olivia) join the day above
    assert rows_of(c.by_method) == [("Cash", 4, 159693, 1, 7693, 152000), ("Check", 1, 5000, 0, 0, 5000)]
    assert ("Olivia Owner", 2, 150000, 0, 0, 150000) in rows_of(c.by_clerk)
    assert c.net == 157000
    nothing = br.daily_collections(manager, dt.date(2025, 1, 7))
    assert (nothing.net, nothing.lines, nothing.by_method) == (0, (), ())


def test_a_backwards_period_is_explained(book, manager):
    with pytest.raises(InvalidInput, match="swap the days"):
        br.daily_collections(manager, dt.date(2025, 1, 13), dt.date(2025, 1, 6))


def test_refunds_are_listed_apart_and_not_netted(book, owner, manager):
    agreements.return_vehicle(manager, book["b"], "cannot_afford", at=dt.datetime(2025, 1, 14, 9, 0))
    agreements.goodwill_refund(manager, book["b"], 3000, "Helping with the move", at=dt.datetime(2025, 1, 14, 10, 0))
    c = br.daily_collections(manager, dt.date(2025, 1, 14))
    assert c.net == 0 and c.lines == ()
    assert [(r.customer, r.amount, r.reason, r.approved_by) for r in c.refunds] == [
        ("Ben Baker", 3000, "Helping with the move", "Marcus Manager")
    ]
    assert c.refunded == 3000


def test_aging_buckets(book, manager):
    a = br.aging(manager, dt.date(2025, 2, 3))
    # A: nothing paid (its payment was voided); oldest unpaid Jan 13 -> 21 days late;
    #    past due Jan 13, 20, 27 = 3 x 76.93 = 230.79; fees on Jan 17, 24, 31 = 30.00;
    #    payoff 8,000.00 + 30.00.
    # B: payment 1 paid, 20.00 of payment 2 -> oldest unpaid Jan 20 -> 14 days late;
    #    past due 30.00 + 50.00 (Jan 27) = 80.00; fees Jan 24 and Jan 31 = 20.00;
    #    payoff 2,500.00 - 70.00 + 20.00 = 2,450.00.
    assert [(x.customer, x.bucket, x.days_late, x.past_due, x.fees, x.payoff) for x in a.accounts] == [
        ("María García", "15–30 days", 21, 23079, 3000, 803000),
        ("Ben Baker", "8–14 days", 14, 8000, 2000, 245000),
    ]
    assert a.accounts[0].phone == "(205) 555-0142"
    assert a.accounts[0].vehicle == "2014 Honda Accord"
    assert [(b.words, b.accounts, b.past_due, b.payoff) for b in a.buckets] == [
        ("1–7 days", 0, 0, 0), ("8–14 days", 1, 8000, 245000), ("15–30 days", 1, 23079, 803000),
        ("31–60 days", 0, 0, 0), ("Over 60 days", 0, 0, 0),
    ]
    assert (a.past_due, a.fees, a.payoff, a.active) == (31079, 5000, 1048000, 2)


def test_aging_edges_of_the_buckets(book, manager):
    # Jan 20: A is 7 days late (1–7); B's payment 2 is due that very day, so B is not late.
    early = br.aging(manager, dt.date(2025, 1, 20))
    assert [(x.customer, x.bucket, x.days_late) for x in early.accounts] == [("María García", "1–7 days", 7)]
    # Mar 20: A is 66 days late (over 60); B 59 days (31–60).
    late = br.aging(manager, dt.date(2025, 3, 20))
    assert [(x.bucket, x.days_late) for x in late.accounts] == [("Over 60 days", 66), ("31–60 days", 59)]


def test_progress_is_told_per_account_and_can_stop_the_report(book, manager):
    told = []
    br.portfolio(manager, 4, dt.date(2025, 2, 3), progress=lambda done, total: told.append((done, total)))
    assert told[0] == (0, 2) and told[-1] == (2, 2) and len(told) >= 3
    told.clear()  # the late-accounts report reads cached state in one go: start and end
    br.aging(manager, dt.date(2025, 2, 3), progress=lambda done, total: told.append((done, total)))
    assert told == [(0, 2), (2, 2)]

    def stop(done, total):
        if done == 1:
            raise br.ReportCancelled()

    with pytest.raises(br.ReportCancelled):
        br.portfolio(manager, 4, dt.date(2025, 2, 3), progress=stop)


def test_statement_running_balance(book, manager):
    s = br.statement(manager, book["a"], dt.date(2025, 1, 27))
    assert [(l.on, l.what, l.charge, l.credit, l.balance) for l in s.lines] == [
        (dt.date(2025, 1, 6), "Agreement opened: 104 payments of $76.93 after $1,000.00 down", 900000, None, 900000),
        (dt.date(2025, 1, 6), "Down payment", None, 100000, 800000),
        (dt.date(2025, 1, 13), "Payment", None, 7693, 792307),
        (dt.date(2025, 1, 13), "Void of receipt 3: Wrong account", 7693, None, 800000),
        (dt.date(2025, 1, 17), "Late fee: payment 1 due Jan 13, 2025", 1000, None, 801000),
        (dt.date(2025, 1, 24), "Late fee: payment 2 due Jan 20, 2025", 1000, None, 802000),
    ]
    assert [l.receipt_number for l in s.lines] == [None, 1, 3, 3, None, None]
    assert s.payoff == 802000 == s.lines[-1].balance
    assert s.charges - s.credits == s.payoff


def test_statement_of_a_returned_agreement_ends_at_zero(book, manager):
    agreements.return_vehicle(manager, book["b"], "cannot_afford", at=dt.datetime(2025, 1, 14, 9, 0))
    s = br.statement(manager, book["b"], dt.date(2025, 1, 20))
    # 3,000.00 price - 500.00 down - 50.00 - 20.00 = 2,430.00, settled by the return
    assert [(l.what, l.credit, l.balance) for l in s.lines[-1:]] == [
        ("Vehicle returned: nothing more is owed", 243000, 0)
    ]
    assert s.payoff == 0 and s.status == "Returned"


def test_statement_of_no_such_agreement(manager):
    with pytest.raises(NotFound, match="no agreement number 99"):
        br.statement(manager, 99)


def test_portfolio_figures(book, manager):
    p = br.portfolio(manager, 2, dt.date(2025, 1, 15))
    # as of Wed Jan 15: A payoff 8,000.00 (no fee before Jan 17), 2 days late;
    # B payoff 3,000.00 - 500.00 - 70.00 = 2,430.00, not late -> average 1 day.
    assert (p.active, p.paid_off, p.returned) == (2, 0, 0)
    assert p.receivable == 1043000
    assert p.average_days_late == Fraction(1)
    # week of Jan 6: the downs 1,500.00; week of Jan 13: 146.93 - 76.93 = 70.00
    assert [(w.week_start, w.payments, w.collected) for w in p.weeks] == [
        (dt.date(2025, 1, 6), 2, 150000), (dt.date(2025, 1, 13), 3, 7000),
    ]
    assert (p.this_week, p.this_month) == (7000, 157000)


def test_portfolio_weeks_are_checked(manager):
    with pytest.raises(InvalidInput, match="1 to 52 weeks"):
        br.portfolio(manager, 0)


def test_payments_due_in_a_week(book, manager):
    d = br.due_this_week(manager, dt.date(2025, 1, 22), today=dt.date(2025, 1, 15))
    assert (d.start, d.end) == (dt.date(2025, 1, 20), dt.date(2025, 1, 26))
    assert [(l.customer, l.due, l.number, l.amount, l.owed) for l in d.lines] == [
        ("Ben Baker", dt.date(2025, 1, 20), 2, 5000, 3000),  # 20.00 already paid toward it
        ("María García", dt.date(2025, 1, 20), 2, 7693, 7693),
    ]
    assert (d.amount, d.owed) == (12693, 10693)


def test_receipt_check_lists_the_void(book, manager):
    r = br.receipt_check(manager)
    assert (r.first, r.last, r.count, r.counter, r.gaps, r.sound) == (1, 5, 5, 5, (), True)
    assert [(v.receipt_number, v.customer, v.amount, v.reason, v.approved_by, v.voided_by) for v in r.voided] == [
        (3, "María García", 7693, "Wrong account", "Marcus Manager", "Marcus Manager")
    ]


def test_receipt_check_finds_a_gap(book, manager):
    from lto_desk.store.models import LedgerEntry

    # a receipt removed behind the program's back (tampering) shows as a gap
    LedgerEntry.update(receipt_number=9).where(LedgerEntry.receipt_number == 4).execute()
    r = br.receipt_check(manager)
    assert r.gaps == ((4, 4), (6, 8)) and r.missing == 4 and not r.sound
