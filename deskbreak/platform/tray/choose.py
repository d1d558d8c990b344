"""Pick the tray: pystray with a menu (AppIndicator, then GTK), icon-only X11, or headless."""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

from deskbreak.config.settings import Settings
from deskbreak.platform.choice import Chosen, Unavailable, first_available
from deskbreak.platform.tray.headless import HeadlessTray

OnCommand = Callable[[dict[str, Any]], None]
LINUX_BACKENDS = ("appindicator", "gtk", "xorg")


def choose_tray(settings: Settings, on_command: OnCommand) -> Chosen[Any]:
    if settings.tray == "none":
        return Chosen(HeadlessTray('tray = "none" in the config'), (("tray", 'tray = "none" in the config'),))
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        reason = "no DISPLAY (Wayland has no tray protocol of its own; run under X11 or XWayland)"
        return Chosen(HeadlessTray(reason), (("tray", reason),))
    backends = LINUX_BACKENDS if settings.tray == "auto" else (settings.tray,)
    if not sys.platform.startswith("linux"):
        backends = ("default",)
    return first_available([(name, _maker(name, on_command)) for name in backends],
                           HeadlessTray("no tray backend works here"))


def _maker(backend: str, on_command: OnCommand) -> Callable[[], Any]:
    def make() -> Any:
        from deskbreak.platform.tray.pystray_tray import PystrayTray

        tray = PystrayTray(backend, on_command)
        if backend != "xorg" and not tray.has_menu:
            raise Unavailable(f"pystray fell back to a backend without a menu ({tray.backend})")
        return tray

    return make
