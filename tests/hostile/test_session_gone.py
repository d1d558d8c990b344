"""Issue 13, class 8: when the X server goes away under the daemon, it says why it stopped, logs
`stopped` with that reason, and removes its socket and pid file (instead of logging errors forever).
The test runs an X server of its own (Xvfb), so killing it touches nothing else."""

from __future__ import annotations

import os
import subprocess

from tests.daemon.harness import Daemon
from tests.desktop import rig


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
        assert daemon.proc.wait(20) == 0
        assert daemon.events()[-1] == {**daemon.events()[-1], "event": "stopped", "reason": "the X server went away"}
        assert "the X server went away" in daemon.output()
        runtime = tmp_path / "runtime" / "deskbreak"
        assert not (runtime / "control.sock").exists() and not (runtime / "daemon.pid").exists()
        assert not (tmp_path / "data" / "deskbreak" / "daemon.pid").exists()
    finally:
        daemon.stop()
        rig.end(server)
