"""Kept per-day totals never change a figure: random logs (damaged lines, DST changes, stretches
across midnight, lines appended between runs) give the same `Stats` as one pass over the log, with
the cache, after it was damaged, and after the log was cut short."""

import json
from datetime import datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.eventlog import EventLog
from deskbreak.stats import day_cache, load_stats, periods
from deskbreak.stats.compute import compute

BERLIN = ZoneInfo("Europe/Berlin")
STARTS = [datetime(2026, 3, 27, 8, tzinfo=BERLIN), datetime(2026, 10, 23, 8, tzinfo=BERLIN)]  # DST on the 29th / 25th
KINDS = [
    "started",
    "stopped",
    "paused",
    "resumed",
    "standing_on",
    "standing_off",
    "reminder_shown",
    "snoozed",
    "skipped",
    "break_started",
    "break_done",
    "break_abandoned",
    "natural_break",
    "deferred",
    "step_done",
]
DAMAGE = [
    '{"v":1,"ts":"2026-10-24T10:00:00+02:00","event":',
    "not json",
    '{"v":1,"ts":"yesterday","event":"skipped"}',
    '{"v":2,"ts":"2026-10-24T10:00:00+02:00","event":"started"}',
    "",
    "[1,2]",
]

event = st.tuples(
    st.sampled_from(KINDS + ["started", "break_started", "break_done", "reminder_shown"] * 2),
    st.one_of(st.integers(0, 20 * 60), st.integers(0, 30 * 3600), st.integers(0, 12 * 86400)),  # since the line before
    st.sampled_from(["desk", "full", "other"]),
    st.integers(0, 3 * 3600),  # duration_s / away_s
    st.one_of(st.none(), st.sampled_from(DAMAGE)),  # a damaged line after this one
)


def lines_of(start: datetime, events) -> tuple[list[str], datetime]:
    lines, t = [], start.timestamp()
    for kind, gap, routine, seconds, damage in events:
        t += gap
        data = {"routine": routine, "duration_s": seconds} if kind.startswith("break") else {}
        data = {"away_s": seconds} if kind == "natural_break" else data
        ts = datetime.fromtimestamp(t, BERLIN).isoformat()
        lines.append(json.dumps({"v": 1, "ts": ts, "event": kind, **data}) + "\n")
        if damage is not None:
            lines.append(damage + "\n")
    return lines, datetime.fromtimestamp(t, BERLIN)


def reference(path: Path, period, now):
    read = EventLog(path).read(skip=frozenset({"step_done"}))
    return compute(read.records, period, now, BERLIN, 3, read.damaged)


def all_periods(now: datetime, start: datetime):
    """Short periods (which parse their own days) and long ones (which take whole kept days)."""
    return [
        periods.today(now, BERLIN),
        periods.week(now, BERLIN),
        periods.month(now, BERLIN),
        periods.since("2026-01-01", now, BERLIN),
        periods.since("30h", now, BERLIN),
        periods.since((now - timedelta(days=3)).date().isoformat(), now, BERLIN),
        *(
            periods.since((start + timedelta(days=d)).date().isoformat(), now, BERLIN)
            for d in (1, 2)
            if (start + timedelta(days=d)).date() <= now.date()
        ),
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.sampled_from(STARTS),
    first=st.lists(event, max_size=40),
    later=st.lists(event, max_size=25),
    wait=st.integers(0, 3 * 24 * 3600),
    cut=st.floats(0, 1),
    corrupt_at=st.floats(0, 1),
    lead=st.sampled_from(["", "garbage\n", DAMAGE[0] + "\n"]),
)
def test_every_figure_is_the_same_with_and_without_kept_days(start, first, later, wait, cut, corrupt_at, lead):
    with TemporaryDirectory() as tmp:
        path = Path(tmp, "events.jsonl")
        head, t = lines_of(start, first)
        path.write_text(lead + "".join(head))
        log = EventLog(path)
        now = t + timedelta(seconds=wait)
        for period in all_periods(now, start):
            assert load_stats(log, period, now, BERLIN, 3) == reference(path, period, now)

        tail, t = lines_of(max(t, now), later)  # appended after the cache was made
        with path.open("a") as handle:
            handle.write("".join(tail))
        now = t + timedelta(seconds=wait)
        for period in all_periods(now, start):
            assert load_stats(log, period, now, BERLIN, 3) == reference(path, period, now)

        cache = day_cache.cache_path(path)
        if cache.exists():
            raw = bytearray(cache.read_bytes())
            raw[int(corrupt_at * (len(raw) - 1))] ^= 0x55
            cache.write_bytes(bytes(raw))
        period = all_periods(now, start)[3]
        assert load_stats(log, period, now, BERLIN, 3) == reference(path, period, now)

        data = path.read_bytes()
        path.write_bytes(data[: int(cut * len(data))])  # cut short, maybe mid-line
        for period in all_periods(now, start):
            assert load_stats(log, period, now, BERLIN, 3) == reference(path, period, now)
