"""Control messages (from the CLI, the tray menu and routine processes) turned into core inputs.

The same dicts arrive from every front end, so one schema per command (SCHEMAS: every field
described once, as config keys and routine files are, in deskbreak.config.schema) checks a
whole message before anything is built from it, and one
reply shape goes back: {"ok": bool, "message"|"error": str, "status": {...}}. A message that
breaks any rule is refused and changes nothing; unknown fields are refused too, so a typo is
never silently ignored.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Callable, get_args

from deskbreak.config.i18n import N_, _
from deskbreak.config.schema import ROUTINE_NAME, Field, Invalid, allowed, check
from deskbreak.core import model, timeline, workhours
from deskbreak.core.model import Input, Instant, Status
from deskbreak.daemon.controller import Controller

Reply = dict[str, Any]
MAX_PAUSE = timedelta(days=30)
MAX_SNOOZE_S = 4 * 3600.0
MAX_BREAK_S = 24 * 3600.0
MAX_STEPS = 10_000


class BadCommand(ValueError):
    """A control message with a missing or wrong field; the text says what is allowed."""


def status_dict(status: Status, now: Instant) -> dict[str, Any]:
    """Status as JSON for `deskbreak status --json` and the tray; times are local ISO-8601."""
    next_reminder = None
    if status.due_in_s is not None and status.phase in ("sitting", "due"):
        next_reminder = timeline.after(now.wall, timedelta(seconds=max(status.due_in_s, 0))).isoformat(timespec="seconds")
    return {
        "phase": status.phase,
        "sitting_s": round(status.sat_s),
        "progress": round(status.progress, 3),
        "due_in_s": None if status.due_in_s is None else round(status.due_in_s),
        "next_reminder_at": next_reminder,
        "paused_until": _iso(status.paused_until),
        "snoozed_until": _iso(status.snoozed_until),
        "snoozes_left": status.snoozes_left,
        "standing": status.standing,
        "in_work_hours": status.in_work_hours,
        "waiting_for": status.waiting_for,
    }


def _fields(*fields: Field) -> dict[str, Field]:
    return {described.name: described for described in fields}


_ROUTINE = replace(ROUTINE_NAME, name="routine")
SCHEMAS: dict[str, dict[str, Field]] = {  # each command's fields, described once (deskbreak.config.schema)
    "ping": {},
    "status": {},
    "stop": {},
    "reload": {},
    "resume": {},
    "skip": {},
    "stand": {},
    "sit": {},
    "pause": _fields(
        Field("for_s", "number", 1, MAX_PAUSE.total_seconds(), unit=N_("seconds")),
        Field("until", "moment"),
        Field("until_tomorrow", "true"),
        Field("indefinitely", "true"),
    ),
    "snooze": _fields(Field("for_s", "number", 1, MAX_SNOOZE_S, unit=N_("seconds"))),
    "done": _fields(_ROUTINE),
    "break": _fields(_ROUTINE),
    "break_started": _fields(replace(_ROUTINE, required=True)),
    "finish_break": _fields(
        Field("outcome", "choice", options=get_args(model.BreakOutcome), required=True),
        replace(_ROUTINE, required=True),
        Field("steps", "whole", 0, MAX_STEPS),
        Field("duration_s", "number", 0, MAX_BREAK_S, unit=N_("seconds")),
        Field("reason", "text", chars=200, one_line=True),
    ),
}
COMMON = _fields(Field("source", "choice", options=tuple(sorted(get_args(model.Source)))))


def validate(message: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The command and its checked fields (with "source", default "cli"); BadCommand names the
    first field that breaks its rule and what is allowed."""
    cmd = message.get("cmd")
    schema = SCHEMAS.get(cmd) if isinstance(cmd, str) else None
    if schema is None:
        shown = cmd if isinstance(cmd, str) and len(cmd) <= 40 else type(cmd).__name__
        raise BadCommand(f"unknown command {shown!r}; known: {', '.join(sorted(SCHEMAS))}")
    fields: dict[str, Any] = {"source": "cli"}
    for key, value in message.items():
        if key == "cmd":
            continue
        described = schema.get(key) or COMMON.get(key) if isinstance(key, str) else None
        if described is None:
            known = ", ".join(f'"{k}"' for k in (*schema, *COMMON))
            raise BadCommand(f"{cmd} has no field {str(key)[:40]!r}; its fields: {known}")
        try:
            fields[key] = check(described, value)
        except Invalid as exc:
            raise BadCommand(f'{cmd}: "{key}" {_shown(value)}: {exc}') from None
    missing = [key for key, described in schema.items() if described.required and key not in fields]
    if missing:
        raise BadCommand(f'{cmd} needs "{missing[0]}" ({allowed(schema[missing[0]])})')
    return str(cmd), fields


