"""The cash drawer on known data, with the sums worked out by hand below.

Mon 2025-03-03 at Counter 1, session 1 opened with a $150.00 float:
  09:30 down payment, agreement A (María)   $500.00 cash        receipt 1  (Marcus)
  09:45 down payment, agreement B (John)    $600.00 check #1001 receipt 2  (Marcus)
  10:00 payment A                            $95.00 cash        receipt 3  (Carla; $100 handed over, $5 change)
  10:15 payment B                           $110.00 card 4242   receipt 4  (Carla)
  10:30 payment A                            $95.00 money order receipt 5  (Carla)
  10:45 payment B                           $110.00 cash        receipt 6  (Carla) — posted twice, voided 10:50
  11:00 paid in  $50.00  change from the bank
  11:15 paid out $12.40  postage
  11:20 no sale
  11:40 A returns the car; 11:45 goodwill refund $200.00 cash

Expected cash = 150.00 + (500.00 + 95.00 + 110.00) − 200.00 − 110.00 + 50.00 − 12.40 = 582.60
Collected by method (less voids): cash 500 + 95 + 110 − 110 = 595.00; check 600.00;
money order 95.00; card 110.00; total 1,400.00.
By clerk: Marcus 500 + 600 = 1,100.00; Carla 95 + 110 + 95 + 110 − 110 = 300.00.
"""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import make_vin
from lto_desk.domain.errors import InvalidInput, Refused
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import agreements, clerks, customers, drawer, payments, settings, vehicles
from lto_desk.services.integrity import verify
from lto_desk.store.models import Counter, DrawerMovement, DrawerSession, LedgerEntry

DAY = dt.date(2025, 3, 3)


def at(hh: int, mm: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hh, mm))


@pytest.fixture
def staff(database):
    owner = clerks.create_clerk(None, "Olivia Owner", "owner", "1111", at=dt.datetime(2025, 3, 1, 9, 0))
    manager = clerks.create_clerk(owner, "Marcus Manager", "manager", "2222", at=dt.datetime(2025, 3, 1, 9, 1))
    clerk = clerks.create_clerk(owner, "Carla Clerk", "clerk", "3333", at=dt.datetime(2025, 3, 1, 9, 2))
    return owner, manager, clerk


def _customer_and_car(owner, n: int, first: str, last: str, price: int):
    when = dt.datetime(2025, 3, 1, 10, n)
    cid = customers.add_customer(owner, customers.NewCustomer(first, last, phone=f"(205) 555-01{n:02d}"), at=when)
    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(7000 + n), 2015, "Toyota", "Corolla", f"D{n:03d}", price=price), at=when
    )
    return cid, vid


def _terms(price: int, down: int, pay: int) -> Terms:
    return Terms.by_payment_amount(
        cash_price=price, down_payment=down, payment_amount=pay, frequency=Frequency.WEEKLY,
        first_due=dt.date(2025, 3, 10), late_fee=LateFeePolicy(3, 1000),
    )


@pytest.fixture
def day(staff):
    """Session 1 with the day above, still open at noon. Returns the ids and actors."""
    owner, manager, clerk = staff
    a_cust, a_car = _customer_and_car(owner, 1, "María", "García", 500_000)
    b_cust, b_car = _customer_and_car(owner, 2, "John", "Smith", 600_000)
    session = drawer.open_drawer(clerk, 150_00, at=at(9, 0))
    a = agreements.open_agreement(manager, a_cust, a_car, _terms(500_000, 500_00, 95_00), at=at(9, 30)).agreement_id
    b = agreements.open_agreement(
        manager, b_cust, b_car, _terms(600_000, 600_00, 110_00), down_method="check", down_reference="1001",
        at=at(9, 45),
    ).agreement_id
    payments.take_payment(clerk, a, 95_00, "cash", tendered=100_00, at=at(10, 0))
    payments.take_payment(clerk, b, 110_00, "card", reference="4242", at=at(10, 15))
    payments.take_payment(clerk, a, 95_00, "money_order", reference="12345", at=at(10, 30))
    twice = payments.take_payment(clerk, b, 110_00, "cash", at=at(10, 45))
    payments.void_payment(clerk, twice.receipt_number, "Posted twice; the customer paid once.",
                          approved_by=manager, at=at(10, 50))
    drawer.paid_in(clerk, 50_00, "Change from the bank", at=at(11, 0))
    drawer.paid_out(clerk, 12_40, "Postage for title mailings", at=at(11, 15))
    drawer.no_sale(clerk, "Change for a customer's $20", at=at(11, 20))
    agreements.return_vehicle(manager, a, "cannot_afford", returned_on=DAY, at=at(11, 40))
    agreements.goodwill_refund(manager, a, 200_00, "Kept the car clean; a thank-you", at=at(11, 45))
    return {"session": session.session_id, "a": a, "b": b, "owner": owner, "manager": manager, "clerk": clerk}


