"""On X11: the active window (EWMH _NET_ACTIVE_WINDOW) is fullscreen — a presentation, a film."""

from __future__ import annotations

from deskbreak.platform.threads import owner_only
from deskbreak.platform.x11_display import open_display


class X11Fullscreen:
    name = "x11 fullscreen window (EWMH)"

    def __init__(self) -> None:
        self._display, _ = open_display()
        from Xlib import X

        self._X = X
        self._root = self._display.screen().root
        self._active = self._display.intern_atom("_NET_ACTIVE_WINDOW")
        self._state = self._display.intern_atom("_NET_WM_STATE")
        self._fullscreen = self._display.intern_atom("_NET_WM_STATE_FULLSCREEN")

    @owner_only
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
