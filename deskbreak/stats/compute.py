"""Every figure of `deskbreak stats`, the tray's "Today" line and the chart, in one pass over the log.

Pure: log records (oldest first) + a period + now + a time zone in, a frozen `Stats` out. Times are
epoch seconds inside, so DST never bends a duration; local midnights (from the zone) only decide
which day a moment belongs to. Fast enough for ten years of log: one pass, no per-record objects.

Sitting stretches. A stretch is continuous sitting at the desk while deskbreak runs:
- it begins at `started`, at the end of a break (`break_done`, `break_abandoned`), when the user is
  back from a natural break (`natural_break`; `back` moves that to when the user really returned
  from being idle) and at `standing_off`;
- it ends when a break begins (`break_started`; a `break_done` logged without one ends it
  `duration_s` earlier), when the user went away (`natural_break`: `away_s` before the event),
  and at `standing_on` and `stopped`;
- `paused` and `resumed` (reminders, not sitting: the core keeps counting and still logs natural
  breaks while paused), `skipped`, `snoozed`, reminders and everything else leave it running;
- a stretch left open by a daemon that died ends at its last event when the next `started` comes;
  the one still open at the end of the log runs until now.
Totals and the longest stretch count only the part inside the period; per-day figures split a
stretch at local midnight. "Average time between breaks" is the mean full length of the stretches
that ended in a break (done or natural) inside the period.

Reminders answered: a `reminder_shown` followed within 15 minutes by `snoozed`, `skipped`,
`break_started` or `break_done`; each showing counts, re-notifications included.

Streaks. Weeks (Monday to Sunday): see deskbreak.stats.weeks. Days: today counts once a break is
done; before it, every day with a break done in a row, where days with nothing logged (weekends,
holidays, machine off; `step_done` alone does not count) neither count nor break the streak.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple, Sequence

from deskbreak.stats.periods import Period, local_midnight
from deskbreak.stats.weeks import FULL, LogRecord, WeekProgress, progress_of, week_start

DESK = "desk"
ANSWER_WINDOW_S = 15 * 60
ANSWERS = frozenset({"snoozed", "skipped", "break_started", "break_done"})

_OFF, _SITTING, _BREAK, _STANDING = range(4)
_STOPS = {"stopped": _OFF, "standing_on": _STANDING}


class Segment(NamedTuple):
    """One piece of a sitting stretch within one local day, in epoch seconds."""

    start: float
    end: float
    stretch_start: float  # when the whole stretch began (before `start` if it crossed midnight)


class Marker(NamedTuple):
    at: float  # epoch seconds
    kind: str  # "desk" | "full" | "other" (a break done) | "natural"


@dataclass(frozen=True)
class Day:
    date: date
    sitting_s: int
    longest_stretch_s: int
    breaks_done: int
    natural_breaks: int
    reminders_shown: int
    snoozes: int
    skips: int
    segments: tuple[Segment, ...]
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class WeekCount:
    start: date  # the Monday
    full_done: int


@dataclass(frozen=True)
class Stats:
    period: Period
    now: datetime  # in the local zone; figures stop here
    breaks_desk: int
    breaks_full: int
    breaks_other: int
    breaks_abandoned: int
    reminders_shown: int
    answered_within_15m: int
    snoozes: int
    skips: int
    deferred: int
    natural_breaks: int
    sitting_total_s: int
    longest_stretch_s: int
    avg_between_breaks_s: int | None
    week: WeekProgress
    day_streak: int
    days: tuple[Day, ...]  # each local day of the period up to today
    weeks: tuple[WeekCount, ...]  # every week the period touches, and at least the last 8
    damaged_lines: int
    week_streak_at_least: bool  # the streak runs back to the oldest record given: older ones could lengthen it
    day_streak_at_least: bool

    @property
    def streaks_at_least(self) -> bool:
        return self.week_streak_at_least or self.day_streak_at_least

    @property
    def breaks_done(self) -> int:
        return self.breaks_desk + self.breaks_full + self.breaks_other

    @property
    def answered_pct(self) -> float | None:
        if not self.reminders_shown:
            return None
        return round(100 * self.answered_within_15m / self.reminders_shown, 1)


class _Calendar:
    """Local days from the first record to the period's last day, as epoch-second midnights."""

    def __init__(self, first: date, last: date, tz: tzinfo) -> None:
        self.first = first
        self.count = (last - first).days + 1
        self.bounds = [local_midnight(first + timedelta(days=i), tz).timestamp() for i in range(self.count + 1)]

    def index(self, t: float) -> int:
        return min(max(bisect_right(self.bounds, t) - 1, 0), self.count - 1)

    def date(self, index: int) -> date:
        return self.first + timedelta(days=index)


