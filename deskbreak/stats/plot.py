"""`deskbreak stats --plot`: a 1200×600 chart of the period, for people who would rather look than read.

Left: one row per day, sitting stretches as bars across the hours of the day (over the sit limit
in vermillion) and each break as a marker. Periods longer than two months show weekly or monthly
totals there instead. Right: full routines per week against the target line.
Okabe-Ito colours throughout, so the chart reads with any colour vision, on white paper or, in a
dark history window, on the window's dark ground. `chart` draws onto a Figure the caller owns
(the history window's canvas, at its size and scale); `draw` writes the PNG. No pyplot: no
global figure or style state. Imports matplotlib (the optional extra `plot`), so only --plot and
the history window load this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from deskbreak.config.durations import format_duration
from deskbreak.stats.compute import DETAIL_DAYS_MAX, Day, Segment, Stats
from deskbreak.stats.render import format_total

# Okabe & Ito (2008), "Color Universal Design".
BLUE, VERMILLION, GREEN, ORANGE, SKY, PURPLE, GREY = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#999999")


@dataclass(frozen=True)
class Paper:
    """What the chart is drawn on: its ground, text, secondary text, grid and axis lines."""

    face: str
    ink: str
    muted: str
    grid: str
    edge: str


WHITE = Paper("white", "#222222", "#666666", "#e4e4e4", "#bbbbbb")
MARKERS = {  # break kind -> (marker, colour, legend label)
    "desk": ("o", GREEN, "desk break"),
    "full": ("D", ORANGE, "full routine"),
    "other": ("s", PURPLE, "other routine"),
    "natural": ("^", SKY, "away (natural break)"),
}
TIMELINE_DAYS_MAX = DETAIL_DAYS_MAX  # days carry their stretches only this far
WEEKS_SHOWN_MAX = 16


def draw(stats: Stats, path: Path, sit_limit_s: float | None = None) -> None:
    """Write the PNG to `path` (1200×600 px)."""
    fig = Figure(figsize=(12, 6), dpi=100)
    chart(fig, stats, sit_limit_s)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100, facecolor=WHITE.face)


def chart(fig: Figure, stats: Stats, sit_limit_s: float | None = None, paper: Paper = WHITE, title: bool = True) -> None:
    """Draw the period onto `fig` (cleared first); title=False leaves the heading to the caller."""
    with matplotlib.rc_context({"font.size": 11}):  # the type every text made here gets
        _chart(fig, stats, sit_limit_s, paper, title)


def _chart(fig: Figure, stats: Stats, sit_limit_s: float | None, paper: Paper, title: bool) -> None:
    fig.clear()
    fig.set_facecolor(paper.face)
    if fig.get_layout_engine() is not None:  # the window's canvas: matplotlib fits the margins to any size
        grid = fig.add_gridspec(1, 2, width_ratios=(2.6, 1))
    else:
        grid = fig.add_gridspec(1, 2, width_ratios=(2.6, 1), left=0.1, right=0.98, top=0.84 if title else 0.93, bottom=0.17, wspace=0.2)
    days_ax, weeks_ax = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    for ax in fig.axes:
        _on_paper(ax, paper)
    if len(stats.days) <= TIMELINE_DAYS_MAX:
        _timeline(days_ax, stats.days, sit_limit_s, stats.now.tzinfo, paper)
    else:
        _totals(days_ax, stats.days, paper)
    _weeks(weeks_ax, stats, paper)
    if title:
        fig.suptitle(f"deskbreak — {stats.period.label()}", x=0.1, y=0.965, ha="left", fontsize=17, fontweight="bold", color=paper.ink)
        fig.text(0.1, 0.895, _headline(stats), ha="left", fontsize=12, color=paper.muted)


def _on_paper(ax: Axes, paper: Paper) -> None:
    """The paper's colours and an 11 pt tick type, kept by the axis for ticks it makes later (a resize)."""
    ax.set_facecolor(paper.face)
    ax.tick_params(colors=paper.edge, labelcolor=paper.ink, labelsize=11)
    for spine in ax.spines.values():
        spine.set_color(paper.edge)


