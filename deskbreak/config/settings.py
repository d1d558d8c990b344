"""The validated, frozen settings every other layer reads.

Pure data: the loader builds it from TOML; the core and adapters only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta

NOTIFIERS = ("auto", "desktop", "plyer", "console")
TRAYS = ("auto", "sni", "appindicator", "gtk", "xorg", "none")
DEFER_KINDS = ("fullscreen", "inhibit", "microphone", "camera", "dnd")  # what holds a due reminder back
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
VOICES = ("full-only", "on", "off")  # spoken, hands-free guidance: for the full routine, for every routine, never


@dataclass(frozen=True)
class WorkHours:
    """When reminders may fire. Empty days and spans mean "always"."""

    days: tuple[int, ...] = ()  # 0 = Monday, as datetime.weekday()
    spans: tuple[tuple[time, time], ...] = ()  # local wall-clock start/end pairs

    @property
    def always(self) -> bool:
        return not self.days and not self.spans


@dataclass(frozen=True)
class Settings:
    """Every tunable of deskbreak with its default; TOML sections map onto these names."""

    @property
    def snooze_minutes(self) -> int:
        """The snooze length in whole minutes, as buttons and messages say it (at least 1)."""
        return max(round(self.snooze.total_seconds() / 60), 1)

    def speaks(self, routine: str) -> bool:
        """Whether the routine named `routine` is guided aloud (and so hands-free)."""
        return self.voice == "on" or (self.voice == "full-only" and routine == "full")

    # [reminders]
    sit_limit: timedelta = timedelta(minutes=50)
    snooze: timedelta = timedelta(minutes=10)
    snoozes_per_day: int = 3
    renotify_every: timedelta = timedelta(minutes=5)
    # [presence]
    break_after_idle: timedelta = timedelta(minutes=5)
    sample_every: timedelta = timedelta(seconds=30)
    # [schedule]
    work_hours: WorkHours = field(default_factory=WorkHours)
    # [routines]
    default_routine: str = "desk"
    weekly_full_target: int = 3
    sound: bool = True
    voice: str = "full-only"
    # [desktop]
    notifier: str = "auto"
    tray: str = "auto"
    defer_fullscreen_max: timedelta = timedelta(minutes=20)
    defer_on: tuple[str, ...] = DEFER_KINDS
    meeting_apps: tuple[str, ...] = ()
    language: str = "auto"  # "auto": the environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), or a code
