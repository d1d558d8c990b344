"""The append-only event log: JSON Lines, one event per line, in time order.

Writers append a whole line with one write() on an O_APPEND descriptor while holding a file
lock, so lines from several processes never interleave and a crash loses at most the line being
written; a write cut short (a full disk) is cut back off, and a fragment left anyway is kept
apart by the next append. Readers skip (and count) damaged lines — not JSON, or JSON that is
not a valid event (see deskbreak.eventlog.rules) — and never rewrite the file.

Appended order is the truth: when the wall clock has been set back (by up to
rules.MAX_SETBACK_S), an event is stamped with the last readable line's time (and keeps what the
clock said in "clock_ts"), so "ts" never decreases along the file. A line dated outside the
plausible window (rules.EARLIEST..LATEST) is damaged, and a last line further ahead of the clock
than MAX_SETBACK_S is not followed, so one odd line cannot stamp every later event with its time.
That is what lets `read(since=...)` find its starting point by binary search
over byte offsets and read only from there, so "the last two hours" costs the same on a year
of log as on a day; everything after that point is returned, whatever a hand-edited or older
file says its times are.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass
from datetime import datetime
from itertools import compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Iterator, NamedTuple

from deskbreak.config.regular_file import MIB, OwnLock, open_own, open_regular, own_dir, read_bounded
from deskbreak.eventlog.rules import MAX_SETBACK_S, check_event, check_kind, check_time

if TYPE_CHECKING:
    from deskbreak.core.model import Event  # only named here: readers never build the core's values

VERSION = 1
RESERVED = ("v", "ts", "event")
SEARCH_WINDOW = 64 * 1024  # below this many bytes, scanning beats seeking
CHUNK_LINES = 1000
BATCH_MIN_LINES = 10_000  # from here on msgspec decodes (deskbreak.eventlog.batch): below, importing it costs more than it saves
MAX_READ_BYTES = 512 * MIB  # about 80 years of use; a bigger file is not a log deskbreak wrote
TAIL_BYTES = 4096  # enough to hold the last line, for its time
PROBE_BYTES = 4 * MIB  # what one step of the binary search may read: damage beyond it is no place to stop


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

    def append(self, event: Event, when: datetime) -> None:
        """Write one whole line. Raises OSError (disk full, permissions) for the caller to report."""
        if when.tzinfo is None:
            raise ValueError("event times must be aware (carry a UTC offset)")
        clash = set(RESERVED) & set(event.data)
        if clash:
            raise ValueError(f"event data may not use the reserved keys {sorted(clash)}")
        own_dir(self.path.parent)
        with OwnLock(str(self.path) + ".lock"):  # one per append: threads of one daemon never share a descriptor
            fd = open_own(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
            try:
                size = os.fstat(fd).st_size
                stamp = when.isoformat(timespec="seconds")
                line = {"v": VERSION, "ts": stamp, "event": event.kind, **event.data}
                last = _last_time(fd, size)
                if last is not None and 0 < last.timestamp() - when.timestamp() <= MAX_SETBACK_S:
                    line.update(ts=last.isoformat(), clock_ts=stamp)  # the clock was set back
                payload = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
                if _ends_mid_line(fd, size):
                    payload = b"\n" + payload  # a writer died mid-line: keep its fragment apart
                _write_whole(fd, payload, size, str(self.path))
            finally:
                os.close(fd)

    def read(self, since: datetime | None = None, skip: frozenset[str] = frozenset()) -> LogRead:
        """Every readable record at or after `since` (all when None), and how many lines were damaged.

        `skip` names event kinds the caller does not need; their lines are dropped before they
        are decoded (stats skip step_done, half of all lines), so damage in them goes uncounted.
        """
        try:
            handle = open_regular(self.path)
        except FileNotFoundError:
            return LogRead([], 0)
        with handle:
            read_bounded(handle, MAX_READ_BYTES, str(self.path), size_only=True)  # an absurd file is refused before any search
            if since is not None:
                handle.seek(_first_offset_at_or_after(handle, since.timestamp()))
            lines = read_bounded(handle, MAX_READ_BYTES, str(self.path)).splitlines(keepends=True)
        read = decode(lines, skip)
        if since is not None:
            records = read.records
            first = next((n for n, record in enumerate(records) if record.ts >= since), len(records))
            return LogRead(records[first:], read.damaged)  # appended order is the truth: all that follows is later
        return read


def decode(lines: list[bytes], skip: frozenset[str] = frozenset()) -> LogRead:
    """Records from raw lines (each with its newline), leaving out the kinds in `skip` undecoded."""
    for kind in skip:
        marker = f'"event":{json.dumps(kind)}'.encode()
        lines = list(compress(lines, map((-1).__eq__, map(bytes.find, lines, repeat(marker)))))  # `marker not in line`, looped in C
    records, damaged = _parse_lines(lines)
    return LogRead(records, damaged)


def parse_line(raw: bytes) -> Record | None:
    """A record, or None when the line is damaged (not JSON, not an event, or cut short)."""
    if not raw.endswith(b"\n"):
        return None  # the last line of a writer that died mid-write
    try:
        return _record(json.loads(raw))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):  # RecursionError: JSON nested absurdly deep
        return None


def _record(line: dict[str, Any], fields_checked: bool = False) -> Record:
    """Check one decoded line; raises ValueError/TypeError/KeyError/AttributeError when it is not an event.
    `fields_checked`: its fields were checked against the rules already (deskbreak.eventlog.batch)."""
    if line.pop("v") != VERSION:
        raise ValueError("unknown version")
    ts = datetime.fromisoformat(line.pop("ts"))
    kind = line.pop("event")
    if ts.tzinfo is None:
        raise ValueError("not an event")
    check_time(ts.timestamp())
    (check_kind if fields_checked else check_event)(kind, line)
    return Record(ts, kind, line)


def _parse_lines(lines: list[bytes]) -> tuple[list[Record], int]:
    """Decode many lines per call (one call per line costs several times more); a chunk
    holding a damaged line is decoded again line by line so each damaged line is counted."""
    batch = BATCH_MIN_LINES <= len(lines)
    records: list[Record] = []
    damaged = 0
    for start in range(0, len(lines), CHUNK_LINES):
        chunk = lines[start : start + CHUNK_LINES]
        whole = _whole_chunk(chunk, batch) if chunk[-1].endswith(b"\n") else None
        if whole is not None:
            records.extend(whole)
            continue
        for raw in chunk:
            record = parse_line(raw)
            if record is not None:
                records.append(record)
            elif raw.strip():
                damaged += 1
    return records, damaged


def _whole_chunk(chunk: list[bytes], batch: bool) -> list[Record] | None:
    """Every line's record, or None when any line is damaged. `batch`: decode and check the
    fields with msgspec (deskbreak.eventlog.batch) rather than the json module and Python."""
    joined = b"[" + b",".join(chunk) + b"]"
    try:
        if batch:
            from deskbreak.eventlog.batch import decode_checked

            checked = decode_checked(joined, len(chunk))
            return None if checked is None else [_record(line, fields_checked=True) for line in checked]
        decoded = json.loads(joined)
        return [_record(line) for line in decoded] if len(decoded) == len(chunk) else None
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _ends_mid_line(fd: int, size: int) -> bool:
    return size > 0 and os.pread(fd, 1, size - 1) != b"\n"


def _last_time(fd: int, size: int) -> datetime | None:
    """The time of the last readable line among the file's last TAIL_BYTES (a damaged line at the
    end, dated year 9999 say, does not hide the one before)."""
    if size == 0:
        return None
    tail = os.pread(fd, min(size, TAIL_BYTES), max(size - TAIL_BYTES, 0))
    lines = tail.splitlines(keepends=True)[1 if size > TAIL_BYTES else 0 :]  # the first may be a line's end
    for raw in reversed(lines):
        record = parse_line(raw)
        if record is not None:
            return record.ts
    return None


def _write_whole(fd: int, payload: bytes, size: int, name: str) -> None:
    """One write; a write cut short (disk full, a file size limit) is cut back off, so the log
    is as it was, and is raised as an OSError for the caller to report."""
    try:
        written = os.write(fd, payload)
    except OSError:
        _cut_back(fd, size)
        raise
    if written < len(payload):
        _cut_back(fd, size)
        raise OSError(errno.ENOSPC, f"only {written} of {len(payload)} bytes fitted in {name} (disk full?); the partial line was removed")


def _cut_back(fd: int, size: int) -> None:
    try:
        os.ftruncate(fd, size)
    except OSError:
        pass  # the next append starts on a new line, so a fragment stays apart


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
    """The first readable record starting after `offset` and before `limit`: (its offset, ts).
    None also when none is found within PROBE_BYTES: a probe's cost is bounded, whatever the file holds."""
    for start, raw in _lines_from(handle, offset):
        if start >= limit or start - offset > PROBE_BYTES:
            return None
        record = parse_line(raw)
        if record is not None and start > offset:
            return start, record.ts.timestamp()
    return None


def _lines_from(handle: BinaryIO, offset: int) -> Iterator[tuple[int, bytes]]:
    """Lines from byte `offset` (the first may be a line's end), each read at most PROBE_BYTES at a
    time: a "line" of a gigabyte of zeros comes in pieces, each damaged."""
    handle.seek(offset)
    while True:
        start = handle.tell()
        raw = handle.readline(PROBE_BYTES)
        if not raw:
            return
        yield start, raw
