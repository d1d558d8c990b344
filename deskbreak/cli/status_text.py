"""The words of `deskbreak status`, kept free of click so the quick path can print them too."""

from __future__ import annotations

import time

from deskbreak.config.durations import format_duration
from deskbreak.config.i18n import N_, _
from deskbreak.core.waiting import words

TYPE_CHECKING = False  # typing's import alone would cost the quick `status` path a third more
if TYPE_CHECKING:
    from typing import Any

PHASE_WORDS = {  # the phase names are machine words (--json); these are what people read
    "sitting": N_("sitting"),
    "due": N_("break due"),
    "snoozed": N_("snoozed"),
    "paused": N_("paused"),
    "standing": N_("standing"),
    "away": N_("away"),
    "on_break": N_("on a break"),
    "off_hours": N_("outside work hours"),
}


def describe(reply: dict[str, Any]) -> str:
    """The human status line(s) for `deskbreak status`."""
    st = reply["status"]
    phase = _(PHASE_WORDS[st["phase"]]) if st["phase"] in PHASE_WORDS else st["phase"]
    lines = [_("deskbreak: {phase}, sitting {time}").format(phase=phase, time=format_duration(st["sitting_s"]))]
    if st["phase"] == "paused":
        until = st["paused_until"]
        lines.append(_("Paused until {time}").format(time=clock_text(until)) if until else _("Paused until you resume (deskbreak resume)"))
    elif st["phase"] == "snoozed" and st["snoozed_until"]:
        lines.append(_("Snoozed until {time}").format(time=clock_text(st["snoozed_until"])))
    elif st["next_reminder_at"] and st["due_in_s"] is not None:
        if st["due_in_s"] > 0:
            lines.append(
                _("Next break in {duration} of sitting (about {time})").format(
                    duration=format_duration(st["due_in_s"]), time=clock_text(st["next_reminder_at"])
                )
            )
        elif st.get("waiting_for"):
            lines.append(_("A break is due, waiting: {reason}").format(reason=words(st["waiting_for"])))
        else:
            lines.append(_("A break is due now: `deskbreak break`, `deskbreak snooze` or `deskbreak skip`"))
    if not st["in_work_hours"]:
        lines.append(_("Outside work hours: no reminders until they start"))
    if st["snoozes_left"] is not None:
        lines.append(_("Snoozes left today: {count}").format(count=st["snoozes_left"]))
    if st["standing"]:
        lines.append(_("Standing: the sitting clock is stopped (deskbreak sit when you sit down)"))
    if reply.get("today"):
        lines.append(reply["today"])
    if reply.get("event_log"):
        lines.append(
            _(
                "The event log is not being written ({trouble}): breaks and snoozes are not recorded. "
                "Check that it is writable and the disk has room (deskbreak doctor)"
            ).format(trouble=reply["event_log"])
        )
    lines.append(
        _("Daemon pid {pid} · idle: {idle} · notifier: {notifier} · tray: {tray}").format(
            pid=reply["pid"], idle=reply["idle_source"], notifier=reply["notifier"], tray=reply["tray"]
        )
    )
    return "\n".join(lines)


def clock_text(iso: str) -> str:
    """ "14:30" today (each of deskbreak's languages writes the time of day so), else the day
    and time in the user's language ("Thu 26 Nov 09:00", "Do., 26. Nov., 09:00"). The daemon
    sends local ISO times, so today's clock is read straight off the text; datetime and Babel are
    imported only for other days, which keeps them out of the quick `status` path."""
    if iso[:10] == time.strftime("%Y-%m-%d"):
        return iso[11:16]
    from datetime import datetime

    from deskbreak.config.localformat import day_and_time

    return day_and_time(datetime.fromisoformat(iso))
