"""The append-only event log: JSON Lines, one event per line, in time order.

Writers append a whole line with one write() on an O_APPEND descriptor while holding a file
lock, so lines from several processes never interleave and a crash loses at most the line being
written. Readers skip (and count) damaged lines and never rewrite the file. Because the log is
in time order, `read(since=...)` finds its starting point by binary search over byte offsets
and reads only from there, so "the last two hours" costs the same on a year of log as on a day.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Iterator, NamedTuple

from filelock import FileLock

from deskbreak.core.model import Event

VERSION = 1
RESERVED = ("v", "ts", "event")
SEARCH_WINDOW = 64 * 1024  # below this many bytes, scanning beats seeking
CHUNK_LINES = 1000


class Record(NamedTuple):
    """One event read back: its aware timestamp, kind, and every other field. A NamedTuple,
    not a dataclass: reading ten years of log builds half a million of them."""

    ts: datetime
    kind: str
    data: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"v": VERSION, "ts": self.ts.isoformat(), "event": self.kind, **self.data}


@dataclass(frozen=True)
class LogRead:
    records: list[Record]
    damaged: int  # lines skipped because they could not be read


class EventLog:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = FileLock(str(self.path) + ".lock")

    def append(self, event: Event, when: datetime) -> None:
        """Write one whole line. Raises OSError (disk full, permissions) for the caller to report."""
        if when.tzinfo is None:
            raise ValueError("event times must be aware (carry a UTC offset)")
        clash = set(RESERVED) & set(event.data)
        if clash:
            raise ValueError(f"event data may not use the reserved keys {sorted(clash)}")
        line = {"v": VERSION, "ts": when.isoformat(timespec="seconds"), "event": event.kind, **event.data}
        payload = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                if _ends_mid_line(fd):
                    payload = b"\n" + payload  # a writer died mid-line: keep its fragment apart
                os.write(fd, payload)
            finally:
                os.close(fd)

    def read(self, since: datetime | None = None, skip: frozenset[str] = frozenset()) -> LogRead:
        """Every readable record at or after `since` (all when None), and how many lines were damaged.

        `skip` names event kinds the caller does not need; their lines are dropped before they
        are decoded (stats skip step_done, half of all lines), so damage in them goes uncounted.
        """
        try:
            handle = self.path.open("rb")
        except FileNotFoundError:
            return LogRead([], 0)
        with handle:
            if since is not None:
                handle.seek(_first_offset_at_or_after(handle, since.timestamp()))
            lines = handle.read().splitlines(keepends=True)
        if skip:
            for kind in skip:
                marker = f'"event":{json.dumps(kind)}'.encode()
                lines = [line for line in lines if marker not in line]
        records, damaged = _parse_lines(lines)
        if since is not None:
            records = [record for record in records if record.ts >= since]
        return LogRead(records, damaged)


def parse_line(raw: bytes) -> Record | None:
    """A record, or None when the line is damaged (not JSON, not an event, or cut short)."""
    if not raw.endswith(b"\n"):
        return None  # the last line of a writer that died mid-write
    try:
        return _record(json.loads(raw))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _record(line: dict[str, Any]) -> Record:
    """Check one decoded line; raises ValueError/TypeError/KeyError/AttributeError when it is not an event."""
    if line.pop("v") != VERSION:
        raise ValueError("unknown version")
    ts = datetime.fromisoformat(line.pop("ts"))
    kind = line.pop("event")
    if not isinstance(kind, str) or not kind or ts.tzinfo is None:
        raise ValueError("not an event")
    return Record(ts, kind, line)


def _parse_lines(lines: list[bytes]) -> tuple[list[Record], int]:
    """Decode many lines per json call (one call per line costs several times more); a chunk
    holding a damaged line is decoded again line by line so each damaged line is counted."""
    records: list[Record] = []
    damaged = 0
    for start in range(0, len(lines), CHUNK_LINES):
        chunk = lines[start:start + CHUNK_LINES]
        try:
            decoded = json.loads(b"[" + b",".join(chunk) + b"]") if chunk[-1].endswith(b"\n") else None
            batch = [_record(line) for line in decoded] if decoded is not None and len(decoded) == len(chunk) else None
        except (ValueError, TypeError, KeyError, AttributeError):
            batch = None
        if batch is not None:
            records.extend(batch)
            continue
        for raw in chunk:
            record = parse_line(raw)
            if record is not None:
                records.append(record)
            elif raw.strip():
                damaged += 1
    return records, damaged


def _ends_mid_line(fd: int) -> bool:
    size = os.fstat(fd).st_size
    return size > 0 and os.pread(fd, 1, size - 1) != b"\n"


def _first_offset_at_or_after(handle: BinaryIO, since: float) -> int:
    """A line start at or before the first record with ts >= since.

    `low` only ever moves to the start of a record older than `since`, so reading forward from
    it misses nothing; `high` shrinks the search. Damaged lines are stepped over while probing.
    """
    low, high = 0, handle.seek(0, os.SEEK_END)
    while high - low > SEARCH_WINDOW:
        middle = (low + high) // 2
        probe = _next_timestamp(handle, middle, high)
        if probe is None:
            high = middle
            continue
        start, ts = probe
        if ts < since:
            low = start
        else:
            high = middle
    return low


def _next_timestamp(handle: BinaryIO, offset: int, limit: int) -> tuple[int, float] | None:
    """The first readable record starting after `offset` and before `limit`: (its offset, ts)."""
    first = _line_start_after(handle, offset)
    for start, raw in _lines_from(handle, first):
        if start >= limit:
            return None
        record = parse_line(raw)
        if record is not None:
            return start, record.ts.timestamp()
    return None


def _line_start_after(handle: BinaryIO, offset: int) -> int:
    """The first line start after byte `offset` (the byte after the next newline)."""
    handle.seek(offset)
    handle.readline()
    return handle.tell()


def _lines_from(handle: BinaryIO, offset: int) -> Iterator[tuple[int, bytes]]:
    handle.seek(offset)
    while True:
        start = handle.tell()
        raw = handle.readline()
        if not raw:
            return
        yield start, raw
