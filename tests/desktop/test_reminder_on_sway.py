"""The reminder on sway with mako (Wayland, headless), end to end. mako takes the actions but
draws no buttons: the reminder's text says a click starts the break and how to snooze or skip;
the actions are invoked with makoctl, and a click on the notification (mako's default action,
through the wlroots virtual pointer) opens the routine window natively on sway (Qt's Wayland
platform, no XWayland); closing it through sway abandons the break."""

from __future__ import annotations

import json

from PIL import Image

from tests.daemon.harness import EARLY_WEEK, LATE_WEEK
from tests.desktop import reminder_checks as wr
from tests.desktop.desktops import Desktop
from tests.desktop.rig import poll
from tests.desktop.wayland_checks import doctor

HINT = "Click to start the break; snooze or skip from the tray menu or with deskbreak snooze / skip."


def mako_list(desktop: Desktop) -> list[dict]:
    """The notifications mako shows: {"summary", "body", "actions": {key: title}}."""
    data = json.loads(desktop.run("makoctl", "list").stdout)["data"][0]
    return [{key: entry[key]["data"] for key in ("summary", "body", "actions")} for entry in data]


def the_reminder(desktop: Desktop) -> dict:
    poll(lambda: len(mako_list(desktop)) == 1, what="the reminder in mako")
    return mako_list(desktop)[0]


def action_key(shown: dict, title: str) -> str:
    return next(key for key, label in shown["actions"].items() if label.startswith(title))


def test_mako_gets_the_actions_and_a_body_that_says_how_to_snooze_and_snooze_works(sway_x11, daemon_inside):
    daemon = daemon_inside(sway_x11, wr.SHORT, day=EARLY_WEEK)
    daemon.wait_for_event("reminder_shown")
    shown = the_reminder(sway_x11)
    assert shown["summary"] == "Time for an upper-back break"
    assert shown["body"].endswith(HINT)
    assert sorted(shown["actions"].values()) == sorted(["", "Start break", "Snooze 1 min", "Skip"])  # "" is the click
    sway_x11.run("makoctl", "invoke", action_key(shown, "Snooze"))
    daemon.wait_for_event("snoozed")
    assert [e for e in daemon.events() if e["event"] == "snoozed"][0]["source"] == "notification"
    poll(lambda: not mako_list(sway_x11), what="the answered reminder to go")


def test_late_in_a_week_with_no_full_routine_mako_also_gets_the_full_routine_and_a_body_that_names_it(sway_x11, daemon_inside):
    daemon = daemon_inside(sway_x11, wr.SHORT, day=LATE_WEEK)
    daemon.wait_for_event("reminder_shown")
    shown = the_reminder(sway_x11)
    assert shown["body"].endswith(HINT + " " + wr.OFFER_WITHOUT_BUTTONS)
    assert sorted(shown["actions"].values()) == sorted(["", "Start break", "Snooze 1 min", "Skip", "Full routine"])


def test_clicking_the_mako_notification_opens_the_routine_window_and_closing_it_abandons_the_break(sway, daemon_inside, tmp_path):
    daemon = daemon_inside(sway, wr.SHORT)
    daemon.wait_for_event("reminder_shown")
    the_reminder(sway)
    shot = sway.screenshot(tmp_path / "mako.png")
    with Image.open(shot) as image:  # mako: top right, 300 px wide, under waybar's 30 px
        assert image.convert("RGB").getpixel((1120, 60)) != image.convert("RGB").getpixel((640, 400))
    sway.click(1120, 60)
    daemon.wait_for_event("break_started")
    assert [e for e in daemon.events() if e["event"] == "break_started"][0]["source"] == "notification"
    window = wr.wait_for_sway_window(sway)
    assert window["shell"] == "xdg_shell" and window["name"].startswith("deskbreak ")
    rect = window["rect"]
    poll(
        lambda: wr.shown_on_screen(sway.screenshot(tmp_path / "routine.png"), (rect["x"], rect["y"], rect["width"], rect["height"])),
        what="the window drawn",
    )
    wr.close_window(sway, "")
    daemon.wait_for_event("break_abandoned")
    poll(lambda: not wr.sway_windows(sway), what="the routine window to go")


def test_doctor_says_mako_draws_no_buttons_and_a_click_starts_the_break(sway_x11, tmp_path):
    line = next(line for line in doctor(sway_x11, tmp_path).splitlines() if "notifications" in line)
    assert "mako" in line and "a click starts the break; no buttons drawn" in line
