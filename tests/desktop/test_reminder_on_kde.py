"""The reminder on KDE Plasma (Wayland, headless), end to end: the real daemon, started with
only the Wayland session (and XWayland's DISPLAY where the window is wanted), puts its reminder
on Plasma's notification server; its Start break button, clicked through KWin's fake input,
opens the routine window natively on Wayland; closing it abandons the break."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.daemon.harness import EARLY_WEEK, LATE_WEEK
from tests.desktop import reminder_checks as wr
from tests.desktop import rig
from tests.desktop.desktops import Desktop
from tests.desktop.rig import poll
from tests.desktop.wayland_checks import doctor


@pytest.fixture
def notify(kde_x11: Desktop, tmp_path: Path) -> Iterator[wr.NotifyCalls]:
    calls = wr.NotifyCalls(kde_x11, tmp_path / "notify.txt")
    yield calls
    calls.stop()


def popup_buttons(shot: Path, count: int) -> list[tuple[int, int]]:
    """The centres of the popup's buttons, left to right. Plasma draws its notification above
    the panel at the bottom right, buttons in one row under the text; a button's face is the
    lightest colour there, so the lowest row on the right with `count` long light runs is the
    buttons' bottom padding, a dozen pixels below their middle."""
    with Image.open(shot) as image:
        pixels = image.convert("RGB")
        width, height = pixels.size
        for y in range(height - 40, height // 2, -1):
            runs, start = [], None
            for x in range(width // 2, width):
                light = min(pixels.getpixel((x, y))) >= 248
                if light and start is None:
                    start = x
                elif not light and start is not None:
                    if x - start >= 20:
                        runs.append((start, x))
                    start = None
            if len(runs) == count:
                return [((a + b) // 2, y - 12) for a, b in runs]
    return []


def settled_buttons(desktop: Desktop, shot: Path, count: int = 3) -> list[tuple[int, int]]:
    """The popup's `count` buttons once Plasma has moved it into place (it slides in): the same
    on two screenshots in a row."""
    seen: list[list[tuple[int, int]]] = [[]]

    def settled() -> bool:
        found = popup_buttons(desktop.screenshot(shot), count)
        settled, seen[0] = len(found) == count and found == seen[0], found
        return settled

    poll(settled, timeout=20, what=f"the popup's {count} buttons, in place")
    return seen[0]


@pytest.fixture(scope="module")
def a11y(kde_x11: Desktop) -> Iterator[rig.AccessibilityBus]:
    bus = rig.AccessibilityBus(kde_x11.env)
    yield bus
    bus.stop()


def test_the_reminder_reaches_plasma_with_its_buttons_and_start_break_opens_the_routine_window(
    kde_x11, daemon_inside, notify, a11y, tmp_path
):
    """XWayland is there, yet the window opens on Wayland itself: it is on the accessibility
    bus and on the screen, and no X client sees it."""
    daemon = daemon_inside(kde_x11, wr.SHORT, x11=True, day=EARLY_WEEK, accessible=True)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: bool(wr.reminder_calls(notify)), what="the Notify call on Plasma's bus")
    sent = wr.reminder_calls(notify)[0]
    assert {"Start break", "Snooze 1 min", "Skip"} <= set(sent) and "Full routine" not in sent
    assert "Click to start" not in " ".join(sent)  # Plasma draws the buttons: the body needs no hint
    assert wr.OFFER not in " ".join(sent)
    start_x, start_y = settled_buttons(kde_x11, tmp_path / "popup.png")[0]
    kde_x11.click(start_x, start_y)
    daemon.wait_for_event("break_started")
    started = [e for e in daemon.events() if e["event"] == "break_started"][0]
    assert started["source"] == "notification"
    assert wr.wait_for_accessible_window(a11y).startswith("deskbreak ")
    poll(lambda: wr.screen_changed(tmp_path / "popup.png", kde_x11.screenshot(tmp_path / "routine.png")), what="the window drawn")
    assert not wr.routine_windows(kde_x11)  # not an X window on XWayland
    wr.close_wayland_window(kde_x11, tmp_path)
    daemon.wait_for_event("break_abandoned")
    poll(lambda: not wr.accessible_windows(a11y), what="the routine window to go")


def test_late_in_a_week_with_no_full_routine_plasma_draws_a_fourth_button_for_it(kde_x11, daemon_inside, notify, tmp_path):
    daemon = daemon_inside(kde_x11, wr.SHORT, day=LATE_WEEK)
    daemon.wait_for_event("reminder_shown")
    poll(lambda: bool(wr.reminder_calls(notify)), what="the Notify call on Plasma's bus")
    sent = wr.reminder_calls(notify)[0]
    assert {"Start break", "Snooze 1 min", "Skip", "Full routine"} <= set(sent)
    assert any(text.endswith(wr.OFFER) for text in sent)
    assert len(settled_buttons(kde_x11, tmp_path / "popup.png", 4)) == 4


def test_doctor_says_plasma_takes_buttons_and_a_click(kde_x11, tmp_path):
    line = next(line for line in doctor(kde_x11, tmp_path).splitlines() if "notifications" in line)
    assert "Plasma" in line and "buttons and a click" in line


def test_the_routine_window_opens_natively_on_plasma_and_closing_it_through_kwin_abandons_the_break(kde_x11, daemon_inside, a11y, tmp_path):
    """`deskbreak break` (the tray's Start break): the window on Wayland, with XWayland there
    and unused; the same close a title bar's button sends, through KWin."""
    daemon = daemon_inside(kde_x11, wr.SHORT, x11=True, accessible=True)
    daemon.wait_for_event("reminder_shown")
    before = kde_x11.screenshot(tmp_path / "before.png")
    assert daemon.cli("break").returncode == 0
    assert wr.wait_for_accessible_window(a11y).startswith("deskbreak ")
    poll(lambda: wr.screen_changed(before, kde_x11.screenshot(tmp_path / "routine.png")), what="the window drawn")
    assert not wr.routine_windows(kde_x11)  # not an X window on XWayland
    wr.close_wayland_window(kde_x11, tmp_path)
    daemon.wait_for_event("break_abandoned")
    poll(lambda: not wr.accessible_windows(a11y), what="the routine window to go")
