"""When the week is behind on the full routine, the reminder offers it — once a day, shared with
the routine window, and kept for a break's re-notifications."""

from __future__ import annotations

from datetime import date, datetime

from deskbreak.core.model import Reminder
from deskbreak.daemon.reminder_offer import OfferingNotifier
from deskbreak.platform.notify.base import words
from deskbreak.stats.full_offer import FullOffer
from deskbreak.stats.weeks import WeekProgress
from tests.core.sim import BERLIN, FakeClock

BEHIND = WeekProgress(done=0, target=3, streak=0, behind=True)
ON_TRACK = WeekProgress(done=2, target=3, streak=0, behind=False)
REMINDER = Reminder(sat_s=3000, repeat=0, snooze_minutes=10, snoozes_left=3)
THURSDAY = date(2026, 11, 26)


class Shown:
    def __init__(self) -> None:
        self.reminders: list[Reminder] = []

    def show(self, reminder: Reminder) -> None:
        self.reminders.append(reminder)

    def withdraw(self) -> None:
        pass


def offering(tmp_path, week: WeekProgress | None, routine: str = "desk"):
    clock = FakeClock(datetime(2026, 11, 26, 10, tzinfo=BERLIN))
    shown = Shown()
    notifier = OfferingNotifier(shown, lambda: week, lambda: routine, FullOffer(tmp_path / "offered-on"), clock)
    return notifier, shown, clock


def test_the_full_routine_is_offered_once_a_day_when_the_week_is_behind(tmp_path):
    offer = FullOffer(tmp_path / "state" / "offered-on")
    assert offer.claim(BEHIND, "desk", THURSDAY)
    assert not offer.claim(BEHIND, "desk", THURSDAY)
    assert offer.claim(BEHIND, "desk", date(2026, 11, 27))


def test_nothing_is_offered_on_track_or_when_the_full_routine_is_already_the_choice(tmp_path):
    offer = FullOffer(tmp_path / "offered-on")
    assert not offer.claim(ON_TRACK, "desk", THURSDAY)
    assert not offer.claim(BEHIND, "full", THURSDAY)
    assert offer.claim(BEHIND, "desk", THURSDAY)


def test_an_offer_made_by_the_reminder_is_not_repeated_by_the_window_that_day(tmp_path):
    marker = tmp_path / "offered-on"
    assert FullOffer(marker).claim(BEHIND, "desk", THURSDAY)  # the reminder, in the daemon
    assert not FullOffer(marker).claim(BEHIND, "desk", THURSDAY)  # the window, another process


def test_a_damaged_marker_counts_as_never_offered(tmp_path):
    marker = tmp_path / "offered-on"
    marker.write_text("not a date")
    assert FullOffer(marker).claim(BEHIND, "desk", THURSDAY)


def test_the_reminder_keeps_its_offer_for_every_re_notification_of_the_break(tmp_path):
    notifier, shown, _ = offering(tmp_path, BEHIND)
    notifier.show(REMINDER)
    notifier.show(Reminder(sat_s=3300, repeat=1, snooze_minutes=10, snoozes_left=3))
    notifier.show(Reminder(sat_s=6000, repeat=0, snooze_minutes=10, snoozes_left=3))  # the next break
    assert [r.offer_full for r in shown.reminders] == [True, True, False]


def test_a_week_that_cannot_be_counted_offers_nothing(tmp_path):
    notifier, shown, _ = offering(tmp_path, None)
    notifier.show(REMINDER)
    assert shown.reminders == [REMINDER]


def test_the_offer_adds_a_full_routine_button_and_says_why():
    said = words(Reminder(sat_s=3000, repeat=0, snooze_minutes=10, snoozes_left=3, offer_full=True), with_buttons=True)
    assert said.full == "Full routine"
    assert "behind on the full floor routine" in said.body
    assert words(REMINDER, with_buttons=True).full is None


def test_without_buttons_the_offer_names_the_command():
    said = words(Reminder(sat_s=3000, repeat=0, snooze_minutes=10, snoozes_left=3, offer_full=True), with_buttons=False)
    assert said.body.endswith("(or: deskbreak break full)")
