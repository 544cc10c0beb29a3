"""Make the README's screenshots from the demo data, offscreen.

    python docs/make_screenshots.py

Builds a fresh demo dealership in a temporary folder, drives the real window
as a clerk would, and writes PNGs to docs/screenshots/ (the receipt and the
customer file rendered from their PDFs with pdftoppm).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


OUT = Path(__file__).resolve().parent / "screenshots"


def main() -> int:
    from make_dialog_screenshots import counter_screen

    counter_screen(Path(tempfile.mkdtemp(prefix="lto-screen-")))  # the window as a 1366×768 counter shows it
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from lto_desk.domain.ledger import Status
    from lto_desk.services import clerks
    from lto_desk.services.counter import customer_card, lookup
    from lto_desk.services.customer_file import save_customer_file
    from lto_desk.services.relationship import dates_that_matter
    from lto_desk.demo import build_demo
    from lto_desk.store.database import open_database
    from lto_desk.store.models import Customer, Note
    from lto_desk.store.paths import Location
    from lto_desk.ui.app import make_app
    from lto_desk.ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lto-shots-"))
    location = Location(str(work / "demo.sqlite3"), work, demo=True)
    open_database(location)
    build_demo(dt.date.today())
    app = make_app()
    win = MainWindow(location)
    win.show()  # it fits itself to the screen

    def settle() -> None:
        for _ in range(5):
            QCoreApplication.processEvents()

    win.logged_in(clerks.log_in("Clerk", "3333"))
    # A customer with a talk-about cue and something due today, as at a real counter.
    # Prefer one whose birthday or a family birthday is this week, so the banner shows too.
    cued = {n.customer_id for n in Note.select().where(Note.is_cue == True)}  # noqa: E712
    chosen = fallback = None
    for customer in Customer.select().where(Customer.id.in_(list(cued))):
        card = customer_card(win.actor, customer.id)
        if card.state and card.state.status is Status.ACTIVE and card.state.amount_due_now and card.pinned:
            fallback = fallback or customer
            dates = dates_that_matter(win.actor, customer.id)
            if dates.birthday or dates.household_this_week:
                chosen = customer
                break
    chosen = chosen or fallback or Customer.get_by_id(next(iter(cued)))
    win.lookup.edit.setText(chosen.first_name[:4].lower())
    row = next(r for r in lookup(win.actor, win.lookup.edit.text()) if r.customer_id == chosen.id)
    win.open_customer(row)
    settle()
    win.grab().save(str(OUT / "main-window.png"))
    win.card.grab().save(str(OUT / "card-with-cues.png"))
    customer_file = save_customer_file(win.actor, work / "reports", chosen.id)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(customer_file),
             str(OUT / "customer-file")],
            check=True,
        )

    win.payment.tendered.setText(str(-(-(win.card.card.state.suggested_payment) // 2000) * 20 + 20))
    settle()
    win.grab().save(str(OUT / "cash-payment.png"))

    win.payment.submit()
    settle()
    pdf = win.last_receipt_path
    if pdf and shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(pdf), str(OUT / "receipt")], check=True)
    letters(work, win.actor)
    welcome_back(win, settle)
    follow_ups(win, settle)
    why_left(work)
    business_reports(work)
    z_report(work, clerks.log_in("Manager", "2222"))
    inventory(win, settle)
    for preview in win.previews:
        preview.close()
    win.close()
    shutil.rmtree(work, ignore_errors=True)
    print(f"Screenshots written to {OUT}")
    QApplication.instance().quit()
    return 0


def welcome_back(win, settle) -> None:
    """A customer who returned one car and came back for another: card and Agreements tab."""
    from peewee import fn

    from lto_desk.store.models import Agreement

    row = (Agreement.select(Agreement.customer).group_by(Agreement.customer)
           .having(fn.COUNT(Agreement.id) > 1).order_by(Agreement.customer).first())
    if row is None:
        return
    win.show_agreement(Agreement.select().where(Agreement.customer == row.customer_id)
                       .order_by(Agreement.id.desc()).first().id)
    win.tabs.setCurrentWidget(win.agreements)
    settle()
    win.grab().save(str(OUT / "welcome-back.png"))
    win.tabs.setCurrentIndex(0)


def follow_ups(win, settle) -> None:
    """The follow-up page on a Spanish-speaking customer's task, "Call back on…" chosen."""
    from lto_desk.domain.followups import Outcome
    from lto_desk.services.followups import follow_up_board

    win.follow_flows.show_list()
    settle()
    board = follow_up_board(win.actor, dt.date.today())
    tasks = [*board.overdue, *board.today, *board.upcoming]
    task = next((t for t in tasks if t.language == "es" and not t.for_manager), tasks[0] if tasks else None)
    if task is not None:
        panel = win.follow_flows.panel
        panel.select_task(task.id)
        panel.outcome_buttons[Outcome.CALL_BACK].click()
        panel.note.setPlainText("Prefiere que le llamen después de las 5.")
    settle()
    win.grab().save(str(OUT / "follow-ups.png"))
    win.follow_flows.back_to_counter()


