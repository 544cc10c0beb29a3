"""The books' key and the anchors in the window.

At log-in: receipts printed but lost from the books (a crash) are told at once and their
numbers written down as lost; the key is asked for when this computer does not hold it;
the owner is reminded (in the message bar) to print the recovery sheet of a key that has none. File → Journal
key… shows the key's state and prints its sheet, takes it typed from the sheet, or (the
owner, key lost) starts a new one. Closing the window seals the journal in this
computer's anchors file.

The services are imported where they are used: the window builds this before its first
paint, before the database layer loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ..domain.errors import LtoError

if TYPE_CHECKING:
    from ..services.base import Actor
    from .desk import Desk


class SealFlows(QObject):
    def __init__(self, window: "Desk") -> None:
        super().__init__(window)
        self.window = window
        window.closing.connect(self.seal_on_closing)

    def logged_in(self, actor: "Actor") -> None:
        from ..services import journal_key

        status = journal_key.key_status()
        if status.keyed and not status.held:
            self.ask_for_key("This computer does not hold the books' key, so nothing can be saved yet.")
        self.check_printed_receipts(actor)
        if journal_key.sheet_due(actor):
            self.remind_sheet()

    def check_printed_receipts(self, actor: "Actor") -> None:
        """Receipts printed past the books' end (a crash lost them): told, written down as lost."""
        from ..services import anchoring

        try:
            found = anchoring.account_for_printed(actor, self.window.location.folder("receipts"))
        except (LtoError, OSError) as exc:
            self.window.say(getattr(exc, "message", str(exc)), "error")
            return
        if found:
            QMessageBox.warning(self.window, "Printed receipts missing from the books",
                                anchoring.lost_receipts_message(found))

    def ask_for_key(self, why: str) -> bool:
        from .key_dialogs import KeyEntryDialog

        dialog = KeyEntryDialog(why or "Type the key to keep it on this computer.", self.window)
        if dialog.run() is None:
            self.window.say("Without the books' key nothing can be saved on this computer. "
                            "File → Journal key… takes it from the recovery sheet.", "warning")
            return False
        where = ("in this computer's password keyring" if dialog.kept_in_keyring
                 else "for this run only (this computer has no password keyring: it is asked again next time)")
        self.window.say(f"The books' key is right; it is kept {where}.")
        return True

    def remind_sheet(self) -> None:
        """Said in the message bar, not asked: the owner may be serving a customer."""
        self.window.say(
            "LTO Desk seals the books with a key: print its recovery sheet and keep it locked away "
            "(File → Journal key…, Alt+F, K). It is needed on a new computer or if this one's keyring is lost.",
            "warning",
        )

    def print_sheet(self) -> None:
        from ..services import journal_key
        from .printouts import Page, save_then_print

        actor = self.window.actor
        folder = self.window.location.folder("reports")
        line = save_then_print(self.window, lambda: journal_key.save_recovery_sheet(actor, folder),
                               "key's recovery sheet", Page.REPORT)
        if line:
            self.window.say(line + " Once it is printed, delete that file (or keep it only on a USB stick "
                            "locked away with the sheet).")

    def start_new_key(self) -> None:
        answer = QMessageBox.warning(
            self.window, "Start a new key",
            "Only do this when the recovery sheet is lost too. The books keep working with a new key; the rows "
            "sealed with the lost one can then be checked only against the Z reports and backups.\n\n"
            "Start a new key?",
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel,
        )
        if answer != QMessageBox.Yes:
            return
        from ..services import journal_key

        try:
            journal_key.start_new_key(self.window.actor)
        except LtoError as exc:
            self.window.say(exc.message, "error")
            return
        self.window.say("A new key seals the books from now on. Print its recovery sheet.")
        self.print_sheet()

    def show_dialog(self) -> None:
        from .key_dialogs import JournalKeyDialog

        if self.window.actor is not None:
            JournalKeyDialog(self, self.window.actor, self.window).exec()

    def seal_on_closing(self) -> None:
        """The journal's end, sealed in this computer's anchors file as the window closes."""
        if self.window.actor is None:
            return
        from ..services import anchoring

        try:
            anchoring.record_anchor("closing", "closing of the window")
        except (LtoError, OSError):
            pass  # a sealing that cannot be written is not a reason to keep the window open
