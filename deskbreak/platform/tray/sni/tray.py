"""The StatusNotifierItem tray (KDE, GNOME with the AppIndicator extension, waybar, XFCE, LXQt),
on dbus-fast: no GTK or PyGObject.

The item runs on the daemon's bus loop (platform/bus_loop.py) and its shared connection;
`run()` publishes it there and then waits on the main thread until stop(), so the daemon's
signal handlers still run. `update()` and `tell()` come from the owner thread and are handed to
the loop; menu clicks arrive on the loop and go to `on_command`, which posts them to the owner. Each part (icon, tooltip,
label, menu) is sent to the hosts only when it changed; a change of icon is a lookup in the
PixmapCache, which draws every look once.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Hashable

from deskbreak.core.view import OnCommand, TrayView
from deskbreak.platform.bus_loop import BusLoop
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import owner_only
from deskbreak.platform.tray.base import open_with_desktop
from deskbreak.platform.tray.sni.pixmap import PixmapCache

CONNECT_TIMEOUT_S = 2.0
PUBLISH_TIMEOUT_S = 10.0  # registering with the watcher; a loaded session bus can be slow
log = logging.getLogger(__name__)


class SniTray:
    name = "StatusNotifierItem"
    has_menu = True
    has_default_action = False  # a left click opens the menu (see sni/item.py)
    has_tooltip = True
    has_label = True

    def __init__(self, on_command: OnCommand, bus_loop: BusLoop | None = None, wait_for_host: bool = False) -> None:
        """Check that a tray host's watcher is on the session bus; Unavailable if not, unless
        `wait_for_host`: then the item is published anyway and registers as soon as a watcher
        appears (a panel that starts after deskbreak at login). The item lives on the daemon's
        bus loop and its shared connection, which also tells the daemon if the bus goes away
        (None: on a loop of its own, as in a test of the tray alone)."""
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        from deskbreak.platform.tray.sni.watcher import watcher_present

        self._on_command = on_command
        self._bus_loop = bus_loop = bus_loop or BusLoop()
        self._bus = bus_loop.connection()
        try:
            present = bus_loop.run(watcher_present(self._bus), CONNECT_TIMEOUT_S)
        except Exception as exc:
            raise Unavailable(f"cannot use the session bus: {exc}") from None
        self.waiting = not present
        if not present and not wait_for_host:
            raise Unavailable("no StatusNotifierWatcher on the session bus (no SNI tray host is running)")
        self._view: TrayView | None = None  # the view shown, on the loop
        self._handed: TrayView | None = None  # the last view handed to the loop (owner thread)
        self._icon_key: Hashable = None
        self._pixmaps = PixmapCache()
        self._stopped = threading.Event()
        self._item: Any = None
        self._menu: Any = None

    def run(self) -> None:
        """Publish the item on the bus loop, then wait (interruptibly: signals still run on the
        main thread) until stop()."""
        try:
            self._bus_loop.run(self._publish(), PUBLISH_TIMEOUT_S)
        except Exception as exc:
            if self._stopped.is_set() or not self._bus.connected:
                return  # stopped while publishing, or the bus went (the daemon is told of that)
            raise RuntimeError(f"could not publish the tray icon on the session bus: {exc}") from exc
        self._stopped.wait()

    def stop(self) -> None:
        self._stopped.set()

    @owner_only
    def update(self, view: TrayView) -> None:
        """Most samples change nothing the tray shows; those do not wake the loop at all."""
        if view == self._handed:
            return
        self._handed = view
        self._bus_loop.call_soon(lambda: self._show(view))

    @owner_only
    def tell(self, text: str) -> None:
        log.info("%s", text)
        self._bus_loop.call_soon(lambda: self._bus_loop.loop.create_task(self._notify(text)))

    @owner_only
    def open_path(self, path: Path) -> None:
        open_with_desktop(path)

    async def _publish(self) -> None:
        from deskbreak.platform.tray.sni import dbusmenu, item
        from deskbreak.platform.tray.sni.watcher import WatcherLink

        self._item = item.StatusNotifierItem()
        self._menu = dbusmenu.DBusMenu(self._on_command)
        if self._view is not None:
            self._show(self._view)
        self._bus.export(item.PATH, self._item)
        self._bus.export(dbusmenu.PATH, self._menu)
        service = f"org.kde.StatusNotifierItem-{os.getpid()}-1"
        await self._bus.request_name(service)
        await WatcherLink(self._bus, service, item.PATH).start()
        if self.waiting:
            log.info("no tray host on the session bus yet; the icon appears when one starts")

    def _show(self, view: TrayView) -> None:
        """On the loop: send the hosts whatever differs from what they have."""
        self._view = view
        if self._item is None:
            return
        pixmaps = None
        if view.icon.key != self._icon_key:
            self._icon_key = view.icon.key
            pixmaps = self._pixmaps.of(view.icon)
        self._item.show(
            pixmaps=pixmaps,
            title=view.title,
            tooltip=view.tooltip,
            label=view.label,
            status="NeedsAttention" if view.attention else "Active",
        )
        self._menu.show(view.menu)

    async def _notify(self, text: str) -> None:
        from deskbreak.platform.tray.sni.watcher import call

        try:
            await call(
                self._bus,
                "org.freedesktop.Notifications",
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "Notify",
                "susssasa{sv}i",
                ["deskbreak", 0, "", "deskbreak", text, [], {}, 5000],
            )
        except Exception as exc:
            log.warning("could not show %r as a notification: %s", text, exc)
