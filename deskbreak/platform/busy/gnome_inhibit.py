"""On GNOME: an application (a video player, a presentation) asked the session not to go idle."""

from __future__ import annotations

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.dbus_sync import SyncBus

GNOME_INHIBIT_IDLE = 8  # org.gnome.SessionManager's flag for "do not mark the session idle"


class GnomeIdleInhibited:
    name = "idle inhibitor (org.gnome.SessionManager)"

    def __init__(self) -> None:
        self._bus = SyncBus()
        try:
            self.busy()
        except Exception as exc:
            self._bus.close()
            raise Unavailable(f"no GNOME session manager on the session bus ({exc})") from None

    def busy(self) -> str | None:
        (inhibited,) = self._bus.call("org.gnome.SessionManager", "/org/gnome/SessionManager",
                                      "org.gnome.SessionManager", "IsInhibited", "u", [GNOME_INHIBIT_IDLE])
        return "inhibit" if inhibited else None
