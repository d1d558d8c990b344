"""Issue 20, rule 2: one bad line cannot change the meaning of the others. A line dated outside
the plausible window (deskbreak.eventlog.rules.EARLIEST..LATEST) is damaged: skipped and counted,
and no ordering rule (the append's "never earlier than the line before"), search (`--since`) or
cache (the day totals) trusts its time."""

from __future__ import annotations

import json
import resource
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
from deskbreak.eventlog.rules import EARLIEST, LATEST
from deskbreak.stats.load import load_stats
from deskbreak.stats.periods import today as period_today
from deskbreak.stats.periods import week as period_week

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
ZONE = ZoneInfo("Europe/Berlin")
IMPLAUSIBLE = [
    "9999-12-31T23:59:59+00:00",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00+14:00",
    "1970-01-01T00:00:00+00:00",
    "1999-12-31T23:59:59+00:00",
    "2100-01-01T00:00:00+00:00",
    "3000-06-01T12:00:00+02:00",
]


def line(ts: str, message: str = "bad") -> str:
    return json.dumps({"v": 1, "ts": ts, "event": "error", "where": "t", "message": message}) + "\n"


def done(when: datetime) -> str:
    return json.dumps({"v": 1, "ts": when.isoformat(), "event": "break_done", "routine": "desk", "steps": 4, "duration_s": 150}) + "\n"


@pytest.mark.parametrize("stamp", IMPLAUSIBLE)
def test_a_line_dated_outside_the_window_is_damaged_and_later_events_keep_their_own_time(tmp_path, stamp):
    path = tmp_path / "events.jsonl"
    path.write_text(line(T0.isoformat(), "before") + line(stamp))
    log = EventLog(path)
    log.append(Event("error", {"where": "t", "message": "after"}), T0 + timedelta(minutes=5))
    read = log.read()
    assert [r.data["message"] for r in read.records] == ["before", "after"]
    assert read.damaged == 1
    assert read.records[1].ts == T0 + timedelta(minutes=5)
    assert "clock_ts" not in read.records[1].data


def test_a_plausible_line_far_ahead_of_the_clock_does_not_drag_later_events_along(tmp_path):
    """The clock set back by more than MAX_SETBACK (or a hand-written line from the future): the
    new line keeps the clock's time rather than carrying the odd line's for good."""
    path = tmp_path / "events.jsonl"
    path.write_text(line("2090-01-01T00:00:00+00:00", "ahead"))
    log = EventLog(path)
    log.append(Event("error", {"where": "t", "message": "now"}), T0)
    assert log.read().records[-1].ts == T0


def test_a_damaged_last_line_does_not_hide_the_one_before_from_the_clock_rule(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text(line((T0 + timedelta(hours=1)).isoformat(), "later") + line("9999-12-31T23:59:59+00:00"))
    log = EventLog(path)
    log.append(Event("error", {"where": "t", "message": "set back"}), T0)
    last = log.read().records[-1]
    assert last.ts == T0 + timedelta(hours=1) and last.data["clock_ts"] == T0.isoformat()


@settings(max_examples=40, deadline=None)
@given(
    bad=st.sampled_from(IMPLAUSIBLE),
    where=st.integers(0, 3000),
    probe=st.integers(-60, 3060),
)
def test_since_finds_what_a_full_scan_finds_with_an_implausible_line_anywhere(tmp_path_factory, bad, where, probe):
    path = tmp_path_factory.mktemp("log") / "events.jsonl"
    lines = [line((T0 + timedelta(minutes=m)).isoformat(), str(m)) for m in range(3000)]  # big enough for the binary search to probe
    for n in range(where, len(lines), 97):
        lines.insert(n, line(bad))
    log = EventLog(path)
    everything = log.read().records
    since = T0 + timedelta(minutes=probe)
    first = next((n for n, r in enumerate(everything) if r.ts >= since), len(everything))
    assert log.read(since=since).records == everything[first:]


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "1900-01-01T00:00:00+00:00"])
def test_stats_over_a_log_with_an_implausible_line_are_quick_small_and_show_the_rest(tmp_path, stamp):
    now = datetime(2026, 11, 4, 18, 0, tzinfo=ZONE)
    path = tmp_path / "events.jsonl"
    path.write_text(line(stamp) + "".join(done(now - timedelta(days=d, hours=2)) for d in range(2, -1, -1)) + line(stamp))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    for _ in range(2):  # cold, then from the kept day totals
        today = load_stats(EventLog(path), period_today(now, ZONE), now, ZONE, 5)
        assert today.damaged_lines == 2
        assert today.breaks_done == 1
        week = load_stats(EventLog(path), period_week(now, ZONE), now, ZONE, 5)
        assert week.breaks_done == 3
    assert time.process_time() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KiB


def test_the_window_holds_every_date_deskbreak_can_write_for_decades():
    assert EARLIEST <= datetime(2020, 1, 1, tzinfo=timezone.utc).timestamp()
    assert LATEST >= datetime(2099, 12, 31, tzinfo=timezone.utc).timestamp()
