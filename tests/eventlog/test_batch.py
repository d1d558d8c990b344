"""Lines decoded in batches by msgspec (deskbreak.eventlog.batch) give exactly the records and
damaged counts of the json module and the rules in Python, on odd and hostile lines too."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deskbreak.eventlog as eventlog
from deskbreak.eventlog import decode
from deskbreak.eventlog.rules import FIELDS

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
GOOD = json.dumps({"v": 1, "ts": T0.isoformat(), "event": "break_done", "routine": "desk", "duration_s": 150, "steps": 4})
ODD = [
    GOOD,
    GOOD.replace('"v": 1', '"v": 1.0'),
    GOOD.replace('"v": 1', '"v": true'),
    GOOD.replace('"v": 1', '"\\u0076": 1'),
    GOOD.replace("150", "NaN"),
    GOOD.replace("150", "1e400"),
    GOOD.replace("150", "1e-400"),
    GOOD.replace("150", "true"),
    GOOD.replace("150", "-0.0"),
    GOOD.replace("150", "31622400"),
    GOOD.replace("150", "31622400.000001"),
    GOOD.replace("150", "100000000000000000000000000000000"),
    GOOD.replace('"steps": 4', '"steps": 4.0'),
    GOOD.replace('"steps": 4', '"steps": 4, "steps": "x"'),
    GOOD.replace('"steps": 4', '"steps": "x", "steps": 4'),
    GOOD.replace('"steps": 4', '"other": NaN'),
    GOOD.replace('"steps": 4', '"other": 1e400'),
    GOOD.replace('"steps": 4', '"other": [[[[1]]]]'),
    GOOD.replace('"steps": 4', '"other": "\\ud800"'),
    GOOD.replace('"steps": 4', '"other": "\\ud83d\\ude00"'),
    GOOD.replace('"steps": 4', '"other": "\\q"'),
    GOOD.replace('"steps": 4', '"other": "a\tb"'),
    GOOD.replace('"desk"', '"' + "d" * 2000 + '"'),
    GOOD.replace('"desk"', '"' + "é" * 2001 + '"'),
    GOOD.replace('"desk"', '"\\u00e9"'),
    GOOD.replace('"desk"', "null"),
    GOOD.replace("+00:00", ""),
    GOOD.replace("+00:00", "Z"),
    GOOD.replace("T09", " 09"),
    GOOD.replace('"break_done"', '"Break"'),
    GOOD.replace('"break_done"', "7"),
    GOOD.replace(', "routine": "desk"', ""),
    GOOD + " ",
    " " + GOOD,
    GOOD + "},{",
    GOOD + ',{"v":1}',
    GOOD[:-1],
    "[" + GOOD + "]",
    "[1,2]",
    "1",
    '"text"',
    "null",
    "{}",
    "not json",
    "",
]
RAW = [
    b"\xef\xbb\xbf" + GOOD.encode(),
    GOOD.replace("desk", "d\xe9sk").encode("latin-1"),
    GOOD.replace('"steps": 4', '"other": "\xed\xa0\x80"').encode("latin-1"),
    GOOD.replace('"steps": 4', '"other": "\xff"').encode("latin-1"),
    GOOD.encode() + b"\r",
    GOOD.encode().replace(b": 4", b": 4\x0c"),
]


def both_ways(lines: list[bytes]) -> tuple[eventlog.LogRead, eventlog.LogRead]:
    """Read by the json module (no batch is big enough), then by msgspec (every batch is)."""
    kept = eventlog.BATCH_MIN_LINES
    try:
        eventlog.BATCH_MIN_LINES = 10**9
        by_json = decode(list(lines))
        eventlog.BATCH_MIN_LINES = 0
        return by_json, decode(list(lines))
    finally:
        eventlog.BATCH_MIN_LINES = kept


@pytest.mark.parametrize("line", [text.encode() for text in ODD] + RAW)
def test_an_odd_line_reads_the_same_alone_and_among_good_ones(line):
    for lines in ([line + b"\n"], [GOOD.encode() + b"\n", line + b"\n", GOOD.encode() + b"\n"]):
        by_json, by_msgspec = both_ways(lines)
        assert by_msgspec == by_json


def test_every_odd_line_in_one_batch_reads_the_same():
    lines = [text.encode() + b"\n" for text in ODD] + [raw + b"\n" for raw in RAW]
    by_json, by_msgspec = both_ways(lines * 3)
    assert by_msgspec == by_json and by_json.damaged > 20 and len(by_json.records) > 20


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
KINDS = st.sampled_from(["break_done", "natural_break", "snoozed", "step_done", "deferred", "x-y", ""])


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(
        st.tuples(
            st.dictionaries(st.sampled_from(sorted(FIELDS)) | st.text(max_size=6), VALUES, max_size=5),
            KINDS,
            st.integers(0, 3),
        ),
        max_size=30,
    )
)
def test_random_lines_read_the_same(lines):
    raw = []
    for n, (data, kind, cut) in enumerate(lines):
        text = json.dumps({"v": 1, "ts": (T0 + timedelta(minutes=n)).isoformat(), "event": kind, **data}) + "\n"
        raw.append(text[: len(text) - cut * 7].encode() if cut == 3 else text.encode())
    by_json, by_msgspec = both_ways(raw)
    assert by_msgspec == by_json
