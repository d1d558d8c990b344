"""deskbreak's tray on sway with waybar, whose tray module is the watcher and the host: the icon
shows, a right click (and a left click) opens its menu, Pause ▸ 30 minutes pauses and changes the
icon, and the icon comes back when the panel restarts (the scenario is tray_on_desktop.py)."""

from __future__ import annotations

import pytest

from tests.desktop import desktops
from tests.desktop.tray_on_desktop import (  # noqa: F401 (collected here, run on this desktop)
    daemon,
    shots,
    test_a_left_click_opens_the_menu_and_starts_nothing,
    test_a_right_click_opens_the_menu,
    test_pause_30_minutes_from_the_menu_pauses_and_the_icon_changes,
    test_the_icon_appears_in_the_tray,
    test_the_icon_comes_back_when_the_panel_restarts,
    tray,
)


@pytest.fixture(scope="module")
def desktop(sway: desktops.Desktop) -> desktops.Desktop:
    return sway
