"""Tell the daemon how a routine went, or write it to the log ourselves when no daemon answers.

The daemon logs through the core (which also resets the sitting clock and adds sat_s), so events
are written here only when no daemon answers: a break is never lost. A daemon that answers but
refuses (a snooze with none left) has decided: nothing is logged, and the user is told why.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from deskbreak.config.i18n import N_, _, ngettext
from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog
from deskbreak.ipc.client import DaemonUnavailable, request

Outcome = Literal["done", "abandoned"]


class Refused(Exception):
    """The daemon answered no (e.g. no snoozes left); str() is the line to show the user."""


NO_DAEMON = N_("deskbreak is not running, so this was written to the log directly (start it with: deskbreak run).")


def report_start(routine: str, source: str, log: EventLog, when: datetime | None = None) -> str | None:
    """The break began: the daemon stops nagging while it runs. Returns a note for the user, if any."""
    return _told(
        {"cmd": "break_started", "routine": routine, "source": source},
        Event("break_started", {"routine": routine, "source": source}),
        log,
        when,
    )


def report_outcome(
    outcome: Outcome,
    routine: str,
    steps: int,
    duration_s: float,
    source: str,
    log: EventLog,
    when: datetime | None = None,
    reason: str | None = None,
) -> str:
    """Done (resets the sitting clock) or abandoned (with why, when it was not the user's
    choice); returns the line to show the user."""
    duration = round(duration_s, 1)
    why = {"reason": reason} if reason else {}
    message = {
        "cmd": "finish_break",
        "outcome": outcome,
        "routine": routine,
        "steps": steps,
        "duration_s": duration,
        "source": source,
        **why,
    }
    event = Event(f"break_{outcome}", {"routine": routine, "steps": steps, "duration_s": duration, "source": source, **why})
    note = _told(message, event, log, when)
    said = (
        _("Break done: the sitting clock starts again.")
        if outcome == "done"
        else ngettext(
            "Break stopped after {count} step; it counts as not done.", "Break stopped after {count} steps; it counts as not done.", steps
        ).format(count=steps)
    )
    return f"{said} {note}" if note else said


def report_snooze(source: str, log: EventLog, snooze_minutes: int, when: datetime | None = None) -> str:
    """Raises Refused when the daemon will not snooze (the break goes on)."""
    note = _send(
        {"cmd": "snooze", "source": source}, Event("snoozed", {"minutes": snooze_minutes, "left": None, "source": source}), log, when
    )
    return note or _("Snoozed: the reminder comes back in {minutes} min.").format(minutes=snooze_minutes)


def report_skip(source: str, log: EventLog, when: datetime | None = None) -> str:
    """Raises Refused when the daemon will not skip (the break goes on)."""
    note = _send({"cmd": "skip", "source": source}, Event("skipped", {"sat_s": None, "source": source}), log, when)
    return note or _("Break skipped: the next one comes after another full sitting stretch.")


def _send(message: dict[str, Any], fallback: Event, log: EventLog, when: datetime | None) -> str | None:
    """Ask the daemon; when none answers, log `fallback` ourselves and say so. None: the daemon
    did it. A refusal raises Refused and logs nothing: the daemon has decided."""
    try:
        reply = request(message)
    except DaemonUnavailable:
        log.append(fallback, when or datetime.now().astimezone())
        return _(NO_DAEMON)
    if not reply.get("ok"):
        raise Refused(_("deskbreak said no: {reason}.").format(reason=reply.get("error", _("no reason given"))))
    return None


def _told(message: dict[str, Any], fallback: Event, log: EventLog, when: datetime | None) -> str | None:
    """_send for news the daemon cannot veto (a break began or ended): a refusal is only a note."""
    try:
        return _send(message, fallback, log, when)
    except Refused as refused:
        return str(refused)
