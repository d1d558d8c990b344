"""Serve a small D-Bus object on the rig's session bus from a thread, standing in for a desktop
service that cannot run here (GNOME Shell, KDE): the adapters under test talk real D-Bus to it."""

from __future__ import annotations

import asyncio
import threading
from contextlib import contextmanager
from typing import Iterator

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface


@contextmanager
def serving(name: str, path: str, interface: ServiceInterface) -> Iterator[None]:
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    buses: list[MessageBus] = []

    async def serve() -> None:
        bus = await MessageBus().connect()
        bus.export(path, interface)
        await bus.request_name(name)
        buses.append(bus)
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(serve(), loop)
    assert ready.wait(5), f"{name} did not come up on the session bus"
    try:
        yield
    finally:
        loop.call_soon_threadsafe(buses[0].disconnect)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
