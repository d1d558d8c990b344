"""`Stats` for people (a terminal table, the tray's one-line "Today") and for programs (JSON).

The JSON of `deskbreak stats --json` is a stable interface: keys are only ever added, never renamed
or dropped, and `schema` changes if a meaning ever has to. Units: durations are whole seconds
(ints, suffix `_s`), percentages are 0..100 with one decimal or null when there is nothing to
divide, times are ISO 8601 with the local offset, dates are YYYY-MM-DD (local calendar).

    schema                   1
    period                   {name: today|week|month|since, start, end, until}
                             [start, end) in local wall time; until = now (figures stop there)
    breaks_done              {total, desk, full, other}   finished routines by name
    breaks_abandoned         routines stopped before their end
    natural_breaks           times the user was away long enough to count as a break
    reminders_shown          every reminder notification, re-notifications included
    answered_within_15m      reminders followed within 15 min by a snooze, skip or break
    answered_within_15m_pct  0..100 or null (no reminders)
    snoozes, skips, deferred counts (deferred: reminders held back while the user was busy)
    deferred_by_reason       {kind: count} for the deferred reminders, by why they waited:
                             fullscreen, inhibit (an idle inhibitor), microphone, camera,
                             dnd (Do Not Disturb), meeting app; only kinds that occurred
    sitting_total_s          sitting inside the period
    longest_stretch_s        longest sitting stretch (the part inside the period)
    avg_between_breaks_s     mean stretch that ended in a break, or null
    full_this_week           {done, target, behind}   the current Monday-to-Sunday week
    week_streak              weeks in a row that reached the target (this one once reached)
    day_streak               days in a row with a break done (days with nothing logged are skipped)
    week_streak_at_least,    true when that streak runs back to the log's first day: history from
    day_streak_at_least      before the log could lengthen it, so the streak is a lower bound
    days                     [{date, sitting_s, longest_stretch_s, breaks_done, natural_breaks,
                               reminders_shown, snoozes, skips}]   each local day up to today
    weeks                    [{start, full_done}]   Mondays, the period's weeks and at least 8
    damaged_lines            log lines that could not be read (skipped, never fatal)

How sitting stretches and streaks are counted: see deskbreak.stats.compute.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from deskbreak.config import localformat
from deskbreak.config.durations import format_duration
from deskbreak.config.i18n import _, ngettext
from deskbreak.stats.compute import DETAIL_DAYS_MAX, Stats

SCHEMA = 1
DAY_TABLE_MAX = 31  # longer periods list no per-day rows in the terminal (the JSON always has them)


def to_json(stats: Stats) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "period": {
            "name": stats.period.name,
            "start": stats.period.start.isoformat(timespec="seconds"),
            "end": stats.period.end.isoformat(timespec="seconds"),
            "until": stats.now.isoformat(timespec="seconds"),
        },
        "breaks_done": {
            "total": stats.breaks_done,
            "desk": stats.breaks_desk,
            "full": stats.breaks_full,
            "other": stats.breaks_other,
        },
        "breaks_abandoned": stats.breaks_abandoned,
        "natural_breaks": stats.natural_breaks,
        "reminders_shown": stats.reminders_shown,
        "answered_within_15m": stats.answered_within_15m,
        "answered_within_15m_pct": stats.answered_pct,
        "snoozes": stats.snoozes,
        "skips": stats.skips,
        "deferred": stats.deferred,
        "deferred_by_reason": stats.deferred_by_reason,
        "sitting_total_s": stats.sitting_total_s,
        "longest_stretch_s": stats.longest_stretch_s,
        "avg_between_breaks_s": stats.avg_between_breaks_s,
        "full_this_week": {"done": stats.week.done, "target": stats.week.target, "behind": stats.week.behind},
        "week_streak": stats.week.streak,
        "day_streak": stats.day_streak,
        "week_streak_at_least": stats.week_streak_at_least,
        "day_streak_at_least": stats.day_streak_at_least,
        "days": [
            {
                "date": day.date.isoformat(),
                "sitting_s": day.sitting_s,
                "longest_stretch_s": day.longest_stretch_s,
                "breaks_done": day.breaks_done,
                "natural_breaks": day.natural_breaks,
                "reminders_shown": day.reminders_shown,
                "snoozes": day.snoozes,
                "skips": day.skips,
            }
            for day in stats.days
        ],
        "weeks": [{"start": w.start.isoformat(), "full_done": w.full_done} for w in stats.weeks],
        "damaged_lines": stats.damaged_lines,
    }


def format_total(seconds: int) -> str:
    """Sitting totals in hours, never days: "7h27m", "40h36m", "1,234 h"."""
    hours, minutes = divmod(round(seconds) // 60, 60)
    if hours < 24:
        return format_duration(seconds)
    return f"{hours}h{minutes:02d}m" if hours < 100 else f"{hours:,} h"


def today_summary(stats: Stats) -> str:
    """The tray's status line, from stats of a period that includes today."""
    today = stats.days[-1] if stats.days and stats.days[-1].date == stats.now.date() else None
    count = today.breaks_done if today else 0
    week = stats.week
    return f"Today: {count} break{'s' if count != 1 else ''} · full routine {week.done}/{week.target} this week"


