"""The words themselves in a language, in process: the tray, the reminder, durations, counts
(Polish has three plural forms), dates and numbers. Each test names its language and the
process goes back to English after it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone

import pytest

from deskbreak.config import i18n, localformat
from deskbreak.config.durations import format_duration, format_minutes
from deskbreak.core.model import Reminder, Status
from deskbreak.platform.notify.base import words
from deskbreak.routines.model import Step
from deskbreak.ui import tray_menu, tray_text

NOW = datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc)


@pytest.fixture
def speak() -> Iterator[object]:
    yield i18n.use_language
    i18n.use_language("auto")


def sitting(sat_s: float, due_in_s: float | None) -> Status:
    return Status("sitting", sat_s, 0.5, due_in_s, None, None, 2, False, True)


def test_durations_read_naturally(speak) -> None:
    speak("de")
    assert [format_duration(s) for s in (42, 150, 3000, 5400, 3600, 90000)] == [
        "42 s",
        "2 min 30 s",
        "50 min",
        "1 h 30 min",
        "1 h",
        "1 T 1 h",
    ]
    speak("ja")
    assert format_duration(5400) == "1時間30分" and format_minutes(34 * 60) == "34分"
    speak("en")
    assert format_duration(5400) == "1h30m" and format_minutes(34 * 60) == "34 min"


def test_polish_counts_with_three_forms(speak) -> None:
    speak("pl")
    doses = [Step(id="a", name="n", cue="c", breath="b", reps=n).dose() for n in (1, 2, 5, 22, 25)]
    assert doses == ["1 powtórzenie", "2 powtórzenia", "5 powtórzeń", "22 powtórzenia", "25 powtórzeń"]
    assert Step(id="a", name="n", cue="c", breath="b", reps=1, per_side=True, rounds=3).dose() == "1 powtórzenie na stronę × 3 serie"


def test_the_tray_speaks_german(speak) -> None:
    speak("de")
    assert tray_text.tooltip(sitting(34 * 60, 16 * 60), NOW) == "Sitzen 34 min · Pause in 16 min"
    menu = tray_menu.labels(tray_menu.build(tray_menu.MenuInput(sitting(60, 60), "", 10, ("desk", "full"), "desk")))
    assert menu[0] == "Pause jetzt starten" and "  Übungsfolge Desk (Standard)" in menu and "10 Min. verschieben (nicht verfügbar)" in menu
    assert menu[-1] == "deskbreak beenden"


def test_the_reminder_and_its_buttons_in_french(speak) -> None:
    speak("fr")
    said = words(Reminder(sat_s=52 * 60, repeat=0, snooze_minutes=10, snoozes_left=2), with_buttons=True)
    assert said.title == "C’est l’heure d’une pause pour le haut du dos"
    assert said.body.startswith("Vous êtes assis depuis 52 min.")
    assert (said.start, said.snooze, said.skip) == ("Commencer la pause", "Reporter de 10 min", "Ignorer")


def test_dates_and_numbers_follow_the_language(speak) -> None:
    moment = datetime(2026, 11, 26, 9, 0)
    speak("de")
    assert localformat.day_and_time(moment) == "Do., 26. Nov., 09:00" and localformat.number(2.5) == "2,5"
    speak("ja")
    assert localformat.day(date(2026, 11, 26)) == "11月26日(木)"
    speak("en")
    assert localformat.day_and_time(moment) == "Thu 26 Nov 09:00" and localformat.number(2.5) == "2.5"


def test_a_language_deskbreak_lacks_is_english(speak) -> None:
    speak("en")
    assert i18n.language() == "en"
    i18n.use_language("auto")
    assert i18n.language() == "en"  # the suite runs with LANG=C.UTF-8 (tests/conftest.py)
