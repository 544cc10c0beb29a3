"""The power-cord test: a counter posting payments is killed (SIGKILL) at random moments.

After every kill: ``lto-desk verify`` passes, receipt numbers are exactly 1..N,
every payment the counter was told it made is on file as it was told, every
receipt PDF under its final name is a whole PDF of a payment on file (with that
payment's amount), at most the one payment in flight lacks its PDF (it can be
reprinted), and the next counter carries on with N+1.

The kill times come from a seed printed at the start; to replay a failure run
``LTO_CRASH_SEED=<seed> pytest tests/store/test_crash_safety.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader

from lto_desk.documents.receipt import receipt_no
from lto_desk.domain.money import format_money
from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
from lto_desk.services import agreements, customers, payments, vehicles
from lto_desk.store.models import Counter, LedgerEntry

from helpers import make_vin

CHILD = Path(__file__).parents[1] / "crash_child.py"


def more_agreements(owner) -> list[int]:
    """A monthly and a biweekly agreement opened a few weeks ago (the fixture's weekly
    one from January 2025 is far behind, with late fees): allocations differ."""
    at = dt.datetime.combine(dt.date.today() - dt.timedelta(days=40), dt.time(10, 0))
    ids = []
    for n, (first, freq) in enumerate([("Ana", Frequency.MONTHLY), ("Luis", Frequency.BIWEEKLY)]):
        cid = customers.add_customer(owner, customers.NewCustomer(first, "Reyes", phone=f"(205) 555-01{n:02d}"), at=at)
        vid = vehicles.add_vehicle(
            owner, vehicles.NewVehicle(make_vin(7100 + n), 2016, "Toyota", "Camry", f"C7{n:02d}", price=1_500_000),
            at=at,
        )
        terms = Terms.by_number_of_payments(
            cash_price=1_500_000, down_payment=150_000, number_of_payments=24 if freq is Frequency.MONTHLY else 52,
            frequency=freq, first_due=at.date() + dt.timedelta(days=14), late_fee=LateFeePolicy(5, 2500),
        )
        ids.append(agreements.open_agreement(owner, cid, vid, terms, at=at).agreement_id)
    return ids


@dataclass
class Told:
    """What one killed counter printed before it died."""

    posted: dict[int, tuple[int, int]] = field(default_factory=dict)  # receipt -> (amount, agreement)
    saved: set[int] = field(default_factory=set)
    voided: set[int] = field(default_factory=set)

    @classmethod
    def parse(cls, out: str) -> "Told":
        told = cls()
        for line in out.splitlines():
            word, *rest = line.split()
            if word == "posted":
                told.posted[int(rest[0])] = (int(rest[1]), int(rest[2]))
            elif word == "saved":
                told.saved.add(int(rest[0]))
            elif word == "voided":
                told.voided.add(int(rest[0]))
        return told


def run_and_kill(location, mode: str, ids: list[int], rng: random.Random) -> Told:
    """Start a counter, kill it at a random moment: mostly while posting, sometimes
    while it is still starting up and opening the database."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), location.url, str(location.files_dir), mode, str(rng.randrange(2**31)),
         ",".join(map(str, ids))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    if rng.random() < 0.15:
        time.sleep(rng.uniform(0.1, 1.0))  # maybe before "ready", maybe just after
        head = ""
    else:
        head = proc.stdout.readline()  # "ready" (or "" if it died on its own)
        time.sleep(rng.uniform(0.0, 0.6))
    proc.send_signal(signal.SIGKILL)
    # Read on through the same buffered pipe readline() used (communicate() would skip
    # lines it already buffered); the child is dead, so both pipes end.
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, f"the counter stopped by itself ({proc.returncode}):\n{err}"
    return Told.parse(head + out)


def verify_like_a_person(location) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "lto_desk.cli", "verify", "--db", location.url],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0 and done.stdout.startswith("OK"), done.stdout + done.stderr
    return done.stdout


