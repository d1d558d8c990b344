"""The reminder on GNOME Shell (Wayland, headless), end to end: the real daemon, started with
only the Wayland session (and XWayland's DISPLAY where the window is wanted), puts its reminder
on GNOME Shell's own notification server; its Start break button, clicked through Mutter's
RemoteDesktop input, opens the routine window natively on Wayland; closing it abandons the break."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.desktop import reminder_checks as wr
from tests.desktop import rig
from tests.desktop.desktops import Desktop
from tests.desktop.rig import poll
from tests.desktop.wayland_checks import doctor


@pytest.fixture
def notify(gnome_x11: Desktop, tmp_path: Path) -> Iterator[wr.NotifyCalls]:
    calls = wr.NotifyCalls(gnome_x11, tmp_path / "notify.txt")
    yield calls
    calls.stop()


def banner(shot: Path) -> tuple[int, int, int, int]:
    """left, top, right, bottom of the notification banner at the top of the screen: what
    differs from the desktop's background there."""
    with Image.open(shot) as image:
        pixels = image.convert("RGB")
        background = pixels.getpixel((640, 700))
        found = [
            (x, y)
            for y in range(34, 400, 2)
            for x in range(200, 1080, 2)
            if sum(abs(a - b) for a, b in zip(pixels.getpixel((x, y)), background, strict=True)) > 60
        ]
    assert found, "no notification banner on the screen"
    xs, ys = [x for x, _ in found], [y for _, y in found]
    return min(xs), min(ys), max(xs), max(ys)


def show_banner_buttons(desktop: Desktop, shot: Path) -> tuple[int, int, int, int]:
    """GNOME draws a banner's buttons while the pointer is over it: hover, then look until the
    banner has grown its button row and stopped moving (the same on two screenshots)."""
    desktop.move(640, 70)
    seen: list[tuple[int, int, int, int] | None] = [None]

    def settled() -> bool:
        found = banner(desktop.screenshot(shot))
        settled, seen[0] = found[3] > 150 and found == seen[0], found
        return settled

    poll(settled, what="the banner to show its buttons")
    return banner(shot)


@pytest.fixture(scope="module")
def a11y(gnome_x11: Desktop) -> Iterator[rig.AccessibilityBus]:
    bus = rig.AccessibilityBus(gnome_x11.env)
    yield bus
    bus.stop()


def test_the_reminder_reaches_gnome_shell_with_its_buttons_and_start_break_opens_the_routine_window(
    gnome_x11, daemon_inside, notify, a11y, tmp_path
):
    """XWayland is there, yet the window opens on Wayland itself: it is on the accessibility
    bus and on the screen, and no X client sees it."""
    daemon = daemon_inside(gnome_x11, wr.SHORT, x11=True, accessible=True)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: bool(wr.reminder_calls(notify)), what="the Notify call on GNOME's bus")
    sent = wr.reminder_calls(notify)[0]
    assert {"Start break", "Snooze 1 min", "Skip"} <= set(sent)
    assert "Click to start" not in " ".join(sent)  # GNOME draws the buttons: the body needs no hint
    left, _top, _right, bottom = show_banner_buttons(gnome_x11, tmp_path / "banner.png")
    gnome_x11.click(left + 50, bottom - 20)  # Start break is the first button, at the left
    daemon.wait_for_event("break_started")
    started = [e for e in daemon.events() if e["event"] == "break_started"][0]
    assert started["source"] == "notification"
    assert wr.wait_for_accessible_window(a11y).startswith("deskbreak ")
    poll(lambda: wr.screen_changed(tmp_path / "banner.png", gnome_x11.screenshot(tmp_path / "routine.png")), what="the window drawn")
    assert not wr.routine_windows(gnome_x11)  # not an X window on XWayland
    wr.close_wayland_window(gnome_x11, tmp_path)
    daemon.wait_for_event("break_abandoned")
    poll(lambda: not wr.accessible_windows(a11y), what="the routine window to go")


def test_start_break_on_gnome_without_xwayland_opens_the_window_natively(gnome_x11, daemon_inside, notify, a11y, tmp_path):
    """The daemon has only the Wayland session (no DISPLAY): Start break opens the window all the same."""
    daemon = daemon_inside(gnome_x11, wr.SHORT, accessible=True)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: bool(wr.reminder_calls(notify)), what="the Notify call on GNOME's bus")
    left, _top, _right, bottom = show_banner_buttons(gnome_x11, tmp_path / "banner.png")
    gnome_x11.click(left + 50, bottom - 20)
    daemon.wait_for_event("break_started")
    wr.wait_for_accessible_window(a11y)
    assert "break_not_shown" not in daemon.kinds()
    wr.close_wayland_window(gnome_x11, tmp_path)
    daemon.wait_for_event("break_abandoned")
    poll(lambda: not wr.accessible_windows(a11y), what="the routine window to go")


def test_doctor_says_gnome_shell_takes_buttons_and_a_click(gnome_x11, tmp_path):
    line = next(line for line in doctor(gnome_x11, tmp_path).splitlines() if "notifications" in line)
    assert "gnome-shell" in line and "buttons and a click" in line
