"""Issue 20, rule 6: time spans are spans. `pause 1m` lasts one minute of real time, also on the
night the clocks go back (Europe/Berlin, 2026-10-25: 02:00-03:00 happens twice) and in zones
with odd offsets; durations are added on the absolute timeline, calendar rules stay local."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.config.settings import Settings
from deskbreak.core import timeline, tracker
from deskbreak.core.model import Instant, Outcome, Pause, Sample, Snooze, Status
from deskbreak.daemon.commands import Commands, status_dict
from deskbreak.daemon.restore import Record, sitting_after_crash

BERLIN = ZoneInfo("Europe/Berlin")
BEFORE_THE_FOLD = datetime(2026, 10, 25, 2, 59, 30, tzinfo=BERLIN)  # CEST, a minute before the clocks go back
ZONES = st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Asia/Tehran"])
MOMENTS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), allow_imaginary=False)


class At:
    """A controller stand-in at one instant, taking whatever the commands make."""

    def __init__(self, now: Instant) -> None:
        self.now, self.inputs, self.settings = now, [], Settings()

    def handle(self, inp) -> Outcome:
        self.inputs.append(inp)
        return Outcome(state=None, message="fine")

    def status(self) -> tuple[Status, Instant]:
        return Status("sitting", 600, 0.2, 2400, None, None, 3, False, True), self.now


def pause_until(now: Instant, seconds: int) -> datetime:
    controller = At(now)
    reply = Commands(controller, lambda r, s: None, lambda: None, lambda: {}).handle({"cmd": "pause", "for_s": seconds})
    assert reply["ok"], reply
    return controller.inputs[-1].until


def test_pause_1m_a_minute_before_the_clocks_go_back_ends_a_minute_later():
    until = pause_until(Instant(0.0, BEFORE_THE_FOLD), 60)
    assert until.timestamp() - BEFORE_THE_FOLD.timestamp() == 60
    assert until.astimezone(timezone.utc) == datetime(2026, 10, 25, 1, 0, 30, tzinfo=timezone.utc)


def test_the_core_ends_that_pause_after_sixty_real_seconds_not_sixty_one_minutes():
    s = Settings()
    start = Instant(1000.0, BEFORE_THE_FOLD)
    state = tracker.apply(tracker.initial_state(start), start, Pause(pause_until(start, 60)), s).state

    def at(seconds: float) -> Instant:
        return Instant(1000.0 + seconds, timeline.after(BEFORE_THE_FOLD, timedelta(seconds=seconds)))

    held = tracker.apply(state, at(59), Sample(idle_s=0.0), s)
    assert held.state.paused
    ended = tracker.apply(held.state, at(60), Sample(idle_s=0.0), s)
    assert not ended.state.paused and [e.kind for e in ended.events] == ["resumed"]


@settings(max_examples=150, deadline=None)
@given(zone=ZONES, moment=MOMENTS, fold=st.sampled_from([0, 1]), seconds=st.integers(1, 30 * 86400))
def test_a_pause_for_a_span_lasts_that_span_anywhere_any_day(zone, moment, fold, seconds):
    now = Instant(0.0, moment.replace(tzinfo=ZoneInfo(zone), fold=fold))
    until = pause_until(now, seconds)
    assert until.timestamp() - now.wall.timestamp() == seconds
    assert until.utcoffset() == until.tzinfo.utcoffset(until)  # a real local reading, in the user's zone


@settings(max_examples=100, deadline=None)
@given(zone=ZONES, moment=MOMENTS, fold=st.sampled_from([0, 1]), minutes=st.integers(1, 120), due_in=st.integers(0, 86400))
def test_snooze_ends_and_the_next_reminder_comes_after_real_spans(zone, moment, fold, minutes, due_in):
    wall = moment.replace(tzinfo=ZoneInfo(zone), fold=fold)
    now = Instant(0.0, wall)
    s = Settings(sit_limit=timedelta(minutes=1))
    state = tracker.initial_state(now, sat_s=120.0)
    snoozed = tracker.apply(state, now, Snooze(timedelta(minutes=minutes)), s).state
    assert snoozed.snoozed_until_wall.timestamp() - wall.timestamp() == minutes * 60
    status = Status("sitting", 0, 0.0, due_in, None, None, 3, False, True)
    shown = datetime.fromisoformat(status_dict(status, now)["next_reminder_at"])
    assert shown.timestamp() - int(wall.timestamp()) == due_in


@pytest.mark.parametrize(
    "alive, now, restored",
    [
        # 02:10 CEST to 02:50 CET: 100 real minutes, though the wall clock says 40
        (datetime(2026, 10, 25, 2, 10, tzinfo=BERLIN), datetime(2026, 10, 25, 2, 50, tzinfo=BERLIN, fold=1), False),
        # 02:59:50 CEST to 02:00:20 CET: 30 real seconds, though the wall clock says an hour back
        (datetime(2026, 10, 25, 2, 59, 50, tzinfo=BERLIN), datetime(2026, 10, 25, 2, 0, 20, tzinfo=BERLIN, fold=1), True),
    ],
)
def test_the_gap_since_a_crash_is_measured_in_real_time_across_the_fold(alive, now, restored):
    records = [Record(alive - timedelta(minutes=10), "started", {})]
    sat = sitting_after_crash(records, alive, now, timedelta(minutes=60))
    assert (sat > 0) is restored
