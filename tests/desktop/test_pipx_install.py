"""The way users install deskbreak: `pipx install` of the wheel (with the linux-desktop extra for
the tray), then run on the rig's real desktop: X server, session bus, dunst and trayer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.daemon.harness import Daemon, wait_until
from tests.desktop import rig
from tests.desktop import tray_driver as tray
from tests.install.built import wheel

SOON = """
[reminders]
sit_limit = "3s"
renotify_every = "1h"
[presence]
sample_every = "1s"
"""


@pytest.fixture(scope="module")
def pipx_bin(tmp_path_factory) -> Path:
    """deskbreak installed by pipx into its own PIPX_HOME, as a user's `pipx install` does."""
    pipx = shutil.which("pipx", path=str(Path(sys.executable).parent))
    if pipx is None:
        rig.missing("pipx is missing (the test extra installs it)")
    root = tmp_path_factory.mktemp("pipx")
    env = {**os.environ, "PIPX_HOME": str(root / "home"), "PIPX_BIN_DIR": str(root / "bin"),
           "PIPX_MAN_DIR": str(root / "man")}
    done = subprocess.run([pipx, "install", f"{wheel()}[linux-desktop]"], env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return root / "bin"


def test_the_pipx_installed_app_docks_in_the_tray_and_notifies(pipx_bin, desktop_env, dunst, tray_host, tmp_path):
    app = Daemon(tmp_path, config=SOON, display=True, command=[str(pipx_bin / "deskbreak")]).start()
    try:
        interpreter = Path(f"/proc/{app.proc.pid}/cmdline").read_bytes().split(b"\0")[0].decode()
        assert Path(interpreter).is_relative_to(pipx_bin.parent / "home" / "venvs" / "deskbreak"), interpreter
        wait_until(tray.is_docked, what="the pipx-installed app's icon inside trayer's panel")
        status = json.loads(app.cli("status", "--json").stdout)
        assert status["tray"] == "pystray appindicator"
        app.wait_for_event("reminder_shown")
        rig.poll(lambda: dunst.displayed() >= 1, what="the reminder on dunst")
        doctor = app.cli("doctor").stdout
        assert "problem notifications" not in doctor and "problem tray" not in doctor, doctor
    finally:
        app.stop()
