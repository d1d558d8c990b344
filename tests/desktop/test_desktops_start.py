"""Each real desktop the tests use starts headless, answers on its session bus, and can be seen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image


@pytest.mark.parametrize("kind", ["gnome", "kde", "sway", "xfce"])
def test_desktop_starts_with_a_tray_watcher_and_can_be_screenshotted(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    desktop = request.getfixturevalue(kind)
    assert desktop.owns("org.kde.StatusNotifierWatcher")
    shot = desktop.screenshot(tmp_path / f"{kind}.png")
    with Image.open(shot) as image:
        assert image.size == (1280, 800)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 24) or ()) > 2, "the screenshot is blank"
