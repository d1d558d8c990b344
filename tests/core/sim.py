"""A fake clock and a driver that feeds the core samples the way the daemon's scheduler would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from deskbreak.config.settings import Settings
from deskbreak.core import tracker
from deskbreak.core.model import Event, Input, Instant, Outcome, Reminder, Sample, Status

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class FakeClock:
    """Monotonic and wall time that move only when told; `sleep` moves wall time alone,
    as a suspended machine does (CLOCK_MONOTONIC stops during suspend)."""

    wall: datetime
    mono: float = 1000.0

    def now(self) -> Instant:
        return Instant(self.mono, self.wall)

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall = (self.wall.astimezone(ZoneInfo("UTC")) + timedelta(seconds=seconds)).astimezone(self.wall.tzinfo)

    def sleep(self, seconds: float) -> None:
        self.wall = (self.wall.astimezone(ZoneInfo("UTC")) + timedelta(seconds=seconds)).astimezone(self.wall.tzinfo)

    def set_wall(self, wall: datetime) -> None:
        self.wall = wall


@dataclass
class Desk:
    """One user at one machine: the core's state, everything it logged and every reminder."""

    settings: Settings
    clock: FakeClock
    state: tracker.State = field(init=False)
    events: list[Event] = field(default_factory=list)
    reminders: list[tuple[datetime, Reminder]] = field(default_factory=list)
    idle_since: float | None = None  # monotonic time of the last input, None = always active
    busy: str | None = None

    def __post_init__(self) -> None:
        self.state = tracker.initial_state(self.clock.now())

    def send(self, inp: Input) -> Outcome:
        outcome = tracker.apply(self.state, self.clock.now(), inp, self.settings)
        self.state = outcome.state
        self.events.extend(outcome.events)
        if outcome.reminder:
            self.reminders.append((self.clock.wall, outcome.reminder))
        return outcome

    def idle_s(self) -> float:
        return 0.0 if self.idle_since is None else self.clock.mono - self.idle_since

    def work(self, seconds: float) -> None:
        """Be at the keyboard for `seconds`, sampled every `sample_every`."""
        self.idle_since = None
        self._run(seconds)

    def leave(self, seconds: float) -> None:
        """Walk away (no input) for `seconds`, still sampled."""
        self.idle_since = self.clock.mono
        self._run(seconds)
        self.idle_since = None

    def _run(self, seconds: float) -> None:
        step = self.settings.sample_every.total_seconds()
        end = self.clock.mono + seconds
        while self.clock.mono + step <= end + 1e-9:
            self.clock.advance(step)
            self.send(Sample(idle_s=self.idle_s(), busy=self.busy))
        if end - self.clock.mono > 1e-9:
            self.clock.advance(end - self.clock.mono)
            self.send(Sample(idle_s=self.idle_s(), busy=self.busy))

    def status(self) -> Status:
        return tracker.describe(self.state, self.clock.now(), self.settings)

    def kinds(self) -> list[str]:
        return [event.kind for event in self.events]

    def count(self, kind: str) -> int:
        return self.kinds().count(kind)


def desk(settings: Settings | None = None, start: datetime | None = None) -> Desk:
    clock = FakeClock(start or datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN))
    return Desk(settings or Settings(), clock)


MIN = 60.0
