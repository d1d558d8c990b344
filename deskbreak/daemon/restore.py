"""The sitting clock after a crash, rebuilt from the log's last events.

A daemon that did not stop cleanly leaves its pid file in the data folder, touched at every
presence sample, so its time says when the daemon was last alive. If that was less than
`break_after_idle` ago, the user most likely sat on through the crash: the sitting time is
counted from the last event that restarted the clock (a break, a skip, a natural break) or from
the last reminder's own count, so a break that was due stays due. A longer gap is a natural
break, as it is while the daemon runs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterable, Sequence

from deskbreak.eventlog import EventLog, Record

RESETS = frozenset({"break_done", "skipped", "natural_break", "stopped", "standing_on"})
LOOK_BACK = timedelta(days=1)


def sitting_after_crash(records: Sequence[Record], alive_at: datetime, now: datetime, break_after_idle: timedelta) -> float:
    """Seconds already sat at `now`, from the records of the crashed run (0 when unknown)."""
    if now - alive_at >= break_after_idle or not records:
        return 0.0
    for record in reversed(records):
        if record.kind in RESETS:
            if record.kind in ("stopped", "standing_on"):
                return 0.0
            return max(float((now - record.ts).total_seconds()), 0.0)
        if record.kind == "reminder_shown" and isinstance(record.data.get("sat_s"), (int, float)):
            sat_s: float = record.data["sat_s"]
            return max(sat_s + float((now - record.ts).total_seconds()), 0.0)
        if record.kind == "started":
            return max(float((now - record.ts).total_seconds()), 0.0)
    return 0.0


def read_tail(log: EventLog, now: datetime) -> Iterable[Record]:
    try:
        return log.read(since=now - LOOK_BACK).records
    except (OSError, ValueError):
        return []