class Commands:
    def __init__(
        self,
        controller: Controller,
        open_routine: Callable[[str, str], str | None],
        request_stop: Callable[[], None],
        extras: Callable[[], dict[str, Any]],
        reload: Callable[[], str | None] = lambda: "this daemon cannot reload its settings",
    ) -> None:
        self._controller = controller
        self._open_routine = open_routine
        self._request_stop = request_stop
        self._extras = extras
        self._reload = reload
        self._inputs: dict[str, Callable[[dict[str, Any]], Input]] = {
            "pause": self._pause,
            "resume": lambda f: model.Resume(source=f["source"]),
            "snooze": self._snooze,
            "skip": lambda f: model.Skip(source=f["source"]),
            "done": lambda f: model.FinishBreak("done", f.get("routine", "unrecorded"), source=f["source"]),
            "break_started": lambda f: model.StartBreak(f["routine"], source=f["source"]),
            "finish_break": lambda f: model.FinishBreak(
                f["outcome"], f["routine"], f.get("steps", 0), f.get("duration_s", 0.0), source=f["source"], reason=f.get("reason")
            ),
            "stand": lambda f: model.SetStanding(True, source=f["source"]),
            "sit": lambda f: model.SetStanding(False, source=f["source"]),
        }

    def known(self) -> list[str]:
        return sorted(SCHEMAS)

    def handle(self, msg: dict[str, Any]) -> Reply:
        """Validate the whole message, then act; a refused message changes nothing."""
        try:
            cmd, fields = validate(msg)
            if cmd == "ping":
                return {"ok": True}
            if cmd == "status":
                return self._status_reply(message=None)
            if cmd == "stop":
                self._request_stop()
                return {"ok": True, "message": _("deskbreak is stopping.")}
            if cmd == "reload":
                problem = self._reload()
                if problem:
                    return {"ok": False, "error": problem}
                return self._status_reply(message=_("Settings reloaded."))
            if cmd == "break":
                return self._break(fields)
            inp = self._inputs[cmd](fields)
        except BadCommand as exc:
            return {"ok": False, "error": str(exc)}
        outcome = self._controller.handle(inp)
        if outcome.error:
            return {"ok": False, "error": outcome.error}
        return self._status_reply(message=outcome.message)

    def _status_reply(self, message: str | None) -> Reply:
        status, now = self._controller.status()
        reply: Reply = {"ok": True, "status": status_dict(status, now), **self._extras()}
        if message:
            reply["message"] = message
        return reply

    def _break(self, fields: dict[str, Any]) -> Reply:
        routine = fields.get("routine", self._controller.settings.default_routine)
        reason = self._open_routine(routine, fields["source"])
        if reason is None:
            return {"ok": True, "opened": True, "message": _("Opening the {routine} routine.").format(routine=routine)}
        return {
            "ok": True,
            "opened": False,
            "message": _(
                "The routine window cannot be shown here: {reason}. Do it in this terminal with: deskbreak routine {routine} --terminal"
            ).format(reason=reason, routine=routine),
        }

    def _pause(self, fields: dict[str, Any]) -> Input:
        modes = [key for key in ("for_s", "until", "until_tomorrow", "indefinitely") if key in fields]
        if len(modes) != 1:
            raise BadCommand('pause needs exactly one of "for_s", "until", "until_tomorrow" or "indefinitely"')
        now = self._controller.status()[1]
        source = fields["source"]
        if "indefinitely" in fields:
            return model.Pause(None, source=source)
        if "until_tomorrow" in fields:
            return model.Pause(workhours.next_workday_start(now.wall, self._controller.settings.work_hours), source=source)
        if "for_s" in fields:
            return model.Pause(timeline.after(now.wall, timedelta(seconds=fields["for_s"])), source=source)
        until = fields["until"]
        if timeline.seconds_between(now.wall, until) <= 0:
            raise BadCommand(f"pause until {until.isoformat()} is in the past")
        if timeline.seconds_between(now.wall, until) > MAX_PAUSE.total_seconds():
            raise BadCommand(f"pause until {until.isoformat()} is more than {MAX_PAUSE.days} days away; pause indefinitely instead")
        return model.Pause(until, source=source)

    def _snooze(self, fields: dict[str, Any]) -> Input:
        if "for_s" not in fields:
            return model.Snooze(None, source=fields["source"])
        return model.Snooze(timedelta(seconds=fields["for_s"]), source=fields["source"])


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def _shown(value: Any) -> str:
    """The refused value as the message had it, short (the CLI makes it safe for the terminal)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"