def why_left(work: Path) -> None:
    """The "why customers left" report for the last year, page 1 of its PDF."""
    from lto_desk.services import clerks
    from lto_desk.services.relationship_reports import save_why_left, why_left as report

    today = dt.date.today()
    path = save_why_left(work / "reports", report(clerks.log_in("Clerk", "3333"), today - dt.timedelta(days=364), today))
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(path),
                        str(OUT / "why-customers-left")], check=True)


def business_reports(work: Path) -> None:
    """The late-accounts report and the portfolio with its weekly chart, page 1 of each PDF."""
    from lto_desk.services import clerks
    from lto_desk.services.business_reports import aging, portfolio, save_aging, save_portfolio

    today = dt.date.today()
    manager = clerks.log_in("Manager", "2222")
    for path, name in ((save_aging(work / "reports", aging(manager, today)), "aging-report"),
                       (save_portfolio(work / "reports", portfolio(manager, 16, today)), "portfolio")):
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", str(path),
                            str(OUT / name)], check=True)


def z_report(work: Path, manager) -> None:
    """The Z report of the demo's latest sealed drawer session."""
    from lto_desk.services.drawer import save_z_report, sessions

    sealed = [s for s in sessions(manager) if s.status == "sealed"]
    if sealed and shutil.which("pdftoppm"):
        path = save_z_report(manager, work / "drawer", sealed[0].session_id)
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(path),
                        str(OUT / "z-report")], check=True)


def inventory(win, settle) -> None:
    """The inventory window as a manager sees it, a returned vehicle selected."""
    from lto_desk.services import clerks
    from lto_desk.ui.inventory import open_inventory

    win.lock()
    win.logged_in(clerks.log_in("Manager", "2222"))
    window = open_inventory(win, lambda: win.actor)
    window.resize(1280, 720)
    settle()
    for i in range(window.model.rowCount()):
        if window.model.row_at(i).status.value == "needs_inspection":
            window.table.selectRow(i)
            break
    settle()
    window.grab().save(str(OUT / "inventory.png"))
    window.close()


def letters(work: Path, actor) -> None:
    """The thank-you, congratulations and return letters, from demo agreements
    (a Spanish-speaking customer for the thank-you letter when there is one), printed by ``actor``."""
    from lto_desk.domain.ledger import Status
    from lto_desk.services.letters import LetterKind, save_letter
    from lto_desk.store.models import Agreement, Customer

    def pick(status: Status, language: str | None = None) -> int:
        query = Agreement.select().join(Customer).where(Agreement.status == status.value)
        if language:
            query = query.where(Customer.language == language)
        row = query.order_by(Agreement.opened_on.desc()).first()
        return row.id if row else pick(status) if language else 0

    for kind, status, language in (
        (LetterKind.THANK_YOU, Status.ACTIVE, "es"),
        (LetterKind.PAID_OFF, Status.PAID_OFF, None),
        (LetterKind.RETURN, Status.RETURNED, None),
    ):
        pdf = save_letter(actor, work / "letters", kind, pick(status, language))
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(OUT / f"letter-{kind.value}")],
                check=True,
            )


if __name__ == "__main__":
    sys.exit(main())
