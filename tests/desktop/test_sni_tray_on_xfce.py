"""The StatusNotifierItem tray against a real tray host: XFCE's panel (its systray plugin is the
watcher and the host) under its own Xvfb, with the real daemon, seen over the panel's bus the way
the host sees it. Per-desktop click-through on GNOME, KDE and sway lives in its own tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.daemon.harness import Daemon, wait_until
from tests.desktop import desktops, rig, sni_client
from tests.desktop.tray_drivers import panel_env

CONFIG = """
[reminders]
sit_limit = "1h"
snooze = "7m"
[presence]
sample_every = "1s"
[routines]
default = "full"
[desktop]
notifier = "console"
"""

STRETCH = (
    (Path(__file__).parents[2] / "deskbreak" / "routines" / "data" / "desk.toml")
    .read_text()
    .replace('name = "desk"', 'name = "stretch"', 1)
)


@pytest.fixture
def daemon(xfce: desktops.Desktop, tmp_path: Path):
    started = Daemon(tmp_path, config=CONFIG, display=True)
    started.panel_before = panel_strip(xfce)
    started.env.update(DISPLAY=xfce.env["DISPLAY"], DBUS_SESSION_BUS_ADDRESS=xfce.env["DBUS_SESSION_BUS_ADDRESS"])
    routines = tmp_path / "config" / "deskbreak" / "routines"
    routines.mkdir(parents=True)
    (routines / "stretch.toml").write_text(STRETCH)
    started.start()
    yield started
    started.stop()


def bus(xfce: desktops.Desktop) -> str:
    return xfce.env["DBUS_SESSION_BUS_ADDRESS"]


def our_item(xfce: desktops.Desktop, daemon: Daemon) -> str:
    """The daemon's item as the watcher lists it; waits for it to be registered."""
    found: list[str] = []

    def registered() -> bool:
        found[:] = sni_client.items_of(bus(xfce), daemon.proc.pid)
        return bool(found)

    rig.poll(registered, what="the daemon's item in the watcher's list")
    return sni_client.bus_name(found[0])


def status(daemon: Daemon) -> dict:
    return json.loads(daemon.cli("status", "--json").stdout)


def test_the_item_registers_with_the_panel_and_shows_the_configured_menu(xfce, daemon):
    service = our_item(xfce, daemon)
    assert status(daemon)["tray"] == "StatusNotifierItem"
    assert sni_client.item_property(bus(xfce), service, "IconName") == ""
    assert sni_client.item_property(bus(xfce), service, "Id") == "deskbreak"
    pixmaps = sni_client.item_property(bus(xfce), service, "IconPixmap")
    assert [(w, h, len(data)) for w, h, data in pixmaps] == [(22, 22, 22 * 22 * 4), (48, 48, 48 * 48 * 4)]
    _, root = sni_client.menu(bus(xfce), service)
    lines = root.lines()
    assert lines[:4] == ["Start break now", "  Full routine (default)", "  Desk routine", "  Stretch routine"]
    assert "Snooze 7 min (disabled)" in lines
    assert root.find("Pause", "30 minutes").props.get("enabled", True)


