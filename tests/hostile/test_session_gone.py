"""Issue 13, class 8: when the X server or the session bus goes away under the daemon, it says why
it stopped, logs `stopped` with that reason, and removes its socket and pid file (instead of
logging errors forever, or running on with a tray and notifications nobody can see). Each test runs
an X server (Xvfb) or a session bus (dbus-daemon) of its own, so killing it touches nothing else."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.daemon.harness import Daemon
from tests.desktop import rig

CALM = '[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "1s"\n'


def assert_stopped_cleanly(daemon: Daemon, root: Path, reason: str) -> None:
    assert daemon.proc is not None and daemon.proc.wait(20) == 0
    assert daemon.events()[-1] == {**daemon.events()[-1], "event": "stopped", "reason": reason}
    assert reason in daemon.output()
    runtime = root / "runtime" / "deskbreak"
    assert not (runtime / "control.sock").exists() and not (runtime / "daemon.pid").exists()
    assert not (root / "data" / "deskbreak" / "daemon.pid").exists()


def test_the_daemon_stops_cleanly_and_says_why_when_the_x_server_goes_away(tmp_path):
    xvfb = rig.need("Xvfb")
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as displayfd:
        display = f":{displayfd.readline().strip()}"
    daemon = Daemon(
        tmp_path,
        config='[reminders]\nsit_limit = "1h"\n[presence]\nsample_every = "1s"\n[desktop]\nnotifier = "console"\ntray = "none"\n',
        display=True,
    )
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
        rig.end(server)


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
