"""Adds the offer of the full routine to a reminder when the week is behind on it (and whether
there is a tray menu to point to).

Decided on a break's first notice (at most once a day, see deskbreak.stats.full_offer) and kept for
that break's re-notifications, so the buttons do not change under the user's pointer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from deskbreak.core.model import Reminder
from deskbreak.daemon.clock import Clock
from deskbreak.daemon.controller import ReminderSink
from deskbreak.stats.full_offer import FullOffer
from deskbreak.stats.weeks import WeekProgress


class OfferingNotifier:
    def __init__(
        self,
        notifier: ReminderSink,
        week: Callable[[], WeekProgress | None],
        routine: Callable[[], str],
        offer: FullOffer,
        clock: Clock,
        tray_menu: Callable[[], bool] = lambda: True,
    ) -> None:
        self._notifier = notifier
        self._week = week
        self._routine = routine
        self._offer = offer
        self._clock = clock
        self._tray_menu = tray_menu
        self._offering = False

    def show(self, reminder: Reminder) -> str | None:
        if reminder.repeat == 0:
            progress = self._week()
            today = self._clock.now().wall.date()
            self._offering = progress is not None and self._offer.claim(progress, self._routine(), today)
        return self._notifier.show(replace(reminder, offer_full=self._offering, tray_menu=self._tray_menu()))

    def withdraw(self) -> None:
        self._notifier.withdraw()