def test_pause_30_minutes_from_the_menu_pauses_and_the_icon_changes(xfce, daemon):
    service = our_item(xfce, daemon)
    monitor = subprocess.Popen(
        ["dbus-monitor", "--session", "type='signal',interface='org.kde.StatusNotifierItem'"],
        env=xfce.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_until(lambda: _monitor_ready(monitor), what="dbus-monitor to listen")
        before = sni_client.item_property(bus(xfce), service, "IconPixmap")
        revision, root = sni_client.menu(bus(xfce), service)
        sni_client.click(bus(xfce), service, root.find("Pause", "30 minutes").ident)
        daemon.wait_for_event("paused")
        paused = [e for e in daemon.events() if e["event"] == "paused"][0]
        assert paused["source"] == "tray"
        now = status(daemon)["status"]
        assert now["phase"] == "paused" and now["paused_until"] == paused["until"]
        rig.poll(lambda: sni_client.item_property(bus(xfce), service, "IconPixmap") != before, what="the paused icon")
        new_revision, root = sni_client.menu(bus(xfce), service)
        assert new_revision > revision and "Resume reminders" in root.lines()
        assert sni_client.item_property(bus(xfce), service, "XAyatanaLabel") == "paused"
    finally:
        monitor.terminate()
        seen = monitor.communicate(timeout=5)[0]
    assert "member=NewIcon" in seen and "member=NewToolTip" in seen


def _monitor_ready(monitor: subprocess.Popen) -> bool:
    line = monitor.stdout.readline()  # dbus-monitor prints its own NameAcquired first
    return "NameAcquired" in line or "NameLost" in line


def test_a_reload_changes_the_menu_without_a_restart(xfce, daemon):
    service = our_item(xfce, daemon)
    revision, _ = sni_client.menu(bus(xfce), service)
    daemon.config_file.write_text(CONFIG.replace('snooze = "7m"', 'snooze = "4m"').replace('"full"', '"desk"'))
    daemon.proc.send_signal(signal.SIGHUP)

    def reloaded() -> bool:
        return "Snooze 4 min (disabled)" in sni_client.menu(bus(xfce), service)[1].lines()

    rig.poll(reloaded, what="the reloaded menu over D-Bus")
    new_revision, root = sni_client.menu(bus(xfce), service)
    assert new_revision > revision
    assert root.lines()[:4] == ["Start break now", "  Desk routine (default)", "  Full routine", "  Stretch routine"]
    assert daemon.cli("reload").returncode == 0
    assert daemon.proc.poll() is None


def test_the_item_comes_back_when_the_panel_restarts(xfce, daemon):
    our_item(xfce, daemon)
    restart_panel(xfce)
    service = our_item(xfce, daemon)
    _, root = sni_client.menu(bus(xfce), service)
    assert "Start break now" in root.lines()
    assert daemon.proc.poll() is None


def test_sigterm_stops_the_daemon_on_the_sni_loop(xfce, daemon):
    name = our_item(xfce, daemon)
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.proc.wait(10) == 0
    assert daemon.kinds()[-1] == "stopped"
    rig.poll(
        lambda: not [i for i in sni_client.registered_items(bus(xfce)) if sni_client.bus_name(i) == name],
        what="the watcher to drop the item",
    )


def test_started_before_the_panel_the_item_appears_when_the_panel_does(xfce, tmp_path):
    """At login a Wayland session may start deskbreak before its panel: with no watcher and no X
    display the item waits on the bus and registers when the watcher comes."""
    stop_panel(xfce)
    try:
        waiting = Daemon(tmp_path, config=CONFIG, display=True)
        waiting.env.pop("DISPLAY")
        waiting.env["DBUS_SESSION_BUS_ADDRESS"] = bus(xfce)
        waiting.start()
    finally:
        start_panel(xfce)
    try:
        service = our_item(xfce, waiting)
        assert "Start break now" in sni_client.menu(bus(xfce), service)[1].lines()
    finally:
        waiting.stop()


def restart_panel(xfce: desktops.Desktop) -> None:
    """Kill xfce4-panel by the pid its recipe wrote, and start it again as the recipe does."""
    stop_panel(xfce)
    start_panel(xfce)


def stop_panel(xfce: desktops.Desktop) -> None:
    pid_file = xfce.state / "panel.pid"
    old = int(pid_file.read_text())
    os.kill(old, signal.SIGTERM)
    rig.poll(lambda: not Path(f"/proc/{old}").exists() or _zombie(old), what="the old panel to exit")
    rig.poll(lambda: not sni_client.registered_items(bus(xfce)), what="the watcher to go with the panel")


def start_panel(xfce: desktops.Desktop) -> None:
    pid_file = xfce.state / "panel.pid"
    log = (xfce.state / "panel.log").open("a")
    panel = subprocess.Popen(["xfce4-panel", "--disable-wm-check"], env=panel_env(xfce), stdout=log, stderr=log, start_new_session=True)
    pid_file.write_text(f"{panel.pid}\n")


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return True


def panel_strip(xfce: desktops.Desktop):
    from PIL import ImageGrab

    return ImageGrab.grab(xdisplay=xfce.env["DISPLAY"]).convert("RGB").crop((0, 0, 1280, 30))


def icon_centre(xfce: desktops.Desktop, daemon: Daemon) -> tuple[int, int]:
    """Where the icon appeared on the panel: the leftmost run of columns that changed since the
    daemon started (the clock, right of the tray, may have ticked meanwhile)."""
    from PIL import ImageChops

    columns: list[int] = []

    def appeared() -> bool:
        diff = ImageChops.difference(panel_strip(xfce), daemon.panel_before).convert("L").point(lambda v: 255 * (v > 40))
        box = diff.getbbox()
        if not box:
            return False
        hits = [x for x in range(box[0], box[2]) if diff.crop((x, 0, x + 1, 30)).getbbox()]
        run = [hits[0]]
        for x in hits[1:]:
            if x - run[-1] > 3:
                break
            run.append(x)
        columns[:] = run
        return len(run) >= 10

    rig.poll(appeared, what="the icon on the panel")
    return (columns[0] + columns[-1]) // 2, 15


def menu_is_open(xfce: desktops.Desktop) -> bool:
    """A menu drops down from the panel over the bare (black) root window below it."""
    from PIL import ImageGrab

    below = ImageGrab.grab(xdisplay=xfce.env["DISPLAY"]).convert("L").crop((0, 40, 1280, 300))
    return below.getextrema()[1] > 100


def close_menu(xfce: desktops.Desktop) -> None:
    xfce.run("xdotool", "key", "Escape")
    rig.poll(lambda: not menu_is_open(xfce), what="the menu to close")


def test_a_left_click_opens_the_menu_and_starts_nothing(xfce, daemon):
    our_item(xfce, daemon)
    x, y = icon_centre(xfce, daemon)
    xfce.click(x, y, 1)
    rig.poll(lambda: menu_is_open(xfce), what="the menu after a left click")
    close_menu(xfce)
    assert "break_started" not in daemon.kinds()


def test_right_click_pause_30_minutes_with_the_pointer_and_keys_pauses(xfce, daemon):
    our_item(xfce, daemon)
    x, y = icon_centre(xfce, daemon)
    xfce.click(x, y, 3)
    rig.poll(lambda: menu_is_open(xfce), what="the menu after a right click")
    for key in ("Down", "Down", "Right", "Return"):  # Start break now, (Snooze, Skip disabled), Pause ▸ 30 minutes
        xfce.run("xdotool", "key", key)
    daemon.wait_for_event("paused")
    assert status(daemon)["status"]["phase"] == "paused"
    assert [e for e in daemon.events() if e["event"] == "paused"][0]["source"] == "tray"


def test_doctor_names_the_desktop_and_the_tray_and_what_was_not_tried(xfce, daemon):
    env = {**daemon.env, "XDG_CURRENT_DESKTOP": "XFCE", "XDG_SESSION_TYPE": "x11"}
    run = subprocess.run(
        [sys.executable, "-m", "deskbreak", "doctor"], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    lines = {line[8:].split()[0]: line for line in run.stdout.splitlines() if line[:1] in "op"}
    assert lines["session"].startswith("ok") and "X11 (xfce)" in lines["session"]
    assert lines["tray"].startswith("ok") and "StatusNotifierItem with a menu" in lines["tray"]
    assert "not tried: pystray appindicator, pystray gtk, pystray xorg" in lines["tray"]


def test_the_sni_tray_loads_no_gtk_and_no_pygobject(xfce, daemon):
    our_item(xfce, daemon)
    maps = Path(f"/proc/{daemon.proc.pid}/maps").read_text()
    assert "libgtk-3" not in maps and "libgirepository" not in maps and "/gi/_gi" not in maps
