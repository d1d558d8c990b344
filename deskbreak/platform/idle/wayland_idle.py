"""Idle time from the Wayland compositor's own idle protocol (KDE Plasma, sway and other wlroots
compositors): ext_idle_notifier_v1, or KDE's older org_kde_kwin_idle, through pywayland.

Neither protocol answers "how long idle?". Both send `idled` once no input has come for a
timeout the client chose, and `resumed` on the next input. So this source registers one
notification with a short timeout (the resolution) and keeps the time idleness began: the
`idled` moment minus the timeout. Below the resolution the user counts as present, which is
what the core wants (short pauses are sitting). The events arrive on a thread of their own
that runs the Wayland event loop and sleeps in select() between events, so nothing polls; the
thread keeps nothing itself and posts each event to the owner thread, where idle_seconds() reads.
`resumed` is also the event that tells the daemon input came back (`watch_input`); and as a
reading below the resolution is 0, `idled` is told too (`watch_idle`), so the core learns when
input stopped as soon as this source knows it.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from typing import Any, Callable

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import OWNER, owner_only

log = logging.getLogger(__name__)

RESOLUTION_S = 10.0  # idle shorter than this reads as 0: it counts as sitting anyway
PROTOCOLS = ("ext_idle_notifier_v1", "org_kde_kwin_idle")


class WaylandIdle:
    tells_input = True

    def __init__(self, resolution_s: float = RESOLUTION_S, clock: Callable[[], float] = time.monotonic) -> None:
        name = os.environ.get("WAYLAND_DISPLAY")
        if not name:
            raise Unavailable("no WAYLAND_DISPLAY: not a Wayland session")
        from pywayland.client.display import Display

        self._clock = clock
        self._resolution_s = resolution_s
        self._idle_since: float | None = None
        self._on_input: Callable[[], None] | None = None
        self._tell_idle: Callable[[], None] | None = None
        self._broken: str | None = None
        self._display = Display()
        try:
            self._display.connect()
        except ValueError:
            raise Unavailable(f"cannot connect to the Wayland display {name}") from None
        try:
            self._notification, protocol = self._register()
        except BaseException:
            self._display.disconnect()
            raise
        self.name = f"wayland compositor ({protocol}), input by its resumed events"
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._loop, name="wayland-idle", daemon=True)
        self._thread.start()

    @owner_only
    def idle_seconds(self) -> float | None:
        if self._broken:
            raise RuntimeError(self._broken)
        since = self._idle_since
        return 0.0 if since is None else max(0.0, self._clock() - since)

    @owner_only
    def watch_input(self, on_input: Callable[[], None]) -> None:
        if self._idle_since is None:  # input came since the reading that made the user away
            OWNER.post(on_input)
        else:
            self._on_input = on_input

    @owner_only
    def watch_idle(self, on_idle: Callable[[], None]) -> None:
        """Run `on_idle` on the owner each time idleness reaches the resolution."""
        self._tell_idle = on_idle

    @owner_only
    def close(self) -> None:
        if self._thread.is_alive():
            os.write(self._wake_w, b"x")
            self._thread.join(timeout=2)
        os.close(self._wake_r)
        os.close(self._wake_w)
        self._display.disconnect()

    def _register(self) -> tuple[Any, str]:
        """Bind the seat and the best idle protocol offered, and ask for one notification."""
        from pywayland.protocol.wayland import WlSeat

        offered: dict[str, tuple[int, int]] = {}
        registry = self._display.get_registry()
        registry.dispatcher["global"] = lambda _r, number, interface, version: offered.__setitem__(interface, (number, version))
        self._display.roundtrip()
        if "wl_seat" not in offered:
            raise Unavailable("the compositor offers no seat (no keyboard or pointer)")
        protocol = next((p for p in PROTOCOLS if p in offered), None)
        if protocol is None:
            raise Unavailable(f"the compositor offers no idle protocol (neither {' nor '.join(PROTOCOLS)})")
        seat = registry.bind(offered["wl_seat"][0], WlSeat, 1)
        timeout_ms = max(1, round(self._resolution_s * 1000))
        number, version = offered[protocol]
        if protocol == "ext_idle_notifier_v1":
            from pywayland.protocol.ext_idle_notify_v1 import ExtIdleNotifierV1

            notifier = registry.bind(number, ExtIdleNotifierV1, 1)
            notification = notifier.get_idle_notification(timeout_ms, seat)
            notification.dispatcher["idled"] = self._on_idle
        else:
            from deskbreak.platform.idle.kde_idle_protocol import OrgKdeKwinIdle

            notifier = registry.bind(number, OrgKdeKwinIdle, 1)
            notification = notifier.get_idle_timeout(seat, timeout_ms)
            notification.dispatcher["idle"] = self._on_idle
        notification.dispatcher["resumed"] = self._on_resumed
        self._display.roundtrip()
        return notification, protocol

    def _on_idle(self, _notification: Any) -> None:
        since = self._clock() - self._resolution_s
        OWNER.post(lambda: self._set_idle_since(since))

    def _on_resumed(self, _notification: Any) -> None:
        OWNER.post(lambda: self._set_idle_since(None))

    def _set_idle_since(self, since: float | None) -> None:
        self._idle_since = since
        if since is None and self._on_input is not None:
            on_input, self._on_input = self._on_input, None
            on_input()
        elif since is not None and self._tell_idle is not None:
            self._tell_idle()

    def _set_broken(self, why: str) -> None:
        self._broken = why

    def _loop(self) -> None:
        """Wait for the compositor's events (or close()) and dispatch them, until either ends."""
        fd = self._display.get_fd()
        try:
            while True:
                self._display.dispatch(block=False)
                self._display.flush()
                ready, _, _ = select.select([fd, self._wake_r], [], [])
                if self._wake_r in ready:
                    return
                self._display.read()
                self._display.dispatch(block=False)
        except Exception as exc:
            why = f"the Wayland compositor went away ({exc})"
            log.warning("wayland idle: %s", why)
            OWNER.post(lambda: self._set_broken(why))
