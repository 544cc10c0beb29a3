"""The drawer dialogs (what they refuse and read) and the drawer flows on the real window."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from helpers import log_in
from lto_desk.services import drawer
from lto_desk.ui.drawer_dialogs import CloseDrawerDialog, CloseInput, MovementDialog, MovementInput, OpenDrawerDialog
from lto_desk.ui.drawer_flows import DrawerFlows, status_text


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_open_dialog_reads_the_float_and_refuses_letters(qtbot, database):
    d = shown(qtbot, OpenDrawerDialog("Counter 1"))
    qtbot.keyClicks(d.float_edit, "15O")
    assert d.value() is None
    assert "Starting cash" in d.message.text() and d.message.isVisible()
    d.float_edit.clear()
    qtbot.keyClicks(d.float_edit, "$150")
    assert d.value() == 150_00 and not d.message.isVisible()


def test_paid_out_dialog_shows_the_cash_and_refuses_more_or_no_reason(qtbot, database):
    d = shown(qtbot, MovementDialog(drawer.PAID_OUT, cash_in_drawer=582_60))
    assert d.findChild(type(d.message), "cashInDrawerLabel").text() == "Cash in the drawer now: $582.60"
    qtbot.keyClicks(d.amount, "600")
    qtbot.keyClicks(d.reason, "Parts")
    assert d.value() is None and "$582.60" in d.message.text()
    d.amount.clear()
    qtbot.keyClicks(d.amount, "12.40")
    d.reason.clear()
    assert d.value() is None and "reason" in d.message.text()
    qtbot.keyClicks(d.reason, "Postage for title mailings")
    assert d.value() == MovementInput(drawer.PAID_OUT, 12_40, "Postage for title mailings")


def test_no_sale_dialog_asks_only_for_the_reason(qtbot, database):
    d = shown(qtbot, MovementDialog(drawer.NO_SALE))
    assert not d.amount.isVisible()
    qtbot.keyClicks(d.reason, "Change for a $20")
    assert d.value() == MovementInput(drawer.NO_SALE, 0, "Change for a $20")


def test_close_dialog_counts_bills_and_coins_live_and_needs_a_note_beyond_tolerance(qtbot, database):
    d = shown(qtbot, CloseDrawerDialog("Counter 1", 4, expected=582_60, tolerance=5_00))
    assert d.expected_label.text() == "$582.60"
    # 29 × $20 + 2 × $1 + 2 quarters + 1 dime = 580.00 + 2.00 + 0.50 + 0.10 = 582.60
    for key, count in (("bill_20", "29"), ("bill_1", "2"), ("coin_25", "2"), ("coin_10", "1")):
        qtbot.keyClicks(d.count_edits[key], count)
    assert d.counted_label.text() == "$582.60"
    assert d.over_short_label.text() == "Balanced to the cent"
    assert d.value_labels["bill_20"].text() == "$580.00"
    assert d.value() == CloseInput(None, {"bill_20": 29, "bill_1": 2, "coin_25": 2, "coin_10": 1}, "")

    # A count with letters: shown at once, and refused.
    qtbot.keyClicks(d.count_edits["coin_5"], "3x")
    assert d.value_labels["coin_5"].text() == "digits only" and d.counted_label.text() == "—"
    assert d.value() is None and "nickels must be a whole number" in d.message.text()
    d.count_edits["coin_5"].clear()
    assert d.counted_label.text() == "$582.60"

    # A total instead: $590.00 is $7.40 over, beyond $5.00, so a note is needed.
    d.by_total.setChecked(True)
    assert not d.grid_box.isEnabled() and d.total_edit.isEnabled()
    qtbot.keyClicks(d.total_edit, "590")
    assert d.over_short_label.text() == "$7.40 over — please add a note"
    assert d.value() is None and "$7.40 over" in d.message.text() and "note" in d.message.text()
    qtbot.keyClicks(d.note, "A customer left the change for the coffee fund")
    assert d.value() == CloseInput(590_00, None, "A customer left the change for the coffee fund")
    # Within the tolerance no note is asked for.
    d.note.clear()
    d.total_edit.clear()
    qtbot.keyClicks(d.total_edit, "581.60")
    assert d.over_short_label.text() == "$1.00 short"
    assert d.value() == CloseInput(581_60, None, "")


def test_status_line_says_since_when_and_the_float():
    opened = drawer.SessionInfo(1, "Counter 1", 3, "open", dt.datetime(2025, 3, 3, 9, 2), "Carla Clerk", 150_00)
    assert status_text(opened, today=dt.date(2025, 3, 3)) == "Drawer open since 9:02 AM (float $150.00)"
    assert status_text(opened, today=dt.date(2025, 3, 4)) == "Drawer open since Mon Mar 3, 9:02 AM (float $150.00)"
    assert status_text(None) == "Drawer closed"


def test_flows_close_seal_print_the_z_report_then_offer_to_open_before_money(qtbot, window, location, monkeypatch):
    log_in(qtbot, window)
    flows = DrawerFlows(window)
    flows.refresh_status()
    assert flows.status_label.text().startswith("Drawer open since") and "(float $0.00)" in flows.status_label.text()
    session = drawer.current_session(window.actor)
    # counter_data's cash: down payments 950.00 + 1,050.00, payments 95.00 × 2 + 110.00 × 2 = 2,410.00; float 0.
    assert drawer.x_report(window.actor, session.session_id).expected_cents == 2_410_00
    seen = {}

    def counted(parent, counter_name, number, expected, tolerance):
        seen.update(counter=counter_name, number=number, expected=expected, tolerance=tolerance)
        return CloseInput(2_409_75, None, "")

    monkeypatch.setattr(CloseDrawerDialog, "ask", classmethod(lambda cls, *a: counted(*a)))
    flows.close_drawer()
    assert seen == {"counter": "Counter 1", "number": session.number, "expected": 2_410_00, "tolerance": 5_00}
    assert flows.status_label.text() == "Drawer closed"
    assert "sealed" in window.message.text() and "$0.25 short" in window.message.text()
    [z_pdf] = list(location.folder("drawer").glob("z-report-*.pdf"))
    text = " ".join(PdfReader(str(z_pdf)).pages[0].extract_text().split())
    assert "Z REPORT — session sealed" in text and "Short $0.25" in text and "Carla Clerk" in text

    # No drawer now: money asks to open one first. Cancelled: not open, and told why.
    monkeypatch.setattr(OpenDrawerDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert flows.ensure_open() is False
    assert "The cash drawer is not open yet" in window.message.text()
    flows.x_report()
    assert "not open yet" in window.message.text()
    # Opened with a float: the payment may go on.
    monkeypatch.setattr(OpenDrawerDialog, "ask", classmethod(lambda cls, *a, **k: 150_00))
    assert flows.ensure_open() is True
    now = drawer.current_session(window.actor)
    assert now.number == session.number + 1 and now.float_cents == 150_00 and now.opened_by == "Carla Clerk"
    assert flows.status_label.text().endswith("(float $150.00)")
    assert flows.ensure_open() is True  # already open: no second session
    assert drawer.current_session(window.actor).session_id == now.session_id

    # A paid-out above the cash is refused by the service too, and nothing is recorded.
    monkeypatch.setattr(MovementDialog, "ask", classmethod(
        lambda cls, parent, kind, cash_in_drawer=None: MovementInput(kind, 200_00, "Parts for the Accord")))
    flows.paid_out()
    assert "only $150.00 of cash" in window.message.text()
    assert drawer.x_report(window.actor, now.session_id).paid_out == 0
    monkeypatch.setattr(MovementDialog, "ask", classmethod(
        lambda cls, parent, kind, cash_in_drawer=None: MovementInput(kind, 12_40, "Postage")))
    flows.paid_out()
    assert "Paid out of $12.40 recorded: Postage." in window.message.text()
    assert drawer.x_report(window.actor, now.session_id).expected_cents == 150_00 - 12_40


def test_settings_dialog_has_the_drawer_tolerance(qtbot, database):
    from lto_desk.services.settings import DealerSettings
    from lto_desk.ui.settings_dialog import SettingsDialog

    d = shown(qtbot, SettingsDialog(DealerSettings()))
    assert d.drawer_tolerance.text() == "5.00"
    d.drawer_tolerance.setText("ten")
    assert d.value() is None and d.message.text().startswith("Drawer over/short:")
    d.drawer_tolerance.setText("7.50")
    assert d.value().drawer_tolerance_cents == 7_50


def test_close_dialog_starts_on_the_first_bills_counted_and_a_refusal_for_a_note_goes_to_the_note(qtbot, database):
    """A clerk counts from the biggest bills down: the dialog opens in "$100 bills". Saving
    over or short beyond the tolerance with no note puts the cursor in the note."""
    from PySide6.QtCore import Qt

    d = shown(qtbot, CloseDrawerDialog("Counter 1", 4, expected=582_60, tolerance=5_00))
    d.activateWindow()
    qtbot.waitActive(d)
    qtbot.waitUntil(d.count_edits["bill_100"].hasFocus)
    d.by_total.setChecked(True)
    qtbot.keyClicks(d.total_edit, "590")
    qtbot.keyClick(d.total_edit, Qt.Key_Return)  # Save: refused, $7.40 over with no note
    assert d.isVisible() and "note" in d.message.text()
    assert d.note.hasFocus()
