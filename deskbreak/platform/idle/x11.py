"""X11 idle time from the MIT-SCREEN-SAVER extension, through one python-xlib connection; and
returning input by an event, from XInput2's raw events on a second connection.

python-xlib has no SYNC extension (whose IDLETIME alarms would say both "idle for N s" and
"input came back"), but idle begins when the core asks to look (input stopped at T: it looks at
T + break_after_idle), so only the return needs an event. XInput2 raw events on the root window
report every key, button and motion of every device; they are selected only while armed (the
user is away) and deselected by the first one, so a user at work causes no wake-up at all.
Threading rule: idle_seconds(), watch_input() and close() on the owner; the second connection
belongs to a thread of its own ("x11-input") that waits in select() and posts to the owner.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from typing import Any, Callable

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import OWNER, owner_only
from deskbreak.platform.x11_display import open_display

log = logging.getLogger(__name__)
RAW_INPUT = ("RawKeyPressMask", "RawButtonPressMask", "RawMotionMask")


class X11Idle:
    name = "x11 screensaver extension"

    def __init__(self, display_name: str | None = None) -> None:
        self._display, display_name = open_display(display_name)
        from Xlib.ext import screensaver  # noqa: F401  (registers the extension's methods)

        if not self._display.has_extension("MIT-SCREEN-SAVER"):
            self._display.close()
            raise Unavailable(f"X display {display_name} lacks the MIT-SCREEN-SAVER extension")
        self._root = self._display.screen().root
        self._input = _RawInputWatch.open(display_name)
        self.tells_input = self._input is not None
        if self._input is not None:
            self.name += ", input by XInput2 events"

    @owner_only
    def idle_seconds(self) -> float | None:
        return float(self._root.screensaver_query_info().idle) / 1000.0

    @owner_only
    def watch_input(self, on_input: Callable[[], None]) -> None:
        if self._input is not None:
            self._input.arm(on_input)

    @owner_only
    def watch_gone(self, on_gone: Callable[[], None]) -> None:
        """Run `on_gone` on the owner if the watching connection ends (the X server went away):
        the samples are far apart, so the daemon hears of it at once this way."""
        if self._input is not None:
            self._input.on_gone = on_gone

    @owner_only
    def close(self) -> None:
        if self._input is not None:
            self._input.close()
        self._display.close()


class _RawInputWatch:
    """The second connection and its thread: arm() selects raw input on the root window; the
    first event deselects it and posts the callback to the owner."""

    def __init__(self, display: Any) -> None:
        from Xlib.ext import xinput

        self._display = display
        self._root = display.screen().root
        self._mask = 0
        for name in RAW_INPUT:
            self._mask |= getattr(xinput, name)
        self._device = xinput.AllDevices
        self._armed: Callable[[], None] | None = None  # the thread's copy; set through the pipe
        self._pending: Callable[[], None] | None = None
        self.on_gone: Callable[[], None] | None = None
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._loop, name="x11-input", daemon=True)
        self._thread.start()

    @classmethod
    def open(cls, display_name: str) -> _RawInputWatch | None:
        """None when the server has no XInput 2 (the daemon then samples steadily)."""
        try:
            display, _ = open_display(display_name)
        except Unavailable:
            return None
        try:
            if not display.has_extension("XInputExtension") or _announce_xi22(display) < (2, 1):
                display.close()
                return None
        except Exception:
            display.close()
            return None
        return cls(display)

    def arm(self, on_input: Callable[[], None]) -> None:
        """Any thread: the thread selects raw input and calls back once."""
        with self._lock:
            self._pending = on_input
        os.write(self._wake_w, b"a")

    def close(self) -> None:
        if self._thread.is_alive():
            os.write(self._wake_w, b"q")
            self._thread.join(timeout=2)
        os.close(self._wake_r)
        os.close(self._wake_w)
        self._display.close()

    def _loop(self) -> None:
        fd = self._display.fileno()
        try:
            while True:
                ready, _, _ = select.select([fd, self._wake_r], [], [])
                if self._wake_r in ready and self._woken():
                    return
                if fd in ready or self._display.pending_events():
                    self._drain()
        except Exception as exc:
            log.debug("x11 input watch ended: %r", exc)
            if self.on_gone is not None:
                OWNER.post(self.on_gone)

    def _woken(self) -> bool:
        """Read the pipe: True to stop; an arm request selects raw input."""
        said = os.read(self._wake_r, 64)
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is not None:
            self._armed = pending
            self._select(self._mask)
        return b"q" in said

    def _drain(self) -> None:
        got = False
        while self._display.pending_events():
            self._display.next_event()
            got = True
        if got and self._armed is not None:
            on_input, self._armed = self._armed, None
            self._select(0)
            OWNER.post(on_input)

    def _select(self, mask: int) -> None:
        """Select (or with 0 deselect) raw input from every device on the root window."""
        self._root.xinput_select_events([(self._device, mask)])
        self._display.flush()


def _announce_xi22(display: Any) -> tuple[int, int]:
    """Tell the server this client speaks XInput 2.2 and return the version it offers: from
    2.1 on, raw events reach every client that selects them on the root window (python-xlib's
    own query_version announces 2.0, under which they do not)."""
    from Xlib.ext import xinput

    reply = xinput.XIQueryVersion(
        display=display.display, opcode=display.display.get_extension_major(xinput.extname), major_version=2, minor_version=2
    )
    return int(reply.major_version), int(reply.minor_version)
