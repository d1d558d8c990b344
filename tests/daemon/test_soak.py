"""Thirty simulated days through the controller: state, scheduled jobs and memory stay bounded."""

import tracemalloc
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor

from deskbreak.config.settings import Settings
from deskbreak.core.model import Event, FinishBreak, Reminder, Sample, StartBreak
from deskbreak.daemon.controller import Controller
from deskbreak.daemon.timing import Timing
from tests.core.sim import BERLIN, FakeClock

SETTINGS = Settings(sample_every=timedelta(minutes=1))


class CountingLog:
    """Counts events instead of keeping them, so only the daemon's own memory is measured."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def append(self, event: Event, when: datetime) -> None:
        self.counts[event.kind] = self.counts.get(event.kind, 0) + 1


class Notifier:
    def __init__(self) -> None:
        self.shown = 0

    def show(self, reminder: Reminder) -> None:
        self.shown += 1

    def withdraw(self) -> None:
        pass


def live_a_day(controller: Controller, clock: FakeClock, day: int) -> None:
    for hour in range(8):
        for _ in range(55):
            clock.advance(60)
            controller.handle(Sample(idle_s=0))
        if hour % 2 == day % 2:
            controller.handle(StartBreak("desk", source="notification"))
            clock.advance(180)
            controller.handle(FinishBreak("done", "desk", steps=4, duration_s=180))
        else:
            for minute in range(1, 7):  # a walk away from the desk
                clock.advance(60)
                controller.handle(Sample(idle_s=minute * 60))
    clock.sleep(16 * 3600)  # night: the laptop sleeps


def test_thirty_days_keep_memory_and_scheduled_jobs_bounded():
    clock = FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=BERLIN))
    log, notifier = CountingLog(), Notifier()
    timing = Timing(SETTINGS.sample_every, BERLIN, lambda: None, ThreadPoolExecutor(1))
    timing.start()
    most_jobs = 0

    def reschedule(seconds: float | None) -> None:
        nonlocal most_jobs
        timing.wake_in(seconds)
        most_jobs = max(most_jobs, timing.job_count())

    try:
        controller = Controller(SETTINGS, clock, log, notifier, lambda status: None, reschedule)
        for day in range(5):
            live_a_day(controller, clock, day)
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        for day in range(5, 30):
            live_a_day(controller, clock, day)
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
    finally:
        timing.shutdown()

    growth = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert growth < 64 * 1024, f"memory grew by {growth} bytes over 25 simulated days"
    assert most_jobs <= 2
    assert log.counts["break_done"] == 30 * 4
    assert log.counts["reminder_shown"] == notifier.shown > 0
    assert log.counts["natural_break"] == 30 * 4 + 29  # four walks a day, one per night
