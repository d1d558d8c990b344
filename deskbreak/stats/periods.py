"""The stretch of calendar a `deskbreak stats` run looks at, in local wall time.

Periods are half-open [start, end) between local midnights of the given zone, so a day across a
DST change is 23 or 25 hours long and every figure lands on the day a person would name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from deskbreak.config import localformat
from deskbreak.config.durations import DurationError, OutOfRange, parse_duration, parse_moment
from deskbreak.config.i18n import _

SINCE_ALLOWED = 'a date (2026-10-01) or a duration back from now ("7d", "12h")'


class PeriodError(ValueError):
    """A --since value that is neither a date nor a duration; the message says what is allowed."""


@dataclass(frozen=True)
class Period:
    name: str  # "today" | "week" | "month" | "since"
    start: datetime  # aware, inclusive
    end: datetime  # aware, exclusive; may lie after now (the rest of today/this week/this month)

    def label(self) -> str:
        """How the period reads in a title: "week of Mon 19 Oct 2026"."""
        first = self.start.date()
        if self.name == "today":
            return _("today, {day}").format(day=localformat.day_with_year(first))
        if self.name == "week":
            return _("week of {day}").format(day=localformat.day_with_year(first))
        if self.name == "month":
            return localformat.month(first)
        if self.start.time() != time():
            return _("since {moment}").format(moment=localformat.date_and_time(self.start))
        return _("since {day}").format(day=localformat.full_date(first))


def local_midnight(day: date, tz: tzinfo) -> datetime:
    """00:00 of `day` in `tz`; where midnight does not exist (a DST jump at 00:00) the first real moment."""
    naive = datetime.combine(day, time(), tzinfo=tz)
    return naive.astimezone(timezone.utc).astimezone(tz)


def midnights(first: date, count: int, tz: tzinfo) -> list[float]:
    """local_midnight(first + i days, tz).timestamp() for i in range(count), at a third less cost
    (a calendar of ten years has 3,650): a midnight that does not exist resolves to the same
    instant through timestamp() as through astimezone, as both take the offset before the gap."""
    ordinal, zero = first.toordinal(), time()
    return [datetime.combine(date.fromordinal(ordinal + i), zero, tzinfo=tz).timestamp() for i in range(count)]


def today(now: datetime, tz: tzinfo) -> Period:
    day = now.astimezone(tz).date()
    return Period("today", local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz))


def week(now: datetime, tz: tzinfo) -> Period:
    """Monday to Monday: the week the routine's weekly target is counted in."""
    day = now.astimezone(tz).date()
    monday = day - timedelta(days=day.weekday())
    return Period("week", local_midnight(monday, tz), local_midnight(monday + timedelta(days=7), tz))


def month(now: datetime, tz: tzinfo) -> Period:
    day = now.astimezone(tz).date()
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period("month", local_midnight(first, tz), local_midnight(following, tz))


def since(text: str, now: datetime, tz: tzinfo) -> Period:
    """From a date's local midnight, or from `now` minus a duration, to the end of today."""
    end = today(now, tz).end
    try:
        start = local_midnight(parse_moment(text).date(), tz)
    except OutOfRange as exc:
        raise PeriodError(f"--since: {exc}") from None
    except DurationError:
        try:
            start = (now.astimezone(timezone.utc) - parse_duration(text)).astimezone(tz)
        except OutOfRange as exc:
            raise PeriodError(f"--since: {exc}") from None
        except DurationError:
            raise PeriodError(f"--since {text[:64]!r} is not understood; use {SINCE_ALLOWED}") from None
    if start >= end:
        raise PeriodError(f"--since {text!r} is in the future; use {SINCE_ALLOWED}")
    return Period("since", start, end)
