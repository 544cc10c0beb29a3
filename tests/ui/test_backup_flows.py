"""Backups from the counter window: back up now and the daily backup in the background,
restore by the owner only (the window reads the backup afterwards), the backup on closing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from helpers import answer, log_in
from lto_desk.services import backups, payments
from lto_desk.store.backup import list_backups, make_backup
from lto_desk.store.models import LedgerEntry
from lto_desk.store.paths import Location
from lto_desk.ui import restore_dialog
from lto_desk.ui.backup_flows import HOUR_MS, BackupFlows, backup_on_close, saved_text
from lto_desk.ui.restore_dialog import ConfirmRestoreDialog, RestoreDialog, when

WAIT_MS = 60_000


def _payments() -> int:
    return LedgerEntry.select().where(LedgerEntry.kind == "payment").count()


def _after_restore(window):
    """What the window does on ``restored``: everyone logs in again, the words on the log-in page."""
    def log_out(text: str) -> None:
        window.actor = None
        window.show_login()
        window.login.message.setText(text)
    return log_out


# -- backing up ---------------------------------------------------------------------------------


def test_back_up_now_works_in_the_background_and_says_where_the_backup_went(qtbot, window, location):
    log_in(qtbot, window)  # any clerk may make a backup
    flows = BackupFlows(window)
    flows.back_up_now()
    # The busy indicator shows at once; the result arrives through the event loop.
    assert flows.running and flows.busy.isVisible() and flows.busy_label.text() == "Backing up…"
    flows.back_up_now()
    assert window.message.text() == "A backup is being made already; it will say here when it is done."
    qtbot.waitUntil(lambda: not flows.running, timeout=WAIT_MS)
    [made] = list_backups(location)
    assert made.kind == "manual" and made.path.parent == location.files_dir / "backups"
    assert window.message.text() == saved_text(made)
    assert f"Backup saved at {made.path} (" in window.message.text() and "checked and is sound" in window.message.text()
    assert not flows.busy.isVisible() and not flows.busy_label.isVisible()


def test_the_daily_backup_is_made_when_due_and_not_again_the_same_day(qtbot, window, location):
    flows = BackupFlows(window)
    flows.start_daily_timer()  # checks at once
    assert flows.daily_timer.isActive() and flows.daily_timer.interval() == HOUR_MS
    assert flows.running and flows.busy_label.text() == "Making the daily backup…"
    qtbot.waitUntil(lambda: not flows.running, timeout=WAIT_MS)
    [made] = list_backups(location)
    assert made.kind == "daily"
    assert window.statusBar().currentMessage() == f"Daily backup saved at {made.path}."
    flows.daily_check()  # an hour later: one was made today, so none now
    assert not flows.running and len(list_backups(location)) == 1


def test_a_daily_backup_that_fails_is_said_and_made_at_the_next_check(qtbot, window, location):
    location.files_dir.mkdir(parents=True, exist_ok=True)
    blocker = location.files_dir / "backups"
    blocker.write_text("a file where the backups folder goes")
    flows = BackupFlows(window)
    flows.daily_check()
    qtbot.waitUntil(lambda: not flows.running, timeout=WAIT_MS)
    text = window.message.text()
    assert text.startswith("The daily backup was not made: The backups folder")
    assert text.endswith("It will be tried again in an hour.") and window.message.property("level") == "warning"
    blocker.unlink()
    flows.daily_check()
    qtbot.waitUntil(lambda: not flows.running, timeout=WAIT_MS)
    assert [b.kind for b in list_backups(location)] == ["daily"]


def test_the_backup_on_closing_is_made_and_a_failure_only_says_so(location, owner, tmp_path, capsys):
    made = backup_on_close(location)
    assert made is not None and made.kind == "closing" and made.path.name.endswith("-closing.sqlite3")
    assert backup_on_close(Location(str(tmp_path / "gone.sqlite3"), tmp_path / "files")) is None
    assert capsys.readouterr().err.startswith("lto-desk: the backup on closing was not made: There is no database")


# -- restoring ------------------------------------------------------------------------------------


def test_a_clerk_is_not_offered_a_restore(qtbot, window, monkeypatch):
    log_in(qtbot, window)
    asked = answer(monkeypatch, restore_dialog, "RestoreDialog", None)
    BackupFlows(window).restore()
    assert asked == []
    assert window.message.text() == "Only the owner can restore a backup. Please ask the owner."


def test_the_owner_restores_a_backup_and_the_window_reads_it_afterwards(
        qtbot, window, location, counter_data, clerk, monkeypatch):
    backup = make_backup(location, at=dt.datetime.now() - dt.timedelta(days=1))
    garcia = counter_data["García"]
    after = payments.take_payment(clerk, garcia, 9500)  # taken after the backup
    assert _payments() == 5
    log_in(qtbot, window, "Olivia Owner", "1111")
    flows = BackupFlows(window)
    flows.restored.connect(_after_restore(window))
    [offered] = backups.backups_to_offer(location)
    asked = answer(monkeypatch, restore_dialog, "RestoreDialog", offered)
    confirmed = answer(monkeypatch, restore_dialog, "ConfirmRestoreDialog", True)
    with qtbot.waitSignal(flows.restored, timeout=WAIT_MS) as restored:
        flows.restore()
        assert not window.isEnabled() and flows.busy_label.text() == "Restoring the backup…"
    # The dialog listed the backup with what is in it; the confirmation named where the copy goes.
    (_parent, choices, folder), _ = asked[0]
    assert [c.info.path for c in choices] == [backup.path] and folder == location.files_dir / "backups"
    assert choices[0].check.describe().startswith("6 payments")  # 2 down payments, 4 payments
    (_parent, choice, database, kept_at), _ = confirmed[0]
    assert database == location.path and kept_at.parent == folder and kept_at.name.startswith("replaced-")
    # Everyone logs in again, told what happened; the status bar says where the replaced database is.
    text = restored.args[0]
    last_change = backups.describe_file(backup.path).check.last_change_at
    assert text == f"The backup is back: everything is as it was on {when(last_change)}. Please log in again."
    assert window.isEnabled() and window.actor is None and window.login.message.text() == text
    assert window.statusBar().currentMessage() == (
        f"Restored {backup.path.name}. The database you had is kept at {kept_at}.")
    assert kept_at.exists() and backups.describe_file(kept_at).check.payments == 7
    # The database open now is the backup: María's history has her two payments, not the later one.
    log_in(qtbot, window, "Olivia Owner", "1111")
    qtbot.keyClicks(window.lookup.edit, "garc")
    qtbot.keyClick(window.lookup.edit, Qt.Key_Return)
    receipts = [row.receipt_number for row in window.card.card.history if row.kind == "payment"]
    assert len(receipts) == 2 and after.receipt_number not in receipts
    assert _payments() == 4


def test_no_at_the_confirmation_changes_nothing(qtbot, window, location, monkeypatch):
    make_backup(location, at=dt.datetime.now() - dt.timedelta(days=1))
    log_in(qtbot, window, "Olivia Owner", "1111")
    flows = BackupFlows(window)
    answer(monkeypatch, restore_dialog, "RestoreDialog", backups.backups_to_offer(location)[0])
    answer(monkeypatch, restore_dialog, "ConfirmRestoreDialog", False)
    flows.restore()
    assert not flows.running and window.isEnabled()
    assert _payments() == 4  # the database is still open, as it was
    assert [b.kind for b in list_backups(location, include_replaced=True)] == ["daily"]


def test_a_restore_that_fails_says_why_and_keeps_the_database_open(qtbot, window, location, monkeypatch):
    backup = make_backup(location, at=dt.datetime.now() - dt.timedelta(days=1))
    log_in(qtbot, window, "Olivia Owner", "1111")
    flows = BackupFlows(window)
    emitted = []
    flows.restored.connect(emitted.append)
    answer(monkeypatch, restore_dialog, "RestoreDialog", backups.backups_to_offer(location)[0])
    answer(monkeypatch, restore_dialog, "ConfirmRestoreDialog", True)
    backup.path.write_bytes(b"a backup spoiled on its USB stick " * 300)  # after it was listed
    flows.restore()
    qtbot.waitUntil(lambda: not flows.running, timeout=WAIT_MS)
    assert emitted == [] and window.isEnabled() and window.actor is not None
    assert window.message.text().startswith(f"{backup.path.name} cannot be restored: it is damaged")
    assert window.message.property("level") == "error"
    assert _payments() == 4  # the database was opened again, unchanged


# -- the dialogs ----------------------------------------------------------------------------------


def test_the_restore_dialog_lists_backups_newest_first_with_what_is_in_them(qtbot, location, clerk, agreement, tmp_path):
    for day in range(3):
        payments.take_payment(clerk, agreement, 7693, at=dt.datetime(2025, 1, 13 + 7 * day, 10))
        make_backup(location, at=dt.datetime(2026, 11, 21 + day, 18, 15), kind="manual" if day == 1 else "daily")
    choices = backups.backups_to_offer(location)
    dialog = RestoreDialog(choices, location.files_dir / "backups")
    qtbot.addWidget(dialog)
    model = dialog.model
    cells = [[model.data(model.index(r, c)) for c in range(4)] for r in range(model.rowCount())]
    assert cells[0][:2] == ["Mon Nov 23, 2026, 6:15 PM", "Daily"]
    assert cells[1][:2] == ["Sun Nov 22, 2026, 6:15 PM", "By hand"]
    assert [row[3] for row in cells] == [
        "4 payments (the last on Jan 27, 2025), 1 customer",
        "3 payments (the last on Jan 20, 2025), 1 customer",
        "2 payments (the last on Jan 13, 2025), 1 customer",
    ]
    assert all(row[2].endswith(" KB") for row in cells)
    assert dialog.value() is choices[0]  # the newest is picked to start with
    # A file from elsewhere that is not a backup is listed on top, said, and cannot be restored.
    letter = tmp_path / "letter.sqlite3"
    letter.write_bytes(b"Dear customer " * 400)
    dialog.add_file(letter)
    assert model.data(model.index(0, 1)) == "Chosen file"
    assert model.data(model.index(0, 3)) == "Cannot be used: It is damaged, or it is not a database file."
    assert dialog.value() is None and "it is damaged, or it is not a database file" in dialog.message.text()
    dialog.table.selectRow(2)
    assert dialog.value() is choices[1]
    dialog.resize(900, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/backups-restore-dialog.png")


def test_an_empty_list_says_how_to_get_a_backup(qtbot, location, owner):
    dialog = RestoreDialog([], location.files_dir / "backups")
    qtbot.addWidget(dialog)
    assert not dialog.empty.isHidden() and "File → Back up now" in dialog.empty.text()
    assert dialog.value() is None and dialog.message.text() == "Pick a backup from the list, or choose another file."


def test_the_confirmation_names_what_is_replaced_and_where_the_copy_is_kept(qtbot, location, owner):
    made = make_backup(location, at=dt.datetime(2026, 11, 23, 18, 15))
    [choice] = backups.backups_to_offer(location)
    kept = location.files_dir / "backups" / "replaced-20261124-091500.sqlite3"
    dialog = ConfirmRestoreDialog(choice, location.path, kept)
    qtbot.addWidget(dialog)
    assert dialog.text() == "Replace the database with the backup of Mon Nov 23, 2026, 6:15 PM?"
    detail = dialog.informativeText()
    assert f"The database {location.path} will hold what the backup holds: no payments yet, no customers yet." in detail
    assert f"kept first at {kept}" in detail
    assert dialog.defaultButton() is not dialog.replace_button  # Enter does not replace by accident
    assert made.path.exists()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/backups-confirm-restore.png")
