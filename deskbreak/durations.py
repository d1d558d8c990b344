"""Human durations ("50m", "90s", "1h30m") in config, CLI and messages.

One parser and one formatter so that what a user types and what the app prints agree.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # datetime stays out of the quick `status` path, which only formats
if TYPE_CHECKING:
    from datetime import timedelta

_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([dhms])")
_WHOLE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*[dhms]\s*)+$")

ALLOWED = 'a number with a unit: "90s", "10m", "1h30m", "2d" (units d, h, m, s)'


class DurationError(ValueError):
    """A duration string that cannot be read; the message says what is allowed."""


def parse_duration(text: str) -> timedelta:
    """Read "1h30m"-style text; bare numbers are refused so "50" is never silently seconds."""
    cleaned = text.strip().lower()
    if not _WHOLE.match(cleaned):
        raise DurationError(f"{text!r} is not a duration; use {ALLOWED}")
    seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in _PART.findall(cleaned))
    from datetime import timedelta

    return timedelta(seconds=seconds)


def format_duration(value: timedelta | float) -> str:
    """Short, round text for people: 3000 s -> "50m", 5400 s -> "1h30m", 42 s -> "42s"."""
    seconds = value if isinstance(value, (int, float)) else value.total_seconds()
    total = int(round(seconds))
    if total < 60:
        return f"{total}s"
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "m")]
    if total < 3600:
        parts.append((secs, "s"))
    return "".join(f"{n}{u}" for n, u in parts if n) or "0s"


def format_minutes(value: timedelta | float) -> str:
    """Whole minutes for notification and tooltip text ("34 min")."""
    seconds = value if isinstance(value, (int, float)) else value.total_seconds()
    return f"{int(seconds // 60)} min"
