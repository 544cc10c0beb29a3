"""The cash drawer in the real counter window: a payment asks to open the drawer
first; the close seals it with a Z report and no payment goes into a sealed one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from helpers import answer, log_in
from lto_desk.services import drawer
from lto_desk.store.models import LedgerEntry
from lto_desk.ui import drawer_dialogs
from lto_desk.ui.drawer_dialogs import CloseInput



def payments_posted() -> int:
    return LedgerEntry.select().where(LedgerEntry.kind == "payment").count()


def test_closing_the_drawer_seals_it_and_the_next_payment_asks_to_open_one(qtbot, window, monkeypatch, location):
    log_in(qtbot, window)
    assert window.drawer_flows.status_label.text().startswith("Drawer open")
    session = drawer.current_session(window.actor)
    expected = drawer.x_report(window.actor, session.session_id).expected_cents
    answer(monkeypatch, drawer_dialogs, "CloseDrawerDialog", CloseInput(expected, None, ""))
    window.findChild(type(window.lock_action), "closeDrawerAction").trigger()
    assert drawer.current_session(window.actor) is None
    assert "closed" in window.drawer_flows.status_label.text().lower()
    assert list((location.files_dir / "drawer").glob("z-*.pdf"))

    # Posting now asks for the starting cash first; declining posts nothing.
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    before = payments_posted()
    asked = answer(monkeypatch, drawer_dialogs, "OpenDrawerDialog", None)
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    assert len(asked) == 1 and payments_posted() == before
    assert "drawer" in window.payment.message.text().lower()

    # Opening it with a $150.00 float lets the same payment through, into the new session.
    answer(monkeypatch, drawer_dialogs, "OpenDrawerDialog", 15_000)
    window.payment.submit()
    assert payments_posted() == before + 1
    new = drawer.current_session(window.actor)
    assert new is not None and new.session_id != session.session_id and new.float_cents == 15_000
    latest = LedgerEntry.select().where(LedgerEntry.kind == "payment").order_by(LedgerEntry.id.desc()).first()
    assert latest.drawer_session_id == new.session_id


def test_the_statement_opens_for_the_agreement_on_the_card(qtbot, window):
    log_in(qtbot, window)
    window.follow_flows.statement()
    assert "Open a customer" in window.message.text()
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    reports = window.follow_flows.statement()
    assert reports is not None and reports.chosen_agreement() == window.card.card.agreement_id
    reports.close()
