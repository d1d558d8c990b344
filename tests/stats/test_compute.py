"""Every figure of a hand-built week with known answers (see known_week.py for the story)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from deskbreak.stats import periods
from deskbreak.stats.compute import compute
from tests.stats.known_week import BERLIN, NOW, RECORDS, Rec, at, done, rec

H, M = 3600, 60
LOG_BEGINS = date(2026, 9, 1)


def local(t: float) -> str:
    return datetime.fromtimestamp(t, BERLIN).isoformat()[11:16] + datetime.fromtimestamp(t, BERLIN).isoformat()[19:]


def seconds(a: datetime, b: datetime) -> float:
    """Real seconds from a to b (subtracting two datetimes of one zone gives wall-clock time)."""
    return b.timestamp() - a.timestamp()


@pytest.fixture(scope="module")
def week():
    return compute(RECORDS, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3, damaged_lines=2, complete_from=LOG_BEGINS)


def by_date(stats):
    return {d.date.day: d for d in stats.days}


def test_breaks_done_are_counted_by_routine(week):
    assert (week.breaks_desk, week.breaks_full, week.breaks_other) == (4, 3, 1)
    assert week.breaks_done == 8
    assert week.breaks_abandoned == 1


def test_reminders_answered_within_15_minutes_by_snooze_skip_or_break(week):
    assert week.reminders_shown == 5
    assert week.answered_within_15m == 3  # Mon 09:50 and 10:48, Sun 10:50; Mon 11:00 too late; Thu never
    assert week.answered_pct == 60.0


def test_snoozes_skips_deferred_and_natural_breaks(week):
    assert (week.snoozes, week.skips, week.deferred, week.natural_breaks) == (1, 1, 4, 3)


def test_deferred_reminders_are_counted_by_why_they_waited(week):
    assert week.deferred_by_reason == {"fullscreen": 1, "inhibit": 1, "microphone": 2}


def test_sitting_time_counts_real_seconds_across_midnight_and_the_dst_change(week):
    days = by_date(week)
    assert days[19].sitting_s == 55 * M + (2 * H + 2 * M) + (4 * H + 30 * M)
    assert days[20].sitting_s == 0
    assert days[21].sitting_s == 50 * M + 90 * M + (2 * H + 30 * M) + 58 * M + (1 * H + 53 * M) + 6 * H  # to midnight;
    # the pause 12:00-13:00 paused reminders, not sitting
    assert days[22].sitting_s == 28 * M + 30 * M + H
    assert days[23].sitting_s == H + 20 * M
    assert days[24].sitting_s == 55 * M + H  # 23:00 -> midnight
    assert days[25].sitting_s == 4 * H + 30 * M + H + (H + 55 * M) + H  # 00:00 CEST -> 03:00 CET is 4 real hours
    assert week.sitting_total_s == sum(d.sitting_s for d in week.days) == 125160


def test_the_longest_stretch_is_whole_across_midnight_but_split_per_day(week):
    assert week.longest_stretch_s == 6 * H + 28 * M  # Wed 18:00 -> Thu 00:28
    days = by_date(week)
    assert days[21].longest_stretch_s == 6 * H
    assert days[22].longest_stretch_s == H
    assert days[24].longest_stretch_s == H
    assert days[25].longest_stretch_s == 4 * H


def test_average_time_between_breaks_is_the_mean_stretch_that_ended_in_a_break(week):
    ended = [
        55 * M,
        2 * H + 2 * M,  # Mon: desk, natural
        50 * M,
        58 * M,
        H + 53 * M,
        6 * H + 28 * M,  # Wed: full, full, natural, desk after midnight
        H,  # Fri: full
        55 * M,
        5 * H,  # Sat: desk; Sat 23:00 -> natural break Sun 03:00 CET
        H,
    ]  # Sun: desk
    assert week.avg_between_breaks_s == round(sum(ended) / len(ended)) == 7566


def test_full_routines_this_week_against_the_target_and_the_week_streak(week):
    assert (week.week.done, week.week.target, week.week.behind) == (3, 3, False)
    assert week.week.streak == 3  # this week, 12 Oct and 5 Oct; 28 Sep had only one
    assert [(w.start.day, w.full_done) for w in week.weeks[-4:]] == [(28, 1), (5, 3), (12, 3), (19, 3)]


def test_day_streak_skips_days_with_nothing_logged_and_stops_at_a_used_day_without_a_break(week):
    assert week.day_streak == 6  # Sun Sat Fri Thu Wed (Tue: nothing logged) Mon; Sat 17 Oct ends it


def test_per_day_series_covers_each_day_with_segments_and_markers(week):
    assert [d.date for d in week.days] == [date(2026, 10, d) for d in range(19, 26)]
    days = by_date(week)
    assert [d.breaks_done for d in week.days] == [1, 0, 2, 1, 2, 1, 1]
    assert [d.natural_breaks for d in week.days] == [1, 0, 1, 0, 0, 0, 1]
    assert [d.reminders_shown for d in week.days] == [3, 0, 0, 1, 0, 0, 1]
    assert [(local(s.start), local(s.end)) for s in days[25].segments] == [
        ("00:00+02:00", "03:00+01:00"),
        ("03:30+01:00", "04:00+01:00"),
        ("10:00+01:00", "11:00+01:00"),
        ("11:05+01:00", "13:00+01:00"),
        ("19:00+01:00", "20:00+01:00"),
    ]
    assert local(days[25].segments[0].stretch_start) == "23:00+02:00"  # it began on Saturday
    assert [(local(m.at), m.kind) for m in days[23].markers] == [("10:10+02:00", "full"), ("11:00+02:00", "other")]
    assert all(d.sitting_s == round(sum(s.end - s.start for s in d.segments)) for d in week.days)


def test_damaged_lines_are_passed_through(week):
    assert week.damaged_lines == 2


def test_today_on_the_25_hour_day(week):
    today = compute(RECORDS, periods.today(NOW, BERLIN), NOW, BERLIN, weekly_target=3, complete_from=LOG_BEGINS)
    assert today.sitting_total_s == by_date(week)[25].sitting_s
    assert today.longest_stretch_s == 4 * H  # the part of the night stretch after midnight
    assert today.avg_between_breaks_s == (5 * H + H) // 2  # whole stretches that ended in a break today
    assert (today.breaks_done, today.natural_breaks, today.reminders_shown, today.answered_pct) == (1, 1, 1, 100.0)
    assert today.day_streak == week.day_streak and today.week == week.week


def test_answer_exactly_15_minutes_later_counts_and_a_minute_more_does_not():
    def answered(minutes):
        records = [
            rec(20, "09:00", "started"),
            rec(20, "10:00", "reminder_shown"),
            Rec(at(20, "10:00") + timedelta(minutes=minutes), "skipped", {}),
        ]
        return compute(records, periods.week(NOW, BERLIN), NOW, BERLIN, 3).answered_within_15m

    assert answered(15) == 1
    assert answered(16) == 0


def test_a_repeated_reminder_counts_each_showing():
    records = [
        rec(20, "09:00", "started"),
        rec(20, "10:00", "reminder_shown"),
        rec(20, "10:05", "reminder_shown", repeat=1),
        rec(20, "10:18", "snoozed"),
    ]
    stats = compute(records, periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert (stats.reminders_shown, stats.answered_within_15m) == (2, 1)


def test_a_stretch_left_open_by_a_crash_ends_at_its_last_event():
    records = [rec(20, "09:00", "started"), rec(20, "09:50", "reminder_shown"), rec(20, "11:00", "started"), rec(20, "11:30", "stopped")]
    stats = compute(records, periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert stats.sitting_total_s == 50 * M + 30 * M


def test_figures_before_the_period_stay_out_but_the_stretch_reaching_into_it_counts():
    records = [rec(18, "23:00", "started"), rec(18, "23:30", "reminder_shown"), done(19, "01:00", "desk", 0)]
    stats = compute(records, periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert stats.reminders_shown == 0 and stats.breaks_done == 1
    assert stats.sitting_total_s == H + seconds(at(19, "01:00"), NOW)
    assert stats.avg_between_breaks_s == 2 * H  # the whole stretch, also its part before Monday


def test_no_records_gives_zeros_and_nulls():
    stats = compute([], periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert (stats.breaks_done, stats.sitting_total_s, stats.day_streak, stats.week.streak) == (0, 0, 0, 0)
    assert stats.answered_pct is None and stats.avg_between_breaks_s is None
    assert len(stats.days) == 7 and stats.week.behind


def test_streaks_that_reach_the_first_record_say_older_records_could_lengthen_them(week):
    assert not week.streaks_at_least  # the day streak stopped at Sat 17 Oct, the week streak at 28 Sep
    recent = [r for r in RECORDS if r.ts >= at(19, "00:00")]
    assert compute(recent, periods.week(NOW, BERLIN), NOW, BERLIN, 3).streaks_at_least


def test_records_in_other_zones_land_on_their_local_day():
    utc_late = datetime(2026, 10, 20, 22, 30, tzinfo=timezone.utc)  # Wed 21 Oct 00:30 in Berlin
    stats = compute([Rec(utc_late, "break_done", {"routine": "desk"})], periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert [d.breaks_done for d in stats.days][1:3] == [0, 1]
