"""Stats over the whole log, with whole past days taken from the per-day totals kept beside it."""

import json
from datetime import date, datetime, timedelta

from deskbreak.eventlog import EventLog
from deskbreak.stats import day_cache, load_stats, periods, today_summary
from deskbreak.stats.compute import compute
from tests.stats.known_week import BERLIN, NOW, RECORDS, Rec


def line(record: Rec) -> str:
    return json.dumps({"v": 1, "ts": record.ts.isoformat(), "event": record.kind, **record.data}) + "\n"


def write_log(path, records, extra: str = "") -> EventLog:
    path.write_text("".join(line(r) for r in records) + extra)
    return EventLog(path)


def three_fulls(monday: date) -> list[Rec]:
    morning = datetime(monday.year, monday.month, monday.day, 10, tzinfo=BERLIN)
    return [Rec(morning + timedelta(days=d), "break_done", {"routine": "full"}) for d in (0, 2, 4)]


def test_the_known_week_comes_out_the_same_as_one_pass_over_the_log(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS, extra="not json\n")
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert stats == compute(RECORDS, periods.week(NOW, BERLIN), NOW, BERLIN, 3, damaged_lines=1)
    assert stats.damaged_lines == 1 and stats.day_streak == 6 and stats.week.streak == 3


def test_whole_past_days_are_kept_beside_the_log_up_to_the_last_midnight(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS)
    load_stats(log, periods.today(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    kept = day_cache.load(log.path, BERLIN)
    assert day_cache.cache_path(log.path).name == "events.days.json"
    assert kept is not None and kept.end == NOW.date()
    assert sum(kept.arrays["full"]) == 10 and kept.offset < log.path.stat().st_size


def test_a_streak_older_than_a_year_is_counted_whole(tmp_path):
    mondays = [date(2026, 10, 19) - timedelta(weeks=k) for k in range(1, 80)]  # 79 weeks that met the target
    history = [r for monday in reversed(mondays) for r in three_fulls(monday)]
    older = three_fulls(mondays[-1] - timedelta(weeks=1))[:2]  # the week before fell short
    recent = [r for r in RECORDS if r.ts >= datetime(2026, 10, 19, tzinfo=BERLIN)]
    log = write_log(tmp_path / "events.jsonl", older + history + recent)
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert stats.week.streak == 80 and not stats.week_streak_at_least


def test_lines_appended_after_the_kept_days_are_counted(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS[:-3])
    load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    with log.path.open("a") as handle:
        handle.write("".join(line(r) for r in RECORDS[-3:]))
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert stats == compute(RECORDS, periods.week(NOW, BERLIN), NOW, BERLIN, 3)


def test_a_damaged_cache_is_made_again_and_changes_no_figure(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS)
    period = periods.since("2026-09-01", NOW, BERLIN)
    first = load_stats(log, period, NOW, BERLIN, weekly_target=3)
    cache = day_cache.cache_path(log.path)
    cache.write_bytes(cache.read_bytes().replace(b'"damaged":', b'"damaged":9'))
    assert day_cache.load(log.path, BERLIN) is None
    assert load_stats(log, period, NOW, BERLIN, weekly_target=3) == first
    assert day_cache.load(log.path, BERLIN) is not None


def test_a_cache_of_another_log_is_not_used(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS)
    load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    write_log(log.path, RECORDS[2:])  # a different history of the same length or longer
    assert day_cache.load(log.path, BERLIN) is None
    assert load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, 3) == compute(RECORDS[2:], periods.week(NOW, BERLIN), NOW, BERLIN, 3)


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS)
    day_cache.cache_path(log.path).mkdir()  # something else in its place: the rename over it fails
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert stats == compute(RECORDS, periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert day_cache.cache_path(log.path).is_dir() and sorted(tmp_path.iterdir()) == [
        tmp_path / "events.days.json",
        tmp_path / "events.jsonl",
    ]


def test_the_tray_line_counts_today(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS)
    stats = load_stats(log, periods.today(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert today_summary(stats) == "Today: 1 break · full routine 3/3 this week"


def test_no_log_yet_gives_empty_figures(tmp_path):
    stats = load_stats(EventLog(tmp_path / "events.jsonl"), periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert stats.breaks_done == 0 and stats.sitting_total_s == 0 and len(stats.days) == 7
    assert not day_cache.cache_path(tmp_path / "events.jsonl").exists()


def test_a_stretch_across_the_first_midnight_of_a_long_period_counts_from_that_midnight(tmp_path):
    night = [
        Rec(datetime(2026, 6, 1, 20, tzinfo=BERLIN), "started"),
        Rec(datetime(2026, 6, 2, 6, tzinfo=BERLIN), "stopped"),
        Rec(datetime(2026, 7, 1, 9, tzinfo=BERLIN), "started"),
        Rec(datetime(2026, 7, 1, 10, tzinfo=BERLIN), "stopped"),
    ]
    log = write_log(tmp_path / "events.jsonl", night)
    period = periods.since("2026-06-02", NOW, BERLIN)  # long: whole kept days, from the midnight inside the stretch
    load_stats(log, period, NOW, BERLIN, 3)
    stats = load_stats(log, period, NOW, BERLIN, 3)
    assert stats.longest_stretch_s == 6 * 3600 and stats.sitting_total_s == 7 * 3600
    assert stats == compute(night, period, NOW, BERLIN, 3)


def test_kept_numbers_come_back_exactly(tmp_path):
    """Counts stay ints and seconds stay the same floats, bit for bit, through the packed form."""
    log = write_log(tmp_path / "events.jsonl", RECORDS)
    load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    kept = day_cache.load(log.path, BERLIN)
    assert kept is not None
    odd = {name: [0.1 + n / 3 for n in range(kept.days)] for name in ("sitting", "cross_end")}
    odd["cross_end"][0] = float("-inf")
    kept.arrays.update(odd, done=list(range(kept.days)))
    day_cache.save(log.path, kept)
    again = day_cache.load(log.path, BERLIN)
    assert again is not None and again.arrays == kept.arrays
    assert all(type(n) is int for n in again.arrays["done"]) and all(type(n) is float for n in again.arrays["sitting"])


def test_the_kept_totals_are_never_written_through_a_link_or_read_from_one(tmp_path):
    log = write_log(tmp_path / "events.jsonl", RECORDS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("not deskbreak's")
    cache = day_cache.cache_path(log.path)
    cache.symlink_to(elsewhere)
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert stats == compute(RECORDS, periods.week(NOW, BERLIN), NOW, BERLIN, 3)
    assert elsewhere.read_text() == "not deskbreak's"
    assert not cache.is_symlink() and cache.stat().st_mode & 0o777 == 0o600  # replaced by a file of its own

    kept = cache.read_bytes()
    cache.unlink()
    (tmp_path / "copy").write_bytes(kept)
    cache.symlink_to(tmp_path / "copy")  # the right content, behind a link: not trusted
    assert day_cache.load(log.path, BERLIN) is None
