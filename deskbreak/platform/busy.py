"""Is the user busy with something a notification should not interrupt?

X11: the active window (EWMH _NET_ACTIVE_WINDOW) is fullscreen. Called from the scheduler's
thread once per sample. Without X11 nothing is ever busy.
"""

from __future__ import annotations

import os
from typing import Protocol

from deskbreak.platform.choice import Chosen, Unavailable, first_available


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
        display_name = os.environ.get("DISPLAY")
        if not display_name:
            raise Unavailable("no DISPLAY: not an X11 session")
        from Xlib import X, display, error

        try:
            self._display = display.Display(display_name)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            raise Unavailable(f"cannot open X display {display_name}: {exc}") from None
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


def choose_busy_probe() -> Chosen[BusyProbe]:
    return first_available([("x11", X11Fullscreen)], NeverBusy())
