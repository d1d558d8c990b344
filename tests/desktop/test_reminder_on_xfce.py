"""The reminder on XFCE (X11): xfce4-notifyd, XFCE's notification server, draws the buttons but
reports no click on the notification itself, so the buttons carry it: Start break, clicked with
xdotool, opens the routine window; closing it abandons the break."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.daemon.harness import EARLY_WEEK, LATE_WEEK
from tests.desktop import reminder_checks as wr
from tests.desktop import rig, wayland_checks
from tests.desktop.desktops import Desktop
from tests.desktop.wayland_checks import doctor

NOTIFYD = "/usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd"


@pytest.fixture(scope="module")
def notifyd(xfce: Desktop) -> Iterator[subprocess.Popen]:  # type: ignore[type-arg]
    if not Path(NOTIFYD).exists():
        rig.missing("xfce4-notifyd is not installed")
    server = subprocess.Popen([NOTIFYD], env=xfce.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rig.poll(lambda: xfce.owns("org.freedesktop.Notifications"), what="xfce4-notifyd on the bus")
    yield server
    rig.end(server)


@pytest.fixture
def notify(xfce: Desktop, notifyd, tmp_path: Path) -> Iterator[wr.NotifyCalls]:
    calls = wr.NotifyCalls(xfce, tmp_path / "notify.txt")
    yield calls
    calls.stop()


def notifyd_buttons(shot: Path, count: int) -> list[tuple[int, int]]:
    """The centres of the notification's buttons, left to right: xfce4-notifyd draws them in a
    row at the top right, light grey faces on white; the first row from the top with `count`
    long grey runs is their top padding, a dozen pixels above their middle."""
    with Image.open(shot) as image:
        pixels = image.convert("RGB")
        width, _height = pixels.size
        for y in range(30, 400):
            runs, start = [], None
            for x in range(width // 2, width):
                grey = 225 <= min(pixels.getpixel((x, y))) < 248
                if grey and start is None:
                    start = x
                elif not grey and start is not None:
                    if x - start >= 60:
                        runs.append((start, x))
                    start = None
            if len(runs) == count:
                return [((a + b) // 2, y + 12) for a, b in runs]
    return []


def test_the_reminder_on_xfce4_notifyd_has_buttons_and_start_break_opens_the_routine_window(xfce, daemon_inside, notify, tmp_path):
    daemon = daemon_inside(xfce, wr.SHORT, x11=True, day=EARLY_WEEK)
    daemon.wait_for_event("reminder_shown")
    rig.poll(lambda: bool(wr.reminder_calls(notify)), what="the Notify call on the bus")
    sent = wr.reminder_calls(notify)[0]
    assert {"Start break", "Snooze 1 min", "Skip"} <= set(sent) and "Full routine" not in sent
    assert "Click to start" not in " ".join(sent) and wr.OFFER not in " ".join(sent)  # the buttons say it all
    shot = tmp_path / "notification.png"
    rig.poll(lambda: len(notifyd_buttons(xfce.screenshot(shot), 3)) == 3, what="the notification's three buttons")
    xfce.click(*notifyd_buttons(shot, 3)[0])
    daemon.wait_for_event("break_started")
    assert [e for e in daemon.events() if e["event"] == "break_started"][0]["source"] == "notification"
    wr.the_window_shows_and_closing_it_abandons_the_break(xfce, daemon, tmp_path / "routine.png")


def test_late_in_a_week_with_no_full_routine_xfce4_notifyd_draws_a_fourth_button_for_it(xfce, daemon_inside, notify, tmp_path):
    daemon = daemon_inside(xfce, wr.SHORT, day=LATE_WEEK)
    daemon.wait_for_event("reminder_shown")
    rig.poll(lambda: bool(wr.reminder_calls(notify)), what="the Notify call on the bus")
    sent = wr.reminder_calls(notify)[0]
    assert {"Start break", "Snooze 1 min", "Skip", "Full routine"} <= set(sent)
    assert any(text.endswith(wr.OFFER) for text in sent)
    shot = tmp_path / "notification.png"
    rig.poll(lambda: len(notifyd_buttons(xfce.screenshot(shot), 4)) == 4, what="the notification's four buttons")


def test_doctor_says_xfce4_notifyd_takes_buttons_but_reports_no_click(xfce, notifyd, tmp_path):
    line = next(line for line in doctor(xfce, tmp_path).splitlines() if "notifications" in line)
    assert "Xfce Notify Daemon" in line and "buttons (the server reports no click)" in line


def test_the_routine_window_opens_on_xfce_as_an_x11_window_and_closing_it_abandons_the_break(xfce, daemon_inside, tmp_path):
    """`deskbreak break` (the tray's Start break) on an X11 desktop: Qt's xcb window, drawn."""
    daemon = daemon_inside(xfce, wr.SHORT, x11=True)
    daemon.wait_for_event("reminder_shown")
    assert daemon.cli("break").returncode == 0
    wr.the_window_shows_and_closing_it_abandons_the_break(xfce, daemon, tmp_path / "routine.png")


def test_presence_by_events_idle_begins_and_ends_within_a_second(xfce: Desktop, daemon_inside) -> None:
    """XInput2 raw events tell of returning input; a device's motion (XTest), not a warp."""
    wayland_checks.presence_by_events(
        xfce, lambda desktop, config: daemon_inside(desktop, config, x11=True), lambda: xfce.run("xdotool", "mousemove_relative", "3", "3")
    )
