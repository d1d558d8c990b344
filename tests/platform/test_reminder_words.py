"""What the reminder says, by what the notification can do: buttons, only a click, or nothing."""

from __future__ import annotations

from deskbreak.core.model import Reminder
from deskbreak.platform.notify.base import words

REMINDER = Reminder(sat_s=52 * 60, repeat=0, snooze_minutes=10, snoozes_left=2)


def test_with_buttons_the_body_only_talks_about_the_break():
    said = words(REMINDER, with_buttons=True, clickable=True)
    assert "deskbreak" not in said.body and "Click" not in said.body
    assert (said.start, said.snooze, said.skip) == ("Start break", "Snooze 10 min", "Skip")


def test_a_clickable_notification_without_buttons_says_the_click_starts_and_how_to_snooze_or_skip():
    said = words(REMINDER, with_buttons=False, clickable=True)
    assert said.body == ("Sitting for 52 min. Click to start the break; snooze or skip from the tray menu or with deskbreak snooze / skip.")
    assert len(said.body) <= 120  # mako shows about four lines of 37 characters


def test_without_snoozes_left_only_skip_is_offered_beside_the_click():
    said = words(Reminder(sat_s=3000, repeat=1, snooze_minutes=10, snoozes_left=0), with_buttons=False, clickable=True)
    assert said.body == "Still sitting for 50 min. Click to start the break; skip from the tray menu or with deskbreak skip."


def test_the_full_routine_offer_without_buttons_names_its_command_beside_the_click():
    said = words(Reminder(sat_s=3000, repeat=0, snooze_minutes=10, snoozes_left=2, offer_full=True), with_buttons=False, clickable=True)
    assert said.body.startswith("Sitting for 50 min. Click to start the break;")  # the offer comes last
    assert said.body.endswith(" The week is behind on the full routine: deskbreak break full")


def test_a_notification_without_buttons_or_clicks_says_how_to_start_from_the_tray_or_terminal():
    said = words(REMINDER, with_buttons=False)
    assert said.body.endswith(" Start it from the tray menu or with: deskbreak break")
    assert "Click" not in said.body
