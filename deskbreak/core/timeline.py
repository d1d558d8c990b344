"""Time spans are spans: a duration is measured on the absolute timeline, never on a wall clock.

Python adds a timedelta to an aware datetime on its wall clock, and subtracts two datetimes of
one zone the same way: on the night the clocks go back, 02:59 CEST + 1 minute is 03:00 CET, an
hour and a minute later. So every "a moment plus a span" goes through `after` and every span
between two moments through `seconds_between`, both in UTC; calendar rules ("until tomorrow",
work hours, a local day) stay on the local wall clock (deskbreak.core.workhours).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def after(moment: datetime, span: timedelta) -> datetime:
    """The aware `moment` moved on by `span` of real time, shown in `moment`'s own zone."""
    return (moment.astimezone(timezone.utc) + span).astimezone(moment.tzinfo)


def seconds_between(earlier: datetime, later: datetime) -> float:
    """Real seconds from `earlier` to `later` (aware), whatever their zones and offsets."""
    return later.timestamp() - earlier.timestamp()
