"""Blocking D-Bus method calls for adapters that are polled from the scheduler's thread.

Each SyncBus owns a private asyncio loop that only it uses, so dbus-fast's async API can be
called synchronously; every call is bounded by a timeout so a hung service cannot stall the
presence sample.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from deskbreak.platform.choice import Unavailable

CALL_TIMEOUT_S = 1.0


class SyncBus:
    def __init__(self) -> None:
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

    def close(self) -> None:
        self._bus.disconnect()
        self._loop.close()

    @staticmethod
    async def _connect() -> Any:
        """The bus binds to the running loop when built, so it is built inside it."""
        from dbus_fast.aio import MessageBus

        return await MessageBus().connect()

    def _run(self, coroutine: Any) -> Any:
        return self._loop.run_until_complete(asyncio.wait_for(coroutine, CALL_TIMEOUT_S))
