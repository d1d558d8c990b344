"""Every figure of `deskbreak stats`, the tray's "Today" line and the chart, in one pass over the log.

Pure: log records (oldest first) + a period + now + a time zone in, a frozen `Stats` out. The pass
reads them as events (deskbreak.stats.events: a tuple of the time and the few fields it needs); times
are epoch seconds inside, so DST never bends a duration; local midnights (from the zone) only decide
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

Per day, then per period. The pass adds everything into per-day totals (`_Tally`); every figure is
a sum or a max of those over the period's days. The pass can stop at a midnight and carry on later
from its `Machine` (the sitting stretch, a break in progress, reminders waiting for an answer), so
whole past days are counted once and kept (deskbreak.stats.day_cache) with the same figures as one
pass over the whole log. Periods up to DETAIL_DAYS_MAX days also carry each day's stretch pieces
and break markers, for the chart's timeline.

Streaks. Weeks (Monday to Sunday): see deskbreak.stats.weeks. Days: today counts once a break is
done; before it, every day with a break done in a row, where days with nothing logged (weekends,
holidays, machine off; `step_done` alone does not count) neither count nor break the streak.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from math import inf
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from deskbreak.core.waiting import kind_of
from deskbreak.stats.events import Event, from_records
from deskbreak.stats.periods import Period, midnights
from deskbreak.stats.weeks import FULL, LogRecord, WeekProgress, progress_of, week_start

DESK = "desk"
ANSWER_WINDOW_S = 15 * 60
ANSWERS = frozenset({"snoozed", "skipped", "break_started", "break_done"})

DETAIL_DAYS_MAX = 62  # periods up to this many days carry segments and markers (the chart's timeline)

_OFF, _SITTING, _BREAK, _STANDING = range(4)
# the walk's working rows, lists so the hot loop can update them in place (and the day cache keep them):
Stretch = list[Any]  # [start, end, ended_in_break]: epoch seconds, seconds, bool
Waiting = list[Any]  # [t, day]: a reminder's epoch seconds, and its day's index
DayArrays = dict[str, list[Any]]  # DAY_ARRAYS by name: ints, floats, or {reason: count}, one a day
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
    deferred_by_reason: dict[str, int]  # kind (microphone, camera, dnd, fullscreen, ...) -> count
    natural_breaks: int
    sitting_total_s: int
    longest_stretch_s: int
    avg_between_breaks_s: int | None
    week: WeekProgress
    day_streak: int
    days: tuple[Day, ...]  # each local day of the period up to today (segments and markers when short)
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
        self.bounds = midnights(first, self.count + 1, tz)

    def index(self, t: float) -> int:
        return min(max(bisect_right(self.bounds, t) - 1, 0), self.count - 1)

    def date(self, index: int) -> date:
        return self.first + timedelta(days=index)


DAY_COUNTS = (
    "active",
    "done",
    "full",
    "done_in",
    "desk",
    "full_in",
    "other",
    "naturals",
    "reminders",
    "snoozes",
    "skips",
    "abandoned",
    "deferred",
    "answered",
    "ended_n",
)
DAY_SECONDS = ("sitting", "piece_longest", "longest", "ended_s")
DAY_ARRAYS = DAY_COUNTS + DAY_SECONDS + ("cross_end", "deferred_by_reason")


class _Tally:
    """Per-day totals over the whole calendar (streaks look before the period).

    Every figure is a sum or a max of these over the period's days, so the totals of whole past
    days can be kept (deskbreak.stats.day_cache) and a later run adds only what was logged since.
    `done`, `full` and `active` count any time; the rest only inside the period. Seconds: `sitting`
    and `piece_longest` within the day; `longest` of stretches by the day they start in (clipped to
    the period); `ended_s`/`ended_n` stretches that ended in a break, by the day they ended;
    `cross_end` the latest end of a stretch running at the day's midnight.
    """

    # DAY_COUNTS, then DAY_SECONDS: one value a day each, set in __init__ by those names
    active: list[int]
    done: list[int]
    full: list[int]
    done_in: list[int]
    desk: list[int]
    full_in: list[int]
    other: list[int]
    naturals: list[int]
    reminders: list[int]
    snoozes: list[int]
    skips: list[int]
    abandoned: list[int]
    deferred: list[int]
    answered: list[int]
    ended_n: list[int]
    sitting: list[float]
    piece_longest: list[float]
    longest: list[float]
    ended_s: list[float]

    def __init__(self, days: int) -> None:
        for name in DAY_COUNTS:
            setattr(self, name, [0] * days)
        for name in DAY_SECONDS:
            setattr(self, name, [0.0] * days)
        self.cross_end = [-inf] * days
        self.deferred_by_reason: list[dict[str, int]] = [{} for _ in range(days)]  # inside the period
        self.markers: dict[int, list[Marker]] = {}
        self.segments: dict[int, list[Segment]] = {}

    def arrays(self) -> DayArrays:
        return {name: getattr(self, name) for name in DAY_ARRAYS}


@dataclass
class Machine:
    """Where the walk stands between two records: enough to carry on from there later."""

    state: int = _OFF
    sit_from: float = 0.0
    last_t: float = -inf
    pending: Stretch | None = None  # the stretch a break in progress ended: whether it ended in a break is open
    waiting: list[Waiting] = field(default_factory=list)  # [t, day] of reminders not answered yet

    def copy(self) -> Machine:
        return Machine(
            self.state, self.sit_from, self.last_t, None if self.pending is None else list(self.pending), [list(w) for w in self.waiting]
        )


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
    first_day = complete_from or (records[0].ts.astimezone(tz).date() if records else period.start.date())
    run = Run(period, now, tz, first_day)
    run.walk(from_records(records), Machine())
    return run.finish(weekly_target, damaged_lines, complete_from is not None)


class Run:
    """One computation of `Stats`, which may start from kept per-day totals and a `Machine`."""

    def __init__(self, period: Period, now: datetime, tz: tzinfo, first_day: date) -> None:
        self.period, self.now = period, now.astimezone(tz)
        self.now_t = self.now.timestamp()
        self.p0, self.p1 = period.start.timestamp(), min(period.end.timestamp(), self.now_t)
        self.first_day = min(first_day, period.start.date())
        self.cal = _Calendar(self.first_day, max(self.now.date(), (period.end - timedelta(microseconds=1)).date()), tz)
        self.tally = _Tally(self.cal.count)
        self.lo, self.hi = self.cal.index(self.p0), self.cal.index(max(self.p0, self.p1 - 1e-6))
        self.detail = self.hi - self.lo + 1 <= DETAIL_DAYS_MAX
        self.kept_until = 0  # days before this index came from kept totals: their cross_end counts

    def keep(self, arrays: DayArrays, first: date, days: int) -> None:
        """Start from kept totals of the days `first`.. (`days` of them), unfiltered by any period.

        Valid when the period starts at a local midnight and those days lie before `now`: then a day
        is inside the period exactly when all of it is.
        """
        shift = (first - self.cal.first).days
        for name, values in arrays.items():
            getattr(self.tally, name)[shift : shift + days] = values[:days]
        self.kept_until = shift + days

    def walk(self, events: Sequence[Event], machine: Machine, from_day: date | None = None) -> None:
        """Events (in log order) after `machine`'s point, into the tally; the open stretch runs until now."""
        start = None if from_day is None else min(max((from_day - self.cal.first).days, 0), self.cal.count - 1)
        stretches = _walk(events, self.tally, self.cal, self.p0, self.p1, machine, self.detail, start_day=start)
        if machine.state == _SITTING:
            stretches.append([machine.sit_from, max(machine.sit_from, self.now_t), False])
        _sitting(stretches, self.p0, self.p1, self.cal, self.tally, self.detail)

    def finish(self, weekly_target: int, damaged_lines: int, first_complete: bool) -> Stats:
        tally, cal, lo, hi, now = self.tally, self.cal, self.lo, self.hi, self.now
        span = range(lo, hi + 1)
        longest = max((tally.longest[i] for i in span), default=0.0)
        if lo < self.kept_until and self.p0 == cal.bounds[lo]:
            longest = max(longest, min(tally.cross_end[lo], self.p1) - self.p0)
        ended_s = 0.0
        for i in span:
            ended_s += tally.ended_s[i]
        ended_n = sum(tally.ended_n[i] for i in span)
        sitting = 0.0
        for i in span:
            sitting += tally.sitting[i]
        days = tuple(_day(cal.date(i), i, tally) for i in span)
        per_week: dict[date, int] = {}
        for i, count in enumerate(tally.full):
            if count:
                monday = week_start(cal.date(i))
                per_week[monday] = per_week.get(monday, 0) + count
        week = progress_of(per_week, now, weekly_target)
        day_streak, day_reaches_start = _day_streak(tally, cal.index(self.now_t), first_complete)
        failing_week = week_start(now.date()) - timedelta(weeks=week.streak)  # the week that ended the streak
        first_week = min(week_start(self.period.start.date()), week_start(now.date()) - timedelta(weeks=7))
        mondays = [first_week + timedelta(weeks=k) for k in range((week_start(now.date()) - first_week).days // 7 + 1)]
        return Stats(
            period=self.period,
            now=now,
            breaks_desk=sum(tally.desk[i] for i in span),
            breaks_full=sum(tally.full_in[i] for i in span),
            breaks_other=sum(tally.other[i] for i in span),
            breaks_abandoned=sum(tally.abandoned[i] for i in span),
            reminders_shown=sum(d.reminders_shown for d in days),
            answered_within_15m=sum(tally.answered[i] for i in span),
            snoozes=sum(d.snoozes for d in days),
            skips=sum(d.skips for d in days),
            deferred=sum(tally.deferred[i] for i in span),
            deferred_by_reason=_summed(tally.deferred_by_reason[i] for i in span),
            natural_breaks=sum(d.natural_breaks for d in days),
            sitting_total_s=round(sitting),
            longest_stretch_s=round(longest),
            avg_between_breaks_s=round(ended_s / ended_n) if ended_n else None,
            week=week,
            day_streak=day_streak,
            days=days,
            weeks=tuple(WeekCount(monday, per_week.get(monday, 0)) for monday in mondays),
            damaged_lines=damaged_lines,
            week_streak_at_least=bool(weekly_target) and failing_week < self.first_day,
            day_streak_at_least=day_reaches_start,
        )


def _summed(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Per-day {reason: count} added up, sorted by reason."""
    total: dict[str, int] = {}
    for day in counts:
        for why, n in day.items():
            total[why] = total.get(why, 0) + n
    return dict(sorted(total.items()))


def walk_days(
    events: Sequence[Event],
    first: date,
    days: int,
    tz: tzinfo,
    kept: DayArrays,
    machine: Machine,
    new_day: Callable[[int, Machine], None],
) -> tuple[DayArrays, list[float]]:
    """Per-day totals of the whole days first.. (`days` of them), carried on from the `kept` totals of
    the days before `events` begin and the `machine` there; no period, so everything counts.

    Returns the totals and the days' midnights (epoch seconds). `machine` is left where the events
    end; a break still in progress stays in it, to be counted once it is over. Raises ValueError when
    the events go back to an earlier day (the totals of a day must be final when the next begins).
    """
    cal = _Calendar(first, first + timedelta(days=days - 1), tz)
    tally = _Tally(cal.count)
    start = len(next(iter(kept.values()), []))
    for name, values in kept.items():
        getattr(tally, name)[:start] = values
    stretches = _walk(events, tally, cal, -inf, inf, machine, False, new_day, start_day=start)
    if machine.pending is not None:
        stretches.pop()
    _sitting(stretches, -inf, inf, cal, tally, False)
    return tally.arrays(), cal.bounds


def _walk(
    events: Sequence[Event],
    tally: _Tally,
    cal: _Calendar,
    p0: float,
    p1: float,
    machine: Machine,
    detail: bool,
    new_day: Callable[[int, Machine], None] | None = None,
    start_day: int | None = None,
) -> list[Stretch]:
    """The one pass: counters per day, reminders answered, and the sitting stretches ([start, end,
    ended_in_break]) that closed, the one a break in progress ended first. `machine` is updated.

    `new_day(day, machine)` is called as the walk enters each later day (keeping per-day totals);
    then events must not go back to an earlier day (ValueError).
    Hot loop over up to millions of events: every list is a local name and the commonest kinds
    are tested first.
    """
    bounds, markers = cal.bounds, tally.markers
    active, done, full, done_in = tally.active, tally.done, tally.full, tally.done_in
    naturals, reminders, snoozes, skips = tally.naturals, tally.reminders, tally.snoozes, tally.skips
    by_routine = {DESK: tally.desk, FULL: tally.full_in, "other": tally.other}
    abandoned, deferred, answered = tally.abandoned, tally.deferred, tally.answered
    by_reason = tally.deferred_by_reason
    answers = ANSWERS
    state, sit_from, last_t, pending = machine.state, machine.sit_from, machine.last_t, machine.pending
    waiting = [w for w in machine.waiting if p0 <= w[0] < p1]  # reminders in the period not answered yet
    stretches: list[Stretch] = [] if pending is None else [pending]
    di = start_day if start_day is not None else cal.index(last_t) if last_t > -inf else 0
    day_start, day_end = bounds[di], bounds[di + 1]
    for t, kind, routine, duration, away, reason in events:
        if kind == "step_done":  # no figure needs it (most of its lines are dropped before they are read)
            continue
        if t >= day_end or t < day_start:
            was = di
            di = cal.index(t)
            day_start, day_end = bounds[di], bounds[di + 1]
            if new_day is not None:
                if di < was:
                    raise ValueError("records go back to an earlier day")
                for day in range(was + 1, di + 1):
                    new_day(day, Machine(state, sit_from, last_t, pending, waiting))
        active[di] = 1
        inside = p0 <= t < p1
        if waiting and kind in answers:
            for shown, day in waiting:
                if t - shown <= ANSWER_WINDOW_S:
                    answered[day] += 1
            waiting = []

        if kind == "reminder_shown":
            if inside:
                reminders[di] += 1
                waiting.append([t, di])
        elif kind == "break_started":
            if state == _SITTING:
                pending = [sit_from, t, False]
                stretches.append(pending)
                state = _BREAK
        elif kind == "break_done" or kind == "natural_break":
            if kind == "break_done":
                done[di] += 1
                if routine == FULL:
                    full[di] += 1
                group = routine if routine == DESK or routine == FULL else "other"
                if inside:
                    by_routine[group][di] += 1
                    done_in[di] += 1
                gone = duration  # the break's length: the stretch ended that long before
            else:
                group = "natural"
                if inside:
                    naturals[di] += 1
                gone = away  # the user went away that long before
            if inside and detail:
                markers.setdefault(di, []).append(Marker(t, group))
            if state == _SITTING:
                end = t - float(gone or 0)
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
            state, pending = _STOPS[kind], None
        elif kind == "standing_off":
            if state == _STANDING:
                state, sit_from = _SITTING, t
        elif kind == "back":
            if state == _SITTING and t > sit_from:
                sit_from = t
        elif kind == "break_abandoned":
            if inside:
                abandoned[di] += 1
            if state == _BREAK:
                state, sit_from, pending = _SITTING, t, None
        elif kind == "deferred":
            if inside:
                deferred[di] += 1
                why, reasons = kind_of(str(reason or "unknown")), by_reason[di]
                reasons[why] = reasons.get(why, 0) + 1
        if t > last_t:
            last_t = t
    machine.state, machine.sit_from, machine.last_t, machine.pending, machine.waiting = (state, sit_from, last_t, pending, waiting)
    return stretches


def _sitting(stretches: list[Stretch], p0: float, p1: float, cal: _Calendar, tally: _Tally, detail: bool) -> None:
    """Clip stretches to the period and add them to the days: sitting, longest, ended in a break.

    Once per stretch (ten years: tens of thousands), so the calendar's index is inlined here."""
    bounds, count, last = cal.bounds, cal.count, cal.count - 1
    sitting, piece_longest, longest = tally.sitting, tally.piece_longest, tally.longest
    ended_s, ended_n, cross_end, per_day = tally.ended_s, tally.ended_n, tally.cross_end, tally.segments
    for start, end, in_break in stretches:
        if in_break and p0 <= end < p1:
            j = bisect_right(bounds, end) - 1
            j = 0 if j < 0 else last if j > last else j
            ended_s[j] += end - start
            ended_n[j] += 1
        a = start if start > p0 else p0
        b = end if end < p1 else p1
        if b <= a:
            continue
        i = bisect_right(bounds, a) - 1
        i = 0 if i < 0 else last if i > last else i
        if b - a > longest[i]:
            longest[i] = b - a
        while a < b:
            cut = bounds[i + 1]
            if b < cut:
                cut = b
            sitting[i] += cut - a
            if cut - a > piece_longest[i]:
                piece_longest[i] = cut - a
            if detail:
                per_day.setdefault(i, []).append(Segment(a, cut, start))
            a, i = cut, i + 1
            if a < b and i < count and b > cross_end[i]:
                cross_end[i] = b


def _day(day: date, i: int, tally: _Tally) -> Day:
    return Day(
        date=day,
        sitting_s=round(tally.sitting[i]),
        longest_stretch_s=round(tally.piece_longest[i]),
        breaks_done=tally.done_in[i],
        natural_breaks=tally.naturals[i],
        reminders_shown=tally.reminders[i],
        snoozes=tally.snoozes[i],
        skips=tally.skips[i],
        segments=tuple(tally.segments.get(i, ())),
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
