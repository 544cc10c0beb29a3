"""The demo's clock: what happens at the counter, in time order, each action a little
later than the last and always within counter hours."""

from __future__ import annotations

import datetime as dt
import heapq
import random
from typing import Callable

from .tables import LAST_MINUTE, OPEN_MINUTE


class Quiet:
    """An event that draws its seconds from the counter's quiet stream (the cash
    drawer's), so adding it leaves the rest of the history as it was."""

    def __init__(self, action: Callable[[dt.datetime], None]) -> None:
        self.action = action

    def __call__(self, at: dt.datetime) -> None:
        self.action(at)


class Counter:
    """The day's clock: events in time order; every action gets a later time than the last."""

    def __init__(self, rng: random.Random, today: dt.date, quiet: random.Random | None = None) -> None:
        self.rng = rng
        self.quiet = quiet or random.Random(0)
        self.today = today
        self.queue: list = []
        self.seq = 0
        self.last: dt.datetime | None = None

    def plan(self, day: dt.date, minute: int, action: Callable[[dt.datetime], None]) -> bool:
        """Do ``action`` on ``day`` near ``minute`` after 00:00; never after today."""
        if day > self.today:
            return False
        heapq.heappush(self.queue, (day, minute, self.seq, action))
        self.seq += 1
        return True

    def run(self, first_day: dt.date, progress: Callable[[int, int], None] | None) -> None:
        total = (self.today - first_day).days + 1
        reported = -1
        while self.queue:
            day, minute, _, action = heapq.heappop(self.queue)
            done = (day - first_day).days
            if progress and done != reported:
                progress(done, total)
                reported = done
            action(self._time(day, minute, quiet=isinstance(action, Quiet)))
        if progress:
            progress(total, total)

    def _time(self, day: dt.date, minute: int, *, quiet: bool = False) -> dt.datetime:
        rng = self.quiet if quiet else self.rng
        minute = min(max(minute, OPEN_MINUTE), LAST_MINUTE)
        at = dt.datetime.combine(day, dt.time(minute // 60, minute % 60, rng.randrange(60)))
        if self.last is not None and at <= self.last:
            at = self.last + dt.timedelta(seconds=rng.randrange(50, 200))
        return self._keep(at)

    def then(self, *, quiet: bool = False) -> dt.datetime:
        """A moment after the last action, in the same visit."""
        assert self.last is not None
        rng = self.quiet if quiet else self.rng
        return self._keep(self.last + dt.timedelta(seconds=rng.randrange(25, 110)))

    def _keep(self, at: dt.datetime) -> dt.datetime:
        closing = dt.datetime.combine(at.date(), dt.time(17, 59, 50))
        if at >= closing and self.last is not None:
            at = self.last + dt.timedelta(seconds=1)  # a busy evening: squeeze in
        if at.hour >= 18 or at.hour < 9:
            raise AssertionError(f"demo time {at} is outside counter hours")
        self.last = at
        return at
