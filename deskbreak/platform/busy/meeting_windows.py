"""A meeting app's window is open (X11): `meeting_apps` matched against each window's WM_CLASS.

For apps whose call window is there even while the microphone is muted; the microphone probe
matches the same names against recording clients.
"""

from __future__ import annotations

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import owner_only
from deskbreak.platform.x11_display import open_display


class MeetingWindows:
    name = "meeting app windows (X11 WM_CLASS)"

    def __init__(self, meeting_apps: tuple[str, ...]) -> None:
        if not meeting_apps:
            raise Unavailable("no meeting_apps in the config")
        self._apps = tuple(app.casefold() for app in meeting_apps)
        self._display, _ = open_display()
        from Xlib import X

        self._X = X
        self._root = self._display.screen().root
        self._clients = self._display.intern_atom("_NET_CLIENT_LIST")

    @owner_only
    def busy(self) -> str | None:
        from Xlib import error

        listed = self._root.get_full_property(self._clients, self._X.AnyPropertyType)
        for wid in listed.value if listed else ():
            try:
                names: tuple[str, ...] = tuple(self._display.create_resource_object("window", wid).get_wm_class() or ())
            except error.XError:
                continue  # closed while we looked
            text = " ".join(names).casefold()
            for app in self._apps:
                if app in text:
                    return f"meeting app: {names[-1]}"
        return None
