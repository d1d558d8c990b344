"""The full routine against its weekly target: count, streak and being behind."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from deskbreak.stats.weeks import should_offer_full, week_progress

TZ = timezone(timedelta(hours=1))
WEDNESDAY = datetime(2026, 3, 4, 18, 0, tzinfo=TZ)


@dataclass(frozen=True)
class Rec:
    ts: datetime
    kind: str = "break_done"
    data: dict = field(default_factory=lambda: {"routine": "full"})


def test_counts_only_full_routines_done_this_week():
    records = [
        Rec(WEDNESDAY - timedelta(days=1)),
        Rec(WEDNESDAY - timedelta(days=3)),  # Sunday: last week
        Rec(WEDNESDAY, data={"routine": "desk"}),
        Rec(WEDNESDAY, kind="break_abandoned"),
    ]
    progress = week_progress(records, WEDNESDAY, target=3)
    assert progress.done == 1 and progress.summary() == "Full routine this week: 1 of 3"


def test_behind_means_fewer_than_the_days_so_far_call_for():
    assert not week_progress([], WEDNESDAY - timedelta(days=2), target=3).behind  # Monday: nothing due yet
    assert week_progress([], WEDNESDAY, target=3).behind  # Wednesday: one was due
    assert not week_progress([Rec(WEDNESDAY)], WEDNESDAY, target=3).behind


def test_streak_counts_weeks_in_a_row_that_reached_the_target():
    weeks_ago = lambda n: [Rec(WEDNESDAY - timedelta(weeks=n, hours=h)) for h in range(3)]  # noqa: E731
    records = weeks_ago(1) + weeks_ago(2) + weeks_ago(4)
    assert week_progress(records, WEDNESDAY, target=3).streak == 2
    assert week_progress(records + weeks_ago(0), WEDNESDAY, target=3).summary().endswith("3-week streak")


def test_the_full_routine_is_offered_when_behind_but_once_a_day_and_never_on_full_itself():
    behind = week_progress([], WEDNESDAY, target=3)
    today = WEDNESDAY.date()
    assert should_offer_full(behind, "desk", last_offered=None, today=today)
    assert should_offer_full(behind, "desk", last_offered=today - timedelta(days=1), today=today)
    assert not should_offer_full(behind, "desk", last_offered=today, today=today)
    assert not should_offer_full(behind, "full", last_offered=None, today=today)
    on_track = week_progress([Rec(WEDNESDAY)], WEDNESDAY, target=3)
    assert not should_offer_full(on_track, "desk", last_offered=None, today=today)
