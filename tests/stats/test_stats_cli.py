"""`deskbreak stats` end to end on a real log file: table, JSON, chart, damaged lines, bad input."""

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
import tzlocal
from PIL import Image

from tests.cli_run import deskbreak

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)  # a Wednesday afternoon: two days back is this week's Monday

JSON_KEYS = {
    "schema",
    "period",
    "breaks_done",
    "breaks_abandoned",
    "natural_breaks",
    "reminders_shown",
    "answered_within_15m",
    "answered_within_15m_pct",
    "snoozes",
    "skips",
    "deferred",
    "deferred_by_reason",
    "sitting_total_s",
    "longest_stretch_s",
    "avg_between_breaks_s",
    "full_this_week",
    "week_streak",
    "day_streak",
    "days",
    "weeks",
    "damaged_lines",
    "week_streak_at_least",
    "day_streak_at_least",
}
DAY_KEYS = {"date", "sitting_s", "longest_stretch_s", "breaks_done", "natural_breaks", "reminders_shown", "snoozes", "skips"}


@pytest.fixture(autouse=True)
def stated_clock():
    """`stats` reads the clock for "this week" and "today": it reads NOW, stopped."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def home(user_dirs):
    """The test's own folders (tests/conftest.py); no config file (defaults: weekly target 3, sit limit 50m)."""
    (user_dirs.data / "deskbreak").mkdir(parents=True)
    return user_dirs.root


def write_log(home, lines):
    (home / "data" / "deskbreak" / "events.jsonl").write_text("\n".join(lines) + "\n")


def line(when: datetime, event: str, **data) -> str:
    return json.dumps({"v": 1, "ts": when.isoformat(timespec="seconds"), "event": event, **data})


@pytest.fixture
def two_days_ago(home):
    """A morning two days back: one desk break, one natural break, a snooze; plus two damaged lines."""
    start = (NOW.astimezone(tzlocal.get_localzone()) - timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    at = lambda minutes: start + timedelta(minutes=minutes)  # noqa: E731
    write_log(
        home,
        [
            line(at(0), "started", version="0.1.0", pid=1),
            line(at(50), "reminder_shown", sat_s=3000, repeat=0, snoozes_left=3),
            line(at(52), "snoozed", minutes=10, left=2, source="notification"),
            '{"v":1,"ts":"torn',
            line(at(62), "break_started", routine="desk", source="notification"),
            line(at(65), "break_done", routine="desk", steps=4, duration_s=180, source="window"),
            "not json at all",
            line(at(125), "natural_break", away_s=600, sat_s=3000, reason="idle"),
            line(at(180), "stopped", reason="user"),
        ],
    )
    return start


def since_arg(start: datetime) -> str:
    return (start - timedelta(days=1)).date().isoformat()


def test_table_shows_the_figures_and_damaged_lines_go_to_stderr(two_days_ago):
    result = deskbreak("stats", "--since", since_arg(two_days_ago))
    assert result.exit_code == 0, result.output + result.stderr
    assert "Breaks done" in result.stdout and "desk 1 · full 0 · other 0" in result.stdout
    assert "answered within 15 min: 100%" in result.stdout
    assert "Sitting" in result.stdout and "longest stretch 1h2m" in result.stdout  # 09:00 -> 10:02
    assert "skipped 2 damaged lines" in result.stderr and "events.jsonl" in result.stderr


def test_json_has_every_documented_key_in_its_units(two_days_ago):
    result = deskbreak("stats", "--since", since_arg(two_days_ago), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == JSON_KEYS and data["schema"] == 1
    assert data["breaks_done"] == {"total": 1, "desk": 1, "full": 0, "other": 0}
    assert (data["reminders_shown"], data["answered_within_15m"], data["answered_within_15m_pct"]) == (1, 1, 100.0)
    assert (data["snoozes"], data["natural_breaks"], data["damaged_lines"]) == (1, 1, 2)
    assert data["sitting_total_s"] == 62 * 60 + 50 * 60 + 55 * 60  # 09:00-10:02, 10:05-10:55, 11:05-12:00
    assert data["longest_stretch_s"] == 62 * 60 and data["avg_between_breaks_s"] == (62 + 50) * 60 // 2
    assert data["full_this_week"]["target"] == 3 and data["day_streak"] == 1
    assert all(set(day) == DAY_KEYS for day in data["days"]) and len(data["days"]) == 4
    assert isinstance(data["sitting_total_s"], int) and data["period"]["name"] == "since"


def test_default_period_is_this_week(home):
    write_log(home, [])
    data = json.loads(deskbreak("stats", "--json").stdout)
    assert data["period"]["name"] == "week"
    assert datetime.fromisoformat(data["period"]["start"]).date() == (NOW - timedelta(days=2)).date()  # Monday


def test_a_missing_log_gives_zeros_and_says_how_to_start(home):
    result = deskbreak("stats", "--today")
    assert result.exit_code == 0
    assert "no event log yet" in result.stderr and "deskbreak run" in result.stderr


def test_two_periods_at_once_are_refused(home):
    result = deskbreak("stats", "--today", "--since", "2026-01-01")
    assert result.exit_code == 2 and "give one of them" in result.stderr


def test_an_unreadable_since_says_what_is_allowed(home):
    result = deskbreak("stats", "--since", "last tuesday")
    assert result.exit_code == 2 and "a date (2026-10-01)" in result.stderr


def test_a_bad_config_stops_with_its_message_and_exit_2(home):
    config = home / "bad.toml"
    config.write_text('[routines]\nweekly_full_target = "lots"\n')
    result = deskbreak("stats", "--today", env={"DESKBREAK_CONFIG": str(config)})
    assert result.exit_code == 2
    assert "weekly_full_target" in result.stderr and str(config) in result.stderr


def test_an_unreadable_log_says_what_to_check(home):
    (home / "data" / "deskbreak" / "events.jsonl").mkdir()  # unreadable as a file, even for root
    result = deskbreak("stats", "--today")
    assert result.exit_code == 1
    assert "cannot read the event log" in result.stderr and "readable" in result.stderr


def test_plot_writes_a_1200_by_600_png(two_days_ago, home):
    target = home / "out" / "chart.png"
    result = deskbreak("stats", "--since", since_arg(two_days_ago), "--plot", str(target))
    assert result.exit_code == 0, result.stderr
    assert "Chart saved to" in result.stdout
    with Image.open(target) as image:
        assert image.size == (1200, 600)


def test_plot_without_matplotlib_says_how_to_install_it(two_days_ago, home, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails as if not installed
    monkeypatch.delitem(sys.modules, "deskbreak.stats.plot", raising=False)
    result = deskbreak("stats", "--plot", str(home / "chart.png"))
    assert result.exit_code == 1
    assert "pip install 'deskbreak[plot]'" in result.stderr
    assert not (home / "chart.png").exists()


def test_stats_does_not_load_matplotlib_or_a_gui_toolkit_unless_plotting():
    code = (
        "import sys, deskbreak.cli.stats_cmd, deskbreak.stats, deskbreak.stats.render, deskbreak.stats.load;"
        "heavy = {'matplotlib', 'PySide6', 'pystray', 'gi', 'apscheduler'} & set(sys.modules);"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
