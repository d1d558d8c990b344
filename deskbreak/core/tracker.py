"""The sitting tracker and reminder policy: every rule about sitting time and reminders.

Pure: `apply(state, now, input, settings)` returns the next state, the events to log and
whether to show a reminder. Nothing here reads a clock, sleeps or does I/O, so a whole work day
runs in a test in milliseconds. Durations use `Instant.mono`; calendar rules use `Instant.wall`.

Rules, in the order `_on_sample` applies them:
- A gap between samples much longer than the sampling interval, or wall time running far ahead
  of monotonic time, means the machine slept (or the process was stopped): the gap is time away,
  and a gap at least as long as the natural-break threshold is a break. It never adds sitting
  time, so waking up never yields a burst of reminders. The sampling interval is `sample_every`,
  or, while the idle source tells of returning input by events (`Sample.every_s`), the daemon's
  slow safety sample; wall time running ahead of monotonic time by more than three
  `sample_every` is sleep either way.
- Presence by events: while the user is not away, the core asks to look again at the moment
  the last idle reading says the idle threshold will be reached (input stopped at T: look at
  T + break_after_idle), so idle begins on time without steady sampling; input coming back is
  the daemon's event, which it turns into a sample. Sitting time between the last sample and
  the moment input stopped is counted. Busy has no event: while a due reminder is held back,
  the core asks to look again every `sample_every`.
- Idle time at or over the threshold is a natural break: the sitting clock restarts. The idle
  time already counted (samples below the threshold) was not sitting: the event's sat_s leaves
  it out, so the log says when the user really left. The first active sample after it logs
  `back`, so the log says when the user really returned.
- Otherwise the elapsed time is sitting time, unless standing.
- A break is due once sitting time reaches the limit, unless paused, standing, snoozed, on a
  break, away or outside work hours. A due reminder is shown once, shown again every
  `renotify_every` while unanswered, and held back (up to a cap) while the user is busy: a
  fullscreen window, an idle inhibitor, a call on the microphone or camera, Do Not Disturb.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Callable

from deskbreak.config.durations import format_duration, format_minutes
from deskbreak.config.i18n import _, ngettext
from deskbreak.config.localformat import weekday_and_time
from deskbreak.config.settings import Settings
from deskbreak.core import model, timeline
from deskbreak.core.model import Event, Input, Instant, Outcome, Reminder, Status
from deskbreak.core.workhours import in_work_hours

BREAK_TIMEOUT_S = 3600.0  # a routine that never reports back stops holding reminders off
MIN_GAP_S = 5.0


@dataclass(frozen=True)
class State:
    last: Instant  # when the core last saw time pass
    sat_s: float = 0.0  # sitting seconds since the last break
    idle_sat_s: float = 0.0  # of sat_s, the part counted while the user was already idle
    away: bool = False  # idle past the threshold; cleared by the next active sample
    standing: bool = False
    paused: bool = False
    paused_until: datetime | None = None  # with paused: None means until resumed
    snoozed_until: float | None = None  # monotonic
    snoozed_until_wall: datetime | None = None
    snooze_day: date | None = None
    snoozes_used: int = 0
    on_break: str | None = None  # the routine under way
    break_since: float = 0.0  # monotonic
    shown: int = 0  # reminders shown for the current due break
    last_shown: float | None = None  # monotonic
    busy: str | None = None  # why notifications should wait, from the last sample
    deferred_since: float | None = None  # monotonic
    every_s: float | None = None  # from the last sample: its promised sampling interval (events)
    input_at: float | None = None  # monotonic: the last input, as the last sample read it


def initial_state(now: Instant, sat_s: float = 0.0, snoozes_used: int = 0) -> State:
    """A fresh state; `sat_s` carries sitting time over from a run that crashed, `snoozes_used`
    the snoozes already taken on now's day (both rebuilt from the log: deskbreak.daemon.restore)."""
    return State(last=now, sat_s=sat_s, snooze_day=now.wall.date(), snoozes_used=max(snoozes_used, 0))


