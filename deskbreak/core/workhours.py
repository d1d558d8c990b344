"""Work-hours rules on the local wall clock: whether reminders may fire now, and when the next
work day starts (for "pause until tomorrow").

Wall times are aware datetimes in a ZoneInfo zone, so adding days keeps local clock times right
across DST changes.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from deskbreak.config.settings import WorkHours

MORNING = time(0, 0)


def in_work_hours(wall: datetime, hours: WorkHours) -> bool:
    """True when reminders may fire at this local time; empty days or spans put no limit."""
    if hours.days and wall.weekday() not in hours.days:
        return False
    if not hours.spans:
        return True
    now = wall.time().replace(tzinfo=None)
    return any(start <= now < end for start, end in hours.spans)


def next_workday_start(wall: datetime, hours: WorkHours) -> datetime:
    """The start of the first work day after today: its first span's start, or midnight when no
    spans are set. Always strictly after `wall` and on a later calendar day."""
    start = min((span[0] for span in hours.spans), default=MORNING)
    day = wall.date()
    later = (day + timedelta(days=ahead) for ahead in range(1, 8))
    first = next(d for d in later if not hours.days or d.weekday() in hours.days)
    return _local(datetime.combine(first, start), wall)


def _local(naive: datetime, like: datetime) -> datetime:
    """Attach `like`'s zone; ZoneInfo picks the right offset for that date (DST-safe)."""
    return naive.replace(tzinfo=like.tzinfo)
