"""The daemon's tray icon on a real X server and tray (trayer), driven through its menu."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

from tests.daemon.harness import children, wait_until
from tests.desktop import tray_driver as tray
from tests.desktop.tray_drivers import changed_pixels

CALM = """
[reminders]
sit_limit = "1h"
[presence]
sample_every = "1s"
"""


def status(daemon) -> dict:
    return json.loads(daemon.cli("status", "--json").stdout)


def test_the_icon_docks_in_the_tray_with_a_menu(desktop_daemon):
    daemon = desktop_daemon(CALM)
    tray.icon_window()
    wait_until(tray.is_docked, what="the icon inside trayer's panel")
    assert status(daemon)["tray"] == "pystray appindicator"
    assert tray.tooltip().startswith("Sitting")


def test_the_tray_loads_no_opengl_driver(desktop_daemon):
    daemon = desktop_daemon(CALM)
    wait_until(tray.is_docked, what="the icon inside trayer's panel")
    maps = Path(f"/proc/{daemon.proc.pid}/maps").read_text()
    assert "libGLX_mesa" not in maps and "libLLVM" not in maps


def test_pause_30_minutes_from_the_menu_then_resume(desktop_daemon, shots):
    daemon = desktop_daemon(CALM)
    wait_until(tray.is_docked, what="the icon inside trayer's panel")
    sitting = tray.icon_image(shots / "trayer-sitting.png")
    tray.open_menu()
    tray.choose("Down", "Down", "Right")  # Start break now, (Snooze, Skip disabled), Pause ▸ 30 minutes
    daemon.wait_for_event("paused")
    paused = [e for e in daemon.events() if e["event"] == "paused"][0]
    assert paused["source"] == "tray"
    st = status(daemon)["status"]
    assert st["phase"] == "paused" and st["paused_until"] == paused["until"]
    wait_until(lambda: tray.tooltip().startswith("Reminders paused until"), what="the paused tooltip")
    wait_until(lambda: changed_pixels(sitting, tray.icon_image(shots / "trayer-paused.png")) > 20, what="the paused icon in trayer's panel")

    tray.open_menu()
    tray.choose("Down", "Down")  # Start break now, Resume reminders
    daemon.wait_for_event("resumed")
    assert status(daemon)["status"]["phase"] == "sitting"
    assert [e for e in daemon.events() if e["event"] == "resumed"][0]["source"] == "tray"


def test_im_standing_is_a_check_item_that_stops_the_clock(desktop_daemon):
    daemon = desktop_daemon(CALM)
    tray.open_menu()
    tray.choose("Down", "Down", "Down")  # Start break now, Pause, I'm standing
    daemon.wait_for_event("standing_on")
    assert status(daemon)["status"]["standing"] is True
    wait_until(lambda: tray.tooltip().startswith("Standing"), what="the standing tooltip")


def test_history_in_the_menu_opens_the_history_window_as_its_own_process(desktop_daemon):
    daemon = desktop_daemon(CALM)
    tray.open_menu()
    tray.choose("Down", "Down", "Down", "Down")  # Start break now, Pause, I'm standing, History…
    found = subprocess.run(
        ["xdotool", "search", "--sync", "--onlyvisible", "--name", "^deskbreak — History$", "getwindowpid"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    pid = int(found.stdout.split()[-1])
    try:
        assert pid in children(daemon.proc.pid) and pid != daemon.proc.pid
        assert "PySide6" not in Path(f"/proc/{daemon.proc.pid}/maps").read_text()  # Qt is the window's, never the daemon's
    finally:
        os.kill(pid, signal.SIGTERM)
    wait_until(lambda: pid not in children(daemon.proc.pid), what="the window process to be reaped")