def apply(state: State, now: Instant, inp: Input, settings: Settings) -> Outcome:
    """Apply one input at `now`; pause expiry and the reminder decision follow every input."""
    state, events = _advance(state, now, inp, settings)
    state, more = _expire_pause(state, now)
    events += more
    handler = _HANDLERS[type(inp)]
    outcome = handler(state, now, inp, settings)
    state, reminder, more = _remind(outcome.state, now, settings)
    return replace(outcome, state=state, events=tuple(events) + outcome.events + more, reminder=reminder)


def describe(state: State, now: Instant, settings: Settings) -> Status:
    """What the tray and `deskbreak status` show, derived from the state."""
    limit = settings.sit_limit.total_seconds()
    phase = _phase(state, now, settings)
    sat_s = _sat_by_now(state, now)
    due_in = max(limit - sat_s, 0.0) if phase in ("sitting", "due") else None
    return Status(
        phase=phase,
        sat_s=sat_s,
        progress=sat_s / limit,
        due_in_s=due_in,
        paused_until=state.paused_until if state.paused else None,
        snoozed_until=state.snoozed_until_wall if state.snoozed_until is not None else None,
        snoozes_left=_snoozes_left(state, now, settings),
        standing=state.standing,
        in_work_hours=in_work_hours(now.wall, settings.work_hours),
        waiting_for=state.busy if phase == "due" and state.deferred_since is not None else None,
    )


def _sat_by_now(state: State, now: Instant) -> float:
    """Sitting time as of `now`. With presence by events no news since the last sample means
    present or idle below the threshold, both sitting, so the time since counts (status and the
    tray read it fresh without a sample); with steady samples it is the last sample's."""
    if state.every_s is None or state.away or state.standing or state.on_break is not None:
        return state.sat_s
    return state.sat_s + max(now.mono - state.last.mono, 0.0)


def note_busy(state: State, busy: str | None) -> State:
    """The state with a fresh busy reading, for an input that is not a sample (the daemon reads
    busy only when a reminder would otherwise be shown, whatever the input was)."""
    return replace(state, busy=busy)


def next_check(state: State, now: Instant, settings: Settings) -> float | None:
    """Seconds until something may change without any input (reminder due, snooze, pause or
    deferral ending, a re-notification); None when only a new input can change anything."""
    waits: list[float] = []
    if state.paused:
        if state.paused_until is not None:
            waits.append(state.paused_until.timestamp() - now.wall.timestamp())
    elif state.on_break is not None:
        waits.append(state.break_since + BREAK_TIMEOUT_S - now.mono)
    elif state.snoozed_until is not None:
        waits.append(state.snoozed_until - now.mono)
    elif not (state.standing or state.away):
        limit = settings.sit_limit.total_seconds()
        if state.sat_s < limit:
            waits.append(limit - state.sat_s)
        elif state.last_shown is not None and settings.renotify_every:
            waits.append(state.last_shown + settings.renotify_every.total_seconds() - now.mono)
        if state.deferred_since is not None:
            waits.append(state.deferred_since + settings.defer_fullscreen_max.total_seconds() - now.mono)
    if state.every_s is not None:  # presence by events: no steady sample to lean on
        if state.input_at is not None and not state.away:
            waits.append(state.input_at + settings.break_after_idle.total_seconds() - now.mono)  # idle begins then
        if state.deferred_since is not None and not state.paused:
            waits.append(settings.sample_every.total_seconds())  # busy has no event: look again at its end
    return max(min(waits), 0.0) if waits else None


# --- time passing ------------------------------------------------------------------------


