"""Each real desktop the tests use starts headless, answers on its session bus, and can be seen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.desktop import desktops


def _owner(desktop: desktops.Desktop, name: str) -> bool:
    reply = desktop.run(
        "gdbus",
        "call",
        "--session",
        "-d",
        "org.freedesktop.DBus",
        "-o",
        "/org/freedesktop/DBus",
        "-m",
        "org.freedesktop.DBus.NameHasOwner",
        name,
    )
    return "true" in reply.stdout


@pytest.mark.parametrize("kind", ["gnome", "kde", "sway", "xfce"])
def test_desktop_starts_with_a_tray_watcher_and_can_be_screenshotted(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    desktop = request.getfixturevalue(kind)
    assert _owner(desktop, "org.kde.StatusNotifierWatcher")
    shot = desktop.screenshot(tmp_path / f"{kind}.png")
    with Image.open(shot) as image:
        assert image.size == (1280, 800)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 24) or ()) > 2, "the screenshot is blank"
