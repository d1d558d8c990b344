"""What a user does with deskbreak's tray icon, run on each real desktop with a tray host:
GNOME Shell (the AppIndicator extension), KDE Plasma, sway with waybar and XFCE's panel.

The `desktop` fixture is parametrized at module scope, so pytest runs every test on one desktop
before it stops that desktop and starts the next: each desktop starts once. The real daemon starts
inside the desktop's session (on Wayland with WAYLAND_DISPLAY and no DISPLAY), and the tray
driver for that desktop finds the icon on the screen, right-clicks it and walks its menu.
Screenshots of each step are kept in the module's `shots` folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from deskbreak.ui import icon_art
from tests.daemon.harness import Daemon
from tests.desktop import desktops, rig, sni_client, tray_drivers

CALM = """
[reminders]
sit_limit = "1h"
[presence]
sample_every = "1s"
[desktop]
notifier = "console"
"""

# the grey track of the ring, drawn in the looks these tests see (sitting, paused); the ring's blue
# is no help: waybar's tray is that blue
DESKBREAK = tray_drivers.near(icon_art.TRACK[:3])
WAYLAND = ("gnome", "kde", "sway")


@pytest.fixture(scope="module", params=["gnome", "kde", "sway", "xfce"])
def desktop(request: pytest.FixtureRequest) -> Iterator[desktops.Desktop]:
    started = desktops.start(request.param)
    yield started
    desktops.finish(started)


@pytest.fixture(scope="module")
def shots(desktop: desktops.Desktop, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp(f"{desktop.kind}-tray-shots")


@pytest.fixture(scope="module")
def tray(desktop: desktops.Desktop, shots: Path) -> Iterator[tray_drivers.TrayDriver]:
    driver = tray_drivers.driver(desktop, DESKBREAK, shots)
    yield driver
    driver.close()


@pytest.fixture
def daemon(desktop: desktops.Desktop, tray: tray_drivers.TrayDriver, tmp_path: Path) -> Iterator[Daemon]:
    """The real daemon inside the desktop's session, its item registered with the desktop's watcher."""
    started = Daemon(tmp_path, config=CALM, desktop=desktop.env).start()
    tray.service = our_item(desktop, started)
    yield started
    started.stop()
    rig.poll(
        lambda: not [i for i in sni_client.registered_items(address(desktop)) if sni_client.bus_name(i) == tray.service],
        what="the watcher to drop the stopped daemon's item",
    )
    tray.icon = None


def address(desktop: desktops.Desktop) -> str:
    return desktop.env["DBUS_SESSION_BUS_ADDRESS"]


def our_item(desktop: desktops.Desktop, daemon: Daemon) -> str:
    """The daemon's item (its bus name), once the watcher lists it."""
    assert daemon.proc
    found: list[str] = []

    def registered() -> bool:
        found[:] = sni_client.items_of(address(desktop), daemon.proc.pid)
        return bool(found)

    rig.poll(registered, what=f"the daemon's item in {desktop.kind}'s watcher")
    return sni_client.bus_name(found[0])


def status(daemon: Daemon) -> dict:
    return json.loads(daemon.cli("status", "--json").stdout)


def test_the_icon_appears_in_the_tray(desktop, daemon, tray, shots):
    if desktop.kind in WAYLAND:
        assert "DISPLAY" not in daemon.env and daemon.env["WAYLAND_DISPLAY"]
    assert status(daemon)["tray"] == "StatusNotifierItem"
    x, y = tray.find_icon("icon")
    left, top, right, bottom = tray.strip
    assert left <= x < right and top <= y < bottom
    tray.icon_image("icon-sitting").save(shots / f"{desktop.kind}-icon-sitting-crop.png")


def test_a_right_click_opens_the_menu(desktop, daemon, tray):
    tray.find_icon()
    tray.open_menu("menu")
    tray.close_menu()
    assert daemon.proc and daemon.proc.poll() is None


def test_a_left_click_opens_the_menu_and_starts_nothing(desktop, daemon, tray):
    tray.find_icon()
    tray.open_menu("menu-left-click", button=1)
    tray.close_menu()
    assert "break_started" not in daemon.kinds()


def test_pause_30_minutes_from_the_menu_pauses_and_the_icon_changes(desktop, daemon, tray, shots):
    tray.find_icon()
    sitting = tray.icon_image("icon-before-pause")
    tray.open_menu("menu-to-pause")
    tray.choose("Pause", "30 minutes")
    daemon.wait_for_event("paused")
    paused = [e for e in daemon.events() if e["event"] == "paused"][0]
    assert paused["source"] == "tray"
    now = status(daemon)["status"]
    assert now["phase"] == "paused" and now["paused_until"] == paused["until"]
    after = tray.icon_changes(sitting, "icon-paused")
    side_by_side(sitting, after).save(shots / f"{desktop.kind}-icon-sitting-then-paused.png")


def test_the_icon_comes_back_when_the_panel_restarts(desktop, daemon, tray):
    tray.find_icon()
    tray.stop_host()
    tray.wait_icon_gone()
    tray.start_host()
    tray.find_icon("icon-after-restart")
    tray.open_menu("menu-after-restart")
    tray.close_menu()
    assert daemon.proc and daemon.proc.poll() is None


def side_by_side(*images: Image.Image) -> Image.Image:
    """Icons next to each other, four times their size, for a person to compare."""
    width, height = images[0].size
    out = Image.new("RGB", (width * len(images) * 4, height * 4), "white")
    for index, image in enumerate(images):
        out.paste(image.resize((width * 4, height * 4), Image.Resampling.NEAREST), (index * width * 4, 0))
    return out
