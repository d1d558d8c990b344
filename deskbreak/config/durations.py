"""Human durations ("50m", "90s", "1h30m") and points in time in config, CLI and messages.

One parser and one formatter so that what a user types and what the app prints agree. This is
also the one place that bounds what may be typed: a duration is at most MAX_DAYS long and a
date lies between FIRST_YEAR and LAST_YEAR, so no value that gets past here can overflow
datetime arithmetic later ("1000000000d", or a date in year 1).
"""

from __future__ import annotations

from deskbreak.config.i18n import N_, _

TYPE_CHECKING = False  # datetime and re stay out of the quick `status` path, which only formats
if TYPE_CHECKING:
    from datetime import datetime, timedelta

_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = r"(\d+(?:\.\d+)?)\s*([dhms])"  # patterns, compiled (and cached) by re at the first parse
_WHOLE = r"^\s*(?:\d+(?:\.\d+)?\s*[dhms]\s*)+$"

ALLOWED = N_('a number with a unit: "90s", "10m", "1h30m", "2d" (units d, h, m, s)')
MAX_DAYS = 36525  # a century: longer than any look back at history, far within datetime's range
MAX_TEXT = 64
FIRST_YEAR, LAST_YEAR = 1970, 2200
MOMENT_FORMS = N_("2026-11-01 or 2026-11-01T09:00 (local time), or with a UTC offset")


class DurationError(ValueError):
    """A duration or date that cannot be read; the message says what is allowed."""


class OutOfRange(DurationError):
    """Read, but too long or too far away to be meant (and to be computed with)."""


def parse_duration(text: str) -> timedelta:
    """Read "1h30m"-style text; bare numbers are refused so "50" is never silently seconds."""
    import re

    cleaned = text.strip().lower()
    if len(cleaned) > MAX_TEXT or not re.match(_WHOLE, cleaned):
        shown = repr(text) if len(text) <= MAX_TEXT else f"{text[:MAX_TEXT]!r}..."
        raise DurationError(_("{text} is not a duration; use {forms}").format(text=shown, forms=_(ALLOWED)))
    seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in re.findall(_PART, cleaned))
    if seconds > MAX_DAYS * 86400:
        raise OutOfRange(_("{text} is too long; a duration is at most {days}d (a century)").format(text=repr(text.strip()), days=MAX_DAYS))
    from datetime import timedelta

    return timedelta(seconds=seconds)


def parse_moment(text: str) -> datetime:
    """An ISO date or date and time, aware (local time when no offset is given), between
    FIRST_YEAR and LAST_YEAR; DurationError (a ValueError) otherwise."""
    from datetime import datetime

    cleaned = text.strip()
    try:
        if len(cleaned) > MAX_TEXT:
            raise ValueError
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise DurationError(_("{text} is not a date; use {forms}").format(text=repr(text), forms=_(MOMENT_FORMS))) from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise OutOfRange(
            _("{text} is out of range; use a date from {first} to {last}").format(text=repr(cleaned), first=FIRST_YEAR, last=LAST_YEAR)
        )
    return moment if moment.tzinfo else moment.astimezone()


def format_duration(value: timedelta | float) -> str:
    """Short, round text for people: 3000 s -> "50m", 5400 s -> "1h30m", 42 s -> "42s" in
    English ("1 h 30 min" in German): one whole template per combination of units, so each
    language orders and spaces them as it reads naturally."""
    seconds = value if isinstance(value, (int, float)) else value.total_seconds()
    total = int(round(seconds))
    if total < 60:
        return _("{seconds}s").format(seconds=total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if total < 3600:
        return _("{minutes}m{seconds}s").format(minutes=minutes, seconds=secs) if secs else _("{minutes}m").format(minutes=minutes)
    if not days:
        return _("{hours}h{minutes}m").format(hours=hours, minutes=minutes) if minutes else _("{hours}h").format(hours=hours)
    if hours and minutes:
        return _("{days}d{hours}h{minutes}m").format(days=days, hours=hours, minutes=minutes)
    if hours:
        return _("{days}d{hours}h").format(days=days, hours=hours)
    return _("{days}d{minutes}m").format(days=days, minutes=minutes) if minutes else _("{days}d").format(days=days)


def format_minutes(value: timedelta | float) -> str:
    """Whole minutes for notification and tooltip text ("34 min")."""
    seconds = value if isinstance(value, (int, float)) else value.total_seconds()
    return _("{minutes} min").format(minutes=int(seconds // 60))