def _advance(state: State, now: Instant, inp: Input, settings: Settings) -> tuple[State, list[Event]]:
    """Account for the time since the last input: sitting, away, or asleep."""
    elapsed_mono = max(now.mono - state.last.mono, 0.0)
    elapsed_wall = now.wall.timestamp() - state.last.wall.timestamp()  # real seconds, even across DST
    elapsed = max(elapsed_mono, elapsed_wall)
    gap = _slept(state, elapsed_mono, elapsed_wall, settings)
    state = replace(state, last=now)
    if isinstance(inp, model.Sample):
        input_at = now.mono - inp.idle_s if inp.idle_s is not None else None
        state = replace(state, every_s=inp.every_s, input_at=input_at)
    if now.wall.date() != state.snooze_day:
        state = replace(state, snooze_day=now.wall.date(), snoozes_used=0)
    if gap:
        if elapsed >= settings.break_after_idle.total_seconds():
            return _natural_break(state, elapsed, "suspend")
        return state, []
    idle = inp.idle_s if isinstance(inp, model.Sample) else None
    idle_part = min(idle, elapsed_mono) if idle is not None else 0.0
    sitting = not (state.standing or state.on_break is not None or state.away)
    if idle is not None and idle >= settings.break_after_idle.total_seconds():
        if state.away:
            return state, []
        if idle_part < elapsed_mono and sitting:  # input came after the last sample: sat until it stopped
            return _natural_break(replace(state, sat_s=state.sat_s + elapsed_mono - idle_part), idle, "idle")
        return _natural_break(replace(state, sat_s=max(state.sat_s - state.idle_sat_s, 0.0)), idle, "idle")
    if state.away and isinstance(inp, model.Sample):
        return replace(state, away=False), [Event("back", {})]
    idle_sat = state.idle_sat_s if idle_part >= elapsed_mono else 0.0  # active in this interval: start afresh
    if not sitting:
        return replace(state, idle_sat_s=idle_sat), []
    return replace(state, sat_s=state.sat_s + elapsed_mono, idle_sat_s=idle_sat + idle_part), []


def _slept(state: State, elapsed_mono: float, elapsed_wall: float, settings: Settings) -> bool:
    """Whether the time since the last input was a gap: far longer than the sampling interval
    in force, or wall time ahead of monotonic time (which stops during suspend)."""
    sample_every = settings.sample_every.total_seconds()
    every = state.every_s or sample_every
    if max(elapsed_mono, elapsed_wall) > max(3 * every, every + MIN_GAP_S):
        return True
    return elapsed_wall - elapsed_mono > max(3 * sample_every, sample_every + MIN_GAP_S)


def _natural_break(state: State, away_s: float, reason: str) -> tuple[State, list[Event]]:
    """Being away long enough is a break: the sitting clock restarts and nothing stays due."""
    event = Event("natural_break", {"away_s": round(away_s), "sat_s": round(state.sat_s), "reason": reason})
    return _rested(replace(state, away=reason == "idle")), [event]


def _rested(state: State) -> State:
    return replace(
        state,
        sat_s=0.0,
        idle_sat_s=0.0,
        snoozed_until=None,
        snoozed_until_wall=None,
        on_break=None,
        shown=0,
        last_shown=None,
        deferred_since=None,
    )


def _expire_pause(state: State, now: Instant) -> tuple[State, tuple[Event, ...]]:
    if state.paused and state.paused_until is not None and now.wall.timestamp() >= state.paused_until.timestamp():
        event = Event("resumed", {"source": "schedule", "reason": "expired"})
        return replace(state, paused=False, paused_until=None), (event,)
    return state, ()


# --- the reminder decision ---------------------------------------------------------------


def _remind(state: State, now: Instant, settings: Settings) -> tuple[State, Reminder | None, tuple[Event, ...]]:
    if state.snoozed_until is not None and now.mono >= state.snoozed_until:
        state = replace(state, snoozed_until=None, snoozed_until_wall=None)
    if _phase(state, now, settings) != "due":
        return replace(state, deferred_since=None), None, ()
    if state.last_shown is not None:
        wait = settings.renotify_every.total_seconds()
        if not wait or now.mono - state.last_shown < wait:
            return state, None, ()
    if state.busy is not None:
        if state.deferred_since is None:
            event = Event("deferred", {"reason": state.busy, "max_s": round(settings.defer_fullscreen_max.total_seconds())})
            return replace(state, deferred_since=now.mono), None, (event,)
        if now.mono - state.deferred_since < settings.defer_fullscreen_max.total_seconds():
            return state, None, ()
    reminder = Reminder(
        sat_s=state.sat_s,
        repeat=state.shown,
        snooze_minutes=settings.snooze_minutes,
        snoozes_left=_snoozes_left(state, now, settings),
        sound=settings.sound,
    )
    event = Event("reminder_shown", {"sat_s": round(state.sat_s), "repeat": state.shown, "snoozes_left": reminder.snoozes_left})
    state = replace(state, shown=state.shown + 1, last_shown=now.mono, deferred_since=None)
    return state, reminder, (event,)


