"""Idle time and idle inhibitors over the session bus, as on a Wayland or GNOME desktop. GNOME
and KDE cannot run here, so small services on the rig's real bus answer the same methods."""

from __future__ import annotations

import pytest
from dbus_fast.service import ServiceInterface, method

from deskbreak.platform.busy.base import AnyBusy
from deskbreak.platform.busy.choose import choose_busy_probe
from deskbreak.platform.busy.gnome_inhibit import GnomeIdleInhibited
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.idle.dbus_idle import DBusIdle

from tests.desktop.bus_service import serving


class ScreenSaver(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.freedesktop.ScreenSaver")
        self.idle_ms = 0

    @method()
    def GetSessionIdleTime(self) -> "u":  # noqa: F821  (a D-Bus signature, not a Python type)
        return self.idle_ms


class SessionManager(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.gnome.SessionManager")
        self.inhibited_flags = 0
        self.asked: list[int] = []

    @method()
    def IsInhibited(self, flags: "u") -> "b":  # noqa: F821
        self.asked.append(flags)
        return bool(self.inhibited_flags & flags)


@pytest.fixture
def screensaver(desktop_env):
    service = ScreenSaver()
    with serving("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", service):
        yield service


@pytest.fixture
def session_manager(desktop_env):
    service = SessionManager()
    with serving("org.gnome.SessionManager", "/org/gnome/SessionManager", service):
        yield service


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


def test_an_idle_inhibitor_holds_reminders_back(session_manager):
    probe = GnomeIdleInhibited()
    assert probe.busy() is None
    session_manager.inhibited_flags = 8  # a video player asked GNOME not to go idle
    assert probe.busy() == "inhibit"
    session_manager.inhibited_flags = 4  # suspend inhibited only: not a reason to wait
    assert probe.busy() is None
    assert set(session_manager.asked) == {8}


def test_without_a_gnome_session_manager_the_inhibitor_probe_is_unavailable(desktop_env):
    with pytest.raises(Unavailable, match="no GNOME session manager"):
        GnomeIdleInhibited()


def test_on_x11_with_gnome_both_fullscreen_and_inhibitors_are_watched(session_manager):
    chosen = choose_busy_probe(defer_on=("fullscreen", "inhibit"))
    assert isinstance(chosen.adapter, AnyBusy)
    assert chosen.adapter.name == "x11 fullscreen window (EWMH) + idle inhibitor (org.gnome.SessionManager)"
    session_manager.inhibited_flags = 8
    assert chosen.adapter.busy() == "inhibit"


SHORT = """
[reminders]
sit_limit = "2s"
renotify_every = "1h"
[presence]
sample_every = "1s"
"""


def test_the_daemon_defers_a_due_reminder_while_idle_is_inhibited_and_shows_it_after(session_manager,
                                                                                      desktop_daemon, dunst):
    session_manager.inhibited_flags = 8
    daemon = desktop_daemon(SHORT)
    daemon.wait_for_event("deferred")
    deferred = [e for e in daemon.events() if e["event"] == "deferred"][0]
    assert deferred["reason"] == "inhibit"
    assert "reminder_shown" not in daemon.kinds()
    session_manager.inhibited_flags = 0
    daemon.wait_for_event("reminder_shown")
    assert daemon.kinds().count("deferred") == 1  # logged when the wait began, not on every sample
