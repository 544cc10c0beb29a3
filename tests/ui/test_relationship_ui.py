"""Remembering the person: cues on the card without a click, asked with an answer, notes edited with history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from helpers import log_in
from lto_desk.services import customers, relationship
from lto_desk.store.models import Customer, Note
from lto_desk.ui import dialogs
from lto_desk.ui.dialogs import NoteInput


def open_maria(qtbot, window):
    window.lookup.edit.clear()
    qtbot.keyClicks(window.lookup.edit, "maria")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)


def cue_texts(window):
    return [window.card.cues.item(i).text() for i in range(window.card.cues.count())]


def test_a_cue_is_on_the_card_the_moment_the_customer_is_opened(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    open_maria(qtbot, window)
    monkeypatch.setattr(dialogs.NoteDialog, "ask", classmethod(
        lambda cls, parent, name, current=None: NoteInput("Ask how Ana's graduation went", False, True, ("family",))))
    qtbot.keyClick(window, Qt.Key_F6)
    # Another customer, then back: the cue shows with no click.
    window.lookup.edit.clear()
    qtbot.keyClicks(window.lookup.edit, "smith")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    assert cue_texts(window) == ["Nothing to ask about yet."]
    open_maria(qtbot, window)
    assert cue_texts(window) == ["Ask how Ana's graduation went"]
    assert window.card.cues.isVisible()


def test_marking_a_cue_asked_saves_the_answer_as_a_note_and_the_cue_goes(qtbot, window, owner, monkeypatch):
    cid = Customer.get(Customer.last_name == "García").id
    customers.add_note(owner, cid, "Ask how Ana's graduation went", ("family",), cue=True)
    log_in(qtbot, window)
    open_maria(qtbot, window)
    assert cue_texts(window) == ["Ask how Ana's graduation went"]
    monkeypatch.setattr(dialogs.CueDialog, "ask", classmethod(lambda cls, parent, cue: "She starts nursing school in fall"))
    window.card.cue_button.click()
    assert cue_texts(window) == ["Nothing to ask about yet."]
    answer = Note.get(Note.text == "She starts nursing school in fall")
    assert answer.customer_id == cid and not answer.is_cue and answer.tags == "family"
    assert "She starts nursing school in fall" in [window.notes.list.item(i).text().split("\n")[0]
                                                  for i in range(window.notes.list.count())]


def test_editing_a_note_keeps_the_earlier_text_in_its_history(qtbot, window, owner, monkeypatch):
    cid = Customer.get(Customer.last_name == "García").id
    customers.add_note(owner, cid, "Works at the bakery on Main", ("work",), pinned=True)
    log_in(qtbot, window)
    open_maria(qtbot, window)
    window.tabs.setCurrentWidget(window.notes)
    window.notes.list.setCurrentRow(0)
    monkeypatch.setattr(dialogs.NoteDialog, "ask", classmethod(
        lambda cls, parent, name, current=None: NoteInput("Now manages the bakery on Main", True, False, ("work",))))
    window.notes.edit.click()
    assert Note.get(Note.customer == cid).text == "Now manages the bakery on Main"
    pinned = [window.card.pinned.item(i).text() for i in range(window.card.pinned.count())]
    assert pinned == ["Now manages the bakery on Main"]
    history = [window.notes.history.item(i).text() for i in range(window.notes.history.count())]
    assert any("Works at the bakery on Main" in h for h in history)


def test_a_birthday_today_and_a_household_birthday_show_a_banner(qtbot, window, owner):
    today = dt.date.today()
    maria = Customer.get(Customer.last_name == "García").id
    # 1992 was a leap year, so this also works on Feb 29.
    relationship.update_profile(owner, maria, relationship.ProfileChanges(birthday=today.replace(year=1992)))
    customers.add_household_member(owner, maria, "Ana", "daughter", birthday=(today + dt.timedelta(days=20)).replace(year=2012))
    log_in(qtbot, window)
    open_maria(qtbot, window)
    banner = window.card.banner.text()
    assert window.card.banner.isVisible() and "Birthday today" in banner
    assert "Ana (daughter): birthday" in banner


def test_the_customer_file_is_saved_and_holds_everything_we_know(qtbot, window, owner, location):
    import io

    from pypdf import PdfReader

    cid = Customer.get(Customer.last_name == "García").id
    customers.add_note(owner, cid, "Loves the Braves; ask about the season", ("hobby",), pinned=True)
    log_in(qtbot, window)
    open_maria(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    saved = sorted((location.files_dir / "reports").glob("customer-file-*.pdf"))
    assert len(saved) == 1
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(saved[0].read_bytes())).pages)
    assert "María García" in text and "Loves the Braves" in text and "2014 Honda Accord" in text
    assert str(saved[0]) in window.message.text()


def _answer_profile(monkeypatch, **edits):
    """Stand in for the clerk: open the real dialog on the real profile, type, save."""
    from lto_desk.ui import profile_dialog

    def ask(cls, parent, profile, referrers):
        dialog = profile_dialog.ProfileDialog(profile, referrers, parent)
        for name, value in edits.items():
            widget = getattr(dialog, name)
            if hasattr(widget, "setChecked"):
                widget.setChecked(value)
            elif hasattr(widget, "setCurrentIndex"):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setText(value)
        got = dialog.read()
        dialog.deleteLater()
        return got

    monkeypatch.setattr(profile_dialog.ProfileDialog, "ask", classmethod(ask))


def test_opting_out_of_the_mailing_list_records_the_date(qtbot, window, owner, monkeypatch):
    maria = Customer.get(Customer.last_name == "García").id
    relationship.set_mailing_consent(owner, maria, True)
    log_in(qtbot, window)
    open_maria(qtbot, window)
    _answer_profile(monkeypatch, consent=False, preferred="Mari", language="es")
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)
    row = Customer.get_by_id(maria)
    assert not row.mailing_consent and row.opted_out_on == dt.date.today()
    assert row.preferred_name == "Mari" and row.language == "es"
    assert window.card.card.name == "Mari García"


def test_a_bad_profile_entry_saves_nothing_and_says_why(qtbot, window, monkeypatch):
    maria = Customer.get(Customer.last_name == "García").id
    before = Customer.get_by_id(maria).__data__.copy()
    log_in(qtbot, window)
    open_maria(qtbot, window)
    _answer_profile(monkeypatch, preferred="Mari", email="maria.example.com")
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)
    assert "@" in window.message.text()
    assert Customer.get_by_id(maria).__data__ == before


def test_a_spanish_speaking_customer_gets_a_spanish_receipt(qtbot, window, owner, location):
    import io

    from babel.dates import format_date
    from pypdf import PdfReader

    maria = Customer.get(Customer.last_name == "García").id
    relationship.update_profile(owner, maria, relationship.ProfileChanges(language="es"))
    log_in(qtbot, window)
    open_maria(qtbot, window)
    qtbot.keyClick(window.payment.amount, Qt.Key_Return)
    receipt = sorted((location.files_dir / "receipts").glob("receipt-*.pdf"))[-1]
    text = " ".join(PdfReader(io.BytesIO(receipt.read_bytes())).pages[0].extract_text().split())
    assert "RECIBO" in text and "Cantidad pagada" in text and "Próximo pago" in text
    assert "RECEIPT" not in text and "Amount paid" not in text
    next_due = window.card.card.state.next_due
    # The next due date in Spanish long form, e.g. "domingo, 29 de noviembre de 2026" (lines joined).
    assert format_date(next_due, format="long", locale="es_US") in text


def test_adding_a_family_member_and_their_car_from_the_household_tab(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QAbstractItemView, QPushButton

    from lto_desk.store.models import HouseholdCar, HouseholdMember
    from lto_desk.ui import household_dialogs
    from lto_desk.ui.household_dialogs import CarInput, MemberInput

    log_in(qtbot, window)
    open_maria(qtbot, window)
    window.tabs.setCurrentWidget(window.household)
    monkeypatch.setattr(household_dialogs.MemberDialog, "ask", classmethod(
        lambda cls, parent, name: MemberInput("Ana García", "daughter", dt.date(2008, 5, 2), "plays soccer")))
    window.household.findChild(QPushButton, "addMemberButton").click()
    member = HouseholdMember.get(HouseholdMember.name == "Ana García")
    monkeypatch.setattr(household_dialogs.CarDialog, "ask", classmethod(
        lambda cls, parent, name, members: CarInput("Nissan", "Sentra", 2012, "Ana García", member.id,
                                                     None, "when Ana starts college", "")))
    window.household.findChild(QPushButton, "addCarButton").click()
    car = HouseholdCar.get(HouseholdCar.model == "Sentra")
    assert car.driver_id == member.id
    shown = window.household.findChild(QAbstractItemView, "householdTable").model()
    texts = [shown.index(r, 0).data() for r in range(shown.rowCount())]
    assert "Ana García" in texts


def test_the_banner_words_fit_when_the_birthday_falls(qtbot):
    from lto_desk.services.relationship import DatesThatMatter, DateThatMatters
    from lto_desk.ui.card import banner_text

    def on(days):
        day = dt.date(2026, 11, 19) + dt.timedelta(days=days)
        return DatesThatMatter(DateThatMatters("birthday", "Adriana", day, days, 32), (), (), ())

    assert banner_text(on(0)).startswith("Birthday today!")
    assert "happy belated birthday" in banner_text(on(-2)) and "was Tuesday" in banner_text(on(-2))
    assert banner_text(on(3)).startswith("Birthday Sunday!")
    assert banner_text(None) == ""


def test_phones_with_labels_are_added_and_removed_in_the_profile(qtbot, window, owner, monkeypatch):
    from lto_desk.store.models import CustomerPhone
    from lto_desk.ui import profile_dialog

    maria = Customer.get(Customer.last_name == "García").id
    log_in(qtbot, window)
    open_maria(qtbot, window)
    _answer_profile(monkeypatch, new_phone="(334) 555-0177")
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)
    phone = CustomerPhone.get(CustomerPhone.customer == maria)
    assert (phone.label, phone.number) == ("mobile", "+13345550177")

    def remove(cls, parent, profile, referrers):
        dialog = profile_dialog.ProfileDialog(profile, referrers, parent)
        dialog.remove_boxes[phone.id].setChecked(True)
        got = dialog.read()
        dialog.deleteLater()
        return got

    monkeypatch.setattr(profile_dialog.ProfileDialog, "ask", classmethod(remove))
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)
    assert not CustomerPhone.select().where(CustomerPhone.customer == maria).exists()


def test_a_bad_extra_phone_leaves_the_whole_profile_as_it_was(qtbot, window, monkeypatch):
    maria = Customer.get(Customer.last_name == "García").id
    before = Customer.get_by_id(maria).__data__.copy()
    log_in(qtbot, window)
    open_maria(qtbot, window)
    _answer_profile(monkeypatch, preferred="Mari", consent=True, new_phone="555-01")
    qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)
    assert "Nothing was changed" in window.message.text()
    assert Customer.get_by_id(maria).__data__ == before
