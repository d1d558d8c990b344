"""The tray tooltip and `deskbreak status` say why a due reminder is waiting."""

from datetime import datetime, timezone

from deskbreak.cli.status_text import describe
from deskbreak.core.model import Status
from deskbreak.core.waiting import kind_of, words
from deskbreak.ui.tray_text import tooltip

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)


def due(waiting_for: str | None) -> Status:
    return Status(
        phase="due",
        sat_s=3300,
        progress=1.1,
        due_in_s=0,
        paused_until=None,
        snoozed_until=None,
        snoozes_left=3,
        standing=False,
        in_work_hours=True,
        waiting_for=waiting_for,
    )


def reply(waiting_for: str | None) -> dict:
    return {
        "status": {
            "phase": "due",
            "sitting_s": 3300,
            "next_reminder_at": NOW.isoformat(),
            "due_in_s": 0,
            "paused_until": None,
            "snoozed_until": None,
            "snoozes_left": 3,
            "standing": False,
            "in_work_hours": True,
            "waiting_for": waiting_for,
        },
        "pid": 1,
        "idle_source": "x11",
        "notifier": "desktop-notifier",
        "tray": "appindicator",
    }


def test_the_tooltip_says_a_call_holds_the_reminder():
    assert tooltip(due("microphone: Firefox"), NOW) == "Break due · waiting: you are in a call — microphone in use by Firefox"
    assert tooltip(due(None), NOW) == "Break due · sitting 55 min"


def test_status_says_why_the_reminder_waits_instead_of_asking_for_a_break():
    text = describe(reply("camera: zoom"))
    assert "A break is due, waiting: you are in a call — camera in use by zoom" in text
    assert "A break is due now" not in text
    assert "A break is due now" in describe(reply(None))


def test_every_kind_of_reason_has_words():
    assert words("dnd: dunst paused") == "Do Not Disturb is on (dunst paused)"
    assert words("meeting app: zoom") == "you are in a call — zoom is open"
    assert words("fullscreen") == "a fullscreen window is active"
    assert words("inhibit") == words("idle inhibited") == "an application asked the desktop not to go idle"
    assert kind_of("idle inhibited") == "inhibit" and kind_of("microphone: Firefox") == "microphone"
