"""Periods are local midnights to local midnights, so DST days are 23 or 25 hours long."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from deskbreak.stats import periods

BERLIN = ZoneInfo("Europe/Berlin")


def length(period):
    return period.end.astimezone(timezone.utc) - period.start.astimezone(timezone.utc)


def test_today_on_the_autumn_change_is_25_hours():
    p = periods.today(datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN), BERLIN)
    assert (p.start.isoformat(), p.end.isoformat()) == ("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00")
    assert length(p) == timedelta(hours=25)


def test_today_on_the_spring_change_is_23_hours():
    assert length(periods.today(datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN), BERLIN)) == timedelta(hours=23)


def test_week_runs_monday_to_monday_across_the_change():
    p = periods.week(datetime(2026, 10, 22, 9, 0, tzinfo=BERLIN), BERLIN)
    assert (p.start.date(), p.end.date()) == (date(2026, 10, 19), date(2026, 10, 26))
    assert length(p) == timedelta(days=7, hours=1)
    assert p.label() == "week of Mon 19 Oct 2026"


def test_month_is_the_calendar_month():
    p = periods.month(datetime(2026, 10, 31, 23, 59, tzinfo=BERLIN), BERLIN)
    assert (p.start.date(), p.end.date()) == (date(2026, 10, 1), date(2026, 11, 1))
    assert length(p) == timedelta(days=31, hours=1)
    assert periods.month(datetime(2026, 12, 5, tzinfo=BERLIN), BERLIN).end.date() == date(2027, 1, 1)


def test_now_in_another_zone_is_read_in_the_local_zone():
    utc = datetime(2026, 10, 25, 23, 30, tzinfo=timezone.utc)  # already Monday 26 Oct in Berlin
    assert periods.today(utc, BERLIN).start.date() == date(2026, 10, 26)


def test_since_a_date_starts_at_its_midnight_and_ends_with_today():
    now = datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN)
    p = periods.since("2026-10-01", now, BERLIN)
    assert p.start.isoformat() == "2026-10-01T00:00:00+02:00" and p.end.date() == date(2026, 10, 26)


def test_since_a_duration_counts_real_time_back_across_the_change():
    now = datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN)  # CET
    p = periods.since("12h", now, BERLIN)
    assert p.start.isoformat() == "2026-10-25T01:00:00+02:00"  # 12 real hours, one of them repeated


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "50"])
def test_since_that_is_not_understood_says_what_is_allowed(text):
    with pytest.raises(periods.PeriodError, match="a date .* or a duration"):
        periods.since(text, datetime(2026, 10, 25, tzinfo=BERLIN), BERLIN)


def test_since_in_the_future_is_refused():
    with pytest.raises(periods.PeriodError, match="future"):
        periods.since("2027-01-01", datetime(2026, 10, 25, tzinfo=BERLIN), BERLIN)


@pytest.mark.parametrize(
    "zone", ["Europe/Berlin", "America/Sao_Paulo", "America/Havana", "Asia/Beirut", "America/Santiago", "Pacific/Apia"]
)
def test_the_calendars_midnights_are_the_local_midnights(zone):
    """Including zones whose clocks jump at midnight, where the first real moment counts."""
    tz, first = ZoneInfo(zone), date(1995, 1, 1)
    expected = [periods.local_midnight(first + timedelta(days=i), tz).timestamp() for i in range(40 * 366)]
    assert periods.midnights(first, 40 * 366, tz) == expected
