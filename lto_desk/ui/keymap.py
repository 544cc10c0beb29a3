"""The keyboard map: every key the program answers to, with what it does and where.

The menus take their shortcuts from here (by the action's object name), Help → Keys
(F1) shows this list, and the README's "Keys" table is this list written out
(``tests/ui/test_keymap.py`` checks all three against the running window).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Where a key works, in the order the map lists them.
ANYWHERE = "Anywhere at the counter"
TABS = "The customer's tabs"
LOOKUP = "Find a customer"
PAYMENT = "Take a payment"
FOLLOW_UPS = "Follow-up list"
REPORTS = "Reports window"
INVENTORY = "Inventory window"
TABLES = "Tables and lists"
DIALOGS = "Dialogs"


@dataclass(frozen=True)
class Key:
    """One line of the map.

    Attributes:
      keys: what to press, as the README and Help → Keys write it; a menu item with no
        shortcut of its own is reached through the menus ("Alt+D, C": Alt+D opens the
        Drawer menu, C chooses its item).
      action: what it does, as the clerk would say it.
      where: where it works (one of the names above).
      shortcuts: the key sequences an action is given (Qt's portable text), when
        they are not simply ``keys``: the first is the one its menu shows.
      name: the object name of the window's action that has these keys, if any.
    """

    keys: str
    action: str
    where: str
    name: str = ""
    shortcuts: tuple[str, ...] = ()

    def sequences(self) -> tuple[str, ...]:
        """The key sequences a menu action gets (none for one reached by its menu)."""
        if self.shortcuts:
            return self.shortcuts
        return () if ", " in self.keys else (self.keys,)


KEYS: tuple[Key, ...] = (
    Key("F1", "this keyboard map (Help → Keys)", ANYWHERE, "keysAction"),
    Key("F2", "find a customer", ANYWHERE, "findAction"),
    Key("F5", "take a payment", ANYWHERE, "payAction"),
    Key("F6", "add a note (pin it, or make it a \"talk about\" cue)", ANYWHERE, "noteAction"),
    Key("Alt+K", "mark a talk-about cue as asked (several: choose one with ↑ ↓, then Enter)", ANYWHERE),
    Key("Ctrl+E", "edit the customer's profile", ANYWHERE, "profileAction"),
    Key("Ctrl+Shift+F", "print the customer file", ANYWHERE, "customerFileAction"),
    Key("Esc", "back to the lookup", ANYWHERE, "backAction"),
    Key("F9", "the follow-up list (again: back to the counter)", ANYWHERE, "followUpsAction"),
    Key("Ctrl+N", "start a new agreement (manager)", ANYWHERE, "newAgreementAction"),
    Key("Alt+A, R", "vehicle return", ANYWHERE, "returnAction"),
    Key("Alt+A, G", "goodwill refund", ANYWHERE, "refundAction"),
    Key("Ctrl+I", "inventory", ANYWHERE, "inventoryAction"),
    Key("Ctrl+R", "reports", ANYWHERE, "reportsAction"),
    Key("Alt+P, S", "statement for the agreement on the card", ANYWHERE, "statementAction"),
    Key("Alt+P, M", "export the mailing list", ANYWHERE, "mailingListAction"),
    Key("Alt+D, O", "open the drawer", ANYWHERE, "openDrawerAction"),
    Key("Alt+D, I", "paid in", ANYWHERE, "paidInAction"),
    Key("Alt+D, U", "paid out", ANYWHERE, "paidOutAction"),
    Key("Alt+D, N", "no sale", ANYWHERE, "noSaleAction"),
    Key("Alt+D, X", "X report (the drawer stays open)", ANYWHERE, "xReportAction"),
    Key("Alt+D, C", "close the drawer and print the Z report", ANYWHERE, "closeDrawerAction"),
    Key("Ctrl+P", "reprint the selected receipt, marked COPY", ANYWHERE, "reprintAction"),
    Key("Alt+R, V", "void the selected payment", ANYWHERE, "voidAction"),
    Key("Ctrl+L", "lock the counter", ANYWHERE, "lockAction"),
    Key("Alt+F, S", "settings (manager)", ANYWHERE, "settingsAction"),
    Key("Alt+F, T", "staff: add people, change roles, reset PINs (owner; a manager resets a clerk's PIN)",
        ANYWHERE, "staffAction"),
    Key("Alt+F, P", "change your own PIN (anyone logged in)", ANYWHERE, "changePinAction"),
    Key("Alt+F, K", "the books' key: its recovery sheet, or typing it from the sheet", ANYWHERE, "journalKeyAction"),
    Key("Alt+F, B", "back up now", ANYWHERE, "backupAction"),
    Key("Alt+F, R", "restore from a backup (owner)", ANYWHERE, "restoreAction"),
    Key("Alt+F, I", "import customers, vehicles and agreements from another system (manager)", ANYWHERE,
        "importAction"),
    Key("Alt+F, E", "export all of the data as CSV files (owner)", ANYWHERE, "exportAction"),
    Key("Ctrl+Q", "quit", ANYWHERE, "quitAction"),
    Key("Ctrl+Tab or Ctrl+PgDn", "the next tab below the card", TABS, "nextTabAction",
        ("Ctrl+Tab", "Ctrl+PgDown")),
    Key("Ctrl+Shift+Tab or Ctrl+PgUp", "the previous tab below the card", TABS, "previousTabAction",
        ("Ctrl+Shift+Tab", "Ctrl+PgUp")),
    Key("Alt+Y", "the Payment history tab", TABS),
    Key("Alt+N", "the Notes tab", TABS),
    Key("Alt+U", "the Household tab", TABS),
    Key("Alt+G", "the Agreements tab", TABS),
    Key("Alt+O", "the Contact log tab", TABS),
    Key("↑ ↓", "choose a customer in the list", LOOKUP),
    Key("Enter", "open the chosen customer's card", LOOKUP),
    Key("Enter", "post the payment", PAYMENT),
    Key("Alt+1 … Alt+7", "what happened (reached, left a message, …)", FOLLOW_UPS),
    Key("Ctrl+Enter", "record the follow-up", FOLLOW_UPS),
    Key("F5", "run the report again", REPORTS),
    Key("Ctrl+P", "save the report as PDF", REPORTS),
    Key("Esc", "stop a report under way; with none, close the window", REPORTS),
    Key("Ctrl+F", "search the inventory", INVENTORY),
    Key("Esc", "close the window", INVENTORY),
    Key("↑ ↓ PgUp PgDn", "move within a table", TABLES),
    Key("Tab, Shift+Tab", "leave the table for the next (or previous) field or button", TABLES),
    Key("Alt+underlined letter", "open that menu, press that button or go to that field", DIALOGS),
    Key("Esc", "close the dialog without saving", DIALOGS),
)

#: The tab titles' mnemonics, in the tabs' order (Alt+ the letter after "&").
TAB_TITLES = ("Pa&yment history", "&Notes", "Ho&usehold", "A&greements", "C&ontact log")


def key_named(name: str) -> Key:
    """The map's line for the window's action ``name``."""
    return next(key for key in KEYS if key.name == name)


def markdown_table() -> str:
    """The map as the README's "Keys" table."""
    lines = ["| keys | action | where |", "|---|---|---|"]
    lines += [f"| {k.keys} | {k.action} | {k.where} |" for k in KEYS]
    return "\n".join(lines)
