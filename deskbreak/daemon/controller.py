"""The one door every input goes through: scheduler ticks, tray clicks, notification actions,
CLI commands and routine-window results.

Under one lock it applies the pure core, appends the resulting events to the log, shows or
withdraws the reminder, tells the tray, and moves the scheduler's next wake-up. Nothing else in
the daemon holds state about sitting or reminders.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Callable, Protocol, Sequence

from deskbreak.config.settings import Settings
from deskbreak.core import tracker
from deskbreak.core.model import Event, Input, Instant, Outcome, Reminder, Status
from deskbreak.daemon.clock import Clock

log = logging.getLogger(__name__)


class EventSink(Protocol):
    """The event log, as the controller sees it: one whole-line append per event."""

    def append(self, event: Event, when: datetime) -> None: ...


class ReminderSink(Protocol):
    """The notifier, as the controller sees it; calls may come from any thread."""

    def show(self, reminder: Reminder) -> None: ...

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
        follow_settings: Sequence[Callable[[Settings], None]] = (),
    ) -> None:
        self._settings = settings
        self._follow_settings = tuple(follow_settings)
        self._clock = clock
        self._events = events
        self._notifier = notifier
        self._on_change = on_change
        self._reschedule = reschedule
        self._lock = threading.RLock()
        self._state = tracker.initial_state(clock.now())
        self._showing = False

    @property
    def settings(self) -> Settings:
        return self._settings

    def handle(self, inp: Input) -> Outcome:
        with self._lock:
            now = self._clock.now()
            outcome = tracker.apply(self._state, now, inp, self._settings)
            self._state = outcome.state
            self._append(outcome.events, now)
            status = tracker.describe(self._state, now, self._settings)
            self._present(outcome.reminder, status)
            self._on_change(status)
            self._reschedule(tracker.next_check(self._state, now, self._settings))
            return outcome

    def use_settings(self, settings: Settings) -> None:
        """New settings from a reload, through the same door and lock as every input: the
        adapters that depend on settings follow them, and the state is judged by them at once
        (a lower sit limit can make a break due now; the next wake-up moves)."""
        with self._lock:
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

    def status(self) -> tuple[Status, Instant]:
        with self._lock:
            now = self._clock.now()
            return tracker.describe(self._state, now, self._settings), now

    def record(self, event: Event) -> None:
        """Log something the core does not decide (daemon start/stop, adapter errors)."""
        with self._lock:
            self._append((event,), self._clock.now())

    def _append(self, events: tuple[Event, ...], now: Instant) -> None:
        for event in events:
            try:
                self._events.append(event, now.wall)
            except OSError:
                log.exception("could not append %s to the event log; carrying on", event.kind)

    def _present(self, reminder: Reminder | None, status: Status) -> None:
        """Show a new reminder; take a shown one down once the break is no longer due."""
        try:
            if reminder is not None:
                self._notifier.show(reminder)
                self._showing = True
            elif self._showing and status.phase != "due":
                self._notifier.withdraw()
                self._showing = False
        except Exception:
            log.exception("the notifier failed; the reminder stays due and will be shown again")
