"""Find deskbreak's icon in the tray and work its menu with xdotool, like a user would."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from tests.desktop.rig import poll, screenshot


def xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=10).stdout.strip()


def icon_window() -> str:
    """The tray icon's X window (pystray names its window class after the app)."""
    found: list[str] = []

    def docked() -> bool:
        found[:] = xdotool("search", "--class", "deskbreak").split()
        return bool(found)

    poll(docked, what="deskbreak's icon in the tray")
    return found[0]


def geometry(window: str) -> tuple[int, int, int, int]:
    values = dict(line.split("=") for line in xdotool("getwindowgeometry", "--shell", window).split())
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def visible_windows() -> set[str]:
    return set(xdotool("search", "--onlyvisible", "--name", ".*").split())


def open_menu() -> None:
    """Right-click the icon; retry once if no menu window appears (DESKTOP-RIG)."""
    icon = icon_window()
    for _ in range(2):
        before = visible_windows()
        xdotool("mousemove", "--window", icon, "12", "12", "click", "3")
        try:
            poll(lambda before=before: any(geometry(w)[2] > 100 for w in visible_windows() - before), timeout=3, what="the menu")
            return
        except AssertionError:
            xdotool("key", "Escape")
    raise AssertionError("the tray menu did not open")


def choose(*keys: str) -> None:
    """Walk the open GTK menu with the keyboard (disabled items are skipped), then Return."""
    for key in keys:
        xdotool("key", key)
    xdotool("key", "Return")


def icon_image(path: Path) -> Image.Image:
    """The icon's window as it is drawn on the screen (the screenshot is kept at `path`)."""
    x, y, width, height = geometry(icon_window())
    with Image.open(screenshot(path)) as shot:
        return shot.convert("RGB").crop((x, y, x + width, y + height))


def tooltip() -> str:
    return xdotool("getwindowname", icon_window())


def is_docked() -> bool:
    """The icon sits inside trayer's panel (an undocked status icon waits at 0,0)."""
    panels = xdotool("search", "--name", "^panel$").split()
    icons = xdotool("search", "--class", "deskbreak").split()
    if not panels or not icons:
        return False
    px, py, pw, ph = geometry(panels[0])
    return any(px <= x and x + w <= px + pw and py <= y and y + h <= py + ph for x, y, w, h in (geometry(icon) for icon in icons))
