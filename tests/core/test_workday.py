"""Whole days through the core with a fake clock: the rules working together."""

from datetime import datetime, time, timedelta

from deskbreak.config.settings import Settings, WorkHours
from deskbreak.core.model import FinishBreak, Pause, Sample, Skip, Snooze, StartBreak
from deskbreak.core.workhours import in_work_hours, next_workday_start
from tests.core.sim import BERLIN, MIN, desk

WEEKDAYS = WorkHours(days=(0, 1, 2, 3, 4), spans=((time(9, 0), time(12, 30)), (time(13, 30), time(18, 0))))


def test_an_eight_hour_day_with_meetings_a_suspend_a_pause_and_the_snooze_budget():
    d = desk(Settings(snoozes_per_day=2, work_hours=WEEKDAYS))
    d.work(50 * MIN)  # 09:50 first reminder
    assert d.send(Snooze(source="notification")).error is None
    d.work(10 * MIN)  # 10:00 back after the snooze
    d.send(StartBreak("desk", source="notification"))
    d.work(3 * MIN)
    d.send(FinishBreak("done", "desk", steps=4, duration_s=170, source="window"))
    d.work(40 * MIN)  # 10:43
    d.leave(45 * MIN)  # 11:28 meeting away from the desk
    d.work(51 * MIN)  # reminder at 12:18:30
    assert d.send(Snooze()).error is None
    d.work(10 * MIN)  # 12:29 reminder again; budget now spent
    assert "No snoozes left" in d.send(Snooze()).error
    d.send(Skip())
    d.clock.sleep(60 * MIN)  # lunch: laptop lid closed
    d.send(Sample(idle_s=0))
    d.work(50 * MIN)  # 14:18
    d.send(StartBreak("full", source="tray"))
    d.work(6 * MIN)
    d.send(FinishBreak("done", "full", steps=6, duration_s=390, source="window"))
    d.work(50 * MIN)  # 15:14 reminder, left unanswered
    d.work(12 * MIN)  # two re-notifications
    d.send(Pause(next_workday_start(d.clock.wall, WEEKDAYS), source="tray"))
    d.work(2 * 60 * MIN)
    assert d.status().phase == "paused"

    shown = [when.strftime("%H:%M") for when, _ in d.reminders]
    assert shown == ["09:50", "10:00", "12:18", "12:29", "14:19", "15:15", "15:20", "15:25"]
    assert d.count("snoozed") == 2
    assert d.count("skipped") == 1
    assert d.count("break_done") == 2
    assert [e.data["reason"] for e in d.events if e.kind == "natural_break"] == ["idle", "suspend"]
    paused = [e for e in d.events if e.kind == "paused"][0]
    assert paused.data["until"] == "2026-11-26T09:00:00+01:00"


def test_pause_until_tomorrow_resumes_at_the_next_work_day_start():
    d = desk(Settings(work_hours=WEEKDAYS), start=datetime(2026, 11, 27, 16, 0, tzinfo=BERLIN))  # Friday
    until = next_workday_start(d.clock.wall, WEEKDAYS)
    assert until == datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)  # Monday
    d.send(Pause(until))
    d.clock.sleep(until.timestamp() - d.clock.wall.timestamp())
    d.send(Sample(idle_s=0))
    assert "resumed" in d.kinds() and d.status().phase == "sitting"


def test_next_workday_start_keeps_local_clock_time_across_the_dst_change():
    before = datetime(2026, 10, 24, 17, 0, tzinfo=BERLIN)  # Saturday; clocks go back on Sunday 25th
    start = next_workday_start(before, WorkHours(spans=((time(9, 0), time(17, 0)),)))
    assert start == datetime(2026, 10, 25, 9, 0, tzinfo=BERLIN)
    assert start.utcoffset() == timedelta(hours=1)


def test_next_workday_start_without_hours_is_midnight_tomorrow():
    assert next_workday_start(datetime(2026, 11, 25, 15, 0, tzinfo=BERLIN), WorkHours()) == datetime(2026, 11, 26, 0, 0, tzinfo=BERLIN)


def test_work_hours_spans_are_half_open_and_empty_means_always():
    assert in_work_hours(datetime(2026, 11, 25, 12, 29, tzinfo=BERLIN), WEEKDAYS)
    assert not in_work_hours(datetime(2026, 11, 25, 12, 30, tzinfo=BERLIN), WEEKDAYS)
    assert in_work_hours(datetime(2026, 11, 29, 3, 0, tzinfo=BERLIN), WorkHours())


def test_a_day_across_the_dst_change_counts_real_sitting_time():
    d = desk(Settings(renotify_every=timedelta(0)), start=datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN))
    d.work(90 * MIN)
    assert d.status().sat_s == 90 * MIN
    assert d.count("natural_break") == 0
    assert len(d.reminders) == 1


def test_a_day_into_spring_forward_is_not_mistaken_for_a_suspend():
    d = desk(start=datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN))  # 02:00 jumps to 03:00
    d.work(60 * MIN)
    assert d.count("natural_break") == 0
    assert d.status().sat_s == 60 * MIN
