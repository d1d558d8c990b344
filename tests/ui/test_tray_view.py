"""What the tray shows is built from the status and the settings, in one place."""

from __future__ import annotations

from datetime import datetime, timezone

from deskbreak.core.model import Status
from deskbreak.ui import tray_menu, tray_view

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)


def status(phase: str = "sitting", **changes) -> Status:
    fields = dict(
        phase=phase,
        sat_s=600.0,
        progress=0.2,
        due_in_s=2400.0,
        paused_until=None,
        snoozed_until=None,
        snoozes_left=3,
        standing=False,
        in_work_hours=True,
    )
    return Status(**{**fields, **changes})


def menu_input(**changes) -> tray_menu.MenuInput:
    fields = dict(status=status(), today="Today: 2 breaks", snooze_minutes=10, routines=("desk", "full"), default_routine="desk")
    return tray_menu.MenuInput(**{**fields, **changes})


def test_snooze_item_shows_the_configured_snooze_minutes():
    lines = tray_menu.labels(tray_menu.build(menu_input(snooze_minutes=25, status=status("due"))))
    assert "Snooze 25 min" in lines


def test_start_break_lists_the_default_routine_first_then_every_other_routine():
    lines = tray_menu.labels(tray_menu.build(menu_input(routines=("desk", "full", "stretch"), default_routine="full")))
    assert lines[:4] == ["Start break now", "  Full routine (default)", "  Desk routine", "  Stretch routine"]


def test_the_default_action_starts_the_configured_default_routine():
    view = tray_view.build(menu_input(default_routine="full"), NOW)
    assert view.default == {"cmd": "break", "routine": "full"}


def test_label_is_minutes_to_the_break_while_sitting_and_one_word_otherwise():
    assert tray_view.build(menu_input(status=status(due_in_s=661.0)), NOW).label == "12m"
    assert tray_view.build(menu_input(status=status("paused", due_in_s=None)), NOW).label == "paused"
    assert tray_view.build(menu_input(status=status("due", due_in_s=None)), NOW).label == "break"


def test_icon_key_follows_the_look_and_views_compare_without_the_drawing():
    one, two = tray_view.build(menu_input(), NOW), tray_view.build(menu_input(), NOW)
    assert one == two and one.icon.key == ("sitting", 4)
    assert one.icon.draw(22).size == (22, 22)
    paused = tray_view.build(menu_input(status=status("paused", due_in_s=None)), NOW)
    assert paused.icon.key != one.icon.key


def test_a_due_break_asks_for_attention():
    assert tray_view.build(menu_input(status=status("due", due_in_s=None)), NOW).attention
    assert not tray_view.build(menu_input(), NOW).attention


def test_paused_menu_offers_resume_instead_of_pause():
    lines = tray_menu.labels(tray_menu.build(menu_input(status=status("paused", due_in_s=None))))
    assert "Resume reminders" in lines and "Pause" not in lines


def test_history_opens_the_history_window_and_the_raw_log_is_left_to_it():
    items = tray_menu.build(menu_input())
    history = next(item for item in items if item.label == "History…")
    assert history.command == {"cmd": "open_history"}
    assert not any(item.label.startswith("Open log") for item in items)
