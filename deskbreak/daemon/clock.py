"""The real clock: monotonic seconds for durations, aware local wall time for calendar rules."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Protocol

import tzlocal

from deskbreak.core.model import Instant


class Clock(Protocol):
    """What the daemon's parts read time from: SystemClock here, a fake clock in tests."""

    def now(self) -> Instant: ...


class SystemClock:
    """Reads both clocks at once. CLOCK_MONOTONIC stops during suspend; the core relies on that."""

    def __init__(self) -> None:
        self.zone = tzlocal.get_localzone()

    def now(self) -> Instant:
        return Instant(mono=time.monotonic(), wall=datetime.now(self.zone))