def pdf_text(path: Path) -> str:
    """The whole PDF read back; a half-written file fails here."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes()), strict=True).pages)


def entry_for(number: int) -> LedgerEntry:
    entry = LedgerEntry.get_or_none(LedgerEntry.receipt_number == number)
    assert entry is not None, f"receipt-{number:06d}.pdf exists but receipt {number} is not in the database"
    return entry


class Checker:
    """The checks after each kill; remembers what earlier rounds left behind."""

    def __init__(self, location) -> None:
        self.folder = location.folder("receipts")
        self.read: set[str] = set()  # PDFs already read back whole
        numbers = self.receipt_numbers()
        self.without_pdf = set(numbers)  # down payments at signing: no PDF saved in these tests
        self.next_number = len(numbers) + 1

    @staticmethod
    def receipt_numbers() -> list[int]:
        rows = (LedgerEntry.select(LedgerEntry.receipt_number)
                .where(LedgerEntry.receipt_number.is_null(False)).order_by(LedgerEntry.receipt_number))
        return [r.receipt_number for r in rows]

    def after_kill(self, told: Told, context: str) -> None:
        numbers = self.receipt_numbers()
        count = len(numbers)
        assert numbers == list(range(1, count + 1)), f"{context}: receipt numbers have a gap or a repeat"
        assert Counter.get(Counter.name == "receipt").value == count, f"{context}: the receipt counter ran ahead"
        if told.posted:
            assert min(told.posted) == self.next_number, f"{context}: this counter did not carry on from the last one"
        for number, (amount, agreement) in told.posted.items():  # what the counter said it posted is on file
            entry = entry_for(number)
            assert (entry.amount, entry.__data__["agreement"], entry.kind) == (amount, agreement, "payment"), context
        for number in told.voided:
            assert LedgerEntry.select().where(
                (LedgerEntry.kind == "void") & (LedgerEntry.reverses == entry_for(number).id)
            ).exists(), f"{context}: the void of receipt {number} was reported but is not on file"
        on_paper = set()
        for pdf in sorted(self.folder.glob("receipt-*.pdf")):
            number = int(pdf.stem.split("-")[1])
            on_paper.add(number)
            entry = entry_for(number)
            if pdf.name not in self.read:
                text = pdf_text(pdf)
                assert receipt_no(number) in text and format_money(entry.amount) in text, (
                    f"{context}: {pdf.name} is not the receipt of the payment on file"
                )
                self.read.add(pdf.name)
        for pdf in sorted(self.folder.glob("void-*.pdf")):
            number = int(pdf.stem.split("-")[1])
            voided = LedgerEntry.select().where(
                (LedgerEntry.kind == "void") & (LedgerEntry.reverses == entry_for(number).id)
            ).exists()
            assert voided, f"{context}: {pdf.name} exists but receipt {number} is not voided"
            if pdf.name not in self.read:
                assert receipt_no(number) in pdf_text(pdf), context
                self.read.add(pdf.name)
        assert told.saved <= on_paper, f"{context}: a receipt reported saved has no PDF"
        # Only the payment in flight at the kill may lack its PDF (the clerk reprints it).
        missing = set(numbers) - on_paper - self.without_pdf
        assert missing <= {count}, f"{context}: receipts {sorted(missing)} have no PDF"
        self.without_pdf |= missing
        self.next_number = count + 1


def crash_loop(location, owner, agreement, kills: int) -> None:
    seed = int(os.environ.get("LTO_CRASH_SEED") or random.SystemRandom().randrange(2**32))
    print(f"crash safety: seed {seed} (replay with LTO_CRASH_SEED={seed})")
    rng = random.Random(seed)
    ids = [agreement, *more_agreements(owner)]
    checker = Checker(location)
    posted = voided = 0
    for round_ in range(1, kills + 1):
        mode = "void" if round_ % 3 == 0 else "pay"
        told = run_and_kill(location, mode, ids, rng)
        context = f"seed {seed}, kill {round_} ({mode})"
        verify_like_a_person(location)
        checker.after_kill(told, context)
        posted += len(told.posted)
        voided += len(told.voided)
    # The counter starts again after the last kill: the next receipt is N+1.
    result = payments.take_payment(owner, agreement, 2500)
    assert result.receipt_number == checker.next_number
    verify_like_a_person(location)
    assert posted > 0, f"seed {seed}: every kill came before the first payment"
    leftovers = sorted(p.name for p in checker.folder.glob(".tmp-*"))
    print(f"{kills} kills, {posted} payments and {voided} voids reported; temporary leftovers: {leftovers}")


@pytest.mark.parametrize("kills", [6, pytest.param(50, marks=pytest.mark.slow)])
def test_killing_the_counter_at_any_moment_loses_nothing(location, owner, agreement, kills):
    crash_loop(location, owner, agreement, kills)
