"""Issue 20, rule 8: state is rebuilt from the log. After a restart, what the core needs to
decide today (snoozes used) comes from the log's tail (deskbreak.daemon.restore), so a restart
never hands out a fresh set of snoozes; a run that really stopped carries no sitting time over."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.config.settings import Settings
from deskbreak.core import tracker
from deskbreak.core.model import Instant, Skip, Snooze
from deskbreak.daemon.restore import carried_over, snoozes_used_today
from deskbreak.eventlog import Record
from tests.core.sim import BERLIN, Desk, FakeClock
from tests.daemon.harness import FAST_CONFIG, Daemon

HOUR = timedelta(hours=1)
SHORT = Settings(sit_limit=timedelta(minutes=20), snooze=timedelta(minutes=5), snoozes_per_day=3)


def record(kind: str, at: datetime, **data) -> Record:
    return Record(at, kind, data)


def test_snoozes_of_today_count_and_yesterdays_do_not_in_the_users_zone():
    now = datetime(2026, 10, 25, 9, 0, tzinfo=BERLIN)  # the night the clocks went back
    records = [
        record("snoozed", datetime(2026, 10, 24, 21, 59, tzinfo=timezone.utc)),  # 23:59 on the 24th in Berlin
        record("snoozed", datetime(2026, 10, 24, 22, 0, 30, tzinfo=timezone.utc)),  # 00:00:30 on the 25th
        record("snoozed", datetime(2026, 10, 25, 7, 0, tzinfo=timezone.utc)),
        record("skipped", datetime(2026, 10, 25, 7, 30, tzinfo=timezone.utc)),
    ]
    assert snoozes_used_today(records, now) == 2
    assert snoozes_used_today(records, now.astimezone(ZoneInfo("America/New_York"))) == 1  # the 25th there began at 04:00 UTC
    assert snoozes_used_today(records, now.astimezone(ZoneInfo("Pacific/Kiritimati"))) == 3  # UTC+14: all three on its 25th


def test_after_a_clean_stop_no_sitting_time_is_carried_and_the_snoozes_are():
    now = datetime(2026, 11, 2, 10, 0, tzinfo=BERLIN)
    records = [record("started", now - HOUR), record("snoozed", now - HOUR / 2), record("stopped", now - HOUR / 4)]
    carried = carried_over(records, now, timedelta(minutes=5), crashed_alive_at=None)
    assert (carried.sat_s, carried.snoozes_used) == (0.0, 1)
    crashed = carried_over(records[:2], now, timedelta(minutes=5), crashed_alive_at=now - timedelta(seconds=30))
    assert crashed.sat_s == 3600 and crashed.snoozes_used == 1


def test_nothing_in_the_log_carries_nothing():
    now = datetime(2026, 11, 2, 10, 0, tzinfo=BERLIN)
    assert carried_over([], now, timedelta(minutes=5), None) == carried_over([], now, timedelta(minutes=5), now)


def test_the_rebuilt_state_refuses_a_snooze_the_day_has_no_more_of():
    now = Instant(100.0, datetime(2026, 11, 2, 10, 0, tzinfo=BERLIN))
    state = tracker.initial_state(now, sat_s=SHORT.sit_limit.total_seconds(), snoozes_used=3)
    outcome = tracker.apply(state, Instant(101.0, now.wall + timedelta(seconds=1)), Snooze(), SHORT)
    assert outcome.error and "No snoozes left today" in outcome.error
    assert tracker.describe(tracker.initial_state(now, snoozes_used=99), now, SHORT).snoozes_left == 0


ACTIONS = st.lists(st.sampled_from(["work", "snooze", "skip", "night"]), min_size=1, max_size=25)


@settings(max_examples=80, deadline=None)
@given(actions=ACTIONS, start_hour=st.integers(0, 23))
def test_a_restart_anywhere_in_a_day_gives_the_snoozes_left_the_running_core_had(actions, start_hour):
    """The live core and a core rebuilt from what it logged agree on the snoozes left, across
    midnights and the DST night (Berlin, 2026-10-25)."""
    desk = Desk(SHORT, FakeClock(datetime(2026, 10, 24, start_hour, 0, tzinfo=BERLIN)))
    logged: list[Record] = []
    for action in actions:
        seen = len(desk.events)
        if action == "work":
            desk.work(25 * 60)
        elif action == "snooze":
            desk.send(Snooze())
        elif action == "skip":
            desk.send(Skip())
        else:
            desk.clock.advance(9 * 3600)
        logged += [Record(desk.clock.wall, e.kind, dict(e.data)) for e in desk.events[seen:]]
    now = desk.clock.now()
    tail = [r for r in logged if r.ts >= now.wall - timedelta(days=1)]
    carried = carried_over(tail, now.wall, SHORT.break_after_idle, None)
    rebuilt = tracker.initial_state(now, carried.sat_s, carried.snoozes_used)
    assert tracker.describe(rebuilt, now, SHORT).snoozes_left == tracker.describe(desk.state, now, SHORT).snoozes_left


def test_a_restarted_daemon_remembers_the_snoozes_used_and_breaks_taken_today(tmp_path):
    daemon = Daemon(tmp_path, config=FAST_CONFIG.replace('snooze = "3s"', 'snooze = "1h"'))
    daemon.start()
    status = lambda: json.loads(daemon.cli("status", "--json").stdout)["status"]  # noqa: E731
    try:
        daemon.wait_for_event("reminder_shown")
        assert daemon.cli("snooze").returncode == 0
        assert daemon.cli("snooze").returncode == 0
        assert status()["snoozes_left"] == 1
        assert daemon.cli("done").returncode == 0
    finally:
        daemon.stop()
    daemon.start()
    try:
        assert status()["snoozes_left"] == 1
        assert "1 break" in json.loads(daemon.cli("status", "--json").stdout)["today"]
        daemon.wait_for_event("reminder_shown", count=2)  # due again in this run
        assert daemon.cli("snooze").returncode == 0
        refused = daemon.cli("snooze")
        assert refused.returncode != 0 and "No snoozes left today" in refused.stdout + refused.stderr
    finally:
        daemon.stop()
