"""Control messages become the right core inputs, and wrong ones get a reason back."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from deskbreak.config.settings import Settings
from deskbreak.core import model
from deskbreak.core.model import Instant, Outcome, Status
from deskbreak.daemon.commands import Commands

BERLIN = ZoneInfo("Europe/Berlin")
NOW = Instant(mono=1000.0, wall=datetime(2026, 11, 24, 10, 0, tzinfo=BERLIN))


class RecordingController:
    """Stands in for the daemon's controller: remembers inputs, answers a fixed status."""

    settings = Settings()

    def __init__(self) -> None:
        self.inputs: list[model.Input] = []

    def handle(self, inp: model.Input) -> Outcome:
        self.inputs.append(inp)
        return Outcome(state=None, message="fine")

    def status(self) -> tuple[Status, Instant]:
        return Status("sitting", 600, 0.2, 2400, None, None, 3, False, True), NOW


@pytest.fixture
def controller() -> RecordingController:
    return RecordingController()


@pytest.fixture
def commands(controller) -> Commands:
    opened: list[str] = []
    cmds = Commands(controller, lambda r, source: opened.append(r), lambda: None, lambda: {"pid": 1})
    cmds.opened = opened  # type: ignore[attr-defined]
    return cmds


def test_pause_for_seconds_becomes_pause_until_now_plus_that(commands, controller):
    reply = commands.handle({"cmd": "pause", "for_s": 1800})
    assert reply["ok"] is True
    assert controller.inputs == [model.Pause(NOW.wall + timedelta(minutes=30), source="cli")]


def test_pause_indefinitely_has_no_end(commands, controller):
    commands.handle({"cmd": "pause", "indefinitely": True, "source": "tray"})
    assert controller.inputs == [model.Pause(None, source="tray")]


def test_pause_until_in_the_past_is_refused(commands, controller):
    reply = commands.handle({"cmd": "pause", "until": "2001-01-01T00:00:00+00:00"})
    assert reply["ok"] is False and "past" in reply["error"]
    assert controller.inputs == []


def test_pause_without_a_length_says_which_fields_exist(commands):
    reply = commands.handle({"cmd": "pause"})
    assert reply["ok"] is False and "for_s" in reply["error"] and "until_tomorrow" in reply["error"]


def test_snooze_with_length_carries_it_and_without_uses_the_setting(commands, controller):
    commands.handle({"cmd": "snooze", "for_s": 300})
    commands.handle({"cmd": "snooze"})
    assert controller.inputs == [model.Snooze(timedelta(minutes=5)), model.Snooze(None)]


def test_finish_break_carries_outcome_steps_and_duration(commands, controller):
    commands.handle({"cmd": "finish_break", "outcome": "done", "routine": "desk", "steps": 4, "duration_s": 170, "source": "window"})
    assert controller.inputs == [model.FinishBreak("done", "desk", 4, 170.0, source="window")]


@pytest.mark.parametrize(
    "message, complaint",
    [
        ({"cmd": "finish_break", "outcome": "exploded", "routine": "desk"}, "outcome"),
        ({"cmd": "finish_break", "outcome": "done", "routine": "desk", "steps": -1}, "steps"),
        ({"cmd": "snooze", "for_s": "ten"}, "for_s"),
        ({"cmd": "snooze", "for_s": float("inf")}, "for_s"),
        ({"cmd": "snooze", "for_s": 10**400}, "from 1 to 14400 seconds"),
        ({"cmd": "snooze", "for_s": 99999}, "from 1 to 14400 seconds"),
        ({"cmd": "status", "source": "internet"}, "source"),
        ({"cmd": "break_started", "routine": ""}, "routine"),
        ({"cmd": "pause", "until": "2026-11-24T12:00"}, "offset"),
        ({"cmd": "reboot"}, "unknown command"),
        ({"cmd": "break", "routine": "../../etc/passwd"}, "is not a routine name"),
        ({"cmd": "finish_break", "outcome": "done"}, 'needs "routine" (a routine name'),
        ({"cmd": "finish_break", "outcome": "done", "routine": "desk", "reason": "two\nlines"}, "control characters"),
    ],
)
def test_wrong_fields_are_refused_with_what_is_allowed(commands, controller, message, complaint):
    reply = commands.handle(message)
    assert reply["ok"] is False and complaint in reply["error"]
    assert controller.inputs == []


def test_status_reply_has_the_status_and_daemon_facts(commands):
    reply = commands.handle({"cmd": "status"})
    assert reply["ok"] is True and reply["pid"] == 1
    assert reply["status"]["phase"] == "sitting"
    assert reply["status"]["next_reminder_at"] == (NOW.wall + timedelta(seconds=2400)).isoformat(timespec="seconds")


def test_break_opens_the_default_routine_when_none_is_named(commands):
    reply = commands.handle({"cmd": "break"})
    assert reply["ok"] is True and reply["opened"] is True
    assert commands.opened == ["desk"]


def test_break_where_no_window_can_be_shown_says_why_and_how_to_do_it_in_a_terminal(controller):
    cmds = Commands(controller, lambda routine, source: "Wayland without XWayland", lambda: None, lambda: {"pid": 1})
    reply = cmds.handle({"cmd": "break", "routine": "full"})
    assert reply["ok"] is True and reply["opened"] is False
    assert "Wayland without XWayland" in reply["message"]
    assert "deskbreak routine full --terminal" in reply["message"]