def test_x_report_adds_up_cash_methods_clerks_refund_void_and_movements(day):
    report = drawer.x_report(day["clerk"], day["session"], at(12, 0))
    assert report.status == "open" and report.number == 1 and report.counter_name == "Counter 1"
    assert report.float_cents == 150_00
    assert report.cash_payments == 500_00 + 95_00 + 110_00
    assert report.cash_refunds == 200_00
    assert report.cash_voids == 110_00
    assert (report.paid_in, report.paid_out, report.no_sales) == (50_00, 12_40, 1)
    assert report.expected_cents == 582_60
    assert dict(report.by_method) == {"Cash": 595_00, "Check": 600_00, "Money order": 95_00, "Card": 110_00}
    assert report.collections == 1_400_00
    assert report.by_clerk == (("Marcus Manager", 1_100_00), ("Carla Clerk", 300_00))
    assert (report.receipts, report.first_receipt, report.last_receipt) == (6, 1, 6)
    assert [(m.label, m.amount, m.reason) for m in report.movements] == [
        ("Paid in", 50_00, "Change from the bank"),
        ("Paid out", 12_40, "Postage for title mailings"),
        ("No sale", 0, "Change for a customer's $20"),
    ]
    # Every money entry names the session; an X report earlier in the day shows only what was done by then.
    money = LedgerEntry.select().where(LedgerEntry.kind.in_(["payment", "down_payment", "void", "refund"]))
    assert {e.__data__["drawer_session"] for e in money} == {day["session"]}
    assert drawer.x_report(day["clerk"], day["session"], at(10, 0)).expected_cents == 150_00 + 500_00 + 95_00
    assert drawer.current_session(day["clerk"]).session_id == day["session"]


def test_close_by_denomination_short_a_dollar_seals_with_the_grand_total(day):
    # 29 × $20 + 1 × $1 + 2 quarters + 1 dime = 580 + 1 + 0.50 + 0.10 = 581.60: $1.00 short of 582.60.
    counts = {"bill_20": 29, "bill_1": 1, "coin_25": 2, "coin_10": 1, "bill_100": 0}
    z = drawer.close_drawer(day["manager"], day["session"], denominations=counts, at=at(17, 30))
    assert z.status == "sealed" and z.sealed
    assert (z.counted_cents, z.expected_cents, z.over_short_cents) == (581_60, 582_60, -1_00)
    assert z.closed_by == "Marcus Manager" and z.closed_at == at(17, 30)
    assert [(d.label, d.count, d.cents) for d in z.denominations] == [
        ("$20 bills", 29, 580_00), ("$1 bills", 1, 1_00), ("Quarters", 2, 50), ("Dimes", 1, 10),
    ]
    assert (z.previous_grand_total, z.grand_total) == (0, 1_400_00)
    assert drawer.current_session(day["clerk"]) is None
    assert drawer.describe_over_short(z.over_short_cents) == "$1.00 short"
    assert drawer.x_report(day["clerk"], day["session"]) == z  # read back later, the sealed session says the same


def test_a_sealed_session_takes_no_more_money_and_the_next_one_carries_the_grand_total(day):
    drawer.close_drawer(day["manager"], day["session"], counted_cents=582_60, at=at(13, 0))
    entries, receipts = LedgerEntry.select().count(), Counter.get(Counter.name == "receipt").value
    with pytest.raises(drawer.DrawerNotOpen) as refused:
        payments.take_payment(day["clerk"], day["b"], 110_00, "cash", at=at(13, 30))
    assert refused.value.message == (  # a counter that was posting as another one closed the drawer
        "The cash drawer of Counter 1 was closed on Mar 3, 2025 at 1:00:00 PM (Z report 00001), so nothing "
        "was recorded. Open the drawer again (Drawer → Open drawer…) with the starting cash, then take the payment."
    )
    assert LedgerEntry.select().count() == entries
    assert Counter.get(Counter.name == "receipt").value == receipts  # no receipt number used up

    second = drawer.open_drawer(day["clerk"], 100_00, at=at(14, 0))
    assert second.number == 2 and second.session_id != day["session"]
    paid = payments.take_payment(day["clerk"], day["b"], 110_00, "cash", at=at(14, 30))
    assert paid.receipt_number == receipts + 1
    # 100.00 float + 110.00 cash = 210.00; counted 216.00 is $6.00 over, beyond the $5.00 tolerance.
    with pytest.raises(InvalidInput) as needs_note:
        drawer.close_drawer(day["clerk"], second.session_id, counted_cents=216_00, at=at(17, 0))
    assert "$6.00 over" in needs_note.value.message and "note" in needs_note.value.message
    assert DrawerSession.get_by_id(second.session_id).status == "open"
    z2 = drawer.close_drawer(day["clerk"], second.session_id, counted_cents=216_00,
                             note="A customer left $6 for a coffee fund", at=at(17, 1))
    assert (z2.number, z2.expected_cents, z2.over_short_cents) == (2, 210_00, 6_00)
    assert (z2.previous_grand_total, z2.grand_total) == (1_400_00, 1_510_00)
    assert z2.note == "A customer left $6 for a coffee fund"
    assert drawer.x_report(day["clerk"], day["session"]).grand_total == 1_400_00  # the first Z keeps its own figures
    assert verify().ok


