"""The Z report's seal: the close's journal row and the short seal of its hash, printed on
the Z (and on a Z printed again later) and written in this computer's anchors file; and a close dated
before its session's latest money is refused."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from lto_desk.domain.errors import InvalidInput
from lto_desk.services import drawer, payments
from lto_desk.store import anchors, seal
from lto_desk.store.models import DrawerSession, JournalRow

AT = dt.datetime(2025, 1, 14, 9, 0)


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def test_the_z_report_prints_the_closes_journal_row_and_seal_and_the_anchors_file_has_it(owner, agreement, location):
    payments.take_payment(owner, agreement, 80_00, at=AT)
    session = drawer.current_session(owner, "Counter 1")
    z = drawer.close_drawer(owner, session.session_id, counted_cents=1_080_00, at=AT + dt.timedelta(hours=8))
    closing = JournalRow.select().where(JournalRow.action == "close_drawer").get()
    seal_text = anchors.seal_text(closing.hash)
    assert (z.sealed_row, z.seal) == (closing.id, seal_text)
    assert len(seal_text) == 9 and seal_text[4] == "-"

    saved = drawer.save_z_report(owner, location.folder("drawer"), session.session_id)
    assert f"Sealed at journal row {closing.id:,} · seal {seal_text}" in pdf_text(saved)

    lines = [json.loads(line) for line in anchors.anchors_path().read_text().splitlines()]
    assert {
        "books": seal.books_id(), "row": closing.id, "hash": closing.hash, "kind": "z_report",
        "what": "Z report 1 of Counter 1", "at": "2025-01-14 17:00:00",
    } in lines


def test_a_z_printed_again_after_more_work_still_names_its_own_close(owner, agreement, location):
    session = drawer.current_session(owner, "Counter 1")
    drawer.close_drawer(owner, session.session_id, counted_cents=1_000_00, at=AT)
    closing = JournalRow.select().where(JournalRow.action == "close_drawer").get()
    drawer.open_drawer(owner, 50_00, at=AT + dt.timedelta(minutes=5))
    payments.take_payment(owner, agreement, 80_00, at=AT + dt.timedelta(minutes=10))
    again = drawer.x_report(owner, session.session_id)
    assert (again.sealed_row, again.seal) == (closing.id, anchors.seal_text(closing.hash))
    saved = drawer.save_z_report(owner, location.folder("drawer"), session.session_id)
    assert f"Sealed at journal row {closing.id:,} · seal {anchors.seal_text(closing.hash)}" in pdf_text(saved)
    # an X report (the drawer still open) has no seal
    still_open = drawer.current_session(owner, "Counter 1").session_id
    assert "Sealed at journal row" not in pdf_text(drawer.save_x_report(owner, location.folder("drawer"), still_open))


def test_a_close_dated_before_the_sessions_latest_payment_is_refused_naming_both_times(owner, agreement):
    payments.take_payment(owner, agreement, 80_00, at=AT)
    session = drawer.current_session(owner, "Counter 1")
    with pytest.raises(InvalidInput) as refused:
        drawer.close_drawer(owner, session.session_id, counted_cents=1_080_00, at=AT - dt.timedelta(minutes=1))
    assert refused.value.message == (
        "The drawer was not closed: this computer's date and time, Jan 14, 2025 at 8:59:00 AM, is before the "
        "latest money recorded in it (Jan 14, 2025 at 9:00:00 AM). Please check this computer's date and time, "
        "then close the drawer again."
    )
    assert DrawerSession.get_by_id(session.session_id).status == "open"

