"""Registration with `org.kde.StatusNotifierWatcher`, kept up as the watcher comes and goes.

The watcher lives in the panel (xfce4-panel, waybar, GNOME's extension; kded5 on KDE). When the
panel restarts, a new process takes the watcher's name and knows no items, so the item
registers again each time the name gets a new owner (NameOwnerChanged), and again when a host
announces itself (StatusNotifierHostRegistered: a host that came up after the watcher may not
have seen the item; registering twice is harmless).

The item registers by its object path, not by its bus name, as libappindicator's items do: the
watcher then takes the caller's unique name, which cannot change hands, where a well-known name
makes GNOME's extension watch that name too and race its own property reads against it.

A watcher may also drop a live item: GNOME's AppIndicator extension (v46) now and then throws an
item away a moment after it registered ("While initalizing proxy ... Argument two may not be
null", then StatusNotifierItemUnregistered), a race inside the extension. So when the watcher
says our item is gone while its name still has an owner, the item registers again, after a
delay that doubles each time it is dropped again soon (1 s up to 64 s), so a watcher that keeps
dropping it costs one call a minute, not a loop.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from dbus_fast import Message, MessageType

WATCHER = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
FIRST_RETRY_S, LAST_RETRY_S = 1.0, 64.0
STABLE_S = 120.0  # registered this long without being dropped: the next drop starts the delays afresh
log = logging.getLogger(__name__)


async def call(
    bus: Any, destination: str, path: str, interface: str, member: str, signature: str = "", body: list[Any] | None = None
) -> list[Any]:
    reply = await bus.call(
        Message(destination=destination, path=path, interface=interface, member=member, signature=signature, body=body or [])
    )
    if reply.message_type == MessageType.ERROR:
        raise RuntimeError(f"{member}: {reply.error_name}: {' '.join(map(str, reply.body))}")
    return list(reply.body)


async def watcher_present(bus: Any) -> bool:
    body = await call(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s", [WATCHER])
    return bool(body[0])


class WatcherLink:
    def __init__(self, bus: Any, service: str, path: str) -> None:
        self._bus = bus
        self._service = service
        self._path = path
        self._retry_s = FIRST_RETRY_S
        self._registered_at = 0.0
        self._retry: asyncio.TimerHandle | None = None

    async def start(self) -> None:
        """Follow the watcher's name, and register with the watcher that is there now."""
        for rule in (
            f"type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='{WATCHER}'",
            f"type='signal',interface='{WATCHER}',member='StatusNotifierHostRegistered'",
            f"type='signal',interface='{WATCHER}',member='StatusNotifierItemUnregistered'",
        ):
            await call(self._bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "AddMatch", "s", [rule])
        self._bus.add_message_handler(self._on_message)
        if await watcher_present(self._bus):
            await self._register()

    def _on_message(self, message: Message) -> None:
        if (
            message.message_type == MessageType.SIGNAL
            and message.member == "StatusNotifierItemUnregistered"
            and message.interface == WATCHER
            and self._is_ours(message.body)
        ):
            self._dropped()
        elif message.message_type == MessageType.SIGNAL and message.member == "StatusNotifierHostRegistered":
            asyncio.get_running_loop().create_task(self._register())
        elif (
            message.message_type == MessageType.SIGNAL
            and message.member == "NameOwnerChanged"
            and message.interface == "org.freedesktop.DBus"
            and message.body[:1] == [WATCHER]
        ):
            if message.body[2]:
                log.info("a tray host's watcher appeared (%s); registering the icon", message.body[2])
                asyncio.get_running_loop().create_task(self._register())
            else:
                log.info("the tray host's watcher went away; the icon comes back when a new one starts")

    def _is_ours(self, body: list[Any]) -> bool:
        """Watchers name an item by its service, bus name or "busname/path"."""
        named = str(body[0]) if body else ""
        return bool(named) and (self._service in named or (self._bus.unique_name or "\0") in named)

    def _dropped(self) -> None:
        """The watcher let go of our item while deskbreak runs: register again, later each time."""
        loop = asyncio.get_running_loop()
        if loop.time() - self._registered_at > STABLE_S:
            self._retry_s = FIRST_RETRY_S
        if self._retry is not None:
            return
        log.warning("the tray host dropped the icon; registering it again in %.0f s", self._retry_s)
        self._retry = loop.call_later(self._retry_s, lambda: loop.create_task(self._register_again()))
        self._retry_s = min(self._retry_s * 2, LAST_RETRY_S)

    async def _register_again(self) -> None:
        self._retry = None
        if await watcher_present(self._bus):
            await self._register()

    async def _register(self) -> None:
        try:
            await call(self._bus, WATCHER, WATCHER_PATH, WATCHER, "RegisterStatusNotifierItem", "s", [self._path])
        except Exception as exc:  # the watcher may vanish between its name appearing and our call
            log.warning("could not register the tray icon with the watcher: %s", exc)
            return
        self._registered_at = asyncio.get_running_loop().time()