def _phase(state: State, now: Instant, settings: Settings) -> model.Phase:
    if state.on_break is not None:
        return "on_break"
    if state.paused:
        return "paused"
    if state.standing:
        return "standing"
    if state.away:
        return "away"
    if not in_work_hours(now.wall, settings.work_hours):
        return "off_hours"
    if state.snoozed_until is not None:
        return "snoozed"
    return "due" if state.sat_s >= settings.sit_limit.total_seconds() else "sitting"


def _snoozes_left(state: State, now: Instant, settings: Settings) -> int:
    used = state.snoozes_used if state.snooze_day == now.wall.date() else 0
    return max(settings.snoozes_per_day - used, 0)


# --- inputs ------------------------------------------------------------------------------


def _sample(state: State, now: Instant, inp: model.Sample, settings: Settings) -> Outcome:
    if state.on_break is not None and now.mono - state.break_since >= BREAK_TIMEOUT_S:
        event = Event(
            "break_abandoned",
            {
                "routine": state.on_break,
                "steps": 0,
                "duration_s": round(now.mono - state.break_since),
                "source": "schedule",
                "reason": "the routine never reported back",
            },
        )
        return Outcome(replace(state, on_break=None, busy=inp.busy), (event,))
    return Outcome(replace(state, busy=inp.busy))


def _snooze(state: State, now: Instant, inp: model.Snooze, settings: Settings) -> Outcome:
    phase = _phase(state, now, settings)
    if phase not in ("due", "snoozed", "on_break"):
        return _refuse(state, _("Nothing to snooze: no break is due ({reason}).").format(reason=_why_not_due(state, now, settings)))
    left = _snoozes_left(state, now, settings)
    if left <= 0:
        return _refuse(
            state,
            ngettext(
                "No snoozes left today ({count} a day). Take the break (deskbreak break) or skip it (deskbreak skip).",
                "No snoozes left today ({count} a day). Take the break (deskbreak break) or skip it (deskbreak skip).",
                settings.snoozes_per_day,
            ).format(count=settings.snoozes_per_day),
        )
    length = inp.duration or settings.snooze
    state = replace(
        state,
        snoozed_until=now.mono + length.total_seconds(),
        snoozed_until_wall=timeline.after(now.wall, length),
        snoozes_used=state.snoozes_used + 1,
        on_break=None,
        shown=0,
        last_shown=None,
        deferred_since=None,
    )
    event = Event("snoozed", {"minutes": round(length.total_seconds() / 60, 2), "left": left - 1, "source": inp.source})
    said = format_minutes(settings.snooze_minutes * 60) if inp.duration is None else format_duration(length)
    return Outcome(state, (event,), message=_("Snoozed for {time} ({count} left today).").format(time=said, count=left - 1))


def _skip(state: State, now: Instant, inp: model.Skip, settings: Settings) -> Outcome:
    if _phase(state, now, settings) not in ("due", "snoozed", "on_break"):
        return _refuse(state, _("Nothing to skip: no break is due ({reason}).").format(reason=_why_not_due(state, now, settings)))
    event = Event("skipped", {"sat_s": round(state.sat_s), "source": inp.source})
    message = _("Break skipped; the next one comes after {time} more sitting.").format(time=format_minutes(settings.sit_limit))
    return Outcome(_rested(state), (event,), message=message)


def _start_break(state: State, now: Instant, inp: model.StartBreak, settings: Settings) -> Outcome:
    event = Event("break_started", {"routine": inp.routine, "source": inp.source, "sat_s": round(state.sat_s)})
    state = replace(state, on_break=inp.routine, break_since=now.mono, snoozed_until=None, snoozed_until_wall=None, deferred_since=None)
    return Outcome(state, (event,), message=_("Break started: {routine} routine.").format(routine=inp.routine))


