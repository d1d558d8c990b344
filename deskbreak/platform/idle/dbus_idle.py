"""Idle time over the session bus, for Wayland sessions where X11 cannot tell:
GNOME's Mutter IdleMonitor, then org.freedesktop.ScreenSaver (KDE and others).

Calls are made synchronously from the scheduler's thread on a private asyncio loop that only
this adapter uses, each bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

from deskbreak.platform.choice import Unavailable

CALL_TIMEOUT_S = 1.0


@dataclass(frozen=True)
class _Method:
    label: str
    destination: str
    path: str
    interface: str
    member: str


METHODS = (
    _Method("GNOME Mutter IdleMonitor", "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor", "GetIdletime"),
    _Method("org.freedesktop.ScreenSaver", "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver", "GetSessionIdleTime"),
)


class DBusIdle:
    def __init__(self) -> None:
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise Unavailable("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        from dbus_fast.aio import MessageBus

        self._loop = asyncio.new_event_loop()
        try:
            self._bus = self._run(self._connect(MessageBus))
        except Exception as exc:
            self._loop.close()
            raise Unavailable(f"cannot connect to the session bus: {exc}") from None
        tried = []
        for method in METHODS:
            try:
                self._method = method
                self.idle_seconds()
            except Exception as exc:
                tried.append(f"{method.label}: {exc}")
                continue
            self.name = f"session bus ({method.label})"
            return
        self.close()
        raise Unavailable("no idle service on the session bus (" + "; ".join(tried) + ")")

    def idle_seconds(self) -> float | None:
        from dbus_fast import Message, MessageType

        m = self._method
        reply = self._run(self._bus.call(Message(destination=m.destination, path=m.path, interface=m.interface,
                                                 member=m.member)))
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(reply.error_name or "error reply")
        return float(reply.body[0]) / 1000.0

    @staticmethod
    async def _connect(bus_class):  # type: ignore[no-untyped-def]
        """The bus binds to the running loop when built, so it must be built inside it."""
        return await bus_class().connect()

    def close(self) -> None:
        self._bus.disconnect()
        self._loop.close()

    def _run(self, coroutine):  # type: ignore[no-untyped-def]
        return self._loop.run_until_complete(asyncio.wait_for(coroutine, CALL_TIMEOUT_S))
