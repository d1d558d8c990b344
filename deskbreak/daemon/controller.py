"""The one door every input goes through: scheduler ticks, tray clicks, notification actions,
CLI commands and routine-window results.

On the owner thread (daemon/owner.py: every input is posted there, one at a time, so there is
no lock) it applies the pure core, asks whether the user is busy when (and only when) a
reminder would otherwise be shown, appends the resulting events to the log, shows or
withdraws the reminder, tells the tray, and moves the scheduler's next wake-up. Nothing else in
the daemon holds state about sitting or reminders.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Callable, Protocol, Sequence

from deskbreak.config.i18n import _
from deskbreak.config.settings import Settings
from deskbreak.core import tracker
from deskbreak.core.model import Event, Input, Instant, Outcome, Reminder, RoutineExited, Sample, Status
from deskbreak.daemon.clock import Clock
from deskbreak.platform.threads import owner_only

log = logging.getLogger(__name__)


class EventSink(Protocol):
    """The event log, as the controller sees it: one whole-line append per event."""

    def append(self, event: Event, when: datetime) -> None: ...


class ReminderSink(Protocol):
    """The notifier, as the controller sees it (owner thread only). show() returns the name of
    the notifier that delivered the reminder."""

    def show(self, reminder: Reminder) -> str | None: ...

    def withdraw(self) -> None: ...


class Controller:
    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        events: EventSink,
        notifier: ReminderSink,
        on_change: Callable[[Status], None],
        reschedule: Callable[[float | None], None],
        read_busy: Callable[[], str | None] = lambda: None,
        follow_settings: Sequence[Callable[[Settings], None]] = (),
    ) -> None:
        self._settings = settings
        self._follow_settings = tuple(follow_settings)
        self._clock = clock
        self._events = events
        self._notifier = notifier
        self._on_change = on_change
        self._reschedule = reschedule
        self._read_busy = read_busy
        self._state = tracker.initial_state(clock.now())
        self._showing = False
        self._log_trouble: str | None = None

    @property
    def settings(self) -> Settings:
        return self._settings

    @owner_only
    def handle(self, inp: Input) -> Outcome:
        """Apply one input. A refused one (outcome.error) changes nothing: the time it saw pass
        is counted by the next input instead. A user's input whose events cannot be written is
        refused too: nothing is reported done that the log does not hold."""
        now = self._clock.now()
        outcome = self._judge(inp, now)
        if outcome.error:
            return outcome
        events = outcome.events
        if not isinstance(inp, (Sample, RoutineExited)):  # the user's own doing: recorded first, or refused
            chosen = tuple(event for event in events if event.kind != "reminder_shown")
            if chosen and not self._append(chosen, now):
                return replace(outcome, state=self._state, events=(), reminder=None, message=None, error=self._unwritten())
            events = tuple(event for event in events if event.kind == "reminder_shown")
        self._state = outcome.state
        status = tracker.describe(self._state, now, self._settings)
        via = self._present(outcome.reminder, status)
        self._append(_delivered(events, via), now)
        self._on_change(status)
        self._reschedule(tracker.next_check(self._state, now, self._settings))
        return outcome

    def _judge(self, inp: Input, now: Instant) -> Outcome:
        """Apply `inp`; when that would show a reminder, read busy first and decide again with
        it. So the busy probes run only while a reminder is due, never while the user just sits."""
        outcome = tracker.apply(self._state, now, inp, self._settings)
        if outcome.reminder is None:
            return outcome
        busy = self._read_busy()
        if busy is None:
            return outcome
        if isinstance(inp, Sample):
            return tracker.apply(self._state, now, replace(inp, busy=busy), self._settings)
        return tracker.apply(tracker.note_busy(self._state, busy), now, inp, self._settings)

    @owner_only
    def restore_sitting(self, sat_s: float, snoozes_used: int = 0) -> None:
        """At start: the sitting time a crashed run had counted, and today's snoozes used (from the log)."""
        self._state = tracker.initial_state(self._clock.now(), sat_s, snoozes_used)

    @owner_only
    def use_settings(self, settings: Settings) -> None:
        """New settings from a reload, through the same door as every input: the adapters that
        depend on settings follow them, and the state is judged by them at once (a lower sit
        limit can make a break due now; the next wake-up moves)."""
        self._settings = settings
        for follow in self._follow_settings:
            try:
                follow(settings)
            except Exception:
                log.exception("an adapter could not follow the reloaded settings")
        now = self._clock.now()
        status = tracker.describe(self._state, now, settings)
        self._on_change(status)
        self._reschedule(tracker.next_check(self._state, now, settings))

    @property
    def away(self) -> bool:
        """Whether the core counts the user away (idle past the threshold): with presence by
        events the daemon then waits for the idle source to tell of returning input."""
        return self._state.away

    @owner_only
    def status(self) -> tuple[Status, Instant]:
        now = self._clock.now()
        return tracker.describe(self._state, now, self._settings), now

    @owner_only
    def record(self, event: Event) -> bool:
        """Log something the core does not decide (daemon start/stop, adapter errors); False when
        it could not be written (`log_trouble` says why)."""
        return self._append((event,), self._clock.now())

    @property
    def log_trouble(self) -> str | None:
        """Why the last write to the event log failed; None once a write succeeded."""
        return self._log_trouble

    def _append(self, events: tuple[Event, ...], now: Instant) -> bool:
        for event in events:
            try:
                self._events.append(event, now.wall)
            except OSError as exc:
                if self._log_trouble is None:
                    log.exception("could not append %s to the event log", event.kind)
                self._log_trouble = exc.strerror or str(exc)
                return False
            if self._log_trouble is not None:
                log.info("the event log is written again")
            self._log_trouble = None
        return True

    def _unwritten(self) -> str:
        where = getattr(self._events, "path", "")
        return _(
            "nothing was changed: the event log {file} cannot be written ({trouble}). "
            "Check that the file and its folder are writable by you and the disk has room, then try again."
        ).format(file=where, trouble=self._log_trouble)

    def _present(self, reminder: Reminder | None, status: Status) -> str | None:
        """Show a new reminder (returning what delivered it: "" when nothing did); take a shown
        one down once the break is no longer due."""
        try:
            if reminder is not None:
                via = self._notifier.show(reminder) or "unknown"
                self._showing = True
                return via
            if self._showing and status.phase != "due":
                self._notifier.withdraw()
                self._showing = False
        except Exception:
            log.exception("the notifier failed; the reminder stays due and will be shown again")
            return ""
        return None


def _delivered(events: tuple[Event, ...], via: str | None) -> tuple[Event, ...]:
    """reminder_shown says through what it was shown; one that reached no one is logged as
    the error it was, never as shown."""
    if via is None:
        return events
    out = []
    for event in events:
        if event.kind == "reminder_shown":
            event = (
                Event("reminder_shown", {**event.data, "via": via})
                if via
                else Event("error", {"where": "notify", "message": "the reminder could not be shown by any notifier"})
            )
        out.append(event)
    return tuple(out)
