"""The customer flows of the counter window: notes and cues, the profile, the
household, the customer file. Each asks with a dialog (which never writes),
does one operation (which announces the change: the card and tabs redraw themselves),
then says what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..domain.errors import LtoError
from ..services import customers, relationship
from ..services.customer_file import save_customer_file
from .dialogs import CueDialog, NoteDialog, NoteInput
from .household_dialogs import CarDialog, MemberDialog
from .operations import Changes, run
from .printouts import Page, save_then_print
from .profile_dialog import ProfileDialog

if TYPE_CHECKING:
    from .desk import Desk
    from .household_tab import HouseholdPanel
    from .notes_tab import NotesPanel


class CustomerFlows(QObject):
    def __init__(self, desk: Desk, notes: NotesPanel, household: HouseholdPanel) -> None:
        super().__init__(desk)
        self.window = desk
        self.notes = notes
        self.household = household

    def add_note(self) -> None:
        if self.window.actor is None or self.window.card.card is None:
            return
        name, customer_id = self.window.card.card.name, self.window.card.card.customer_id
        note = NoteDialog.ask(self.window, name)
        while note is not None and self.window.actor is not None:
            try:
                customers.add_note(self.window.actor, customer_id, note.text, note.tags, pinned=note.pinned, cue=note.cue)
            except LtoError as exc:
                # What they wrote comes back with the reason: Save tries again, Cancel drops it.
                self.window.say(exc.message, "error")
                note = NoteDialog.ask(self.window, name, draft=note, problem=exc.message)
                continue
            self.window.hub.announce(Changes(customer_id=customer_id))
            self.window.say("Note saved.")
            return

    def edit_profile(self) -> None:
        """Preferred name, language, phones, address, birthday, how to reach them, consent."""
        if self.window.actor is None or self.window.card.card is None:
            return
        customer_id = self.window.card.card.customer_id
        actor = self.window.actor
        current = relationship.profile_of(actor, customer_id)
        got = ProfileDialog.ask(self.window, current, relationship.customer_names(actor))
        if got is None or self.window.actor is None:
            return
        done = run(self.window, lambda: relationship.save_profile(
            self.window.actor, customer_id, got.changes, consent=got.consent, remove_phones=got.remove_phones,
            add=(got.new_phone, got.new_phone_label) if got.new_phone else None,
        ), Changes(customer_id=customer_id), failed=" Nothing was changed.")
        if done is None:
            return
        self.window.say("Profile saved.")

    def add_household_member(self) -> None:
        if self.window.actor is None or self.window.card.card is None:
            return
        new = MemberDialog.ask(self.window, self.window.card.card.name)
        if new is None or self.window.actor is None:
            return
        customer_id = self.window.card.card.customer_id
        if run(self.window, lambda: customers.add_household_member(
            self.window.actor, customer_id, new.name, new.relation, new.birthday, new.notes
        ), Changes(customer_id=customer_id)) is None:
            return
        self.window.say(f"{new.name} is on file as family.")

    def add_household_car(self) -> None:
        if self.window.actor is None or self.window.card.card is None:
            return
        new = CarDialog.ask(self.window, self.window.card.card.name, self.household.member_choices())
        if new is None or self.window.actor is None:
            return
        customer_id = self.window.card.card.customer_id
        if run(self.window, lambda: relationship.add_household_car(
            self.window.actor, customer_id, new.make, new.model, new.year,
            driver=new.driver, driver_member_id=new.driver_member_id, replace_by=new.replace_by,
            replace_note=new.replace_note, notes=new.notes,
        ), Changes(customer_id=customer_id)) is None:
            return
        self.window.say("Car saved to the household.")

    def print_customer_file(self) -> None:
        """Everything we know about the customer on paper, saved under reports/ first."""
        if self.window.actor is None or self.window.card.card is None:
            return
        actor, customer_id = self.window.actor, self.window.card.card.customer_id
        status = save_then_print(
            self.window, lambda: save_customer_file(actor, self.window.location.folder("reports"), customer_id),
            "customer file",
            Page.CUSTOMER_FILE,
        )
        if status is not None:
            self.window.say(f"Customer file for {self.window.card.card.name}. {status}")

    def cue_asked(self, note_id: int, text: str) -> None:
        """The clerk asked about a cue; what the customer said becomes a note."""
        if self.window.actor is None:
            return
        answer = CueDialog.ask(self.window, text)
        if answer is None or self.window.actor is None:
            return
        card = self.window.card.card
        if run(self.window, lambda: relationship.mark_cue_asked(self.window.actor, note_id, answer or None),
               Changes(customer_id=card.customer_id if card else None)) is None:
            return
        self.window.say("Thanks — marked as asked." + (" Their answer is saved as a note." if answer else ""))

    def edit_note(self, note) -> None:
        if self.window.actor is None or self.window.card.card is None:
            return
        new = NoteDialog.ask(self.window, self.window.card.card.name, NoteInput(note.text, note.pinned, note.cue, note.tags))
        if new is None or self.window.actor is None:
            return
        customer_id = self.window.card.card.customer_id
        if run(self.window, lambda: relationship.edit_note(self.window.actor, note.note_id, new.text, new.tags,
                                                           new.pinned), Changes(customer_id=customer_id)) is None:
            return
        self.notes.select_note(note.note_id)
        self.window.say("Note saved; the earlier text is kept in its history.")

