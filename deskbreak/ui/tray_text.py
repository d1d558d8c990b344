"""The words the tray shows: the tooltip and the status line, from the core's Status."""

from __future__ import annotations

import math
from datetime import datetime

from deskbreak.config.durations import format_minutes
from deskbreak.config.i18n import _
from deskbreak.config.localformat import weekday_and_time
from deskbreak.core.model import Status
from deskbreak.core.waiting import words


def tooltip(status: Status, now: datetime) -> str:
    """ "Sitting 34 min · break in 16 min", or why no break is coming."""
    sat = format_minutes(status.sat_s)
    phase = status.phase
    if phase == "sitting" and status.due_in_s:
        return _("Sitting {sat} · break in {due}").format(sat=sat, due=format_minutes(status.due_in_s))
    if phase == "due" and status.waiting_for:
        return _("Break due · waiting: {reason}").format(reason=words(status.waiting_for))
    if phase == "due":
        return _("Break due · sitting {sat}").format(sat=sat)
    if phase == "snoozed" and status.snoozed_until:
        return _("Sitting {sat} · snoozed until {time}").format(sat=sat, time=_clock(status.snoozed_until, now))
    if phase == "paused":
        if status.paused_until:
            return _("Reminders paused until {time}").format(time=_clock(status.paused_until, now))
        return _("Reminders paused until you resume")
    if phase == "standing":
        return _("Standing · the sitting clock is stopped")
    if phase == "away":
        return _("Away from the desk · the sitting clock restarts when you are back")
    if phase == "on_break":
        return _("On a break")
    if phase == "off_hours":
        return _("Sitting {sat} · outside work hours, no reminders").format(sat=sat)
    return _("Sitting {sat}").format(sat=sat)


def _clock(moment: datetime, now: datetime) -> str:
    """14:30 today, "Thu 09:00" on another day."""
    local = moment.astimezone(now.tzinfo)
    return local.strftime("%H:%M") if local.date() == now.date() else weekday_and_time(local)


def label(status: Status) -> str:
    """The few characters beside the icon where the host shows a label (GNOME's top bar):
    minutes to the next break while sitting, else the state in one word."""
    phase = status.phase
    if phase == "sitting":
        return _("{minutes}m").format(minutes=math.ceil((status.due_in_s or 0) / 60)) if status.due_in_s else ""
    words = {
        "due": _("break"),
        "snoozed": _("snoozed"),
        "paused": _("paused"),
        "standing": _("standing"),
        "away": _("away"),
        "on_break": _("break"),
    }
    return words.get(phase, "")


def log_trouble(trouble: str | None) -> str:
    """The tooltip's warning while the event log cannot be written (nothing when it can)."""
    if trouble is None:
        return ""
    return "\n" + _("The event log is not being written ({trouble}): breaks and snoozes are not recorded. See deskbreak doctor.").format(
        trouble=trouble
    )
