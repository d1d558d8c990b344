"""Issue 13, class 6: a reminder that reaches no one is never logged as shown. On a real session
bus with no notification server, desktop-notifier and plyer are both refused and the reminder goes
to the console, logged with via="console"; a server that dies between reminders is noticed on the
next show. doctor reports what really works."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.daemon.harness import Daemon, isolated_env
from tests.desktop import rig

FAST = '[reminders]\nsit_limit = "3s"\nrenotify_every = "1h"\n[presence]\nsample_every = "1s"\n[desktop]\ntray = "none"\n'


@pytest.fixture
def empty_bus(tmp_path):
    """A real private session bus on which no notification server runs (and none is activatable)."""
    bus = rig.SessionBus(tmp_path / "empty-bus")
    yield bus.address
    bus.stop()


def test_on_a_bus_without_a_notification_server_the_reminder_goes_to_the_console_and_says_so(tmp_path, empty_bus):
    daemon = Daemon(tmp_path, config=FAST)
    daemon.env["DBUS_SESSION_BUS_ADDRESS"] = empty_bus
    try:
        daemon.start()
        daemon.wait_for_event("reminder_shown")
        started = next(e for e in daemon.events() if e["event"] == "started")
        shown = next(e for e in daemon.events() if e["event"] == "reminder_shown")
        assert started["notifier"] == "console" and shown["via"] == "console"
        rig.poll(lambda: "Start it with: deskbreak break" in daemon.output(), what="the console reminder")
        assert "tray menu" not in daemon.output().split("REMINDER", 1)[1]  # there is no tray to point to
    finally:
        daemon.stop()


def test_doctor_on_a_bus_without_a_notification_server_says_console_only_and_why(tmp_path, empty_bus):
    env = {**isolated_env(tmp_path), "DBUS_SESSION_BUS_ADDRESS": empty_bus}
    run = subprocess.run([sys.executable, "-m", "deskbreak", "doctor"], env=env, capture_output=True, text=True, timeout=60)
    line = next(line for line in run.stdout.splitlines() if "notifications" in line)
    assert line.startswith("problem") and "console only" in line
    assert "plyer: no notification server answers" in line


def test_a_server_that_dies_between_reminders_is_noticed_and_the_next_goes_to_the_console(desktop_daemon, dunst):
    daemon = desktop_daemon(FAST.replace('tray = "none"', 'tray = "none"\nnotifier = "auto"'))
    daemon.wait_for_event("reminder_shown")
    assert next(e for e in daemon.events() if e["event"] == "reminder_shown")["via"] == "desktop-notifier"
    dunst.kill()
    assert daemon.cli("skip").returncode == 0
    daemon.wait_for_event("reminder_shown", count=2)
    second = [e for e in daemon.events() if e["event"] == "reminder_shown"][1]
    assert second["via"] == "console"
