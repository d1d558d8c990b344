"""How the full routine is going this week: count, target, streak and whether the week is behind.

Weeks start on Monday, in the local calendar of `now`. The routine window (week line, offer of the
full routine) and `deskbreak stats` both count here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Mapping, Protocol

from deskbreak.config.i18n import _, ngettext

FULL = "full"


class LogRecord(Protocol):
    """An event read back (deskbreak.eventlog.Record, a NamedTuple): read-only, hence properties."""

    @property
    def ts(self) -> datetime: ...

    @property
    def kind(self) -> str: ...

    @property
    def data(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class WeekProgress:
    done: int  # full routines finished this week
    target: int
    streak: int  # weeks in a row, up to this one, that reached the target (this week counts once reached)
    behind: bool  # fewer than the days gone so far call for

    def summary(self) -> str:
        if self.streak:
            return ngettext(
                "Full routine this week: {done} of {target} · {streak}-week streak",
                "Full routine this week: {done} of {target} · {streak}-week streak",
                self.streak,
            ).format(done=self.done, target=self.target, streak=self.streak)
        return _("Full routine this week: {done} of {target}").format(done=self.done, target=self.target)


def should_offer_full(progress: WeekProgress, routine: str, last_offered: date | None, today: date) -> bool:
    """Offer the full routine instead of another one when the week is behind, at most once a day."""
    return routine != FULL and progress.behind and last_offered != today


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_progress(records: Iterable[LogRecord], now: datetime, target: int) -> WeekProgress:
    """The week's full routines from raw records, for callers that need nothing else."""
    per_week: dict[date, int] = {}
    for record in records:
        if record.kind == "break_done" and record.data.get("routine") == FULL:
            week = week_start(record.ts.astimezone(now.tzinfo).date())
            per_week[week] = per_week.get(week, 0) + 1
    return progress_of(per_week, now, target)


def progress_of(per_week: Mapping[date, int], now: datetime, target: int) -> WeekProgress:
    """Progress from full routines counted per week (keyed by Monday)."""
    this_week = week_start(now.date())
    done = per_week.get(this_week, 0)
    streak = 1 if target and done >= target else 0
    week = this_week - timedelta(weeks=1)
    while target and per_week.get(week, 0) >= target:
        streak += 1
        week -= timedelta(weeks=1)
    expected_by_now = target * (now.weekday() + 1) // 7
    return WeekProgress(done=done, target=target, streak=streak, behind=done < expected_by_now)
