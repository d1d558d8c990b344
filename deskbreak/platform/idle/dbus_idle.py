"""Idle time over the session bus, read when the owner asks: GNOME's Mutter IdleMonitor (GNOME on
Wayland, whose compositor offers no Wayland idle protocol), or org.freedesktop.ScreenSaver where
a desktop answers GetSessionIdleTime (KDE Plasma does only on X11; on Wayland it answers
NotSupported; it has no signal for returning input, only ActiveChanged for the screen saver).

GNOME also tells of returning input by an event: AddUserActiveWatch arms a one-shot watch and
the IdleMonitor's WatchFired signal reports it. The signal is heard on the daemon's bus loop
(platform/bus_loop.py), whose handler only posts the watch's id to the owner; idle beginning
needs no watch (AddIdleWatch), as the core asks to look at the moment it would begin.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.dbus_sync import SyncBus
from deskbreak.platform.threads import OWNER, owner_only


class Method(NamedTuple):
    label: str
    destination: str
    path: str
    interface: str
    member: str


GNOME = Method(
    "GNOME Mutter IdleMonitor",
    "org.gnome.Mutter.IdleMonitor",
    "/org/gnome/Mutter/IdleMonitor/Core",
    "org.gnome.Mutter.IdleMonitor",
    "GetIdletime",
)
SCREENSAVER = Method(
    "org.freedesktop.ScreenSaver",
    "org.freedesktop.ScreenSaver",
    "/org/freedesktop/ScreenSaver",
    "org.freedesktop.ScreenSaver",
    "GetSessionIdleTime",
)


class DBusIdle:
    def __init__(self, method: Method) -> None:
        self._method = method
        self._bus = SyncBus()
        self._watch_id: int | None = None  # the armed user-active watch
        self._on_input: Callable[[], None] | None = None
        self._hearing = False
        try:
            self.idle_seconds()
        except Exception as exc:
            self.close()
            raise Unavailable(f"{method.label} does not answer on the session bus ({exc})") from None
        self.name = f"session bus ({method.label})"
        self.tells_input = method is GNOME and self._bus.hears_signals
        if self.tells_input:
            self.name += ", input by WatchFired signals"

    @owner_only
    def idle_seconds(self) -> float | None:
        m = self._method
        (milliseconds,) = self._bus.call(m.destination, m.path, m.interface, m.member)
        return float(milliseconds) / 1000.0

    @owner_only
    def watch_input(self, on_input: Callable[[], None]) -> None:
        self._on_input = on_input
        if self._watch_id is not None:
            return
        m = self._method
        if not self._hearing:
            rule = f"type='signal',sender='{m.destination}',path='{m.path}',interface='{m.interface}',member='WatchFired'"
            self._bus.on_signal(rule, self._heard)
            self._hearing = True
        (self._watch_id,) = self._bus.call(m.destination, m.path, m.interface, "AddUserActiveWatch")

    def _heard(self, message: Any) -> None:
        """On the bus loop: a WatchFired signal, handed to the owner."""
        if message.member == "WatchFired" and message.path == self._method.path and message.body:
            fired = int(message.body[0])
            OWNER.post(lambda: self._fired(fired))

    def _fired(self, watch_id: int) -> None:
        if watch_id == self._watch_id:
            self._watch_id = None
            on_input, self._on_input = self._on_input, None
            if on_input is not None:
                on_input()

    @owner_only
    def close(self) -> None:
        self._bus.close()