def _headline(stats: Stats) -> str:
    parts = [
        f"{stats.breaks_done} break{'s' if stats.breaks_done != 1 else ''} done",
        f"{stats.natural_breaks} natural",
        f"sitting {format_total(stats.sitting_total_s)}",
        f"longest stretch {format_duration(stats.longest_stretch_s)}",
    ]
    if stats.avg_between_breaks_s is not None:
        parts.append(f"{format_duration(stats.avg_between_breaks_s)} between breaks on average")
    return "  ·  ".join(parts)


def _hours(t: float, day: date, tz: tzinfo | None) -> float:
    """Wall-clock hours since the day's midnight (24 for the next midnight): where a moment sits on the clock."""
    moment = datetime.fromtimestamp(t, tz)
    if moment.date() > day:
        return 24.0
    return moment.hour + moment.minute / 60 + moment.second / 3600


def _limit_reached(seg: Segment, sit_limit_s: float | None) -> float:
    """Where within the segment its stretch passed the sit limit (its start or end if outside it)."""
    if not sit_limit_s:
        return seg.end
    return min(max(seg.stretch_start + sit_limit_s, seg.start), seg.end)


def _timeline(ax: Axes, days: tuple[Day, ...], sit_limit_s: float | None, tz: tzinfo | None, paper: Paper) -> None:
    rows = list(reversed(days))  # first day on top
    spans = [(_hours(s.start, d.date, tz), _hours(s.end, d.date, tz)) for d in days for s in d.segments]
    spans += [(_hours(m.at, d.date, tz),) * 2 for d in days for m in d.markers]
    lo = int(min((a for a, _ in spans), default=8))
    hi = math.ceil(max((b for _, b in spans), default=18))
    lo, hi = lo - lo % 2, min(24, hi + hi % 2)  # even hours, so the 2-hour ticks read 08:00, 10:00...
    dense = len(rows) > 10
    height = 0.5 if dense else 0.56
    size = 5 if dense else 8
    for y, day in enumerate(rows):
        within, over = [], []
        for seg in day.segments:
            a, b = _hours(seg.start, day.date, tz), _hours(seg.end, day.date, tz)
            cut = _hours(_limit_reached(seg, sit_limit_s), day.date, tz)
            within.append((a, max(cut - a, 0.02)))
            if b > cut:
                over.append((cut, b - cut))
        bar: dict[str, Any] = {"edgecolor": paper.face, "linewidth": 0.6}
        ax.broken_barh(within, (y - height / 2, height), facecolors=BLUE, **bar)
        ax.broken_barh(over, (y - height / 2, height), facecolors=VERMILLION, linewidth=0)
        for marker in day.markers:
            shape, colour, _ = MARKERS[marker.kind]
            ax.plot(
                _hours(marker.at, day.date, tz),
                y + height / 2 + (0.08 if dense else 0.13),
                shape,
                color=colour,
                markersize=size,
                markeredgecolor=paper.face,
                markeredgewidth=0.6,
                clip_on=False,
                zorder=3,
            )
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_yticks(range(len(rows)))
    step = 1 if len(rows) <= 16 else 2 if len(rows) <= 35 else 4
    ax.set_yticklabels([f"{d.date:%a %d %b}" if i % step == 0 else "" for i, d in enumerate(reversed(rows))][::-1])
    ax.set_xlim(lo, hi)
    ticks = range(lo, hi + 1, 1 if hi - lo <= 8 else 2)  # a long day in a narrow window: every other hour
    ax.set_xticks(list(ticks))
    ax.set_xticklabels([f"{h:02d}:00" for h in ticks])
    ax.grid(axis="x", color=paper.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title("Sitting stretches and breaks, by time of day", loc="left", fontsize=12, color=paper.ink)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    limit = format_duration(sit_limit_s) if sit_limit_s else None
    handles: list[Artist] = [Patch(color=BLUE, label="sitting")]
    if limit:
        handles.append(Patch(color=VERMILLION, label=f"sitting past {limit}"))
    kinds = {m.kind for d in days for m in d.markers}
    handles += [
        Line2D([], [], marker=shape, color=colour, linestyle="", markersize=8, label=label)
        for kind, (shape, colour, label) in MARKERS.items()
        if kind in kinds
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.09),
        ncol=len(handles),
        frameon=False,
        fontsize=10,
        labelcolor=paper.ink,
        handlelength=1.2,
        columnspacing=1.4,
    )


