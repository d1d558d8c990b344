"""Registration with `org.kde.StatusNotifierWatcher`, kept up as the watcher comes and goes.

The watcher lives in the panel (xfce4-panel, waybar, GNOME's extension; kded5 on KDE). When the
panel restarts, a new process takes the watcher's name and knows no items, so the item
registers again each time the name gets a new owner (NameOwnerChanged), and again when a host
announces itself (StatusNotifierHostRegistered: a host that came up after the watcher may not
have seen the item; registering twice is harmless).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from dbus_fast import Message, MessageType

WATCHER = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
log = logging.getLogger(__name__)


async def call(bus: Any, destination: str, path: str, interface: str, member: str, signature: str = "",
               body: list[Any] | None = None) -> list[Any]:
    reply = await bus.call(Message(destination=destination, path=path, interface=interface, member=member,
                                   signature=signature, body=body or []))
    if reply.message_type == MessageType.ERROR:
        raise RuntimeError(f"{member}: {reply.error_name}: {' '.join(map(str, reply.body))}")
    return list(reply.body)


async def watcher_present(bus: Any) -> bool:
    body = await call(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
                      "s", [WATCHER])
    return bool(body[0])


class WatcherLink:
    def __init__(self, bus: Any, service: str) -> None:
        self._bus = bus
        self._service = service

    async def start(self) -> None:
        """Follow the watcher's name, and register with the watcher that is there now."""
        for rule in (f"type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',"
                     f"member='NameOwnerChanged',arg0='{WATCHER}'",
                     f"type='signal',interface='{WATCHER}',member='StatusNotifierHostRegistered'"):
            await call(self._bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                       "AddMatch", "s", [rule])
        self._bus.add_message_handler(self._on_message)
        if await watcher_present(self._bus):
            await self._register()

    def _on_message(self, message: Message) -> None:
        if message.message_type == MessageType.SIGNAL and message.member == "StatusNotifierHostRegistered":
            asyncio.get_running_loop().create_task(self._register())
        elif (message.message_type == MessageType.SIGNAL and message.member == "NameOwnerChanged"
                and message.interface == "org.freedesktop.DBus" and message.body[:1] == [WATCHER]):
            if message.body[2]:
                log.info("a tray host's watcher appeared (%s); registering the icon", message.body[2])
                asyncio.get_running_loop().create_task(self._register())
            else:
                log.info("the tray host's watcher went away; the icon comes back when a new one starts")

    async def _register(self) -> None:
        try:
            await call(self._bus, WATCHER, WATCHER_PATH, WATCHER, "RegisterStatusNotifierItem", "s", [self._service])
        except Exception as exc:  # the watcher may vanish between its name appearing and our call
            log.warning("could not register the tray icon with the watcher: %s", exc)
