"""The words of `deskbreak status`, kept free of click so the quick path can print them too."""

from __future__ import annotations

import time

from deskbreak.config.durations import format_duration
from deskbreak.core.waiting import words

TYPE_CHECKING = False  # typing's import alone would cost the quick `status` path a third more
if TYPE_CHECKING:
    from typing import Any

PHASE_WORDS = {
    "sitting": "sitting",
    "due": "break due",
    "snoozed": "snoozed",
    "paused": "paused",
    "standing": "standing",
    "away": "away",
    "on_break": "on a break",
    "off_hours": "outside work hours",
}


def describe(reply: dict[str, Any]) -> str:
    """The human status line(s) for `deskbreak status`."""
    st = reply["status"]
    lines = [f"deskbreak: {PHASE_WORDS.get(st['phase'], st['phase'])}, sitting {format_duration(st['sitting_s'])}"]
    if st["phase"] == "paused":
        until = st["paused_until"]
        lines.append(f"Paused until {clock_text(until)}" if until else "Paused until you resume (deskbreak resume)")
    elif st["phase"] == "snoozed" and st["snoozed_until"]:
        lines.append(f"Snoozed until {clock_text(st['snoozed_until'])}")
    elif st["next_reminder_at"] and st["due_in_s"] is not None:
        if st["due_in_s"] > 0:
            lines.append(f"Next break in {format_duration(st['due_in_s'])} of sitting (about {clock_text(st['next_reminder_at'])})")
        elif st.get("waiting_for"):
            lines.append(f"A break is due, waiting: {words(st['waiting_for'])}")
        else:
            lines.append("A break is due now: `deskbreak break`, `deskbreak snooze` or `deskbreak skip`")
    if not st["in_work_hours"]:
        lines.append("Outside work hours: no reminders until they start")
    if st["snoozes_left"] is not None:
        lines.append(f"Snoozes left today: {st['snoozes_left']}")
    if st["standing"]:
        lines.append("Standing: the sitting clock is stopped (deskbreak sit when you sit down)")
    if reply.get("today"):
        lines.append(reply["today"])
    if reply.get("event_log"):
        lines.append(
            f"The event log is not being written ({reply['event_log']}): breaks and snoozes are not recorded. "
            "Check that it is writable and the disk has room (deskbreak doctor)"
        )
    lines.append(f"Daemon pid {reply['pid']} · idle: {reply['idle_source']} · notifier: {reply['notifier']} · tray: {reply['tray']}")
    return "\n".join(lines)


def clock_text(iso: str) -> str:
    """ "14:30" today, else "Thu 26 Nov 09:00". The daemon sends local ISO times, so today's
    clock is read straight off the text; datetime is imported only for other days, which keeps
    it out of the quick `status` path."""
    if iso[:10] == time.strftime("%Y-%m-%d"):
        return iso[11:16]
    from datetime import datetime

    return datetime.fromisoformat(iso).strftime("%a %d %b %H:%M")
