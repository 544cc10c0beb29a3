"""The follow-up panel on a real database: a clerk works the day's list to outcomes
that land in the customer's contact log; mistakes are said and nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lto_desk.domain.contacts import DecidingFactor
from lto_desk.domain.followups import FollowUpKind, Outcome
from lto_desk.services import followups
from lto_desk.services.contacts import contact_log
from lto_desk.services.departures import DepartureInput, departures_of, record_departure
from lto_desk.store.models import Agreement
from lto_desk.ui.contact_log_tab import ContactLogPanel
from lto_desk.ui.departure_dialog import DepartureDialog
from lto_desk.ui.followups_panel import (
    FOR_MANAGER,
    NOTHING_TODAY,
    ONLY_FOR_MANAGERS,
    FollowUpPanel,
    due_text,
    outcome_name,
)

TODAY = dt.date.today()
THANK_YOU = FollowUpKind.THANK_YOU_LETTER.label


def customer_of(agreement_id: int) -> int:
    return Agreement.get_by_id(agreement_id).__data__["customer"]


def make_panel(qtbot, actor) -> FollowUpPanel:
    panel = FollowUpPanel(lambda: actor)
    qtbot.addWidget(panel)
    panel.resize(1300, 760)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def names(panel: FollowUpPanel) -> list[str]:
    return [item.data(Qt.UserRole + 1) for item in panel.task_items()]


def click_task(qtbot, panel: FollowUpPanel, customer_name: str, kind_label: str | None = None) -> None:
    item = next(
        i for i in panel.task_items()
        if i.data(Qt.UserRole + 1) == customer_name and (kind_label is None or i.data(Qt.UserRole + 2) == kind_label)
    )
    panel.list.scrollToItem(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=panel.list.visualItemRect(item).center())
    assert panel.current is not None and panel.current.customer_name == customer_name


def cells(table) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_a_clerk_works_a_task_from_the_list_and_the_outcome_is_in_the_contact_log(qtbot, counter_data, clerk):
    followups.regenerate_follow_ups(clerk, TODAY)
    panel = make_panel(qtbot, clerk)
    with qtbot.waitSignal(panel.count_changed) as counted:
        panel.refresh()
    assert counted.args == [2]
    # Both new agreements (opened 15 days ago) still wait for their thank-you letter.
    assert names(panel) == ["María García", "John Smith"]
    assert panel.summary.text() == "2 to do today, 2 of them overdue."

    click_task(qtbot, panel, "María García")
    assert panel.card.name.text() == "María García"
    assert panel.task_title.text() == THANK_YOU
    assert "Hi María, thank you for choosing us" in panel.script.text()
    assert panel.phone.text() == "Call (205) 555-0142"
    assert panel.channel.currentText() == "Letter"  # a thank-you task is a letter unless changed

    qtbot.mouseClick(panel.findChild(type(panel.record_button), outcome_name(Outcome.REACHED)), Qt.LeftButton)
    qtbot.keyClicks(panel.note, "Mailed the letter; she loves the car")
    with qtbot.waitSignal(panel.count_changed) as counted:
        qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    assert counted.args == [1]
    assert panel.message.text() == "Recorded for María García: reached."

    log = contact_log(clerk, customer_of(counter_data["García"]))
    assert len(log) == 1
    line = log[0]
    assert (line.outcome_label, line.note, line.clerk, line.channel_label, line.follow_up_label) == (
        "Reached", "Mailed the letter; she loves the car", "Carla Clerk", "Letter", THANK_YOU,
    )
    # The worked task left the list; the next one is up, with a clean form.
    assert names(panel) == ["John Smith"]
    assert panel.current.customer_name == "John Smith"
    assert panel.chosen_outcome() is None and panel.note.toPlainText() == ""

    tab = ContactLogPanel()
    qtbot.addWidget(tab)
    tab.set_rows(log)
    row = cells(tab.contacts_table)[0]
    assert row[1:] == ["Carla Clerk", "Letter", "Reached", THANK_YOU, "Mailed the letter; she loves the car"]
    assert row[0].startswith(f"{line.at:%b} {line.at.day}, {line.at.year}")


def test_the_keyboard_alone_works_a_task(qtbot, counter_data, clerk):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key_3, Qt.AltModifier)
    qtbot.waitUntil(lambda: panel.chosen_outcome() is Outcome.NO_ANSWER)  # a shortcut clicks after a beat
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "Rang twice")
    qtbot.keyClick(panel.note, Qt.Key_Return, Qt.ControlModifier)
    assert contact_log(clerk, customer_of(counter_data["García"]))[0].outcome_label == "No answer"
    assert names(panel) == ["John Smith"]


def test_nothing_is_recorded_without_an_outcome(qtbot, counter_data, clerk):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    qtbot.keyClicks(panel.note, "Spoke with her")
    qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    assert panel.message.text() == "Choose what happened first (Alt+1 to Alt+7), then Record."
    assert panel.message.property("level") == "error"
    assert contact_log(clerk, customer_of(counter_data["García"])) == []
    assert panel.note.toPlainText() == "Spoke with her" and len(panel.task_items()) == 2


def test_a_refusal_is_said_and_the_form_is_kept(qtbot, counter_data, clerk, manager):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    task = panel.current
    followups.work_follow_up(manager, task.id, Outcome.REACHED)  # someone else got to it first
    qtbot.mouseClick(panel.outcome_buttons[Outcome.LEFT_MESSAGE], Qt.LeftButton)
    qtbot.keyClicks(panel.note, "Left a voicemail")
    qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    assert "already done" in panel.message.text() and panel.message.property("level") == "error"
    assert panel.chosen_outcome() is Outcome.LEFT_MESSAGE and panel.note.toPlainText() == "Left a voicemail"
    assert [c.clerk for c in contact_log(manager, task.customer_id)] == ["Marcus Manager"]


def test_call_back_on_a_day_puts_a_task_on_that_day(qtbot, counter_data, clerk):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    assert not panel.call_back_on.isEnabled()
    qtbot.mouseClick(panel.outcome_buttons[Outcome.CALL_BACK], Qt.LeftButton)
    assert panel.call_back_on.isEnabled() and panel.call_again.isChecked() and not panel.call_again.isEnabled()
    tomorrow = TODAY + dt.timedelta(days=1)
    assert panel.call_back_on.date().toPython() == tomorrow  # the default
    qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    assert panel.message.text() == (
        f"María García: call back {tomorrow:%A %b} {tomorrow.day} — it is on the list for that day."
    )
    upcoming = followups.follow_up_board(clerk, TODAY).upcoming
    assert [(t.customer_name, t.kind, t.due_on) for t in upcoming] == [("María García", FollowUpKind.CALL_BACK, tomorrow)]
    assert "tomorrow" in panel.list.findItems("María García", Qt.MatchStartsWith)[0].text()


def test_no_answer_may_try_again_on_a_day(qtbot, counter_data, clerk):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    qtbot.mouseClick(panel.outcome_buttons[Outcome.NO_ANSWER], Qt.LeftButton)
    assert panel.call_again.isEnabled() and not panel.call_back_on.isEnabled()
    panel.call_again.setChecked(True)
    assert panel.call_back_on.isEnabled()
    panel.call_back_on.setDate(TODAY + dt.timedelta(days=3))
    qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    again = TODAY + dt.timedelta(days=3)
    assert panel.message.text() == f"Recorded for María García: no answer. We will try again {again:%A %b} {again.day}."
    [line] = contact_log(clerk, customer_of(counter_data["García"]))
    assert line.call_back_on == again
    tab = ContactLogPanel()
    qtbot.addWidget(tab)
    tab.set_rows([line])
    assert cells(tab.contacts_table)[0][3] == f"No answer; call again {again:%a %b} {again.day}"
    # Choosing an outcome that keeps nothing open turns the day off again.
    qtbot.mouseClick(panel.outcome_buttons[Outcome.NO_ANSWER], Qt.LeftButton)
    panel.call_again.setChecked(True)
    qtbot.mouseClick(panel.outcome_buttons[Outcome.NOT_INTERESTED], Qt.LeftButton)
    assert not panel.call_again.isChecked() and not panel.call_back_on.isEnabled()


def test_bought_elsewhere_asks_why_and_a_manager_gets_the_win_back(qtbot, monkeypatch, counter_data, clerk, manager):
    answer = DepartureInput(
        taken_delivery=False, deciding_factor=DecidingFactor.PAYMENT, where_bought="Smith Motors",
        referrals_asked=True, referral_names="Ana", stay_in_touch=True,
    )
    asked = []
    monkeypatch.setattr(DepartureDialog, "ask", classmethod(lambda cls, parent, name: asked.append(name) or answer))
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    qtbot.mouseClick(panel.outcome_buttons[Outcome.BOUGHT_ELSEWHERE], Qt.LeftButton)
    qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    assert asked == ["María García"]
    assert panel.message.text() == (
        "Recorded for María García: bought elsewhere. What they told us is saved. "
        "A manager has a task to call them today."
    )
    maria = customer_of(counter_data["García"])
    [departure] = departures_of(manager, maria)
    assert (departure.where_bought, departure.factor_label, departure.taken_delivery) == ("Smith Motors", "Payment", False)

    # The win-back task is for a manager: the clerk sees it, greyed, and cannot open it.
    win_back = next(i for i in panel.task_items() if i.data(Qt.UserRole + 2) == FollowUpKind.WIN_BACK.label)
    assert win_back.data(Qt.UserRole + 4) is True
    assert not win_back.flags() & Qt.ItemIsSelectable and win_back.toolTip().startswith(FOR_MANAGER)
    assert not panel.select_task(win_back.data(Qt.UserRole))
    # A manager can.
    boss = make_panel(qtbot, manager)
    boss.refresh()
    assert boss.select_task(win_back.data(Qt.UserRole)) and boss.current.customer_id == maria


def test_bought_elsewhere_cancelled_keeps_the_outcome_and_says_the_rest_was_not_recorded(
    qtbot, monkeypatch, counter_data, clerk
):
    monkeypatch.setattr(DepartureDialog, "ask", classmethod(lambda cls, parent, name: None))
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    qtbot.mouseClick(panel.outcome_buttons[Outcome.BOUGHT_ELSEWHERE], Qt.LeftButton)
    qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    maria = customer_of(counter_data["García"])
    assert contact_log(clerk, maria)[0].outcome_label == "Bought elsewhere"
    assert departures_of(clerk, maria) == []
    assert panel.message.property("level") == "warning"
    assert "was not recorded" in panel.message.text() and "Bought elsewhere…" in panel.message.text()


def test_stop_contacting_is_said_plainly(qtbot, counter_data, clerk):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    qtbot.mouseClick(panel.outcome_buttons[Outcome.STOP_CONTACTING], Qt.LeftButton)
    qtbot.mouseClick(panel.record_button, Qt.LeftButton)
    assert panel.message.text() == (
        "María García asked us to stop contacting them: no more calls about cars and no mail. It is noted."
    )
    assert contact_log(clerk, customer_of(counter_data["García"]))[0].outcome_label == "Stop contacting"


def test_what_was_typed_waits_while_the_clerk_looks_at_another_task(qtbot, counter_data, clerk):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    qtbot.mouseClick(panel.outcome_buttons[Outcome.LEFT_MESSAGE], Qt.LeftButton)
    qtbot.keyClicks(panel.note, "Voicemail at 10")
    click_task(qtbot, panel, "John Smith")
    assert panel.chosen_outcome() is None and panel.note.toPlainText() == ""
    click_task(qtbot, panel, "María García")
    assert panel.chosen_outcome() is Outcome.LEFT_MESSAGE and panel.note.toPlainText() == "Voicemail at 10"


def test_open_at_the_counter_names_the_customer(qtbot, counter_data, clerk):
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    click_task(qtbot, panel, "John Smith")
    with qtbot.waitSignal(panel.open_customer) as opened:
        qtbot.mouseClick(panel.open_button, Qt.LeftButton)
    assert opened.args == [customer_of(counter_data["Smith"])]


def test_an_empty_day_says_so(qtbot, clerk):
    panel = make_panel(qtbot, clerk)
    with qtbot.waitSignal(panel.count_changed) as counted:
        panel.refresh()
    assert counted.args == [0]
    assert panel.summary.text() == NOTHING_TODAY
    assert panel.empty.isVisible() and not panel.list.isVisible()
    assert panel.idle.isVisible() and panel.idle.text() == NOTHING_TODAY and not panel.work.isVisible()


def test_a_clerk_left_with_only_a_managers_task_is_told_so(qtbot, counter_data, clerk):
    for task in followups.follow_up_board(clerk, TODAY).overdue:
        followups.work_follow_up(clerk, task.id, Outcome.REACHED)
    record_departure(clerk, customer_of(counter_data["Smith"]), DepartureInput(False, DecidingFactor.PRICE))
    panel = make_panel(qtbot, clerk)
    with qtbot.waitSignal(panel.count_changed) as counted:
        panel.refresh()
    assert counted.args == [1] and names(panel) == ["John Smith"]
    assert panel.current is None and panel.idle.text() == ONLY_FOR_MANAGERS


def test_upcoming_only_still_says_nothing_today(qtbot, counter_data, clerk):
    for task in followups.follow_up_board(clerk, TODAY).overdue:
        followups.work_follow_up(clerk, task.id, Outcome.REACHED, call_back_on=TODAY + dt.timedelta(days=2))
    panel = make_panel(qtbot, clerk)
    panel.refresh()
    assert panel.summary.text() == f"{NOTHING_TODAY} 2 coming up this week."
    assert names(panel) == ["María García", "John Smith"]


@pytest.mark.parametrize(
    "days, said",
    [(0, "today"), (-1, "yesterday"), (-2, "2 days ago"), (-13, "13 days ago"), (1, "tomorrow")],
)
def test_due_days_are_said_calmly(days, said):
    assert due_text(TODAY + dt.timedelta(days=days), TODAY) == said


def test_far_due_days_are_named():
    today = dt.date(2026, 11, 23)
    assert due_text(dt.date(2026, 11, 26), today) == "Thu Nov 26"
    assert due_text(dt.date(2026, 11, 2), today) == "Mon Nov 2"
    assert due_text(dt.date(2025, 12, 30), today) == "Tue Dec 30, 2025"