def _finish_break(state: State, now: Instant, inp: model.FinishBreak, settings: Settings) -> Outcome:
    data: dict[str, Any] = {"routine": inp.routine, "steps": inp.steps, "duration_s": round(inp.duration_s, 1), "source": inp.source}
    if inp.reason:
        data["reason"] = inp.reason
    if inp.outcome == "done":
        event = Event("break_done", {**data, "sat_s": round(state.sat_s)})
        return Outcome(_rested(state), (event,), message=_("Break done: the sitting clock starts again."))
    state = replace(state, on_break=None, last_shown=now.mono if state.shown else state.last_shown)
    return Outcome(state, (Event("break_abandoned", data),), message=_("Break stopped before the end; it counts as not done."))


def _routine_exited(state: State, now: Instant, inp: model.RoutineExited, settings: Settings) -> Outcome:
    """A routine process that ended without an outcome (killed, crashed) leaves no break open."""
    if state.on_break is None:
        return Outcome(state)
    event = Event(
        "break_abandoned",
        {
            "routine": state.on_break,
            "steps": 0,
            "duration_s": round(now.mono - state.break_since),
            "source": inp.source,
            "reason": inp.reason,
        },
    )
    return Outcome(replace(state, on_break=None, last_shown=now.mono if state.shown else state.last_shown), (event,))


def _pause(state: State, now: Instant, inp: model.Pause, settings: Settings) -> Outcome:
    until = inp.until.isoformat(timespec="seconds") if inp.until else None
    state = replace(state, paused=True, paused_until=inp.until, deferred_since=None)
    message = (
        _("Paused until {time}.").format(time=weekday_and_time(inp.until))
        if inp.until
        else _("Paused until you resume (deskbreak resume).")
    )
    return Outcome(state, (Event("paused", {"until": until, "source": inp.source}),), message=message)


def _resume(state: State, now: Instant, inp: model.Resume, settings: Settings) -> Outcome:
    if not state.paused:
        return _refuse(state, _("Reminders are not paused."))
    state = replace(state, paused=False, paused_until=None, last_shown=now.mono if state.shown else state.last_shown)
    return Outcome(state, (Event("resumed", {"source": inp.source, "reason": "user"}),), message=_("Reminders resumed."))


def _set_standing(state: State, now: Instant, inp: model.SetStanding, settings: Settings) -> Outcome:
    if state.standing == inp.standing:
        return Outcome(state, message=_("Already standing.") if inp.standing else _("Already sitting."))
    kind = "standing_on" if inp.standing else "standing_off"
    message = (
        _("Standing: the sitting clock is stopped.")
        if inp.standing
        else _("Sitting again: {time} counted so far.").format(time=format_duration(state.sat_s))
    )
    state = replace(state, standing=inp.standing, deferred_since=None, last_shown=now.mono if state.shown else state.last_shown)
    return Outcome(state, (Event(kind, {"source": inp.source}),), message=message)


def _refuse(state: State, error: str) -> Outcome:
    return Outcome(state, error=error)


def _why_not_due(state: State, now: Instant, settings: Settings) -> str:
    phase = _phase(state, now, settings)
    if phase == "sitting":
        left = settings.sit_limit.total_seconds() - state.sat_s
        return _("the next one is in {time} of sitting").format(time=format_duration(left))
    reasons = {
        "paused": _("reminders are paused"),
        "standing": _("you are standing"),
        "away": _("you are away"),
        "off_hours": _("it is outside work hours"),
    }
    return reasons.get(phase, phase)


_HANDLERS: dict[type, Callable[[State, Instant, Any, Settings], Outcome]] = {
    model.Sample: _sample,
    model.Snooze: _snooze,
    model.Skip: _skip,
    model.StartBreak: _start_break,
    model.FinishBreak: _finish_break,
    model.RoutineExited: _routine_exited,
    model.Pause: _pause,
    model.Resume: _resume,
    model.SetStanding: _set_standing,
}
