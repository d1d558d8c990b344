"""Values that cross the core's boundary: time, inputs, events and decisions.

The core never reads a clock; callers hand it an Instant. Everything here is frozen data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Mapping

Source = Literal["cli", "tray", "notification", "window", "terminal", "schedule"]
Phase = Literal["sitting", "due", "snoozed", "paused", "standing", "away", "on_break", "off_hours"]
BreakOutcome = Literal["done", "abandoned"]


@dataclass(frozen=True)
class Instant:
    """One moment read from two clocks: monotonic seconds for durations, aware local wall time
    (a ZoneInfo tz, so calendar arithmetic is right across DST) for calendar rules."""

    mono: float
    wall: datetime


@dataclass(frozen=True)
class Event:
    """One line of the event log, before the log adds "v" and "ts"."""

    kind: str
    data: Mapping[str, Any] = field(default_factory=dict)


# --- inputs: everything that can happen to the core -------------------------------------


@dataclass(frozen=True)
class Sample:
    """A periodic presence reading. idle_s None means no idle source: count the time as sitting.
    busy names why a notification should wait ("fullscreen", "microphone: Firefox"), or None."""

    idle_s: float | None
    busy: str | None = None
    # set when the idle source tells of returning input by an event: the longest the daemon
    # then lets pass between samples (its safety sample); None: every `sample_every`
    every_s: float | None = None


@dataclass(frozen=True)
class Snooze:
    duration: timedelta | None = None  # None: the configured snooze length
    source: Source = "cli"


@dataclass(frozen=True)
class Skip:
    source: Source = "cli"


@dataclass(frozen=True)
class StartBreak:
    routine: str
    source: Source = "cli"


@dataclass(frozen=True)
class FinishBreak:
    """The routine window / terminal reports how a break ended."""

    outcome: BreakOutcome
    routine: str
    steps: int = 0
    duration_s: float = 0.0
    source: Source = "window"
    reason: str | None = None  # why an abandoned break ended when the user did not choose it


@dataclass(frozen=True)
class RoutineExited:
    """The last routine process the daemon opened has exited; a break it left open is abandoned."""

    reason: str
    source: Source = "schedule"


@dataclass(frozen=True)
class Pause:
    until: datetime | None  # None: until the user resumes
    source: Source = "cli"


@dataclass(frozen=True)
class Resume:
    source: Source = "cli"


@dataclass(frozen=True)
class SetStanding:
    standing: bool
    source: Source = "cli"


Input = Sample | Snooze | Skip | StartBreak | FinishBreak | RoutineExited | Pause | Resume | SetStanding


# --- outputs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """Ask the notifier to show (or show again) the break reminder."""

    sat_s: float
    repeat: int  # 0 for the first notice of this break, 1.. for re-notifications
    snooze_minutes: int
    snoozes_left: int | None  # None: unlimited
    offer_full: bool = False  # set by the daemon when the week is behind on the full routine
    tray_menu: bool = True  # set by the daemon: is there a tray menu the text may point to?
    sound: bool = True  # ask the notification server for its sound ([routines] sound)


@dataclass(frozen=True)
class Status:
    """What the tray, tooltip and `deskbreak status` show; derived, never stored."""

    phase: Phase
    sat_s: float  # sitting seconds since the last break
    progress: float  # 0..1 towards the next reminder (may exceed 1 while due)
    due_in_s: float | None  # sitting seconds left until the reminder; None when none is coming
    paused_until: datetime | None  # with phase "paused": None means until resumed
    snoozed_until: datetime | None
    snoozes_left: int | None
    standing: bool
    in_work_hours: bool
    waiting_for: str | None = None  # with phase "due": why the reminder is held back ("microphone: Firefox")


@dataclass(frozen=True)
class Outcome:
    """What one input did: the new state, events to log, and what to tell the user."""

    state: Any  # deskbreak.core.tracker.State
    events: tuple[Event, ...] = ()
    reminder: Reminder | None = None
    message: str | None = None  # short confirmation for the CLI/tray ("Snoozed for 10 min")
    error: str | None = None  # the input was refused; says why and what to do instead
