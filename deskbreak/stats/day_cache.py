"""Per-day totals of whole past days, kept beside the event log so `stats` parses only what is new.

`events.jsonl` gets `events.days.json`: the totals of every local day from the log's first day up to
the last midnight (deskbreak.stats.compute keeps them per day: counts, sitting seconds, longest
stretches), the byte offset where those days end in the log, and the walk's state there (a
sitting stretch across midnight, a break in progress, reminders not yet answered), so the count
carries on from that offset exactly as one pass over the whole log would. For the last
SNAPSHOT_DAYS days it also keeps the state and offset at each midnight: a week, a month or
`--since 12h` starts there and parses only its own days.

It is a cache, never a source: it is used only when its digest matches its content, it was made
for the same time zone, the log is at least as long as its offset and the log's first bytes and
the bytes just before the offset are the ones it was made from. Anything else (missing, stale,
truncated log, damaged file) and it is made again from the log, silently; figures never depend on
it. Written whole to a new file beside it and renamed over (config.regular_file.write_own: never
through a link planted there), so readers never see half of one; read only when it is a regular
file of this user and not a link (open_own). A directory that cannot be written only costs the
speed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from array import array
from binascii import a2b_base64, b2a_base64
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from deskbreak.config.regular_file import MIB, open_own, open_regular, read_bounded, write_own
from deskbreak.eventlog import MAX_READ_BYTES, parse_line
from deskbreak.stats import events
from deskbreak.stats.compute import DAY_ARRAYS, DAY_COUNTS, DAY_SECONDS, DayArrays, Machine, walk_days
from deskbreak.stats.events import Event
from deskbreak.stats.periods import local_midnight

VERSION = 4  # 2: deferred reminders by reason, per day; 3: a pause no longer ends a stretch, "back"; 4: packed numbers
SNAPSHOT_DAYS = 70  # a month's period and its streak look need at most this far
FINGERPRINT_BYTES = 4096
SCAN_BYTES = 4096  # below this, scanning lines beats seeking
ARRAYS = DAY_ARRAYS
# numeric day arrays are kept as packed little-endian 64-bit values (base64): parsing ten years of
# them as JSON numbers was a tenth of a warm `stats`; floats come back bit for bit
PACKED = {**{name: "q" for name in DAY_COUNTS}, **{name: "d" for name in (*DAY_SECONDS, "cross_end")}}


@dataclass
class Kept:
    """What the cache holds: `days` whole local days from `first`, ending at byte `offset`."""

    tz: str
    first: date
    days: int
    offset: int
    damaged: int  # damaged lines before offset
    head: str
    edge: str
    arrays: DayArrays
    machine: Machine
    snapshots: dict[int, tuple[int, Machine]]  # day index -> (offset of its first line, state at its midnight)

    @property
    def end(self) -> date:
        """The first day not kept (the cache's midnight)."""
        return self.first + timedelta(days=self.days)


def cache_path(log_path: Path) -> Path:
    return log_path.with_name(log_path.stem + ".days.json")


def zone_key(tz: tzinfo) -> str:
    return getattr(tz, "key", None) or str(tz)


def update(log_path: Path, tz: tzinfo, now: datetime) -> Kept | None:
    """The kept totals, brought up to today's midnight when the log allows (and saved); None when none can be."""
    today = now.astimezone(tz).date()
    kept = load(log_path, tz)
    if kept is not None and kept.end > today:
        kept = None  # the clock went back: start again
    if kept is not None and kept.end == today:
        return kept
    try:
        grown = _extend(log_path, tz, kept, today)
    except OSError:
        return kept
    if grown is None:
        return kept
    save(log_path, grown)
    return grown


def load(log_path: Path, tz: tzinfo) -> Kept | None:
    try:
        raw = _read_own(cache_path(log_path), 64 * MIB)
        digest, _, payload = raw.partition(b"\n")
        if digest.decode() != _digest(payload):
            return None
        data = json.loads(payload)
        if data["version"] != VERSION or data["tz"] != zone_key(tz):
            return None
        kept = Kept(
            tz=data["tz"],
            first=date.fromisoformat(data["first"]),
            days=int(data["days"]),
            offset=int(data["offset"]),
            damaged=int(data["damaged"]),
            head=data["head"],
            edge=data["edge"],
            arrays={name: _unpacked(data["arrays"][name], PACKED[name]) if name in PACKED else data["arrays"][name] for name in ARRAYS},
            machine=_machine(data["machine"]),
            snapshots={int(day): (int(offset), _machine(m)) for day, (offset, m) in data["snapshots"].items()},
        )
        if any(len(values) != kept.days for values in kept.arrays.values()):
            return None
        with open_regular(log_path) as log:
            if log.seek(0, os.SEEK_END) < kept.offset or _fingerprints(log, kept.offset) != (kept.head, kept.edge):
                return None
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return None
    return kept


def save(log_path: Path, kept: Kept) -> None:
    payload = json.dumps(
        {
            "version": VERSION,
            "tz": kept.tz,
            "first": kept.first.isoformat(),
            "days": kept.days,
            "offset": kept.offset,
            "damaged": kept.damaged,
            "head": kept.head,
            "edge": kept.edge,
            "arrays": {name: _packed(values, PACKED[name]) if name in PACKED else values for name, values in kept.arrays.items()},
            "machine": _machine_json(kept.machine),
            "snapshots": {str(day): [offset, _machine_json(m)] for day, (offset, m) in kept.snapshots.items()},
        },
        separators=(",", ":"),
    ).encode()
    try:
        write_own(cache_path(log_path), _digest(payload).encode() + b"\n" + payload)
    except OSError:
        pass  # an unwritable folder only costs the speed


class Region(NamedTuple):
    events: list[Event]
    damaged: int


def read_region(log_path: Path, start: int, end: int | None = None) -> Region:
    """Events and damaged lines of the log's bytes [start, end)."""
    with open_regular(log_path) as log:
        log.seek(start)
        data = read_bounded(log, MAX_READ_BYTES, str(log_path)) if end is None else log.read(end - start)
    return Region(*events.decode(data.splitlines(keepends=True)))


def _extend(log_path: Path, tz: tzinfo, kept: Kept | None, today: date) -> Kept | None:
    """Walk from the kept offset up to today's midnight; None when the log's order forbids keeping."""
    start = kept.offset if kept is not None else 0
    with open_regular(log_path) as log:
        log.seek(start)
        data = read_bounded(log, MAX_READ_BYTES, str(log_path))
    midnight = local_midnight(today, tz).timestamp()
    cut = _first_line_at(data, midnight, 0, len(data))
    read = Region(*events.decode(data[:cut].splitlines(keepends=True)))
    if kept is None:
        kept = Kept(zone_key(tz), today, 0, 0, 0, "", "", {name: [] for name in ARRAYS}, Machine(), {})
    if not kept.days:  # the kept days begin with the first record's
        kept.first = datetime.fromtimestamp(read.events[0][0], tz).date() if read.events else today
    days = (today - kept.first).days
    if days <= 0:
        return None if read.events else _finish(log_path, kept, 0, start + cut, kept.damaged + read.damaged, {})
    machine = kept.machine.copy()
    snapshots = {day: snap for day, snap in kept.snapshots.items() if day >= days - SNAPSHOT_DAYS}
    if kept.days >= days - SNAPSHOT_DAYS:
        snapshots[kept.days] = (kept.offset, kept.machine.copy())
    seen: dict[int, Machine] = {}

    def new_day(day: int, state: Machine) -> None:
        if day >= days - SNAPSHOT_DAYS:
            seen[day] = state.copy()

    try:
        arrays, bounds = walk_days(read.events, kept.first, days, tz, kept.arrays, machine, new_day)
    except ValueError:
        return None
    position = 0
    for day in range(max(kept.days + 1, days - SNAPSHOT_DAYS), days):
        position = _first_line_at(data, bounds[day], position, cut)
        snapshots[day] = (start + position, seen.get(day) or machine.copy())
    kept.arrays = arrays
    kept.days, kept.machine = days, machine
    return _finish(log_path, kept, days, start + cut, kept.damaged + read.damaged, snapshots)


def _finish(log_path: Path, kept: Kept, days: int, offset: int, damaged: int, snapshots: dict[int, tuple[int, Machine]]) -> Kept:
    with open_regular(log_path) as log:
        kept.head, kept.edge = _fingerprints(log, offset)
    kept.days, kept.offset, kept.damaged, kept.snapshots = days, offset, damaged, snapshots
    return kept


def _first_line_at(data: bytes, since: float, low: int, high: int) -> int:
    """The start of the first line in [low, high) whose record is at or after `since` (or `high`).

    For time-ordered lines: every readable record before it is older than `since`. Damaged lines
    are stepped over while probing.
    """
    while high - low > SCAN_BYTES:
        middle = data.find(b"\n", (low + high) // 2) + 1
        if not middle or middle >= high:
            break
        probe = _next_record(data, middle, high)
        if probe is None:
            high = middle
            continue
        start, after, ts = probe
        if ts < since:
            low = after
        else:
            high = start
    position = low
    while position < high:
        after = data.find(b"\n", position) + 1 or len(data)
        record = parse_line(data[position:after])
        if record is not None and record.ts.timestamp() >= since:
            return position
        position = after
    return high


def _next_record(data: bytes, position: int, limit: int) -> tuple[int, int, float] | None:
    """The first readable record starting at or after `position` and before `limit`: (start, next line, ts)."""
    while position < limit:
        after = data.find(b"\n", position) + 1 or len(data)
        record = parse_line(data[position:after])
        if record is not None:
            return position, after, record.ts.timestamp()
        position = after
    return None


def _read_own(path: Path, limit: int) -> bytes:
    """The file at `path` when it is a regular file of this user and not a link (OSError otherwise)."""
    with os.fdopen(open_own(path, os.O_RDONLY), "rb") as handle:
        return read_bounded(handle, limit, str(path))


def _fingerprints(log: BinaryIO, offset: int) -> tuple[str, str]:
    log.seek(0)
    head = log.read(min(offset, FINGERPRINT_BYTES))
    log.seek(max(0, offset - FINGERPRINT_BYTES))
    edge = log.read(min(offset, FINGERPRINT_BYTES))
    return _digest(head), _digest(edge)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _packed(values: list[Any], code: str) -> str:
    numbers = array(code, values)
    if sys.byteorder == "big":
        numbers.byteswap()
    return b2a_base64(numbers.tobytes(), newline=False).decode()


def _unpacked(text: str, code: str) -> list[Any]:
    numbers = array(code, a2b_base64(text))
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tolist()


def _machine(data: list[Any]) -> Machine:
    state, sit_from, last_t, pending, waiting = data
    return Machine(
        int(state),
        float(sit_from),
        float(last_t),
        None if pending is None else [float(pending[0]), float(pending[1]), bool(pending[2])],
        [[float(t), int(day)] for t, day in waiting],
    )


def _machine_json(machine: Machine) -> list[Any]:
    return [machine.state, machine.sit_from, machine.last_t, machine.pending, machine.waiting]
