"""The "Today: 3 breaks · full routine 1/3 this week" line for the tray and `deskbreak status`.

Counted by the stats module from the log, and only again when the log has grown or the day
has changed, so the presence sample every few seconds costs one stat() call.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Protocol

from deskbreak.core.model import Instant
from deskbreak.eventlog import EventLog

log = logging.getLogger(__name__)


class Clock(Protocol):
    def now(self) -> Instant: ...


class TodayLine:
    def __init__(self, events: EventLog, weekly_target: int, clock: Clock) -> None:
        self._events = events
        self._target = weekly_target
        self._clock = clock
        self._key: tuple[int, date] | None = None
        self._text = ""

    def text(self) -> str:
        now = self._clock.now().wall
        try:
            size = self._events.path.stat().st_size
        except FileNotFoundError:
            size = 0
        if (size, now.date()) != self._key:
            self._key = (size, now.date())
            self._text = self._count(now)
        return self._text

    def _count(self, now) -> str:  # type: ignore[no-untyped-def]
        from deskbreak.stats import load_stats, today_summary
        from deskbreak.stats.periods import today

        try:
            return today_summary(load_stats(self._events, today(now, now.tzinfo), now, now.tzinfo, self._target, deep=False))
        except Exception:
            log.exception("could not count today's breaks")
            return ""
