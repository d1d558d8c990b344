"""Pick the notifier by probing, and keep falling back while the daemon runs.

"auto" tries desktop-notifier (buttons and clicks), then plyer, then the console. A reminder
that fails to show on one goes to the next at once; the better ones are probed again after a
while, so a notification server that comes back is used again. The daemon never dies of a
notification failure: the console notifier cannot fail.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable

from deskbreak.core.model import Reminder
from deskbreak.platform import session as sessions
from deskbreak.platform.bus_loop import BusLoop
from deskbreak.platform.choice import Chosen, Unavailable, first_available
from deskbreak.platform.notify.base import Notifier, NotifyFailed, OnAction
from deskbreak.platform.notify.console import ConsoleNotifier
from deskbreak.platform.threads import owner_only

RETRY_S = 30.0
log = logging.getLogger(__name__)

Factory = Callable[[], Notifier]


def candidates(
    setting: str,
    on_action: OnAction,
    icon: Path | None,
    session: sessions.Session | None = None,
    leftover: Path | None = None,
    bus_loop: BusLoop | None = None,
) -> list[tuple[str, Factory]]:
    """The chain for the `notifier` setting; a notifier the session rules out (no session bus)
    stays in it but refuses with the session's reason. `bus_loop`: the daemon's, for
    desktop-notifier (None: it runs one of its own)."""
    unfit = dict((session or sessions.current()).adapters("notify"))

    def desktop() -> Notifier:
        from deskbreak.platform.notify.desktop import DesktopNotifier

        return DesktopNotifier(on_action, icon, leftover, bus_loop)

    def plyer() -> Notifier:
        from deskbreak.platform.notify.plyer_notify import PlyerNotifier

        return PlyerNotifier(str(icon) if icon else "")

    chain = {
        "auto": [("desktop", desktop), ("plyer", plyer)],
        "desktop": [("desktop", desktop)],
        "plyer": [("plyer", plyer)],
        "console": [],
    }
    return [(name, _refusing(unfit[name]) if unfit[name] else make) for name, make in chain[setting]]


def _refusing(reason: str | None) -> Factory:
    def refuse() -> Notifier:
        raise Unavailable(reason or "")

    return refuse


class FallbackNotifier:
    """The notifier the daemon holds: the best one that works now, falling back on failure."""

    has_actions = False

    def __init__(self, chain: list[tuple[str, Factory]], clock: Callable[[], float] = time.monotonic) -> None:
        self._chain = chain
        self._clock = clock
        self._last_probe = clock()
        self._chosen: Chosen[Notifier] = first_available(chain, ConsoleNotifier())
        self.rejected = self._chosen.rejected

    @property
    def name(self) -> str:
        return self._chosen.adapter.name

    @property
    def current(self) -> Notifier:
        return self._chosen.adapter

    @owner_only
    def show(self, reminder: Reminder) -> str:
        """Show the reminder through the best notifier that works; returns the one that did."""
        self._maybe_upgrade()
        self._deliver(lambda notifier: notifier.show(reminder))
        return self.name

    @owner_only
    def notice(self, title: str, body: str) -> str:
        """A plain message through the best notifier that works; returns the one that did."""
        self._maybe_upgrade()
        self._deliver(lambda notifier: notifier.notice(title, body))
        return self.name

    @owner_only
    def withdraw(self) -> None:
        try:
            self.current.withdraw()
        except Exception:
            log.debug("withdraw failed on %s", self.name, exc_info=True)

    @owner_only
    def close(self) -> None:
        self.current.close()

    def _rank(self) -> int:
        """The current notifier's place in the chain; the console comes after all of them."""
        names = [name for name, _ in self._chain]
        return names.index(self._chosen.candidate) if self._chosen.candidate in names else len(names)

    def _deliver(self, send: Callable[[Notifier], None]) -> None:
        """Send through the current notifier; on failure, through the next that works, and the
        console at the end (which cannot fail)."""
        try:
            send(self.current)
            return
        except NotifyFailed as exc:
            log.warning("%s failed (%s); falling back", self.name, exc)
        self._switch(first_available(self._chain[self._rank() + 1 :], ConsoleNotifier()))
        self._last_probe = self._clock()
        try:
            send(self.current)
        except NotifyFailed as exc:
            log.warning("%s failed too (%s); it goes to the console", self.name, exc)
            self._switch(Chosen(ConsoleNotifier()))
            send(self.current)

    def _maybe_upgrade(self) -> None:
        """Try the better notifiers again now and then (a restarted notification server)."""
        if self._rank() == 0 or self._clock() - self._last_probe < RETRY_S:
            return
        self._last_probe = self._clock()
        better = first_available(self._chain[: self._rank()], None)
        if better.adapter is not None:
            log.info("notifications go through %s again", better.adapter.name)
            self._switch(Chosen(better.adapter, better.rejected, better.candidate))

    def _switch(self, chosen: Chosen[Notifier]) -> None:
        old, self._chosen = self._chosen.adapter, chosen
        self.rejected = chosen.rejected or self.rejected
        if old is not chosen.adapter:
            old.close()


def choose_notifier(
    setting: str,
    on_action: OnAction,
    icon: Path | None = None,
    leftover: Path | None = None,
    session: sessions.Session | None = None,
    bus_loop: BusLoop | None = None,
) -> FallbackNotifier:
    """`leftover`: where the shown reminder is noted, so the next run can close it (the daemon's)."""
    return FallbackNotifier(candidates(setting, on_action, icon, session, leftover, bus_loop))
