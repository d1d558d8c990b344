"""Control messages (from the CLI, the tray menu and routine processes) turned into core inputs.

The same dicts arrive from every front end, so one schema per command (SCHEMAS: every field
with its type and range) checks a whole message before anything is built from it, and one
reply shape goes back: {"ok": bool, "message"|"error": str, "status": {...}}. A message that
breaks any rule is refused and changes nothing; unknown fields are refused too, so a typo is
never silently ignored.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, Callable, get_args

from deskbreak.core import model, timeline, workhours
from deskbreak.core.model import Input, Instant, Status
from deskbreak.daemon.controller import Controller

Reply = dict[str, Any]
MAX_PAUSE = timedelta(days=30)
MAX_SNOOZE_S = 4 * 3600.0
MAX_BREAK_S = 24 * 3600.0
MAX_STEPS = 10_000
SOURCES = set(get_args(model.Source))
Check = Callable[[Any], Any]


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


def _seconds(low: float, high: float) -> Check:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise BadCommand("must be a finite number")
        if not low <= value <= high:
            raise BadCommand(f"must be between {low:g} and {high:g} seconds")
        return float(value)

    return check


def _whole(low: int, high: int) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise BadCommand(f"must be a whole number from {low} to {high}")
        return value

    return check


def _true(value: Any) -> bool:
    if value is not True:
        raise BadCommand("must be true when given")
    return True


def _routine_name(value: Any) -> str:
    if not isinstance(value, str) or not value or len(value) > 64 or not value.isprintable():
        raise BadCommand("must be a routine name (see `deskbreak routines`)")
    return value


def _outcome(value: Any) -> str:
    if value not in get_args(model.BreakOutcome):
        raise BadCommand(f"must be one of {', '.join(get_args(model.BreakOutcome))}")
    return value


def _source_name(value: Any) -> str:
    if not isinstance(value, str) or value not in SOURCES:
        raise BadCommand(f"must be one of {', '.join(sorted(SOURCES))}")
    return value


def _short_text(value: Any) -> str:
    if not isinstance(value, str) or not value or len(value) > 200 or not value.isprintable():
        raise BadCommand("must be a short line of text (at most 200 characters)")
    return value


def _moment(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadCommand("must be an ISO-8601 time with a UTC offset") from None
    if moment.tzinfo is None:
        raise BadCommand("must include a UTC offset, e.g. 2026-11-24T14:30:00+01:00")
    return moment


SCHEMAS: dict[str, dict[str, Check]] = {
    "ping": {},
    "status": {},
    "stop": {},
    "reload": {},
    "resume": {},
    "skip": {},
    "stand": {},
    "sit": {},
    "pause": {"for_s": _seconds(1, MAX_PAUSE.total_seconds()), "until": _moment, "until_tomorrow": _true, "indefinitely": _true},
    "snooze": {"for_s": _seconds(1, MAX_SNOOZE_S)},
    "done": {"routine": _routine_name},
    "break": {"routine": _routine_name},
    "break_started": {"routine": _routine_name},
    "finish_break": {
        "outcome": _outcome,
        "routine": _routine_name,
        "steps": _whole(0, MAX_STEPS),
        "duration_s": _seconds(0, MAX_BREAK_S),
        "reason": _short_text,
    },
}
REQUIRED = {"break_started": ("routine",), "finish_break": ("outcome", "routine")}
COMMON = {"source": _source_name}


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
        check = schema.get(key) or COMMON.get(key) if isinstance(key, str) else None
        if check is None:
            allowed = ", ".join(f'"{k}"' for k in (*schema, *COMMON))
            raise BadCommand(f"{cmd} has no field {str(key)[:40]!r}; its fields: {allowed}")
        try:
            fields[key] = check(value)
        except BadCommand as exc:
            raise BadCommand(f'{cmd}: "{key}" {exc}') from None
    missing = [key for key in REQUIRED.get(cmd, ()) if key not in fields]
    if missing:
        raise BadCommand(f'{cmd} needs "{missing[0]}"')
    return cmd, fields


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
                return {"ok": True, "message": "deskbreak is stopping."}
            if cmd == "reload":
                problem = self._reload()
                if problem:
                    return {"ok": False, "error": problem}
                return self._status_reply(message="Settings reloaded.")
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
            return {"ok": True, "opened": True, "message": f"Opening the {routine} routine."}
        return {
            "ok": True,
            "opened": False,
            "message": f"The routine window cannot be shown here: {reason}. "
            f"Do it in this terminal with: deskbreak routine {routine} --terminal",
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
