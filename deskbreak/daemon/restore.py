"""What a new run takes over from the log's last events: the log is the record, the core's state
is rebuilt from it.

Every start: the snoozes already used today (the limit is per local day, and a restart must not
hand out a fresh set). After a crash also the sitting clock: a daemon that did not stop cleanly
leaves its pid file in the data folder, touched at every presence sample, so its time says when
the daemon was last alive. If that was less than
`break_after_idle` ago, the user most likely sat on through the crash: the sitting time is
counted from the last event that restarted the clock (a break, a skip, a natural break) or from
the last reminder's own count, so a break that was due stays due. A longer gap is a natural
break, as it is while the daemon runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable, Sequence

from deskbreak.core.timeline import after, seconds_between
from deskbreak.eventlog import EventLog, Record

RESETS = frozenset({"break_done", "skipped", "natural_break", "stopped", "standing_on"})
LOOK_BACK = timedelta(hours=26)  # a span that holds any local day, the 25-hour one the clocks go back in too


@dataclass(frozen=True)
class Carried:
    """What the core starts from (deskbreak.core.tracker.initial_state)."""

    sat_s: float = 0.0  # sitting seconds already counted (after a crash)
    snoozes_used: int = 0  # snoozes taken on now's local day


def carried_over(records: Sequence[Record], now: datetime, break_after_idle: timedelta, crashed_alive_at: datetime | None) -> Carried:
    """From the log's records since LOOK_BACK, at the aware local `now`; `crashed_alive_at`: when a
    run that did not stop cleanly was last alive (None after a clean stop)."""
    sat_s = 0.0 if crashed_alive_at is None else sitting_after_crash(records, crashed_alive_at, now, break_after_idle)
    return Carried(sat_s, snoozes_used_today(records, now))


def snoozes_used_today(records: Sequence[Record], now: datetime) -> int:
    """Snoozes logged on `now`'s local day (in now's zone), as the core counts them."""
    today = now.date()
    return sum(1 for record in records if record.kind == "snoozed" and record.ts.astimezone(now.tzinfo).date() == today)


def sitting_after_crash(records: Sequence[Record], alive_at: datetime, now: datetime, break_after_idle: timedelta) -> float:
    """Seconds already sat at `now`, from the records of the crashed run (0 when unknown)."""
    if seconds_between(alive_at, now) >= break_after_idle.total_seconds() or not records:
        return 0.0
    for record in reversed(records):
        if record.kind in RESETS:
            if record.kind in ("stopped", "standing_on"):
                return 0.0
            return max(seconds_between(record.ts, now), 0.0)
        if record.kind == "reminder_shown" and isinstance(record.data.get("sat_s"), (int, float)):
            sat_s: float = record.data["sat_s"]
            return max(sat_s + seconds_between(record.ts, now), 0.0)
        if record.kind == "started":
            return max(seconds_between(record.ts, now), 0.0)
    return 0.0


def read_tail(log: EventLog, now: datetime) -> Iterable[Record]:
    try:
        return log.read(since=after(now, -LOOK_BACK)).records
    except (OSError, ValueError):
        return []
