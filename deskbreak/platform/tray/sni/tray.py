"""The StatusNotifierItem tray (KDE, GNOME with the AppIndicator extension, waybar, XFCE, LXQt),
on dbus-fast: no GTK or PyGObject.

The item runs on an asyncio loop that `run()` drives on the main thread, so the daemon's signal
handlers (which run on the main thread) still stop and reload it. `update()` comes from the
scheduler's thread and is handed to the loop with call_soon_threadsafe. Each part (icon, tooltip,
label, menu) is sent to the hosts only when it changed; a change of icon is a lookup in the
PixmapCache, which draws every look once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from pathlib import Path
from typing import Any, Hashable

from deskbreak.core.view import OnCommand, TrayView
from deskbreak.platform import bus_gone
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.tray.base import open_with_desktop
from deskbreak.platform.tray.sni.pixmap import PixmapCache

CONNECT_TIMEOUT_S = 2.0
log = logging.getLogger(__name__)


class SniTray:
    name = "StatusNotifierItem"
    has_menu = True
    has_default_action = False  # a left click opens the menu (see sni/item.py)
    has_tooltip = True
    has_label = True

    def __init__(self, on_command: OnCommand, wait_for_host: bool = False, on_bus_gone: bus_gone.OnBusGone | None = None) -> None:
        """Connect and check that a tray host's watcher is on the session bus; Unavailable if
        not, unless `wait_for_host`: then the item is published anyway and registers as soon as
        a watcher appears (a panel that starts after deskbreak at login). `on_bus_gone` is
        called on the tray's loop if the session bus drops the connection while the tray runs."""
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        from deskbreak.platform.tray.sni.watcher import watcher_present

        self._on_command = on_command
        self._on_bus_gone = on_bus_gone
        self._watching: asyncio.Task[None] | None = None
        self._loop = asyncio.new_event_loop()
        try:
            self._bus = self._loop.run_until_complete(asyncio.wait_for(self._connect(), CONNECT_TIMEOUT_S))
            present = self._loop.run_until_complete(asyncio.wait_for(watcher_present(self._bus), CONNECT_TIMEOUT_S))
        except Exception as exc:
            self._loop.close()
            raise Unavailable(f"cannot use the session bus: {exc}") from None
        self.waiting = not present
        if not present and not wait_for_host:
            self._bus.disconnect()
            self._loop.close()
            raise Unavailable("no StatusNotifierWatcher on the session bus (no SNI tray host is running)")
        self._view: TrayView | None = None  # the view shown, on the loop
        self._handed: TrayView | None = None  # the last view handed to the loop (any thread)
        self._icon_key: Hashable = None
        self._pixmaps = PixmapCache()
        self._stopping = False
        self._item: Any = None
        self._menu: Any = None

    def run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._publish())
            if not self._stopping:
                self._loop.run_forever()
        except Exception:  # stop() came while the item was being published, or the bus went
            if self._bus.connected and not self._stopping:
                raise
            self._bus_gone()
        finally:
            if self._watching is not None:
                self._watching.cancel()
            self._bus.disconnect()
            with contextlib.suppress(RuntimeError):  # a stop() still queued ends this round early
                self._loop.run_until_complete(asyncio.sleep(0))  # let the disconnect and the cancel finish
            self._loop.close()

    def stop(self) -> None:
        self._stopping = True
        try:
            self._loop.call_soon_threadsafe(self._loop.stop)
        except RuntimeError:  # the loop is closed already
            pass

    def update(self, view: TrayView) -> None:
        """Most samples change nothing the tray shows; those do not wake the loop at all."""
        if view == self._handed:
            return
        self._handed = view
        try:
            self._loop.call_soon_threadsafe(self._show, view)
        except RuntimeError:  # stopping: the loop is closed
            pass

    def tell(self, text: str) -> None:
        log.info("%s", text)
        try:
            self._loop.call_soon_threadsafe(lambda: self._loop.create_task(self._notify(text)))
        except RuntimeError:
            pass

    def open_path(self, path: Path) -> None:
        open_with_desktop(path)

    @staticmethod
    async def _connect() -> Any:
        from dbus_fast.aio import MessageBus

        return await MessageBus().connect()

    async def _publish(self) -> None:
        from deskbreak.platform.tray.sni import dbusmenu, item
        from deskbreak.platform.tray.sni.watcher import WatcherLink

        if self._on_bus_gone is not None:
            self._watching = bus_gone.watch(self._bus, self._bus_gone)
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

    def _bus_gone(self) -> None:
        if not self._stopping and self._on_bus_gone is not None:
            self._on_bus_gone()

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
