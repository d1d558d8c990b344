"""X11 idle time from the MIT-SCREEN-SAVER extension, through one python-xlib connection."""

from __future__ import annotations

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import owner_only
from deskbreak.platform.x11_display import open_display


class X11Idle:
    name = "x11 screensaver extension"

    def __init__(self, display_name: str | None = None) -> None:
        self._display, display_name = open_display(display_name)
        from Xlib.ext import screensaver  # noqa: F401  (registers the extension's methods)

        if not self._display.has_extension("MIT-SCREEN-SAVER"):
            self._display.close()
            raise Unavailable(f"X display {display_name} lacks the MIT-SCREEN-SAVER extension")
        self._root = self._display.screen().root

    @owner_only
    def idle_seconds(self) -> float | None:
        return float(self._root.screensaver_query_info().idle) / 1000.0

    @owner_only
    def close(self) -> None:
        self._display.close()
