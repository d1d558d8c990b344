"""All of the daemon's timing, owned by APScheduler's BackgroundScheduler.

Two jobs: a steady presence sample every `sample_every`, and one "wake" date job that the
controller moves after every input to the moment the core says something may change (reminder
due, snooze or pause ending). misfire_grace_time=None keeps a job that fell due during suspend
(coalesced to one run); the core, not a job that may have been lost, decides what is due.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Callable

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler

MIN_WAKE_S = 1.0


class Timing:
    def __init__(self, sample_every: timedelta, zone: tzinfo, on_tick: Callable[[], None]) -> None:
        self._zone = zone
        self._on_tick = on_tick
        self._sample_every = sample_every
        self._scheduler = BackgroundScheduler(
            timezone=zone,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    def start(self) -> None:
        self._scheduler.add_job(
            self._on_tick, "interval", seconds=self._sample_every.total_seconds(), id="sample"
        )
        self._scheduler.start()

    def sample_every(self, interval: timedelta) -> None:
        """Change the sampling interval (after a settings reload)."""
        if interval != self._sample_every:
            self._sample_every = interval
            self._scheduler.reschedule_job("sample", trigger="interval", seconds=interval.total_seconds())

    def soon(self, job: Callable[[], None], name: str) -> None:
        """Run `job` once, now, on the scheduler's threads; a second request under the same name
        before it ran replaces the first (two SIGHUPs reload once)."""
        self._scheduler.add_job(job, "date", run_date=datetime.now(self._zone), id=name, replace_existing=True)

    def wake_in(self, seconds: float | None) -> None:
        """Run one extra sample after `seconds` (replacing the previous one); None cancels it."""
        if seconds is None:
            try:
                self._scheduler.remove_job("wake")
            except JobLookupError:
                pass
            return
        when = datetime.now(self._zone) + timedelta(seconds=max(seconds, MIN_WAKE_S))
        self._scheduler.add_job(self._on_tick, "date", run_date=when, id="wake", replace_existing=True)

    def job_count(self) -> int:
        return len(self._scheduler.get_jobs())

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
