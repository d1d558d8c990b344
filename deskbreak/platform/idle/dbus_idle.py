"""Idle time over the session bus, polled: GNOME's Mutter IdleMonitor (GNOME on Wayland, whose
compositor offers no Wayland idle protocol), or org.freedesktop.ScreenSaver where a desktop
answers GetSessionIdleTime (KDE Plasma does only on X11; on Wayland it answers NotSupported)."""

from __future__ import annotations

from typing import NamedTuple

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.dbus_sync import SyncBus
from deskbreak.platform.threads import owner_only


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
        try:
            self.idle_seconds()
        except Exception as exc:
            self.close()
            raise Unavailable(f"{method.label} does not answer on the session bus ({exc})") from None
        self.name = f"session bus ({method.label})"

    @owner_only
    def idle_seconds(self) -> float | None:
        m = self._method
        (milliseconds,) = self._bus.call(m.destination, m.path, m.interface, m.member)
        return float(milliseconds) / 1000.0

    @owner_only
    def close(self) -> None:
        self._bus.close()
