"""Is a fullscreen view on screen in sway? Read through sway's IPC socket with i3ipc, event-driven.

Wayland gives a client no way to see other clients' windows, so on sway the compositor's IPC is
asked: a thread subscribes to window and workspace events and, on each one, reads the tree once
and keeps the answer; busy() only returns it. The subscription also asks for tick events,
because sway sends one the moment a subscription starts: the first reading is taken then, so no
change can slip in between reading and subscribing.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import OWNER, owner_only

log = logging.getLogger(__name__)
FIRST_READING_S = 2.0


class SwayFullscreen:
    name = "sway fullscreen view (IPC)"

    def __init__(self) -> None:
        path = os.environ.get("SWAYSOCK")
        if not path:
            raise Unavailable("no SWAYSOCK: not a sway session")
        import i3ipc

        try:
            self._ipc = i3ipc.Connection(socket_path=path)
        except Exception as exc:
            raise Unavailable(f"cannot reach sway's IPC socket {path} ({exc})") from None
        self._fullscreen: str | None = None
        self._broken: str | None = None
        self._closing = False
        self._read = threading.Event()
        for event in (i3ipc.Event.WINDOW, i3ipc.Event.WORKSPACE, i3ipc.Event.TICK):
            self._ipc.on(event, self._on_event)
        self._thread = threading.Thread(target=self._loop, name="sway-ipc", daemon=True)
        self._thread.start()
        if not self._read.wait(FIRST_READING_S):
            self.close()
            raise Unavailable(self._broken or "sway's IPC did not answer a subscription")

    @owner_only
    def busy(self) -> str | None:
        if self._broken:
            raise RuntimeError(self._broken)
        return "fullscreen" if self._fullscreen is not None else None

    def close(self) -> None:
        self._closing = True
        self._ipc.main_quit()
        self._thread.join(timeout=2)

    def _on_event(self, ipc: Any, _event: Any) -> None:
        """On the IPC thread: one tree reading per event that can change what is on screen,
        posted to the owner (the first one is awaited by the constructor instead)."""
        reading = _fullscreen_view(ipc)
        if not self._read.is_set():
            self._fullscreen = reading
            self._read.set()
            return
        OWNER.post(lambda: self._set(reading))

    def _set(self, reading: str | None) -> None:
        self._fullscreen = reading

    def _set_broken(self, why: str) -> None:
        self._broken = why

    def _loop(self) -> None:
        ended = ""
        try:
            self._ipc.main()
        except Exception as exc:
            ended = f" ({exc})"
        if not self._closing:
            why = f"sway's IPC connection ended{ended}"
            log.warning("sway fullscreen: %s", why)
            OWNER.post(lambda: self._set_broken(why))


def _fullscreen_view(ipc: Any) -> str | None:
    """The name of a fullscreen view on a visible workspace, or None."""
    visible = {workspace.name for workspace in ipc.get_workspaces() if workspace.visible}
    for con in ipc.get_tree().descendants():
        if con.fullscreen_mode and con.type in ("con", "floating_con"):
            workspace = con.workspace()
            if workspace is not None and workspace.name in visible:
                return con.name or con.app_id or "a view"
    return None
