"""On GNOME: an application (a video player, a presentation) asked the session not to go idle."""

from __future__ import annotations

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.dbus_sync import SyncBus
from deskbreak.platform.threads import owner_only

GNOME_INHIBIT_IDLE = 8  # org.gnome.SessionManager's flag for "do not mark the session idle"


class GnomeIdleInhibited:
    name = "idle inhibitor (org.gnome.SessionManager)"

    def __init__(self) -> None:
        """Asks the bus, not the session manager, whether it is there: a session manager slow
        to answer on a loaded machine is still there, and must not be ruled out for good."""
        self._bus = SyncBus()
        try:
            (there,) = self._bus.call(
                "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s", ["org.gnome.SessionManager"]
            )
        except Exception as exc:
            self._bus.close()
            raise Unavailable(f"the session bus does not answer ({exc})") from None
        if not there:
            self._bus.close()
            raise Unavailable("no GNOME session manager on the session bus")

    @owner_only
    def busy(self) -> str | None:
        (inhibited,) = self._bus.call(
            "org.gnome.SessionManager", "/org/gnome/SessionManager", "org.gnome.SessionManager", "IsInhibited", "u", [GNOME_INHIBIT_IDLE]
        )
        return "inhibit" if inhibited else None
