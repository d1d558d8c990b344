"""Issue 13, class 8: when the X server or the session bus goes away under the daemon, it says why
it stopped, logs `stopped` with that reason, and removes its socket and pid file (instead of
logging errors forever, or running on with a tray and notifications nobody can see). Each test runs
an X server (Xvfb) or a session bus (dbus-daemon) of its own, so killing it touches nothing else."""

from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.daemon.harness import Daemon
from tests.desktop import rig

pytestmark = pytest.mark.desktop  # each test starts its own X server, session bus, tray or dunst

CALM = '[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "1s"\n'


def assert_stopped_cleanly(daemon: Daemon, root: Path, reason: str) -> None:
    assert daemon.proc is not None and daemon.proc.wait(20) == 0
    assert daemon.events()[-1] == {**daemon.events()[-1], "event": "stopped", "reason": reason}
    assert reason in daemon.output()
    runtime = root / "runtime" / "deskbreak"
    assert not (runtime / "control.sock").exists() and not (runtime / "daemon.pid").exists()
    assert not (root / "data" / "deskbreak" / "daemon.pid").exists()


@contextmanager
def private_x_server() -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """An Xvfb of the test's own on a free display number, and that display's name."""
    xvfb = rig.need("Xvfb")
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as displayfd:
        display = f":{displayfd.readline().strip()}"
    try:
        yield server, display
    finally:
        rig.end(server)


def icon_shown(env: dict[str, str], pid: int) -> bool:
    """The daemon's tray icon has its window on the display: GTK's carries the process id,
    pystray's xorg backend names its window after the app."""
    searches = (["--pid", str(pid)], ["--name", "deskbreak"])
    return any(subprocess.run(["xdotool", "search", *how], env=env, capture_output=True, text=True).stdout for how in searches)


def test_the_daemon_stops_cleanly_and_says_why_when_the_x_server_goes_away(tmp_path):
    with private_x_server() as (server, display):
        daemon = Daemon(tmp_path, config=f'{CALM}[desktop]\nnotifier = "console"\ntray = "none"\n', display=True)
        daemon.env["DISPLAY"] = display
        daemon.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        try:
            daemon.start()
            assert "x11" in daemon.events()[0]["idle_source"]
            server.terminate()
            server.wait(10)
            assert_stopped_cleanly(daemon, tmp_path, "the X server went away")
        finally:
            daemon.stop()


@pytest.mark.parametrize("backend", ["gtk", "appindicator", "xorg"])
def test_the_xembed_tray_daemon_stops_cleanly_and_says_why_when_the_x_server_goes_away(tmp_path, backend):
    """pystray's tray in trayer: GTK would end the process on the spot, and pystray's xorg
    backend ends its loop. The samples are far apart, so the tray meets the loss first."""
    (tmp_path / "daemon").mkdir()
    config = f'[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "2m"\n[desktop]\nnotifier = "console"\ntray = "{backend}"\n'
    daemon = Daemon(tmp_path / "daemon", config=config, display=True)
    with private_x_server() as (server, display):
        bus = rig.SessionBus(tmp_path / "bus")  # pystray's GTK backends want one
        env = {**os.environ, "DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": bus.address}
        daemon.env.update(DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=bus.address)
        tray = rig.Tray(env)
        try:
            daemon.start()
            assert daemon.events()[0]["tray"].startswith(f"pystray {backend}")
            rig.poll(lambda: icon_shown(env, daemon.proc.pid), timeout=30, what="the tray icon's window")
            server.terminate()
            server.wait(10)
            assert_stopped_cleanly(daemon, tmp_path / "daemon", "the X server went away")
        finally:
            daemon.stop()
            tray.stop()
            bus.stop()


@pytest.mark.parametrize(
    "desktop, uses_the_bus",
    [
        ('tray = "sni"\nnotifier = "console"\n', "StatusNotifierItem"),  # no tray host yet: the item waits on the bus
        ('tray = "none"\nnotifier = "desktop"\n', "desktop-notifier"),  # dunst on the same bus
    ],
    ids=["sni-tray", "desktop-notifier"],
)
def test_the_daemon_stops_cleanly_and_says_why_when_the_session_bus_goes_away(tmp_path, desktop, uses_the_bus):
    (tmp_path / "daemon").mkdir()
    daemon = Daemon(tmp_path / "daemon", config=f"{CALM}[desktop]\n{desktop}")
    bus = rig.SessionBus(tmp_path / "bus")
    daemon.env["DBUS_SESSION_BUS_ADDRESS"] = bus.address
    dunst = rig.Dunst(tmp_path / "dunst", {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus.address}) if "desktop" in desktop else None
    try:
        daemon.start()
        assert uses_the_bus in daemon.events()[0]["tray"] + daemon.events()[0]["notifier"]
        bus.stop()
        assert_stopped_cleanly(daemon, tmp_path / "daemon", "the session bus went away")
    finally:
        daemon.stop()
        if dunst is not None:
            dunst.stop()
        bus.stop()
