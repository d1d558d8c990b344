"""Issue 13, class 7: the wall clock set back while deskbreak runs. The daemon keeps sampling and
reminding (its schedule follows the clock back), and the log stays in appended order: "ts" never
decreases along the file, so `--since` (a binary search) finds exactly what a full scan finds.

The live test runs the real daemon under libfaketime (apt: faketime), whose offset file is
changed while it runs; monotonic time is left alone, as a real clock change leaves it. (With
monotonic time real, libfaketime 0.9.10 makes time.sleep fail with EINVAL; nothing on this
test's path sleeps.) The clock starts on a stated morning, so setting it back never crosses a
midnight, and is set back only once the daemon has logged `started` and its scheduler has read
the clocks: before that there is nothing for the daemon to notice."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
from tests.daemon.harness import EARLY_WEEK, wait_until
from tests.desktop.rig import missing

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def set_offset(offset_file: Path, seconds: int) -> None:
    """Move libfaketime's clock to `seconds` from the real one, in one rename (a reader never
    sees the file half written)."""
    fresh = offset_file.with_suffix(".new")
    fresh.write_text(f"{seconds:+d}\n")
    fresh.replace(offset_file)


def wait_for_changes(read: Callable[[], float], count: int) -> None:
    """Until `read()` has given `count` new values."""
    seen = [read()]
    for _ in range(count):
        wait_until(lambda: seen.append(read()) is None and seen[-1] != seen[-2], timeout=10, what="the sitting time to change")


def test_the_daemon_keeps_sampling_and_reminds_after_the_clock_is_set_back_two_hours(make_daemon):
    if not LIBFAKETIME.exists():
        missing("libfaketime is not installed (apt: faketime)")
    daemon = make_daemon(
        '[reminders]\nsit_limit = "15s"\nrenotify_every = "1h"\n[presence]\nsample_every = "1s"\n'
        '[desktop]\nnotifier = "console"\ntray = "none"\n',
        day=None,  # libfaketime's clock, below, which the test moves
    )
    offset = daemon.root / "faketime"
    at_start = round(EARLY_WEEK.timestamp() - time.time())
    set_offset(offset, at_start)
    daemon.env.update(
        LD_PRELOAD=str(LIBFAKETIME),
        FAKETIME_TIMESTAMP_FILE=str(offset),
        FAKETIME_NO_CACHE="1",
        FAKETIME_DONT_FAKE_MONOTONIC="1",
        TZ="UTC",
    )
    daemon.start()
    sitting = lambda: json.loads(daemon.cli("status", "--json").stdout)["status"]["sitting_s"]  # noqa: E731
    daemon.wait_for_event("started")  # `status` answers before run() logs it
    wait_for_changes(sitting, 2)  # the first may be run()'s own sample; the second is one the scheduler ran
    set_offset(offset, at_start - 2 * 3600)
    assert daemon.events()[0]["ts"].startswith("2026-11-30T10:00") and "reminder_shown" not in daemon.kinds()
    first = sitting()
    wait_until(lambda: sitting() >= first + 2, timeout=10, what="the sitting clock to keep running")
    daemon.wait_for_event("reminder_shown", timeout=30)
    stamps = [datetime.fromisoformat(e["ts"]) for e in daemon.events()]
    assert stamps == sorted(stamps)
    shown = next(e for e in daemon.events() if e["event"] == "reminder_shown")
    assert datetime.fromisoformat(shown["clock_ts"]) < datetime.fromisoformat(shown["ts"]) - timedelta(hours=1)
    assert "set back" in daemon.output()


@settings(max_examples=100, deadline=None)
@given(steps=st.lists(st.integers(-1400, 600), min_size=1, max_size=60), probes=st.lists(st.integers(-8000, 40000), min_size=1, max_size=5))
def test_since_finds_what_a_full_scan_finds_whatever_the_clock_did(tmp_path_factory, steps, probes):
    """Set back by up to a day in all (MAX_SETBACK_S); further, see test_implausible_times."""
    path = tmp_path_factory.mktemp("log") / "events.jsonl"
    log = EventLog(path)
    when = T0
    for n, step in enumerate(steps):
        when += timedelta(seconds=step)
        log.append(Event("error", {"where": "test", "message": str(n)}), when)
    everything = log.read().records
    assert [r.data["message"] for r in everything] == [str(n) for n in range(len(steps))]  # appended order
    assert [r.ts for r in everything] == sorted(r.ts for r in everything)
    for probe in probes:
        since = T0 + timedelta(seconds=probe)
        first = next((n for n, r in enumerate(everything) if r.ts >= since), len(everything))
        assert log.read(since=since).records == everything[first:]


def test_a_log_already_out_of_order_returns_everything_after_the_point_since_reached(tmp_path):
    """A file written before this rule (or by hand) may go backwards: whatever was appended after
    the first line at or after `since` is returned, not dropped for its smaller time."""
    path = tmp_path / "events.jsonl"
    times = [T0, T0 + timedelta(hours=2), T0 + timedelta(minutes=30), T0 + timedelta(minutes=40)]
    path.write_text(
        "".join(
            json.dumps({"v": 1, "ts": t.isoformat(), "event": "error", "where": "t", "message": str(n)}) + "\n" for n, t in enumerate(times)
        )
    )
    got = EventLog(path).read(since=T0 + timedelta(hours=1)).records
    assert [r.data["message"] for r in got] == ["1", "2", "3"]
