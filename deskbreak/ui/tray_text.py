"""The words the tray shows: the tooltip and the status line, from the core's Status."""

from __future__ import annotations

import math
from datetime import datetime

from deskbreak.config.durations import format_minutes
from deskbreak.core.model import Status
from deskbreak.core.waiting import words


def tooltip(status: Status, now: datetime) -> str:
    """ "Sitting 34 min · break in 16 min", or why no break is coming."""
    sat = f"Sitting {format_minutes(status.sat_s)}"
    phase = status.phase
    if phase == "sitting":
        return f"{sat} · break in {format_minutes(status.due_in_s or 0)}" if status.due_in_s else sat
    if phase == "due" and status.waiting_for:
        return f"Break due · waiting: {words(status.waiting_for)}"
    if phase == "due":
        return f"Break due · sitting {format_minutes(status.sat_s)}"
    if phase == "snoozed" and status.snoozed_until:
        return f"{sat} · snoozed until {_clock(status.snoozed_until, now)}"
    if phase == "paused":
        until = f"until {_clock(status.paused_until, now)}" if status.paused_until else "until you resume"
        return f"Reminders paused {until}"
    return {
        "standing": "Standing · the sitting clock is stopped",
        "away": "Away from the desk · the sitting clock restarts when you are back",
        "on_break": "On a break",
        "off_hours": f"{sat} · outside work hours, no reminders",
    }.get(phase, sat)


def _clock(moment: datetime, now: datetime) -> str:
    """14:30 today, "Thu 09:00" on another day."""
    local = moment.astimezone(now.tzinfo)
    return local.strftime("%H:%M") if local.date() == now.date() else local.strftime("%a %H:%M")


def label(status: Status) -> str:
    """The few characters beside the icon where the host shows a label (GNOME's top bar):
    minutes to the next break while sitting, else the state in one word."""
    phase = status.phase
    if phase == "sitting":
        return f"{math.ceil((status.due_in_s or 0) / 60)}m" if status.due_in_s else ""
    return {"due": "break", "snoozed": "snoozed", "paused": "paused", "standing": "standing", "away": "away", "on_break": "break"}.get(
        phase, ""
    )


def log_trouble(trouble: str | None) -> str:
    """The tooltip's warning while the event log cannot be written (nothing when it can)."""
    if trouble is None:
        return ""
    return f"\nThe event log is not being written ({trouble}): breaks and snoozes are not recorded. See deskbreak doctor."
