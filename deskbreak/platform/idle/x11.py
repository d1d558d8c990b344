"""X11 idle time from the MIT-SCREEN-SAVER extension, through one python-xlib connection."""

from __future__ import annotations

import os

from deskbreak.platform.choice import Unavailable


class X11Idle:
    name = "x11 screensaver extension"

    def __init__(self, display_name: str | None = None) -> None:
        display_name = display_name or os.environ.get("DISPLAY")
        if not display_name:
            raise Unavailable("no DISPLAY: not an X11 session")
        from Xlib import display, error
        from Xlib.ext import screensaver  # noqa: F401  (registers the extension's methods)

        try:
            self._display = display.Display(display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            raise Unavailable(f"cannot open X display {display_name}: {exc}") from None
        if not self._display.has_extension("MIT-SCREEN-SAVER"):
            self._display.close()
            raise Unavailable(f"X display {display_name} lacks the MIT-SCREEN-SAVER extension")
        self._root = self._display.screen().root

    def idle_seconds(self) -> float | None:
        return self._root.screensaver_query_info().idle / 1000.0

    def close(self) -> None:
        self._display.close()
