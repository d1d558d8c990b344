"""All of the daemon's timing, owned by APScheduler's BackgroundScheduler.

The scheduler's own thread only keeps time; its jobs run on the owner thread (daemon/owner.py),
like every other input. Two jobs: a steady presence sample every `sample_every` (or, when the
idle source tells of returning input by events, the slow SAFETY_SAMPLE), and one "wake" date job that the
controller moves after every input to the moment the core says something may change (reminder
due, snooze or pause ending). misfire_grace_time=None keeps a job that fell due during suspend
(coalesced to one run); the core, not a job that may have been lost, decides what is due.

APScheduler keeps each job's next run as a wall-clock time, so a wall clock set back two hours
would hold every job for two hours. The scheduler here notices, at each round, that wall time
fell behind monotonic time and moves every job's next run back by as much; it waits with a
monotonic timeout, so it sees the jump within one sample interval.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Callable

from apscheduler.executors.base import BaseExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler

from deskbreak.platform.threads import owner_only

log = logging.getLogger(__name__)
MIN_WAKE_S = 1.0
MAX_WAKE_S = 3600.0  # the steady sample runs anyway; a far wake-up only has to be not lost
SAME_WAKE_S = 1.0  # a wake-up asked for within this of the planned one is the planned one


SAFETY_SAMPLE = timedelta(minutes=1)  # with presence by events: lost events, the minute label, the heartbeat
BACK_JUMP_S = 2.0  # more than clock slewing ever does


class _ClockSetBackScheduler(BackgroundScheduler):
    """A BackgroundScheduler whose jobs follow the wall clock when it is set back."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._offset: float | None = None

    def _process_jobs(self) -> float | None:
        offset = time.time() - time.monotonic()
        if self._offset is not None and offset < self._offset - BACK_JUMP_S:
            back = timedelta(seconds=self._offset - offset)
            log.warning("the wall clock was set back by %s; moving the schedule back with it", back)
            for job in self.get_jobs():
                if job.next_run_time is not None:
                    job.modify(next_run_time=job.next_run_time - back)
        self._offset = offset
        try:
            wait: float | None = super()._process_jobs()
            return wait
        except JobLookupError:  # the wake job was replaced by the tick it started, mid-round
            return 0.0


class Timing:
    """Threading rule: start() and shutdown() on the main thread; the rest on the owner."""

    def __init__(self, sample_every: timedelta, zone: tzinfo, on_tick: Callable[[], None], executor: BaseExecutor) -> None:
        self._zone = zone
        self._on_tick = on_tick
        self._sample_every = sample_every
        self._scheduler = _ClockSetBackScheduler(
            timezone=zone,
            executors={"default": executor},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    def start(self) -> None:
        self._scheduler.add_job(self._on_tick, "interval", seconds=self._sample_every.total_seconds(), id="sample")
        self._scheduler.start()

    @owner_only
    def sample_every(self, interval: timedelta) -> None:
        """Change the sampling interval (after a settings reload)."""
        if interval != self._sample_every:
            self._sample_every = interval
            self._scheduler.reschedule_job("sample", trigger="interval", seconds=interval.total_seconds())

    @owner_only
    def wake_in(self, seconds: float | None) -> None:
        """Run one extra sample after `seconds`, or earlier if one is planned earlier (a sample
        too many is harmless; a move of the job wakes the scheduler); None cancels it."""
        if seconds is None:
            try:
                self._scheduler.remove_job("wake")
            except JobLookupError:
                pass
            return
        now = datetime.now(timezone.utc)
        when = now + timedelta(seconds=min(max(seconds, MIN_WAKE_S), MAX_WAKE_S))  # a span: on the UTC timeline
        planned = self._scheduler.get_job("wake")
        if planned is not None and abs((planned.trigger.run_date - when).total_seconds()) < SAME_WAKE_S:
            return  # each sample asks again for the same moment: moving the job would wake the scheduler
        if planned is not None and now < planned.trigger.run_date < when:
            return  # an earlier one stays: its sample plans again (with presence by events each sample asks later)
        self._scheduler.add_job(self._on_tick, "date", run_date=when, id="wake", replace_existing=True)

    def job_count(self) -> int:
        return len(self._scheduler.get_jobs())

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
