"""Blocking D-Bus method calls for adapters that the owner thread reads (idle, busy probes).

In the daemon a SyncBus borrows the daemon's one loop and connection (platform/bus_loop.py),
which the daemon hands over once with `share()` before it builds its adapters; elsewhere
(`doctor`, a test of one adapter) each SyncBus runs a private loop of its own. Every call is
bounded by a timeout, so a hung service cannot stall the presence sample.
"""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING, Any, Callable

from deskbreak.platform.choice import Unavailable

if TYPE_CHECKING:
    from deskbreak.platform.bus_loop import BusLoop

CALL_TIMEOUT_S = 1.0
_shared: BusLoop | None = None


def share(bus_loop: BusLoop | None) -> None:
    """From now on every SyncBus of this process borrows `bus_loop` (None: private loops again)."""
    global _shared
    _shared = bus_loop


class SyncBus:
    def __init__(self) -> None:
        shared = self._shared = _shared
        self._loop: asyncio.AbstractEventLoop | None = None
        if shared is not None:
            self._bus = shared.connection()
            return
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        self._loop = asyncio.new_event_loop()
        try:
            self._bus = self._run(self._connect())
        except Exception as exc:
            self._loop.close()
            raise Unavailable(f"cannot connect to the session bus: {exc}") from None

    def call(
        self, destination: str, path: str, interface: str, member: str, signature: str = "", body: list[Any] | None = None
    ) -> list[Any]:
        """The reply's values; RuntimeError with the error's name when the service refuses."""
        from dbus_fast import Message, MessageType

        reply = self._run(
            self._bus.call(
                Message(destination=destination, path=path, interface=interface, member=member, signature=signature, body=body or [])
            )
        )
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(reply.error_name or "error reply")
        return list(reply.body)

    @property
    def hears_signals(self) -> bool:
        """Whether signals reach this connection as they come: only on the daemon's running loop."""
        return self._shared is not None

    def on_signal(self, rule: str, handler: Callable[[Any], None]) -> None:
        """Run `handler(message)` on the bus loop for every message matching `rule` (a D-Bus
        match rule); the handler must only post to the owner. Needs the daemon's loop."""
        from dbus_fast import Message

        if self._shared is None:
            raise Unavailable("signals are heard only on the daemon's bus loop")

        async def add() -> None:
            self._bus.add_message_handler(handler)
            await self._bus.call(
                Message(
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus",
                    member="AddMatch",
                    signature="s",
                    body=[rule],
                )
            )

        self._run(add())

    def close(self) -> None:
        """A borrowed connection stays open for the others; a private one is closed."""
        if self._loop is not None:
            self._bus.disconnect()
            self._loop.close()

    @staticmethod
    async def _connect() -> Any:
        """The bus binds to the running loop when built, so it is built inside it."""
        from dbus_fast.aio import MessageBus

        return await MessageBus().connect()

    def _run(self, coroutine: Any) -> Any:
        if self._shared is not None:
            return self._shared.run(coroutine, CALL_TIMEOUT_S)
        assert self._loop is not None
        return self._loop.run_until_complete(asyncio.wait_for(coroutine, CALL_TIMEOUT_S))
