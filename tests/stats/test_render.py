"""The table, the tray line and the JSON read the same Stats; JSON units are stable."""

import dataclasses
import json
from datetime import date

import pytest

from deskbreak.stats import periods
from deskbreak.stats.compute import compute
from deskbreak.stats.render import format_total, table, to_json, today_summary
from tests.stats.known_week import BERLIN, NOW, RECORDS

LOG_BEGINS = date(2026, 9, 1)


@pytest.fixture(scope="module")
def week():
    return compute(RECORDS, periods.week(NOW, BERLIN), NOW, BERLIN, 3, damaged_lines=2, complete_from=LOG_BEGINS)


def test_json_of_the_known_week(week):
    data = json.loads(json.dumps(to_json(week)))
    assert data["period"] == {
        "name": "week",
        "start": "2026-10-19T00:00:00+02:00",
        "end": "2026-10-26T00:00:00+01:00",
        "until": "2026-10-25T20:00:00+01:00",
    }
    assert data["breaks_done"] == {"total": 8, "desk": 4, "full": 3, "other": 1}
    assert (data["answered_within_15m_pct"], data["sitting_total_s"], data["avg_between_breaks_s"]) == (60.0, 125160, 7566)
    assert data["full_this_week"] == {"done": 3, "target": 3, "behind": False}
    assert (data["week_streak"], data["day_streak"], data["damaged_lines"]) == (3, 6, 2)
    assert (data["week_streak_at_least"], data["day_streak_at_least"]) == (False, False)
    assert data["days"][-1] == {
        "date": "2026-10-25",
        "sitting_s": 30300,
        "longest_stretch_s": 14400,
        "breaks_done": 1,
        "natural_breaks": 1,
        "reminders_shown": 1,
        "snoozes": 0,
        "skips": 0,
    }
    assert data["weeks"][-1] == {"start": "2026-10-19", "full_done": 3}


def test_table_lists_every_figure_and_a_row_per_day(week):
    text = table(week)
    assert text.splitlines()[0] == "deskbreak stats — week of Mon 19 Oct 2026"
    for expected in (
        "desk 4 · full 3 · other 1 · 1 stopped early",
        "answered within 15 min: 60%",
        "34h46m",
        "longest stretch 6h28m",
        "2h6m",
        "3 of 3",
        "3-week streak",
        "Sun 25 Oct",
    ):
        assert expected in text
    assert "Deferred" in text and "Snoozes" in text and "Natural breaks" in text


def test_streaks_that_may_be_longer_show_a_plus(week):
    capped = dataclasses.replace(week, day_streak_at_least=True)
    assert "6+" in table(capped) and "3-week streak" in table(capped)


def test_today_summary_for_the_tray(week):
    assert today_summary(week) == "Today: 1 break · full routine 3/3 this week"
    none_today = dataclasses.replace(week, days=week.days[:-1])
    assert today_summary(none_today) == "Today: 0 breaks · full routine 3/3 this week"


@pytest.mark.parametrize("seconds, text", [(42, "42s"), (26820, "7h27m"), (117960, "32h46m"), (4_000_000, "1,111 h")])
def test_sitting_totals_are_in_hours_never_days(seconds, text):
    assert format_total(seconds) == text
