"""Stock GNOME has no tray: without the AppIndicator extension the application-menu entry is the
only way in. On GNOME Shell 43 (Wayland, headless) with the extension turned off, `deskbreak
open` (what the menu entry runs) reaches the running daemon and opens the home window natively
on Wayland, where a screen reader finds it and Start break works through AT-SPI. Its own GNOME:
turning the extension off must not reach the other GNOME modules' tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.daemon.harness import wait_until
from tests.desktop import rig
from tests.desktop.desktops import Desktop

WATCHER = "org.kde.StatusNotifierWatcher"  # what the AppIndicator extension owns: the tray host


@pytest.fixture(scope="module")
def a11y(gnome: Desktop) -> Iterator[rig.AccessibilityBus]:
    bus = rig.AccessibilityBus(gnome.env)
    yield bus
    bus.stop()


def test_deskbreak_open_shows_the_home_window_on_gnome_without_the_appindicator_extension(gnome, daemon_inside, a11y):
    gnome.run("gsettings", "set", "org.gnome.shell", "enabled-extensions", "[]")
    wait_until(lambda: not gnome.owns(WATCHER), timeout=30, what="the AppIndicator extension to go (no tray host)")
    daemon = daemon_inside(gnome, '[desktop]\nnotifier = "console"\n')
    env = {k: v for k, v in daemon.env.items() if k != "NO_AT_BRIDGE"}
    assert "DISPLAY" not in env  # Wayland alone: the window cannot fall back to XWayland
    home = subprocess.Popen(
        [sys.executable, "-m", "deskbreak", "open"],
        env={**env, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def names(role: str) -> list[str]:
            return [name for app, kind, name, _depth in a11y.tree() if app == "deskbreak" and kind == role]

        wait_until(lambda: "Start break" in names("push button"), timeout=60, what="the home window on GNOME's accessibility bus")
        assert {"Pause", "Settings…", "History…"} <= set(names("push button"))
        assert any(text.startswith("Sitting for") for text in names("label"))
        a11y.press("^Start break$")
        daemon.wait_for_event("break_started")
        assert home.poll() is None  # the home window stays while the routine window opens
    finally:
        if home.poll() is None:
            home.terminate()
        home.wait(10)