def figures(stats: Stats) -> list[tuple[str, str, str]]:
    """The figures as (what, value, detail): the table's lines, and the history window's."""
    s = stats
    pct = "–" if s.answered_pct is None else f"{s.answered_pct:.0f}%"
    avg = "–" if s.avg_between_breaks_s is None else format_duration(s.avg_between_breaks_s)
    week = s.week
    streak = ""
    if week.streak:
        weeks = f"{week.streak}{'+' if s.week_streak_at_least else ''}"
        streak = " · " + ngettext("{weeks}-week streak", "{weeks}-week streak", week.streak).format(weeks=weeks)
    days_plus = "+" if s.day_streak_at_least else ""
    kinds = _("desk {desk} · full {full} · other {other}").format(desk=s.breaks_desk, full=s.breaks_full, other=s.breaks_other)
    if s.breaks_abandoned:
        kinds += " · " + _("{count} stopped early").format(count=s.breaks_abandoned)
    return [
        (_("Breaks done"), f"{s.breaks_done}", kinds),
        (_("Natural breaks"), f"{s.natural_breaks}", _("away long enough to count")),
        (_("Reminders shown"), f"{s.reminders_shown}", _("answered within 15 min: {percent}").format(percent=pct)),
        (_("Snoozes"), f"{s.snoozes}", ""),
        (_("Skips"), f"{s.skips}", ""),
        (
            _("Deferred"),
            f"{s.deferred}",
            " · ".join(f"{why} {n}" for why, n in s.deferred_by_reason.items())
            or _("held back while you were busy (a call, full screen, do not disturb)"),
        ),
        (
            _("Sitting"),
            format_total(s.sitting_total_s),
            _("longest stretch {time}").format(time=format_duration(s.longest_stretch_s)),
        ),
        (_("Between breaks"), avg, _("average sitting before a break")),
        (
            _("Full routine"),
            _("{done} of {target}").format(done=week.done, target=week.target),
            (_("this week (behind)") if week.behind else _("this week")) + streak,
        ),
        (
            _("Day streak"),
            f"{s.day_streak}{days_plus}",
            ngettext("day in a row with a break done", "days in a row with a break done", s.day_streak),
        ),
    ]


def table(stats: Stats) -> str:
    """The readable report: the figures, then one row per day for periods up to a month."""
    s = stats
    rows = figures(s)
    label_w = max(_width(r[0]) for r in rows)
    value_w = max(_width(r[1]) for r in rows)
    lines = [_("deskbreak stats — {period}").format(period=s.period.label()), ""]
    lines += [f"  {_pad(a, label_w)}  {_pad(b, value_w, right=True)}  {c}".rstrip() for a, b, c in rows]
    if 1 < len(s.days) <= DAY_TABLE_MAX:
        heads = (_("Day"), _("Sitting"), _("Longest"), _("Breaks"), _("Natural"), _("Reminders"))
        days = [
            (localformat.day(day.date), format_duration(day.sitting_s), format_duration(day.longest_stretch_s))
            + (str(day.breaks_done), str(day.natural_breaks), str(day.reminders_shown))
            for day in s.days
        ]
        widths = [max(_width(row[n]) for row in (heads, *days)) for n in range(len(heads))]
        for row in (heads, *days):
            cells = [_pad(cell, widths[n], right=n > 0) for n, cell in enumerate(row)]
            lines.append(("" if row is not heads else "\n") + "  " + "  ".join(cells))
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns on a terminal: Japanese and Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


WEEKS_IN_WORDS_MAX = 16  # as many weeks as the chart's right-hand side draws


def chart_in_words(stats: Stats) -> list[str]:
    """The chart of `deskbreak stats --plot` as sentences, for whoever cannot see it (a screen
    reader reads them): each day of the left side (or each week's daily averages, for a long
    period), then each week's full routines against the target, and the streak."""
    lines = []
    if len(stats.days) <= DETAIL_DAYS_MAX:
        for day in stats.days:
            lines.append(
                _("{day}: sitting {sitting}, longest stretch {longest}, {breaks}, {natural}.").format(
                    day=localformat.day(day.date),
                    sitting=format_duration(day.sitting_s),
                    longest=format_duration(day.longest_stretch_s),
                    breaks=ngettext("{n} break done", "{n} breaks done", day.breaks_done).format(n=day.breaks_done),
                    natural=ngettext("{n} natural break", "{n} natural breaks", day.natural_breaks).format(n=day.natural_breaks),
                )
            )
    else:
        by_week: dict[str, list[tuple[int, int]]] = {}
        for day in stats.days:
            monday = day.date.toordinal() - day.date.weekday()
            by_week.setdefault(localformat.full_date(type(day.date).fromordinal(monday)), []).append((day.sitting_s, day.breaks_done))
        for week, days in list(by_week.items())[-WEEKS_IN_WORDS_MAX:]:
            sitting = sum(s for s, _b in days) // len(days)
            breaks = sum(b for _s, b in days) / len(days)
            lines.append(
                _("Week of {week}: on average {sitting} sitting and {breaks} breaks done a day.").format(
                    week=week, sitting=format_duration(sitting), breaks=f"{breaks:.1f}"
                )
            )
    target = stats.week.target
    weeks = ", ".join(f"{localformat.short_date(w.start)} {w.full_done}" for w in stats.weeks[-WEEKS_IN_WORDS_MAX:])
    lines.append(_("Full routines per week, against a target of {target}: {weeks}.").format(target=target, weeks=weeks))
    if stats.week.streak:
        streak = f"{stats.week.streak}{'+' if stats.week_streak_at_least else ''}"
        lines.append(_("{weeks}-week streak of reaching the target.").format(weeks=streak))
    return lines
