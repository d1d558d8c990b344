"""Idle time over the session bus, as on a Wayland desktop. GNOME and KDE cannot run here, so a
small service on the rig's real bus answers org.freedesktop.ScreenSaver.GetSessionIdleTime."""

from __future__ import annotations

import asyncio
import threading

import pytest
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.idle.dbus_idle import DBusIdle


class ScreenSaver(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.ScreenSaver")
        self.idle_ms = 0

    @method()
    def GetSessionIdleTime(self) -> "u":  # noqa: F821  (a D-Bus signature, not a Python type)
        return self.idle_ms


@pytest.fixture
def screensaver(desktop_env):
    service = ScreenSaver()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, MessageBus] = {}

    async def serve() -> None:
        bus = await MessageBus().connect()
        bus.export("/org/freedesktop/ScreenSaver", service)
        await bus.request_name("org.freedesktop.ScreenSaver")
        holder["bus"] = bus
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(serve(), loop)
    assert ready.wait(5)
    yield service
    loop.call_soon_threadsafe(holder["bus"].disconnect)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


def test_idle_time_comes_from_the_screensaver_service(screensaver):
    source = DBusIdle()
    try:
        assert source.name == "session bus (org.freedesktop.ScreenSaver)"
        screensaver.idle_ms = 420_000
        assert source.idle_seconds() == 420.0
        screensaver.idle_ms = 1_500
        assert source.idle_seconds() == 1.5
    finally:
        source.close()


def test_without_an_idle_service_on_the_bus_the_source_is_unavailable(desktop_env):
    with pytest.raises(Unavailable, match="no idle service on the session bus"):
        DBusIdle()
