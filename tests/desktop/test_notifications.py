"""Reminders through a real notification server (dunst on a private session bus)."""

from __future__ import annotations

import queue
import re
import subprocess
from dataclasses import replace

import pytest

from deskbreak.core.model import Reminder
from deskbreak.platform.choice import Unavailable
from deskbreak.platform.notify.base import TITLE
from deskbreak.platform.notify.choose import FallbackNotifier, candidates
from deskbreak.platform.notify.desktop import DesktopNotifier
from tests.desktop.rig import end, poll

REMINDER = Reminder(sat_s=52 * 60, repeat=0, snooze_minutes=10, snoozes_left=2)


@pytest.fixture
def actions() -> queue.Queue[str]:
    return queue.Queue()


@pytest.fixture
def notifier(dunst, actions):
    made = DesktopNotifier(actions.put)
    yield made
    made.close()


def test_the_reminder_reaches_the_server_with_three_actions(dunst, notifier):
    notifier.show(REMINDER)
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    offered = dunst.invoke("no such button")
    assert [line for line in offered if "Start break" in line]
    assert [line for line in offered if "Snooze 10 min" in line]
    assert [line for line in offered if "Skip" in line]
    dunst.ctl("close-all")
    poll(lambda: bool(dunst.history()), what="the notification in dunst's history")
    shown = dunst.history()[0]
    assert shown["summary"] == TITLE
    assert "Sitting for 52 min" in shown["body"]
    assert shown["appname"] == "deskbreak"


def test_dunst_draws_no_buttons_so_the_body_says_a_click_starts_and_how_to_snooze(dunst, notifier):
    """dunst shows the actions only in its context menu: the text carries what buttons would."""
    assert notifier.server.startswith("dunst") and not notifier.draws_buttons
    notifier.show(REMINDER)
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    dunst.ctl("close-all")
    poll(lambda: bool(dunst.history()), what="the notification in dunst's history")
    assert dunst.history()[0]["body"].endswith(
        "Click to start the break; snooze or skip from the tray menu or with deskbreak snooze / skip."
    )


@pytest.mark.parametrize(("button", "action"), [("Snooze 10 min", "snooze"), ("Start break", "start"), ("Skip", "skip")])
def test_pressing_a_button_reports_its_action(dunst, notifier, actions, button, action):
    notifier.show(REMINDER)
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    dunst.invoke(button)
    assert actions.get(timeout=5) == action
    poll(lambda: dunst.displayed() == 0, what="the answered notification to be taken down")


def test_a_week_behind_on_the_full_routine_adds_a_full_routine_button(dunst, notifier, actions):
    notifier.show(replace(REMINDER, offer_full=True))
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    dunst.invoke("Full routine")
    assert actions.get(timeout=5) == "full"
    poll(lambda: dunst.displayed() == 0, what="the notification to close")


def test_clicking_the_notification_starts_the_break(dunst, notifier, actions):
    notifier.show(REMINDER)
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    dunst.click()
    assert actions.get(timeout=5) == "start"


def test_closing_the_notification_reports_dismissed(dunst, notifier, actions):
    notifier.show(REMINDER)
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    dunst.ctl("close")
    assert actions.get(timeout=5) == "dismissed"


def test_withdraw_takes_the_notification_down_without_an_action(dunst, notifier, actions):
    notifier.show(REMINDER)
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    notifier.withdraw()
    poll(lambda: dunst.displayed() == 0, what="the notification to go")
    assert actions.empty()


def test_without_snoozes_left_there_is_no_snooze_button(dunst, notifier):
    notifier.show(Reminder(sat_s=3000, repeat=1, snooze_minutes=10, snoozes_left=0))
    poll(lambda: dunst.displayed() == 1, what="the notification on screen")
    offered = dunst.invoke("no such button")
    assert not [line for line in offered if "Snooze" in line]


def test_no_server_means_the_desktop_notifier_is_unavailable(dunst, actions):
    dunst.kill()
    with pytest.raises(Unavailable):
        DesktopNotifier(actions.put)


def test_a_killed_server_falls_back_and_a_restarted_one_is_used_again(dunst, actions):
    now = [0.0]
    fallback = FallbackNotifier(candidates("auto", actions.put, None), clock=lambda: now[0])
    try:
        assert fallback.name == "desktop-notifier"
        dunst.kill()
        fallback.show(REMINDER)  # must not raise
        assert fallback.name in ("plyer", "console")
        dunst.start()
        now[0] += 60
        fallback.show(REMINDER)
        assert fallback.name == "desktop-notifier"
        poll(lambda: dunst.displayed() == 1, what="the notification on screen again")
    finally:
        fallback.close()


def test_a_notice_on_a_killed_server_falls_back_and_says_what_delivered_it(dunst, actions):
    fallback = FallbackNotifier(candidates("auto", actions.put, None))
    try:
        dunst.kill()
        delivered = fallback.notice("The break window cannot open here", "Do it in a terminal.")
        assert delivered == fallback.name and delivered in ("plyer", "console")
    finally:
        fallback.close()


def test_the_reminder_asks_the_server_for_its_message_sound_unless_sounds_are_off(dunst, notifier, desktop_env, tmp_path):
    out = tmp_path / "monitor.txt"
    with out.open("w") as sink:
        monitor = subprocess.Popen(
            ["dbus-monitor", "--session", "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
            env=desktop_env,
            stdout=sink,
            stderr=subprocess.DEVNULL,
        )
        try:
            poll(lambda: out.stat().st_size > 0, what="dbus-monitor to start")
            notifier.show(REMINDER)
            notifier.show(replace(REMINDER, sound=False))
            poll(lambda: out.read_text().count("member=Notify") == 2, what="both Notify calls")
        finally:
            end(monitor)
    calls = re.split(r"^method call .*member=Notify$", out.read_text(), flags=re.M)[1:]
    hint = r'string "sound-name"\s+variant\s+string "message-new-instant"'
    assert [bool(re.search(hint, call)) for call in calls] == [True, False]
