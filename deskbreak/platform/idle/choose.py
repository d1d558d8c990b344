"""Pick the idle source the session calls for (platform/session.py), probing each in turn."""

from __future__ import annotations

from typing import Callable

from deskbreak.platform import session as sessions
from deskbreak.platform.choice import Chosen, first_fitting
from deskbreak.platform.idle.base import IdleSource
from deskbreak.platform.idle.none import NoIdleSource


def choose_idle_source(session: sessions.Session | None = None, resolution_s: float | None = None) -> Chosen[IdleSource]:
    """resolution_s: the shortest idle the Wayland idle protocol reports (keep it at or below
    break_after_idle); None for its default."""
    from deskbreak.platform.idle.dbus_idle import GNOME, SCREENSAVER, DBusIdle
    from deskbreak.platform.idle.wayland_idle import RESOLUTION_S, WaylandIdle
    from deskbreak.platform.idle.x11 import X11Idle

    factories: dict[str, Callable[[], IdleSource]] = {
        "x11": X11Idle,
        "wayland": lambda: WaylandIdle(resolution_s or RESOLUTION_S),
        "gnome": lambda: DBusIdle(GNOME),
        "screensaver": lambda: DBusIdle(SCREENSAVER),
    }
    plan = (session or sessions.current()).adapters("idle")
    return first_fitting(plan, factories, NoIdleSource())
