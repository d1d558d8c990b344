"""Is the user busy with something a notification should not interrupt?

Signs, each used where the session (platform/session.py) can read it: on X11 the active window
(EWMH _NET_ACTIVE_WINDOW) is fullscreen; on sway a fullscreen view is on screen (busy_sway.py);
on GNOME an application (a video player, a presentation) has asked the session not to go idle.
Called from the scheduler's thread once per sample. With none, nothing is ever busy.
"""

from __future__ import annotations

from typing import Protocol

from deskbreak.platform import session as sessions
from deskbreak.platform.choice import Chosen, Unavailable, first_fitting
from deskbreak.platform.dbus_sync import SyncBus
from deskbreak.platform.x11_display import open_display

GNOME_INHIBIT_IDLE = 8  # org.gnome.SessionManager's flag for "do not mark the session idle"


class BusyProbe(Protocol):
    name: str

    def busy(self) -> str | None: ...


class NeverBusy:
    name = "none"

    def busy(self) -> str | None:
        return None


class X11Fullscreen:
    name = "x11 fullscreen window (EWMH)"

    def __init__(self) -> None:
        self._display, _ = open_display()
        from Xlib import X

        self._X = X
        self._root = self._display.screen().root
        self._active = self._display.intern_atom("_NET_ACTIVE_WINDOW")
        self._state = self._display.intern_atom("_NET_WM_STATE")
        self._fullscreen = self._display.intern_atom("_NET_WM_STATE_FULLSCREEN")

    def busy(self) -> str | None:
        from Xlib import error

        active = self._root.get_full_property(self._active, self._X.AnyPropertyType)
        if not active or not active.value or not active.value[0]:
            return None
        try:
            window = self._display.create_resource_object("window", active.value[0])
            state = window.get_full_property(self._state, self._X.AnyPropertyType)
        except error.XError:
            return None  # the window went away between the two reads
        return "fullscreen" if state is not None and self._fullscreen in state.value else None


class GnomeIdleInhibited:
    name = "idle inhibitor (org.gnome.SessionManager)"

    def __init__(self) -> None:
        """Asks the bus, not the session manager, whether it is there: a session manager slow
        to answer on a loaded machine is still there, and must not be ruled out for good."""
        self._bus = SyncBus()
        try:
            (there,) = self._bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                      "NameHasOwner", "s", ["org.gnome.SessionManager"])
        except Exception as exc:
            self._bus.close()
            raise Unavailable(f"the session bus does not answer ({exc})") from None
        if not there:
            self._bus.close()
            raise Unavailable("no GNOME session manager on the session bus")

    def busy(self) -> str | None:
        (inhibited,) = self._bus.call("org.gnome.SessionManager", "/org/gnome/SessionManager",
                                      "org.gnome.SessionManager", "IsInhibited", "u", [GNOME_INHIBIT_IDLE])
        return "idle inhibited" if inhibited else None


class AnyBusy:
    """Busy when any of the probes says so; the first one's reason is given."""

    def __init__(self, probes: list[BusyProbe]) -> None:
        self._probes = probes
        self.name = " + ".join(probe.name for probe in probes)

    def busy(self) -> str | None:
        for probe in self._probes:
            reason = probe.busy()
            if reason:
                return reason
        return None


def choose_busy_probe(session: sessions.Session | None = None) -> Chosen[BusyProbe]:
    """Every probe that fits the session (platform/session.py) and works; busy when any says so."""

    def sway() -> BusyProbe:
        from deskbreak.platform.busy_sway import SwayFullscreen

        return SwayFullscreen()

    factories = {"x11-fullscreen": X11Fullscreen, "sway-fullscreen": sway, "gnome-inhibit": GnomeIdleInhibited}
    found: list[tuple[str, BusyProbe]] = []
    rejected: tuple[tuple[str, str], ...] = ()
    for name, unfit in (session or sessions.current()).adapters("busy"):
        chosen = first_fitting([(name, unfit)], factories, None)
        rejected += chosen.rejected
        if chosen.adapter is not None:
            found.append((name, chosen.adapter))
    if not found:
        return Chosen(NeverBusy(), rejected)
    probes = [probe for _, probe in found]
    return Chosen(probes[0] if len(probes) == 1 else AnyBusy(probes), rejected, " + ".join(name for name, _ in found))
