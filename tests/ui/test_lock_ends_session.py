"""Locking the counter ends the log-in: an Actor kept from before (by a window or a
worker) is refused by every service afterwards."""

from __future__ import annotations

import pytest

from helpers import log_in
from lto_desk.domain.errors import NotAllowed
from lto_desk.services import counter


def test_after_the_lock_the_old_log_in_is_refused(qtbot, window):
    log_in(qtbot, window)
    before = window.actor
    assert counter.lookup(before, "García")
    window.lock()
    with pytest.raises(NotAllowed, match="log in"):
        counter.lookup(before, "García")
    log_in(qtbot, window)
    assert counter.lookup(window.actor, "García")
