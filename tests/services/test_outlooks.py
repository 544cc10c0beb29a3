"""The amount due read from the cached agreement state (lookup list, late-accounts
report) equals a replay of the entries, the cache is kept by every posting, and
`verify` names a cache or search index changed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.outlook import of_state
from lto_desk.services import agreements, customers, payments
from lto_desk.services.integrity import verify
from lto_desk.services.ledger import state_of
from lto_desk.services.outlooks import outlooks
from lto_desk.store.models import Agreement, db


def replayed(agreement_id: int, on: dt.date):
    return of_state(state_of(Agreement.get_by_id(agreement_id), on))


def test_partial_late_payments_a_void_and_a_waiver_keep_the_cached_outlook_equal_to_the_replay(
    owner, manager, clerk, agreement
):
    # Installment 1 ($76.93) was due Jan 13; its $10 fee is charged Jan 17.
    payments.take_payment(clerk, agreement, 30_00, at=dt.datetime(2025, 1, 20, 10, 0))
    second = payments.take_payment(clerk, agreement, 20_00, at=dt.datetime(2025, 1, 21, 10, 0))
    row = Agreement.get_by_id(agreement)
    assert (row.installments_paid, row.paid_toward_next, row.fee_carry) == (0, 40_00, -10_00)
    payments.void_payment(manager, second.receipt_number, "Typed the wrong amount", at=dt.datetime(2025, 1, 21, 11, 0))
    assert Agreement.get_by_id(agreement).paid_toward_next == 20_00
    agreements.waive_fee(manager, agreement, 2, "First time late", at=dt.datetime(2025, 1, 27, 9, 0))
    for day in (dt.date(2025, 1, 27), dt.date(2025, 2, 3), dt.date(2025, 3, 30), dt.date(2027, 6, 1)):
        assert outlooks(day)[agreement] == replayed(agreement, day)
    assert outlooks(dt.date(2025, 3, 30))[agreement].days_late == 76
    assert verify().ok


def test_a_report_for_a_day_before_the_latest_entry_is_replayed_not_read_from_the_cache(clerk, agreement):
    payments.take_payment(clerk, agreement, 300_00, at=dt.datetime(2025, 2, 10, 10, 0))
    before = dt.date(2025, 2, 5)  # four installments due by then, none paid yet, three fees charged
    assert outlooks(before)[agreement] == replayed(agreement, before)
    assert (outlooks(before)[agreement].past_due, outlooks(before)[agreement].open_fees) == (4 * 76_93, 3 * 10_00)


def test_only_active_agreements_and_only_those_asked_for(owner, clerk, agreement):
    other = customers.add_customer(owner, customers.NewCustomer("Ana", "Ruiz"), at=dt.datetime(2025, 1, 6, 11, 0))
    assert outlooks(dt.date(2025, 2, 1), [agreement, other, 999]).keys() == {agreement}
    payments.take_payment(clerk, agreement, state_of(Agreement.get_by_id(agreement), dt.date(2025, 2, 1)).payoff,
                          at=dt.datetime(2025, 2, 1, 10, 0))
    assert outlooks(dt.date(2025, 2, 2)) == {}


@pytest.mark.parametrize(("sql", "named"), [
    ("UPDATE agreement SET fee_carry = fee_carry + 500", "fee_carry"),
    ("UPDATE agreement SET paid_toward_next = 1", "paid_toward_next"),
])
def test_verify_names_a_cached_figure_changed_by_hand(clerk, agreement, sql, named):
    payments.take_payment(clerk, agreement, 30_00, at=dt.datetime(2025, 1, 20, 10, 0))
    db.execute_sql(sql)
    report = verify()
    assert not report.ok and f"agreement row {agreement}: {named} is" in report.problem


def test_verify_names_a_search_index_out_of_step_with_the_customer(owner, agreement):
    assert verify().ok
    db.execute_sql("UPDATE customer_search SET name = 'nobody' WHERE rowid = 1")
    report = verify()
    assert not report.ok and "customer row 1: the search index" in report.problem


def test_verify_names_a_note_search_index_out_of_step_with_the_note(clerk, agreement):
    from lto_desk.services.customers import add_note

    add_note(clerk, Agreement.get_by_id(agreement).customer_id, "Asked about a bigger truck", (), at=dt.datetime(2025, 1, 20, 10, 0))
    assert verify().ok
    db.execute_sql("DELETE FROM note_search")
    report = verify()
    assert not report.ok and "note row 1: the note search index" in report.problem
