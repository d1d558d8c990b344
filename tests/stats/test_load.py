"""Reading just enough of the log: the period plus whatever the streaks still need."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from deskbreak.stats import load_stats, periods, today_summary
from tests.stats.known_week import BERLIN, NOW, RECORDS, Rec


@dataclass(frozen=True)
class Read:
    records: list
    damaged: int


class FakeLog:
    """EventLog's read(since) over records in memory; remembers how far back it was asked to read."""

    def __init__(self, records, damaged=0):
        self.records, self.damaged, self.asked = records, damaged, []

    def read(self, since=None, skip=frozenset()):
        self.asked.append(since)
        return Read([r for r in self.records if (since is None or r.ts >= since) and r.kind not in skip], self.damaged)


def three_fulls(monday: date) -> list[Rec]:
    morning = datetime(monday.year, monday.month, monday.day, 10, tzinfo=BERLIN)
    return [Rec(morning + timedelta(days=d), "break_done", {"routine": "full"}) for d in (0, 2, 4)]


def test_a_week_reads_eight_weeks_back_from_a_monday_midnight():
    log = FakeLog(RECORDS, damaged=1)
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    [since] = log.asked
    assert since.weekday() == 6 and since.time() == datetime.min.time()  # the Sunday before a Monday
    assert NOW - since > timedelta(weeks=8)
    assert stats.damaged_lines == 1 and stats.day_streak == 6 and stats.week.streak == 3


def test_a_streak_older_than_the_first_look_gets_one_deeper_look():
    mondays = [date(2026, 10, 19) - timedelta(weeks=k) for k in range(1, 30)]  # 29 weeks that met the target
    history = [r for monday in reversed(mondays) for r in three_fulls(monday)]
    log = FakeLog(history + [r for r in RECORDS if r.ts >= datetime(2026, 10, 19, tzinfo=BERLIN)])
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert stats.week.streak == 30
    assert len(log.asked) == 2 and NOW - log.asked[1] > timedelta(weeks=53)


def test_a_streak_longer_than_the_deeper_look_is_shown_as_at_least():
    mondays = [date(2026, 10, 19) - timedelta(weeks=k) for k in range(1, 80)]
    history = [r for monday in reversed(mondays) for r in three_fulls(monday)]
    log = FakeLog(history + [r for r in RECORDS if r.ts >= datetime(2026, 10, 19, tzinfo=BERLIN)])
    stats = load_stats(log, periods.week(NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert len(log.asked) == 2 and stats.streaks_at_least
    assert 53 <= stats.week.streak < 80


def test_the_tray_line_looks_back_once_only():
    log = FakeLog(RECORDS)
    stats = load_stats(log, periods.today(NOW, BERLIN), NOW, BERLIN, weekly_target=3, deep=False)
    assert len(log.asked) == 1
    assert today_summary(stats) == "Today: 1 break · full routine 3/3 this week"


def test_a_period_longer_than_the_deeper_look_reads_the_log_once():
    log = FakeLog([r for r in RECORDS if r.ts >= datetime(2026, 10, 19, tzinfo=BERLIN)])  # a streak to its start
    stats = load_stats(log, periods.since("2025-01-01", NOW, BERLIN), NOW, BERLIN, weekly_target=3)
    assert stats.day_streak_at_least
    assert len(log.asked) == 1 and log.asked[0] < datetime(2025, 1, 1, tzinfo=BERLIN)
