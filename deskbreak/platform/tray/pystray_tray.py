"""The tray icon and menu through pystray.

pystray picks its backend at import time from PYSTRAY_BACKEND, so the backend is set before
the (lazy) import. GDK_GL=disable is set for that import too (unless the user set GDK_GL): a
tray icon and its menu never need OpenGL, but GDK on X11 otherwise opens GLX at start-up and so
loads the whole GL driver (Mesa's llvmpipe on the rig: 55 of the daemon's 129 MiB of RSS). run() blocks on the calling thread (the main thread: macOS requires it);
the GTK backends marshal calls from other threads onto their loop themselves. The icon image
is replaced only when its quantised look changes, so a sample every few seconds redraws nothing.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from deskbreak.core.model import Status
from deskbreak.platform.choice import Unavailable
from deskbreak.ui import icon_art, tray_menu, tray_text

ICON_SIZE = 64
log = logging.getLogger(__name__)


class PystrayTray:
    def __init__(self, backend: str, on_command: Callable[[dict[str, Any]], None],
                 menu_input: Callable[[Status, str], tray_menu.MenuInput] | None = None) -> None:
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
        self._pystray = pystray
        self._on_command = on_command
        self._menu_input = menu_input or (lambda status, today: tray_menu.MenuInput(status, today))
        self._state: tray_menu.MenuInput | None = None
        self._shown_menu: tuple[tray_menu.Item, ...] = ()
        self._key: tuple[str, int] | None = None
        self._icon = pystray.Icon("deskbreak", icon=icon_art.draw(("sitting", 0), ICON_SIZE), title="deskbreak",
                                  menu=pystray.Menu(self._items))
        self.backend = type(self._icon).__module__.rsplit("._", 1)[-1]
        self.has_menu = bool(self._icon.HAS_MENU)
        self.has_default_action = bool(self._icon.HAS_DEFAULT_ACTION)
        self.name = f"pystray {self.backend}" + ("" if self.has_menu else " (icon only: no menu)")

    def run(self) -> None:
        if not self.has_menu:
            log.warning("the %s tray backend has no menu: use the deskbreak commands to pause or snooze", self.backend)
        self._icon.run()

    def stop(self) -> None:
        self._icon.stop()

    def update(self, status: Status, today: str) -> None:
        """Called after every input (every sample too): the image, tooltip and menu are each
        replaced only when they change, since rebuilding a GTK menu costs more than the sample."""
        self._state = self._menu_input(status, today)
        shown = tray_menu.build(self._state)
        menu_changed, self._shown_menu = shown != self._shown_menu, shown
        key = icon_art.icon_key(status.phase, status.progress)
        if key != self._key:
            self._key = key
            self._icon.icon = icon_art.draw(key, ICON_SIZE)
        title = tray_text.tooltip(status, datetime.now().astimezone())
        if title != self._icon.title:
            self._icon.title = title
        if self.has_menu and menu_changed:
            self._icon.update_menu()

    def tell(self, text: str) -> None:
        log.info("%s", text)
        if self._icon.HAS_NOTIFICATION:
            self._icon.notify(text, "deskbreak")

    def open_path(self, path: Path) -> None:
        """Open a file (or, if it does not exist yet, its folder) with the desktop's default app."""
        target = path
        if not path.exists():
            target = path.parent
            target.mkdir(parents=True, exist_ok=True)
        opener = {"darwin": ["open"], "win32": ["explorer"]}.get(sys.platform, ["xdg-open"])
        try:
            child = subprocess.Popen([*opener, str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as exc:
            log.warning("cannot open %s: %s", target, exc)
            return
        threading.Thread(target=child.wait, name="reap-opener", daemon=True).start()  # no <defunct> left

    def _items(self) -> list[Any]:
        if self._state is None:
            return []
        return [self._render(item) for item in tray_menu.build(self._state)]

    def _render(self, item: tray_menu.Item) -> Any:
        pystray = self._pystray
        if item is tray_menu.SEPARATOR:
            return pystray.Menu.SEPARATOR
        if item.submenu:
            return pystray.MenuItem(item.label, pystray.Menu(*[self._render(sub) for sub in item.submenu]),
                                    enabled=item.enabled, visible=item.visible)
        command = item.command
        action = (lambda: self._on_command(command)) if command else None
        checked = None if item.checked is None else (lambda _item, value=item.checked: value)
        return pystray.MenuItem(item.label, action, checked=checked, enabled=item.enabled and command is not None,
                                default=item.default, visible=item.visible)
