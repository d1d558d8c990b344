"""The way users install deskbreak: `pipx install` of the wheel, no extras (so no PyGObject), then
run on a real desktop: XFCE's panel (a StatusNotifier host) on its own X server and session bus,
with dunst for the notifications. The tray is the native StatusNotifierItem, menu and all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.daemon.harness import Daemon
from tests.desktop import desktops, rig, sni_client
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
    env = {**os.environ, "PIPX_HOME": str(root / "home"), "PIPX_BIN_DIR": str(root / "bin"), "PIPX_MAN_DIR": str(root / "man")}
    done = subprocess.run([pipx, "install", str(wheel())], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return root / "bin"


def test_the_pipx_installed_app_shows_its_tray_menu_and_notifies_without_pygobject(pipx_bin, xfce: desktops.Desktop, tmp_path):
    venv_python = pipx_bin.parent / "home" / "venvs" / "deskbreak" / "bin" / "python"
    assert subprocess.run([str(venv_python), "-c", "import gi"], capture_output=True).returncode != 0
    dunst = rig.Dunst(tmp_path / "dunst", xfce.env)
    (tmp_path / "app").mkdir()
    app = Daemon(tmp_path / "app", config=SOON, display=True, desktop=xfce.env, command=[str(pipx_bin / "deskbreak")])
    try:
        app.start()
        interpreter = Path(f"/proc/{app.proc.pid}/cmdline").read_bytes().split(b"\0")[0].decode()
        assert Path(interpreter).is_relative_to(pipx_bin.parent / "home" / "venvs" / "deskbreak"), interpreter
        found: list[str] = []
        rig.poll(
            lambda: bool(found.extend(sni_client.items_of(xfce.env["DBUS_SESSION_BUS_ADDRESS"], app.proc.pid)) or found),
            what="the pipx-installed app's item in the panel's watcher",
        )
        _, menu = sni_client.menu(xfce.env["DBUS_SESSION_BUS_ADDRESS"], sni_client.bus_name(found[0]))
        assert "30 minutes" in "\n".join(menu.lines())
        assert json.loads(app.cli("status", "--json").stdout)["tray"] == "StatusNotifierItem"
        app.wait_for_event("reminder_shown")
        rig.poll(lambda: dunst.displayed() >= 1, what="the reminder on dunst")
        doctor = app.cli("doctor").stdout
        assert "problem notifications" not in doctor and "problem tray" not in doctor, doctor
    finally:
        app.stop()
        dunst.stop()
