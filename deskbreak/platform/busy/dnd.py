"""The desktop's Do Not Disturb switch, read from whichever notification server the session has.

The server's own name (GetServerInformation) says which switch to read: dunst's `paused`
property, KDE Plasma's `Inhibited` property, mako's "do-not-disturb" mode, XFCE's xfconf
`/do-not-disturb`, GNOME's `show-banners` setting. With no server running, nothing can pop up,
so that is never busy.
"""

from __future__ import annotations

from typing import Any, Callable

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.dbus_sync import SyncBus
from deskbreak.platform.threads import owner_only

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
PROPERTIES = "org.freedesktop.DBus.Properties"
GONE = ("org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner")


class DoNotDisturb:
    """One server's switch; `read` answers True while Do Not Disturb is on."""

    def __init__(self, server: str, reason: str, bus: SyncBus, read: Callable[[SyncBus], bool]) -> None:
        self.name = f"do not disturb ({server})"
        self._reason = reason
        self._bus = bus
        self._read = read
        self.busy()  # a switch that cannot be read here makes the chooser pass this one over

    @owner_only
    def busy(self) -> str | None:
        try:
            return f"dnd: {self._reason}" if self._read(self._bus) else None
        except RuntimeError as exc:
            if str(exc) in GONE:
                return None  # no notification server: nothing can interrupt
            raise


def _property(bus: SyncBus, destination: str, path: str, interface: str, name: str) -> Any:
    (value,) = bus.call(destination, path, PROPERTIES, "Get", "ss", [interface, name])
    return value.value


def _dunst_paused(bus: SyncBus) -> bool:
    return bool(_property(bus, NOTIFICATIONS, NOTIFICATIONS_PATH, "org.dunstproject.cmd0", "paused"))


def _kde_inhibited(bus: SyncBus) -> bool:
    return bool(_property(bus, NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "Inhibited"))


def _mako_mode(bus: SyncBus) -> bool:
    (modes,) = bus.call(NOTIFICATIONS, "/fr/emersion/Mako", "fr.emersion.Mako", "ListModes")
    return "do-not-disturb" in modes


def _xfce_dnd(bus: SyncBus) -> bool:
    try:
        (value,) = bus.call(
            "org.xfce.Xfconf", "/org/xfce/Xfconf", "org.xfce.Xfconf", "GetProperty", "ss", ["xfce4-notifyd", "/do-not-disturb"]
        )
    except RuntimeError as exc:
        if "PropertyNotFound" in str(exc) or "InvalidProperty" in str(exc):
            return False  # never switched: off
        raise
    return bool(value.value)


def _gnome_banners_off() -> Callable[[SyncBus], bool]:
    try:
        from gi.repository import Gio
    except ImportError as exc:
        raise Unavailable(f"GNOME's setting needs PyGObject (extra linux-desktop): {exc}") from None
    schema = Gio.SettingsSchemaSource.get_default()
    if schema is None or schema.lookup("org.gnome.desktop.notifications", True) is None:
        raise Unavailable("the org.gnome.desktop.notifications settings schema is not installed")
    settings = Gio.Settings.new("org.gnome.desktop.notifications")
    return lambda bus: not settings.get_boolean("show-banners")


# server name (lower case) -> (what the reason says, a factory of the reader)
SWITCHES: dict[str, tuple[str, Callable[[], Callable[[SyncBus], bool]]]] = {
    "dunst": ("dunst paused", lambda: _dunst_paused),
    "plasma": ("KDE", lambda: _kde_inhibited),
    "mako": ("mako do-not-disturb mode", lambda: _mako_mode),
    "xfce notify daemon": ("XFCE", lambda: _xfce_dnd),
    "gnome-shell": ("GNOME", _gnome_banners_off),
}


def desktop_dnd() -> DoNotDisturb:
    """The Do Not Disturb switch of the notification server running now."""
    bus = SyncBus()
    try:
        try:
            server = bus.call(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "GetServerInformation")[0]
        except Exception as exc:
            raise Unavailable(f"no notification server on the session bus to ask ({exc})") from None
        known = SWITCHES.get(str(server).casefold())
        if known is None:
            raise Unavailable(
                f"the notification server {server!r} has no Do Not Disturb switch deskbreak "
                f"can read (it reads dunst, KDE Plasma, mako, XFCE and GNOME)"
            )
        reason, reader = known
        try:
            return DoNotDisturb(str(server), reason, bus, reader())
        except (RuntimeError, TimeoutError) as exc:
            raise Unavailable(f"{server}'s Do Not Disturb switch cannot be read ({exc})") from None
    except Unavailable:
        bus.close()
        raise
