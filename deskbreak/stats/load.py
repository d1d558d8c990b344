"""Read just as much of the event log as the figures need, then compute them.

The log is in time order and `EventLog.read(since)` skips what is older, so a month's stats on ten
years of log read about two months. Streaks are the exception: they look back until they break.
A first look covers 8 weeks; a streak still running into its oldest day gets one deeper look of a
year, and beyond that it is shown as "at least" (so `stats --month` stays fast on any log).
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from deskbreak.stats.compute import Stats, compute
from deskbreak.stats.periods import Period, local_midnight
from deskbreak.stats.weeks import week_start

if TYPE_CHECKING:
    from deskbreak.eventlog import EventLog

UNUSED_KINDS = frozenset({"step_done"})  # half the log; no figure counts single steps
LOOKS_BACK = (timedelta(weeks=8), timedelta(weeks=53))


def load_stats(
    log: EventLog, period: Period, now: datetime, tz: tzinfo, weekly_target: int, deep: bool = True
) -> Stats:
    """Stats for `period`; deep=False keeps to the first look (cheap, for the tray's line)."""
    now = now.astimezone(tz)
    looks = [_monday_midnight(min(period.start, now - back), tz) for back in LOOKS_BACK[: None if deep else 1]]
    for since in sorted(set(looks), reverse=True):  # a long period needs only one look
        read = log.read(since=since, skip=UNUSED_KINDS)
        stats = compute(read.records, period, now, tz, weekly_target, read.damaged, complete_from=since.date())
        if not stats.streaks_at_least:
            break
    return stats


def _monday_midnight(moment: datetime, tz: tzinfo) -> datetime:
    """Whole weeks, so the oldest week's count is complete; a day earlier to know what was going on at its start."""
    return local_midnight(week_start(moment.astimezone(tz).date()), tz) - timedelta(days=1)