def _totals(ax: Axes, days: tuple[Day, ...], paper: Paper) -> None:
    """Long periods: average sitting per day and breaks per day, by week (≤ 2 years) or by month."""
    by_month = len(days) > 730
    buckets: dict[date, list[Day]] = {}
    for day in days:
        key = day.date.replace(day=1) if by_month else day.date - timedelta(days=day.date.weekday())
        buckets.setdefault(key, []).append(day)
    keys = sorted(buckets)
    sitting = [sum(d.sitting_s for d in buckets[k]) / 3600 / len(buckets[k]) for k in keys]
    breaks = [sum(d.breaks_done for d in buckets[k]) / len(buckets[k]) for k in keys]
    width = 25 if by_month else 5.5
    # matplotlib takes dates through its units registry; its stubs admit only numbers and arrays
    ax.bar(keys, sitting, width=width, color=BLUE, label="sitting, hours per day")  # type: ignore[arg-type]
    ax.set_ylabel("hours of sitting per day", color=BLUE)
    twin = ax.twinx()
    _on_paper(twin, paper)
    twin.plot(keys, breaks, color=ORANGE, linewidth=2, label="breaks done per day")  # type: ignore[arg-type]
    twin.set_ylabel("breaks done per day", color=ORANGE)
    twin.set_ylim(0, max(breaks + [1]) * 1.2)
    ax.grid(axis="y", color=paper.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title(f"Daily averages, by {'month' if by_month else 'week'}", loc="left", fontsize=12, color=paper.ink)
    handles = [Patch(color=BLUE, label="sitting (hours per day)"), Line2D([], [], color=ORANGE, linewidth=2, label="breaks done per day")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=2, frameon=False, fontsize=10, labelcolor=paper.ink)


def _weeks(ax: Axes, stats: Stats, paper: Paper) -> None:
    weeks = stats.weeks[-WEEKS_SHOWN_MAX:]
    target = stats.week.target
    x = range(len(weeks))
    colours = [GREEN if target and w.full_done >= target else GREY for w in weeks]
    ax.bar(x, [w.full_done for w in weeks], color=colours, width=0.7)
    if target:
        ax.axhline(target, color=VERMILLION, linestyle="--", linewidth=1.8)
        ax.text(len(weeks) - 0.5, target, f"target {target}", color=VERMILLION, ha="right", va="bottom", fontsize=10)
    step = 1 if len(weeks) <= 8 else 2 if len(weeks) <= 16 else 4
    ax.set_xticks(list(x))
    ax.set_xticklabels(
        [f"{w.start:%d %b}" if i % step == (len(weeks) - 1) % step else "" for i, w in enumerate(weeks)],
        rotation=45,
        ha="right",
        fontsize=9,
    )
    top = max([w.full_done for w in weeks] + [target]) + 1
    ax.set_ylim(0, top)
    ax.set_yticks(range(0, top + 1, 1 if top <= 8 else 2))
    ax.grid(axis="y", color=paper.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_title("Full routines per week", loc="left", fontsize=12, color=paper.ink)
    if stats.week.streak:
        ax.text(
            0.02,
            0.97,
            f"{stats.week.streak}-week streak",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=11,
            color=GREEN,
            fontweight="bold",
        )
    ax.set_xlabel("week starting", color=paper.muted, fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
