"""Do Not Disturb on XFCE and GNOME, read from their real settings services on the rig's bus:
xfconfd (where xfce4-notifyd keeps /do-not-disturb) and dconf-service (where GNOME keeps
show-banners). Neither notification server itself runs here, so these tests give the switch
reader directly instead of choosing it by the server's name (dunst's is chosen for real in
test_calls.py)."""

from __future__ import annotations

import glob
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskbreak.platform.busy.dnd import DoNotDisturb, _xfce_dnd
from deskbreak.platform.dbus_sync import SyncBus
from tests.desktop import rig

XFCONFD = next(iter(sorted(glob.glob("/usr/lib/*/xfce4/xfconf/xfconfd"))), "/usr/lib/xfce4/xfconf/xfconfd")
DCONF_SERVICE = "/usr/libexec/dconf-service"


def settings_service(binary: str, env: dict[str, str], owner: str) -> subprocess.Popen:  # type: ignore[type-arg]
    if not Path(binary).exists():
        rig.missing(f"{binary} is not installed")
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = [
        "dbus-send",
        "--session",
        "--print-reply",
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        f"string:{owner}",
    ]
    rig.poll(lambda: "true" in subprocess.run(names, env=env, capture_output=True, text=True).stdout, what=f"{owner} on the session bus")
    return proc


@pytest.fixture
def own_settings(desktop_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    return {**desktop_env, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_RUNTIME_DIR": str(runtime)}


@pytest.fixture
def xfconf(own_settings: dict[str, str]) -> Iterator[dict[str, str]]:
    rig.need("xfconf-query")
    proc = settings_service(XFCONFD, own_settings, "org.xfce.Xfconf")
    yield own_settings
    rig.end(proc)


@pytest.fixture
def dconf(own_settings: dict[str, str]) -> Iterator[dict[str, str]]:
    rig.need("gsettings")
    env = {**own_settings, "GSETTINGS_BACKEND": "dconf"}
    proc = settings_service(DCONF_SERVICE, env, "ca.desrt.dconf")
    yield env
    rig.end(proc)


def test_xfce_do_not_disturb_is_read_from_xfconf(xfconf):
    probe = DoNotDisturb("Xfce Notify Daemon", "XFCE", SyncBus(), _xfce_dnd)
    assert probe.busy() is None  # never switched on: the property does not exist yet
    query = ["xfconf-query", "-c", "xfce4-notifyd", "-p", "/do-not-disturb"]
    subprocess.run([*query, "-n", "-t", "bool", "-s", "true"], env=xfconf, check=True)
    assert probe.busy() == "dnd: XFCE"
    subprocess.run([*query, "-s", "false"], env=xfconf, check=True)
    assert probe.busy() is None


def gnome_switch(env: dict[str, str]) -> str:
    """The GNOME reader in a fresh process, so it uses this test's dconf and nothing cached."""
    code = "from deskbreak.platform.busy.dnd import _gnome_banners_off; print(_gnome_banners_off()(None))"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_gnome_do_not_disturb_is_banners_off_in_dconf(dconf):
    assert gnome_switch(dconf) == "False"
    subprocess.run(["gsettings", "set", "org.gnome.desktop.notifications", "show-banners", "false"], env=dconf, check=True)
    assert gnome_switch(dconf) == "True"
    subprocess.run(["gsettings", "reset", "org.gnome.desktop.notifications", "show-banners"], env=dconf, check=True)
    assert gnome_switch(dconf) == "False"
