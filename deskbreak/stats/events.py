"""The log's events as the one pass (deskbreak.stats.compute) reads them, decoded fast for years of log.

Each event is a plain tuple, `(t, kind, routine, duration_s, away_s, reason)`: its time in epoch
seconds, its kind, and the only fields a figure reads (the routine and `duration_s` of a break done,
`away_s` of a natural break, the reason of a deferral), None where the line has none. Lines of
`step_done` (half the log; no figure counts single steps) are dropped undecoded where the event log
drops them, and no figure counts the ones left, but they stay: the first record's day is where
the log's history begins.

`decode` gives exactly the events and damaged count of deskbreak.eventlog.decode, which stays the
one reader of the log: from BIG_LINES lines on (a cold `stats` reads the whole log) each chunk of
lines is first decoded by msgspec straight into `Line`, every field rule of
deskbreak.eventlog.rules checked in C, with no dict and no `Record` per line; a chunk it cannot
vouch for whole goes to the event log's own decoder. The time is read by `datetime.fromisoformat`,
as the event log reads it (msgspec's own RFC 3339 reading takes a lowercase "t" and rounds a
seventh digit), and a chunk is vouched for only when all of it is UTF-8 (msgspec checks only the
text it keeps) with no lone carriage return (a line end to the event log).
tests/stats/test_fast_events.py holds the two readers together.
"""

from __future__ import annotations

from datetime import datetime
from itertools import compress, repeat
from operator import attrgetter
from typing import Any, Iterable, Literal

from deskbreak.eventlog import CHUNK_LINES
from deskbreak.eventlog import decode as decode_records
from deskbreak.eventlog.rules import FIELDS, REQUIRED, check_kind, check_time
from deskbreak.stats.weeks import LogRecord

Event = tuple[float, str, Any, Any, Any, Any]
UNUSED_KINDS = frozenset({"step_done"})  # half the log; no figure counts single steps
BIG_LINES = 10_000  # below this, importing msgspec costs more than it saves (as deskbreak.eventlog.batch)
_MARKER = b'"event":"step_done"'
_TS, _KIND, _TZINFO = attrgetter("ts"), attrgetter("event"), attrgetter("tzinfo")
_FIELDS = tuple(map(attrgetter, ("routine", "duration_s", "away_s", "reason")))  # an event's fields after its time and kind
_REQUIRED = [(kind, attrgetter(key)) for kind, keys in REQUIRED.items() for key in keys]


def from_records(records: Iterable[LogRecord]) -> list[Event]:
    """Events of records read by deskbreak.eventlog."""
    events = []
    for record in records:
        kind, data = record.kind, record.data
        events.append((record.ts.timestamp(), kind, data.get("routine"), data.get("duration_s"), data.get("away_s"), data.get("reason")))
    return events


def decode(lines: list[bytes]) -> tuple[list[Event], int]:
    """Events and the number of damaged lines among raw lines (each with its newline), as
    deskbreak.eventlog.decode(lines, UNUSED_KINDS) reads them."""
    if len(lines) < BIG_LINES:
        read = decode_records(lines, UNUSED_KINDS)
        return from_records(read.records), read.damaged
    lines = list(compress(lines, map((-1).__eq__, map(bytes.find, lines, repeat(_MARKER)))))  # as the event log drops them, undecoded
    fast = _Fast()
    events: list[Event] = []
    damaged = 0
    for start in range(0, len(lines), CHUNK_LINES):
        chunk = lines[start : start + CHUNK_LINES]
        decoded = fast.chunk(chunk)
        if decoded is None:
            read = decode_records(chunk)
            decoded = from_records(read.records), read.damaged
        events.extend(decoded[0])
        damaged += decoded[1]
    return events, damaged


class _Fast:
    """msgspec's decoder for whole chunks; built once per read (importing msgspec is most of its cost)."""

    def __init__(self) -> None:
        import msgspec

        from deskbreak.eventlog.batch import _field_type as field_type

        self.errors = (msgspec.DecodeError, RecursionError)
        # a missing field is None, as null is: a required field (REQUIRED) may never be null
        line = msgspec.defstruct(
            "Line",
            [("v", Literal[1]), ("ts", str), ("event", str), *((key, field_type(rule), None) for key, rule in FIELDS.items())],
            gc=False,
        )
        self.decoder = msgspec.json.Decoder(list[line])  # type: ignore[valid-type]
        self.kinds: set[str] = set()

    def chunk(self, chunk: list[bytes]) -> tuple[list[Event], int] | None:
        """The chunk's events and damaged lines, or None when it must go to the event log's own
        reader. The only damage read here is a time outside the plausible window
        (rules.check_time) on a line that keeps every other rule."""
        if not chunk[-1].endswith(b"\n"):
            return None
        joined = b"[" + b",".join(chunk) + b"]"
        if b"\r" in joined or not _utf8(joined):
            return None
        try:
            lines = self.decoder.decode(joined)
        except self.errors:
            return None
        if len(lines) != len(chunk):
            return None
        try:  # every step a loop in C: this is once per line of years of log
            times = list(map(datetime.fromisoformat, map(_TS, lines)))
            if None in map(_TZINFO, times):
                return None
            seconds = list(map(datetime.timestamp, times))
            kinds = list(map(_KIND, lines))
            for kind in set(kinds) - self.kinds:
                check_kind(kind, dict.fromkeys(REQUIRED.get(kind, ())))  # the kind's own rule; its fields below
                if len(self.kinds) < 256:  # a hostile log cannot grow it without bound
                    self.kinds.add(kind)
        except ValueError:  # a time or kind the event log would not read
            return None
        if _missing_required(lines, kinds):
            return None
        events = list(zip(seconds, kinds, *(map(get, lines) for get in _FIELDS), strict=True))
        if _plausible(min(seconds)) and _plausible(max(seconds)):  # the window is one span: its ends hold for all
            return events, 0
        plausible = list(map(_plausible, seconds))
        return list(compress(events, plausible)), plausible.count(False)


def _plausible(seconds: float) -> bool:
    try:
        check_time(seconds)
    except ValueError:
        return False
    return True


def _missing_required(lines: list[Any], kinds: list[str]) -> bool:
    """Whether a line of a kind that needs a field (REQUIRED) lacks it: None, as null may not be."""
    return any(None in map(get, compress(lines, map(kind.__eq__, kinds))) for kind, get in _REQUIRED)


def _utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8, as the json module needs (msgspec checks only the text it keeps)."""
    if data.isascii():
        return True
    try:
        data.decode()
    except UnicodeDecodeError:
        return False
    return True
