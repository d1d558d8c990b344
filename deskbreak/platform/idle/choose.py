"""Pick the idle source by probing: X11, then the session bus (Wayland), then none."""

from __future__ import annotations

from deskbreak.platform.choice import Chosen, first_available
from deskbreak.platform.idle.base import IdleSource
from deskbreak.platform.idle.none import NoIdleSource


def choose_idle_source() -> Chosen[IdleSource]:
    from deskbreak.platform.idle.dbus_idle import DBusIdle
    from deskbreak.platform.idle.x11 import X11Idle

    return first_available([("x11", X11Idle), ("dbus", DBusIdle)], NoIdleSource())
