"""Idle time over the session bus, for Wayland sessions where X11 cannot tell:
GNOME's Mutter IdleMonitor, then org.freedesktop.ScreenSaver (KDE and others)."""

from __future__ import annotations

from typing import NamedTuple

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.dbus_sync import SyncBus


class _Method(NamedTuple):
    label: str
    destination: str
    path: str
    interface: str
    member: str


METHODS = (
    _Method("GNOME Mutter IdleMonitor", "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor", "GetIdletime"),
    _Method("org.freedesktop.ScreenSaver", "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver", "GetSessionIdleTime"),
)


class DBusIdle:
    def __init__(self) -> None:
        self._bus = SyncBus()
        tried = []
        for method in METHODS:
            try:
                self._method = method
                self.idle_seconds()
            except Exception as exc:
                tried.append(f"{method.label}: {exc}")
                continue
            self.name = f"session bus ({method.label})"
            return
        self.close()
        raise Unavailable("no idle service on the session bus (" + "; ".join(tried) + ")")

    def idle_seconds(self) -> float | None:
        m = self._method
        (milliseconds,) = self._bus.call(m.destination, m.path, m.interface, m.member)
        return float(milliseconds) / 1000.0

    def close(self) -> None:
        self._bus.close()
