"""The daemon's one asyncio loop and its one session-bus connection.

Every D-Bus conversation of the daemon runs here: the StatusNotifierItem tray, desktop-notifier
(which keeps one connection of its own on this loop), and the calls of the adapters the owner
thread reads (GNOME's idle monitor, the busy probes, the notifier's own calls). So the daemon
holds two session-bus connections and one event loop, where it held up to six and four.

Threading rule: the loop runs on a thread of its own ("bus-loop") and touches no daemon state.
The owner thread waits on it with `run(coroutine, timeout)` (bounded, so a hung service cannot
stall the owner for long); anything on the loop that the daemon must act on (a click, a
button, the bus going away) is handed to the owner with `OWNER.post`, never waited for — so
the owner may wait on the loop, and the loop never waits on the owner.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Awaitable, Callable, TypeVar

from deskbreak.platform import bus_gone
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import OWNER

T = TypeVar("T")
CONNECT_TIMEOUT_S = 2.0
log = logging.getLogger(__name__)


class BusLoop:
    def __init__(self, on_gone: Callable[[], None] | None = None) -> None:
        """`on_gone` is posted to the owner if the session bus drops the shared connection."""
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="bus-loop", daemon=True)
        self._bus: Any = None
        self._watching: asyncio.Task[None] | None = None
        self._on_gone = on_gone
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def on_loop(self) -> bool:
        return threading.current_thread() is self._thread

    def run(self, coroutine: Awaitable[T], timeout: float) -> T:
        """Run `coroutine` on the loop and wait for its result, at most `timeout` seconds
        (TimeoutError then, and the coroutine is cancelled). Never from the loop itself."""
        if self.on_loop():
            raise RuntimeError("BusLoop.run() called from the bus loop itself: it would wait on itself")
        future: Future[T] = asyncio.run_coroutine_threadsafe(asyncio.wait_for(coroutine, timeout), self.loop)
        try:
            return future.result(timeout + 0.5)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"no answer within {timeout:g} s") from None

    def call_soon(self, fn: Callable[[], Any]) -> None:
        """Any thread, and signal handlers too: nothing here takes a lock."""
        try:
            self.loop.call_soon_threadsafe(fn)
        except RuntimeError:  # the loop is closed: the daemon is stopping
            pass

    @property
    def connected(self) -> bool:
        """Whether the shared connection was opened (something in the daemon needs the bus)."""
        return self._bus is not None

    def connection(self) -> Any:
        """The shared session-bus connection, opened on first use (Unavailable without a bus):
        a daemon that needs no bus never opens one, and runs on if the bus goes."""
        if self._bus is None:
            if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
                raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
            try:
                self._bus = self.run(self._connect(), CONNECT_TIMEOUT_S)
            except Exception as exc:
                raise Unavailable(f"cannot connect to the session bus: {exc}") from None
        return self._bus

    async def _connect(self) -> Any:
        from dbus_fast.aio import MessageBus

        bus = await MessageBus().connect()
        self._watching = bus_gone.watch(bus, self._gone)
        return bus

    def _gone(self) -> None:
        if self._on_gone is not None:
            OWNER.post(self._on_gone)

    def close(self) -> None:
        """Let go of the connection and end the loop's thread (from any thread but the loop's)."""
        if self.loop.is_closed():
            return
        if self._bus is not None:
            try:
                self.run(self._let_go(), 1.0)
            except Exception:
                log.debug("could not let go of the session bus", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=2)
        if not self._thread.is_alive():
            self.loop.close()

    async def _let_go(self) -> None:
        if self._watching is not None:
            self._watching.cancel()
            await asyncio.sleep(0)
        self._bus.disconnect()
        await asyncio.sleep(0)
