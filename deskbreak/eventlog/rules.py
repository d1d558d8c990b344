"""What a valid event looks like, checked on every line read from the log.

A line can be valid JSON and still not be an event deskbreak wrote: `"duration_s": "x"`, a list,
or 1e400 (read as infinity) would break `log`, `stats` and the tray's counts far from the line
that caused it. So each field deskbreak writes has a type and a range, and some kinds need
certain fields; the reader skips a line that breaks a rule and counts it as damaged. Fields this
version does not know (from a newer one) are kept as they are: nothing here reads them.

A line's time must lie in a plausible window, EARLIEST to LATEST: a line dated 0001-01-01 or
9999-12-31 was not written by deskbreak's clock, and trusting it would make stats count every
day since year 1 or the append rule stamp every later event in year 9999. Such a line is
damaged like any other, so no ordering, search or cache rule ever sees its time.
"""

from __future__ import annotations

import re
from typing import Any

MAX_TEXT = 2000
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# a field's rule: the types it may have, the highest value (a text: its length), whether null is fine;
# kept as data and checked in one loop, since the log reader checks every field of every line
Rule = tuple[tuple[type, ...], float, bool]
WHOLE, _REAL, _STR = (int,), (int, float), (str,)


def _number(high: float, whole: bool = False, none: bool = False) -> Rule:
    return (WHOLE if whole else _REAL), high, none


def _text(none: bool = False) -> Rule:
    return _STR, MAX_TEXT, none


YEAR_S = 366 * 86400.0
EARLIEST = 946684800.0  # 2000-01-01T00:00Z: long before deskbreak, so before any clock it ran under, yet room for years of history
LATEST = 4102444800.0  # 2100-01-01T00:00Z: far beyond any log this version will see
MAX_SETBACK_S = 86400.0  # the append rule follows a clock set back by up to a day; a last line further ahead is not trusted


def check_time(seconds: float) -> None:
    """Raise ValueError when a line's time (POSIX seconds) is outside the plausible window."""
    if not EARLIEST <= seconds < LATEST:
        raise ValueError("time outside the plausible window")


FIELDS: dict[str, Rule] = {
    "sat_s": _number(YEAR_S, none=True),
    "away_s": _number(100 * YEAR_S),
    "duration_s": _number(YEAR_S),
    "minutes": _number(YEAR_S / 60),
    "max_s": _number(YEAR_S),
    "repeat": _number(10**6, whole=True),
    "steps": _number(10**5, whole=True),
    "snoozes_left": _number(10**4, whole=True, none=True),
    "left": _number(10**4, whole=True, none=True),
    "pid": _number(2**32, whole=True),
    "routine": _text(),
    "source": _text(),
    "reason": _text(none=True),
    "name": _text(),
    "step": _text(),
    "where": _text(),
    "message": _text(),
    "version": _text(),
    "idle_source": _text(),
    "notifier": _text(),
    "tray": _text(),
    "bus": _text(),
    "via": _text(),
    "until": _text(none=True),
    "clock_ts": _text(),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "break_started": ("routine",),
    "break_done": ("routine",),
    "break_abandoned": ("routine",),
    "natural_break": ("away_s",),
}


def check_event(kind: Any, data: dict[str, Any]) -> None:
    """Raise ValueError when `kind` with these fields is not an event deskbreak could have written."""
    for key, value in data.items():
        rule = FIELDS.get(key)
        if rule is None:
            continue  # a field this version does not know
        types, high, none = rule
        if value is None:
            if not none:
                raise ValueError(f"{kind}: {key} is null")
        elif type(value) not in types or not 0 <= (len(value) if types is _STR else value) <= high:
            raise ValueError(f"{kind}: {key} out of range")
    check_kind(kind, data)


def check_kind(kind: Any, data: dict[str, Any]) -> None:
    """The kind and its required fields only, for lines whose fields were checked already
    (deskbreak.eventlog.batch); ValueError as check_event."""
    if type(kind) is not str:
        raise ValueError("not an event kind")
    if kind not in _KINDS_SEEN:
        if not _KIND.match(kind):
            raise ValueError("not an event kind")
        if len(_KINDS_SEEN) < 256:  # a hostile log cannot grow it without bound
            _KINDS_SEEN.add(kind)
    for key in REQUIRED.get(kind, ()):
        if key not in data:
            raise ValueError(f"{kind}: {key} missing")


_KINDS_SEEN: set[str] = set()
