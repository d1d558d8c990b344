"""The fast reader of years of log (deskbreak.stats.events, msgspec straight into the few fields a
figure needs) reads every line exactly as the event log's reader does: the same events, the same
damaged lines, whatever the lines hold (times msgspec and fromisoformat read differently, times
outside the plausible window, escapes, bytes that are not UTF-8, carriage returns, step_done
spelled another way, missing fields)."""

import json
from datetime import datetime, timezone
from unittest.mock import patch
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.eventlog import decode as decode_records
from deskbreak.stats import events

BERLIN = ZoneInfo("Europe/Berlin")
KINDS = ["started", "break_started", "break_done", "break_abandoned", "natural_break", "deferred", "step_done", "reminder_shown", "back"]
TIMES = [
    "2026-10-24T10:00:00+02:00",
    "2026-10-24 10:00:00+02:00",
    "2026-10-24t10:00:00z",
    "2026-10-24T10:00:00Z",
    "2026-10-24T10:00:00.9999995+02:00",
    "2026-10-24T10:00:00.123+02:00",
    "2026-10-24T10:00+02:00",
    "2026-10-24T10:00:00",
    "2026-10-24T10:00:00+0200",
    "2026-10-24T24:00:00+02:00",
    "2026-02-29T10:00:00+01:00",
    "0001-01-01T00:00:00+01:00",
    "2026-10-24T10:00:00+02:00:30",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["desk", "full", "x" * 2001, "step_done", "mic", ""]),
    st.text(max_size=5),
)
FIELD = st.sampled_from(["routine", "duration_s", "away_s", "reason", "steps", "sat_s", "source", "name", "unknown_key"])


@st.composite
def lines(draw, odd: bool = True) -> bytes:
    """One line as deskbreak writes it, or (`odd`) bent in one of the ways a hand-edited or broken file is."""
    kind = draw(st.sampled_from(KINDS))
    if not odd:
        when = st.datetimes(datetime(2019, 12, 31), datetime(2100, 1, 2), timezones=st.sampled_from([BERLIN, timezone.utc]))
        ts = draw(st.one_of(when, when, when, st.datetimes(timezones=st.just(timezone.utc)))).isoformat(timespec="seconds")
        data = {"routine": "desk", "duration_s": 60} if kind.startswith("break") else {"away_s": 600} if kind == "natural_break" else {}
        return json.dumps({"v": 1, "ts": ts, "event": kind, **data}).encode() + b"\n"
    ts = draw(st.one_of(st.sampled_from(TIMES), st.text(max_size=30)))
    line: dict = {"v": draw(st.sampled_from([1, 1, 1, 1.0, True, 2])), "ts": ts, "event": kind}
    if kind.startswith("break") and draw(st.booleans()):
        line["routine"] = draw(st.sampled_from(["desk", "full", "other"]))
    if kind == "natural_break" and draw(st.booleans()):
        line["away_s"] = draw(st.integers(0, 3600))
    line.update(draw(st.dictionaries(FIELD, VALUES, max_size=3)))
    text = json.dumps(line, ensure_ascii=draw(st.booleans()), separators=draw(st.sampled_from([(",", ":"), (", ", ": ")])))
    bend = draw(st.sampled_from(["", "", "", "unicode escape", "not utf-8", "carriage return", "nested", "cut", "blank", "duplicate"]))
    raw = text.encode("utf-8", "surrogatepass")
    if bend == "unicode escape":
        raw = raw.replace(b"e", b"\\u0065", 1)
    elif bend == "not utf-8":
        raw = raw[:-1] + b',"x":"\xff"}'
    elif bend == "carriage return":
        raw = raw.replace(b",", b",\r", 1)
    elif bend == "nested":
        raw = raw[:-1] + b',"x":{"event":"step_done"}}'
    elif bend == "cut":
        raw = raw[: len(raw) // 2]
    elif bend == "blank":
        raw = b""
    elif bend == "duplicate":
        raw = raw[:-1] + b',"event":"skipped"}'
    return raw + b"\n"


@settings(max_examples=400, deadline=None)
@given(st.lists(lines(odd=False), min_size=1, max_size=30), st.lists(lines(), max_size=2), st.randoms(), st.booleans())
def test_the_fast_reader_reads_every_line_as_the_event_log_does(raw, odd, rng, last_cut):
    for line in odd:
        raw.insert(rng.randrange(len(raw) + 1), line)
    if last_cut:
        raw[-1] = raw[-1].rstrip(b"\n")  # a writer died mid-line
    expected = decode_records(raw, events.UNUSED_KINDS)
    with patch.object(events, "BIG_LINES", 0):  # the fast path, however few the lines
        got = events.decode(raw)
    assert got == (events.from_records(expected.records), expected.damaged)


def test_a_log_of_whole_valid_chunks_is_read_fast():
    line = b'{"v":1,"ts":"2026-10-24T10:00:00+02:00","event":"break_done","routine":"desk","duration_s":60}\n'
    with patch.object(events, "from_records", side_effect=AssertionError("read by the event log's reader")):
        got, damaged = events.decode([line] * events.BIG_LINES)
    assert damaged == 0 and len(got) == events.BIG_LINES
    assert got[0] == (1792828800.0, "break_done", "desk", 60, None, None)
