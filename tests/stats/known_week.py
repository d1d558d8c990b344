"""A hand-built week in Europe/Berlin with known answers: Mon 19 – Sun 25 Oct 2026.

Sunday 25 Oct is the autumn DST change (03:00 CEST -> 02:00 CET, a 25-hour day), Wed 21 -> Thu 22
has a sitting stretch across midnight, and Sat 24 -> Sun 25 one across midnight and the DST change.
The weeks before give a full-routine streak; Sat 17 Oct (used, no break) ends the day streak.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 10, 25, 20, 0, tzinfo=BERLIN)


@dataclass(frozen=True)
class Rec:
    ts: datetime
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


def at(day: int, clock: str, fold: int = 0) -> datetime:
    hour, minute = map(int, clock.split(":"))
    return datetime(2026, 10, day, hour, minute, tzinfo=BERLIN, fold=fold)


def done(day: int, clock: str, routine: str, duration_s: float = 0) -> Rec:
    return Rec(at(day, clock), "break_done", {"routine": routine, "steps": 4, "duration_s": duration_s, "source": "window"})


def rec(day: int, clock: str, kind: str, **data: Any) -> Rec:
    return Rec(at(day, clock), kind, data)


EARLIER_WEEKS = [
    done(1, "10:00", "full"),  # week of 28 Sep: 1 of 3
    done(5, "10:00", "full"),
    done(7, "10:00", "full"),
    done(9, "10:00", "full"),  # week of 5 Oct: 3
    done(12, "10:00", "full"),
    done(14, "10:00", "full"),
    done(16, "10:00", "full"),  # week of 12 Oct: 3
    rec(17, "10:00", "started"),
    rec(17, "11:00", "stopped"),  # used, but no break done
]

MONDAY = [
    rec(19, "09:00", "started"),
    rec(19, "09:50", "reminder_shown", sat_s=3000, repeat=0, snoozes_left=3),
    rec(19, "09:55", "break_started", routine="desk", source="notification"),  # answered after 5 min
    done(19, "09:58", "desk", 180),
    rec(19, "10:48", "reminder_shown", sat_s=3000, repeat=0, snoozes_left=3),
    rec(19, "10:50", "snoozed", minutes=10, left=2, source="notification"),  # answered after 2 min
    rec(19, "11:00", "reminder_shown", sat_s=3720, repeat=0, snoozes_left=2),
    rec(19, "11:20", "skipped", sat_s=4920, source="tray"),  # 20 min: too late to count
    rec(19, "12:30", "natural_break", away_s=1800, sat_s=7320, reason="idle"),  # away 12:00-12:30
    rec(19, "17:00", "stopped", reason="user"),
]

WEDNESDAY = [
    rec(21, "08:00", "started"),
    done(21, "09:00", "full", 600),  # logged without break_started: sitting ended at 08:50
    rec(21, "10:00", "deferred", reason="fullscreen", waited_s=120),
    rec(21, "10:05", "deferred", reason="microphone: Firefox", max_s=1200),
    rec(21, "10:10", "deferred", reason="idle inhibited", max_s=1200),  # as logged before the kinds
    rec(21, "10:15", "deferred", reason="microphone: zoom", max_s=1200),
    rec(21, "10:30", "standing_on", source="tray"),
    rec(21, "11:30", "standing_off", source="tray"),
    rec(21, "12:00", "paused", until="2026-10-21T13:00:00+02:00", source="cli"),
    rec(21, "13:00", "resumed", source="cli", reason="expired"),
    rec(21, "14:00", "break_started", routine="full", source="tray"),
    rec(21, "14:02", "break_abandoned", routine="full", steps=1, duration_s=120, source="window"),
    rec(21, "15:00", "break_started", routine="full", source="tray"),
    done(21, "15:07", "full", 420),
    rec(21, "18:00", "natural_break", away_s=3600, sat_s=6780, reason="suspend"),  # away 17:00-18:00
    rec(22, "00:28", "break_started", routine="desk", source="cli"),  # 18:00 -> 00:28 across midnight
    done(22, "00:30", "desk", 120),
    rec(22, "01:00", "stopped", reason="user"),
]

THURSDAY = [
    rec(22, "09:00", "started"),
    rec(22, "09:50", "reminder_shown", sat_s=3000, repeat=0, snoozes_left=3),  # never answered
    rec(22, "10:00", "stopped", reason="user"),
]

FRIDAY = [
    rec(23, "09:00", "started"),
    rec(23, "10:00", "break_started", routine="full", source="notification"),
    done(23, "10:10", "full", 600),
    rec(23, "10:30", "stopped", reason="user"),
    done(23, "11:00", "neck"),  # a user routine run while the daemon was off: counts, moves no stretch
]

SATURDAY_SUNDAY = [
    rec(24, "22:00", "started"),
    done(24, "23:00", "desk", 300),  # sitting ended 22:55
    # sitting 23:00 CEST -> 03:00 CET: 5 real hours across midnight and the DST change
    Rec(at(25, "03:30", fold=1), "natural_break", {"away_s": 1800, "sat_s": 18000, "reason": "idle"}),
    Rec(at(25, "04:00", fold=1), "stopped", {"reason": "user"}),
    rec(25, "10:00", "started"),
    rec(25, "10:50", "reminder_shown", sat_s=3000, repeat=0, snoozes_left=3),
    rec(25, "11:00", "break_started", routine="desk", source="notification"),  # answered after 10 min
    done(25, "11:05", "desk", 300),
    rec(25, "12:00", "paused", until=None, source="tray"),
    rec(25, "13:00", "stopped", reason="user"),
    rec(25, "19:00", "started"),  # still sitting at NOW (20:00): one open hour
]

RECORDS = EARLIER_WEEKS + MONDAY + WEDNESDAY + THURSDAY + FRIDAY + SATURDAY_SUNDAY
