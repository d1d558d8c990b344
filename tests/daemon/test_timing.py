"""The daemon's schedule on APScheduler: a wake-up asked for again and again while the user sits
leaves the scheduler alone (each needless move of the job wakes its thread, which is most of what
the idle daemon spends)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from apscheduler.events import EVENT_JOB_ADDED, EVENT_JOB_MODIFIED, EVENT_JOB_REMOVED
from apscheduler.executors.pool import ThreadPoolExecutor

from deskbreak.daemon.timing import Timing


def started_timing(changes: list[str]) -> Timing:
    timing = Timing(timedelta(seconds=30), timezone.utc, lambda: None, ThreadPoolExecutor(1))
    timing.start()
    timing._scheduler.add_listener(lambda event: changes.append(event.job_id), EVENT_JOB_ADDED | EVENT_JOB_MODIFIED | EVENT_JOB_REMOVED)
    return timing


def test_the_same_wake_up_asked_again_leaves_the_planned_job_alone():
    changes: list[str] = []
    timing = started_timing(changes)
    try:
        timing.wake_in(600)
        for _ in range(5):  # every sample while sitting asks for the same moment, give or take
            timing.wake_in(599.8)
        assert changes == ["wake"]
    finally:
        timing.shutdown()


def test_a_wake_up_that_moved_replaces_the_planned_one():
    changes: list[str] = []
    timing = started_timing(changes)
    try:
        timing.wake_in(600)
        timing.wake_in(300)  # a snooze or a pause changed when something is due
        timing.wake_in(None)
        assert changes.count("wake") == 3 and timing.job_count() == 1  # only the sample is left
    finally:
        timing.shutdown()


def test_a_later_wake_up_leaves_an_earlier_planned_one_alone():
    changes: list[str] = []
    timing = started_timing(changes)
    try:
        timing.wake_in(300)
        for later in (330, 360, 390):  # with presence by events, each safety sample asks later
            timing.wake_in(later)
        wake = timing._scheduler.get_job("wake")
        assert changes == ["wake"] and (wake.next_run_time - datetime.now(timezone.utc)).total_seconds() <= 300
    finally:
        timing.shutdown()


def test_wake_ups_asked_for_before_the_scheduler_starts_end_in_the_last_one():
    timing = Timing(timedelta(seconds=30), timezone.utc, lambda: None, ThreadPoolExecutor(1))
    timing.wake_in(600)  # a command on the control socket can come before the scheduler runs
    timing.wake_in(600)
    timing.wake_in(300)
    timing.start()
    try:
        wake = timing._scheduler.get_job("wake")
        left = (wake.next_run_time - datetime.now(timezone.utc)).total_seconds()
        assert 290 < left <= 300 and timing.job_count() == 2  # the sample and this one wake
    finally:
        timing.shutdown()