def test_tolerance_is_a_setting(day):
    settings.update_settings(day["owner"], drawer_tolerance_cents=10_00)
    z = drawer.close_drawer(day["clerk"], day["session"], counted_cents=582_60 - 8_00, at=at(17, 0))
    assert z.over_short_cents == -8_00 and z.note == ""


def test_refusals_leave_nothing_half_done(day):
    session, clerk = day["session"], day["clerk"]
    journal_before = verify().journal_rows
    # A paid-out above the cash in the drawer names the figure.
    with pytest.raises(Refused) as too_much:
        drawer.paid_out(clerk, 600_00, "Parts for the Corolla", at=at(12, 0))
    assert "$582.60" in too_much.value.message
    with pytest.raises(InvalidInput):
        drawer.paid_out(clerk, 5_00, "  ", at=at(12, 0))  # a reason is required
    with pytest.raises(InvalidInput):
        drawer.no_sale(clerk, "", at=at(12, 0))
    # A second drawer on the same counter.
    with pytest.raises(Refused, match="already open"):
        drawer.open_drawer(day["owner"], 100_00, at=at(12, 5))
    # Counts: not whole numbers, negative, both ways at once, neither.
    with pytest.raises(InvalidInput):
        drawer.close_drawer(clerk, session, denominations={"bill_20": "2O"}, at=at(12, 10))
    with pytest.raises(InvalidInput, match="negative"):
        drawer.close_drawer(clerk, session, denominations={"bill_20": -1}, at=at(12, 10))
    with pytest.raises(InvalidInput, match="negative"):
        drawer.close_drawer(clerk, session, counted_cents=-1, at=at(12, 10))
    with pytest.raises(InvalidInput):
        drawer.close_drawer(clerk, session, counted_cents=1, denominations={"bill_1": 1}, at=at(12, 10))
    with pytest.raises(InvalidInput):
        drawer.close_drawer(clerk, session, at=at(12, 10))
    assert DrawerMovement.select().count() == 3
    assert DrawerSession.get_by_id(session).status == "open"
    assert verify().journal_rows == journal_before
    # Closing a drawer that is not open.
    drawer.close_drawer(clerk, session, counted_cents=582_60, at=at(12, 15))
    with pytest.raises(Refused, match="not open"):
        drawer.close_drawer(clerk, session, counted_cents=582_60, at=at(12, 20))
    with pytest.raises(drawer.DrawerNotOpen):
        drawer.paid_in(clerk, 10_00, "Change from the bank", at=at(12, 25))


def test_money_without_an_open_drawer_is_refused_and_nothing_is_opened(staff):
    owner, manager, clerk = staff
    cid, vid = _customer_and_car(owner, 3, "Ana", "Ruiz", 400_000)
    with pytest.raises(drawer.DrawerNotOpen, match="Open drawer"):
        agreements.open_agreement(manager, cid, vid, _terms(400_000, 400_00, 80_00), at=at(10, 0))
    assert LedgerEntry.select().count() == 0
    assert vehicles.Vehicle.get_by_id(vid).status == "available"
    # An agreement without a down payment takes no money, so needs no drawer.
    aid = agreements.open_agreement(manager, cid, vid, _terms(400_000, 0, 80_00), at=at(10, 5)).agreement_id
    with pytest.raises(drawer.DrawerNotOpen):
        payments.take_payment(clerk, aid, 80_00, "card", reference="4242", at=at(10, 10))
    assert drawer.current_session(clerk) is None
    # Another counter's drawer does not take this counter's money.
    drawer.open_drawer(clerk, 0, counter_name="Counter 2", at=at(10, 15))
    with pytest.raises(drawer.DrawerNotOpen):
        payments.take_payment(clerk, aid, 80_00, "card", reference="4242", at=at(10, 20))
    assert drawer.current_session(clerk, "Counter 2").number == 1


def test_migration_5_brings_a_version_4_database_up_and_one_open_session_per_counter(location, monkeypatch):
    import peewee

    from lto_desk.store import migrations
    from lto_desk.store.database import close_database, open_database, schema_version

    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        m.setattr(migrations, "LATEST", 4)
        db = open_database(location)
        assert "drawer_session" not in db.get_tables()
        close_database()
    db = open_database(location)
    try:
        assert schema_version(db) == migrations.LATEST >= 5
        assert {"drawer_session", "drawer_movement"} <= set(db.get_tables())
        assert "drawer_session_id" in {c.name for c in db.get_columns("ledger_entry")}
        db.execute_sql("INSERT INTO clerk (name, role, pin_hash, created_at) VALUES ('A', 'clerk', 'x', '2025-01-01')")
        row = ("INSERT INTO drawer_session (counter_name, number, opened_at, opened_by_id, float_cents) "
               "VALUES ('Counter 1', ?, '2025-01-02 09:00:00', 1, 0)")
        db.execute_sql(row, (1,))
        with pytest.raises(peewee.IntegrityError):  # a second open drawer on the same counter
            db.execute_sql(row, (2,))
    finally:
        close_database()