class _Tally:
    """Per-day counters over the whole calendar (streaks look before the period)."""

    def __init__(self, days: int) -> None:
        self.active = [False] * days
        self.done = [0] * days  # any time: the day streak
        self.full = [0] * days  # any time: the weekly target
        self.done_in = [0] * days  # the rest only inside the period
        self.naturals = [0] * days
        self.reminders = [0] * days
        self.snoozes = [0] * days
        self.skips = [0] * days
        self.markers: dict[int, list[Marker]] = {}
        self.by_routine = {DESK: 0, FULL: 0, "other": 0}
        self.abandoned = self.deferred = self.answered = 0
        self.stretches: list[list] = []  # [start, end, ended_in_break]


def compute(
    records: Sequence[LogRecord],
    period: Period,
    now: datetime,
    tz: tzinfo,
    weekly_target: int,
    damaged_lines: int = 0,
    complete_from: date | None = None,
) -> Stats:
    """All figures for `period` as of `now`; `records` must reach back as far as streaks should look.

    `complete_from`: the first local day the records cover whole (where reading the log began);
    without it the first record's day is taken, and assumed to be possibly cut short.
    """
    now = now.astimezone(tz)
    now_t = now.timestamp()
    p0, p1 = period.start.timestamp(), min(period.end.timestamp(), now_t)
    first_day = complete_from or (records[0].ts.astimezone(tz).date() if records else period.start.date())
    first_day = min(first_day, period.start.date())
    cal = _Calendar(first_day, max(now.date(), (period.end - timedelta(microseconds=1)).date()), tz)
    tally = _Tally(cal.count)
    _walk(records, tally, cal, p0, p1, now_t)

    total, longest, ended, pieces = _sitting(tally.stretches, p0, p1, cal)
    lo, hi = cal.index(p0), cal.index(max(p0, p1 - 1e-6))
    days = tuple(_day(cal.date(i), i, tally, pieces.get(i, [])) for i in range(lo, hi + 1))
    per_week: dict[date, int] = {}
    for i, count in enumerate(tally.full):
        if count:
            monday = week_start(cal.date(i))
            per_week[monday] = per_week.get(monday, 0) + count
    week = progress_of(per_week, now, weekly_target)
    day_streak, day_reaches_start = _day_streak(tally, cal.index(now_t), complete_from is not None)
    failing_week = week_start(now.date()) - timedelta(weeks=week.streak)  # the week that ended the streak
    first_week = min(week_start(period.start.date()), week_start(now.date()) - timedelta(weeks=7))
    mondays = [first_week + timedelta(weeks=k) for k in range((week_start(now.date()) - first_week).days // 7 + 1)]
    return Stats(
        period=period,
        now=now,
        breaks_desk=tally.by_routine[DESK],
        breaks_full=tally.by_routine[FULL],
        breaks_other=tally.by_routine["other"],
        breaks_abandoned=tally.abandoned,
        reminders_shown=sum(d.reminders_shown for d in days),
        answered_within_15m=tally.answered,
        snoozes=sum(d.snoozes for d in days),
        skips=sum(d.skips for d in days),
        deferred=tally.deferred,
        natural_breaks=sum(d.natural_breaks for d in days),
        sitting_total_s=round(total),
        longest_stretch_s=round(longest),
        avg_between_breaks_s=round(sum(ended) / len(ended)) if ended else None,
        week=week,
        day_streak=day_streak,
        days=days,
        weeks=tuple(WeekCount(monday, per_week.get(monday, 0)) for monday in mondays),
        damaged_lines=damaged_lines,
        week_streak_at_least=bool(weekly_target) and failing_week < first_day,
        day_streak_at_least=day_reaches_start,
    )


def _walk(records: Sequence[LogRecord], tally: _Tally, cal: _Calendar, p0: float, p1: float, now_t: float) -> None:
    """The one pass: counters per day, reminders answered, and the sitting stretches.

    Hot loop over up to millions of records: every list is a local name and the commonest kinds
    are tested first.
    """
    stretches, bounds, markers = tally.stretches, cal.bounds, tally.markers
    active, done, full, done_in = tally.active, tally.done, tally.full, tally.done_in
    naturals, reminders, snoozes, skips = tally.naturals, tally.reminders, tally.snoozes, tally.skips
    by_routine = tally.by_routine
    answers = ANSWERS
    abandoned = deferred = answered = 0
    waiting: list[float] = []  # reminders in the period not answered yet
    state, sit_from, last_t, pending = _OFF, 0.0, p0, None
    di, day_start, day_end = 0, bounds[0], bounds[1]
    for record in records:
        kind = record.kind
        if kind == "step_done":  # half of a real log, and no figure needs it
            continue
        t = record.ts.timestamp()
        if t >= day_end or t < day_start:
            di = cal.index(t)
            day_start, day_end = bounds[di], bounds[di + 1]
        active[di] = True
        inside = p0 <= t < p1
        if waiting and kind in answers:
            for shown in waiting:
                if t - shown <= ANSWER_WINDOW_S:
                    answered += 1
            waiting.clear()

        if kind == "reminder_shown":
            if inside:
                reminders[di] += 1
                waiting.append(t)
        elif kind == "break_started":
            if state == _SITTING:
                pending = [sit_from, t, False]
                stretches.append(pending)
                state = _BREAK
        elif kind == "break_done" or kind == "natural_break":
            data = record.data
            if kind == "break_done":
                routine = data.get("routine")
                done[di] += 1
                if routine == FULL:
                    full[di] += 1
                group = routine if routine == DESK or routine == FULL else "other"
                if inside:
                    by_routine[group] += 1
                    done_in[di] += 1
                away = data.get("duration_s")
            else:
                group = "natural"
                if inside:
                    naturals[di] += 1
                away = data.get("away_s")
            if inside:
                markers.setdefault(di, []).append(Marker(t, group))
            if state == _SITTING:
                end = t - float(away or 0)
                stretches.append([sit_from, end if end > sit_from else sit_from, True])
            elif state == _BREAK and pending is not None:
                pending[2] = True
            if state == _SITTING or state == _BREAK:
                state, sit_from, pending = _SITTING, t, None
        elif kind == "snoozed":
            if inside:
                snoozes[di] += 1
        elif kind == "skipped":
            if inside:
                skips[di] += 1
        elif kind == "started":
            if state == _SITTING:
                stretches.append([sit_from, last_t, False])
            state, sit_from, pending = _SITTING, t, None
        elif kind in _STOPS:
            if state == _SITTING:
                stretches.append([sit_from, t, False])
            state = _STOPS[kind]
        elif kind == "standing_off":
            if state == _STANDING:
                state, sit_from = _SITTING, t
        elif kind == "back":
            if state == _SITTING and t > sit_from:
                sit_from = t
        elif kind == "break_abandoned":
            if inside:
                abandoned += 1
            if state == _BREAK:
                state, sit_from, pending = _SITTING, t, None
        elif kind == "deferred":
            if inside:
                deferred += 1
        if t > last_t:
            last_t = t
    if state == _SITTING:
        stretches.append([sit_from, max(sit_from, now_t), False])
    tally.abandoned, tally.deferred, tally.answered = abandoned, deferred, answered


def _sitting(
    stretches: list[list], p0: float, p1: float, cal: _Calendar
) -> tuple[float, float, list[float], dict[int, list[Segment]]]:
    """Clip stretches to the period: total, longest, lengths of those ended by a break, pieces per day."""
    total = longest = 0.0
    ended: list[float] = []
    per_day: dict[int, list[Segment]] = {}
    bounds = cal.bounds
    for start, end, in_break in stretches:
        if in_break and p0 <= end < p1:
            ended.append(end - start)
        a, b = max(start, p0), min(end, p1)
        if b <= a:
            continue
        total += b - a
        if b - a > longest:
            longest = b - a
        i = cal.index(a)
        while a < b:
            cut = min(b, bounds[i + 1])
            per_day.setdefault(i, []).append(Segment(a, cut, start))
            a, i = cut, i + 1
    return total, longest, ended, per_day


def _day(day: date, i: int, tally: _Tally, segments: list[Segment]) -> Day:
    return Day(
        date=day,
        sitting_s=round(sum(s.end - s.start for s in segments)),
        longest_stretch_s=round(max((s.end - s.start for s in segments), default=0)),
        breaks_done=tally.done_in[i],
        natural_breaks=tally.naturals[i],
        reminders_shown=tally.reminders[i],
        snoozes=tally.snoozes[i],
        skips=tally.skips[i],
        segments=tuple(segments),
        markers=tuple(tally.markers.get(i, ())),
    )


def _day_streak(tally: _Tally, today: int, first_complete: bool) -> tuple[int, bool]:
    """Days in a row with a break done, up to today; also whether older records could lengthen it."""
    streak = 1 if tally.done[today] else 0
    i = today - 1
    while i >= 0:
        if tally.done[i]:
            streak += 1
        elif tally.active[i]:
            return streak, i == 0 and not first_complete
        i -= 1
    return streak, True
