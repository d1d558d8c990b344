"""Read just as much of the event log as the figures need, then compute them.

Figures count the whole log (streaks run back as far as they go). Whole past days come from the
per-day totals kept beside the log (deskbreak.stats.day_cache), brought up to the last midnight on
the way; only the lines after that are parsed. A period that starts inside a kept day (`--since
12h`) or needs each day's stretches (a chart's timeline: today, week, month) starts from the state
kept at its first midnight and parses its own days. Without usable kept totals (none yet, an
unwritable directory, a clock set back) the whole log is parsed: the same figures, more slowly.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from deskbreak.stats import day_cache
from deskbreak.stats.compute import Machine, Run, Stats
from deskbreak.stats.periods import Period, local_midnight

if TYPE_CHECKING:
    from deskbreak.eventlog import EventLog


def load_stats(log: EventLog, period: Period, now: datetime, tz: tzinfo, weekly_target: int) -> Stats:
    """Stats for `period` over the whole log, as of `now`."""
    now = now.astimezone(tz)
    if not log.path.exists():
        run = Run(period, now, tz, period.start.date())
        run.walk([], Machine())
        return run.finish(weekly_target, 0, False)
    kept = day_cache.update(log.path, tz, now)
    if kept is None or not kept.days:
        read = day_cache.read_region(log.path, kept.offset if kept else 0)
        first = datetime.fromtimestamp(read.events[0][0], tz).date() if read.events else period.start.date()
        run = Run(period, now, tz, first)
        run.walk(read.events, kept.machine.copy() if kept else Machine())
        return run.finish(weekly_target, (kept.damaged if kept else 0) + read.damaged, False)

    run = Run(period, now, tz, kept.first)
    first_day = period.start.astimezone(tz).date()
    at_midnight = period.start.timestamp() == local_midnight(first_day, tz).timestamp()
    tail = day_cache.read_region(log.path, kept.offset)
    if first_day >= kept.end or (at_midnight and not run.detail):
        run.keep(kept.arrays, kept.first, kept.days)
        run.walk(tail.events, kept.machine.copy(), kept.end)
        return run.finish(weekly_target, kept.damaged + tail.damaged, False)
    day = (first_day - kept.first).days
    if day in kept.snapshots:
        offset, machine = kept.snapshots[day]
        between = day_cache.read_region(log.path, offset, kept.offset)
        run.keep(kept.arrays, kept.first, day)
        run.walk(between.events + tail.events, machine.copy(), first_day)
        return run.finish(weekly_target, kept.damaged + tail.damaged, False)
    whole = day_cache.read_region(log.path, 0)
    run.walk(whole.events, Machine())
    return run.finish(weekly_target, whole.damaged, False)
