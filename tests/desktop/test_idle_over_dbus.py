"""Idle time from org.freedesktop.ScreenSaver's GetSessionIdleTime, which some desktops answer
(KDE Plasma on X11; on Wayland it answers NotSupported). No such desktop runs here, so a small
STAND-IN service on the rig's real session bus answers the method. GNOME's idle monitor and
session manager are tested against the real GNOME Shell in test_on_gnome.py."""

from __future__ import annotations

import pytest
from dbus_fast.service import ServiceInterface, method

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.idle.dbus_idle import SCREENSAVER, DBusIdle
from tests.desktop.bus_service import serving


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
    with serving("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", service):
        yield service


def test_idle_time_comes_from_the_screensaver_service(screensaver):
    source = DBusIdle(SCREENSAVER)
    try:
        assert source.name == "session bus (org.freedesktop.ScreenSaver)"
        screensaver.idle_ms = 420_000
        assert source.idle_seconds() == 420.0
        screensaver.idle_ms = 1_500
        assert source.idle_seconds() == 1.5
    finally:
        source.close()


def test_without_an_idle_service_on_the_bus_the_source_is_unavailable(desktop_env):
    with pytest.raises(Unavailable, match="org.freedesktop.ScreenSaver does not answer on the session bus"):
        DBusIdle(SCREENSAVER)
