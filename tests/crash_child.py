"""A counter that posts payments in a loop until it is killed (for tests/store/test_crash_safety.py).

    python crash_child.py DB_PATH FILES_DIR MODE SEED AGREEMENT_IDS

MODE ``pay`` posts payments; ``void`` posts a payment and voids it, in turn.
Each step is done in the window's order: the database commit first, then the
PDF. After each step one line goes to stdout, flushed, so the test knows what
this counter was told:

    ready                      logged in, about to post
    posted N AMOUNT AGREEMENT  take_payment returned receipt N
    saved N                    receipt-N.pdf is written
    voided N                   void_payment returned for receipt N
    slip N                     void-N.pdf is written
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from lto_desk.domain.errors import Refused
from lto_desk.domain.payment import Method
from lto_desk.services import clerks, payments
from lto_desk.services.receipts import save_receipt, save_void_slip
from lto_desk.store.database import open_database
from lto_desk.store.paths import Location

#: A child that is never killed stops by itself (the test then fails: it expects a kill).
MAX_STEPS = 5000


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def tender(rng: random.Random, amount: int) -> dict:
    """Cash (with or without change), a check or a card, so receipts differ."""
    method = rng.choice([Method.CASH, Method.CASH, Method.CHECK, Method.CARD])
    if method is Method.CASH:
        return {"method": method, "tendered": amount + rng.choice([0, 0, 500, 2000])}
    if method is Method.CHECK:
        return {"method": method, "reference": f"{rng.randint(100, 99999)}"}
    return {"method": method, "reference": f"{rng.randint(0, 9999):04d}"}


def main(argv: list[str]) -> int:
    path, files, mode, seed, ids = argv
    rng = random.Random(int(seed))
    agreements = [int(a) for a in ids.split(",")]
    location = Location(path, Path(files))
    open_database(location)
    owner = clerks.log_in("Olivia Owner", "1111")
    folder = location.folder("receipts")
    say("ready")
    for step in range(MAX_STEPS):
        agreement = agreements[step % len(agreements)]
        amount = rng.randint(100, 6000)
        try:
            result = payments.take_payment(
                owner, agreement, amount, memo=f"crash step {step}", **tender(rng, amount)
            )
        except Refused:  # more than the payoff left on this one: the next agreement
            continue
        say(f"posted {result.receipt_number} {amount} {agreement}")
        save_receipt(owner, folder, result.receipt_number)
        say(f"saved {result.receipt_number}")
        if mode == "void" and step % 2 == 0:
            void = payments.void_payment(owner, result.receipt_number, "Posted to the wrong customer")
            say(f"voided {void.receipt_number}")
            save_void_slip(owner, folder, void)
            say(f"slip {void.receipt_number}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
