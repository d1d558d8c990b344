"""The "Today: 3 breaks · full routine 1/3 this week" line for the tray and `deskbreak status`,
and the week's progress behind it (for the reminder's offer of the full routine).

Counted by the stats module from the log, and only again when the log has grown or the day
has changed, so the presence sample every few seconds costs one stat() call.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from deskbreak.daemon.clock import Clock
from deskbreak.eventlog import EventLog
from deskbreak.platform.threads import owner_only
from deskbreak.stats.weeks import WeekProgress

log = logging.getLogger(__name__)


class TodayLine:
    def __init__(self, events: EventLog, weekly_target: int, clock: Clock) -> None:
        self._events = events
        self._target = weekly_target
        self._clock = clock
        self._key: tuple[int, date] | None = None
        self._text = ""
        self._week: WeekProgress | None = None

    @owner_only
    def use_target(self, weekly_target: int) -> None:
        """A reload changed the weekly target of full routines: count again."""
        self._target, self._key = weekly_target, None

    @owner_only
    def text(self) -> str:
        self._refresh()
        return self._text

    @owner_only
    def week(self) -> WeekProgress | None:
        """This week's full routines against the target; None when the log could not be counted."""
        self._refresh()
        return self._week

    def _refresh(self) -> None:
        now = self._clock.now().wall
        try:
            size = self._events.path.stat().st_size
        except FileNotFoundError:
            size = 0
        if (size, now.date()) != self._key:
            self._key = (size, now.date())
            self._count(now)

    def _count(self, now: datetime) -> None:
        from deskbreak.stats import load_stats, today_summary
        from deskbreak.stats.periods import today

        try:
            zone = now.tzinfo
            assert zone is not None  # the clock's wall time is aware
            stats = load_stats(self._events, today(now, zone), now, zone, self._target)
        except Exception:
            log.exception("could not count today's breaks")
            self._text, self._week = "", None
            return
        self._text, self._week = today_summary(stats), stats.week
