"""Pick the tray, keeping why each other one was not used (shown by `deskbreak doctor`).

Linux: the StatusNotifierItem tray when a watcher (a tray host: KDE, GNOME's AppIndicator
extension, waybar, XFCE, LXQt) is on the session bus; else pystray on an XEmbed tray (trayer,
i3bar, ...) when there is an X display and PyGObject (the `linux-desktop` extra); else, with a
session bus, the SNI item waiting for a tray host to start (at login the panel may come up after
deskbreak); else none.
Windows and macOS: pystray's own backend.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

from deskbreak.config.settings import Settings
from deskbreak.core.view import OnCommand
from deskbreak.platform.bus_loop import BusLoop
from deskbreak.platform.choice import Chosen, Unavailable, first_available
from deskbreak.platform.session import current
from deskbreak.platform.tray.headless import HeadlessTray
from deskbreak.platform.x11_io_error import OnDisplayGone

PYSTRAY_LINUX = ("appindicator", "gtk", "xorg")
WAITING = "sni, waiting for a tray host"  # the candidate name when no tray works yet but a session bus is there


def has_x_display() -> bool:
    """Whether an X server (or XWayland) is there for an XEmbed tray, as the session module sees it."""
    return current().x_display is not None


def tray_order(settings: Settings) -> tuple[str, ...]:
    """The candidates choose_tray tries, in order (for `doctor` to name the ones not tried)."""
    if settings.tray == "none":
        return ()
    if not sys.platform.startswith("linux"):
        return ("pystray",)
    names = ("sni", *PYSTRAY_LINUX) if settings.tray == "auto" else (settings.tray,)
    pystray_names = tuple(f"pystray {name}" for name in names if name != "sni")
    if pystray_names and not has_x_display():
        pystray_names = ("pystray",)
    return (("sni",) if "sni" in names else ()) + pystray_names


def choose_tray(
    settings: Settings, on_command: OnCommand, bus_loop: BusLoop | None = None, on_display_gone: OnDisplayGone | None = None
) -> Chosen[Any]:
    """`bus_loop`: the daemon's, which the SNI tray lives on (None: a loop of its own);
    `on_display_gone`: called where GTK met its X server gone, and must end the process."""
    if settings.tray == "none":
        return Chosen(HeadlessTray('tray = "none" in the config'), (("tray", 'tray = "none" in the config'),))
    names = tray_order(settings)
    candidates = []
    for name in names:
        if name == "sni":
            candidates.append((name, _sni(on_command, bus_loop)))
        elif name == "pystray" and sys.platform.startswith("linux"):
            candidates.append((name, _no_x_display))
        else:
            candidates.append((name, _pystray(name.removeprefix("pystray").strip() or "default", on_command, on_display_gone)))
    chosen = first_available(candidates, HeadlessTray("no tray backend works here"))
    if chosen.candidate:
        return chosen
    if "sni" in names and sys.platform.startswith("linux"):
        try:
            return Chosen(_sni(on_command, bus_loop, wait_for_host=True)(), chosen.rejected, WAITING)
        except Unavailable:
            pass
    return Chosen(HeadlessTray(chosen.why), chosen.rejected)


def _no_x_display() -> Any:
    raise Unavailable("no X display (DISPLAY is not set, or its socket is gone) for an XEmbed tray")


def _sni(on_command: OnCommand, bus_loop: BusLoop | None, wait_for_host: bool = False) -> Callable[[], Any]:
    def make() -> Any:
        from deskbreak.platform.tray.sni.tray import SniTray

        return SniTray(on_command, bus_loop, wait_for_host)

    return make


def _pystray(backend: str, on_command: OnCommand, on_display_gone: OnDisplayGone | None) -> Callable[[], Any]:
    def make() -> Any:
        from deskbreak.platform.tray.pystray_tray import PystrayTray

        tray = PystrayTray(backend, on_command, on_display_gone)
        if backend != "xorg" and not tray.has_menu:
            raise Unavailable(f"pystray fell back to a backend without a menu ({tray.backend})")
        return tray

    return make


def tray_host() -> str | None:
    """Which tray host is there now, without showing an icon: "sni" (a StatusNotifierWatcher on
    the session bus), "xembed" (an X tray owns _NET_SYSTEM_TRAY_S<screen>), or None (the first run
    says what to do then). For the welcome; choose_tray is what the daemon uses."""
    from deskbreak.platform.dbus_sync import SyncBus
    from deskbreak.platform.tray.sni.watcher import WATCHER
    from deskbreak.platform.x11_display import open_display

    if sys.platform.startswith("linux"):
        try:
            bus = SyncBus()
            try:
                if bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s", [WATCHER])[0]:
                    return "sni"
            finally:
                bus.close()
        except (Unavailable, RuntimeError, OSError, TimeoutError):
            pass
    try:
        x, _name = open_display()
    except Unavailable:
        return None
    try:
        owner = x.get_selection_owner(x.intern_atom(f"_NET_SYSTEM_TRAY_S{x.get_default_screen()}"))
        return "xembed" if getattr(owner, "id", owner) else None
    finally:
        x.close()
