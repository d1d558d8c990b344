"""The tray icon and menu through pystray: XEmbed trays on Linux (with PyGObject), Windows, macOS.

pystray picks its backend at import time from PYSTRAY_BACKEND, so the backend is set before
the (lazy) import. GDK_GL=disable is set for that import too (unless the user set GDK_GL): a
tray icon and its menu never need OpenGL, but GDK on X11 otherwise opens GLX at start-up and so
loads the whole GL driver (Mesa's llvmpipe on the rig: 55 of the daemon's 129 MiB of RSS).
run() blocks on the calling thread (the main thread: macOS requires it); the GTK backends
marshal calls from other threads onto their loop themselves. The icon image is replaced only
when its look changes, so a sample every few seconds redraws nothing.

When the X server goes away, GTK would end the process on the spot; the GTK backends hand that
moment to `on_display_gone` instead (platform/x11_io_error.py). pystray's xorg backend just ends
its loop, so run() returns and the daemon finds out why.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Hashable

from deskbreak.core.view import MenuItem, OnCommand, TrayView
from deskbreak.platform import x11_io_error
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import owner_only
from deskbreak.platform.tray.base import open_with_desktop

ICON_SIZE = 64
GTK_BACKENDS = ("appindicator", "gtk")
log = logging.getLogger(__name__)


class PystrayTray:
    has_tooltip = True
    has_label = False

    def __init__(self, backend: str, on_command: OnCommand, on_display_gone: x11_io_error.OnDisplayGone | None = None) -> None:
        if backend in GTK_BACKENDS and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            # pystray's GTK backends connect to the session bus as their loop starts; without one
            # run() raises there, and pystray's setup thread then keeps the process from exiting
            raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set), which pystray's GTK backends need")
        added = {"GDK_GL": "disable"} if "GDK_GL" not in os.environ else {}
        if backend != "default":
            added["PYSTRAY_BACKEND"] = backend
        os.environ.update(added)
        try:
            import pystray
        except Exception as exc:  # pystray raises what its backend's import raised
            raise Unavailable(f"pystray cannot start the {backend} backend: {exc}") from None
        finally:
            for name in added:  # read during the import; kept out of the programs the tray opens
                os.environ.pop(name, None)
        from PIL import Image

        self._pystray = pystray
        self._on_command = on_command
        self._view: TrayView | None = None
        self._key: Hashable = None
        self._icon = pystray.Icon(
            "deskbreak", icon=Image.new("RGBA", (ICON_SIZE, ICON_SIZE)), title="deskbreak", menu=pystray.Menu(self._items)
        )
        self.backend = type(self._icon).__module__.rsplit("._", 1)[-1]
        self.has_menu = bool(self._icon.HAS_MENU)
        self.has_default_action = bool(self._icon.HAS_DEFAULT_ACTION)
        self.name = f"pystray {self.backend}" + ("" if self.has_menu else " (icon only: no menu)")
        if on_display_gone is not None and self.backend in GTK_BACKENDS:
            x11_io_error.take_over(on_display_gone)  # GDK opened its display when pystray imported GTK

    def run(self) -> None:
        if not self.has_menu:
            log.warning("the %s tray backend has no menu: use the deskbreak commands to pause or snooze", self.backend)
        self._icon.run()

    def stop(self) -> None:
        self._icon.stop()

    @owner_only
    def update(self, view: TrayView) -> None:
        """Called after every input (every sample too): the image, tooltip and menu are each
        replaced only when they change, since rebuilding a GTK menu costs more than the sample."""
        menu_changed = self._view is None or view.menu != self._view.menu or view.default != self._view.default
        self._view = view
        if view.icon.key != self._key:
            self._key = view.icon.key
            self._icon.icon = view.icon.draw(ICON_SIZE)
        if view.tooltip != self._icon.title:
            self._icon.title = view.tooltip
        if self.has_menu and menu_changed:
            self._icon.update_menu()

    @owner_only
    def tell(self, text: str) -> None:
        log.info("%s", text)
        if self._icon.HAS_NOTIFICATION:
            self._icon.notify(text, "deskbreak")

    @owner_only
    def open_path(self, path: Path) -> None:
        open_with_desktop(path)

    def _items(self) -> list[Any]:
        if self._view is None:
            return []
        default = self._view.default
        hidden = [self._pystray.MenuItem("Start break", lambda: self._on_command(default), default=True, visible=False)] if default else []
        return hidden + [self._render(item) for item in self._view.menu]

    def _render(self, item: MenuItem) -> Any:
        pystray = self._pystray
        if item.separator:
            return pystray.Menu.SEPARATOR
        if item.submenu:
            return pystray.MenuItem(
                item.label, pystray.Menu(*[self._render(sub) for sub in item.submenu]), enabled=item.enabled, visible=item.visible
            )
        command = item.command
        action = (lambda: self._on_command(command)) if command else None
        checked = None if item.checked is None else (lambda _item, value=item.checked: value)
        return pystray.MenuItem(item.label, action, checked=checked, enabled=item.enabled and command is not None, visible=item.visible)
