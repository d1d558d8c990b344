"""Control messages (from the CLI, the tray menu and routine processes) turned into core inputs.

The same dicts arrive from every front end, so one table validates them and one reply shape
goes back: {"ok": bool, "message"|"error": str, "status": {...}}.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, Callable, get_args

from deskbreak.core import model, workhours
from deskbreak.core.model import Input, Instant, Status
from deskbreak.daemon.controller import Controller

Reply = dict[str, Any]
MAX_PAUSE = timedelta(days=30)
SOURCES = set(get_args(model.Source))


class BadCommand(ValueError):
    """A control message with a missing or wrong field; the text says what is allowed."""


def status_dict(status: Status, now: Instant) -> dict[str, Any]:
    """Status as JSON for `deskbreak status --json` and the tray; times are local ISO-8601."""
    next_reminder = None
    if status.due_in_s is not None and status.phase in ("sitting", "due"):
        next_reminder = (now.wall + timedelta(seconds=max(status.due_in_s, 0))).isoformat(timespec="seconds")
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
    }


class Commands:
    def __init__(
        self,
        controller: Controller,
        open_routine: Callable[[str, str], bool],
        request_stop: Callable[[], None],
        extras: Callable[[], dict[str, Any]],
        reload: Callable[[], str | None] = lambda: "this daemon cannot reload its settings",
    ) -> None:
        self._controller = controller
        self._open_routine = open_routine
        self._request_stop = request_stop
        self._extras = extras
        self._reload = reload
        self._inputs: dict[str, Callable[[dict[str, Any], str], Input]] = {
            "pause": self._pause,
            "resume": lambda msg, src: model.Resume(source=src),
            "snooze": self._snooze,
            "skip": lambda msg, src: model.Skip(source=src),
            "done": lambda msg, src: model.FinishBreak("done", _routine(msg, default="unrecorded"), source=src),
            "break_started": lambda msg, src: model.StartBreak(_routine(msg), source=src),
            "finish_break": self._finish_break,
            "stand": lambda msg, src: model.SetStanding(True, source=src),
            "sit": lambda msg, src: model.SetStanding(False, source=src),
        }

    def known(self) -> list[str]:
        return sorted([*self._inputs, "status", "break", "stop", "ping", "reload"])

    def handle(self, msg: dict[str, Any]) -> Reply:
        cmd = msg.get("cmd")
        try:
            source = _source(msg)
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
                return self._break(msg, source)
            make = self._inputs.get(cmd) if isinstance(cmd, str) else None
            if make is None:
                raise BadCommand(f"unknown command {cmd!r}; known: {', '.join(self.known())}")
            inp = make(msg, source)
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

    def _break(self, msg: dict[str, Any], source: str) -> Reply:
        routine = _routine(msg, default=self._controller.settings.default_routine)
        if self._open_routine(routine, source):
            return {"ok": True, "opened": True, "message": f"Opening the {routine} routine."}
        return {"ok": True, "opened": False, "message": "No display to open the routine window on."}

    def _pause(self, msg: dict[str, Any], source: str) -> Input:
        now = self._controller.status()[1]
        if msg.get("indefinitely"):
            return model.Pause(None, source=source)
        if msg.get("until_tomorrow"):
            return model.Pause(workhours.next_workday_start(now.wall, self._controller.settings.work_hours), source=source)
        if "for_s" in msg:
            seconds = _number(msg, "for_s")
            if not 0 < seconds <= MAX_PAUSE.total_seconds():
                raise BadCommand(f"pause length must be between 1 second and {MAX_PAUSE.days} days")
            return model.Pause(now.wall + timedelta(seconds=seconds), source=source)
        if "until" in msg:
            until = _datetime(msg, "until")
            if until <= now.wall:
                raise BadCommand(f"pause until {until.isoformat()} is in the past")
            return model.Pause(until, source=source)
        raise BadCommand('pause needs one of "for_s", "until", "until_tomorrow" or "indefinitely"')

    def _snooze(self, msg: dict[str, Any], source: str) -> Input:
        if "for_s" not in msg:
            return model.Snooze(None, source=source)
        seconds = _number(msg, "for_s")
        if not 0 < seconds <= 4 * 3600:
            raise BadCommand("snooze length must be between 1 second and 4 hours")
        return model.Snooze(timedelta(seconds=seconds), source=source)

    def _finish_break(self, msg: dict[str, Any], source: str) -> Input:
        outcome = msg.get("outcome")
        if outcome not in get_args(model.BreakOutcome):
            raise BadCommand(f'finish_break "outcome" must be one of {", ".join(get_args(model.BreakOutcome))}')
        steps = msg.get("steps", 0)
        if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
            raise BadCommand('"steps" must be a whole number of at least 0')
        reason = msg.get("reason")
        if reason is not None and (not isinstance(reason, str) or len(reason) > 200):
            raise BadCommand('"reason" must be a short text')
        return model.FinishBreak(outcome, _routine(msg), steps, _number(msg, "duration_s", 0.0), source=source, reason=reason)


def _source(msg: dict[str, Any]) -> Any:
    source = msg.get("source", "cli")
    if source not in SOURCES:
        raise BadCommand(f'"source" must be one of {", ".join(sorted(SOURCES))}')
    return source


def _routine(msg: dict[str, Any], default: str | None = None) -> str:
    routine = msg.get("routine", default)
    if not isinstance(routine, str) or not routine or len(routine) > 64:
        raise BadCommand('"routine" must be a routine name (see `deskbreak routines`)')
    return routine


def _number(msg: dict[str, Any], key: str, default: float | None = None) -> float:
    value = msg.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise BadCommand(f'"{key}" must be a finite number')
    return float(value)


def _datetime(msg: dict[str, Any], key: str) -> datetime:
    try:
        value = datetime.fromisoformat(msg[key])
    except (TypeError, ValueError):
        raise BadCommand(f'"{key}" must be an ISO-8601 time with a UTC offset') from None
    if value.tzinfo is None:
        raise BadCommand(f'"{key}" must include a UTC offset, e.g. 2026-11-24T14:30:00+01:00')
    return value


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")
